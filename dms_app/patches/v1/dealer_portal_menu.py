"""The portal menu shows a customer the DMS pages and Invoices, not ERPNext's other portal pages."""

from dms_app.portal.website import setup_portal_menu


def execute():
	setup_portal_menu()
