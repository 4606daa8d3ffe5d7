"""What a call with an outside side effect does when it is repeated (AD415, AD416)."""

from archdraw.lint.context import LintContext
from archdraw.lint.design_view import ComponentView, LinkView


def keyed(ctx: LintContext, link: LinkView, callee: ComponentView) -> bool:
    """A repeat takes effect once: the call sends an idempotency key, or its callee is
    idempotent."""
    return ctx.link_prop(link, "idempotency_key") is True or ctx.flag(callee, "idempotent")


def retries(ctx: LintContext, link: LinkView, caller: ComponentView) -> float:
    """How many times the caller tries the call again: the link's `retries`, else its own."""
    stated = ctx.link_number(link, "retries") if "retries" in link.props else None
    return stated if stated is not None else ctx.number(caller, "retries") or 0
