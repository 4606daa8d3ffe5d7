"""Loads the hypothesis profile (see profiles.py) before any test in this folder is collected."""

from . import profiles  # noqa: F401
