"""AD204: a synchronous call chain from a client is longer than the limit."""

from collections.abc import Iterator

from archdraw.lint.context import LintContext
from archdraw.lint.types import Issue, Severity, rule

# Marks a component whose walk is under way: a call back to it is a cycle, cut there. It
# reads as a chain of length 0, which never wins, so one look-up in `best` serves both.
_ON_STACK: tuple[int, str | None] = (0, None)
_LEAF: tuple[int, str | None] = (1, None)


def longest_sync_chains(ctx: LintContext) -> dict[str, tuple[int, str | None]]:
    """For each component, the length of the longest chain of ids it starts over sync links
    (cycles cut) and the next id on that chain (`chain_from` spells it out)."""
    best: dict[str, tuple[int, str | None]] = {}
    calls, components = ctx.sync_callers, ctx.components  # read once: the walk is hot

    def walk(start: str) -> None:
        # Iterative depth-first search: designs may hold chains thousands deep. Each frame
        # keeps the component's sync links (in link order, to pick the longest tail) and
        # the links not yet followed, taken from the last.
        best[start] = _ON_STACK
        links = calls.get(start, ())
        stack = [(start, links, reversed(links))]
        while stack:
            node, links, pending = stack[-1]
            for link in pending:
                child = link.target
                if child in best or child not in components:
                    continue
                child_links = calls.get(child)
                if child_links is None:
                    best[child] = _LEAF  # calls nothing: its chain is itself
                    continue
                best[child] = _ON_STACK
                stack.append((child, child_links, reversed(child_links)))
                break
            else:
                stack.pop()
                # Lengths and successors, not whole chains: copying every chain is quadratic.
                length, successor = 0, None
                for link in links:
                    tail = best.get(link.target)
                    if tail is not None and tail[0] > length:
                        length, successor = tail[0], link.target
                best[node] = (length + 1, successor)

    for client in ctx.clients:
        if client.id not in best:
            walk(client.id)
    return best


def chain_from(chains: dict[str, tuple[int, str | None]], start: str) -> list[str]:
    chain: list[str] = []
    current: str | None = start
    while current is not None and current in chains:
        chain.append(current)
        current = chains[current][1]
    return chain


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
        hops = chains[client.id][0] - 1 if client.id in chains else -1
        if hops > limit:
            chain = chain_from(chains, client.id)
            names = " → ".join(ctx.components[c].title for c in chain)
            yield Issue(
                f"'{client.title}' waits on a chain of {hops} synchronous hops (limit {limit}): "
                f"{names}",
                component=client.id,
            )
