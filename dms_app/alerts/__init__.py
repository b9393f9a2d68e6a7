"""The dealer's alerts: a registry of small alert functions (definitions.py) and one delivery (delivery.py).

Each alert is a function decorated with ``@alert(...)`` that returns the records currently in the alert
state (``AlertItem``); delivery decides which of them are due (not sent before, state changed, or the
re-send interval passed), tells the rule's role by system notification and email, emails external
recipients (customers) who have not opted out, and logs each in DMS Alert Log. Admins switch alerts on or
off and change thresholds in DMS Settings > Alerts, one row per alert.
"""
