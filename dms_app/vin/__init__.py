"""Pure-Python VIN decoding for dms_app (no Frappe import, so it runs and tests without a site).

``decode(vin)`` returns a ``VinInfo``: structure and check digit validation with translatable messages
(``dms_app.translation.set_translator``), manufacturer/make/country/region from the shipped WMI tables (plus admin
``extra_wmi``), model year candidates, admin VDS patterns, and optional NHTSA vPIC enrichment.
"""

from dms_app.translation import set_translator
from dms_app.vin.check_digit import check_digit
from dms_app.vin.decoder import decode, decode_many, is_valid
from dms_app.vin.info import VinInfo
from dms_app.vin.patterns import VdsPatterns

__all__ = ["VdsPatterns", "VinInfo", "check_digit", "decode", "decode_many", "is_valid", "set_translator"]
