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
    jobs due in that window are skipped. A scheduler whose `replicas` the design does not
    state runs one only by the library's default: that is asked about, as info. One the
    provider runs (`managed: true`: EventBridge Scheduler, Cloud Scheduler) has no one machine
    to lose and is not reported.""",
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
        found = ctx.instances(scheduler)
        if found.managed:
            continue  # the provider's service: no one instance of it dies with its machine
        if found.total < 2 and ctx.failover(scheduler) == "none":
            # One instance by the library's default is a question, not the design's choice.
            unknown = found.basis == "default"
            yield Issue(
                f"the design does not say how many instances '{scheduler.title}' runs "
                "(`replicas` not stated): if it is one, when it is down no job fires and "
                "nothing reports an error"
                if unknown
                else f"'{scheduler.title}' runs as one instance: when it is down, no job fires "
                "and nothing reports an error",
                component=scheduler.id,
                fix=ctx.fix(
                    scheduler,
                    "Run 2 replicas with leader election",
                    replicas=2,
                    leader_election=True,
                ),
                severity=Severity.INFO if unknown else None,
            )
