"""AD410: a component writes the primary and reads back from an asynchronous copy of it."""

from collections.abc import Iterator

from archdraw.lint.context import LintContext
from archdraw.lint.design_view import LinkView
from archdraw.lint.types import Issue, Severity, rule


@rule(
    code="AD410",
    name="read-your-writes",
    severity=Severity.WARNING,
    title="Writes to the primary, reads from a lagging replica",
    why="""An asynchronous replica is behind its primary by milliseconds to minutes. A
    component that writes to the primary and reads from the replica can miss its own write:
    a user posts and does not see the post, saves a setting and sees the old one, and a
    read-modify-write that reads the replica writes back stale data, erasing what the
    replica had not yet received (even with one writer, or a lock held on the primary: said
    when the write states `read_modify_write`). Replication lag grows exactly when load is
    highest. The same holds one hop away: a web tier that writes through a
    write API and reads a replica through a read API, and a service that writes a ledger
    after checking the balance with a service that reads its own cache of it (two
    concurrent transfers both pass the check and spend the same money). A copy that is
    asynchronous only by the library's default for its primary's type (neither the
    replication link nor the primary states `replication`) is asked about, as info, saying
    so.""",
    fix="""Read your own recent writes from the primary (for a few seconds after a write, or
    for the writing user), route by a version or LSN the write returned, or replicate
    synchronously (`replication: sync` on the link) where the read must see the write. A
    check that guards a write belongs in the same transaction as the write (a conditional
    update or a constraint on the primary), not on a copy; so does the read of a
    read-modify-write (`read_modify_write`), or a version check on the primary must refuse a
    write made from a stale copy (`concurrency_control: optimistic`).""",
    references=(
        "Designing Data-Intensive Applications, ch. 5 (reading your own writes)",
        "AWS Builders' Library: avoiding fallback in distributed systems",
    ),
)
def read_your_writes(ctx: LintContext) -> Iterator[Issue]:
    roles = ctx.roles()
    written: dict[str, dict[str, LinkView]] = {}  # writer -> primary -> its writing link
    for link in ctx.writing_links():
        if link.kind == "sync":
            written.setdefault(link.source, {})[link.target] = link
    lagging: dict[str, list[tuple[LinkView, str]]] = {}  # reader -> (read link, primary)
    # Reads of a copy that lags only by the library's default mode: what that rests on.
    assumed: dict[str, str] = {}
    primaries = {p for targets in written.values() for p in targets}
    for link in ctx.replication_links:
        primary = ctx.components.get(link.source)
        if primary is None or link.source not in primaries:
            continue
        if ctx.replication_mode(link, primary) != "async":
            continue  # a synchronous copy has every acknowledged write
        default = "" if "replication" in link.props else ctx.assumed(primary, "replication")
        for read in ctx.sync_in(link.target):
            if not ctx.writes(read):
                lagging.setdefault(read.source, []).append((read, link.source))
                if default:
                    assumed[read.key] = f"'{ctx.title(link.source)}': {default[2:-1]}"
    for caller, reads in lagging.items():
        own = written.get(caller, {})
        for read, primary_id in reads:
            if primary_id in own and read.target not in own:
                rests = _rests_on(assumed, [read])
                # A read-modify-write that reads the copy writes back a stale value: a lost
                # update even with one writer, or a lock held on the primary (AD418 counts
                # writers); only a version check on the primary refuses the stale write.
                rmw = own[primary_id]
                stale = (
                    ", and a read-modify-write that reads the copy writes back a stale value, "
                    "erasing the writes the copy has not received yet"
                    if ctx.link_prop(rmw, "read_modify_write") is True
                    and ctx.link_prop(rmw, "concurrency_control") != "optimistic"
                    else ""
                )
                yield Issue(
                    f"'{ctx.title(caller)}' writes to '{ctx.title(primary_id)}' and reads from "
                    f"'{ctx.title(read.target)}', an asynchronous copy of it{rests}: it may not "
                    f"see its own writes{stale}",
                    link=read.key,
                    severity=Severity.INFO if rests else None,
                )
    # Another service's cache of the store lags too (a balance service polling the ledger):
    # a caller that writes the store and asks that service reads behind its own writes.
    for cache in ctx.of_type("cache"):
        fronted = ctx.fronts(cache)
        store = None if fronted is None else roles.primary_of(fronted)
        if store is None or store not in primaries:
            continue
        for read in ctx.sync_in(cache.id):  # its readers and the poller that fills it
            if store not in written.get(read.source, {}):
                lagging.setdefault(read.source, []).append((read, store))
    yield from _through_callees(ctx, written, lagging, assumed)


