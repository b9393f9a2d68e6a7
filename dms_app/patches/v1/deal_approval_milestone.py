"""Deal approval on its own milestone (issue 14). Existing deals get `approval_status` from the
workflow state they are in (a state the app did not ship leaves them at Draft), then the site's
workflow is brought onto the lifecycle: its states named after milestones get Update Field / Value,
missing milestones their shipped state; the admin's states, roles and conditions are kept."""

import frappe

from dms_app.controllers.lifecycle import upgrade_workflow
from dms_app.vehicle_sales.approval import LIFECYCLE


def execute():
	frappe.db.sql(
		"""update `tabVehicle Deal`
		set approval_status = if(workflow_state in %(milestones)s, workflow_state, %(first)s)""",
		{"milestones": [m.name for m in LIFECYCLE.milestones], "first": LIFECYCLE.first},
	)
	upgrade_workflow(LIFECYCLE)
	frappe.clear_cache(doctype="Vehicle Deal")
