from frappe import _


def get_data():
	"""The vehicle's service history: its repair orders and appointments (both link it as `vehicle`)."""
	return {
		"fieldname": "vehicle",
		"transactions": [{"label": _("Service"), "items": ["Repair Order", "Service Appointment"]}],
	}
