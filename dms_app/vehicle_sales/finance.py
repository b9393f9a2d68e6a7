"""Deal arithmetic with no database: loan amortisation, deal totals, discount limits."""

from dataclasses import dataclass


def monthly_payment(principal: float, apr_percent: float, term_months: int) -> float:
	"""Level monthly payment of an amortising loan: P·r / (1 - (1 + r)^-n), r = APR / 12.

	A 0 % APR divides the principal evenly; the result is rounded to cents.
	"""
	if term_months <= 0:
		raise ValueError("term_months must be positive")
	if principal < 0 or apr_percent < 0:
		raise ValueError("principal and APR cannot be negative")
	if principal == 0:
		return 0.0
	rate = apr_percent / 100 / 12
	if rate == 0:
		return round(principal / term_months, 2)
	return round(principal * rate / (1 - (1 + rate) ** -term_months), 2)


def amortisation_schedule(principal: float, apr_percent: float, term_months: int) -> list[dict]:
	"""Month-by-month interest, principal and balance; the last payment absorbs rounding."""
	payment = monthly_payment(principal, apr_percent, term_months)
	rate = apr_percent / 100 / 12
	balance = principal
	rows = []
	for month in range(1, term_months + 1):
		interest = round(balance * rate, 2)
		paid = payment if month < term_months else round(balance + interest, 2)
		balance = round(balance + interest - paid, 2)
		rows.append(
			{
				"month": month,
				"payment": paid,
				"interest": interest,
				"principal": round(paid - interest, 2),
				"balance": balance,
			}
		)
	return rows


def total_interest(principal: float, apr_percent: float, term_months: int) -> float:
	return round(sum(r["interest"] for r in amortisation_schedule(principal, apr_percent, term_months)), 2)


@dataclass(frozen=True, slots=True)
class DealTotals:
	net_total: float  # vehicle after discount + accessories, services and fees, before tax
	grand_total: float  # net total + taxes
	balance_due: float  # what is left after trade-in allowance and deposit (cash or financed)


def deal_totals(
	vehicle_price: float, discount: float, lines_total: float, taxes: float, trade_in: float, deposit: float
) -> DealTotals:
	net = round(vehicle_price - discount + lines_total, 2)
	grand = round(net + taxes, 2)
	return DealTotals(net, grand, round(grand - trade_in - deposit, 2))


def discount_percent(discount: float, vehicle_price: float) -> float:
	return round(discount * 100 / vehicle_price, 4) if vehicle_price else 0.0


def reduction_from_list(list_price: float, vehicle_price: float, discount: float) -> float:
	"""The discount plus any price entered below the list price (a price above list offsets nothing)."""
	return round(discount + max(list_price - vehicle_price, 0), 2) if list_price else discount


def needs_approval(
	discount: float, vehicle_price: float, max_percent: float = 0, max_amount: float = 0
) -> bool:
	"""Over either configured limit (a limit of 0 is no limit of that kind)."""
	if discount <= 0:
		return False
	over_percent = bool(max_percent) and discount_percent(discount, vehicle_price) > max_percent
	over_amount = bool(max_amount) and discount > max_amount
	return over_percent or over_amount
