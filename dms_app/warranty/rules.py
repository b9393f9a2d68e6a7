"""Claim arithmetic, deadlines and the OEM's answers, with no database.

Amounts are rounded to the cent half-up, as the OEM's statements are; the claim controller and
the response import both call these so the desk, the file exchange and the ledger agree.
"""

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from dms_app.translation import _

# The claim's milestones (its status, whatever the workflow calls them) that carry an OEM decision,
# that settle it, and from which a decision can come.
RESPONSE_STATES = ("Accepted", "Partially Accepted", "Rejected")
FINAL_STATES = ("Credited", "Written Off")
AWAITING_OEM = ("Submitted", "Resubmitted")


def money(value) -> float:
	return float(Decimal(str(value or 0)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def reimbursement_rate(dealer_net: float, handling_percent: float) -> float:
	"""OEM parts price: the dealer's net price plus the OEM's handling allowance."""
	return money(dealer_net * (1 + (handling_percent or 0) / 100))


def line_amount(qty: float, rate: float) -> float:
	return money((qty or 0) * (rate or 0))


def submission_deadline(repair_completed_on: date, window_days: int) -> date:
	"""Last day the OEM accepts the claim: the window runs from repair completion (day 0)."""
	return repair_completed_on + timedelta(days=window_days or 0)


def days_to_deadline(deadline: date, today: date) -> int:
	"""Negative once the deadline has passed."""
	return (deadline - today).days


def decision_for(accepted: float, claimed: float) -> str:
	"""The OEM's decision implied by the accepted amount."""
	accepted, claimed = money(accepted), money(claimed)
	if accepted <= 0:
		return "Rejected"
	return "Accepted" if accepted >= claimed else "Partially Accepted"


def response_path(current: str, target: str, accepted: float, claimed: float) -> list[str]:
	"""States a claim passes through to reach the OEM's `target` answer from `current`.

	An OEM statement that says "Credited" for a claim still awaiting a decision means it was
	accepted (fully or partly, by the amount) and paid at once: two steps. Raises ValueError
	when the answer cannot apply to a claim in `current`.
	"""
	if target in RESPONSE_STATES:
		if current not in AWAITING_OEM:
			raise ValueError(_("a claim in state {0} is not awaiting the OEM's decision").format(current))
		implied = decision_for(accepted, claimed)
		if target != implied:
			raise ValueError(_("status {0} does not match the accepted amount ({1})").format(target, implied))
		return [target]
	if target == "Credited":
		if current in AWAITING_OEM:
			decision = decision_for(accepted, claimed)
			if decision == "Rejected":
				raise ValueError(_("a credit needs an accepted amount above zero"))
			return [decision, "Credited"]
		if current in ("Accepted", "Partially Accepted"):
			return ["Credited"]
		raise ValueError(_("a claim in state {0} cannot be credited").format(current))
	raise ValueError(_("unknown response status '{0}'").format(target))


AGE_BUCKETS = ((30, "0-30"), (60, "31-60"), (90, "61-90"))


def age_bucket(days: int) -> str:
	for limit, label in AGE_BUCKETS:
		if days <= limit:
			return label
	return "90+"
