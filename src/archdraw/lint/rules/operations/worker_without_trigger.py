"""AD608: a worker that nothing starts: no queue, stream, scheduler or caller, no rate."""

from collections.abc import Iterator

from archdraw.lint.context import LintContext
from archdraw.lint.types import Issue, Severity, rule


@rule(
    code="AD608",
    name="worker-without-trigger",
    severity=Severity.INFO,
    title="Worker that nothing starts",
    why="""A batch job or worker with no queue, stream, scheduler or caller feeding it and no
    rate of its own (`rps`) is started by something the design does not show: a cron entry on
    one machine, a person running a script. Then nothing notices when a run fails or stops
    running: hourly rankings or a search index go stale without an error, and the cron host
    is a single point of failure that no analysis sees.""",
    fix="""Draw what starts it: a scheduler (with `leader_election` if replicated) or the
    queue it consumes; for a job that runs on its own, state its rate (`rps`). Alert when a
    run has not finished on time.""",
    references=("Google SRE book, ch. 24 (distributed periodic scheduling with cron)",),
)
def worker_without_trigger(ctx: LintContext) -> Iterator[Issue]:
    in_links = ctx.in_links
    for worker in ctx.of_type("worker"):
        if worker.id in in_links or ctx.stated(worker, "rps"):
            continue
        if worker.id not in ctx.out_links:
            continue  # no links at all: AD606 says so
        yield Issue(
            f"nothing in the design starts '{worker.title}' (no queue, scheduler or caller, "
            "no `rps`): when a run fails or stops, nothing notices and its output goes stale",
            component=worker.id,
        )
