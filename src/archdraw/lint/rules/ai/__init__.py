"""Ai rules."""
