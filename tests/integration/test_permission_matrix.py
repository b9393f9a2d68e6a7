"""docs/permissions.md is what the site enforces: the DocPerms of every DMS doctype, the permlevel-1
fields and who reads them, the roles of every query report and the custom permissions on ERPNext's
doctypes, as migrate left them on the test site."""

import frappe
import pytest

from dms_app.setup.defaults import ROLES
from dms_app.setup.permissions import ERPNEXT_PERMISSIONS
from dms_app.tests import permission_matrix as matrix


def dms_doctypes(**filters) -> list[str]:
	modules = frappe.get_all("Module Def", filters={"app_name": "dms_app"}, pluck="name")
	return frappe.get_all("DocType", filters={"module": ("in", modules), **filters}, pluck="name")


def docperms(doctype: str, permlevel: int) -> list:
	return frappe.get_all(
		"DocPerm", filters={"parent": doctype, "permlevel": permlevel}, fields=["*"], order_by="idx"
	)


def test_every_dms_doctype_and_report_is_in_the_matrix():
	assert set(matrix.doctype_rights()) == set(dms_doctypes(istable=0))
	modules = frappe.get_all("Module Def", filters={"app_name": "dms_app"}, pluck="name")
	reports = frappe.get_all(
		"Report", filters={"module": ("in", modules), "is_standard": "Yes"}, pluck="name"
	)
	assert set(matrix.report_roles()) == set(reports)


@pytest.mark.parametrize("doctype", sorted(matrix.doctype_rights()))
def test_doctype_rights_match_the_matrix(doctype):
	actual = {perm.role: matrix.codes_of(perm) for perm in docperms(doctype, 0)}
	assert actual == matrix.doctype_rights()[doctype]


def test_every_dms_role_is_in_the_matrix():
	header = next(t for t in matrix.tables() if t and "Other roles" in t[0])[0]
	assert set(ROLES) <= set(header)


@pytest.mark.parametrize("doctype", sorted(matrix.confidential()))
def test_confidential_fields_are_permlevel_1_for_the_listed_roles(doctype):
	expected = matrix.confidential()[doctype]
	meta = frappe.get_meta(doctype)
	fields = {df.fieldname for df in meta.fields if df.permlevel == 1}
	for table in meta.get_table_fields():
		fields |= {
			f"{table.fieldname}.{df.fieldname}"
			for df in frappe.get_meta(table.options).fields
			if df.permlevel
		}
	assert fields == expected.fields
	level1 = docperms(doctype, 1)
	assert {p.role for p in level1 if p.read} == expected.read
	assert {p.role for p in level1 if p.write} == expected.write
	# a role reads the confidential fields only where it reads the document
	assert expected.read <= matrix.readers(doctype)


def test_no_other_dms_doctype_has_higher_permlevels():
	for doctype in dms_doctypes():
		meta = frappe.get_meta(doctype)
		if meta.istable:
			continue
		tables = [frappe.get_meta(t.options) for t in meta.get_table_fields()]
		levels = {df.permlevel for m in (meta, *tables) for df in m.fields}
		levels |= {p.permlevel for p in docperms(doctype, 1)}
		assert levels <= {0} or doctype in matrix.confidential(), doctype


@pytest.mark.parametrize("report", sorted(matrix.report_roles()))
def test_report_roles_match_the_matrix(report):
	roles = frappe.get_all("Has Role", filters={"parenttype": "Report", "parent": report}, pluck="role")
	assert set(roles) == matrix.report_roles()[report]


def test_erpnext_permissions_match_the_matrix():
	expected = {
		doctype: {role: set(ptypes) for role, ptypes in roles.items()}
		for doctype, roles in ERPNEXT_PERMISSIONS.items()
	}
	assert matrix.erpnext_rights() == expected
