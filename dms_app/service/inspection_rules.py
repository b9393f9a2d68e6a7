"""Digital inspection rules without the database: the colour a reading suggests from the
template's thresholds, readings as numbers, which files an inspection row may carry, and when
declined work falls due again (docs/inspection.md).

dms_app.service.inspections applies them to Vehicle Inspection, Repair Order and Deferred Work.
"""

from datetime import date, timedelta

from dms_app.translation import _

GREEN, AMBER, RED = "Green", "Amber", "Red"
LOWER_IS_WORSE, HIGHER_IS_WORSE = "Lower is worse", "Higher is worse"
# a photo or a short clip a phone takes; anything else is refused
IMAGE_EXTENSIONS = ("jpg", "jpeg", "png", "webp", "heic", "gif")
VIDEO_EXTENSIONS = ("mp4", "webm", "mov", "m4v")
MAX_IMAGE_BYTES = 10 * 1024 * 1024
MAX_VIDEO_BYTES = 50 * 1024 * 1024
# declined work comes back sooner when it is a safety item
DUE_DAYS = {RED: 30, AMBER: 90}


def parse_reading(text) -> float | None:
	"""A reading typed on a phone: "3.5", "3,5" or " 7 " -> float; empty -> None.
	Raises ValueError for anything that is not a number."""
	if text is None or str(text).strip() == "":
		return None
	value = str(text).strip().replace(",", ".")
	try:
		number = float(value)
	except ValueError:
		raise ValueError(_("Reading {reading} is not a number.", reading=text)) from None
	if number != number or number in (float("inf"), float("-inf")):
		raise ValueError(_("Reading {reading} is not a number.", reading=text))
	return number


def suggest_rating(
	reading: float | None, amber_at: float | None, red_at: float | None, direction: str = LOWER_IS_WORSE
) -> str | None:
	"""Green / Amber / Red for a reading against the template's thresholds, None without a reading
	or thresholds. "Lower is worse" (tread, pads, battery health): at or below a threshold is that
	colour; "Higher is worse": at or above."""
	if reading is None or (not amber_at and not red_at):
		return None
	worse = (lambda a, b: a >= b) if direction == HIGHER_IS_WORSE else (lambda a, b: a <= b)
	if red_at is not None and red_at != 0 and worse(reading, red_at):
		return RED
	if amber_at is not None and amber_at != 0 and worse(reading, amber_at):
		return AMBER
	return GREEN


def needs_work(rating: str | None) -> bool:
	return rating in (AMBER, RED)


def extension(file_name: str) -> str:
	name = (file_name or "").rsplit("/", 1)[-1].split("?", 1)[0]
	return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def media_problem(file_name: str, size: int | None, kind: str) -> str | None:
	"""Why a file may not be a row's `kind` ("photo" or "video"), or None when it may."""
	allowed, limit = (
		(IMAGE_EXTENSIONS, MAX_IMAGE_BYTES) if kind == "photo" else (VIDEO_EXTENSIONS, MAX_VIDEO_BYTES)
	)
	if extension(file_name) not in allowed:
		return _(
			"{file} is not a {kind}: use {allowed}.", file=file_name, kind=kind, allowed=", ".join(allowed)
		)
	if size and size > limit:
		return _("{file} is larger than {limit} MB.", file=file_name, limit=limit // (1024 * 1024))
	return None


def due_date(rating: str | None, decided_on: date) -> date:
	"""When declined work is due again: Red after 30 days, Amber (and anything else) after 90."""
	return decided_on + timedelta(days=DUE_DAYS.get(rating, DUE_DAYS[AMBER]))
