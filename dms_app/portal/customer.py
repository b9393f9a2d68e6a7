"""Who is the customer behind the session user.

A website user belongs to an ERPNext Customer through a Contact (Contact.user + Contact.links →
Customer), the way the dealer records people; the service area's methods use the same link.
ERPNext's own portal pages (/invoices, /orders) read Customer.portal_users instead, so saving such
a Contact adds the user to the Customer's portal users (``sync_portal_users``) to keep them in step.
Only the dealership makes that link: a website user cannot (``check_granted_access``).
"""

import frappe
from frappe import _

PORTAL_ROLE = "Customer"


def customers_for_user(user: str | None = None) -> list[str]:
	"""Enabled Customers the user may act for; [] for Guest or an unlinked user."""
	user = user or frappe.session.user
	if not user or user == "Guest":
		return []
	names = linked_customers_of(user)
	if not names:
		return []
	return frappe.get_all(
		"Customer", filters={"name": ("in", names), "disabled": 0}, pluck="name", order_by="name asc"
	)


def linked_customers_of(user: str) -> list[str]:
	"""Customers linked to the user's Contacts, disabled ones included."""
	contact = frappe.qb.DocType("Contact")
	link = frappe.qb.DocType("Dynamic Link")
	return (
		frappe.qb.from_(link)
		.join(contact)
		.on(contact.name == link.parent)
		.select(link.link_name)
		.where(link.parenttype == "Contact")
		.where(link.link_doctype == "Customer")
		.where(contact.user == user)
		.distinct()
	).run(pluck=True)


def is_portal_user(user: str | None = None) -> bool:
	"""Guest and website users (customers); staff are system users."""
	user = user or frappe.session.user
	return user == "Guest" or frappe.get_cached_value("User", user, "user_type") == "Website User"


def require_customers() -> list[str]:
	"""The session user's customers, or a PermissionError (Guest: please log in)."""
	if frappe.session.user == "Guest":
		frappe.throw(_("Please log in to see this page."), frappe.PermissionError)
	customers = customers_for_user()
	if not customers:
		frappe.throw(
			_("Your login is not linked to a customer account yet. Please contact the dealership."),
			frappe.PermissionError,
		)
	return customers


def link_website_user(
	customer: str, email: str, first_name: str | None = None, password: str | None = None
) -> str:
	"""Give a customer a portal login: a Website User with the Customer role, a Contact linking the
	user to the customer, and a Customer portal-user row (for ERPNext's invoice pages)."""
	if not frappe.db.exists("User", email):
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": first_name or customer,
				"user_type": "Website User",
				"send_welcome_email": 0,
			}
		)
		user.insert(ignore_permissions=True)
	user = frappe.get_doc("User", email)
	if PORTAL_ROLE not in frappe.get_roles(email):
		user.flags.ignore_permissions = True
		user.add_roles(PORTAL_ROLE)
	if password:
		from frappe.utils.password import update_password

		update_password(email, password)

	contact_name = frappe.db.get_value("Contact", {"user": email}) or frappe.db.get_value(
		"Contact", {"email_id": email}
	)
	contact = frappe.get_doc("Contact", contact_name) if contact_name else frappe.new_doc("Contact")
	if contact.is_new():
		contact.first_name = first_name or customer
		contact.append("email_ids", {"email_id": email, "is_primary": 1})
	linked = any(link.link_doctype == "Customer" and link.link_name == customer for link in contact.links)
	if contact.is_new() or contact.user != email or not linked:
		contact.user = email
		if not linked:
			contact.append("links", {"link_doctype": "Customer", "link_name": customer})
		contact.save(ignore_permissions=True)
	return email


def sync_portal_users(doc, method=None):
	"""Contact hook: a Contact with a user, linked to Customers, makes the user a portal user of
	each (ERPNext's /invoices and /orders pages read Customer.portal_users); a link removed (or the
	user changed) removes the portal user again, unless another Contact still links them."""
	for user, customer in granted(doc.get_doc_before_save()) - granted(doc):
		if customer not in linked_customers_of(user):
			frappe.db.delete("Portal User", {"parenttype": "Customer", "parent": customer, "user": user})
	if not doc.user:
		return
	for link in doc.links:
		if link.link_doctype != "Customer" or not frappe.db.exists("Customer", link.link_name):
			continue
		if frappe.db.exists(
			"Portal User", {"parenttype": "Customer", "parent": link.link_name, "user": doc.user}
		):
			continue
		customer = frappe.get_doc("Customer", link.link_name)
		customer.append("portal_users", {"user": doc.user})
		customer.flags.ignore_permissions = True
		customer.save()


def granted(contact) -> set[tuple[str, str]]:
	"""(user, customer) pairs a Contact links."""
	return {(contact.user, name) for name in linked_customers(contact)} if contact and contact.user else set()


def linked_customers(contact) -> set[str]:
	return {link.link_name for link in contact.links if link.link_doctype == "Customer"} if contact else set()


def check_granted_access(doc, method=None) -> None:
	"""Contact check: a Contact linking a login to a Customer is what gives portal access, and
	Frappe's "All" role may create and edit its own Contacts. So a website user may neither link a
	Contact to a Customer (once a login carries its email, Frappe links the login to it) nor move a
	login onto a linked Contact. Staff, and server code that set ignore_permissions (the dealer's
	own flows, ERPNext's sign-up), may."""
	if doc.flags.ignore_permissions or not is_portal_user():
		return
	before = doc.get_doc_before_save()
	customers = linked_customers(doc)
	if customers - linked_customers(before) or (customers and doc.user != (before.user if before else None)):
		frappe.throw(_("Only the dealership can link a login to a customer account."), frappe.PermissionError)
