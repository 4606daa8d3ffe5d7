"""AD404: an active-active (multi-writer) store with no conflict resolution."""

from collections.abc import Iterator

from archdraw.lint.context import LintContext
from archdraw.lint.types import Issue, Severity, rule


@rule(
    code="AD404",
    name="multi-writer-without-conflict-resolution",
    severity=Severity.WARNING,
    title="Multi-writer store without conflict resolution",
    why="""When several replicas accept writes (`failover: active-active` with asynchronous
    replication), two users can change the same record in two places at the same moment. Each
    write succeeds locally; when the replicas exchange them, one must win or they must be
    merged. Without a rule, the result depends on timing: a cart loses an item, a balance is
    wrong, and nobody sees an error. Only a multi-writer the design states is judged: a
    type's default `failover` says nothing about where writes go. A store whose
    `conflict_resolution` the design does not state has none only by the library's default:
    that is asked about, as info, saying so.""",
    fix="""Choose and record a `conflict_resolution`: last-write-wins (simple, silently drops
    one write; fine for profiles), crdt (counters and sets that merge), application (keep
    both versions and merge in code), or consensus (one leader per key, as with Raft or
    Spanner, at the cost of a cross-replica round trip).""",
    references=(
        "Designing Data-Intensive Applications, ch. 5 (multi-leader replication: handling "
        "write conflicts)",
        "Shapiro et al., Conflict-free Replicated Data Types (2011)",
    ),
)
def multi_writer_without_conflict_resolution(ctx: LintContext) -> Iterator[Issue]:
    for store in ctx.with_prop("conflict_resolution"):
        if store.type == "device_cache":
            continue
        # Only a multi-writer the design states: a type's default failover takes no writes.
        if not ctx.stated(store, "failover") or ctx.failover(store) != "active-active":
            continue
        if ctx.prop(store, "replication") == "sync":
            continue
        if ctx.prop(store, "conflict_resolution") in (None, "none"):
            # None by the library's default, not the design's word: a question.
            assumed = ctx.assumed(store, "conflict_resolution")
            yield Issue(
                f"'{store.title}' accepts writes on several replicas but says nothing about "
                f"conflicts{assumed}: concurrent writes to the same record resolve by timing",
                component=store.id,
                severity=Severity.INFO if assumed else None,
                fix=ctx.fix(
                    store,
                    "Resolve conflicts by last write wins",
                    conflict_resolution="last-write-wins",
                ),
            )
