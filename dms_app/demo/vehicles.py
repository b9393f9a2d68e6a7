"""Demo vehicles: makes, models and trims for the three brands, and VIN-level stock in every status,
moved only through real ERPNext documents (receipts, orders, invoices, delivery notes)."""

import frappe
from erpnext.selling.doctype.sales_order.sales_order import make_delivery_note, make_sales_invoice
from frappe.utils import add_days, nowdate

from dms_app.demo import zh
from dms_app.demo.masters import brands, ensure
from dms_app.vin import check_digit

CATALOGUE = {
	# make: (wmi, [(model, body, [(trim, fuel, transmission, cost, price)])])
	"Toyota": (
		"JTD",
		[
			(
				"Corolla",
				"Sedan",
				[
					("1.8 Hybrid Icon", "Hybrid", "CVT", 22400, 26950),
					("2.0 GR Sport", "Petrol", "CVT", 25100, 30450),
				],
			),
			("RAV4", "SUV", [("2.5 Hybrid Design", "Hybrid", "CVT", 31800, 37900)]),
		],
	),
	"BYD": (
		"LGX",
		[
			("Atto 3", "Crossover", [("Comfort", "Electric", "Single-speed", 29500, 36990)]),
			("Seal", "Sedan", [("Design AWD", "Electric", "Single-speed", 38200, 46990)]),
		],
	),
	"Volkswagen": (
		"WVW",
		[
			("Golf", "Hatchback", [("1.5 eTSI Life", "Petrol", "DCT", 24600, 29800)]),
			("ID.4", "SUV", [("Pro Performance", "Electric", "Single-speed", 36900, 44800)]),
		],
	),
}
COLOURS = ("Polar White", "Midnight Black", "Graphite Grey", "Racing Red", "Deep Blue", "Silver Metallic")
# How the demo stock is spread over the lifecycle (per trim).
PLAN = {"Ordered": 1, "In Transit": 1, "In Stock": 3, "Reserved": 1, "Sold": 1, "Delivered": 1}


def catalogue() -> dict:
	return zh.pick(CATALOGUE, zh.CATALOGUE)


def colours() -> tuple:
	return zh.pick(COLOURS, zh.COLOURS)


def demo_vin(rng, wmi: str) -> str:
	alphabet = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
	vds = (
		"".join(rng.choice(alphabet) for _ in range(3))
		+ rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ")
		+ rng.choice(alphabet)
	)
	draft = f"{wmi}{vds}0" + rng.choice("NPRS") + rng.choice("ABC123") + f"{rng.randrange(1_000_000):06d}"
	return draft[:8] + check_digit(draft) + draft[9:]


def ensure_catalogue() -> list[tuple[str, str, float]]:
	"""Makes, models and trims (with their Items); returns (trim, WMI, unit cost) per trim."""
	trims = []
	for supplier, make in brands():
		wmi, models = catalogue()[make]
		ensure(
			"Vehicle Make",
			make,
			{"make_name": make, "oem_supplier": supplier, "warranty_customer": f"{make} Warranty"},
		)
		for model, body, variants in models:
			model_name = ensure(
				"Vehicle Model",
				f"{make} {model}",
				{"make": make, "model_name": model, "body_type": body, "year_from": 2022},
			)
			for trim, fuel, transmission, cost, price in variants:
				name = ensure(
					"Vehicle Trim",
					f"{model_name} {trim}",
					{
						"model": model_name,
						"trim_name": trim,
						"body_type": body,
						"fuel_type": fuel,
						"transmission": transmission,
						"list_price": price,
						"year_from": 2023,
						"colours": [{"colour": c} for c in colours()[:4]],
					},
				)
				trims.append((name, wmi, cost))
	return trims


def create(rng, customers: list[str]) -> dict:
	trims = ensure_catalogue()
	if frappe.db.count("Motor Vehicle", {"stock_type": "New"}):
		return {"vehicles": frappe.db.count("Motor Vehicle")}
	settings = frappe.get_single("DMS Settings")
	buyers = iter(customers)
	for trim_name, wmi, cost in trims:
		trim = frappe.get_doc("Vehicle Trim", trim_name)
		vins = {status: [demo_vin(rng, wmi) for _ in range(count)] for status, count in PLAN.items()}
		for status in ("Ordered", "In Transit"):
			for vin in vins[status]:
				frappe.get_doc(
					{
						"doctype": "Motor Vehicle",
						"vin": vin,
						"trim": trim_name,
						"status": status,
						"colour": rng.choice(colours()),
					}
				).insert(ignore_permissions=True)
		stocked = [v for s in ("In Stock", "Reserved", "Sold", "Delivered") for v in vins[s]]
		supplier = frappe.db.get_value("Vehicle Make", trim.make, "oem_supplier")
		receive(stocked, trim, cost, settings.new_vehicle_warehouse, supplier, days_ago=rng.randrange(5, 150))
		for vin in stocked:
			frappe.db.set_value("Motor Vehicle", vin, "colour", rng.choice(colours()))
		for status in ("Reserved", "Sold", "Delivered"):
			for vin in vins[status]:
				sell(vin, next(buyers), trim.list_price, status)
	return {"vehicles": frappe.db.count("Motor Vehicle")}


def receive(vins, trim, cost, warehouse, supplier, days_ago):
	receipt = frappe.get_doc(
		{
			"doctype": "Purchase Receipt",
			"supplier": supplier,
			"set_posting_time": 1,
			"posting_date": add_days(nowdate(), -days_ago),
			"items": [
				{
					"item_code": trim.item,
					"qty": len(vins),
					"rate": cost,
					"warehouse": warehouse,
					"serial_no": "\n".join(vins),
				}
			],
		}
	)
	receipt.insert(ignore_permissions=True)
	receipt.submit()


def sell(vin, customer, price, stage):
	vehicle = frappe.get_doc("Motor Vehicle", vin)
	order = frappe.get_doc(
		{
			"doctype": "Sales Order",
			"customer": customer,
			"delivery_date": add_days(nowdate(), 10),
			"items": [
				{
					"item_code": vehicle.item,
					"qty": 1,
					"rate": price,
					"vin": vin,
					"warehouse": vehicle.warehouse,
				}
			],
		}
	)
	order.insert(ignore_permissions=True)
	order.submit()
	if stage in ("Sold", "Delivered"):
		invoice = make_sales_invoice(order.name)
		invoice.insert(ignore_permissions=True)
		invoice.submit()
	if stage == "Delivered":
		frappe.db.set_value("Motor Vehicle", vin, "pdi_status", "Passed")  # delivery needs a passed PDI
		note = make_delivery_note(order.name)
		note.insert(ignore_permissions=True)
		note.submit()