def _rests_on(assumed: dict[str, str], reads: list[LinkView]) -> str:
    """What the copies' lag rests on when every one is asynchronous only by the library's
    default ("" when the design states the mode of one of them): a question, not a verdict."""
    said = [assumed.get(read.key, "") for read in reads]
    return f" ({'; '.join(dict.fromkeys(said))})" if all(said) else ""


_CONSEQUENCE = {
    False: "what a user just wrote may not be there yet",
    True: "a check made on the copy misses the latest writes and can pass twice (two "
    "transfers spending the same balance)",
}


def _through_callees(
    ctx: LintContext,
    written: dict[str, dict[str, LinkView]],
    lagging: dict[str, list[tuple[LinkView, str]]],
    assumed: dict[str, str],
) -> Iterator[Issue]:
    """A component that writes through one service and reads the copy through another (a
    web tier in front of a write API and a read API), or writes the store itself and asks
    another service that reads a copy (a transfer checked against a cached balance)."""
    # Only the callers of a component that reads a lagging copy can read behind a write.
    callers = dict.fromkeys(k.source for reader in lagging for k in ctx.sync_in(reader))
    for caller in callers:
        calls = ctx.sync_out(caller)
        writers = [k.target for k in calls if k.target in written]
        if caller in written:
            writers.append(caller)
        readers = [k for k in calls if k.target in lagging]
        if not writers or not readers:
            continue
        # One finding per caller: every store it writes and every lagging copy it reads back.
        found: list[tuple[str, str, LinkView, LinkView]] = []  # (primary, via, call, read)
        for call in readers:
            for read, primary_id in lagging[call.target]:
                # Through two services, only a replica's lag is the store's own; a cache
                # another service keeps is its business (AD412) unless the caller checks it.
                for via in writers:  # the first that writes the primary but not the copy
                    stores = written[via]
                    if (
                        primary_id in stores
                        and read.target not in stores
                        and via != call.target
                        and (via == caller or _kind(ctx, read.target) != "a cached")
                    ):
                        found.append((primary_id, via, call, read))
                        break
        if found:
            yield _issue(ctx, caller, written, found, _rests_on(assumed, [f[3] for f in found]))


def _issue(
    ctx: LintContext,
    caller: str,
    written: dict[str, dict[str, LinkView]],
    found: list[tuple[str, str, LinkView, LinkView]],
    rests: str,
) -> Issue:
    stores = dict.fromkeys((primary, via) for primary, via, _, _ in found)
    writes = ", ".join(
        f"'{ctx.title(primary)}'" + ("" if via == caller else f" (through '{ctx.title(via)}')")
        for primary, via in stores
    )
    copies = ", ".join(
        f"'{ctx.title(read.target)}' ({_kind(ctx, read.target)} copy, through "
        f"'{ctx.title(call.target)}')"
        for _, _, call, read in found
    )
    checks = any(via == caller for _, via in stores)
    return Issue(
        f"'{ctx.title(caller)}' writes to {writes} and reads {copies}{rests}: "
        f"{_CONSEQUENCE[checks]}",
        component=caller,
        severity=Severity.INFO if rests else None,
        related=tuple(
            dict.fromkeys(
                [written[via][primary].key for primary, via in stores]
                + [read.key for _, _, _, read in found]
            )
        ),
    )


def _kind(ctx: LintContext, copy_id: str) -> str:
    return "a cached" if ctx.components[copy_id].type == "cache" else "an asynchronous"
