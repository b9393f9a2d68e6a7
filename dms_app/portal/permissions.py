"""Permission hooks that keep website users (customers) to their own records.

Website users have no role permission on these doctypes, so the desk and /api/resource already
refuse them; these hooks are the second lock: should an admin grant the Customer role a read
permission, a customer still only reaches documents whose ``customer`` is one of theirs, read-only.
Shares are checked when made (Frappe lets a share grant read past these hooks), and Frappe's
printview / web views are vetoed. Staff (system users) are left to the role permissions.
"""

import frappe
from frappe import _
from frappe.utils import get_safe_filters

from dms_app.portal.customer import customers_for_user, is_portal_user

# Doctypes the portal shows, each with a `customer` field naming the owner.
PORTAL_DOCTYPES = (
	"Motor Vehicle",
	"Repair Order",
	"Service Appointment",
	"Vehicle Inspection",
	"Deferred Work",
)
READ_ONLY = ("read", "select")


def owns(doc, user: str | None = None) -> bool:
	return bool(doc.get("customer")) and doc.get("customer") in customers_for_user(user)


def has_website_permission(doc, ptype, user, verbose=False):
	"""Frappe's own website routes (/printview, web views) would show every field of these records,
	dealer costs and internal totals included. Customers see them only through the portal pages,
	which pick the fields, so this vetoes those routes (a veto also overrides any other app's hook)."""
	return False


def has_permission(doc, ptype=None, user=None, debug=False):
	"""Desk/REST document checks: no opinion for staff; customers only their own, read-only."""
	if not is_portal_user(user):
		return None
	return (ptype or "read") in READ_ONLY and owns(doc, user)


def query_conditions(user=None, doctype=None):
	"""List queries: for customers, only rows whose customer is theirs (nothing for Guest)."""
	user = user or frappe.session.user
	if not is_portal_user(user):
		return ""
	customers = customers_for_user(user)
	table = f"`tab{doctype or 'Motor Vehicle'}`"
	if not customers:
		return "1=0"
	return f"{table}.`customer` in ({', '.join(frappe.db.escape(c) for c in customers)})"


def validate_share(doc, method=None):
	"""DocShare hook: Frappe lets a share grant read even where the hooks above deny, so portal
	records may only be shared with a website user who owns them, and never with everyone (which
	includes every customer)."""
	if doc.share_doctype not in PORTAL_DOCTYPES:
		return
	if doc.everyone:
		frappe.throw(
			_("{0} records cannot be shared with everyone: customers would see them on the portal.").format(
				_(doc.share_doctype)
			),
			frappe.PermissionError,
		)
	if doc.user and is_portal_user(doc.user):
		customer = frappe.db.get_value(doc.share_doctype, doc.share_name, "customer")
		if not customer or customer not in customers_for_user(doc.user):
			frappe.throw(
				_("{0} {1} belongs to another customer and cannot be shared with {2}.").format(
					_(doc.share_doctype), doc.share_name, doc.user
				),
				frappe.PermissionError,
			)


def has_desk_app() -> bool:
	"""Apps screen hook: the DMS desk app is for staff; customers are sent to the portal."""
	return not is_portal_user()


@frappe.whitelist()
def get_count(doctype: str, filters=None, debug=False, cache=False) -> int:
	"""Override of frappe.client.get_count, which runs frappe.db.count for any logged-in user with
	no permission check: a customer could count (so probe) other customers' VINs or repair orders,
	and a Sales Consultant the other consultants' deals. Everyone counts through frappe.get_list,
	where role permissions, record rules (permission query conditions) and user permissions apply."""
	return frappe.get_list(
		doctype, filters=get_safe_filters(filters), fields=["count(*) as count"], limit_page_length=0
	)[0].count


@frappe.whitelist()
def get_group_by_count(doctype: str, current_filters: str, field: str) -> list[dict]:
	"""Override of frappe.desk.listview.get_group_by_count (the list sidebar's counts). Its "Assigned
	To" branch counts the ToDos of every record the filters match, with no permission check, so a
	Sales Consultant would learn how many of the other consultants' deals are assigned to whom. Here
	the records are those frappe.get_list lets the user see; the other fields already count through
	frappe.get_list."""
	from frappe.desk.listview import get_group_by_count as frappe_group_by_count

	if field != "assigned_to":
		return frappe_group_by_count(doctype, current_filters, field)
	visible = frappe.get_list(
		doctype, filters=frappe.parse_json(current_filters), fields=["name"], limit_page_length=0, run=0
	)
	return frappe.db.sql(
		f"""select todo.allocated_to as name, count(*) as count
		from `tabToDo` todo join `tabUser` user on user.name = todo.allocated_to
		where todo.status != 'Cancelled' and user.user_type = 'System User'
			and todo.reference_type = {frappe.db.escape(doctype)} and todo.reference_name in ({visible})
		group by todo.allocated_to order by count desc limit 50""",
		as_dict=True,
	)
