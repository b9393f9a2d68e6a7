"""The dealer's data in and out: the full export (`export.py`, written by `archive.py`) and the
migration import that reads it back (`migration.py`). The tables of both are declared once, in
`tables.py`."""
