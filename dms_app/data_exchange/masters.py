"""The migration's makes, models and trims, loaded before the vehicles that link them: by natural
key (a make's name; a model's make and name; a trim's model and name), created as the desk creates
them: a new trim makes its serialised Item (Vehicle Trim.before_insert), so the export's `item`
column is not read."""

import frappe
from frappe import _

from dms_app.data_exchange.migration import RowError, TableImport


class MakeImport(TableImport):
	table = "vehicle_makes"
	doctype = "Vehicle Make"
	fields = ("make_name", "manufacturer", "country")
	extra = (("name", "Data", ""),)
	required = ()

	def find(self, values):
		values["make_name"] = values.get("make_name") or values.get("name")
		if not values["make_name"]:
			raise RowError(_("{0} is required").format(self.label("make_name")))
		return values["make_name"] if frappe.db.exists(self.doctype, values["make_name"]) else None

	def apply(self, values, name):
		self.check_links(values, optional=("country",))
		return super().apply(values, name)


class ModelImport(TableImport):
	table = "vehicle_models"
	doctype = "Vehicle Model"
	fields = ("make", "model_name", "body_type", "year_from", "year_to", "vehicle_segment", "description")
	required = ("make", "model_name")
	create_only = ("make", "model_name")

	def find(self, values):
		if not values.get("make") or not values.get("model_name"):
			raise RowError(_("A model needs its make and its name"))
		name = f"{values['make']} {values['model_name']}"
		return name if frappe.db.exists(self.doctype, name) else None

	def apply(self, values, name):
		self.check_links(values)
		return super().apply(values, name)


class TrimImport(TableImport):
	table = "vehicle_trims"
	doctype = "Vehicle Trim"
	fields = (
		"model",
		"make",
		"trim_name",
		"year_from",
		"year_to",
		"list_price",
		"body_type",
		"engine",
		"fuel_type",
		"transmission",
		"drivetrain",
		"seats",
		"disabled",
	)
	required = ("model", "trim_name")
	create_only = ("model", "make", "trim_name")

	def find(self, values):
		if not values.get("model") or not values.get("trim_name"):
			raise RowError(_("A trim needs its model and its name"))
		name = f"{values['model']} {values['trim_name']}"
		return name if frappe.db.exists(self.doctype, name) else None

	def apply(self, values, name):
		self.check_links(values, optional=("make",))
		return super().apply(values, name)
