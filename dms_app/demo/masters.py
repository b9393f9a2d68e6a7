"""Demo master data: the dealership's brands (OEM suppliers), warehouses, item groups, parts and customers."""

import frappe

from dms_app.demo import zh

BRANDS = (
	# (OEM supplier, make)
	("Toyota Motor Distributors", "Toyota"),
	("BYD Auto Import", "BYD"),
	("Volkswagen Group Distribution", "Volkswagen"),
)
PARTS = (
	# (part number, description, cost, price)
	("04152-YZZA1", "Oil filter element", 6.10, 12.50),
	("90915-YZZD4", "Oil filter", 5.40, 11.90),
	("17801-0H050", "Air filter element", 14.20, 29.00),
	("87139-0E040", "Cabin air filter", 11.80, 24.50),
	("04465-33471", "Front brake pad kit", 38.00, 79.00),
	("04466-33200", "Rear brake pad kit", 33.50, 69.00),
	("43512-33120", "Front brake disc", 52.00, 109.00),
	("90919-01253", "Spark plug, iridium", 8.90, 18.50),
	("16400-0V120", "Radiator assembly", 210.00, 389.00),
	("28800-0V020", "12 V battery", 96.00, 179.00),
	("85242-33030", "Rear wiper blade", 7.20, 15.90),
	("0888080845", "Engine oil 0W-20, 4.5 L", 21.00, 44.00),
	("BYD-10123456-00", "Coolant, battery thermal loop, 5 L", 18.00, 39.00),
	("BYD-23145367-00", "Brake fluid DOT 4, 1 L", 6.50, 14.00),
	("5Q0698151AB", "Front brake pads (VW)", 41.00, 86.00),
	("06L115562B", "Oil filter (VW EA888)", 7.80, 16.50),
	("5Q0819653", "Pollen filter (VW)", 12.40, 26.00),
	("G 052 195 M4", "Engine oil 5W-30 VW 504/507, 1 L", 6.20, 13.50),
)
FIRST = (
	"James",
	"Mary",
	"Wei",
	"Li",
	"Fatima",
	"Carlos",
	"Anna",
	"Mohammed",
	"Sofia",
	"Hiro",
	"Olga",
	"David",
	"Mei",
	"Priya",
	"Lucas",
	"Emma",
	"Noah",
	"Zhang",
	"Aisha",
	"Tom",
)
LAST = (
	"Smith",
	"Chen",
	"Garcia",
	"Müller",
	"Wang",
	"Johnson",
	"Kim",
	"Nakamura",
	"Rossi",
	"Patel",
	"Brown",
	"Liu",
	"Novak",
	"Dubois",
	"Okafor",
	"Silva",
)
FLEETS = ("Harbor Logistics LLC", "Greenline Taxi Co", "Summit Property Services")


def ensure(doctype: str, name: str, fields: dict) -> str:
	if not frappe.db.exists(doctype, name):
		frappe.get_doc({"doctype": doctype, **fields}).insert(ignore_permissions=True)
	return name


def brands() -> tuple:
	return zh.pick(BRANDS, zh.BRANDS)


def customer_names(rng, count: int = 40) -> list[str]:
	names = []
	while len(names) < count:
		if zh.active():
			name = rng.choice(zh.SURNAMES) + rng.choice(zh.GIVEN_NAMES)
		else:
			name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
		if name not in names:
			names.append(name)
	return [*names, *zh.pick(FLEETS, zh.FLEETS)]


def create(rng) -> dict:
	for supplier, make in brands():
		ensure(
			"Supplier",
			supplier,
			{
				"supplier_name": supplier,
				"supplier_group": "Distributor",
				"country": zh.pick("United States", "China"),
				"supplier_details": f"OEM distributor for {make}",
			},
		)
		# The OEM is also the warranty payer: an ERPNext Customer it is invoiced as.
		ensure(
			"Customer",
			f"{make} Warranty",
			{
				"customer_name": f"{make} Warranty",
				"customer_type": "Company",
				"customer_group": "Commercial",
				"territory": "All Territories",
			},
		)
	for part_no, description, cost, price in PARTS:
		ensure(
			"Item",
			part_no,
			{
				"item_code": part_no,
				"item_name": zh.say(description),
				"item_group": "Parts",
				"stock_uom": "Nos",
				"is_stock_item": 1,
				"valuation_rate": cost,
				"standard_rate": price,
			},
		)
	customers = customer_names(rng)
	fleets = zh.pick(FLEETS, zh.FLEETS)
	for name in customers:
		ensure(
			"Customer",
			name,
			{
				"customer_name": name,
				"customer_type": "Company" if name in fleets else "Individual",
				"customer_group": "Commercial" if name in fleets else "Individual",
				"territory": "All Territories",
				**(zh.contact_fields(name) if zh.active() else {}),
			},
		)
	return {"brands": len(brands()), "parts": len(PARTS), "customers": len(customers)}
