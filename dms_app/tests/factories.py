"""Factories for the ERPNext records tests need. Every record is inserted inside the test's
transaction (rolled back afterwards), so names only need to be unique within one test."""

import random
from contextlib import contextmanager

import frappe
from frappe.utils import random_string


def default_company() -> str:
	return (
		frappe.defaults.get_global_default("company") or frappe.get_all("Company", pluck="name", limit=1)[0]
	)


def make_company(name: str | None = None, abbr: str | None = None, currency: str = "USD") -> str:
	name = name or f"Test Motors {random_string(5)}"
	if frappe.db.exists("Company", name):
		return name
	frappe.get_doc(
		{
			"doctype": "Company",
			"company_name": name,
			"abbr": abbr or random_string(4).upper(),
			"default_currency": currency,
			"country": "United States",
			"chart_of_accounts": "Standard",
		}
	).insert()
	return name


def make_warehouse(name: str | None = None, company: str | None = None, parent: str | None = None) -> str:
	company = company or default_company()
	abbr = frappe.get_cached_value("Company", company, "abbr")
	name = name or f"Test Yard {random_string(5)}"
	full_name = f"{name} - {abbr}"
	if not frappe.db.exists("Warehouse", full_name):
		frappe.get_doc(
			{
				"doctype": "Warehouse",
				"warehouse_name": name,
				"company": company,
				"parent_warehouse": parent or f"All Warehouses - {abbr}",
			}
		).insert()
	return full_name


def make_customer(name: str | None = None, **fields) -> str:
	name = name or f"Test Customer {random_string(6)}"
	if not frappe.db.exists("Customer", name):
		frappe.get_doc(
			{
				"doctype": "Customer",
				"customer_name": name,
				"customer_type": "Individual",
				"customer_group": frappe.db.get_single_value("Selling Settings", "customer_group")
				or "All Customer Groups",
				"territory": frappe.db.get_single_value("Selling Settings", "territory") or "All Territories",
				**fields,
			}
		).insert()
	return name


def make_supplier(name: str | None = None, **fields) -> str:
	name = name or f"Test Supplier {random_string(6)}"
	if not frappe.db.exists("Supplier", name):
		frappe.get_doc(
			{
				"doctype": "Supplier",
				"supplier_name": name,
				"supplier_group": frappe.db.get_single_value("Buying Settings", "supplier_group")
				or "All Supplier Groups",
				**fields,
			}
		).insert()
	return name


def make_item(code: str | None = None, **fields) -> str:
	"""A stock item (non-serialised unless has_serial_no=1 is passed)."""
	code = code or f"TEST-{random_string(8).upper()}"
	if not frappe.db.exists("Item", code):
		frappe.get_doc(
			{
				"doctype": "Item",
				"item_code": code,
				"item_name": fields.pop("item_name", code),
				"item_group": fields.pop("item_group", "All Item Groups"),
				"stock_uom": fields.pop("stock_uom", "Nos"),
				"is_stock_item": fields.pop("is_stock_item", 1),
				"valuation_rate": fields.pop("valuation_rate", 0),
				**fields,
			}
		).insert()
	return code


def make_user(email: str | None = None, roles: tuple[str, ...] = (), user_type: str = "System User") -> str:
	email = email or f"test-{random_string(8).lower()}@example.com"
	if not frappe.db.exists("User", email):
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": email.split("@")[0],
				"user_type": user_type,
				"send_welcome_email": 0,
			}
		)
		user.insert(ignore_permissions=True)
		if roles:
			user.add_roles(*roles)
	return email


def make_vin(
	wmi: str = "1HG", vds: str = "CY1F5", year_code: str = "P", plant: str = "A", serial: int | None = None
) -> str:
	"""A structurally valid VIN with the right check digit (serial random unless given)."""
	from dms_app.vin import check_digit

	serial_part = f"{serial if serial is not None else random.randrange(1_000_000):06d}"
	draft = f"{wmi}{vds}0{year_code}{plant}{serial_part}"
	return draft[:8] + check_digit(draft) + draft[9:]


def make_vehicle_trim(make: str = "Honda", model: str = "Accord", trim: str | None = None, **fields) -> str:
	"""Make, model and trim (with its serialised Item), reusing what exists."""
	if not frappe.db.exists("Vehicle Make", make):
		frappe.get_doc({"doctype": "Vehicle Make", "make_name": make}).insert()
	model_name = f"{make} {model}"
	if not frappe.db.exists("Vehicle Model", model_name):
		frappe.get_doc({"doctype": "Vehicle Model", "make": make, "model_name": model}).insert()
	trim = trim or f"T{random_string(6).upper()}"
	name = f"{model_name} {trim}"
	if not frappe.db.exists("Vehicle Trim", name):
		frappe.get_doc(
			{"doctype": "Vehicle Trim", "model": model_name, "trim_name": trim, "list_price": 30000, **fields}
		).insert()
	return name


