"""Users may not filter, sort or group by a confidential field (permlevel > 0) they cannot read.

Frappe's DatabaseQuery drops such a field from the columns a query returns, but still applies the
query's filters, sorting and grouping on it: a Technician listing the vehicles whose landed cost is
above 20,000, then 30,000, would binary-search the cost. Frappe 15 offers no hook into
DatabaseQuery's filters, so `refuse_confidential_queries` (run for each request) reads what an API
request asks for (REST lists, frappe.client, reportview, list sidebar counts, link search...):
`query_columns` finds the columns its parameters use, `unreadable_fields` those of them that are
confidential fields of a DMS doctype (or of its child tables) the user cannot read, and the request
is refused. Server-side code (frappe.get_all, reports) is no request and is left alone.
"""

import json
import re

import frappe
from frappe import _

# Parameters that hold filters: a dict, a list of [field, op, value] / [doctype, field, op, value],
# or their JSON.
FILTER_PARAMS = ("filters", "or_filters")
# Parameters that hold SQL naming columns: sorting, grouping.
SQL_PARAMS = ("order_by", "sort_by", "group_by")
# Selected fields. Frappe drops an unreadable plain field itself, but checks only the first column of
# an expression (`if(name is null, 0, landed_cost)` would pass), so expressions are checked here.
FIELD_PARAMS = ("fields", "fieldname")
# Methods that take more parameters to filter or group by (kind: "filters", "sql" or "stats").
METHOD_PARAMS = {
	"frappe.desk.listview.get_group_by_count": {"current_filters": "filters", "field": "sql"},
	"frappe.desk.search.search_link": {"searchfield": "sql"},
	"frappe.desk.search.search_widget": {"searchfield": "sql"},
	"frappe.desk.reportview.get_stats": {"stats": "stats"},
	"frappe.desk.reportview.get_sidebar_stats": {"stats": "stats"},
	"frappe.desk.reportview.get_filter_dashboard_data": {"stats": "stats"},
}

STRING_LITERAL = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")
NAME = r"(?:`([^`]+)`|([A-Za-z_]\w*))"
COLUMN = re.compile(rf"{NAME}(?:\s*\.\s*{NAME})?")
ALIAS = re.compile(r"\s+as\s+\S+\s*$", re.IGNORECASE)

Column = tuple[str | None, str]


def query_columns(params: dict, method: str | None = None) -> list[Column]:
	"""The (qualifier, column) pairs a request's parameters filter, sort or group by, and those in
	expressions among the selected fields. The qualifier is what stands before the dot: a table
	("tabMotor Vehicle", a link's alias "tabCustomer_1"), a table or link field ("lines"), or None."""
	columns = []
	kinds = dict.fromkeys(FILTER_PARAMS, "filters") | dict.fromkeys(SQL_PARAMS, "sql")
	kinds |= dict.fromkeys(FIELD_PARAMS, "fields") | METHOD_PARAMS.get(method or "", {})
	for param, kind in kinds.items():
		value = params.get(param)
		if not value:
			continue
		if kind == "filters":
			columns += filter_columns(value)
		elif kind == "sql" and isinstance(value, str):
			columns += sql_columns(value)
		elif kind == "fields":
			columns += expression_columns(value)
		elif kind == "stats":
			stats = loads(value)
			for stat in stats if isinstance(stats, list) else []:
				columns += sql_columns(stat.get("name", "") if isinstance(stat, dict) else str(stat))
	if field := params.get("aggregate_on_field"):  # reportview's group-by sum / average
		table = params.get("aggregate_on_doctype")
		columns += [(f"tab{table}" if table else None, str(field))]
	return columns


def filter_columns(filters) -> list[Column]:
	"""The columns of filters in any shape Frappe accepts; a string that is no JSON is a name."""
	filters = loads(filters)
	if isinstance(filters, dict):
		return [column for field in filters for column in sql_columns(str(field))]
	if not isinstance(filters, list | tuple):
		return []
	if filters and all(not isinstance(f, list | tuple | dict) for f in filters):
		filters = [filters] if len(filters) >= 3 else []  # one [field, op, value], not in a list
	columns = []
	for f in filters:
		if isinstance(f, dict):
			columns += filter_columns(f)
		elif isinstance(f, str):
			columns += sql_columns(f)
		elif isinstance(f, list | tuple) and len(f) >= 3:
			table, field = (None, f[0]) if len(f) == 3 else (f[0] and f"tab{f[0]}", f[1])
			columns += [(qualifier or table, column) for qualifier, column in sql_columns(str(field))]
	return columns


