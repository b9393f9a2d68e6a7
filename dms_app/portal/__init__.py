"""Customer web portal: the data layer behind dms_app/www (pages) and dms_app/api/portal.py.

- customer.py: which Customers the session user acts for (Contact.user → Contact.links);
- queries.py: vehicles, repair orders, appointments, always filtered by those customers;
- permissions.py: hooks keeping website users to their own records in desk/REST too.
"""

import json

from frappe import _

from dms_app.portal.website import language_choices

# Strings the portal's JavaScript translates with __(); sent to the page as frappe._messages.
JS_MESSAGES = (
	"Approve",
	"Decline",
	"Approved",
	"Declined",
	"Proposed",
	"Saving…",
	"Your decision was recorded.",
	"Last updated {0}",
	"Could not refresh the status. Retrying…",
	"No free slots in these days. Try later dates.",
	"Loading slots…",
	"Choose a slot first.",
	"Booking…",
	"Booked: {0}. A confirmation email is on its way.",
	"Requested: {0}. We will confirm it by email.",
	"Approve {0} for {1}?",
	"Decline {0}?",
	"Confirm",
	"Cancel",
	"Undo",
	"Your decision was taken back. You can decide again.",
	"No promised time yet",
	"Something went wrong. Please try again.",
	"Drop-off time",
)


def page_context(context, title: str):
	"""What every portal page sets: no caching (per-user data), the portal sidebar, JS strings."""
	context.no_cache = 1
	context.show_sidebar = True
	context.title = title
	# JSON inside <script>: no "<" at all, so neither "</script>" nor "<!--" in a translation can
	# end or disturb the script
	messages = json.dumps({m: _(m) for m in JS_MESSAGES}, ensure_ascii=False)
	context.portal_messages = messages.replace("<", "\\u003c")
	context.portal_languages = language_choices()
	return context
