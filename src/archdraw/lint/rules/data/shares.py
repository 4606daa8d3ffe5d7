"""Writing calls that the design gives to different requests (AD403, AD415)."""

from collections.abc import Sequence

from archdraw.lint.context import LintContext
from archdraw.lint.design_view import LinkView

# Shares are often written to two places (0.23 + 0.11 + ...): a sum a rounding step over one
# is still one.
_ONE = 1.0 + 1e-9


def one_per_request(ctx: LintContext, links: Sequence[LinkView]) -> bool:
    """Every one of these calls states its share of the caller's requests (`calls`) and the
    shares add up to at most one: the design leaves each request one of them, as a front end
    that sends /api/<service> to one backend does, and says of no request that it makes two."""
    if len(links) < 2 or any("calls" not in link.props for link in links):
        return False
    return sum(ctx.link_number(link, "calls") or 0.0 for link in links) <= _ONE
