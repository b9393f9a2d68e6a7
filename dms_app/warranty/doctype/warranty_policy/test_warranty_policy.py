import frappe
import pytest

from dms_app.tests.factories import make_vehicle_trim


def policy(**fields):
	return frappe.get_doc(
		{
			"doctype": "Warranty Policy",
			"policy_name": frappe.generate_hash(length=8),
			"make": "Honda",
			"months": 36,
			**fields,
		}
	)


def test_model_must_belong_to_the_make():
	make_vehicle_trim("Honda", "Accord")
	make_vehicle_trim("Kia", "Ceed")
	assert policy(model="Honda Accord").insert().name
	with pytest.raises(frappe.ValidationError, match="not a Honda model"):
		policy(model="Kia Ceed").insert()


def test_duration_is_required():
	make_vehicle_trim("Honda", "Accord")
	with pytest.raises(frappe.ValidationError, match="at least one month"):
		policy(months=0).insert()
	with pytest.raises(frappe.NonNegativeError):
		policy(distance_km=-1).insert()
