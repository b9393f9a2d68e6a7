"""Stock-age buckets used by the ageing report and alerts (plain Python)."""

BUCKETS = (("0-30", 30), ("31-60", 60), ("61-90", 90), ("91-180", 180), ("180+", None))


def bucket_of(days: int) -> str:
	for label, limit in BUCKETS:
		if limit is None or days <= limit:
			return label
	raise AssertionError("unreachable: the last bucket has no limit")
