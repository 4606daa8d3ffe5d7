"""AD417: a service reads or writes the store of another service, in a design whose services
keep their data to themselves."""

from collections.abc import Iterator

from archdraw.lint.context import LintContext
from archdraw.lint.design_view import ComponentView, LinkView
from archdraw.lint.types import Issue, Severity, rule

# Stores with a schema a second reader couples to (tables, documents, a graph): a bucket's
# files are handed over by name, and an index or a warehouse is derived by design.
_SCHEMA_STORES = ("database", "nosql_database", "graph_database")
# What a reader copies into when it reads to derive, not to serve: an ETL or indexing job.
_DERIVED = frozenset({"data_warehouse", "search_index", "vector_db"})


@rule(
    code="AD417",
    name="shared-store",
    severity=Severity.WARNING,
    title="A service reaches another service's store directly",
    why="""Where services keep their data to themselves (database per service), a store is
    part of the service that writes it: its schema is that service's private detail, and its
    rules (validation, invariants, the caches it keeps current) live in that service's code.
    A second service that reads the store or its cache directly, or writes that cache,
    couples both to one schema: the owner can no longer change a table or a document, nor
    move, split or re-key its data, without breaking the other, and what the other does
    bypasses the owner's rules. Judged only where the design keeps data per service: the
    store (a database, NoSQL or graph store) is written by exactly one service, its owner;
    another service reaches it (or a cache in front of it: one `fronts` names the store, or
    that calls it itself, or when that service also reaches the store); and some service
    other than the owner keeps a store to itself (its writer and the only service that
    reaches it). A store several services write is shared on purpose (the Shared database
    pattern), and so is every store of a design where no second service keeps one of its
    own (a monolith and the services that read its database, services that share one server
    for their separate data). Workers, schedulers and in-process libraries run with the
    service whose data they handle; read replicas and other replication targets, change
    streams, and a reader that copies what it reads into a warehouse or an index (ETL,
    indexing) publish the owner's data rather than share it.""",
    fix="""Go through the owner: call its API for what the other service needs, or have the
    owner publish its changes (events, change data capture) and let the other service keep
    the copy it needs. If one schema for both is the design, draw them as one service, or
    the store as written by both.""",
    references=(
        "microservices.io (Richardson): Database per service; Shared database",
        "Building Microservices (Newman, 1st ed.), ch. 4: the shared database",
    ),
)
def shared_store(ctx: LintContext) -> Iterator[Issue]:
    roles = ctx.roles()
    services = _Services(ctx)
    owners: dict[str, str] = {}
    for store in ctx.of_types(_SCHEMA_STORES):
        if not roles.is_copy(store.id):
            writers = {k.source for k in ctx.writes_into(store.id) if services.runs(k.source)}
            if len(writers) == 1:
                owners[store.id] = writers.pop()
    if len(set(owners.values())) < 2:
        return  # no two services write data of their own: a store they share is the design
    # The caches in front of each owned store (as their data roles say), and those whose
    # store the design draws: `fronts` names it, or the cache calls it itself.
    caches: dict[str, list[str]] = {}
    drawn: set[str] = set()
    for cache in ctx.of_type("cache"):
        role = roles.of(cache.id)
        fronted = None if role is None else role.fronts
        if role is None or fronted is None or fronted not in owners:
            continue
        caches.setdefault(fronted, []).append(cache.id)
        own_link = any(k.target == fronted for k in ctx.flow_out(cache.id))
        if role.fronts_basis == "stated" or own_link:
            drawn.add(cache.id)
    reached = {
        store_id: _reachers(ctx, services, store_id, caches.get(store_id, []), drawn)
        for store_id in owners
    }
    # The services that keep a store to themselves: the design keeps data per service.
    keepers = {owners[s] for s, reaching in reached.items() if reaching.keys() <= {owners[s]}}
    for store_id, owner in owners.items():
        others = {s: links for s, links in reached[store_id].items() if s != owner}
        if not others or not keepers - {owner}:
            continue
        store = ctx.components[store_id]
        how = "; ".join(_reaches(ctx, store, links) for links in others.values())
        many, bypass = (
            ("both services", "the other bypasses")
            if len(others) == 1
            else (f"{len(others) + 1} services", "the others bypass")
        )
        yield Issue(
            f"'{store.title}' belongs to '{ctx.title(owner)}', the one service that writes it, "
            f"yet {how}: {many} "
            f"depend on one schema, which its owner can no longer change alone, and {bypass} "
            "the owner's API",
            component=store_id,
            related=tuple(k.key for links in others.values() for k in links),
        )


class _Services:
    """Which components are services (not in-process), and which of those serve what they
    read rather than copy it into a derived store (an ETL or indexing job); each answered
    once per run."""

    def __init__(self, ctx: LintContext) -> None:
        self.ctx = ctx
        self._runs: dict[str, bool] = {}
        self._serves: dict[str, bool] = {}

    def runs(self, component_id: str) -> bool:
        found = self._runs.get(component_id)
        if found is None:
            ctx = self.ctx
            component = ctx.components.get(component_id)
            found = self._runs[component_id] = (
                component is not None
                and component.type == "service"
                and not ctx.in_process(component)
            )
        return found

    def serves(self, component_id: str) -> bool:
        found = self._serves.get(component_id)
        if found is None:
            ctx = self.ctx
            found = self._serves[component_id] = self.runs(component_id) and not any(
                target.type in _DERIVED
                for k in ctx.flow_out(component_id)
                if (target := ctx.target(k)) is not None
            )
        return found


def _reachers(
    ctx: LintContext, services: _Services, store_id: str, caches: list[str], drawn: set[str]
) -> dict[str, list[LinkView]]:
    """The services that reach the store or a cache in front of it, with their links. A
    cache whose store the design does not draw (`drawn`: `fronts` names it, or a link of the
    cache's own), inferred only from its callers, counts for a caller that also reaches the
    store itself."""
    found: dict[str, list[LinkView]] = {}
    for link in ctx.flow_in(store_id):
        if services.serves(link.source):
            found.setdefault(link.source, []).append(link)
    for cache in caches:
        for link in ctx.flow_in(cache):
            if (cache in drawn or link.source in found) and services.serves(link.source):
                found.setdefault(link.source, []).append(link)
    return found


def _reaches(ctx: LintContext, store: ComponentView, links: list[LinkView]) -> str:
    """How one service reaches the store: "'X' reads it and writes its cache 'C'"."""
    parts: list[str] = []
    last = None
    for link in links:
        verb = "writes" if ctx.writes(link) else "reads"
        what = "it" if link.target == store.id else f"its cache '{ctx.title(link.target)}'"
        parts.append(what if verb == last else f"{verb} {what}")
        last = verb
    return f"'{ctx.title(links[0].source)}' {' and '.join(parts)}"
