"""Digital vehicle inspection (docs/inspection.md): a Vehicle Inspection per repair order, filled
from an Inspection Template; amber and red items become proposed repair-order lines priced by the
order's own rules; what the customer declines becomes Deferred Work on the vehicle, offered again
at the next booking and repair order and marked Recovered when that order is invoiced.

The colour, reading and media rules are plain Python in dms_app/service/inspection_rules.py."""

import frappe
from frappe import _
from frappe.utils import cint, flt, getdate, now_datetime, nowdate

from dms_app.service import inspection_rules as rules
from dms_app.service import repair_orders

RECOMMENDATION_CONCERN = "Recommended after the vehicle inspection"
DEFERRED_CONCERN = "Deferred work from an earlier visit"
LINE_FIELDS = ("labour", "parts")


# ---------------------------------------------------------------- templates


def find_template(vehicle: str | None, service_type: str | None = None) -> str | None:
	"""The enabled template for the vehicle's make and the visit's service type, the most specific
	first (make and type, make, type, neither)."""
	make = frappe.db.get_value("Motor Vehicle", vehicle, "make") if vehicle else None
	for filters in (
		{"make": make, "service_type": service_type},
		{"make": make, "service_type": ("in", ("", None))},
		{"make": ("in", ("", None)), "service_type": service_type},
		{"make": ("in", ("", None)), "service_type": ("in", ("", None))},
	):
		if any(value is None for value in filters.values()):
			continue
		found = frappe.get_all(
			"Inspection Template", filters={**filters, "disabled": 0}, pluck="name", order_by="name", limit=1
		)
		if found:
			return found[0]
	return None


def items_from_template(template: str) -> list[dict]:
	copied = (
		"category",
		"check_item",
		"measurement",
		"unit",
		"direction",
		"amber_threshold",
		"red_threshold",
		"labour_operation",
		"part",
		"part_qty",
	)
	return [
		{field: row.get(field) for field in copied}
		for row in frappe.get_doc("Inspection Template", template).items
	]


def make_inspection(repair_order: str, template: str | None = None):
	"""A draft Vehicle Inspection of the repair order, its items from `template` (else the best
	template for the vehicle); the order's existing draft inspection if it has one."""
	existing = frappe.db.get_value("Vehicle Inspection", {"repair_order": repair_order, "docstatus": 0})
	if existing:
		return frappe.get_doc("Vehicle Inspection", existing)
	order = frappe.db.get_value("Repair Order", repair_order, ["name", "vehicle", "docstatus"], as_dict=True)
	if not order:
		frappe.throw(_("Repair order {0} not found.").format(repair_order), frappe.DoesNotExistError)
	if order.docstatus == 2:
		frappe.throw(_("Repair order {0} is cancelled.").format(repair_order))
	template = template or find_template(order.vehicle)
	doc = frappe.get_doc(
		{
			"doctype": "Vehicle Inspection",
			"repair_order": order.name,
			"template": template,
			"items": items_from_template(template) if template else [],
		}
	)
	doc.insert()
	return doc


# ---------------------------------------------------------------- the inspection


def validate(doc):
	order = frappe.db.get_value(
		"Repair Order", doc.repair_order, ["vehicle", "customer", "status", "docstatus"], as_dict=True
	)
	if not order:
		frappe.throw(_("Repair order {0} not found.").format(doc.repair_order))
	doc.vehicle, doc.customer = order.vehicle, order.customer
	doc.inspected_by = doc.inspected_by or frappe.session.user
	errors = []
	for row in doc.items or []:
		try:
			reading = rules.parse_reading(row.reading)
		except ValueError as error:
			errors.append(_("Row {0} ({1}): {2}").format(row.idx, row.check_item, error))
			continue
		row.suggested_rating = rules.suggest_rating(
			reading, row.amber_threshold, row.red_threshold, row.direction or rules.LOWER_IS_WORSE
		)
		if not row.rating and row.suggested_rating:
			row.rating = row.suggested_rating
		errors.extend(media_errors(doc, row))
	if errors:
		frappe.throw("<br>".join(errors), title=_("Inspection items are not valid"))
	doc.red_items = sum(1 for row in doc.items if row.rating == rules.RED)
	doc.amber_items = sum(1 for row in doc.items if row.rating == rules.AMBER)


