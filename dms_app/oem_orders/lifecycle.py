"""The OEM Vehicle Order's lifecycle (see dms_app/controllers/lifecycle.py and docs/workflows.md).

Its milestones are the order's `status`, which the code owns: the workflow's states are the admin's
labels for them. After submission the order is as far as its vehicles are (progress.order_stage):
the OEM's confirmation file and the Purchase Receipts move it by `lifecycle.reach`, and may jump
ahead (a file confirming, allocating and shipping at once) or go back (a cancelled receipt). A
workflow action taken by hand does what its milestone says to the lines (the controller's
HAND_MOVES). The Purchase Order is placed on submit and cancelled on cancel (docstatus, as in
ERPNext); stock moves only through the Purchase Receipts, so the order books nothing itself.
"""

from dms_app.controllers.lifecycle import Lifecycle, Milestone, Step
from dms_app.oem_orders.progress import STAGES

ROLES = ("DMS Manager", "Purchase Manager")
CANCELLABLE = STAGES[:-1]  # a received vehicle is returned through its receipt first


def moves_from(stage: str) -> tuple[str, ...]:
	"""Any other stage (the order follows its vehicles, forwards or back), or cancelled while open."""
	return (*(other for other in STAGES if other != stage), *(("Cancelled",) if stage in CANCELLABLE else ()))


LIFECYCLE = Lifecycle(
	doctype="OEM Vehicle Order",
	workflow="OEM Vehicle Order",
	# who may edit is left to the doctype's permissions (edit_roles "All")
	milestones=(
		Milestone("Draft", 0, "Danger"),
		Milestone("Submitted", 1, "Warning"),
		Milestone("Confirmed", 1, "Primary"),
		Milestone("VIN Assigned", 1, "Info"),
		Milestone("Shipped", 1, "Info"),
		Milestone("Received", 1, "Success"),
		Milestone("Cancelled", 2, "Inverse"),
	),
	moves={"Draft": ("Submitted",), **{stage: moves_from(stage) for stage in STAGES}},
	# Assign VINs and Receive are reached by the OEM's file and the Purchase Receipt; the buttons
	# explain that when pressed too early.
	steps=(
		Step("Draft", "Submit", "Submitted", ROLES),
		Step("Submitted", "Confirm", "Confirmed", ROLES),
		Step("Confirmed", "Assign VINs", "VIN Assigned", ROLES),
		Step("VIN Assigned", "Ship", "Shipped", ROLES),
		Step("Shipped", "Receive", "Received", ROLES),
		*(Step(stage, "Cancel", "Cancelled", ROLES) for stage in CANCELLABLE),
	),
	required=("Submitted",),
	on_submit="Submitted",
	on_cancel="Cancelled",
)
