import random

import frappe

from dms_app.demo import masters, sales, vehicles


def test_demo_sales_cover_every_stage_and_are_idempotent():
	masters.create(random.Random(1))
	vehicles.create(random.Random(2), masters.customer_names(random.Random(1)))
	summary = sales.create(random.Random(3))
	assert summary["vehicle deals"] == 5 and summary["test drives"] == 3 and summary["trade-ins"] == 1
	statuses = {
		d.status: d for d in frappe.get_all("Vehicle Deal", fields=["status", "approval_status", "trade_in"])
	}
	assert {"Open", "Quoted", "Delivered", "Lost"} <= set(statuses)
	assert statuses["Delivered"].trade_in
	assert frappe.db.exists("Vehicle Deal", {"approval_status": "Pending Approval"})
	traded = frappe.get_value("Trade-in Appraisal", statuses["Delivered"].trade_in, "vin")
	assert frappe.db.get_value("Motor Vehicle", traded, ["stock_type", "status"]) == ("Used", "In Stock")
	assert sales.create(random.Random(3)) == {"vehicle deals": 5}
