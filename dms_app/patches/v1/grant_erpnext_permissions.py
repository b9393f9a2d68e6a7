"""DMS roles get read / select on the ERPNext records their work touches (see
dms_app.setup.permissions); sites installed before got none, so an advisor could not book."""

from dms_app.setup.permissions import grant_erpnext_permissions


def execute():
	grant_erpnext_permissions()
