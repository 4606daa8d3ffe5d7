"""AD416: a call with an external side effect is retried without an idempotency key."""

from collections.abc import Iterator

from archdraw.lint.context import LintContext
from archdraw.lint.design_view import LinkView
from archdraw.lint.rules.data.side_effects import keyed, retries
from archdraw.lint.types import Issue, Severity, rule


@rule(
    code="AD416",
    name="side-effect-retried",
    severity=Severity.ERROR,
    title="Side effect retried without an idempotency key",
    why="""A call that moves money, sends a message or ships goods (`side_effect: true` on the
    link) is retried (`retries` on the link or the caller). When the first attempt succeeded
    but its answer was lost (a timeout is not a failure), the retry does it again: the
    customer is charged twice. Only the callee can tell a retry from a new request, and only
    if the caller sends the same key each time. A call on a client's request path is retried
    even when no component retries it: the user presses Pay again after an error or a
    timeout (a warning, where a stated retry is an error). A call whose `idempotency_key` the
    design does not state has none only by the library's default: that is asked about, as
    info, saying so.""",
    fix="""Send an idempotency key with each call and reuse it on retries (`idempotency_key:
    true` on the link; Stripe and most payment APIs accept one), or make the callee idempotent
    (`idempotent: true`), or stop retrying that call.""",
    references=(
        "Stripe API: idempotent requests",
        "AWS Builders' Library: making retries safe with idempotent APIs",
    ),
)
def side_effect_retried(ctx: LintContext) -> Iterator[Issue]:
    on_path: dict[str, list[LinkView]] = {}  # caller -> its unkeyed side effects, not retried
    for link in ctx.links_stating("side_effect"):
        if link.kind != "sync" or ctx.link_prop(link, "side_effect") is not True:
            continue
        caller, callee = ctx.source(link), ctx.target(link)
        if caller is None or callee is None or keyed(ctx, link, callee):
            continue
        tries = retries(ctx, link, caller)
        if tries > 0:
            # No key by the library's default, not the design's word: a question.
            assumed = ctx.link_assumed(link, "idempotency_key")
            yield Issue(
                f"'{caller.title}' retries '{callee.title}' ({tries:g} times), a call with a "
                f"side effect, with no idempotency key{assumed}: a retry after a lost answer "
                "does it twice",
                link=link.key,
                fix=ctx.link_fix(link, "Send an idempotency key", idempotency_key=True),
                severity=Severity.INFO if assumed else None,
            )
        elif caller.id in ctx.request_path_ids:
            on_path.setdefault(caller.id, []).append(link)
    for caller_id, links in on_path.items():
        names = ", ".join(f"'{ctx.title(k.target)}'" for k in links)
        # A warning when the design says of one of the calls that it sends no key.
        said = [k for k in links if "idempotency_key" in k.props]
        assumed = "" if said else ctx.link_assumed(links[0], "idempotency_key")
        yield Issue(
            f"'{ctx.title(caller_id)}' calls {names} (side effects) with no idempotency key"
            f"{assumed} on a client's request path: when an answer is lost, the user's retry "
            "does it again",
            link=links[0].key,
            related=tuple(k.key for k in links[1:]),
            severity=Severity.INFO if assumed else Severity.WARNING,
            fix=ctx.link_fix(links[0], "Send an idempotency key", idempotency_key=True),
        )
