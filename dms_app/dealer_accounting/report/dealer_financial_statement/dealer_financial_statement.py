"""Dealer Financial Statement: per department (dms_app/dealer_accounting/departments.py), for a month
and the calendar year to its end, sales, cost of sales, gross profit and gross %, units retailed
(vehicle departments, vehicles.inventory) and hours sold (service); then other income, expenses and
net profit, which equal ERPNext's Profit and Loss; then the key ratios (dms_app.kpi). Figures from
the General Ledger (dealer_accounting.ledger); the per-vehicle ratios from dms_app.vehicle_sales.gross,
the Gross per Vehicle Retailed report's definition (retail units, fleet excluded, in Units)."""

import calendar
from datetime import date

import frappe
from frappe import _
from frappe.utils import cint, flt, getdate, nowdate

from dms_app import kpi
from dms_app.controllers import reports
from dms_app.dealer_accounting import ledger
from dms_app.dealer_accounting.departments import DEPARTMENTS, FI, SERVICE, VEHICLE
from dms_app.vehicle_sales import gross as per_vehicle
from dms_app.vehicles import inventory

PERIODS = ("month", "ytd")


def execute(filters=None):
	filters = frappe._dict(filters or {})
	company = filters.company or frappe.db.get_single_value("DMS Settings", "company")
	if not company:
		frappe.throw(_("Choose a company"))
	periods = period_dates(filters.year, filters.month)
	figures = {period: figures_for(company, *dates) for period, dates in periods.items()}
	return columns(), rows(figures), None, None, summary(figures["month"])


def period_dates(year=None, month=None) -> dict[str, tuple[date, date]]:
	today = getdate(nowdate())
	year, month = cint(year) or today.year, cint(month) or today.month
	if not 1 <= month <= 12:
		frappe.throw(_("Month must be between 1 and 12"))
	end = date(year, month, calendar.monthrange(year, month)[1])
	return {"month": (date(year, month, 1), end), "ytd": (date(year, 1, 1), end)}


def figures_for(company: str, from_date, to_date) -> frappe._dict:
	result = ledger.statement(company, from_date, to_date)
	sales = inventory.vehicle_sales(company, from_date, to_date)
	result.units = {
		"new_vehicles": sum(1 for v in sales if v.stock_type != "Used"),
		"used_vehicles": sum(1 for v in sales if v.stock_type == "Used"),
	}
	result.units["fi"] = result.units["new_vehicles"] + result.units["used_vehicles"]
	result.hours = ledger.hours_sold(company, from_date, to_date)
	d = result.departments
	# per vehicle retailed: the Gross per Vehicle Retailed report's figures (fleet excluded)
	retail = per_vehicle.totals(per_vehicle.retailed(company, from_date, to_date))
	result.retail_units = {
		"new_gross_per_vehicle": retail.new_units,
		"used_gross_per_vehicle": retail.used_units,
		"fi_per_vehicle": retail.units,
	}
	result.ratios = {
		"absorption": kpi.service_absorption(result.fixed_operations_gross, result.fixed_overhead),
		"new_gross_per_vehicle": retail.gross_per_new_vehicle,
		"used_gross_per_vehicle": retail.gross_per_used_vehicle,
		"fi_per_vehicle": retail.fi_per_vehicle,
		"elr": kpi.effective_labour_rate(d["service_customer"].sales, result.hours["service_customer"]),
		"parts_gross_percent": kpi.gross_percent(d["parts"].gross, d["parts"].sales),
	}
	return result


FIELDS = ("sales", "cost_of_sales", "gross", "gross_percent", "units", "hours")


def line(label: str, values: dict[str, dict], bold: bool = False) -> dict:
	# every column present: a cell without a figure is empty on screen and in the export, not 0
	row = {"line": label, "bold": 1 if bold else 0, **{f"{p}_{f}": None for p in PERIODS for f in FIELDS}}
	for period, figures in values.items():
		for field, value in figures.items():
			row[f"{period}_{field}"] = value
	return row


