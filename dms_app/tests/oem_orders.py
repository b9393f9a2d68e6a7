"""Test factories for OEM orders (used by the OEM order tests and the demo)."""

import frappe
from frappe.utils import add_days, nowdate

from dms_app.oem_orders import vehicle_orders
from dms_app.oem_orders.confirmation_import import to_csv as csv_of
from dms_app.tests import factories, workflows


def make_oem_order(lines: list[tuple[str, int]], rate: float = 25000, submit: bool = True, **fields):
	"""An OEM Vehicle Order of (trim, qty) lines from a test OEM, delivery requested in four weeks."""
	order = frappe.get_doc(
		{
			"doctype": "OEM Vehicle Order",
			"supplier": fields.pop("supplier", None) or factories.make_supplier("Test OEM Distributor"),
			"company": factories.default_company(),
			"transaction_date": nowdate(),
			"lines": [
				{
					"trim": trim,
					"qty": qty,
					"rate": rate,
					"colour": "Polar White",
					"requested_week": add_days(nowdate(), 28),
				}
				for trim, qty in lines
			],
			**fields,
		}
	)
	order.insert()
	if submit:
		workflows.submit(order)
	return order


def imported(rows: list[dict]) -> dict:
	"""Apply the OEM's confirmation file made of `rows`."""
	return vehicle_orders.import_confirmations(csv_of(rows), "confirmation.csv")


def receive(order, vins: list[str] | None = None):
	"""Receive the order's vehicles (or `vins`) with a submitted Purchase Receipt."""
	receipt = vehicle_orders.make_purchase_receipt(order.name, vins)
	receipt.insert()
	receipt.submit()
	return receipt
