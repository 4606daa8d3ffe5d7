"""Settings rules."""
