"""Editable defaults of the OEM Orders area: the order workflow, generated from the order's lifecycle
(oem_orders/lifecycle.py), created when missing, never overwritten (an admin's changes survive
migrate). Its custom fields on ERPNext doctypes are fixtures."""

from dms_app.controllers import lifecycle
from dms_app.oem_orders.lifecycle import LIFECYCLE


def ensure_defaults(_settings):
	lifecycle.ensure_workflow(LIFECYCLE)
