app_name = "dms_app"
app_title = "DMS"
app_publisher = "dms_app developers"
app_description = "Automotive Dealer Management System on ERPNext"
app_email = "dms@example.com"
app_license = "mit"
app_logo_url = "/assets/dms_app/images/dms-logo.svg"

# "org/repo" form: Frappe resolves a bare "erpnext" by asking GitHub, which fails offline.
required_apps = ["frappe/erpnext"]

add_to_apps_screen = [
	{
		"name": "dms_app",
		"logo": "/assets/dms_app/images/dms-logo.svg",
		"title": "DMS",
		"route": "/app/dms",
	}
]

export_python_type_annotations = True

after_install = "dms_app.setup.install.after_install"
after_migrate = "dms_app.setup.install.after_migrate"
