"""The budgets of a read: what a hostile file cannot get round."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """Budgets a hostile file cannot get round. Together they bound the memory and time
    a load takes (README, "Loading: limits and errors", gives the measured figures)."""

    max_bytes: int = 64 * 1024 * 1024
    max_depth: int = 64
    # A design of 10,000 components holds about 400,000 values in 60,000 mappings and lists;
    # these allow about 75,000 components. A mapping or list costs many times a plain value
    # in memory, so they have their own budget.
    max_nodes: int = 3_000_000
    max_collections: int = 500_000
    # Only the top-level lists (components, links, ...) grow with a design; anything nested
    # deeper holds a handful of items, and a bound on it bounds the errors one value can cause.
    max_items: int = 10_000
    # Hand-written designs rarely use aliases; a small budget stops bombs early and cheaply.
    max_alias_values: int = 100_000
    # No rate, count, size, duration or coordinate in a design comes near a trillion.
    max_number: float = 1e12
    # Past this many problems a file is not a design with mistakes; stop and say so.
    max_problems: int = 100