def expression_columns(fields) -> list[Column]:
	"""The columns of the selected fields that are expressions (plain fields are Frappe's to drop)."""
	fields = loads(fields)
	if isinstance(fields, str):
		fields = fields.split(",")
	if not isinstance(fields, list | tuple):
		return []
	expressions = [ALIAS.sub("", f) for f in fields if isinstance(f, str) and "(" in f]
	return [column for expression in expressions for column in sql_columns(expression)]


def sql_columns(sql: str) -> list[Column]:
	"""Every name in a piece of SQL that may be a column, with its qualifier. Keywords and function
	names come too: they are no field, and the caller looks names up in the doctype."""
	return [
		(q1 or q2, c1 or c2) if (c1 or c2) else (None, q1 or q2)
		for q1, q2, c1, c2 in COLUMN.findall(STRING_LITERAL.sub("", sql))
	]


def loads(value):
	if not isinstance(value, str):
		return value
	try:
		return json.loads(value)
	except ValueError:
		return value


def unreadable_fields(
	doctype: str, columns: list[Column], user: str | None = None, parent: str | None = None
) -> list[tuple[str, object]]:
	"""The (doctype, docfield) pairs among `columns` (of a query on `doctype`; `parent`, when it is a
	child table) that are confidential fields of a DMS doctype which `user` cannot read."""
	user = user or frappe.session.user
	found = []
	for qualifier, column in columns:
		for field_doctype, df in docfields(doctype, qualifier, column):
			if df.permlevel and (field_doctype, df) not in found and is_dms(field_doctype):
				meta = frappe.get_meta(field_doctype)
				within = (parent if frappe.get_meta(doctype).istable else doctype) if meta.istable else None
				if df.permlevel not in meta.get_permlevel_access("read", within, user=user):
					found.append((field_doctype, df))
	return found


def docfields(doctype: str, qualifier: str | None, column: str) -> list[tuple[str, object]]:
	"""The fields a column may be, as Frappe resolves it: of the doctype named by the qualifier (a
	table, a link's alias, a table or link field of `doctype`), else of `doctype`, else of the child
	tables that have it (Frappe's filters look there too)."""
	meta = frappe.get_meta(doctype)
	if qualifier:
		target = qualifier.removeprefix("tab") if qualifier.startswith("tab") else None
		if target and not frappe.db.exists("DocType", target):
			target = re.sub(r"_\d+$", "", target)  # a link's alias: `tabCustomer_1`
		if not target and (link := meta.get_field(qualifier)) and link.fieldtype in ("Link", "Table"):
			target = link.options
		if not target or not frappe.db.exists("DocType", target):
			return []
		meta = frappe.get_meta(target)
	if df := meta.get_field(column):
		return [(meta.name, df)]
	return [
		(table.options, df)
		for table in meta.get_table_fields()
		if (df := frappe.get_meta(table.options).get_field(column))
	]


def is_dms(doctype: str) -> bool:
	return frappe.get_meta(doctype).module in frappe.get_module_list("dms_app")


def refuse_confidential_queries():
	"""Refuses a request that filters, sorts or groups by a confidential field the user cannot read
	(silently dropping the filter would give wrong answers). An `auth_hooks` hook: Frappe runs those
	once the request's user is known, API keys and OAuth tokens included (`before_request` runs
	before these sign the user in)."""
	from frappe.api import API_URL_MAP
	from werkzeug.exceptions import HTTPException

	if not frappe.request:
		return
	method = frappe.form_dict.cmd  # Frappe's deprecated RPC form, on any path
	route = {}
	if not method:
		if not frappe.request.path.startswith("/api/"):
			return
		try:
			_endpoint, route = API_URL_MAP.bind_to_environ(frappe.request.environ).match()
		except HTTPException:
			return
	doctype = route.get("doctype") or frappe.form_dict.doctype
	columns = query_columns(frappe.form_dict, method or route.get("method"))
	if not columns or not isinstance(doctype, str) or not frappe.db.exists("DocType", doctype):
		return
	parent = frappe.form_dict.parent or frappe.form_dict.parent_doctype  # of a child table's list
	if not isinstance(parent, str) or not frappe.db.exists("DocType", parent):
		parent = None
	if refused := unreadable_fields(doctype, columns, parent=parent):
		field_doctype, df = refused[0]
		frappe.throw(
			_("You cannot filter, sort or group by {0} ({1}): you may not read that field.").format(
				_(df.label or df.fieldname), _(field_doctype)
			),
			frappe.PermissionError,
		)
