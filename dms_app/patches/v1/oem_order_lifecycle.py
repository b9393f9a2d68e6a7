"""OEM Vehicle Orders on existing sites get their milestone (`status`, new) and the workflow its
Update Field / Value (dms_app/oem_orders/lifecycle.py).

A submitted order's status is where its vehicles are (progress.order_stage, as the OEM files and
receipts have left them); drafts are Draft, cancelled orders Cancelled. The workflow state each
order shows is kept, and the admin's states, roles and conditions too (lifecycle.upgrade_workflow).
"""

import frappe

from dms_app.controllers import lifecycle
from dms_app.oem_orders import vehicle_orders
from dms_app.oem_orders.lifecycle import LIFECYCLE


def execute():
	for name, docstatus in frappe.get_all("OEM Vehicle Order", fields=["name", "docstatus"], as_list=True):
		if docstatus == 1:
			status = vehicle_orders.stage_of(frappe.get_doc("OEM Vehicle Order", name))
		else:
			status = "Cancelled" if docstatus == 2 else "Draft"
		frappe.db.set_value("OEM Vehicle Order", name, "status", status, update_modified=False)
	lifecycle.upgrade_workflow(LIFECYCLE)
