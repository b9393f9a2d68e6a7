"""Sites installed before fill_locale_gaps: CNY gets ¥ if it has no symbol, and the desk's date
format follows System Settings (ERPNext's wizard left China's sites at dd-mm-yyyy)."""

from dms_app.setup.defaults import fill_locale_gaps


def execute():
	fill_locale_gaps()