def receive_vehicles(
	vins: list[str], trim: str, rate: float = 25000, warehouse: str | None = None, submit: bool = True
):
	"""A Purchase Receipt from the OEM with the VINs as serial numbers."""
	item = frappe.db.get_value("Vehicle Trim", trim, "item")
	warehouse = warehouse or frappe.db.get_single_value("DMS Settings", "new_vehicle_warehouse")
	receipt = frappe.get_doc(
		{
			"doctype": "Purchase Receipt",
			"supplier": make_supplier("Test OEM Distributor"),
			"company": default_company(),
			"posting_date": frappe.utils.nowdate(),
			"items": [
				{
					"item_code": item,
					"qty": len(vins),
					"rate": rate,
					"warehouse": warehouse,
					"serial_no": "\n".join(vins),
				}
			],
		}
	)
	receipt.insert()
	if submit:
		receipt.submit()
	return receipt


def make_sales_order(customer: str, vin: str, rate: float = 32000, submit: bool = True):
	vehicle = frappe.get_doc("Motor Vehicle", vin)
	order = frappe.get_doc(
		{
			"doctype": "Sales Order",
			"customer": customer,
			"company": default_company(),
			"transaction_date": frappe.utils.nowdate(),
			"delivery_date": frappe.utils.add_days(frappe.utils.nowdate(), 7),
			"items": [
				{
					"item_code": vehicle.item,
					"qty": 1,
					"rate": rate,
					"vin": vin,
					"warehouse": vehicle.warehouse
					or frappe.db.get_single_value("DMS Settings", "new_vehicle_warehouse"),
					"delivery_date": frappe.utils.add_days(frappe.utils.nowdate(), 7),
				}
			],
		}
	)
	order.insert()
	if submit:
		order.submit()
	return order


@contextmanager
def private_file(content: str, file_name: str = "private.csv"):
	"""A private File of the current user (Administrator), deleted afterwards: a rollback would
	leave it on the disk."""
	file = frappe.get_doc(
		{"doctype": "File", "file_name": file_name, "is_private": 1, "content": content}
	).insert()
	try:
		yield file
	finally:
		frappe.set_user("Administrator")
		file.delete()


def race(site: str, attempts: dict) -> tuple:
	"""Run each attempt at the same moment on its own database connection, as two users would.

	`attempts` maps a key to a function `attempt(ready)` that does its preparation, calls `ready()`
	(all attempts wait there for each other) and then the racing work; its result is committed. The
	caller must have committed what the attempts need, and cleans up after. Returns the winner's
	(key, result) and the loser's (key, exception), after checking that exactly one of each exists."""
	import threading

	barrier = threading.Barrier(len(attempts))
	sites_path = frappe.local.sites_path
	outcomes = {}

	def run(key, attempt):
		frappe.init(site=site, sites_path=sites_path)
		frappe.connect()
		frappe.set_user("Administrator")
		try:
			outcomes[key] = attempt(lambda: barrier.wait(timeout=30))
			frappe.db.commit()
		except Exception as error:
			frappe.db.rollback()
			error.trace = frappe.get_traceback()
			outcomes[key] = error
		finally:
			frappe.destroy()

	threads = [threading.Thread(target=run, args=item) for item in attempts.items()]
	for thread in threads:
		thread.start()
	for thread in threads:
		thread.join(timeout=120)
	winners = [(k, o) for k, o in outcomes.items() if not isinstance(o, Exception)]
	losers = [(k, o) for k, o in outcomes.items() if isinstance(o, Exception)]
	assert len(winners) == 1 and len(losers) == 1, outcomes
	return winners[0], losers[0]


@contextmanager
def first_of_series(doctype: str):
	"""Within the block the next `doctype` document is the first of its naming series: the counter
	row is removed (committed) and put back afterwards, never lower than the block left it."""
	from dms_app.controllers.naming import series_prefix

	def counter():
		rows = frappe.db.sql("select `current` from `tabSeries` where `name` = %s", prefix)
		return rows[0][0] if rows else None

	prefix = series_prefix(frappe.new_doc(doctype))
	saved = counter()
	frappe.db.delete("Series", {"name": prefix})
	frappe.db.commit()
	try:
		yield prefix
	finally:
		frappe.db.rollback()
		current = counter()
		frappe.db.delete("Series", {"name": prefix})
		if saved is not None or current is not None:
			frappe.db.sql(
				"insert into `tabSeries` (`name`, `current`) values (%s, %s)",
				(prefix, max(saved or 0, current or 0)),
			)
		frappe.db.commit()


def make_customer_vehicle(customer: str | None = None, **fields) -> str:
	"""A customer's vehicle the dealer services (stock type Customer, never dealer stock); returns the VIN."""
	vehicle = frappe.get_doc(
		{
			"doctype": "Motor Vehicle",
			"vin": fields.pop("vin", None) or make_vin(),
			"stock_type": "Customer",
			"customer": customer or make_customer(),
			**fields,
		}
	)
	return vehicle.insert(ignore_permissions=True).name
