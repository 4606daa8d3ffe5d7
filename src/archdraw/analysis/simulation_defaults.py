"""Simulation settings the CLI and reports need without importing SimPy."""

DEFAULT_REQUESTS = 100_000
