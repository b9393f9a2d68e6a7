"""Shim so that `pip install -e .` and `python setup.py develop` work; metadata is in pyproject.toml."""

from setuptools import setup

setup()
