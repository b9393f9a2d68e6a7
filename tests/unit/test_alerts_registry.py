from dms_app.alerts.registry import REGISTRY, AlertItem, alert


def test_registering_an_alert_keeps_its_defaults():
	@alert("Test alert", threshold=5, unit="days", role="Sales Manager", resend_after_days=0, requires=("X",))
	def fetch(threshold):
		return [AlertItem("Motor Vehicle", "VIN1", f"over {threshold}")]

	try:
		definition = REGISTRY["Test alert"]
		assert definition.fetch(5)[0].subject == "over 5"
		assert (definition.threshold, definition.role, definition.resend_after_days) == (
			5,
			"Sales Manager",
			0,
		)
		assert definition.requires == ("X",)
	finally:
		REGISTRY.pop("Test alert")


def test_key_separates_records_and_periods():
	a = AlertItem("Motor Vehicle", "VIN1", "s", period="2026-12-01")
	b = AlertItem("Motor Vehicle", "VIN1", "s", period="2027-06-01")
	assert a.key != b.key
	assert a.key == AlertItem("Motor Vehicle", "VIN1", "other subject", state="x", period="2026-12-01").key