def media_errors(doc, row) -> list[str]:
	"""A row's photo and video: the right kind and size, and a private file of this inspection."""
	errors = []
	for field, kind in (("photo", "photo"), ("video", "video")):
		url = row.get(field)
		if not url:
			continue
		where = _("Row {0} ({1})").format(row.idx, row.check_item)
		file = frappe.db.get_value(
			"File",
			{"file_url": url, "attached_to_doctype": doc.doctype, "attached_to_name": doc.name},
			["file_name", "file_size", "is_private"],
			as_dict=True,
		)
		problem = rules.media_problem(file.file_name if file else url, file.file_size if file else 0, kind)
		if problem:
			errors.append(f"{where}: {problem}")
		elif not file or not file.is_private:
			errors.append(
				_("{0}: attach the {1} to this inspection as a private file.").format(where, _(kind))
			)
	return errors


def before_submit(doc):
	unrated = [str(row.idx) for row in doc.items if not row.rating]
	if not doc.items:
		frappe.throw(_("Add the check items before completing the inspection."))
	if unrated:
		frappe.throw(
			_("Rate rows {0} Green, Amber or Red before completing the inspection.").format(
				", ".join(unrated)
			)
		)
	if frappe.db.get_value("Repair Order", doc.repair_order, "status") not in repair_orders.WORKING:
		frappe.throw(_("Repair order {0} is no longer being worked on.").format(doc.repair_order))
	other = frappe.db.get_value(
		"Vehicle Inspection", {"repair_order": doc.repair_order, "docstatus": 1, "name": ("!=", doc.name)}
	)
	if other:
		frappe.throw(
			_("Repair order {0} already has the completed inspection {1}.").format(doc.repair_order, other)
		)
	doc.completed_on = now_datetime()


def on_submit(doc):
	recommend(doc)


def on_cancel(doc):
	"""Withdraw the recommendations the customer has not decided yet."""
	order = frappe.get_doc("Repair Order", doc.repair_order)
	rows = {row.name for row in doc.items}
	if order.docstatus != 0:
		return
	removed = False
	for table in LINE_FIELDS:
		keep = [
			r for r in order.get(table) if not (r.inspection_item in rows and r.approval_status == "Proposed")
		]
		removed |= len(keep) != len(order.get(table))
		order.set(table, keep)
	if removed:
		order.flags.ignore_permissions = True
		order.save()


def recommend(doc):
	"""Amber and red items with a labour operation or part become Proposed customer-pay lines on the
	repair order (one job for them), priced by the order's rules."""
	wanted = [row for row in doc.items if rules.needs_work(row.rating) and (row.labour_operation or row.part)]
	if not wanted:
		return
	order = frappe.get_doc("Repair Order", doc.repair_order)
	job_no = add_job(order, _(RECOMMENDATION_CONCERN))
	for row in wanted:
		label = " · ".join(p for p in (row.check_item, _(row.rating)) if p)
		add_lines(
			order, job_no, row.labour_operation, row.part, row.part_qty, label, inspection_item=row.name
		)
		row.db_set("recommended", 1)
	order.flags.ignore_permissions = True  # the inspection's own submit permission was checked
	order.save()


def add_job(order, concern: str) -> int:
	job_no = max([cint(job.job_no) for job in order.jobs] or [0]) + 1
	order.append("jobs", {"job_no": job_no, "pay_type": "Customer", "concern": concern})
	return job_no


def add_lines(order, job_no, operation, part, qty, label, **link):
	if operation:
		description = frappe.db.get_value("Labour Operation", operation, "description")
		order.append(
			"labour",
			{
				"job_no": job_no,
				"labour_operation": operation,
				"description": f"{description} ({label})" if label else description,
				"pay_type": "Customer",
				**link,
			},
		)
	if part:
		order.append(
			"parts",
			{"job_no": job_no, "item_code": part, "qty": flt(qty) or 1, "pay_type": "Customer", **link},
		)


def recommendations(repair_order: str) -> dict[str, list]:
	"""{inspection row: [its lines on the order (doctype, name, amount, approval_status)]}."""
	found = {}
	for doctype in ("Repair Order Labour", "Repair Order Part"):
		for line in frappe.get_all(
			doctype,
			filters={"parent": repair_order, "parenttype": "Repair Order", "inspection_item": ("is", "set")},
			fields=["name", "inspection_item", "amount", "approval_status"],
			order_by="idx",
		):
			found.setdefault(line.inspection_item, []).append(line)
	return found


# ---------------------------------------------------------------- deferred work


