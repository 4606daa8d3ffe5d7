"""What a component is to the traffic model, by type: shared by the graph, the data roles
and lint (one list each, never a copy in another package)."""

from __future__ import annotations

from archdraw.library import Library
from archdraw.model import Component

# Components whose `hit_ratio` answers requests without passing them on.
CACHING_TYPES = frozenset({"cache", "cdn", "device_cache"})
# Buffers: a request is done once one of these accepts the message, whatever the link
# kind; the consumers behind them work later (their failure delays, not fails).
BUFFER_TYPES = frozenset({"queue", "stream"})


def category(library: Library, component: Component) -> str | None:
    found = library.get(component.type)
    return None if found is None else found.category


def is_traffic_source(library: Library, component: Component) -> bool:
    """Where requests start: a client (not a device cache, which only answers its own
    client) or any component that states an `rps` (a scheduler, a crawler)."""
    client = category(library, component) == "client" and component.type != "device_cache"
    return client or "rps" in component.props


def stated_rps(component: Component) -> float | None:
    """The rate the design states for a source (None: unknown, never a library default)."""
    value = component.props.get("rps")
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
        return None
    return max(0.0, float(value)) if value != float("inf") else None
