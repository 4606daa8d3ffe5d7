"""Data rules."""
