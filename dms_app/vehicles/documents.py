"""A vehicle's documents (certificate 合格证 / MSO, keys, manuals and warranty card, registration):
where each is, every movement with who, when and why, the pledge to a floor-plan lender, and the
document checklist at delivery.

One Vehicle Document per vehicle and type (named VIN-type, so never two), made when first needed: a
receipt makes none (a 1,000-VIN receipt stays a batch), the first movement or a financing does. Its
location changes only through a submitted Vehicle Document Movement; cancelling the last movement
puts it back. The pledge (`pledged_to`) is set and cleared only by Floor Plan Financing
(dms_app/floor_plan/financing.py) with the Motor Vehicle row locked, so two financings of one
certificate at once wait for each other and the second is refused.
"""

import frappe
from frappe import _
from frappe.utils import cint, now_datetime

DOCTYPE = "Vehicle Document"
MOVEMENT = "Vehicle Document Movement"
HELD = ("Safe", "With Customer")  # the dealer can hand it over (or already has)
# the Motor Vehicle's certificate_location, kept in step with the certificate's document
VEHICLE_LOCATION = {"Safe": "Dealer", "Bank": "Lender (Pledged)", "With Customer": "Customer"}


def certificate_type() -> str:
	"""The document type a financing pledges (the certificate of conformity)."""
	name = frappe.db.get_value("Vehicle Document Type", {"pledged_with_financing": 1}, "name")
	if not name:
		frappe.throw(_("No Vehicle Document Type is marked Pledged with Floor-Plan Financing"))
	return name


def name_of(vin: str, document_type: str) -> str:
	return f"{vin}-{document_type}"


def lock_vehicle(vin: str):
	"""SELECT … FOR UPDATE of the Motor Vehicle row: the lock every pledge and release takes first."""
	if not frappe.db.sql("select name from `tabMotor Vehicle` where name = %s for update", vin):
		frappe.throw(_("VIN {0} is not a vehicle record").format(vin))


def get_or_make(vin: str, document_type: str, location: str = ""):
	name = name_of(vin, document_type)
	# a locking read sees the latest committed row, not the transaction's snapshot
	if frappe.db.sql(f"select name from `tab{DOCTYPE}` where name = %s for update", name):
		return frappe.get_doc(DOCTYPE, name, for_update=True)
	doc = frappe.get_doc(
		{"doctype": DOCTYPE, "vin": vin, "document_type": document_type, "location": location}
	)
	doc.insert(ignore_permissions=True)
	return doc


def move(vin, document_type, to_location, reason, holder=None, reference=None):
	"""A submitted Vehicle Document Movement made by the code (financing, payoff, handover)."""
	movement = frappe.get_doc(
		{
			"doctype": MOVEMENT,
			"vin": vin,
			"document_type": document_type,
			"to_location": to_location,
			"holder": holder,
			"reason": reason,
			"moved_on": now_datetime(),
			"moved_by": frappe.session.user,
			"reference_doctype": reference.doctype if reference else None,
			"reference_name": reference.name if reference else None,
		}
	)
	movement.flags.ignore_permissions = True
	movement.flags.by_code = True
	movement.insert()
	movement.submit()
	return movement


def apply_movement(movement):
	"""on_submit of a movement: the document goes where it says; a pledged certificate leaves the
	bank only through its financing's payoff or cancellation."""
	doc = get_or_make(movement.vin, movement.document_type)
	if doc.pledged_to and not movement.flags.by_code:
		frappe.throw(
			_("The {0} of vehicle {1} is pledged to {2}: it moves when the financing is paid off").format(
				_(movement.document_type), movement.vin, doc.pledged_to
			),
			title=_("Document pledged"),
		)
	movement.db_set({"vehicle_document": doc.name, "from_location": doc.location or ""})
	set_location(doc, movement.to_location, movement.holder, movement.name)


