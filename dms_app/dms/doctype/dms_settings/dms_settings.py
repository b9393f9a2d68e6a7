import frappe
from frappe import _
from frappe.model import table_fields
from frappe.model.document import Document
from frappe.utils import cast, flt, get_time


class DMSSettings(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from dms_app.alerts.doctype.dms_alert_rule.dms_alert_rule import DMSAlertRule
		from dms_app.dealer_accounting.doctype.dealer_department_account.dealer_department_account import (
			DealerDepartmentAccount,
		)
		from dms_app.vehicle_sales.doctype.vehicle_sales_kpi_account.vehicle_sales_kpi_account import (
			VehicleSalesKPIAccount,
		)

		aged_stock_days: DF.Int
		alert_rules: DF.Table[DMSAlertRule]
		appointment_slot_minutes: DF.Int
		arrivals_per_slot: DF.Int
		auto_confirm_portal_bookings: DF.Check
		backup_enabled: DF.Check
		backup_frequency: DF.Literal["Daily", "Weekly"]
		backup_keep: DF.Int
		backup_with_files: DF.Check
		booking_horizon_days: DF.Int
		dealer_departments: DF.Table[DealerDepartmentAccount]
		company: DF.Link | None
		default_pdi_template: DF.Link | None
		draft_material_requests: DF.Check
		fi_item_group: DF.Link | None
		fixed_operations_cost_accounts: DF.TableMultiSelect[VehicleSalesKPIAccount]
		fixed_operations_income_accounts: DF.TableMultiSelect[VehicleSalesKPIAccount]
		fixed_overhead_accounts: DF.TableMultiSelect[VehicleSalesKPIAccount]
		fleet_customer_group: DF.Link | None
		holding_cost_per_day: DF.Currency
		in_transit_warehouse: DF.Link | None
		internal_service_expense_account: DF.Link | None
		max_discount_amount: DF.Currency
		max_discount_percent: DF.Percent
		new_vehicle_warehouse: DF.Link | None
		parts_history_months: DF.Int
		parts_item_group: DF.Link | None
		parts_lead_time_days: DF.Int
		parts_review_days: DF.Int
		parts_service_level: DF.Percent
		parts_warehouse: DF.Link | None
		planning_chunk_size: DF.Int
		planning_stale_minutes: DF.Int
		require_pdi_before_delivery: DF.Check
		check_vehicle_documents_at_delivery: DF.Check
		reservation_days: DF.Int
		service_due_within_km: DF.Int
		service_interval_km: DF.Int
		service_interval_months: DF.Int
		service_labour_item: DF.Link | None
		sublet_item: DF.Link | None
		technician_hours_per_day: DF.Float
		trade_in_clearing_account: DF.Link | None
		used_vehicle_item_group: DF.Link | None
		used_vehicle_warehouse: DF.Link | None
		vehicle_cover_months: DF.Float
		vehicle_history_months: DF.Int
		vehicle_item_group: DF.Link | None
		vehicle_lead_time_months: DF.Float
		vehicle_service_level: DF.Percent
		warranty_deadline_alert_days: DF.Int
		warranty_income_account: DF.Link | None
		warranty_labour_item: DF.Link | None
		warranty_parts_expense_account: DF.Link | None
		warranty_parts_item: DF.Link | None
		warranty_sublet_item: DF.Link | None
		warranty_write_off_account: DF.Link | None
		workshop_closes: DF.Time | None
		workshop_opens: DF.Time | None
		workshop_warehouse: DF.Link | None
	# end: auto-generated types

	def validate(self):
		if get_time(self.workshop_opens) >= get_time(self.workshop_closes):
			frappe.throw(_("The workshop must close after it opens."))
		for field in ("appointment_slot_minutes", "technician_hours_per_day", "booking_horizon_days"):
			if flt(self.get(field)) <= 0:
				frappe.throw(_("{0} must be more than 0.").format(_(self.meta.get_label(field))))


def get_settings() -> frappe._dict:
	"""DMS Settings as stored, in their types; a field never saved (one a later version added) reads
	as its DocField default, as it would on a new site."""
	values = frappe.db.get_singles_dict("DMS Settings", cast=True)
	for df in frappe.get_meta("DMS Settings").fields:
		if df.fieldname not in values and df.fieldtype not in table_fields and df.default is not None:
			values[df.fieldname] = cast(df.fieldtype, df.default)
	return values
