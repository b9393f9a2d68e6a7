"""Install and migrate hooks: create the app's editable defaults (roles, settings) once."""

import frappe


def after_install():
	create_defaults()


def after_migrate():
	create_defaults()


def create_defaults():
	"""Insert default records that admins may edit later; never overwrite an existing one.

	Fixtures are re-imported on every migrate and would overwrite an admin's changes, so the
	app's roles, workflows and settings are created here, only where they are missing.
	"""
	from dms_app.setup.defaults import ensure_default_records

	ensure_default_records()
