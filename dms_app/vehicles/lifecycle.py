"""A vehicle's status, derived from the ERPNext documents it is on (no database access).

The vehicle record never drives stock: ERPNext's documents do, and the status follows them. One
derivation from the facts keeps submit and cancel symmetrical: undoing a document clears its
fact and the status falls back by itself.
"""

from dataclasses import dataclass

# Status groups, each defined once (docs/kpis.md), beside the derivation they follow:
PIPELINE = ("Ordered", "In Transit")  # ordered from the OEM, not yet received
IN_STOCK = ("In Stock", "Reserved")  # on the dealer's ground and not sold: "vehicles in stock"
ON_THE_GROUND = (*IN_STOCK, "Sold")  # physically at the dealer, sold ones not yet handed over
COMMITTED = ("Reserved", "Sold", "Delivered")  # promised or handed to a customer
UNAVAILABLE = ("Sold", "Delivered", "In Service", "Scrapped")  # cannot go on a new deal


@dataclass(frozen=True, slots=True)
class VehicleFacts:
	stock_type: str = "New"  # New / Used (dealer stock) or Customer (a vehicle the dealer services)
	pipeline_status: str = "Ordered"  # where an OEM order stands before receipt
	in_stock: bool = False  # its Serial No sits in one of the dealer's warehouses
	reserved: bool = False  # a submitted Sales Order holds it
	invoiced: bool = False  # a submitted Sales Invoice sold it
	delivered: bool = False  # a submitted Delivery Note (or stock-updating invoice) handed it over
	scrapped: bool = False


def derive_status(facts: VehicleFacts) -> str:
	if facts.scrapped:
		return "Scrapped"
	if facts.stock_type == "Customer":
		return "In Service"
	if facts.delivered:
		return "Delivered"
	if facts.invoiced:
		return "Sold"
	if facts.reserved:
		return "Reserved"
	if facts.in_stock:
		return "In Stock"
	return facts.pipeline_status if facts.pipeline_status in PIPELINE else "Ordered"


def days_in_stock(stock_in_date, today) -> int | None:
	"""Whole days since stock-in (0 on the day itself); None when it never came in."""
	if not stock_in_date:
		return None
	return max((today - stock_in_date).days, 0)
