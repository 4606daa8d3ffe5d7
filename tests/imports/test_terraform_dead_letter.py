"""Terraform: an SQS queue's `redrive_policy` names its dead-letter queue, and a CloudWatch
alarm on a queue says someone is told when messages wait in it (`alarm`): lint then asks
only whether anyone watches the dead-letter queue (AD211), not who consumes it."""

from __future__ import annotations

from pathlib import Path

from tests.imports.helpers import links
from tests.imports.tf_plan import ref, resource, write_plan

from archdraw.imports import ImportResult, import_files
from archdraw.library import Library
from archdraw.lint import lint_design

QUEUES = [
    resource("aws_sqs_queue.orders_dlq", {"name": "orders-dlq"}),
    resource(
        "aws_sqs_queue.orders",
        {"name": "orders", "redrive_policy": '{"maxReceiveCount":5}'},
        {"redrive_policy": ref("aws_sqs_queue.orders_dlq.arn")},
    ),
    resource("aws_lambda_function.worker", {"function_name": "order-worker"}),
    resource(
        "aws_lambda_event_source_mapping.orders",
        {},
        {
            "event_source_arn": ref("aws_sqs_queue.orders.arn"),
            "function_name": ref("aws_lambda_function.worker.arn"),
        },
    ),
]


def _alarm(name: str, namespace: str, dimensions: dict[str, object]) -> dict[str, object]:
    return resource(
        f"aws_cloudwatch_metric_alarm.{name}",
        {"alarm_name": name, "namespace": namespace, "alarm_actions": ["arn:aws:sns:x"]},
        {"dimensions": dimensions},
    )


def _import(tmp_path: Path, library: Library, more: list[dict[str, object]]) -> ImportResult:
    path = write_plan(tmp_path / "plan.json", [*QUEUES, *more])
    return import_files([path], library, user_mappings=False)


def _ad211(result: ImportResult, library: Library) -> list[tuple[str | None, str, str]]:
    return [
        (f.component, str(f.severity), f.message)
        for f in lint_design(result.design, library)
        if f.code == "AD211"
    ]


def test_an_unwatched_dead_letter_queue_is_asked_who_watches_it(
    tmp_path: Path, library: Library
) -> None:
    result = _import(tmp_path, library, [])
    assert links(result)["aws_sqs_queue.orders->aws_sqs_queue.orders_dlq"] == "async"
    orders = result.design.component("aws_sqs_queue.orders")
    dlq = result.design.component("aws_sqs_queue.orders_dlq")
    assert orders is not None and orders.props["dead_letter"] is True
    assert dlq is not None and "alarm" not in dlq.props
    [(component, severity, message)] = _ad211(result, library)
    assert (component, severity) == ("aws_sqs_queue.orders_dlq", "info")
    assert "'orders-dlq' is the dead-letter queue of 'orders', but nothing watches it" in message
    assert "`alarm` not stated" in message and "consumes" not in message


def test_a_cloudwatch_alarm_on_the_dead_letter_queue_watches_it(
    tmp_path: Path, library: Library
) -> None:
    alarm = _alarm("dlq_not_empty", "AWS/SQS", ref("aws_sqs_queue.orders_dlq.name"))
    result = _import(tmp_path, library, [alarm])
    dlq = result.design.component("aws_sqs_queue.orders_dlq")
    assert dlq is not None and dlq.props["alarm"] is True
    assert _ad211(result, library) == []


def test_an_alarm_found_by_the_queue_name_in_a_state(tmp_path: Path, library: Library) -> None:
    """A state has no configuration: the alarm's dimension names the queue by its name."""
    alarm = resource(
        "aws_cloudwatch_metric_alarm.dlq",
        {"namespace": "AWS/SQS", "dimensions": {"QueueName": "orders-dlq"}},
    )
    result = _import(tmp_path, library, [alarm])
    dlq = result.design.component("aws_sqs_queue.orders_dlq")
    assert dlq is not None and dlq.props.get("alarm") is True


def test_an_alarm_in_another_namespace_sets_nothing(tmp_path: Path, library: Library) -> None:
    """An EC2 or Lambda alarm naming the worker is not an alarm on waiting messages (and a
    Lambda function has no `alarm` to set: nothing is reported unused)."""
    alarm = _alarm("errors", "AWS/Lambda", ref("aws_lambda_function.worker.function_name"))
    result = _import(tmp_path, library, [alarm])
    worker = result.design.component("aws_lambda_function.worker")
    assert worker is not None and "alarm" not in worker.props
    assert not any("alarm" in line for line in result.block.unresolved)
    assert [severity for _, severity, _ in _ad211(result, library)] == ["info"]


def test_a_separate_redrive_policy_resource_names_the_dead_letter_queue(
    tmp_path: Path, library: Library
) -> None:
    """terraform-aws-modules/sqs writes the redrive policy as its own resource; in a plan its
    text waits for the dead-letter queue's ARN, but the configuration sets it."""
    queues = [
        resource("aws_sqs_queue.dlq", {"name": "jobs-dlq"}),
        resource("aws_sqs_queue.jobs", {"name": "jobs"}),
        resource(
            "aws_sqs_queue_redrive_policy.jobs",
            {},
            {
                "queue_url": ref("aws_sqs_queue.jobs.url"),
                "redrive_policy": ref("aws_sqs_queue.dlq.arn"),
            },
            {"redrive_policy": True},
        ),
    ]
    path = write_plan(tmp_path / "plan.json", queues)
    result = import_files([path], library, user_mappings=False)
    assert links(result)["aws_sqs_queue.jobs->aws_sqs_queue.dlq"] == "async"
    jobs = result.design.component("aws_sqs_queue.jobs")
    assert jobs is not None and jobs.props["dead_letter"] is True
    assert not any("redrive" in line for line in result.block.unresolved)
    [(component, _, message)] = _ad211(result, library)
    assert component == "aws_sqs_queue.dlq" and "dead-letter queue of 'jobs'" in message


def test_a_state_names_the_dead_letter_queue_inside_its_json_policy(
    tmp_path: Path, library: Library
) -> None:
    """A state has no configuration: the redrive policy is a text of JSON holding the ARN."""
    arn = "arn:aws:sqs:eu-west-1:123456789012:orders-dlq"
    queues = [
        resource("aws_sqs_queue.orders_dlq", {"name": "orders-dlq", "arn": arn}),
        resource(
            "aws_sqs_queue.orders",
            {
                "name": "orders",
                "redrive_policy": f'{{"deadLetterTargetArn":"{arn}","maxReceiveCount":5}}',
            },
        ),
    ]
    path = write_plan(tmp_path / "plan.json", queues)
    result = import_files([path], library, user_mappings=False)
    assert links(result)["aws_sqs_queue.orders->aws_sqs_queue.orders_dlq"] == "async"
