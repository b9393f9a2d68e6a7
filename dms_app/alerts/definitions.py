"""The alerts. Each is one function returning the records currently in its alert state."""

import frappe
from frappe import _
from frappe.utils import add_days, cint, flt, getdate, nowdate

from dms_app.alerts.registry import AlertItem, alert
from dms_app.vehicles.ageing import bucket_of

AGED_STOCK = "Vehicles in stock too long"
PARTS_BELOW_REORDER = "Parts below reorder point"


@alert(AGED_STOCK, threshold=0, unit="days in stock (0: Aged Stock Days)", role="Sales Manager")
def aged_stock(threshold):
	"""Dealer vehicles in stock longer than the threshold; re-sent when they move to an older age bucket."""
	days = cint(threshold) or cint(frappe.db.get_single_value("DMS Settings", "aged_stock_days")) or 90
	today = getdate(nowdate())
	vehicles = frappe.get_all(
		"Motor Vehicle",
		filters={
			"status": ("in", ("In Stock", "Reserved")),
			"stock_in_date": ("<=", add_days(today, -days)),
		},
		fields=["name", "model", "warehouse", "stock_in_date"],
		order_by="stock_in_date asc",
	)
	items = []
	for vehicle in vehicles:
		age = (today - getdate(vehicle.stock_in_date)).days
		items.append(
			AlertItem(
				"Motor Vehicle",
				vehicle.name,
				_("{0} ({1}) in stock {2} days at {3}").format(
					vehicle.name, vehicle.model or _("no model"), age, vehicle.warehouse or "-"
				),
				state=bucket_of(age),
			)
		)
	return items


@alert(PARTS_BELOW_REORDER, threshold=100, unit="% of reorder point", role="Parts Manager")
def parts_below_reorder_point(threshold):
	"""Parts whose projected stock (on hand + ordered + requested - reserved) is at or below the reorder
	point (scaled by the threshold %) of the latest forecast."""
	rows = frappe.db.sql(
		"""select df.name, df.item, df.warehouse, df.reorder_point, ifnull(bin.projected_qty, 0)
		from `tabDemand Forecast` df
		left join `tabBin` bin on bin.item_code = df.item and bin.warehouse = df.warehouse
		where df.forecast_for = 'Part' and df.reorder_point > 0
			and ifnull(bin.projected_qty, 0) <= df.reorder_point * %s / 100
		order by df.warehouse, df.item""",
		flt(threshold) or 100,
	)
	return [
		AlertItem(
			"Demand Forecast",
			name,
			_("{0} at {1}: projected {2} at or below reorder point {3}").format(
				item, warehouse, flt(projected, 2), flt(reorder_point, 2)
			),
			state="below",
		)
		for name, item, warehouse, reorder_point, projected in rows
	]


REPAIR_OVERDUE = "Repair orders past promised time"
SERVICE_DUE = "Service due (customer reminder)"
OEM_SHIPMENT_LATE = "OEM shipments late"
OPEN_REPAIR_STATUSES = ("Open", "In Progress", "Waiting Parts", "Waiting Approval")


@alert(
	REPAIR_OVERDUE,
	threshold=0,
	unit="hours past promised time",
	role="Service Advisor",
	resend_after_days=1,
	requires=("Repair Order",),
)
def repair_orders_overdue(threshold):
	"""Repair orders still open after their promised time (plus the threshold in hours)."""
	cutoff = frappe.utils.add_to_date(frappe.utils.now_datetime(), hours=-flt(threshold))
	orders = frappe.get_all(
		"Repair Order",
		filters={
			"status": ("in", OPEN_REPAIR_STATUSES),
			"docstatus": ("<", 2),
			"promised_time": ("<", cutoff),
		},
		fields=["name", "vehicle", "customer_name", "promised_time", "status"],
		order_by="promised_time asc",
	)
	return [
		AlertItem(
			"Repair Order",
			order.name,
			_("{0} ({1}, {2}) promised {3}, still {4}").format(
				order.name,
				order.vehicle or "-",
				order.customer_name or "-",
				order.promised_time,
				order.status,
			),
			state="overdue",
			period=str(order.promised_time),  # a new promised time is a new promise
		)
		for order in orders
	]


@alert(
	SERVICE_DUE,
	threshold=14,
	unit="days before service due",
	role=None,
	resend_after_days=0,
	requires=("Service Interval",),
)
def service_due(threshold):
	"""Customers whose vehicle's service is due, by date or mileage, with no appointment booked.

	Emailed to the customer, once per due service (the period is the due date / odometer). Customers who
	ticked "No Service Reminders" are left out here; Frappe's email unsubscribe (global, or from this
	customer's emails) is honoured at delivery."""
	from dms_app.planning.setup import OPT_OUT_FIELD
	from dms_app.service.service_due import vehicles_due

	within_km = cint(frappe.db.get_single_value("DMS Settings", "service_due_within_km"))
	rows = [row for row in vehicles_due(cint(threshold), within_km) if not row.get("appointment")]
	customers = {
		c.name: c
		for c in frappe.get_all(
			"Customer",
			filters={"name": ("in", list({row["customer"] for row in rows}) or [""])},
			fields=["name", "customer_name", "email_id", OPT_OUT_FIELD],
		)
	}
	items = []
	for row in rows:
		customer = customers.get(row["customer"])
		if not customer or not customer.email_id or customer.get(OPT_OUT_FIELD):
			continue
		vehicle = " ".join(
			str(v) for v in (row.get("model"), row.get("registration_plate") or row["vin"]) if v
		)
		due = row.get("next_service_date") or _("{0} {1}").format(
			row.get("next_service_odometer"), row.get("odometer_unit") or "km"
		)
		items.append(
			AlertItem(
				"Customer",
				customer.name,
				_("Your {0} is due for service").format(vehicle),
				state="due",
				period=f"{row['vin']}:{row.get('next_service_date') or ''}:{row.get('next_service_odometer') or ''}",
				recipients=(customer.email_id,),
				message=_(
					"<p>Dear {0},</p><p>our records show that your {1} is due for its next service ({2}). "
					"Reply to this email or book online to choose a time.</p>"
				).format(
					frappe.utils.escape_html(customer.customer_name or customer.name),
					frappe.utils.escape_html(vehicle),
					frappe.utils.escape_html(str(due)),
				),
			)
		)
	return items


@alert(
	OEM_SHIPMENT_LATE,
	threshold=0,
	unit="days past ETA",
	role="Sales Manager",
	resend_after_days=3,
	requires=("OEM Vehicle Order", "OEM Vehicle Order Unit"),
)
def oem_shipments_late(threshold):
	"""Vehicles shipped by the OEM and not received by their ETA (plus the threshold in days)."""
	cutoff = add_days(getdate(nowdate()), -cint(threshold))
	units = frappe.db.sql(
		"""select o.name, u.vin, u.shipment_no, u.eta from `tabOEM Vehicle Order Unit` u
		join `tabOEM Vehicle Order` o on o.name = u.parent
		where o.docstatus = 1 and u.status = 'Shipped' and u.eta is not null and u.eta < %s
		order by u.eta, o.name""",
		cutoff,
		as_dict=True,
	)
	return [
		AlertItem(
			"OEM Vehicle Order",
			unit.name,
			_("{0}: {1} (shipment {2}) was due {3}").format(
				unit.name, unit.vin or "-", unit.shipment_no or "-", unit.eta
			),
			state="late",
			period=f"{unit.vin}:{unit.eta}",  # a new ETA is a new promise
		)
		for unit in units
	]


# other areas' alerts, registered on import
from dms_app.floor_plan import alerts as _floor_plan_alerts
