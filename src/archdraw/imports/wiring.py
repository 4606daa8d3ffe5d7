"""Links from host names found in configuration, shared by Compose and Kubernetes."""

from __future__ import annotations

from archdraw.imports.builder import DesignBuilder
from archdraw.imports.hosts import DOCKER_HOST_NAMES, HostReference, service_name

_MESSAGING = ("queue", "stream")
RULE = "host named in configuration"


def resolve(
    builder: DesignBuilder,
    hosts: dict[str, str],
    reference: HostReference,
    where: str,
    cluster_dns: bool = False,
) -> str | None:
    """The component a host names; a host that names none is reported, not drawn."""
    found = next((hosts[n] for n in service_name(reference.host, cluster_dns) if n in hosts), None)
    if found is None:
        what = (
            "the machine Docker runs on, outside the input"
            if reference.host.lower() in DOCKER_HOST_NAMES
            else "which is not in the input"
        )
        builder.unresolved(f"{where}: {reference.describe()}, {what} (not drawn)")
    return found


def link_by_reference(
    builder: DesignBuilder, source_id: str, target_id: str, reference: HostReference, where: str
) -> str | None:
    """A guessed link from the component whose configuration names another.

    A worker that names a queue consumes from it, so that link runs from the queue; a
    scheduler (Celery beat, a CronJob) puts the jobs it starts on it, as any other caller
    does; a cache named by a broker variable (Celery's `BROKER_URL`) is used as a queue.
    """
    target = builder.components[target_id]
    if target.type == "cache" and reference.as_broker:
        builder.set_type(target_id, "queue", f"{RULE}: named by {reference.variable}", "guessed")
    messaging = target.type in _MESSAGING
    kind = "async" if reference.is_async or messaging else "sync"
    consumer = messaging and builder.components[source_id].type == "worker"
    start, end = (target_id, source_id) if consumer else (source_id, target_id)
    props = {"protocol": reference.scheme.upper()} if reference.scheme else {}
    return builder.add_link(
        start, end, kind, where, RULE, "guessed", evidence=reference.describe(), props=props
    )
