"""Each DMS role, logged in over HTTP, gets what docs/permissions.md says and no more: the documents
it reads through REST, the confidential cost fields through REST, reportview and the print view,
counts that follow the record rules (get_count, the sidebar's group-by counts) and the query
reports it may run. The records are committed for the web server and removed afterwards."""

import json

import frappe
import pytest
import requests
from frappe.utils import random_string
from frappe.utils.password import update_password

from dms_app.api.vehicles import STOCK_VALUE_REPORT
from dms_app.setup.defaults import ROLES
from dms_app.tests import factories, http
from dms_app.tests import permission_matrix as matrix
from dms_app.tests.repair_orders import make_employee

LANDED, LIST_PRICE = 22400, 26950


def make_records(tag: str, password: str) -> frappe._dict:
	"""One user per DMS role; a vehicle with its cost; another consultant's deal, assigned to them;
	a repair order assigned to another technician."""
	data = frappe._dict(tag=tag, users={})
	for role in ROLES:
		user = factories.make_user(
			f"access-{role.lower().replace(' ', '-')}-{tag}@example.com", roles=(role,)
		)
		update_password(user, password)
		data.users[role] = user
	data.other_consultant = factories.make_user(
		f"access-other-{tag}@example.com", roles=("Sales Consultant",)
	)
	data.employees = [make_employee(data.users["Technician"]), make_employee(name=f"Other Tech {tag}")]
	data.customer = factories.make_customer(f"Role Access {tag}")
	data.vin = factories.make_customer_vehicle(data.customer)
	frappe.db.set_value(
		"Motor Vehicle", data.vin, {"landed_cost": LANDED, "purchase_cost": 21000, "list_price": LIST_PRICE}
	)
	# the row is all the permission checks read: a valid deal would need a catalogue trim and its item
	deal = frappe.get_doc(
		{
			"doctype": "Vehicle Deal",
			"company": factories.default_company(),
			"customer": data.customer,
			"deal_type": "Factory Order",
			"sales_person": data.other_consultant,
			"transaction_date": frappe.utils.nowdate(),
			"vehicle_price": LIST_PRICE,
		}
	)
	deal.set_new_name()
	deal.db_insert()
	data.deal = deal.name
	frappe.get_doc(
		{
			"doctype": "ToDo",
			"allocated_to": data.other_consultant,
			"reference_type": "Vehicle Deal",
			"reference_name": data.deal,
			"description": "Call the customer back",
		}
	).insert(ignore_permissions=True)
	order = frappe.get_doc(
		{
			"doctype": "Repair Order",
			"vehicle": data.vin,
			"customer": data.customer,
			"company": factories.default_company(),
			"jobs": [{"job_no": 1, "concern": "Rattle", "pay_type": "Customer"}],
			"labour": [
				{
					"job_no": 1,
					"description": "Find the rattle",
					"flat_hours": 1,
					"rate": 100,
					"technician": data.employees[1],
				}
			],
		}
	).insert(ignore_permissions=True)
	data.repair_order = order.name
	return data


def remove_records(data: frappe._dict) -> None:
	users = [*data.users.values(), data.other_consultant]
	for doctype, filters in (
		("ToDo", {"reference_type": "Vehicle Deal", "reference_name": data.get("deal") or ""}),
		("Repair Order", {"customer": data.get("customer") or ""}),
		("Vehicle Deal", {"customer": data.get("customer") or ""}),
		("Motor Vehicle", {"customer": data.get("customer") or ""}),
		("Customer", {"name": data.get("customer") or ""}),
		("Employee", {"name": ("in", data.get("employees") or [""])}),
		("Activity Log", {"user": ("in", users)}),
		("Access Log", {"user": ("in", users)}),
		("User", {"name": ("in", users)}),
	):
		for name in frappe.get_all(doctype, filters=filters, pluck="name"):
			frappe.delete_doc(doctype, name, force=1, ignore_permissions=True)


