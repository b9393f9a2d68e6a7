import frappe


def readable_file(file_url: str):
	"""The File uploaded at `file_url`, refused unless the user may read it: an import must not
	read (and echo in its row errors) another user's private file."""
	file = frappe.get_doc("File", {"file_url": file_url})
	file.check_permission("read")
	return file
