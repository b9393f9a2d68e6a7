import frappe
from frappe import _
from frappe.model.document import Document


class FloorPlanLine(Document):
	def validate(self):
		account = frappe.db.get_value(
			"Account", self.loan_account, ["company", "root_type", "is_group"], as_dict=True
		)
		if (
			not account
			or account.company != self.company
			or account.root_type != "Liability"
			or account.is_group
		):
			frappe.throw(
				_("Loan Account {0} must be a liability ledger account of {1}").format(
					self.loan_account, self.company
				)
			)
		for row in self.curtailments:
			if row.days_after_financing < 0 or not 0 < row.percent_of_principal <= 100:
				frappe.throw(_("Curtailment row {0}: days from 0, percent above 0 up to 100").format(row.idx))
		if sum(row.percent_of_principal for row in self.curtailments) > 100:
			frappe.throw(_("The curtailments add up to more than 100 % of the principal"))
