"""Sites installed before the digital inspection: its default template and reminders, once."""


def execute():
	from dms_app.service.inspection_setup import ensure_defaults

	ensure_defaults()
