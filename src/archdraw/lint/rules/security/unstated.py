"""Security properties the design does not state are unknown: rules report them once per
design and cause ("`auth` not stated for 4 stores"), as info, each element still located."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from archdraw.lint.design_view import ComponentView, LinkView
from archdraw.lint.types import Issue, Severity

if TYPE_CHECKING:
    from archdraw.lint.context import LintContext


def one_unknown(
    what: str, elements: list[tuple[str, str]], consequence: str, *, link: bool = False
) -> Issue:
    """One info finding at the first of `elements` (key, title), naming them all.

    `what` says what is not stated ("`auth` not stated"), `consequence` why it matters."""
    titles = ", ".join(f"'{title}'" for _, title in elements)
    first = elements[0][0]
    return Issue(
        f"{what} for {titles}: {consequence}",
        component=None if link else first,
        link=first if link else None,
        related=tuple(key for key, _ in elements[1:]),
        severity=Severity.INFO,
    )


_ENCRYPTED_PROTOCOLS = (
    "https", "wss", "grpcs", "tls", "mtls", "quic", "http/3", "dtls", "srtp", "ssh", "sftp",
)  # fmt: skip
_PLAINTEXT_PROTOCOLS = ("http", "ws", "grpc", "amqp", "mqtt", "smtp", "ftp", "telnet", "redis")


def encrypted(ctx: LintContext, link: LinkView) -> bool | None:
    """Whether the link is encrypted: True or False when the design says (on the link, by its
    protocol or on the target), None when it does not."""
    protocol = str(ctx.link_prop(link, "protocol") or "").strip().lower()
    target = ctx.target(link)
    on_target = None if target is None else ctx.prop(target, "tls")
    if ctx.link_prop(link, "tls") is True or protocol.startswith(_ENCRYPTED_PROTOCOLS):
        return True
    if on_target is True:
        return True
    if ctx.link_prop(link, "tls") is False or on_target is False:
        return False
    if protocol and protocol.split("/")[0] in _PLAINTEXT_PROTOCOLS:
        return False
    return None


def judge_encryption(
    ctx: LintContext,
    links: Iterable[LinkView],
    plaintext: Callable[[ComponentView, ComponentView, LinkView], str],
    what: str,
    advice: str,
) -> Iterator[Issue]:
    """An issue per target the design says is reached unencrypted (`plaintext` words it for
    the first such link; the others are named and located with it), then one for all the
    links whose encryption it does not state."""
    unknown: list[tuple[str, str]] = []
    plain: dict[str, list[LinkView]] = {}
    for link in links:
        source, target = ctx.source(link), ctx.target(link)
        state = encrypted(ctx, link)
        if source is None or target is None or state is True:
            continue
        if state is None:
            unknown.append((link.key, f"{source.title} → {target.title}"))
            continue
        plain.setdefault(link.target, []).append(link)
    for first, *others in plain.values():
        source, target = ctx.components[first.source], ctx.components[first.target]
        also = ", ".join(f"'{ctx.title(k.source)}'" for k in others)
        verb = "so does" if len(others) == 1 else "so do"
        yield Issue(
            plaintext(source, target, first) + (f"; {verb} {also}" if others else ""),
            link=first.key,
            related=tuple(k.key for k in others),
            fix=ctx.link_fix(first, "Encrypt with TLS", tls=True),
        )
    if unknown:
        yield one_unknown(what, unknown, advice, link=True)
