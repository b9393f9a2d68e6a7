"""Demo OEM orders, one per brand at a different stage: a draft, one confirmed and allocated, and one
shipped and partly received, moved only through the OEM order flow and ERPNext documents."""

import frappe
from frappe.utils import add_days, nowdate

from dms_app.controllers import lifecycle
from dms_app.demo.vehicles import catalogue, colours, demo_vin
from dms_app.oem_orders import vehicle_orders
from dms_app.oem_orders.confirmation_import import to_csv

# make: (stage, [(trim, qty)])
PLAN = {
	"Toyota": ("Draft", [("Toyota Corolla 1.8 Hybrid Icon", 3), ("Toyota RAV4 2.5 Hybrid Design", 2)]),
	"BYD": ("VIN Assigned", [("BYD Atto 3 Comfort", 2), ("BYD Seal Design AWD", 1)]),
	"Volkswagen": ("Partly received", [("Volkswagen Golf 1.5 eTSI Life", 3)]),
}


def create(rng) -> dict:
	if frappe.db.count("OEM Vehicle Order"):
		return {"oem_orders": frappe.db.count("OEM Vehicle Order")}
	for make, (stage, lines) in PLAN.items():
		if not all(frappe.db.exists("Vehicle Trim", trim) for trim, _qty in lines):
			continue
		order = frappe.get_doc(
			{
				"doctype": "OEM Vehicle Order",
				"supplier": frappe.db.get_value("Vehicle Make", make, "oem_supplier"),
				"company": frappe.db.get_single_value("DMS Settings", "company"),
				"oem_order_no": f"{catalogue()[make][0]}-{rng.randrange(100000, 999999)}",
				"freight_per_vehicle": 450,
				"lines": [
					{
						"trim": trim,
						"qty": qty,
						"colour": rng.choice(colours()),
						"rate": round(frappe.db.get_value("Vehicle Trim", trim, "list_price") * 0.86, -1),
						"requested_week": add_days(nowdate(), rng.randrange(14, 56)),
					}
					for trim, qty in lines
				],
			}
		).insert(ignore_permissions=True)
		if stage == "Draft":
			continue
		lifecycle.submit(order)
		rows = [
			{
				"oem_order_no": order.oem_order_no,
				"line": line.idx,
				"vin": demo_vin(rng, catalogue()[make][0]),
				"eta": add_days(nowdate(), rng.randrange(3, 30)),
				"shipment_no": f"SHP-{rng.randrange(1000, 9999)}" if stage != "VIN Assigned" else "",
				"shipped_date": add_days(nowdate(), -rng.randrange(2, 9)) if stage != "VIN Assigned" else "",
			}
			for line in order.lines
			for _unit in range(line.qty)
		]
		result = vehicle_orders.import_confirmations(to_csv(rows), "demo.csv")
		if stage == "Partly received" and not result["errors"]:
			first_vin = rows[0]["vin"]
			receipt = vehicle_orders.make_purchase_receipt(order.name, [first_vin])
			receipt.insert(ignore_permissions=True)
			receipt.submit()
	return {"oem_orders": frappe.db.count("OEM Vehicle Order")}
