"""Data out of order? Every asynchronous path that carries data, with its ordering (and the
key it is ordered by), the consumer's idempotency and a dead-letter path."""

from __future__ import annotations

from archdraw.analysis.kinds import BUFFER_TYPES, TELEMETRY_TYPES
from archdraw.library import Library
from archdraw.model import Component, Link
from archdraw.review.questions import ORDER_CODES, Context, findings_of
from archdraw.review.types import Item, Section
from archdraw.source.printable import plural


def _ordered(library: Library, link: Link, source: Component, target: Component) -> str:
    if not (
        library.link_prop(link.props, "ordered") is True or library.prop(target, "ordered") is True
    ):
        return "no"
    # Order holds per key, never across keys: the key says what stays in order.
    for component in (target, source):
        key = library.prop(component, "partition_key")
        if key:
            return f"yes, per {key}"
    return "yes"


def data_order(context: Context) -> Section:
    design, library, _, findings = context
    section = Section("order", "Data out of order?", "")
    section.header = ("asynchronous path", "ordered", "consumer idempotent", "dead letter")
    telemetry = 0
    for link in (k for k in design.links if k.kind == "async"):
        target = design.component(link.target)
        source = design.component(link.source)
        if target is None or source is None:
            continue
        if target.type in TELEMETRY_TYPES:
            # Metrics and alerts: a late or repeated sample changes no one's data.
            telemetry += 1
            continue
        idempotent = library.prop(target, "idempotent") is True
        # A queue or stream only holds messages: its consumers are the next rows.
        consumer = "n/a (broker)" if target.type in BUFFER_TYPES else "yes" if idempotent else "no"
        dead = (
            library.prop(target, "dead_letter") is True
            or library.prop(source, "dead_letter") is True
        )
        section.rows.append(
            (
                f"{source.title} → {target.title}",
                _ordered(library, link, source, target),
                consumer,
                "yes" if dead else "no",
            )
        )
    if telemetry:
        section.items.append(
            Item(
                f"{plural(telemetry, 'asynchronous link')} to monitoring not listed: telemetry, "
                "where a late or repeated sample changes no one's data",
                "info",
            )
        )
    for component in design.components:
        key = component.props.get("partition_key")
        if key and component.type not in BUFFER_TYPES and library.is_stateful(component):
            # Only a stated key: what stays in order is what shares one partition.
            section.items.append(
                Item(
                    f"{component.title} keeps each {key}'s data in one partition "
                    f"(`partition_key`): its writes can keep their order per {key}, "
                    "never across them",
                    "info",
                    (component.id,),
                )
            )
    resolved = {
        "last-write-wins": "the last write wins (an older edit can overwrite a newer one)",
        "crdt": "a CRDT merges them",
        "application": "the application merges them",
        "consensus": "consensus orders them",
    }
    for component in design.components:
        if library.prop(component, "offline_writes") is not True:
            continue
        how = resolved.get(str(component.props.get("conflict_resolution")))
        if how is None:
            how = (
                "nothing reconciles them (`conflict_resolution: none`)"
                if "conflict_resolution" in component.props
                else "how they are reconciled is not stated (`conflict_resolution`)"
            )
        section.items.append(
            Item(
                f"{component.title} takes writes while offline (`offline_writes`): they reach "
                f"the servers late, after writes made later elsewhere; {how}",
                "info",
                (component.id,),
            )
        )
    section.items += findings_of(findings, ORDER_CODES)
    problems = sum(1 for item in section.items if item.severity in ("error", "warning"))
    # Info findings ask about what the design does not state: counted apart, not hidden.
    asked = sum(1 for item in section.items if item.code and item.severity == "info")
    found = f"{plural(problems, 'ordering, idempotency, delivery or concurrency finding')}" + (
        f" and {asked} to check (info)" if asked else ""
    )
    rows = section.rows
    if rows:
        carry = "carries" if len(rows) == 1 else "carry"
        section.answer = (
            f"{plural(len(rows), 'asynchronous link')} {carry} data: "
            f"{sum(r[1] != 'no' for r in rows)} ordered, "
            f"{sum(r[2] == 'yes' for r in rows)} of "
            f"{plural(sum(r[2] != 'n/a (broker)' for r in rows), 'consumer')} idempotent, "
            f"{sum(r[3] == 'yes' for r in rows)} with a dead-letter path; {found}."
        )
    elif telemetry:
        section.answer = (
            "No asynchronous link carries data (only telemetry to monitoring): requests are "
            f"answered in the order they are handled; {found}."
        )
    elif problems:
        # No message can come late, but two writers can still interleave (AD418).
        concurrency = "finding" if problems == 1 else "findings"
        section.answer = (
            f"No asynchronous path; {problems} concurrency {concurrency} (writes that interleave)."
        )
    else:
        section.answer = (
            "No asynchronous path: requests are answered in the order they are handled."
        )
    return section
