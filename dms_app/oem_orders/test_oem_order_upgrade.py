"""The patch that gives an existing site's OEM orders their milestone, run on a site made to look as
dms_app left it before: no status on the orders (the new column's default), states that set nothing."""

import frappe
from frappe.utils import nowdate

from dms_app.controllers import lifecycle
from dms_app.oem_orders.lifecycle import LIFECYCLE
from dms_app.patches.v1 import oem_order_lifecycle as patch
from dms_app.tests import factories, workflows
from dms_app.tests.oem_orders import imported, make_oem_order
from dms_app.tests.workflows import edited_workflow, forget

DOCTYPE = "OEM Vehicle Order"


def test_existing_orders_get_the_milestone_their_vehicles_show():
	trim = factories.make_vehicle_trim("Honda", "Accord", "UPG-A")
	draft = make_oem_order([(trim, 1)], submit=False)
	shipped, cancelled = make_oem_order([(trim, 1)]), make_oem_order([(trim, 1)])
	imported(
		[{"oem_order_no": shipped.name, "line": 1, "vin": factories.make_vin(), "shipped_date": nowdate()}]
	)
	cancelled.reload()
	workflows.cancel(cancelled)
	with edited_workflow(DOCTYPE) as workflow:
		for row in workflow.states:
			row.update_field = row.update_value = None
		workflow.save()
		forget(DOCTYPE, workflow.name)
		names = (draft.name, shipped.name, cancelled.name)
		frappe.db.sql(f"update `tab{DOCTYPE}` set status = 'Draft' where name in %s", [names])

		patch.execute()
		forget(DOCTYPE, workflow.name)

		assert [frappe.db.get_value(DOCTYPE, name, ["status", "workflow_state"]) for name in names] == [
			("Draft", "Draft"),
			("Shipped", "Shipped"),
			("Cancelled", "Cancelled"),
		]
		workflow.reload()
		assert {row.state: lifecycle.milestone_of(row, LIFECYCLE) for row in workflow.states} == {
			m.name: m.name for m in LIFECYCLE.milestones
		}
		assert lifecycle.workflow_problems(LIFECYCLE) == []
