"""Arrival rates for the capacity rules: read from `archdraw.analysis.traffic`, the one
traffic model (lint and `archdraw analyze` agree by construction)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from archdraw.analysis.kinds import CACHING_TYPES
from archdraw.analysis.traffic import TRAFFIC_LINK_PROPERTIES, TRAFFIC_PROPERTIES, traffic_of

if TYPE_CHECKING:
    from archdraw.lint.context import LintContext

__all__ = [
    "ARRIVAL_LINK_PROPERTIES",
    "ARRIVAL_PROPERTIES",
    "CACHING_TYPES",
    "arrival_rates",
]

# What the rates read (a lint session counts them as read by whoever uses the rates).
ARRIVAL_PROPERTIES = TRAFFIC_PROPERTIES
ARRIVAL_LINK_PROPERTIES = TRAFFIC_LINK_PROPERTIES


def arrival_rates(ctx: LintContext) -> dict[str, float]:
    """Requests per second reaching each component, from the clients' stated `rps`."""
    return traffic_of(ctx.traffic_graph).rates
