"""What the dealer's roles may do with the ERPNext records their work touches: an advisor picks the
customer and the technician, a parts manager the item. Custom DocPerm rules, made once at install
(existing sites: a patch); afterwards they are the admin's, in the Role Permissions Manager."""

import frappe
from frappe.permissions import add_permission, update_permission_property

# ERPNext doctype: {role: the permissions it gets at level 0}
ERPNEXT_PERMISSIONS = {
	"Customer": {
		role: ("read", "select")
		for role in ("Sales Consultant", "Service Advisor", "Service Manager", "Warranty Administrator")
	},
	"Employee": {role: ("select",) for role in ("Service Advisor", "Service Manager")},
	"Item": {
		role: ("read", "select")
		for role in ("Service Advisor", "Service Manager", "Parts Manager", "Technician")
	},
}


def grant_erpnext_permissions():
	for doctype, roles in ERPNEXT_PERMISSIONS.items():
		for role, ptypes in roles.items():
			rule = {"parent": doctype, "role": role, "permlevel": 0, "if_owner": 0}
			if frappe.db.exists("Custom DocPerm", rule):
				continue  # the admin's rule for this role stays as it is
			add_permission(doctype, role, 0, ptypes[0])
			for ptype in ("read", "select"):  # a new rule reads by default
				update_permission_property(doctype, role, 0, ptype, int(ptype in ptypes), validate=False)
