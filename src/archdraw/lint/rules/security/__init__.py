"""Security rules."""
