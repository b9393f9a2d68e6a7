from frappe.model.document import Document


class DealerDepartmentAccount(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		cost_center: DF.Link | None
		cost_of_sales_account: DF.Link | None
		department: DF.Literal[
			"New Vehicles",
			"Used Vehicles",
			"F&I",
			"Service - Customer Pay",
			"Service - Warranty",
			"Service - Internal",
			"Parts",
			"Body Shop",
		]
		income_account: DF.Link | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
	# end: auto-generated types
	pass
