"""The file reading and column matching every import shares (files.py, columns.py); no database."""
