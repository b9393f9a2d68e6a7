from pathlib import Path as _Path

app_name = "dms_app"
app_title = "DMS"
app_publisher = "dms_app developers"
app_description = "Automotive Dealer Management System on ERPNext"
app_email = "dms@example.com"
app_license = "mit"
app_logo_url = "/assets/dms_app/images/dms-logo.svg"
# plain scripts, no bundle to build
app_include_js = [
	"/assets/dms_app/js/dms_reports.js",
	"/assets/dms_app/js/dms_lifecycle.js",
	"/assets/dms_app/js/dms_translations.js",
]

# "org/repo" form: Frappe resolves a bare "erpnext" by asking GitHub, which fails offline.
required_apps = ["frappe/erpnext"]

add_to_apps_screen = [
	{
		"name": "dms_app",
		"logo": "/assets/dms_app/images/dms-logo.svg",
		"title": "DMS",
		"route": "/app/dms",
		# website users (customers) get no desk app: they land on the portal instead
		"has_permission": "dms_app.portal.permissions.has_desk_app",
	}
]

export_python_type_annotations = True

_MODULES = (_Path(__file__).parent / "modules.txt").read_text().splitlines()
# The custom fields dms_app adds to ERPNext's doctypes: the code depends on them, so migrate re-syncs
# them. Records an admin edits (workflows, settings, templates, roles) are never fixtures.
fixtures = [{"dt": "Custom Field", "filters": [["module", "in", _MODULES]]}]

after_install = "dms_app.setup.defaults.after_install"
after_migrate = "dms_app.setup.defaults.after_migrate"
# a site that installs the app before ERPNext's wizard: what the wizard leaves unset for China
setup_wizard_complete = [
	"dms_app.setup.defaults.fill_locale_gaps",
	"dms_app.dealer_accounting.setup.ensure_for_settings_company",
]

# The stateful documents' lifecycles (dms_app/controllers/lifecycle.py): milestones the code owns,
# the shipped workflow generated from them, effects that hold at milestones. Checked after migrate.
dms_lifecycles = [
	"dms_app.warranty.lifecycle.LIFECYCLE",
	"dms_app.oem_orders.lifecycle.LIFECYCLE",
	"dms_app.vehicle_sales.approval.LIFECYCLE",
	"dms_app.service.appointment_lifecycle.LIFECYCLE",
	"dms_app.service.repair_order_lifecycle.LIFECYCLE",
]

# Handlers of one event run in list order: the vehicle record first, then the areas that build on it.
_VEHICLES = "dms_app.vehicles.stock_events."
_OEM = "dms_app.oem_orders."
_SERVICE = "dms_app.service."
_SALES = "dms_app.vehicle_sales."
_PORTAL = "dms_app.portal."
_ACCOUNTING = "dms_app.dealer_accounting."
_FLOOR_PLAN = "dms_app.floor_plan.financing."
_DOCUMENTS = "dms_app.vehicles.documents."

