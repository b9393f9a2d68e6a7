"""Motor Vehicle's delivery link became a Dynamic Link (a stock-updating Sales Invoice delivers too):
vehicles delivered before then were delivered on Delivery Notes."""

import frappe


def execute():
	frappe.db.sql(
		"""update `tabMotor Vehicle` set delivery_doctype = 'Delivery Note'
		where ifnull(delivery_note, '') != '' and ifnull(delivery_doctype, '') = ''"""
	)
