"""Parts on repair orders move through ERPNext stock: issuing is a Material Transfer from the
part's source warehouse to the Workshop, a return transfers back; each Stock Entry row carries the
repair order part row it serves, and the row's issued qty is recounted from submitted entries. An
amended order takes over its cancelled order's transfers (repair_orders.carry_over)."""

import frappe
from frappe import _
from frappe.utils import flt

from dms_app.service.repair_orders import WORKING, workshop_warehouse

PARTS_ROLES = ("Parts Manager", "Service Advisor", "Service Manager", "System Manager")


def open_order_for_parts(repair_order: str):
	"""The repair order, if the user is parts or service staff who may see it and it is still open."""
	if not set(PARTS_ROLES) & set(frappe.get_roles()):
		frappe.throw(_("Only parts and service staff can issue or return parts."), frappe.PermissionError)
	doc = frappe.get_doc("Repair Order", repair_order)
	doc.check_permission("read")
	if doc.status not in WORKING:
		frappe.throw(_("Repair order {0} is {1}: parts can no longer move.").format(doc.name, _(doc.status)))
	return doc


def issue(repair_order: str, rows: list[str] | None = None) -> str:
	"""Issue the outstanding qty of approved part rows (all, or the named ones) to the workshop."""
	doc = open_order_for_parts(repair_order)
	workshop = workshop_warehouse()
	picks, errors = [], []
	for row in doc.parts:
		if rows and row.name not in rows:
			continue
		outstanding = flt(row.qty) - flt(row.issued_qty)
		if outstanding <= 0:
			continue
		if row.approval_status != "Approved":
			if rows:
				errors.append(
					_("Row {0}: {1} is {2}, not approved by the customer.").format(
						row.idx, row.item_code, _(row.approval_status)
					)
				)
			continue
		on_hand = flt(
			frappe.db.get_value("Bin", {"item_code": row.item_code, "warehouse": row.warehouse}, "actual_qty")
		)
		if on_hand < outstanding:
			errors.append(
				_("Row {0}: only {1} of {2} in {3}, {4} needed.").format(
					row.idx, on_hand, row.item_code, row.warehouse, outstanding
				)
			)
		picks.append((row, outstanding, row.warehouse, workshop))
	if errors:
		frappe.throw("<br>".join(errors), title=_("Parts cannot be issued"))
	if not picks:
		frappe.throw(_("Nothing to issue on repair order {0}.").format(doc.name))
	return transfer(doc, picks, _("Parts issued to repair order {0}").format(doc.name))


def return_to_store(repair_order: str, row: str, qty: float) -> str:
	doc = open_order_for_parts(repair_order)
	part = next((p for p in doc.parts if p.name == row), None)
	if not part:
		frappe.throw(_("Part row {0} is not on repair order {1}.").format(row, doc.name))
	qty = flt(qty)
	if qty <= 0 or qty > flt(part.issued_qty):
		frappe.throw(
			_("Row {0}: return between 0 and the {1} issued.").format(part.idx, flt(part.issued_qty))
		)
	return transfer(
		doc,
		[(part, qty, workshop_warehouse(), part.warehouse)],
		_("Parts returned from {0}").format(doc.name),
	)


def transfer(doc, picks, remarks) -> str:
	entry = frappe.get_doc(
		{
			"doctype": "Stock Entry",
			"stock_entry_type": "Material Transfer",
			"purpose": "Material Transfer",
			"company": doc.company,
			"repair_order": doc.name,
			"remarks": remarks,
			"items": [
				{
					"item_code": row.item_code,
					"qty": qty,
					"s_warehouse": source,
					"t_warehouse": target,
					"repair_order_part": row.name,
				}
				for row, qty, source, target in picks
			],
		}
	)
	entry.insert(ignore_permissions=True)  # parts staff checked in open_order_for_parts
	entry.submit()
	return entry.name


def recount_issued(entry, method=None):
	"""Stock Entry on_submit / on_cancel: recount issued qty of the repair order's part rows."""
	if entry.get("repair_order") and entry.purpose == "Material Transfer":
		recount(entry.repair_order)


def recount(name: str):
	"""Each part row's issued qty, from the submitted transfers to and from the workshop."""
	workshop = workshop_warehouse()
	moved = frappe.db.sql(
		"""select d.repair_order_part,
			sum(case when d.t_warehouse = %(workshop)s then d.qty else 0 end)
			- sum(case when d.s_warehouse = %(workshop)s then d.qty else 0 end)
		from `tabStock Entry Detail` d join `tabStock Entry` se on se.name = d.parent
		where se.repair_order = %(ro)s and se.docstatus = 1 and se.purpose = 'Material Transfer'
		group by d.repair_order_part""",
		{"workshop": workshop, "ro": name},
	)
	issued = dict(moved)
	for row in frappe.get_all("Repair Order Part", filters={"parent": name}, pluck="name"):
		count = flt(issued.get(row))
		frappe.db.sql(
			"""update `tabRepair Order Part` set issued_qty = %(count)s,
			reserved_qty = least(reserved_qty, greatest(qty - %(count)s, 0)) where name = %(row)s""",
			{"count": count, "row": row},
		)
