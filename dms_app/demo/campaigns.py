"""Demo recall and service campaigns (dms_app/warranty/campaigns.py): two open ones on customers'
vehicles, one of them on the portal customer's car (a flag on /my-vehicles and /book-service), and
one closed with its vehicles completed. Idempotent: campaigns are made once, VINs added once."""

import frappe
from frappe.utils import add_days, nowdate

from dms_app.demo import portal, zh
from dms_app.warranty.campaigns import add_vehicles

CAMPAIGNS = (
	# (code, English title, Chinese title, type, days since start, days to end, vehicles, completed)
	(
		"RC-24V118",
		"Front passenger airbag inflator replacement",
		"前排乘客安全气囊气体发生器更换",
		"Recall",
		45,
		320,
		6,
		False,
	),
	(
		"SC-BMS-07",
		"Battery management software update",
		"电池管理系统软件升级",
		"Service Campaign",
		20,
		160,
		4,
		False,
	),
	("RC-23V302", "Rear brake hose inspection", "后制动软管检查", "Recall", 400, -30, 4, True),
)


def create(rng) -> dict:
	owner_vins = frappe.get_all(
		"Motor Vehicle", filters={"customer": portal.customer()}, pluck="name", order_by="name"
	)
	others = frappe.get_all(
		"Motor Vehicle",
		filters={"stock_type": "Customer", "customer": ("not in", [portal.customer()])},
		pluck="name",
		order_by="name",
	)
	operation = frappe.get_all(
		"Labour Operation", filters={"disabled": 0}, pluck="name", order_by="name", limit=1
	)
	made = 0
	for index, (code, title, title_zh, kind, started, ends, count, completed) in enumerate(CAMPAIGNS):
		if frappe.db.exists("Service Campaign", code):
			continue
		doc = frappe.get_doc(
			{
				"doctype": "Service Campaign",
				"campaign_code": code,
				"title": zh.pick(title, title_zh),
				"campaign_type": kind,
				"start_date": add_days(nowdate(), -started),
				"end_date": add_days(nowdate(), ends),
				"labour_operation": operation[0] if operation else None,
			}
		).insert(ignore_permissions=True)
		vins = rng.sample(others, min(count, len(others)))
		if index == 0 and owner_vins:
			vins = [owner_vins[0], *vins]  # the portal customer's car: flagged on her pages
		add_vehicles(doc.name, vins)
		if completed:
			frappe.db.set_value(
				"Service Campaign Vehicle",
				{"service_campaign": doc.name, "vin": ("in", vins[: max(1, len(vins) - 1)])},
				{"status": "Completed", "completed_on": add_days(nowdate(), -60)},
			)
		made += 1
	return {"service campaigns": made}