def rows(figures: dict) -> list[dict]:
	data = []
	for department in DEPARTMENTS:
		values = {}
		for period in PERIODS:
			d = figures[period].departments[department.key]
			values[period] = {
				"sales": d.sales,
				"cost_of_sales": d.cost_of_sales,
				"gross": d.gross,
				"gross_percent": kpi.gross_percent(d.gross, d.sales),
				"units": figures[period].units.get(department.key)
				if department.kind in (VEHICLE, FI)
				else None,
				"hours": figures[period].hours.get(department.key) if department.kind == SERVICE else None,
			}
		data.append(line(_(department.label), values))
	totals = {
		period: {
			"sales": f.sales,
			"cost_of_sales": f.cost_of_sales,
			"gross": f.gross,
			"gross_percent": kpi.gross_percent(f.gross, f.sales),
		}
		for period, f in figures.items()
	}
	data.append(line(_("Total Gross Profit"), totals, bold=True))
	data.append(
		line(
			_("Other Income"),
			{p: {"sales": f.other_income, "gross": f.other_income} for p, f in figures.items()},
		)
	)
	data.append(line(_("Expenses"), {p: {"gross": -f.expenses} for p, f in figures.items()}))
	data.append(line(_("Net Profit"), {p: {"gross": f.net_profit} for p, f in figures.items()}, bold=True))
	data.append(line("", {}))
	for key, label, field in RATIOS:
		# a per-vehicle ratio shows in Units the retail units it divides by
		values = {p: {field: f.ratios[key], "units": f.retail_units.get(key)} for p, f in figures.items()}
		data.append(line(_(label), values))
	return data


RATIOS = (
	# key, label, the column it is shown in (money in Gross Profit, percentages in Gross %)
	("absorption", "Service Absorption %", "gross_percent"),
	# per vehicle retailed, fleet excluded: dms_app.vehicle_sales.gross, as Gross per Vehicle Retailed
	("new_gross_per_vehicle", "Gross per New Vehicle Retailed (fleet excluded)", "gross"),
	("used_gross_per_vehicle", "Gross per Used Vehicle Retailed (fleet excluded)", "gross"),
	("fi_per_vehicle", "F&I per Vehicle Retailed (fleet excluded)", "gross"),
	("elr", "Effective Labour Rate (customer pay)", "gross"),
	("parts_gross_percent", "Parts Gross %", "gross_percent"),
)


def summary(month: frappe._dict) -> list[dict]:
	return [
		{"label": _("Gross Profit"), "value": month.gross, "datatype": "Currency"},
		{"label": _("Net Profit"), "value": month.net_profit, "datatype": "Currency"},
		{
			"label": _("Service Absorption %"),
			"value": month.ratios["absorption"],
			"datatype": "Percent",
			"indicator": "Green" if flt(month.ratios["absorption"]) >= 100 else "Orange",
		},
	]


COLUMN_LABELS = {
	# period: labels of sales, cost of sales, gross profit, gross %, units, hours sold
	"month": (
		"Month Sales",
		"Month Cost of Sales",
		"Month Gross Profit",
		"Month Gross %",
		"Month Units",
		"Month Hours Sold",
	),
	"ytd": (
		"YTD Sales",
		"YTD Cost of Sales",
		"YTD Gross Profit",
		"YTD Gross %",
		"YTD Units",
		"YTD Hours Sold",
	),
}


def columns() -> list[dict]:
	result = [reports.column("Department", "line", width=340)]
	for period, (sales, cost, gross, percent, units, hours) in COLUMN_LABELS.items():
		result += [
			reports.currency(sales, f"{period}_sales", width=130),
			reports.currency(cost, f"{period}_cost_of_sales", width=165),
			reports.currency(gross, f"{period}_gross", width=165),
			reports.column(percent, f"{period}_gross_percent", "Percent", width=125),
			reports.column(units, f"{period}_units", "Int", width=115),
			reports.column(hours, f"{period}_hours", "Float", width=145, precision=1),
		]
	return result