@pytest.fixture(scope="module")
def site(frappe_site):
	password = f"Pw-{random_string(12)}"
	data = frappe._dict(users={}, other_consultant="")
	try:
		data = make_records(random_string(6).lower(), password)
		frappe.db.commit()
		with http.serve(frappe_site) as base:
			data.base = base
			data.sessions = {role: http.Session(base, user, password) for role, user in data.users.items()}
			yield data
	finally:
		frappe.db.rollback()
		frappe.set_user("Administrator")
		remove_records(data)
		frappe.db.commit()


def rights(role: str, doctype: str) -> str:
	return matrix.doctype_rights()[doctype].get(role, "")


@pytest.mark.parametrize("role", ROLES)
def test_documents_readable_as_the_matrix_says(site, role):
	session = site.sessions[role]
	wrong = []
	for doctype in matrix.doctype_rights():
		if frappe.get_meta(doctype).issingle:
			continue
		response = session.get(f"/api/resource/{doctype}", limit_page_length=1)
		if (response.status_code == 200) != ("R" in rights(role, doctype)):
			wrong.append((doctype, response.status_code))
	assert not wrong


@pytest.mark.parametrize("role", ROLES)
def test_vehicle_cost_only_for_those_who_read_it(site, role):
	session = site.sessions[role]
	if "R" not in rights(role, "Motor Vehicle"):
		assert session.get(f"/api/resource/Motor Vehicle/{site.vin}").status_code == 403
		return
	sees = role in matrix.confidential()["Motor Vehicle"].read
	fields = ["name", "list_price", "landed_cost", "purchase_cost"]
	filters = [["name", "=", site.vin]]
	[row] = session.get("/api/resource/Motor Vehicle", fields=fields, filters=filters).json()["data"]
	assert row["list_price"] == LIST_PRICE
	assert ("landed_cost" in row, "purchase_cost" in row) == (sees, sees)
	doc = session.get(f"/api/resource/Motor Vehicle/{site.vin}").json()["data"]
	assert doc["list_price"] == LIST_PRICE
	assert (doc.get("landed_cost") or None) == (LANDED if sees else None)
	listed = session.call(
		"frappe.desk.reportview.get", doctype="Motor Vehicle", fields=fields, filters=filters
	)
	assert ("landed_cost" in listed.json()["message"]["keys"]) == sees
	printed = session.get("/printview", doctype="Motor Vehicle", name=site.vin)
	assert printed.status_code == 200
	assert "26,950" in printed.text
	assert ("22,400" in printed.text) == sees


@pytest.mark.parametrize("role", ROLES)
def test_counts_follow_the_record_rules(site, role):
	"""A Sales Consultant counts no other consultant's deal, a Technician no order not assigned to them."""
	session = site.sessions[role]
	hidden = {"Vehicle Deal": role == "Sales Consultant", "Repair Order": role == "Technician"}
	for doctype, name in (("Vehicle Deal", site.deal), ("Repair Order", site.repair_order)):
		count = session.call("frappe.client.get_count", doctype=doctype, filters={"name": name})
		listed = session.call("frappe.desk.reportview.get_count", doctype=doctype, filters={"name": name})
		if "R" not in rights(role, doctype):
			assert (count.status_code, listed.status_code) == (403, 403), doctype
			continue
		expected = 0 if hidden[doctype] else 1
		assert (count.json()["message"], listed.json()["message"]) == (expected, expected), doctype
	if "R" not in rights(role, "Vehicle Deal"):
		return
	for field in ("assigned_to", "status"):
		groups = session.call(
			"frappe.desk.listview.get_group_by_count",
			doctype="Vehicle Deal",
			current_filters={"name": site.deal},
			field=field,
		).json()["message"]
		assert sum(group["count"] for group in groups) == (0 if hidden["Vehicle Deal"] else 1), field


@pytest.mark.parametrize("role", ROLES)
def test_reports_as_the_matrix_says(site, role):
	session = site.sessions[role]
	wrong = []
	for report, roles in matrix.report_roles().items():
		response = session.call("frappe.desk.query_report.get_script", report_name=report)
		if (response.status_code == 200) != (role in roles):
			wrong.append((report, response.status_code))
	assert not wrong
	stock_value = session.call("dms_app.api.vehicles.vehicle_stock_value")
	assert (stock_value.status_code == 200) == (role in matrix.report_roles()[STOCK_VALUE_REPORT])


