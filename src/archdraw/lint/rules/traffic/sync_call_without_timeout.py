"""AD205: a synchronous call between components with no timeout."""

from collections.abc import Iterator

from archdraw.lint.context import LintContext
from archdraw.lint.design_view import ComponentView, LinkView
from archdraw.lint.types import Issue, Severity, rule

# Covered by their own rules (AD501, AD605), with advice specific to them.
_OWN_RULES = frozenset({"llm", "external_api"})


@rule(
    code="AD205",
    name="sync-call-without-timeout",
    severity=Severity.INFO,
    title="Synchronous call without a timeout",
    why="""Most client libraries wait forever (or for minutes) by default. When the callee
    becomes slow rather than dead, and slow is the common way to fail, every caller thread
    waits on it, the caller's pool runs dry, and the caller stops answering too: one slow
    dependency takes down everything above it. A timeout turns a slow dependency into a fast
    error you can handle. One finding per caller lists every call it makes without one; an
    interactive session (`protocol: SSH` or RDP) is a person at a terminal, not a call, and a
    call no request makes (`calls: 0`: a fetch at start, a heartbeat) keeps no request
    waiting. Nor is a batch job judged that runs at most once an hour (a stated `rps` of
    1/3600 or less, on a component nothing calls or feeds: a daily reconciliation): a hang
    holds one run's thread, no caller waits above it, and no pool can run dry at that rate.""",
    fix="""Set `timeout_ms` on the link (or on the caller for all its calls): a little above
    the callee's p99 latency, and shorter than the caller's own deadline. Propagate deadlines
    downstream (gRPC does) so nobody works on a request whose caller has given up.""",
    references=(
        "Google SRE book, ch. 22 (addressing cascading failures: deadlines)",
        "AWS Builders' Library: timeouts, retries and backoff with jitter",
    ),
)
def sync_call_without_timeout(ctx: LintContext) -> Iterator[Issue]:
    components, number, link_number = ctx.components, ctx.number, ctx.link_number
    clients = {c.id for c in ctx.client_side}  # `is_client` of design components, by id
    # Whether a caller's category calls for a timeout depends on its type: decide per type.
    calling: dict[str, bool] = {}
    # A link without its own `timeout_ms` has the library's default: no look-up needed.
    default_timeout = ctx.link_default_number("timeout_ms")
    # By caller: whether the caller qualifies is decided once for all its calls.
    callers = ctx.sync_callers
    for caller in ctx.each(callers):  # one caller at a time, from its own values
        links, source = callers[caller], components.get(caller)
        if source is None or caller in clients:
            continue
        type_id = source.type
        qualifies = calling.get(type_id)
        if qualifies is None:
            qualifies = calling[type_id] = ctx.category(source) in ("compute", "ai")
        if not qualifies or number(source, "timeout_ms") is not None or batch_job(ctx, source):
            continue
        unbounded = []
        for link in links:
            timeout = default_timeout
            if "timeout_ms" in link.props:
                timeout = link_number(link, "timeout_ms")
            target = components.get(link.target)
            if timeout is not None or target is None or link.target in clients:
                continue
            if target.type in _OWN_RULES or ctx.in_process(target) or interactive(ctx, link):
                continue
            if never_called(ctx, link):
                continue
            unbounded.append((link, target))
        if unbounded:
            yield _one_issue(ctx, source, unbounded)


def _one_issue(
    ctx: LintContext, caller: ComponentView, calls: list[tuple[LinkView, ComponentView]]
) -> Issue:
    """One finding per caller, at its first call without a timeout, listing them all."""
    name = caller.title
    first, _ = calls[0]
    if len(calls) == 1:
        callees = f"'{calls[0][1].title}'"
        message = f"'{name}' calls {callees} with no timeout: if it turns slow, '{name}' hangs"
    else:
        callees = ", ".join(f"'{target.title}'" for _, target in calls)
        message = (
            f"'{name}' calls {len(calls)} dependencies with no timeout ({callees}): if one "
            f"turns slow, '{name}' hangs with it"
        )
    return Issue(
        message + " with it" if len(calls) == 1 else message,
        link=first.key,
        related=tuple(link.key for link, _ in calls[1:]),
        fix=ctx.fix(caller, "Time out after 1 second", timeout_ms=1000),
    )


# A person's session (SSH, RDP) is not a request waiting on an answer: nothing to time out.
_INTERACTIVE = ("ssh", "rdp")


def never_called(ctx: LintContext, link: LinkView) -> bool:
    """The link states that no request of its sender makes the call (`calls: 0`: a fetch at
    start, a registration renewed on a timer): no request waits on it."""
    return "calls" in link.props and ctx.link_number(link, "calls") == 0


# At most one run an hour: a job on a timer (hourly, nightly, daily), not a stream of
# requests. An hourly figure rounded up from 1/3600 (0.000278) still counts.
BATCH_RATE = 1.001 / 3600


def batch_job(ctx: LintContext, component: ComponentView) -> bool:
    """The component starts its own work at most once an hour (a stated `rps` of 1/3600 or
    less) and nothing calls or feeds it: a batch run that nobody waits on, whose calls are too
    rare to drain a pool or to hammer a provider that is down."""
    rate = ctx.number(component, "rps") if ctx.stated(component, "rps") else None
    return rate is not None and rate <= BATCH_RATE and not ctx.in_links.get(component.id)


def interactive(ctx: LintContext, link: LinkView) -> bool:
    """The link carries a person's session (`protocol: SSH` or RDP), not requests."""
    protocol = ctx.link_prop(link, "protocol")
    return isinstance(protocol, str) and protocol.strip().lower().startswith(_INTERACTIVE)
