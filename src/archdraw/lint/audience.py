"""Who a client's users are (`audience` on a client): anyone on the internet (`public`), the
organisation's own people on its network (`staff`), or the organisation's own programs on its
network (`internal`). Not stated, a client is taken as people who can misbehave, and a verdict
that needs them to be the public says so."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from archdraw.lint.design_view import ComponentView

if TYPE_CHECKING:
    from archdraw.lint.context import LintContext

PUBLIC = "public"
STAFF = "staff"
INTERNAL = "internal"
_OWN_NETWORK = frozenset({STAFF, INTERNAL})


def audience(ctx: LintContext, client: ComponentView) -> str | None:
    """The audience the design states for `client` (None when it does not)."""
    value = ctx.prop(client, "audience")
    return value if isinstance(value, str) else None


def internal(ctx: LintContext, client: ComponentView) -> bool:
    """The design says the client is one of the organisation's own programs: its load is the
    design's own, and the boundary rules (rate limit, CDN, a key shipped to a device, a store
    reached from outside) do not judge it."""
    return audience(ctx, client) == INTERNAL


def on_own_network(ctx: LintContext, clients: Iterable[ComponentView]) -> bool:
    """The design says every one of `clients` is the organisation's staff or its own programs
    on its network (so what they reach is open to that network, not to the internet)."""
    audiences = [audience(ctx, c) for c in clients]
    return bool(audiences) and all(a in _OWN_NETWORK for a in audiences)
