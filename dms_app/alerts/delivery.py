"""Running the enabled alerts: de-duplication against DMS Alert Log, notifications and emails."""

import hashlib

import frappe
from frappe import _
from frappe.desk.doctype.notification_settings.notification_settings import is_notifications_enabled
from frappe.utils import add_days, cint, escape_html, get_datetime, get_url_to_form, now_datetime
from frappe.utils.user import get_users_with_role

from dms_app.alerts import definitions  # registers the alerts
from dms_app.alerts.registry import REGISTRY, AlertItem

RESOLVED = "Resolved"
DIGEST_LINES = 50


def schedule_alerts():
	"""Scheduler entry: one alerts run at a time on the long queue."""
	frappe.enqueue(
		"dms_app.alerts.delivery.run_alerts",
		queue="long",
		job_id="dms-alerts",
		deduplicate=not frappe.flags.in_test,
		now=frappe.flags.in_test,
	)


def run_alerts(only: tuple[str, ...] | list[str] | None = None) -> dict[str, int | str]:
	"""Run the enabled alerts (or ``only`` these); returns {alert: items sent, or why it was skipped}."""
	outcome = {}
	for rule in frappe.get_single("DMS Settings").get("alert_rules") or []:
		definition = REGISTRY.get(rule.alert)
		if definition is None or (only and rule.alert not in only):
			continue
		if not rule.enabled:
			outcome[rule.alert] = "disabled"
			continue
		missing = [doctype for doctype in definition.requires if not frappe.db.exists("DocType", doctype)]
		if missing:
			outcome[rule.alert] = f"skipped: {', '.join(missing)} not installed"
			continue
		frappe.db.savepoint("dms_alert")
		try:
			items = definition.fetch(rule.threshold)
			outcome[rule.alert] = deliver(rule, items)
			resolve_cleared(rule.alert, items)
		except Exception:
			# one broken alert (e.g. another area's query) must not stop the others or half-log itself
			frappe.db.rollback(save_point="dms_alert")
			frappe.log_error(title=_("DMS alert failed: {0}").format(rule.alert))
			outcome[rule.alert] = "failed: see Error Log"
		if not frappe.flags.in_test:
			frappe.db.commit()
	return outcome


def alert_key(alert: str, item: AlertItem) -> str:
	return f"{alert}|{item.key}"


def log_name(key: str) -> str:
	return "AL-" + hashlib.sha1(key.encode()).hexdigest()[:16]


def due_items(rule, items: list[AlertItem]) -> list[AlertItem]:
	"""Items never sent, whose state changed, or last sent longer ago than the rule's re-send interval."""
	if not items:
		return []
	names = {log_name(alert_key(rule.alert, item)): item for item in items}
	logs = {
		log.name: log
		for log in frappe.get_all(
			"DMS Alert Log",
			filters={"name": ("in", list(names))},
			fields=["name", "state", "last_sent"],
		)
	}
	resend_before = (
		add_days(now_datetime(), -cint(rule.resend_after_days)) if rule.resend_after_days else None
	)
	due = []
	for name, item in names.items():
		log = logs.get(name)
		if (
			log is None
			or log.state != item.state
			or (resend_before and get_datetime(log.last_sent) <= resend_before)
		):
			due.append(item)
	return due


def can_email() -> bool:
	"""An outgoing email account exists (Frappe's own lookup caches its answer for the request)."""
	return bool(
		frappe.db.exists("Email Account", {"enable_outgoing": 1, "default_outgoing": 1})
		or frappe.conf.get("mail_server")
	)


def deliver(rule, items: list[AlertItem]) -> int:
	"""Send the due items; an item for external recipients is not logged (so it waits) while no outgoing
	email account is set up or all its recipients are unsubscribed."""
	due = due_items(rule, items)
	email = can_email()
	sent = []
	for item in due:
		if not item.recipients:
			sent.append((item, ""))
			continue
		recipients = subscribed(item) if email else []
		if recipients:
			send_external(rule, item, recipients)
			sent.append((item, ", ".join(recipients)))
	staff = [item for item, _ in sent]
	staff_recipients = notify_staff(rule, staff) if rule.notify_role and staff else ""
	for item, recipients in sent:
		write_log(rule.alert, item, recipients or staff_recipients)
	return len(sent)


