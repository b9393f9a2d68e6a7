"""The permission matrix of docs/permissions.md, read from its tables: what the matrix tests expect
(tests/integration/test_permission_matrix.py, test_role_access.py)."""

from pathlib import Path

import frappe

DOC = Path(__file__).resolve().parents[2] / "docs" / "permissions.md"
CODES = {"R": "read", "W": "write", "C": "create", "D": "delete", "S": "submit", "X": "cancel", "L": "report"}


def tables() -> list[list[dict]]:
	"""Each Markdown table of the doc as a list of rows, each row {header: cell}."""
	found, rows, header = [], None, None
	for line in [*DOC.read_text().splitlines(), ""]:
		if not line.startswith("|"):
			if rows is not None:
				found.append(rows)
			rows = header = None
			continue
		cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
		if header is None:
			header, rows = cells, []
		elif not set("".join(cells)) <= {"-", ":"}:
			rows.append(dict(zip(header, cells, strict=True)))
	return found


def listed(cell: str) -> set[str]:
	return {role.strip() for role in cell.split(",") if role.strip()}


def doctype_rights() -> dict[str, dict[str, str]]:
	"""{doctype: {role: codes}} for the DMS doctypes at permlevel 0, e.g. "RWCL"."""
	rights = {}
	for table in tables():
		if not table or "Other roles" not in table[0]:
			continue
		for row in table:
			doctype, other = row.pop("DocType"), row.pop("Other roles")
			roles = {role: codes for role, codes in row.items() if codes}
			for pair in filter(None, (p.strip() for p in other.split(";"))):
				role, codes = pair.split(":")
				roles[role.strip()] = codes.strip()
			rights[doctype] = roles
	return rights


def confidential() -> dict[str, frappe._dict]:
	"""{doctype: {fields, read, write}}: fields are "field" or "table_field.field"."""
	for table in tables():
		if table and "Fields (permlevel 1)" in table[0]:
			return {
				row["DocType"]: frappe._dict(
					fields=listed(row["Fields (permlevel 1)"]),
					read=listed(row["Read"]),
					write=listed(row["Write"]),
				)
				for row in table
			}
	raise AssertionError("docs/permissions.md has no confidential fields table")


def report_roles() -> dict[str, set[str]]:
	for table in tables():
		if table and "Report" in table[0]:
			return {row["Report"]: listed(row["Roles"]) for row in table}
	raise AssertionError("docs/permissions.md has no reports table")


def erpnext_rights() -> dict[str, dict[str, set[str]]]:
	"""{doctype: {role: {ptype}}} of the custom permissions on ERPNext's doctypes."""
	for table in tables():
		if table and set(table[0]) == {"DocType", "Role", "Rights"}:
			rights = {}
			for row in table:
				for role in listed(row["Role"]):
					rights.setdefault(row["DocType"], {})[role] = listed(row["Rights"])
			return rights
	raise AssertionError("docs/permissions.md has no ERPNext permissions table")


def codes_of(perm) -> str:
	return "".join(code for code, ptype in CODES.items() if perm.get(ptype))


def readers(doctype: str) -> set[str]:
	return {role for role, codes in doctype_rights()[doctype].items() if "R" in codes}
