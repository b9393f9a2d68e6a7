import pytest

from dms_app.vehicle_sales.finance import (
	amortisation_schedule,
	deal_totals,
	discount_percent,
	monthly_payment,
	needs_approval,
	reduction_from_list,
	total_interest,
)


def test_monthly_payment_matches_the_textbook_figure():
	# 20,000 at 6 % APR over 60 months: the standard table gives 386.66
	assert monthly_payment(20000, 6, 60) == 386.66
	# the classic 30-year mortgage figure: 200,000 at 6 % over 360 months
	assert monthly_payment(200000, 6, 360) == 1199.10


def test_zero_rate_divides_evenly_and_zero_principal_pays_nothing():
	assert monthly_payment(12000, 0, 24) == 500.0
	assert monthly_payment(0, 7.5, 36) == 0.0


@pytest.mark.parametrize("args", [(1000, 5, 0), (1000, -1, 12), (-5, 5, 12)])
def test_bad_loan_terms_are_refused(args):
	with pytest.raises(ValueError):
		monthly_payment(*args)


def test_schedule_pays_the_loan_off_exactly():
	rows = amortisation_schedule(20000, 6, 60)
	assert len(rows) == 60
	assert rows[-1]["balance"] == 0
	assert round(sum(r["principal"] for r in rows), 2) == 20000
	assert rows[0]["interest"] == 100.0  # 20,000 x 0.5 %
	paid = round(sum(r["payment"] for r in rows), 2)
	assert total_interest(20000, 6, 60) == round(paid - 20000, 2)
	assert abs(paid - 386.66 * 60) < 1  # only the last payment differs, by rounding


def test_deal_totals():
	totals = deal_totals(30000, 1500, 800, 2000, 9000, 1000)
	assert totals.net_total == 29300
	assert totals.grand_total == 31300
	assert totals.balance_due == 21300


def test_discount_limits():
	assert discount_percent(1500, 30000) == 5
	assert not needs_approval(1500, 30000, max_percent=5)
	assert needs_approval(1501, 30000, max_percent=5)
	assert needs_approval(1200, 30000, max_percent=5, max_amount=1000)
	assert not needs_approval(5000, 30000)  # no limits configured
	assert not needs_approval(0, 30000, max_percent=1, max_amount=1)


def test_reduction_from_list_counts_a_price_entered_below_list():
	assert reduction_from_list(30000, 27000, 500) == 3500
	assert reduction_from_list(30000, 31000, 500) == 500  # a mark-up offsets nothing
	assert reduction_from_list(0, 27000, 500) == 500  # no list price: the discount alone
