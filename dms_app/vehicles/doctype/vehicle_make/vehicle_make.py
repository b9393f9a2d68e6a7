import frappe
from frappe import _
from frappe.model.document import Document

from dms_app.vehicles.decoding import clear_site_data


class VehicleMake(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from dms_app.vehicles.doctype.vehicle_make_wmi.vehicle_make_wmi import VehicleMakeWMI

		country: DF.Link | None
		logo: DF.AttachImage | None
		make_name: DF.Data
		manufacturer: DF.Data | None
		oem_supplier: DF.Link | None
		warranty_customer: DF.Link | None
		wmis: DF.Table[VehicleMakeWMI]
	# end: auto-generated types

	def validate(self):
		seen = set()
		for row in self.wmis:
			row.wmi = (row.wmi or "").strip().upper()
			if len(row.wmi) not in (3, 6) or any(c in "IOQ" or not c.isalnum() for c in row.wmi):
				frappe.throw(
					_("Row {0}: WMI {1} must be 3 (or 6) letters and digits, without I, O or Q").format(
						row.idx, row.wmi
					)
				)
			if row.wmi in seen:
				frappe.throw(_("Row {0}: WMI {1} is listed twice").format(row.idx, row.wmi))
			seen.add(row.wmi)
			other = frappe.db.get_value(
				"Vehicle Make WMI", {"wmi": row.wmi, "parent": ("!=", self.name)}, "parent"
			)
			if other:
				frappe.throw(_("WMI {0} already belongs to make {1}").format(row.wmi, other))

	def on_update(self):
		clear_site_data()

	def on_trash(self):
		clear_site_data()