doc_events = {
	# two users creating the first document of a series wait for each other instead of deadlocking
	"*": {"before_naming": "dms_app.controllers.naming.lock_series_counter"},
	# Vehicles follow ERPNext's stock and selling documents; OEM orders follow their receipts; landed
	# cost vouchers revalue vehicles; repair-order parts follow their stock entries; deals follow their
	# quotation, order, invoice and delivery; trade-ins enter used stock with the deal's invoice.
	"Purchase Receipt": {
		"validate": [_VEHICLES + "validate_receipt", _OEM + "vehicle_orders.validate_receipt"],
		"on_submit": [_VEHICLES + "on_submit_receipt", _OEM + "vehicle_orders.on_submit_receipt"],
		"before_cancel": _VEHICLES + "before_cancel_receipt",
		"on_cancel": [_VEHICLES + "on_cancel_receipt", _OEM + "vehicle_orders.on_cancel_receipt"],
	},
	"Landed Cost Voucher": {
		"on_submit": _OEM + "vehicle_orders.on_landed_cost_voucher",
		"on_cancel": _OEM + "vehicle_orders.on_landed_cost_voucher",
	},
	"Purchase Order": {
		"before_validate": _OEM + "parts.follow_supersession_on_purchase",
		"validate": _OEM + "parts.validate_purchase_order",
	},
	"Item": {"validate": _OEM + "parts.validate_item"},
	"Stock Entry": {
		"validate": _VEHICLES + "on_stock_entry_event",
		"on_submit": [_VEHICLES + "on_stock_entry_event", _SERVICE + "parts.recount_issued"],
		"before_cancel": [_VEHICLES + "on_stock_entry_event", _SERVICE + "invoicing.before_cancel_booking"],
		"on_cancel": [_VEHICLES + "on_stock_entry_event", _SERVICE + "parts.recount_issued"],
	},
	"Journal Entry": {
		"before_cancel": [
			_SERVICE + "invoicing.before_cancel_booking",
			_FLOOR_PLAN + "before_cancel_journal_entry",
		],
		# a floor-plan payoff: principal repaid, the certificate released (dms_app/floor_plan)
		"validate": _FLOOR_PLAN + "validate_journal_entry",
		"on_submit": _FLOOR_PLAN + "on_submit_journal_entry",
		"on_cancel": [
			_FLOOR_PLAN + "on_cancel_journal_entry",
			# a month's floor-plan interest cancelled: the month may be posted again
			"dms_app.floor_plan.monthly_interest.on_cancel_journal_entry",
		],
	},
	# an OEM invoice naming a Floor Plan Line is settled from the lender's loan, pledging the certificates
	"Purchase Invoice": {
		"on_submit": _FLOOR_PLAN + "on_submit_purchase_invoice",
		"before_cancel": _FLOOR_PLAN + "before_cancel_purchase_invoice",
	},
	"Opportunity": {"before_insert": _SALES + "crm.copy_vehicles_of_interest"},
	"Quotation": {
		"validate": _SALES + "deal.check_selling_discount",
		"on_submit": _SALES + "deal.sync_deal",
		"on_cancel": _SALES + "deal.sync_deal",
	},
	"Sales Order": {
		"before_validate": _OEM + "parts.follow_supersession_on_sale",
		"validate": [_VEHICLES + "validate_selling", _SALES + "deal.check_selling_discount"],
		"before_submit": _VEHICLES + "lock_and_check",
		"on_submit": [_VEHICLES + "on_submit_sales_order", _SALES + "deal.sync_deal"],
		"on_cancel": [_VEHICLES + "on_cancel_sales_order", _SALES + "deal.sync_deal"],
	},
	"Sales Invoice": {
		"before_validate": _OEM + "parts.follow_supersession_on_sale",
		"validate": [
			_VEHICLES + "validate_selling",
			_SERVICE + "invoicing.validate_sales_invoice",
			_ACCOUNTING + "routing.route_lines",
		],
		"before_submit": [
			_VEHICLES + "lock_and_check",
			_SALES + "delivery.check_pdi",
			_DOCUMENTS + "check_delivery",
		],
		"on_submit": [
			_VEHICLES + "on_submit_sales_invoice",
			_SALES + "trade_in.on_submit_sales_invoice",
			_SALES + "deal.sync_deal",
			_FLOOR_PLAN + "on_sales_invoice",
		],
		"before_cancel": _SALES + "trade_in.before_cancel_sales_invoice",
		"on_cancel": [
			_VEHICLES + "on_cancel_sales_invoice",
			_SERVICE + "invoicing.on_cancel_sales_invoice",
			_SALES + "deal.sync_deal",
			_FLOOR_PLAN + "on_sales_invoice",
		],
	},
	"Delivery Note": {
		"validate": [_VEHICLES + "validate_selling", _ACCOUNTING + "routing.route_lines"],
		"before_submit": [
			_VEHICLES + "lock_and_check",
			_SALES + "delivery.check_pdi",
			_DOCUMENTS + "check_delivery",
		],
		"on_submit": [_VEHICLES + "on_submit_delivery_note", _SALES + "deal.sync_deal"],
		"on_cancel": [_VEHICLES + "on_cancel_delivery_note", _SALES + "deal.sync_deal"],
	},
	# a vehicle's next service due follows its last service
	# a new vehicle joins the campaigns whose VIN ranges it falls in (dms_app/warranty/campaigns.py)
	"Motor Vehicle": {
		"validate": _SERVICE + "service_due.on_vehicle_validate",
		"after_insert": "dms_app.warranty.campaigns.on_vehicle_insert",
	},
	# a completed (submitted) repair order drafts its warranty claims, then completes its campaign
	# jobs' VINs; an amendment takes over the draft claims of the order it replaces
	"Repair Order": {
		"validate": "dms_app.warranty.campaigns.validate_repair_order",
		"after_insert": "dms_app.warranty.repair_orders.follow_amendment",
		"on_submit": [
			"dms_app.warranty.repair_orders.on_submit_repair_order",
			"dms_app.warranty.campaigns.on_submit_repair_order",
			_SERVICE + "inspections.defer_declined",
		],
		"on_cancel": "dms_app.warranty.campaigns.on_cancel_repair_order",
		# deferred work sold on an invoiced order is recovered (dms_app/service/inspections.py)
		"on_update_after_submit": _SERVICE + "inspections.recover",
	},
	# portal users follow their Contact; no sharing of customers' records around the portal rules
	"Contact": {
		"validate": _PORTAL + "customer.check_granted_access",
		"on_update": _PORTAL + "customer.sync_portal_users",
	},
	"DocShare": {"validate": _PORTAL + "permissions.validate_share"},
	# an admin's workflow edit that leaves documents unable to complete is reported when saved
	"Workflow": {"on_update": "dms_app.controllers.lifecycle.on_workflow_update"},
}