def revert_movement(movement):
	"""on_cancel: only the document's last movement can be cancelled; it goes back where it was."""
	doc = frappe.get_doc(DOCTYPE, movement.vehicle_document, for_update=True)
	if doc.last_movement != movement.name:
		frappe.throw(
			_("The {0} of vehicle {1} has moved since ({2}): cancel that movement first").format(
				_(movement.document_type), movement.vin, doc.last_movement
			)
		)
	if doc.pledged_to and not movement.flags.by_code:
		frappe.throw(
			_("The {0} of vehicle {1} is pledged to {2}").format(
				_(movement.document_type), movement.vin, doc.pledged_to
			)
		)
	previous = frappe.get_all(
		MOVEMENT,
		filters={"vehicle_document": doc.name, "docstatus": 1, "name": ("!=", movement.name)},
		fields=["name", "holder"],
		order_by="moved_on desc, creation desc",
		limit=1,
	)
	set_location(
		doc,
		movement.from_location or "",
		previous[0].holder if previous else None,
		previous[0].name if previous else None,
	)


def set_location(doc, location, holder, last_movement):
	doc.db_set({"location": location, "holder": holder, "last_movement": last_movement})
	if doc.document_type == certificate_type():
		# elsewhere (in transit, not located, or back to unknown when a pledge is undone): not known
		frappe.db.set_value(
			"Motor Vehicle",
			doc.vin,
			"certificate_location",
			VEHICLE_LOCATION.get(location, ""),
			update_modified=False,
		)


# ---------------------------------------------------------------- delivery


def delivery_errors(vins: list[str]) -> list[str]:
	"""Why the vehicles cannot be delivered: a pledged certificate (always), and with DMS Settings >
	Check Vehicle Documents at Delivery, each document type required at delivery not in the safe or
	with the customer."""
	if not vins:
		return []
	docs = frappe.get_all(
		DOCTYPE,
		filters={"vin": ("in", vins)},
		fields=["vin", "document_type", "location", "pledged_to"],
	)
	errors = [
		_("Vehicle {0}: its {1} is pledged to {2}; pay off the floor-plan financing first").format(
			d.vin, _(d.document_type), d.pledged_to
		)
		for d in docs
		if d.pledged_to
	]
	if cint(frappe.db.get_single_value("DMS Settings", "check_vehicle_documents_at_delivery")):
		located = {(d.vin, d.document_type) for d in docs if d.location in HELD}
		required = frappe.get_all("Vehicle Document Type", filters={"required_at_delivery": 1}, pluck="name")
		errors += [
			_("Vehicle {0}: its {1} is not in the safe").format(vin, _(kind))
			for vin in vins
			for kind in required
			if (vin, kind) not in located
		]
	return errors


def check_delivery(doc, method=None):
	"""before_submit of a Delivery Note or stock-updating Sales Invoice (not a return)."""
	from dms_app.vehicles.stock_events import vins_of

	if cint(doc.get("is_return")) or (doc.doctype == "Sales Invoice" and not cint(doc.update_stock)):
		return
	errors = delivery_errors(sorted({vin for _row, vin in vins_of(doc)}))
	if errors:
		frappe.throw("<br>".join(errors), title=_("Vehicle documents not ready for delivery"))


def check_handover(handover):
	errors = delivery_errors([handover.vin])
	if errors:
		frappe.throw("<br>".join(errors), title=_("Vehicle documents not ready for delivery"))


def hand_over(handover):
	"""The documents required at delivery that are in the safe go with the customer."""
	required = frappe.get_all("Vehicle Document Type", filters={"required_at_delivery": 1}, pluck="name")
	for doc in frappe.get_all(
		DOCTYPE,
		filters={"vin": handover.vin, "document_type": ("in", required or [""]), "location": "Safe"},
		fields=["document_type"],
	):
		move(
			handover.vin,
			doc.document_type,
			"With Customer",
			_("Handed over on {0}").format(handover.name),
			holder=handover.customer,
			reference=handover,
		)


def take_back(handover):
	"""Cancelling the handover cancels the movements it made (last first)."""
	for name in frappe.get_all(
		MOVEMENT,
		filters={"reference_doctype": handover.doctype, "reference_name": handover.name, "docstatus": 1},
		order_by="creation desc",
		pluck="name",
	):
		movement = frappe.get_doc(MOVEMENT, name)
		movement.flags.ignore_permissions = True
		movement.flags.by_code = True
		movement.cancel()