@pytest.mark.parametrize("role", ROLES)
def test_vehicle_ageing_shows_cost_only_to_those_who_read_it(site, role):
	if role not in matrix.report_roles()["Vehicle Ageing"]:
		return
	result = site.sessions[role].call(
		"frappe.desk.query_report.run", report_name="Vehicle Ageing", filters={}
	)
	message = result.json()["message"]
	columns = {column["fieldname"] for column in message["columns"]}
	sees = role in matrix.confidential()["Motor Vehicle"].read
	assert bool({"landed_cost", "holding_cost"} & columns) == sees
	if not sees:
		assert not any({"landed_cost", "holding_cost"} & set(row) for row in message["result"])


@pytest.mark.parametrize("role", ROLES)
def test_filtering_sorting_grouping_by_cost_only_for_those_who_read_it(site, role):
	"""Frappe would drop the cost from the columns but still filter, sort and group by it: a user who
	may not read it could binary-search it. Such requests are refused, not answered without it."""
	session = site.sessions[role]
	sees = role in matrix.confidential()["Motor Vehicle"].read
	above = [["name", "=", site.vin], ["landed_cost", ">", LANDED - 1]]
	count = "frappe.desk.reportview.get_count"
	responses = {
		"REST list filter": session.get("/api/resource/Motor Vehicle", filters=above),
		"REST list order": session.get("/api/resource/Motor Vehicle", order_by="landed_cost desc"),
		"reportview count": session.call(count, doctype="Motor Vehicle", filters=above),
		"client count": session.call("frappe.client.get_count", doctype="Motor Vehicle", filters=above),
		"reportview order": session.call(
			"frappe.desk.reportview.get",
			doctype="Motor Vehicle",
			fields=["name"],
			order_by="`tabMotor Vehicle`.`landed_cost` desc",
		),
		"sidebar group-by": session.call(
			"frappe.desk.listview.get_group_by_count",
			doctype="Motor Vehicle",
			current_filters={"name": site.vin},
			field="landed_cost",
		),
		"get_value": session.call(
			"frappe.client.get_value", doctype="Motor Vehicle", fieldname="name", filters=above
		),
		"link search": session.call(
			"frappe.desk.search.search_link", doctype="Motor Vehicle", txt="", filters=above
		),
	}
	for what, response in responses.items():
		assert response.status_code == (200 if sees else 403), (what, response.text[:300])
		assert sees or "you may not read that field" in response.text, what
	if "R" in rights(role, "OEM Vehicle Order"):  # a child table's field
		rate = [["OEM Vehicle Order Line", "rate", ">", 1]]
		line_rate = session.get("/api/resource/OEM Vehicle Order", filters=rate)
		sees_rate = role in matrix.confidential()["OEM Vehicle Order"].read
		assert line_rate.status_code == (200 if sees_rate else 403), line_rate.text[:300]
	if sees:  # the filter really applies
		above_it = [["name", "=", site.vin], ["landed_cost", ">", LANDED]]
		assert session.call(count, doctype="Motor Vehicle", filters=above).json()["message"] == 1
		assert session.call(count, doctype="Motor Vehicle", filters=above_it).json()["message"] == 0


def test_api_keys_are_refused_the_cost_filter_too(site):
	"""Frappe signs API-key and token requests in after `before_request`: the check runs after it."""
	user = frappe.get_doc("User", site.users["Technician"])
	user.api_key, secret = frappe.generate_hash(length=15), frappe.generate_hash(length=15)
	user.api_secret = secret
	user.save(ignore_permissions=True)
	frappe.db.commit()
	response = requests.get(
		site.base + "/api/resource/Motor Vehicle",
		params={"filters": json.dumps({"landed_cost": [">", LANDED - 1]})},
		headers={"Authorization": f"token {user.api_key}:{secret}"},
		timeout=60,
	)
	assert response.status_code == 403, response.text[:300]
