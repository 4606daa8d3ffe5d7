"""AD418: a read-modify-write of shared data that can run twice at once, with nothing keeping
the two apart."""

from collections.abc import Iterator

from archdraw.lint.context import LintContext
from archdraw.lint.design_view import ComponentView, LinkView
from archdraw.lint.types import Issue, Severity, rule


@rule(
    code="AD418",
    name="lost-update",
    severity=Severity.WARNING,
    title="Read-modify-write with no concurrency control",
    why="""A writer that reads a value, changes it in its own code and writes it back whole
    (`read_modify_write: true` on its link into a store: a store's list of open orders, a
    balance, a stock level) is correct only while nobody else does the same to the same
    record in between. Two requests at once both read version 1, each adds its change, and
    both write: the second write carries only its own change, so the first is erased. Nobody
    sees an error: an order never reaches the kitchen, a completed one comes back, a deposit
    disappears, two buyers get the last item. This happens whenever the read-modify-write
    can run twice at once: its writer runs more than one instance (a serverless function
    runs one per request in flight), or another component reads, changes and writes back the same
    store (asked, as info, unless the writer's own instances settle it: the design does not
    say whether the two change the same records or their own, as two services' data on one
    server). Stores prevent it four ways: a version check on the write (optimistic: an ETag,
    a version column or compare-and-set writes only if the record is still the version read,
    and the loser reads again and retries), a lock held from the read to the write (SELECT
    ... FOR UPDATE, a lease), one serializable transaction around both, or one writer per
    record (a single partition owner: every change to a key goes through one consumer or one
    actor, in turn). A change the store applies in place (an increment, an append, a
    conditional update in one statement) is not a read-modify-write: do not mark it. A
    writer the design says runs one instance (`replicas: 1`), the only one that writes the
    store so, is taken to apply its changes in turn (a design cannot say how many requests
    one process handles at once; a web server handles many, and then the same interleaving
    happens inside it). Reading the value from an asynchronous replica and writing the
    primary loses updates even with one writer (AD410). A writer whose `concurrency_control`
    the design does not state, or whose instance count it does not give (`replicas` not
    stated), is asked about, as info, saying so.""",
    fix="""Make the write conditional on what was read and retry on conflict
    (`concurrency_control: optimistic`: an ETag or version column, DynamoDB's condition
    expressions, Redis WATCH/MULTI, Cosmos DB's If-Match); hold a row lock from read to write
    (`concurrency_control: lock`: SELECT ... FOR UPDATE); put both in one serializable
    transaction (`concurrency_control: transaction`); or route every change to a record
    through one owner, a stream partitioned by its key with one consumer per partition
    (`concurrency_control: single-writer`). Better still, replace the read-modify-write with
    a change the store applies atomically (an increment, an append, one conditional UPDATE)
    and drop `read_modify_write`.""",
    references=(
        "Designing Data-Intensive Applications, ch. 7 (preventing lost updates)",
        "Microsoft Azure Architecture Center: optimistic concurrency with ETags",
    ),
)
def lost_update(ctx: LintContext) -> Iterator[Issue]:
    doing: dict[str, list[LinkView]] = {}  # store -> the read-modify-writes into it
    for link in ctx.links_stating("read_modify_write"):
        if ctx.link_prop(link, "read_modify_write") is not True or not ctx.writes(link):
            continue
        store = ctx.target(link)
        if store is not None and ctx.is_store(store) and link.source in ctx.components:
            doing.setdefault(store.id, []).append(link)
    for store_id, links in doing.items():
        store = ctx.components[store_id]
        for link in links:
            if ctx.link_prop(link, "concurrency_control") not in (None, "none"):
                continue  # a version check, a lock, a transaction or one owner per record
            writer = ctx.components[link.source]
            others = list(dict.fromkeys(k.source for k in links if k.source != writer.id))
            many, rests = _instances(ctx, writer)
            if not many and not others:
                continue  # one instance, the only writer: its changes apply in turn
            reasons = [many] if many else []
            if others:
                names = " and ".join(f"'{ctx.title(other)}'" for other in others)
                reasons.append(f"{names} {'does' if len(others) == 1 else 'do'} the same to it")
            # A verdict when the design states the writer's instances: another writer of the
            # same store may change other records (two services' data on one server).
            stated = bool(many) and not rests
            if stated or (many and many != _UNSAID and not others):
                condition = ""
            elif not others:
                condition = "if two run, "
            else:
                condition = "if they share records, "
            assumed = ctx.link_assumed(link, "concurrency_control")
            yield Issue(
                f"'{writer.title}' reads, changes and writes back '{store.title}' with no "
                f"concurrency control{assumed}, and {' and '.join(reasons)}: {condition}two "
                "changes to one record at once can both read the same version, and the second "
                "write erases the first",
                link=link.key,
                severity=Severity.INFO if assumed or not stated else None,
                related=tuple(k.key for k in links if k.source in others),
                fix=ctx.link_fix(
                    link, "Write only if unchanged since read", concurrency_control="optimistic"
                ),
            )


# A writer whose instance count is the library's default of one: a question, not a verdict.
_UNSAID = "the design does not say how many instances it runs (`replicas` not stated)"


def _instances(ctx: LintContext, writer: ComponentView) -> tuple[str, bool]:
    """Why the writer may run its read-modify-write twice at once ("" when the design says it
    runs one instance), and whether that rests on the library's default."""
    found = ctx.instances(writer)
    if found.managed:
        said = "managed" in writer.props or "global" in writer.props
        how = "" if said else ctx.assumed(writer, "managed")
        return f"it runs as a managed service, as many copies as requests at once{how}", bool(how)
    if found.basis == "default":
        return (f"it runs {found.describe()}" if found.total > 1 else _UNSAID), True
    if found.total < 2:
        return "", False
    return f"it runs {found.describe()}", False
