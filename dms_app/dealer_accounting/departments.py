"""The dealer's departments, defined once: what the OEM's monthly Dealer Financial Statement is
made of (docs/accounting.md).

Each department has an income account, a cost-of-sales account and a cost center of its own,
created per company by dealer_accounting.setup and named in DMS Settings > Accounting afterwards
(the admin's to change). Here are only the keys, labels, kinds and default names; which accounts a
company really uses is `dealer_accounting.accounts.department_accounts`.

`item_groups` are the DMS Settings fields (else item group names) whose Item Group Defaults send a
plain ERPNext document's lines to the department; departments that are no item property (a labour
line's pay type, a vehicle's new or used stock type) are set on the line when the app posts it.
"""

from dataclasses import dataclass

VEHICLE, FI, SERVICE, PARTS, BODY_SHOP = "Vehicle", "F&I", "Service", "Parts", "Body Shop"


@dataclass(frozen=True)
class Department:
	key: str
	label: str  # the value of the mapping row's Department (a Select), translated on screen
	kind: str
	income_account: str
	cost_of_sales_account: str
	cost_center: str
	item_groups: tuple[str, ...] = ()


NEW_VEHICLES = Department(
	"new_vehicles",
	"New Vehicles",
	VEHICLE,
	"New Vehicle Sales",
	"New Vehicle Cost of Sales",
	"New Vehicles",
	("vehicle_item_group",),
)
USED_VEHICLES = Department(
	"used_vehicles",
	"Used Vehicles",
	VEHICLE,
	"Used Vehicle Sales",
	"Used Vehicle Cost of Sales",
	"Used Vehicles",
	("used_vehicle_item_group",),
)
FINANCE_INSURANCE = Department(
	"fi", "F&I", FI, "F&I Income", "F&I Cost of Sales", "F&I", ("fi_item_group", "Vehicle Fees")
)
SERVICE_CUSTOMER = Department(
	"service_customer",
	"Service - Customer Pay",
	SERVICE,
	"Customer Labour Sales",
	"Customer Labour Cost of Sales",
	"Service - Customer Pay",
	("Labour",),
)
SERVICE_WARRANTY = Department(
	"service_warranty",
	"Service - Warranty",
	SERVICE,
	"Warranty Claim Income",  # the Warranty tab's account (warranty/setup.py)
	"Warranty Parts Expense",  # the Repair Orders tab's account (service/setup.py)
	"Service - Warranty",
	("Warranty Claims",),
)
SERVICE_INTERNAL = Department(
	"service_internal",
	"Service - Internal",
	SERVICE,
	"Internal Labour Sales",
	"Internal Labour Cost of Sales",
	"Service - Internal",
)
PARTS_DEPARTMENT = Department(
	"parts", "Parts", PARTS, "Parts Sales", "Parts Cost of Sales", "Parts", ("parts_item_group",)
)
BODY_SHOP_DEPARTMENT = Department(
	"body_shop", "Body Shop", BODY_SHOP, "Body Shop Sales", "Body Shop Cost of Sales", "Body Shop"
)

DEPARTMENTS = (
	NEW_VEHICLES,
	USED_VEHICLES,
	FINANCE_INSURANCE,
	SERVICE_CUSTOMER,
	SERVICE_WARRANTY,
	SERVICE_INTERNAL,
	PARTS_DEPARTMENT,
	BODY_SHOP_DEPARTMENT,
)
BY_KEY = {department.key: department for department in DEPARTMENTS}
BY_LABEL = {department.label: department for department in DEPARTMENTS}
# fixed operations: what service absorption's gross profit is made of
FIXED_OPERATIONS = tuple(d.key for d in DEPARTMENTS if d.kind in (SERVICE, PARTS, BODY_SHOP))
# a repair order line's pay type → its service department
PAY_TYPES = {"Customer": "service_customer", "Warranty": "service_warranty", "Internal": "service_internal"}


def stock_type_department(stock_type: str | None) -> str:
	"""A vehicle's department by its stock type (Motor Vehicle.stock_type)."""
	return USED_VEHICLES.key if stock_type == "Used" else NEW_VEHICLES.key
