"""The tables of the full export, one declaration each (no Frappe: unit tests read it).

A table is a DocType and its natural key; its columns come from the DocType's meta (`export.py`),
never from a list here. Child tables (a repair order's jobs, labour, parts...) follow their parent
as tables of their own, named `<table>_<table field>`, keyed by `parent` and `idx`. A later DocType
(campaigns, inspections) is one more line in `TABLES`.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Table:
	name: str  # the file name in the zip: <name>.csv, <name>.json
	doctype: str
	key: tuple[str, ...] = ("name",)
	# Contact and Address belong to a customer through Dynamic Links: only those linked to this
	# DocType are exported, with the first linked record's name as a column named after it
	linked_to: str | None = None
	with_children: bool = True


@dataclass(frozen=True)
class ChildTable:
	name: str
	doctype: str
	parent: Table
	parentfield: str
	key: tuple[str, ...] = ("parent", "idx")


TABLES: tuple[Table, ...] = (
	Table("customers", "Customer"),
	# their primary email, mobile and phone are columns; the child tables (all numbers, all links)
	# would need the same customer filter and add little
	Table("contacts", "Contact", linked_to="Customer", with_children=False),
	Table("addresses", "Address", linked_to="Customer", with_children=False),
	Table("vehicle_makes", "Vehicle Make"),
	Table("vehicle_models", "Vehicle Model"),
	Table("vehicle_trims", "Vehicle Trim"),
	Table("vehicles", "Motor Vehicle", key=("vin",)),
	Table("labour_operations", "Labour Operation"),
	Table("service_intervals", "Service Interval"),
	Table("service_appointments", "Service Appointment"),
	Table("repair_orders", "Repair Order"),
	Table("technician_time_logs", "Technician Time Log"),
	Table("warranty_policies", "Warranty Policy"),
	Table("oem_warranty_claims", "OEM Warranty Claim"),
	Table("vehicle_deals", "Vehicle Deal"),
	Table("trade_in_appraisals", "Trade-in Appraisal"),
	Table("test_drives", "Test Drive"),
	Table("pdi_checklists", "PDI Checklist"),
	Table("vehicle_handovers", "Vehicle Handover"),
	Table("oem_vehicle_orders", "OEM Vehicle Order"),
	Table("service_campaigns", "Service Campaign"),
	Table("service_campaign_vehicles", "Service Campaign Vehicle", key=("service_campaign", "vin")),
	Table("inspection_templates", "Inspection Template"),
	Table("vehicle_inspections", "Vehicle Inspection"),
	Table("deferred_work", "Deferred Work"),
)


def child_tables(table: Table, table_fields: list[tuple[str, str]]) -> list[ChildTable]:
	"""The child tables of `table`, from its DocType's (fieldname, child DocType) table fields."""
	if not table.with_children:
		return []
	return [
		ChildTable(f"{table.name}_{fieldname}", child, table, fieldname) for fieldname, child in table_fields
	]
