"""The floor-plan alerts on a real site: each fires, stays quiet below its threshold, and is not sent
again on a re-run."""

import frappe
import pytest
from frappe.utils import add_days, nowdate

from dms_app.alerts.delivery import run_alerts
from dms_app.floor_plan import alerts
from dms_app.setup.defaults import ensure_default_records
from dms_app.tests import factories
from dms_app.tests import floor_plan as fp


@pytest.fixture(autouse=True)
def rules():
	ensure_default_records()


@pytest.fixture
def trim():
	return factories.make_vehicle_trim(list_price=30000)


def set_rule(alert_name, **values):
	settings = frappe.get_single("DMS Settings")
	[rule] = [r for r in settings.alert_rules if r.alert == alert_name]
	rule.update(values)
	settings.save()


def logged(alert_name, reference):
	return frappe.db.get_value(
		"DMS Alert Log", {"alert": alert_name, "reference_name": reference}, ["state", "times_sent"]
	)


def financed_vehicle(trim, line=None, days_ago=0):
	line = line or fp.make_line()
	vin = factories.make_vin()
	fp.receive_financed([vin], trim, line)
	doc = fp.financing_of(vin)
	doc.db_set("financed_on", add_days(nowdate(), -days_ago))
	return vin, doc


def test_the_alerts_are_registered_with_rules():
	names = {r.alert for r in frappe.get_single("DMS Settings").alert_rules}
	assert {
		alerts.CURTAILMENT_DUE,
		alerts.SOLD_OUT_OF_TRUST,
		alerts.CREDIT_LINE_USED,
		alerts.CERTIFICATE_NOT_LOCATED,
	} <= names


def test_curtailment_due_soon_then_overdue_then_paid(trim):
	# the test line: 10 % of principal 90 days after financing
	_vin, doc = financed_vehicle(trim, days_ago=85)
	set_rule(alerts.CURTAILMENT_DUE, threshold=3)
	run_alerts([alerts.CURTAILMENT_DUE])
	assert not logged(alerts.CURTAILMENT_DUE, doc.name)  # due in 5 days, looking 3 ahead
	set_rule(alerts.CURTAILMENT_DUE, threshold=7)
	run_alerts([alerts.CURTAILMENT_DUE])
	assert logged(alerts.CURTAILMENT_DUE, doc.name) == ("due", 1)
	assert run_alerts([alerts.CURTAILMENT_DUE])[alerts.CURTAILMENT_DUE] == 0  # no duplicate
	doc.db_set("financed_on", add_days(nowdate(), -95))
	run_alerts([alerts.CURTAILMENT_DUE])
	assert logged(alerts.CURTAILMENT_DUE, doc.name) == ("overdue", 2)
	fp.pay_off(doc.name, 2500)  # the curtailment paid
	run_alerts([alerts.CURTAILMENT_DUE])
	assert logged(alerts.CURTAILMENT_DUE, doc.name)[0] == "Resolved"


def test_sold_out_of_trust(trim):
	vin, doc = financed_vehicle(trim)
	order = factories.make_sales_order(factories.make_customer(), vin)
	from erpnext.selling.doctype.sales_order.sales_order import make_sales_invoice

	sale = make_sales_invoice(order.name)
	sale.insert()
	sale.submit()
	run_alerts([alerts.SOLD_OUT_OF_TRUST])
	assert not logged(alerts.SOLD_OUT_OF_TRUST, doc.name)  # sold today, payoff due in 3 days
	doc.reload()
	doc.db_set({"sold_on": add_days(nowdate(), -5), "payoff_due_date": add_days(nowdate(), -2)})
	run_alerts([alerts.SOLD_OUT_OF_TRUST])
	assert logged(alerts.SOLD_OUT_OF_TRUST, doc.name) == ("out of trust", 1)
	assert run_alerts([alerts.SOLD_OUT_OF_TRUST])[alerts.SOLD_OUT_OF_TRUST] == 0
	set_rule(alerts.SOLD_OUT_OF_TRUST, threshold=10)  # N days after the sale instead
	run_alerts([alerts.SOLD_OUT_OF_TRUST])
	assert logged(alerts.SOLD_OUT_OF_TRUST, doc.name)[0] == "Resolved"
	set_rule(alerts.SOLD_OUT_OF_TRUST, threshold=0)
	fp.pay_off(doc.name)
	run_alerts([alerts.SOLD_OUT_OF_TRUST])
	assert logged(alerts.SOLD_OUT_OF_TRUST, doc.name)[0] == "Resolved"


def test_credit_line_over_the_threshold(trim):
	line = fp.make_line(credit_limit=30000)
	financed_vehicle(trim, line)  # 25000 of 30000: 83 %
	run_alerts([alerts.CREDIT_LINE_USED])
	assert not logged(alerts.CREDIT_LINE_USED, line)
	frappe.db.set_value("Floor Plan Line", line, "credit_limit", 27000)  # 92.6 %
	run_alerts([alerts.CREDIT_LINE_USED])
	assert logged(alerts.CREDIT_LINE_USED, line) == ("over 90.0 %", 1)
	assert run_alerts([alerts.CREDIT_LINE_USED])[alerts.CREDIT_LINE_USED] == 0
	frappe.db.set_value("Floor Plan Line", line, "credit_limit", 20000)
	run_alerts([alerts.CREDIT_LINE_USED])
	assert logged(alerts.CREDIT_LINE_USED, line) == ("over the limit", 2)


def test_certificate_not_located(trim):
	vin, _doc = financed_vehicle(trim)
	run_alerts([alerts.CERTIFICATE_NOT_LOCATED])
	assert not logged(alerts.CERTIFICATE_NOT_LOCATED, vin)  # at the bank, pledged to the lender
	frappe.db.set_value("Vehicle Document", f"{vin}-Certificate", "location", "Not Located")
	run_alerts([alerts.CERTIFICATE_NOT_LOCATED])
	assert logged(alerts.CERTIFICATE_NOT_LOCATED, vin) == ("Not Located", 1)
	assert run_alerts([alerts.CERTIFICATE_NOT_LOCATED])[alerts.CERTIFICATE_NOT_LOCATED] == 0

	# a vehicle in stock, not financed: its certificate in transit for longer than the threshold
	stock_vin = factories.make_vin()
	factories.receive_vehicles([stock_vin], trim)
	move = frappe.get_doc(
		{
			"doctype": "Vehicle Document Movement",
			"vin": stock_vin,
			"document_type": "Certificate",
			"to_location": "In Transit",
			"reason": "sent by the OEM",
		}
	).insert()
	move.submit()
	set_rule(alerts.CERTIFICATE_NOT_LOCATED, threshold=3)
	run_alerts([alerts.CERTIFICATE_NOT_LOCATED])
	assert not logged(alerts.CERTIFICATE_NOT_LOCATED, stock_vin)
	move.db_set("moved_on", add_days(nowdate(), -5))
	run_alerts([alerts.CERTIFICATE_NOT_LOCATED])
	assert logged(alerts.CERTIFICATE_NOT_LOCATED, stock_vin) == ("In Transit", 1)


def test_a_financing_within_the_limit_is_not_counted_twice(trim):
	line = fp.make_line(credit_limit=30000)
	_vin, doc = financed_vehicle(trim, line)  # 25000 of 30000
	assert doc.docstatus == 1 and doc.outstanding_principal == 25000
