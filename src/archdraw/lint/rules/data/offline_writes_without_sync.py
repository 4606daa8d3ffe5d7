"""AD408: a device cache accepts offline writes but has no path to sync them."""

from collections.abc import Iterator

from archdraw.lint.context import LintContext
from archdraw.lint.design_view import ComponentView, LinkView
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
    edits stay on one phone and vanish when the app is reinstalled. The path may go from the
    device cache itself or from the app that holds it: a client linked to the cache whose own
    link to a backend states `writes: true` delivers the changes (the app's sync code reads
    the local store and sends them); a client that only reads from the backend does not.""",
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
        if any(t is not None and not ctx.is_client(t) for t in targets):
            continue
        apps = [app for app in ctx.neighbours(cache.id) if ctx.is_client(app)]
        backend_links = [k for app in apps for k in _backend_links(ctx, app)]
        if any(ctx.writes(k) for k in backend_links):
            continue  # the app sends its changes itself
        # An app that reaches a backend by links none of which says it writes: say what
        # would make it the sync path.
        hint = (
            f" ('{ctx.title(backend_links[0].source)}' reaches a backend, but none of its "
            "links says `writes: true`)"
            if backend_links
            else ""
        )
        yield Issue(
            f"'{cache.title}' accepts writes offline but has no link to a backend to "
            f"sync them{hint}: those changes never leave the device",
            component=cache.id,
        )


def _backend_links(ctx: LintContext, app: ComponentView) -> list[LinkView]:
    """The links from a client holding the device cache to components that are not clients."""
    found = []
    for link in ctx.flow_out(app.id):
        target = ctx.target(link)
        if target is not None and not ctx.is_client(target):
            found.append(link)
    return found
