"""Where an OEM vehicle order stands, from its lines' counts (no database access).

Each line moves confirmed → VIN assigned → shipped → received; the order is as far as its least
advanced line. A line's target is what the OEM confirmed (it may confirm fewer than ordered).
"""

from dataclasses import dataclass

STAGES = ("Submitted", "Confirmed", "VIN Assigned", "Shipped", "Received")


@dataclass(frozen=True, slots=True)
class LineProgress:
	qty: int
	confirmed: int = 0
	assigned: int = 0
	shipped: int = 0
	received: int = 0


def line_stage(line: LineProgress) -> str:
	if line.confirmed <= 0:
		return "Submitted"
	target = line.confirmed
	if line.received >= target:
		return "Received"
	if line.shipped >= target:
		return "Shipped"
	if line.assigned >= target:
		return "VIN Assigned"
	return "Confirmed"


def order_stage(lines: list[LineProgress]) -> str:
	if not lines:
		return STAGES[0]
	return min((line_stage(line) for line in lines), key=STAGES.index)
