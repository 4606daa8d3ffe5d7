"""AD108: a scheduler runs several replicas without leader election."""

from collections.abc import Iterator

from archdraw.lint.context import LintContext
from archdraw.lint.types import Issue, Severity, rule


@rule(
    code="AD108",
    name="scheduler-without-leader-election",
    severity=Severity.ERROR,
    title="Replicated scheduler without leader election",
    why="""Each replica of a scheduler reads the same schedule and fires the same jobs: with 3
    replicas, every nightly invoice run happens 3 times and every reminder is sent 3 times.
    Replicas make the scheduler available only if they agree that exactly one of them (the
    leader) fires jobs, and another takes over when it dies. A verdict resting on a library
    default (the instance count with `replicas` not stated, or `leader_election` not stated)
    says so and is info.""",
    fix="""Turn on `leader_election`: a lease in the database (`SELECT ... FOR UPDATE SKIP
    LOCKED`, an advisory lock), etcd, ZooKeeper or a Kubernetes Lease, with fencing tokens; and
    make the jobs idempotent, because a leader can die half way through a run.""",
    references=(
        "Designing Data-Intensive Applications, ch. 8 (the leader and the lock; fencing tokens)",
        "Google SRE book, ch. 24 (distributed periodic scheduling with cron)",
    ),
)
def scheduler_without_leader_election(ctx: LintContext) -> Iterator[Issue]:
    for scheduler in ctx.of_type("scheduler"):
        found = ctx.instances(scheduler)
        if found.total >= 2 and not ctx.flag(scheduler, "leader_election"):
            # Several by the library's default count, or no election by its default: a question.
            assumed = ctx.assumed(scheduler, "leader_election")
            yield Issue(
                f"'{scheduler.title}' runs {found.describe()} with no leader election"
                f"{assumed}: every job fires {found.total} times",
                component=scheduler.id,
                fix=ctx.fix(scheduler, "Elect a leader", leader_election=True),
                severity=Severity.INFO if assumed or found.basis == "default" else None,
            )
