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

after_install = "dms_app.setup.defaults.ensure_default_records"
after_migrate = "dms_app.setup.defaults.ensure_default_records"

_VEHICLES = "dms_app.vehicles.stock_events."

doc_events = {
	"Purchase Receipt": {
		"validate": _VEHICLES + "validate_receipt",
		"on_submit": _VEHICLES + "on_submit_receipt",
		"before_cancel": _VEHICLES + "before_cancel_receipt",
		"on_cancel": _VEHICLES + "on_cancel_receipt",
	},
	"Stock Entry": {
		event: _VEHICLES + "on_stock_entry_event"
		for event in ("validate", "on_submit", "before_cancel", "on_cancel")
	},
	"Sales Order": {
		"validate": _VEHICLES + "validate_selling",
		"on_submit": _VEHICLES + "on_submit_sales_order",
		"on_cancel": _VEHICLES + "on_cancel_sales_order",
	},
	"Sales Invoice": {
		"validate": _VEHICLES + "validate_selling",
		"on_submit": _VEHICLES + "on_submit_sales_invoice",
		"on_cancel": _VEHICLES + "on_cancel_sales_invoice",
	},
	"Delivery Note": {
		"validate": _VEHICLES + "validate_selling",
		"on_submit": _VEHICLES + "on_submit_delivery_note",
		"on_cancel": _VEHICLES + "on_cancel_delivery_note",
	},
}
