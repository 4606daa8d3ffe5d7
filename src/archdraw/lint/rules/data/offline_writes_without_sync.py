"""AD408: a device cache accepts offline writes but has no path to sync them."""

from collections.abc import Iterator

from archdraw.lint.context import LintContext
from archdraw.lint.types import Issue, Severity, rule


@rule(
    code="AD408",
    name="offline-writes-without-sync",
    severity=Severity.WARNING,
    title="Offline writes with no sync path",
    why="""An app that accepts changes while offline promises to deliver them later. That
    needs a sync path from the device cache to the backend that replays queued writes when the
    network returns, idempotently (the same change may be sent twice on a flaky connection)
    and with a rule for conflicts with changes made elsewhere meanwhile. Without it, offline
    edits stay on one phone and vanish when the app is reinstalled.""",
    fix="""Link the device cache to the service that accepts its changes (a sync API or a
    queue), send each change with an idempotency key, and set `conflict_resolution` on the
    device cache (last-write-wins per field, CRDTs, or asking the user).""",
    references=(
        "Kleppmann et al., Local-first software (Onward! 2019)",
        "Designing Data-Intensive Applications, ch. 5 (clients with offline operation)",
    ),
)
def offline_writes_without_sync(ctx: LintContext) -> Iterator[Issue]:
    for cache in ctx.of_type("device_cache"):
        if not ctx.flag(cache, "offline_writes"):
            continue
        targets = (ctx.target(k) for k in ctx.flow_out(cache.id))
        if not any(t is not None and not ctx.is_client(t) for t in targets):
            yield Issue(
                f"'{cache.title}' accepts writes offline but has no link to a backend to "
                "sync them: those changes never leave the device",
                component=cache.id,
            )