def subscribed(item: AlertItem) -> list[str]:
	"""The item's recipients minus those unsubscribed from all email or from its reference document."""
	unsubscribed = set(
		frappe.get_all(
			"Email Unsubscribe",
			filters={"email": ("in", item.recipients), "global_unsubscribe": 1},
			pluck="email",
		)
	) | set(
		frappe.get_all(
			"Email Unsubscribe",
			filters={
				"email": ("in", item.recipients),
				"reference_doctype": item.reference_doctype,
				"reference_name": item.reference_name,
			},
			pluck="email",
		)
	)
	return [email for email in item.recipients if email and email not in unsubscribed]


def send_external(rule, item: AlertItem, recipients: list[str]):
	frappe.sendmail(
		recipients=recipients,
		subject=item.subject,
		message=item.message or escape_html(item.subject),
		reference_doctype=item.reference_doctype,
		reference_name=item.reference_name,
	)


def notify_staff(rule, items: list[AlertItem]) -> str:
	"""One digest per run to the users of the rule's role: a system notification each and one email."""
	users = [u for u in get_users_with_role(rule.notify_role) if is_notifications_enabled(u)]
	if not users:
		return ""
	subject = _("{0}: {1}").format(_(rule.alert), len(items))
	lines = "".join(
		f'<li><a href="{get_url_to_form(i.reference_doctype, i.reference_name)}">{escape_html(i.subject)}</a></li>'
		for i in items[:DIGEST_LINES]
	)
	more = _("and {0} more").format(len(items) - DIGEST_LINES) if len(items) > DIGEST_LINES else ""
	content = f"<ul>{lines}</ul>{more}"
	for user in users:
		frappe.get_doc(
			{
				"doctype": "Notification Log",
				"for_user": user,
				"from_user": "Administrator",
				"type": "Alert",
				"subject": subject,
				"email_content": content,
				"document_type": items[0].reference_doctype,
				"document_name": items[0].reference_name,
			}
		).insert(ignore_permissions=True)
	emails = [e for e in frappe.get_all("User", filters={"name": ("in", users)}, pluck="email") if e]
	if rule.send_email and emails and can_email():
		frappe.sendmail(recipients=emails, subject=subject, message=content)
	return ", ".join(users)


def write_log(alert: str, item: AlertItem, recipients: str):
	key = alert_key(alert, item)
	name = log_name(key)
	values = {
		"state": item.state,
		"last_sent": now_datetime(),
		"subject": item.subject,
		"recipients": recipients,
	}
	if frappe.db.exists("DMS Alert Log", name):
		times = cint(frappe.db.get_value("DMS Alert Log", name, "times_sent"))
		frappe.db.set_value("DMS Alert Log", name, {**values, "times_sent": times + 1})
		return
	log = frappe.get_doc(
		{
			"doctype": "DMS Alert Log",
			"alert_key": key,
			"alert": alert,
			"reference_doctype": item.reference_doctype,
			"reference_name": item.reference_name,
			"period": item.period,
			"times_sent": 1,
			**values,
		}
	)
	log.name = name
	log.insert(ignore_permissions=True, set_name=name)


def resolve_cleared(alert: str, items: list[AlertItem]):
	"""Mark logged records no longer in the alert state, so that a recurrence is sent again."""
	current = [log_name(alert_key(alert, item)) for item in items] or [""]
	frappe.db.sql(
		"""update `tabDMS Alert Log` set state = %s
		where alert = %s and state != %s and name not in %s""",
		(RESOLVED, alert, RESOLVED, current),
	)
