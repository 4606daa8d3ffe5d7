"""AD605: a third-party API on a synchronous path without timeout, fallback or breaker."""

from collections.abc import Iterator

from archdraw.lint.context import LintContext
from archdraw.lint.design_view import ComponentView, LinkView
from archdraw.lint.rules.traffic.sync_call_without_timeout import batch_job
from archdraw.lint.types import Issue, Severity, rule

_BREAKER = "circuit breaker or fallback"
_BREAKERS = ("circuit_breaker", "fallback")


def missing_guards(ctx: LintContext, api: ComponentView, link: LinkView) -> list[str]:
    caller = ctx.source(link)
    timeouts = (
        ctx.link_number(link, "timeout_ms"),
        ctx.number(api, "timeout_ms"),
        ctx.number(caller, "timeout_ms") if caller is not None else None,
    )
    missing = []
    if all(t is None for t in timeouts):
        missing.append("timeout")
    breakers = (api, caller) if caller is not None else (api,)
    if not any(ctx.flag(c, "circuit_breaker") or ctx.flag(c, "fallback") for c in breakers):
        missing.append(_BREAKER)
    return missing


@rule(
    code="AD605",
    name="third-party-unprotected",
    severity=Severity.WARNING,
    title="Third-party API called without protection",
    why="""A third-party API's outages and slow days are yours to suffer and not yours to fix.
    Called synchronously without a timeout, a provider that slows to 30 s holds all your
    threads; without a circuit breaker you keep hammering it (and paying for it) while it is
    down; without a fallback, your feature is down whenever theirs is. A 99.9 % provider is down
    about 8.8 hours a year. A call whose only gap is a circuit breaker or fallback that
    neither the caller nor the API states (`circuit_breaker`, `fallback`: none only by the
    library's default) is asked about, as info, saying so. A batch job that runs at most once
    an hour (a stated `rps` of 1/3600 or less, on a component nothing calls or feeds: a daily
    reconciliation fetching a settlement file) is not judged: nobody waits on it, and one call
    an hour cannot hammer a provider that is down nor give a breaker a burst to open on.""",
    fix="""Set `timeout_ms` on the call, wrap it in a `circuit_breaker` (open after a burst of
    failures, probe again after a pause), and plan a `fallback`: a queue to retry later, a
    second provider, or a degraded answer. Idempotency keys make retries safe.""",
    references=(
        "Michael Nygard, Release It! (circuit breaker, timeouts)",
        "AWS Well-Architected Framework, Reliability pillar: REL05",
    ),
)
def third_party_unprotected(ctx: LintContext) -> Iterator[Issue]:
    for api in ctx.of_type("external_api"):
        for link in ctx.sync_in(api.id):
            caller = ctx.source(link)
            if caller is None or ctx.is_client(caller) or batch_job(ctx, caller):
                continue
            missing = missing_guards(ctx, api, link)
            if missing:
                # No breaker by the library's default, not the design's word: with a timeout
                # in place, that alone is a question.
                said = any(ctx.stated(c, name) for c in (api, caller) for name in _BREAKERS)
                assumed = "" if said else ctx.assumed(api, "circuit_breaker")
                yield Issue(
                    f"'{caller.title}' calls '{api.title}' synchronously with no "
                    f"{' and no '.join(missing)}{assumed if _BREAKER in missing else ''}",
                    link=link.key,
                    severity=Severity.INFO if missing == [_BREAKER] and assumed else None,
                    fix=(
                        ctx.link_fix(link, "Time out after 2 s", timeout_ms=2000)
                        if "timeout" in missing
                        else None
                    ),
                )
