"""Sites installed before the dealer accounting layer: the DMS Settings company gets its department
accounts, cost centers, DMS Settings > Accounting rows and Item Group Defaults (only what is missing)."""

from dms_app.dealer_accounting.setup import ensure_for_settings_company


def execute():
	ensure_for_settings_company()
