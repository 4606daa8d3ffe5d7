"""AD109: a scheduler runs as one instance with no failover."""

from collections.abc import Iterator

from archdraw.lint.context import LintContext
from archdraw.lint.types import Issue, Severity, rule


@rule(
    code="AD109",
    name="single-scheduler",
    severity=Severity.WARNING,
    title="Scheduler as a single instance",
    why="""A scheduler is rarely on a user's request path, so its death goes unnoticed: no
    errors, just nothing happening. Invoices are not sent, reminders do not fire, retries never
    run, and you find out days later. One instance dies with its machine, and with every deploy
    jobs due in that window are skipped.""",
    fix="""Run two or more replicas with `leader_election` (one fires, the other takes over
    within a lease period of seconds), persist the schedule and what has run, and alert when a
    job has not run on time.""",
    references=(
        "Google SRE book, ch. 24 (distributed periodic scheduling with cron)",
        "AWS Well-Architected Framework, Reliability pillar: REL10",
    ),
)
def single_scheduler(ctx: LintContext) -> Iterator[Issue]:
    for scheduler in ctx.of_type("scheduler"):
        if ctx.replicas(scheduler) < 2 and ctx.failover(scheduler) == "none":
            yield Issue(
                f"'{scheduler.title}' runs as one instance: when it is down, no job fires and "
                "nothing reports an error",
                component=scheduler.id,
                fix=ctx.fix(
                    scheduler,
                    "Run 2 replicas with leader election",
                    replicas=2,
                    leader_election=True,
                ),
            )
