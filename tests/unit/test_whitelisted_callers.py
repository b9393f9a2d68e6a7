"""Every whitelisted dms_app method has a caller a user reaches: a desk form or list button, a portal
page script, a number card or a hook; or it is a REST API a README documents. A method nothing calls
is an endpoint to secure and keep working for no one: wire it to the button that needs it, or
remove it. Read as text, no site needed."""

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
APP = REPO / "dms_app"

# called by Frappe itself, or documented for REST clients
NOT_FROM_A_SCRIPT = {
	"dms_app.portal.permissions.get_count": "replaces frappe.client.get_count (hooks.py): list counts",
	"dms_app.portal.permissions.get_group_by_count": "replaces Frappe's list sidebar counts (hooks.py)",
	"dms_app.api.warranty.claims_near_deadline": "REST API listed in dms_app/warranty/README.md",
	"dms_app.api.portal.inspection_media": "the /repair-status photos' and videos' src (dms_app/portal/inspections.py)",
	"dms_app.api.health.check": "the health endpoint of README's Running in production (load balancers)",
}


def is_whitelisted(node) -> bool:
	return any("whitelist" in ast.unparse(d) for d in node.decorator_list)


def whitelisted() -> dict[str, Path]:
	"""Dotted path → file of each whitelisted function; a document method as module.Class.method."""
	found = {}
	for path in APP.rglob("*.py"):
		module = ".".join(path.relative_to(REPO).with_suffix("").parts)
		tree = ast.parse(path.read_text(encoding="utf-8"))
		for node in tree.body:
			if isinstance(node, ast.FunctionDef) and is_whitelisted(node):
				found[f"{module}.{node.name}"] = path
			elif isinstance(node, ast.ClassDef):
				for item in node.body:
					if isinstance(item, ast.FunctionDef) and is_whitelisted(item):
						found[f"{module}.{node.name}.{item.name}"] = path
	return found


def caller_sources() -> list[tuple[Path, str]]:
	files = [p for ext in ("js", "html", "json") for p in APP.rglob(f"*.{ext}")]
	files.append(APP / "hooks.py")
	return [(p, p.read_text(encoding="utf-8")) for p in files if "node_modules" not in p.parts]


def called(method: str, path: Path, sources) -> bool:
	module, name = method.rsplit(".", 1)
	if module.rsplit(".", 1)[-1][:1].isupper():
		# a document method: frm.call("name") in its doctype's scripts
		return any(
			p.parent == path.parent and p.suffix == ".js" and f'"{name}"' in text for p, text in sources
		)
	# the full path, or a script that names the module ("dms_app.api.sales.") and the method
	return any(method in text or (f"{module}." in text and f'"{name}"' in text) for _p, text in sources)


def test_every_whitelisted_method_has_a_caller():
	sources = caller_sources()
	methods = whitelisted()
	assert "dms_app.api.vehicles.decode_vin" in methods  # the scan finds them
	uncalled = sorted(
		m for m, path in methods.items() if m not in NOT_FROM_A_SCRIPT and not called(m, path, sources)
	)
	assert not uncalled, f"whitelisted but called from no desk or portal script: {uncalled}"
	assert set(NOT_FROM_A_SCRIPT) <= set(methods)
