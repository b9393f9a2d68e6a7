"""The dealer's KPIs as plain formulas, each defined once (docs/kpis.md), free of the database:
reports, number cards and charts feed them ledger figures.

A ratio whose denominator is zero is None: "no sales" is not "zero days of supply".
"""


def _ratio(numerator: float, denominator: float, scale: float = 1) -> float | None:
	return round(numerator * scale / denominator, 2) if denominator else None


def days_supply(units_in_stock: float, units_sold_last_30_days: float) -> float | None:
	"""Days supply = units in stock ÷ (units sold in the last 30 days ÷ 30)."""
	return _ratio(units_in_stock, units_sold_last_30_days / 30) if units_sold_last_30_days else None


def inventory_turn(
	cost_of_goods_sold: float, opening_inventory: float, closing_inventory: float
) -> float | None:
	"""Inventory turn = cost of goods sold over a period ÷ average inventory at cost over it
	(the average of the period's opening and closing stock value)."""
	return _ratio(cost_of_goods_sold, (opening_inventory + closing_inventory) / 2)


def gross_per_vehicle_retailed(vehicle_gross: float, fi_gross: float, retail_units: int) -> float | None:
	"""Gross per vehicle retailed = (vehicle gross + F&I gross) ÷ retail units (fleet excluded)."""
	return _ratio(vehicle_gross + fi_gross, retail_units)


def conversion_rate(converted: int, leads: int) -> float | None:
	"""Lead conversion rate = leads that became a sale ÷ leads, in %."""
	return _ratio(converted, leads, 100)


def service_absorption(fixed_operations_gross_profit: float, fixed_overhead: float) -> float | None:
	"""Service absorption = (service + parts gross profit) ÷ dealership fixed overhead x 100 %."""
	return _ratio(fixed_operations_gross_profit, fixed_overhead, 100)


def gross_percent(gross_profit: float, sales: float) -> float | None:
	"""Gross % = gross profit ÷ sales x 100 % (a department's, e.g. parts gross %)."""
	return _ratio(gross_profit, sales, 100)


def fi_per_vehicle(fi_gross: float, retail_units: int) -> float | None:
	"""F&I per vehicle = F&I gross ÷ vehicles retailed (new and used)."""
	return _ratio(fi_gross, retail_units)


def fill_rate(lines_filled: int, lines_demanded: int) -> float | None:
	"""Parts fill rate (first-time fill) = lines supplied from stock ÷ lines demanded, in %."""
	return _ratio(lines_filled, lines_demanded, 100)


def _quotient(numerator: float, denominator: float) -> float | None:
	"""numerator ÷ denominator, or None when there is nothing to divide by."""
	return numerator / denominator if denominator else None


def technician_efficiency(flat_hours_billed: float, hours_clocked: float) -> float | None:
	"""Technician efficiency = flat-rate hours billed ÷ hours clocked on jobs."""
	return _quotient(flat_hours_billed, hours_clocked)


def technician_productivity(hours_clocked: float, hours_attended: float) -> float | None:
	"""Technician productivity = hours clocked on jobs ÷ hours attended (available)."""
	return _quotient(hours_clocked, hours_attended)


def technician_proficiency(flat_hours_billed: float, hours_attended: float) -> float | None:
	"""Technician proficiency = flat-rate hours billed ÷ hours attended."""
	return _quotient(flat_hours_billed, hours_attended)


def effective_labour_rate(labour_sales: float, flat_hours_billed: float) -> float | None:
	"""Effective labour rate (ELR) = labour sales ÷ flat-rate hours billed."""
	return _quotient(labour_sales, flat_hours_billed)


def recovery_rate(credited: float, claimed: float) -> float | None:
	"""Warranty recovery rate = credited ÷ claimed (amounts), in %; None when nothing was claimed."""
	if not claimed:
		return None
	return round(100 * (credited or 0) / claimed, 2)


def inspection_rate(orders_inspected: int, orders: int) -> float | None:
	"""Inspection rate = repair orders with a completed inspection ÷ repair orders, in %."""
	return _ratio(orders_inspected, orders, 100)


def red_amber_sold_percent(recommendations_sold: int, recommendations: int) -> float | None:
	"""Red/amber sold % = amber and red recommendations the customer approved ÷ amber and red
	recommendations decided, in %."""
	return _ratio(recommendations_sold, recommendations, 100)


def deferred_work_recovered(recovered: int, deferred: int) -> float | None:
	"""Deferred work recovered = deferred work records sold on a later repair order ÷ deferred work
	records created, in %."""
	return _ratio(recovered, deferred, 100)


def campaign_completion_rate(completed: int, affected: int) -> float | None:
	"""Campaign completion rate = VINs whose campaign work is completed ÷ VINs affected (Not Applicable
	excluded from both), in %."""
	return _ratio(completed, affected, 100)