# Forms of one area extended by another: warranty coverage on the vehicle and claims on the repair
# order; the OEM's freight on the purchase receipt.
doctype_js = {
	"Motor Vehicle": "warranty/client/motor_vehicle.js",
	"Repair Order": ["warranty/client/repair_order.js", "service/client/repair_order_inspection.js"],
	"Service Appointment": [
		"warranty/client/service_appointment.js",
		"service/client/service_appointment_deferred_work.js",
	],
	"Purchase Receipt": "oem_orders/client/purchase_receipt.js",
	"Material Request": "oem_orders/client/material_request.js",
	"Opportunity": "vehicle_sales/client/opportunity.js",
}

scheduler_events = {
	"hourly": [
		"dms_app.planning.runs.retry_runs",
		"dms_app.vehicles.doctype.vehicle_import.vehicle_import.retry_imports",
		"dms_app.alerts.delivery.schedule_alerts",
	],
	"daily": [
		_SERVICE + "appointments.recount_upcoming_days",
		"dms_app.warranty.campaigns.refresh_statuses",
	],
	# DMS Settings > Backups: a backup when due, then retention (dms_app/dms/backups.py)
	"daily_long": ["dms_app.dms.backups.scheduled_backup"],
	# each enqueues its run on the long queue
	"weekly": ["dms_app.planning.runs.schedule_parts_forecast"],
	"monthly": [
		"dms_app.planning.runs.schedule_vehicle_forecast",
		# last month's floor-plan interest, one Journal Entry per lender line (dms_app/floor_plan)
		"dms_app.floor_plan.monthly_interest.schedule_interest",
	],
}

# Customer portal (dms_app/www, dms_app/portal): pages for website users with the Customer role.
# The menu items go to Portal Settings with ERPNext's (admins order and hide them there; each needs
# a reference doctype, or Frappe's sync drops it); dms_app.portal.website.setup_portal_menu hides
# ERPNext's pages a car owner has no use for. Brand and footer are the dealer's.
standard_portal_menu_items = [
	{
		"title": "My Vehicles",
		"route": "/my-vehicles",
		"reference_doctype": "Motor Vehicle",
		"role": "Customer",
	},
	{
		"title": "Repair Status",
		"route": "/repair-status",
		"reference_doctype": "Repair Order",
		"role": "Customer",
	},
	{
		"title": "Book a Service",
		"route": "/book-service",
		"reference_doctype": "Service Appointment",
		"role": "Customer",
	},
]
update_website_context = _PORTAL + "website.update_website_context"
website_route_rules = [{"from_route": "/my-vehicles/<vin>", "to_route": "my-vehicle"}]
role_home_page = {"Customer": "my-vehicles"}
# Frappe drops a confidential (permlevel) field a user cannot read from a query's columns but still
# filters, sorts and groups by it: such requests are refused (auth_hooks run once the user is known)
auth_hooks = ["dms_app.controllers.confidential_fields.refuse_confidential_queries"]
# frappe.client.get_count and the sidebar's "Assigned To" counts have no permission check: customers
# or staff could probe records their record rules hide
override_whitelisted_methods = {
	"frappe.client.get_count": _PORTAL + "permissions.get_count",
	"frappe.desk.listview.get_group_by_count": _PORTAL + "permissions.get_group_by_count",
}

# Record-level permissions, enforced for desk, REST and portal alike: customers see their own
# vehicles, repair orders and appointments; technicians the repair orders and time logs assigned to
# them; a Sales Consultant their own deals and test drives (managers: all).
has_website_permission = {
	"Motor Vehicle": _PORTAL + "permissions.has_website_permission",
	"Repair Order": _PORTAL + "permissions.has_website_permission",
	"Service Appointment": _PORTAL + "permissions.has_website_permission",
	"Vehicle Inspection": _PORTAL + "permissions.has_website_permission",
	"Deferred Work": _PORTAL + "permissions.has_website_permission",
}
has_permission = {
	"Motor Vehicle": _PORTAL + "permissions.has_permission",
	"Service Appointment": _PORTAL + "permissions.has_permission",
	"Repair Order": [_PORTAL + "permissions.has_permission", _SERVICE + "time_logs.has_permission"],
	"Technician Time Log": _SERVICE + "time_logs.has_permission",
	"Vehicle Inspection": _PORTAL + "permissions.has_permission",
	"Deferred Work": _PORTAL + "permissions.has_permission",
	"Vehicle Deal": _SALES + "permissions.has_own_permission",
	"Test Drive": _SALES + "permissions.has_own_permission",
}
permission_query_conditions = {
	"Motor Vehicle": _PORTAL + "permissions.query_conditions",
	"Service Appointment": _PORTAL + "permissions.query_conditions",
	"Repair Order": [_PORTAL + "permissions.query_conditions", _SERVICE + "time_logs.permission_query"],
	"Technician Time Log": _SERVICE + "time_logs.permission_query",
	"Vehicle Inspection": _PORTAL + "permissions.query_conditions",
	"Deferred Work": _PORTAL + "permissions.query_conditions",
	"Vehicle Deal": _SALES + "permissions.deal_query",
	"Test Drive": _SALES + "permissions.test_drive_query",
}
