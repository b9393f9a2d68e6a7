"""The migration's opening parts stock: `opening_stock.csv`, one row per item and warehouse (item
code, name, warehouse, bin location, qty, valuation rate), posted through ERPNext's Stock
Reconciliation, ONE per warehouse, purpose Opening Stock, its difference account the company's
temporary opening account (as ERPNext's form proposes). An item not on the site is created in the
parts item group (DMS Settings), a stock item in Nos.

Upsert by item and warehouse: a row whose quantity and valuation rate the warehouse already holds
is unchanged, and a re-run with nothing to change makes no reconciliation. ERPNext has no bin
location on a Bin: the column is read and reported as a warning when given, not stored (see
docs/imports.md)."""

import frappe
from erpnext.stock.doctype.stock_reconciliation.stock_reconciliation import get_difference_account
from frappe import _
from frappe.utils import flt, nowdate, nowtime

from dms_app.data_exchange.migration import RowError, TableImport


class OpeningStockImport(TableImport):
	table = "opening_stock"
	doctype = "Stock Reconciliation Item"
	fields = ("item_code", "item_name", "warehouse", "qty", "valuation_rate")
	extra = (("bin_location", "Data", ""),)
	required = ("item_code", "warehouse", "qty")

	def run_rows(self, lines, outcome, zh, progress=None, done=0):
		"""Check every row, then one Stock Reconciliation per warehouse with the rows that change it."""
		table = self.table
		company = frappe.db.get_single_value("DMS Settings", "company")
		by_warehouse: dict[str, list] = {}
		seen = set()
		for row_no, raw in lines:
			done += 1
			if progress:
				progress(done, None)
			values, errors = self.typed(raw, zh)
			if not errors:
				try:
					self.check(values, company, seen)
				except RowError as error:
					errors = [str(error)]
			if errors:
				outcome.fail(table, row_no, errors)
				continue
			if values.get("bin_location"):
				outcome.warn(
					table,
					row_no,
					_("Bin location {0} is not stored: ERPNext keeps no bin location on stock").format(
						values["bin_location"]
					),
				)
			by_warehouse.setdefault(values["warehouse"], []).append((row_no, values))
		for warehouse, rows in by_warehouse.items():
			self.post(warehouse, rows, company, outcome)
		return done

	def check(self, values, company, seen):
		if values["qty"] < 0 or (values.get("valuation_rate") or 0) < 0:
			raise RowError(_("Quantity and valuation rate cannot be negative"))
		if not frappe.db.exists("Warehouse", {"name": values["warehouse"], "is_group": 0}):
			raise RowError(_("Warehouse {0} does not exist").format(values["warehouse"]))
		if frappe.db.get_value("Warehouse", values["warehouse"], "company") != company:
			raise RowError(_("Warehouse {0} is not the company's {1}").format(values["warehouse"], company))
		key = (values["item_code"], values["warehouse"])
		if key in seen:
			raise RowError(_("Item {0} is given twice for warehouse {1}").format(*key))
		seen.add(key)
		item = frappe.db.get_value(
			"Item", values["item_code"], ["is_stock_item", "has_serial_no"], as_dict=True
		)
		if item and (not item.is_stock_item or item.has_serial_no):
			raise RowError(
				_("Item {0} is not a stock part (a service item or a serialised vehicle)").format(
					values["item_code"]
				)
			)
		if values["qty"] and not values.get("valuation_rate") and not item:
			raise RowError(_("A new item needs its valuation rate"))

	def make_item(self, values):
		group = frappe.db.get_single_value("DMS Settings", "parts_item_group") or "Parts"
		frappe.get_doc(
			{
				"doctype": "Item",
				"item_code": values["item_code"],
				"item_name": values.get("item_name") or values["item_code"],
				"item_group": group,
				"stock_uom": "Nos",
				"is_stock_item": 1,
				"valuation_rate": values.get("valuation_rate") or 0,
			}
		).insert(ignore_permissions=True)

	def post(self, warehouse, rows, company, outcome):
		items = []
		for row_no, values in rows:
			frappe.db.savepoint("dms_opening_item")
			try:
				if not frappe.db.exists("Item", values["item_code"]):
					self.make_item(values)
			except frappe.ValidationError as error:
				frappe.db.rollback(save_point="dms_opening_item")
				frappe.clear_messages()
				outcome.fail(self.table, row_no, [str(error)])
				continue
			bin_ = frappe.db.get_value(
				"Bin",
				{"item_code": values["item_code"], "warehouse": warehouse},
				["actual_qty", "valuation_rate"],
				as_dict=True,
			) or frappe._dict(actual_qty=0, valuation_rate=0)
			rate = values.get("valuation_rate")
			if rate is None:
				rate = flt(bin_.valuation_rate)
			if abs(flt(bin_.actual_qty) - values["qty"]) < 1e-9 and (
				not values["qty"] or abs(flt(bin_.valuation_rate) - rate) < 1e-6
			):
				outcome.count(self.table, "unchanged")
				continue
			status = "updated" if flt(bin_.actual_qty) else "created"
			items.append(
				(
					row_no,
					status,
					{
						"item_code": values["item_code"],
						"warehouse": warehouse,
						"qty": values["qty"],
						"valuation_rate": rate,
					},
				)
			)
		if not items:
			return
		frappe.db.savepoint("dms_opening_stock")
		try:
			doc = frappe.get_doc(
				{
					"doctype": "Stock Reconciliation",
					"company": company,
					"purpose": "Opening Stock",
					"posting_date": nowdate(),
					"posting_time": nowtime(),
					"expense_account": get_difference_account("Opening Stock", company),
					"items": [item for _row, _status, item in items],
				}
			)
			doc.insert(ignore_permissions=True)
			doc.submit()
		except frappe.ValidationError as error:
			frappe.db.rollback(save_point="dms_opening_stock")
			frappe.clear_messages()
			for row_no, _status, _item in items:
				outcome.fail(self.table, row_no, [str(error)])
			return
		for _row, status, _item in items:
			outcome.count(self.table, status)
