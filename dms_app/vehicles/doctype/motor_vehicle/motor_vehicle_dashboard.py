def get_data():
	"""The vehicle's service history: its repair orders, appointments and the repair orders imported
	from the previous DMS (Vehicle Service History; all link it as `vehicle`).

	The label stays in English: Frappe caches this in the doctype's form meta for every user, and the
	desk translates it (`__(label)` in form_links.html) in each user's own language; a label translated
	here would be cached in the language of whoever opened the form first.
	"""
	return {
		"fieldname": "vehicle",
		"transactions": [
			{"label": "Service", "items": ["Repair Order", "Service Appointment", "Vehicle Service History"]},
			{"label": "Inspection", "items": ["Vehicle Inspection", "Deferred Work"]},
		],
	}
