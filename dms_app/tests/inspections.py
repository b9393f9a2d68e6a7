"""Factories for the digital inspection (tests, browser test and demo): a template with measured
and plain check items, small generated photos (PNG written with zlib: no imaging library needed)
attached privately to an inspection row, and a completed inspection with recommendations."""

import struct
import zlib

import frappe
from frappe.utils import random_string

from dms_app.service import inspections
from dms_app.tests.repair_orders import make_labour_operation, make_part

COLOURS = {"Green": (46, 160, 67), "Amber": (230, 150, 20), "Red": (210, 40, 40)}


def png(width: int = 48, height: int = 32, colour=(200, 60, 60)) -> bytes:
	"""A small solid-colour PNG with a darker diagonal (so it looks like a picture, not a swatch)."""
	rows = []
	for y in range(height):
		row = bytearray([0])
		for x in range(width):
			near = abs(x * height - y * width) < width * 2
			row += bytes(c // 2 for c in colour) if near else bytes(colour)
		rows.append(bytes(row))
	raw = b"".join(rows)

	def chunk(kind: bytes, data: bytes) -> bytes:
		return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

	header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
	return (
		b"\x89PNG\r\n\x1a\n"
		+ chunk(b"IHDR", header)
		+ chunk(b"IDAT", zlib.compress(raw))
		+ chunk(b"IEND", b"")
	)


def make_template(make: str | None = None, with_part: bool = False) -> frappe._dict:
	"""A template: front brake pads (measured, with a labour operation and optionally a part),
	battery health (measured, higher-is-better), wipers (plain)."""
	operation = make_labour_operation(hours=1.5, rate=120)
	part = make_part(qty=10, rate=20, selling=35) if with_part else None
	name = f"MPI {random_string(6)}"
	frappe.get_doc(
		{
			"doctype": "Inspection Template",
			"template_name": name,
			"make": make,
			"items": [
				{
					"category": "Brakes",
					"check_item": "Front brake pads",
					"measurement": "Brake pad thickness",
					"unit": "mm",
					"direction": "Lower is worse",
					"amber_threshold": 4,
					"red_threshold": 2,
					"labour_operation": operation,
					"part": part,
					"part_qty": 1,
				},
				{
					"category": "Battery",
					"check_item": "Battery health",
					"measurement": "Battery state of health",
					"unit": "%",
					"direction": "Lower is worse",
					"amber_threshold": 75,
					"red_threshold": 60,
				},
				{"category": "Visibility", "check_item": "Wiper blades"},
			],
		}
	).insert(ignore_permissions=True)
	return frappe._dict(name=name, operation=operation, part=part)


def attach(inspection, content: bytes, file_name: str, field: str = "photo", row=None):
	"""A private File attached to the inspection (as the form's Attach does), set on `row`."""
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": file_name,
			"is_private": 1,
			"content": content,
			"attached_to_doctype": "Vehicle Inspection",
			"attached_to_name": inspection.name,
			"attached_to_field": field,
		}
	).insert(ignore_permissions=True)
	if row is not None:
		row.set(field, file.file_url)
	return file


def inspect(repair_order: str, template: str, pads: str = "1.5", battery: str = "82", photo: bool = True):
	"""A completed inspection of the order: pads and battery read, wipers Green, a photo of the pads."""
	doc = inspections.make_inspection(repair_order, template)
	readings = {"Front brake pads": pads, "Battery health": battery}
	files = []
	for row in doc.items:
		row.reading = readings.get(row.check_item)
		if row.check_item == "Wiper blades":
			row.rating = "Green"
		row.note = "Worn to the wear indicator" if row.check_item == "Front brake pads" else None
		if photo and row.check_item == "Front brake pads":
			files.append(attach(doc, png(colour=COLOURS["Red"]), f"pads-{random_string(5)}.png", row=row))
	doc.save()
	doc.submit()
	doc.files = files
	return doc


def delete_files(files):
	"""Rollback keeps files on disk: remove them."""
	frappe.set_user("Administrator")
	for file in files:
		if frappe.db.exists("File", file.name):
			frappe.delete_doc("File", file.name, ignore_permissions=True, force=True)
