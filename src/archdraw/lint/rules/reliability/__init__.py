"""Reliability rules."""
