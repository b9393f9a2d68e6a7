"""Technician Time Logs show their job's description instead of the labour row's internal code."""

import frappe


def execute():
	frappe.db.sql(
		"""update `tabTechnician Time Log` log
		join `tabRepair Order Labour` line on line.name = log.labour_row
		set log.job_description = line.description
		where ifnull(log.job_description, '') = ''"""
	)
