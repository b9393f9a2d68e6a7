"""Sites installed before vehicle documents and floor-plan financing: the document types, once."""


def execute():
	from dms_app.floor_plan.setup import ensure_defaults

	ensure_defaults()
