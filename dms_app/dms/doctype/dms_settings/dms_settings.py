from frappe.model.document import Document


class DMSSettings(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		aged_stock_days: DF.Int
		company: DF.Link | None
		holding_cost_per_day: DF.Currency
		in_transit_warehouse: DF.Link | None
		new_vehicle_warehouse: DF.Link | None
		parts_item_group: DF.Link | None
		parts_warehouse: DF.Link | None
		reservation_days: DF.Int
		used_vehicle_item_group: DF.Link | None
		used_vehicle_warehouse: DF.Link | None
		vehicle_item_group: DF.Link | None
		workshop_warehouse: DF.Link | None
	# end: auto-generated types
	pass