def defer_declined(order, method=None):
	"""Repair Order on_submit (completion): each inspection row whose recommended lines the customer
	declined becomes one Open Deferred Work on the vehicle (once)."""
	declined = {}
	for table in LINE_FIELDS:
		for line in order.get(table):
			if line.inspection_item and line.approval_status == "Declined":
				declined.setdefault(line.inspection_item, []).append(line)
	if not declined:
		return
	contact = customer_email(order.customer)
	for item_name, lines in declined.items():
		if frappe.db.exists("Deferred Work", {"inspection_item": item_name}):
			continue
		item = frappe.db.get_value(
			"Vehicle Inspection Item",
			item_name,
			["parent", "check_item", "rating", "note", "labour_operation", "part", "part_qty"],
			as_dict=True,
		)
		if not item:
			continue
		frappe.get_doc(
			{
				"doctype": "Deferred Work",
				"vehicle": order.vehicle,
				"customer": order.customer,
				"contact_email": contact,
				"description": ": ".join(p for p in (item.check_item, item.note) if p)[:140],
				"rating": item.rating,
				"status": "Open",
				"due_date": rules.due_date(item.rating, getdate(nowdate())),
				"estimated_price": sum(flt(line.amount) for line in lines),
				"currency": order.currency,
				"labour_operation": item.labour_operation,
				"part": item.part,
				"part_qty": item.part_qty,
				"repair_order": order.name,
				"vehicle_inspection": item.parent,
				"inspection_item": item_name,
			}
		).insert(ignore_permissions=True)


def customer_email(customer: str | None) -> str | None:
	if not customer:
		return None
	users = frappe.get_all(
		"Portal User", filters={"parent": customer, "parenttype": "Customer"}, pluck="user", order_by="idx"
	)
	return users[0] if users else frappe.db.get_value("Customer", customer, "email_id")


def open_deferred_work(vehicle: str | None) -> list[dict]:
	if not vehicle:
		return []
	return frappe.get_all(
		"Deferred Work",
		filters={"vehicle": vehicle, "status": "Open"},
		fields=[
			"name",
			"vehicle",
			"description",
			"rating",
			"due_date",
			"estimated_price",
			"currency",
			"repair_order",
		],
		order_by="due_date asc",
	)


def add_deferred_work(repair_order: str, names: list[str]):
	"""Add the Open deferred work of the order's vehicle as Proposed lines (one job), each line
	linked to its record; invoicing the order marks the records Recovered."""
	order = frappe.get_doc("Repair Order", repair_order)
	order.check_permission("write")
	if order.docstatus != 0 or order.status not in repair_orders.WORKING:
		frappe.throw(_("Repair order {0} is no longer being worked on.").format(order.name))
	already = {r.deferred_work for t in LINE_FIELDS for r in order.get(t) if r.deferred_work}
	records = []
	for name in names:
		work = frappe.db.get_value(
			"Deferred Work",
			name,
			["name", "vehicle", "status", "description", "labour_operation", "part", "part_qty"],
			as_dict=True,
		)
		if not work or work.vehicle != order.vehicle:
			frappe.throw(_("Deferred work {0} is not for vehicle {1}.").format(name, order.vehicle))
		if work.status != "Open":
			frappe.throw(_("Deferred work {0} is {1}.").format(name, _(work.status)))
		if work.name in already:
			frappe.throw(_("Deferred work {0} is already on repair order {1}.").format(name, order.name))
		if not (work.labour_operation or work.part):
			frappe.throw(_("Deferred work {0} names no labour operation or part.").format(name))
		records.append(work)
	if not records:
		frappe.throw(_("Choose the deferred work to add."))
	job_no = add_job(order, _(DEFERRED_CONCERN))
	for work in records:
		add_lines(
			order,
			job_no,
			work.labour_operation,
			work.part,
			work.part_qty,
			work.description,
			deferred_work=work.name,
		)
	order.save()
	return order


def recover(order, method=None):
	"""Repair Order on_update_after_submit: once invoiced, the deferred work it sold is Recovered."""
	if order.status != repair_orders.INVOICED:
		return
	for table in LINE_FIELDS:
		for line in order.get(table):
			if line.deferred_work and line.approval_status == "Approved":
				if frappe.db.get_value("Deferred Work", line.deferred_work, "status") == "Open":
					frappe.db.set_value(
						"Deferred Work",
						line.deferred_work,
						{"status": "Recovered", "recovered_on": order.name},
					)
