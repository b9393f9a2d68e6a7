import frappe
from frappe import _
from frappe.model.document import Document

from dms_app.vehicle_sales import checklists


class PDIChecklist(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from dms_app.vehicle_sales.doctype.pdi_checklist_item.pdi_checklist_item import PDIChecklistItem

		amended_from: DF.Link | None
		inspection_date: DF.Date
		inspector: DF.Link
		items: DF.Table[PDIChecklistItem]
		model: DF.Link | None
		naming_series: DF.Literal["PDI-.YYYY.-"]
		notes: DF.SmallText | None
		odometer: DF.Int
		result: DF.Literal["Pending", "Passed", "Failed"]
		template: DF.Link | None
		vin: DF.Link

	# end: auto-generated types
	def before_validate(self):
		if not self.items:
			self.load_template()

	def load_template(self):
		self.template = checklists.pdi_template(self.template)
		for row in checklists.pdi_rows(self.template):
			self.append("items", row)

	def validate(self):
		if not self.items:
			frappe.throw(_("A PDI needs at least one check: choose a PDI Template"))
		results = {row.result for row in self.items}
		if "Fail" in results:
			self.result = "Failed"
		elif "" in results or None in results:
			self.result = "Pending"
		else:
			self.result = "Passed"

	def before_submit(self):
		if self.result == "Pending":
			open_checks = [row.check_item for row in self.items if not row.result]
			frappe.throw(
				_("Give every check a result before submitting: {0}").format("; ".join(open_checks[:5])),
				title=_("PDI incomplete"),
			)

	def on_submit(self):
		frappe.db.set_value(
			"Motor Vehicle", self.vin, {"pdi_status": self.result, "pdi_date": self.inspection_date}
		)

	def on_cancel(self):
		latest = frappe.db.get_value(
			"PDI Checklist",
			{"vin": self.vin, "docstatus": 1, "name": ("!=", self.name)},
			["result", "inspection_date"],
			order_by="inspection_date desc, creation desc",
			as_dict=True,
		)
		frappe.db.set_value(
			"Motor Vehicle",
			self.vin,
			{
				"pdi_status": latest.result if latest else "Pending",
				"pdi_date": latest.inspection_date if latest else None,
			},
		)
