"""AD411: a store is split into shards with one copy each."""

from collections.abc import Iterator

from archdraw.lint.context import LintContext
from archdraw.lint.rules.reliability.missing_replication import asks_unstated
from archdraw.lint.types import Issue, Severity, rule


@rule(
    code="AD411",
    name="unreplicated-shard",
    severity=Severity.WARNING,
    title="Shards without copies",
    why="""`shards` are partitions: each holds part of the keys. When a shard has one copy,
    losing its machine fails the requests whose keys live there (1 in `shards`) and loses
    that part of the data. Sharding spreads load; it does not protect anything. One copy that
    rests on the library's defaults (`replicas` or `replication` not stated) is asked about,
    as info, saying so; when neither is stated on a database we write to, AD103's question
    about its unstated `replication` is the same one, and this rule leaves it there.""",
    fix="""Give each shard a copy: `replicas` at least twice `shards`, with `replication`
    (async or sync) and a `failover`, or a store that replicates partitions itself.""",
    references=("Designing Data-Intensive Applications, ch. 6 (partitioning and replication)",),
)
def unreplicated_shard(ctx: LintContext) -> Iterator[Issue]:
    roles = ctx.roles()
    for store in ctx.stores:
        role = roles.of(store.id)
        if role is None or role.kind == "cache" or role.shards < 2:
            continue
        if role.unreplicated_shards and not roles.copies_of(store.id):
            if not ctx.stated(store, "replicas") and asks_unstated(ctx, store):
                continue  # AD103 already asks how this store is copied
            # One copy by the library's default count or mode, not the design's: a question.
            assumed = ctx.assumed(store, "replicas", "replication")
            yield Issue(
                f"'{store.title}' is split into {role.shards} shards with one copy each"
                f"{assumed}: losing one fails 1 in {role.shards} requests and loses its data",
                component=store.id,
                severity=Severity.INFO if assumed else None,
                fix=ctx.fix(
                    store,
                    "Copy each shard",
                    replicas=2 * role.shards,
                    replication="async",
                    failover="active-standby",
                ),
            )
