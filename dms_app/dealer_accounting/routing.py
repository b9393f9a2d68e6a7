"""Postings land in their department (docs/accounting.md).

Most lines get there by ERPNext itself, through the Item Group Defaults that setup made (income and
expense account, selling cost center). What no item property tells is set on the line here, when
the app posts it or, for ERPNext's own selling documents, when they are validated:

- a vehicle row (the Motor Vehicle's own Item, by VIN) goes to New or Used Vehicles by the vehicle's
  stock type, on Sales Invoices (and their returns) and Delivery Notes alike;
- any other line of an item group of a department (departments.item_groups) whose income account,
  cost of sales or cost center ERPNext left at the company's default (or empty) takes the
  department's: the cost of sales always (ERPNext's Item Defaults hold one expense account for
  selling and stock entries alike, so it is not an Item Group Default), the others where the Item
  Group Defaults did not reach the line (a document made in code without the customer's context);
- repair-order lines go to the service department of their pay type (service.invoicing), parts to
  Parts; OEM claim invoices, credits and write-offs to Service - Warranty (warranty.accounting).
"""

import frappe

from dms_app.dealer_accounting import accounts
from dms_app.dealer_accounting.departments import DEPARTMENTS, stock_type_department


def line_values(company: str, key: str, doctype: str = "Sales Invoice") -> dict:
	"""The fields a selling line takes from its department (only those the department has)."""
	department = accounts.department(company, key)
	values = {"cost_center": department.cost_center, "expense_account": department.cost_of_sales_account}
	if doctype == "Sales Invoice":
		values["income_account"] = department.income_account
	return {field: value for field, value in values.items() if value}


def item_group_departments() -> dict[str, str]:
	"""Item group → department key (departments.item_groups: DMS Settings fields or group names)."""
	settings = frappe.get_cached_doc("DMS Settings")
	result = {}
	for department in DEPARTMENTS:
		for ref in department.item_groups:
			group = settings.get(ref) if "_" in ref else ref
			if group:
				result[group] = department.key
	return result


def route_lines(doc, method=None):
	"""Sales Invoice / Delivery Note (validate): vehicle rows to their vehicle department, other
	lines' cost of sales to their item group's department."""
	vins = [row.vin for row in doc.items if row.get("vin")]
	vehicles = {
		row.name: row
		for row in frappe.get_all(
			"Motor Vehicle", filters={"name": ("in", vins or [""])}, fields=["name", "item", "stock_type"]
		)
	}
	groups = item_group_departments()
	company_defaults = frappe.get_cached_value(
		"Company",
		doc.company,
		["default_income_account", "default_expense_account", "cost_center"],
		as_dict=True,
	)
	defaults = {
		"income_account": company_defaults.default_income_account,
		"expense_account": company_defaults.default_expense_account,
		"cost_center": company_defaults.cost_center,
	}
	for row in doc.items:
		vehicle = vehicles.get(row.get("vin"))
		if vehicle and vehicle.item == row.item_code:
			row.update(line_values(doc.company, stock_type_department(vehicle.stock_type), doc.doctype))
			continue
		key = groups.get(row.item_group)
		if not key:
			continue
		# what ERPNext left at the company's defaults (an admin's or the app's own choice stays)
		for field, value in line_values(doc.company, key, doc.doctype).items():
			if row.get(field) in (None, "", defaults[field]):
				row.set(field, value)
