"""AD204: a synchronous call chain from a client is longer than the limit."""

from collections.abc import Iterator

from archdraw.lint.context import LintContext
from archdraw.lint.types import Issue, Severity, rule


def longest_sync_chains(ctx: LintContext) -> dict[str, list[str]]:
    """For each component, the longest chain of ids it starts over sync links (cycles cut)."""
    best: dict[str, list[str]] = {}
    on_stack: set[str] = set()

    def walk(start: str) -> list[str]:
        # Iterative depth-first search: designs may hold chains thousands deep.
        stack: list[tuple[str, list[str]]] = [(start, [k.target for k in ctx.sync_out(start)])]
        on_stack.add(start)
        while stack:
            node, pending = stack[-1]
            if pending:
                child = pending.pop()
                if child in best or child in on_stack or child not in ctx.components:
                    continue
                on_stack.add(child)
                stack.append((child, [k.target for k in ctx.sync_out(child)]))
                continue
            stack.pop()
            on_stack.discard(node)
            tails = [best[k.target] for k in ctx.sync_out(node) if k.target in best]
            best[node] = [node, *max(tails, key=len, default=[])]
        return best[start]

    for client in ctx.clients:
        if client.id not in best:
            walk(client.id)
    return best


@rule(
    code="AD204",
    name="deep-sync-chain",
    severity=Severity.WARNING,
    title="Deep synchronous call chain",
    why="""Each synchronous hop adds its latency and multiplies the chance of failure: six
    services at 99.9 % each give at most 99.4 % for the chain, and the slowest hop sets the
    pace. Deep chains also spread outages (one slow service ties up threads in every caller
    above it) and make timeouts impossible to set well. Does not apply to cheap in-process
    hops drawn for clarity.""",
    fix="""Shorten the chain: let a service answer from its own data (a cache or a read model
    fed by events), move work that need not finish before the response behind a queue, or merge
    services that always change together. The limit is `lint.options.max_sync_depth`
    (default 5 hops).""",
    references=(
        "Google SRE book, ch. 22 (addressing cascading failures)",
        "Sam Newman, Building Microservices: chatty synchronous chains",
    ),
)
def deep_sync_chain(ctx: LintContext) -> Iterator[Issue]:
    limit = int(ctx.option("max_sync_depth"))
    chains = longest_sync_chains(ctx)
    for client in ctx.clients:
        chain = chains.get(client.id, [])
        hops = len(chain) - 1
        if hops > limit:
            names = " -> ".join(ctx.components[c].title for c in chain)
            yield Issue(
                f"'{client.title}' waits on a chain of {hops} synchronous hops (limit {limit}): "
                f"{names}",
                component=client.id,
            )
