"""Traffic rules."""
