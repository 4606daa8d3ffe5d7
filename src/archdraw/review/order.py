"""Data out of order? Every asynchronous path that carries data, with its ordering (and the
key it is ordered by), the consumer's idempotency and a dead-letter path."""

from __future__ import annotations

from archdraw.analysis.kinds import BUFFER_TYPES, TELEMETRY_TYPES
from archdraw.library import Library
from archdraw.model import Component, Design, Link
from archdraw.review.questions import ORDER_CODES, Context, findings_of
from archdraw.review.types import Item, Section
from archdraw.source.printable import plural


def _ordered(library: Library, link: Link, source: Component, target: Component) -> str:
    # A queue or stream that keeps order (per key) hands its consumers messages in that order.
    from_buffer = source.type in BUFFER_TYPES and library.prop(source, "ordered") is True
    if not (
        library.link_prop(link.props, "ordered") is True
        or library.prop(target, "ordered") is True
        or from_buffer
    ):
        return "no"
    # Order holds per key, never across keys: the key says what stays in order.
    for component in (target, source):
        key = library.prop(component, "partition_key")
        if key:
            return f"yes, per {key}"
    return "yes"


def _said(library: Library, component: Component, name: str) -> str:
    """A yes/no property as the file says it: an absent one is "not stated", not a "no"
    (the library's default of false is what the findings assume, and say so)."""
    if library.prop(component, name) is True:
        return "yes"
    return "no" if name in component.props else "not stated"


def _consumer(library: Library, target: Component) -> str:
    if target.type in BUFFER_TYPES:
        return "n/a (broker)"  # it only holds messages: its consumers are the next rows
    spec = library.get(target.type)
    if spec is None or "idempotent" not in spec.properties:
        return "n/a"  # the type cannot state it (a push gateway, a store)
    return _said(library, target, "idempotent")


def _dead_letter(library: Library, source: Component, target: Component) -> str:
    """The queue or stream on either end that moves failing messages aside; "no" where
    neither end is one (a message sent straight to a consumer has nowhere to go)."""
    said = [_said(library, c, "dead_letter") for c in (target, source) if c.type in BUFFER_TYPES]
    if "yes" in said:
        return "yes"
    return "not stated" if "not stated" in said else "no"


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
        section.rows.append(
            (
                f"{source.title} → {target.title}",
                _ordered(library, link, source, target),
                _consumer(library, target),
                _dead_letter(library, source, target),
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
        consumers = [r[2] for r in rows if not r[2].startswith("n/a")]
        section.answer = (
            f"{plural(len(rows), 'asynchronous link')} {carry} data: "
            f"{sum(r[1] != 'no' for r in rows)} ordered, "
            + (
                f"{consumers.count('yes')} of {plural(len(consumers), 'consumer')} idempotent, "
                if consumers
                else ""
            )
            + f"{sum(r[3] == 'yes' for r in rows)} with a dead-letter path; {found}."
        )
        return section
    # No message can come late or twice, unless a device holds writes made offline: what is
    # left is requests racing on one record.
    only = " (only telemetry to monitoring)" if telemetry else ""
    late = [c.title for c in design.components if library.prop(c, "offline_writes") is True]
    offline = (
        f", but {', '.join(late)} {'takes' if len(late) == 1 else 'take'} writes while "
        "offline: they reach the servers late, after writes made later elsewhere"
        if late
        else ""
    )
    if problems:
        concurrency = "finding" if problems == 1 else "findings"
        section.answer = (
            f"No asynchronous path{only}{offline}; {problems} concurrency {concurrency} "
            "(writes that interleave)."
        )
    else:
        section.answer = (
            f"No asynchronous path{only}"
            + (f"{offline}." if late else ": no message can arrive late, twice or out of turn.")
            + f" {_racing(design, library)}"
            + (f" {asked} to check (info)." if asked else "")
        )
    return section


def _racing(design: Design, library: Library) -> str:
    """What the design says of two requests changing one record at once (AD418 reads the
    same properties)."""
    writes = [k for k in design.links if library.link_prop(k.props, "writes") is True]
    if not writes:
        return "Nothing is drawn as writing (`writes`), so no two requests race on a record."
    rmw = [k for k in writes if library.link_prop(k.props, "read_modify_write") is True]
    controls = sorted(
        {str(c) for k in rmw if (c := library.link_prop(k.props, "concurrency_control"))}
    )
    if rmw and controls and all(library.link_prop(k.props, "concurrency_control") for k in rmw):
        return (
            f"{plural(len(rmw), 'read-modify-write')} kept apart by "
            f"{' and '.join(f'`{c}`' for c in controls)} concurrency control."
        )
    if rmw:
        bare = sum(1 for k in rmw if not library.link_prop(k.props, "concurrency_control"))
        return (
            f"{plural(len(rmw), 'read-modify-write')}, {bare} with no `concurrency_control` "
            "stated: two requests to one record can erase each other's change (AD418)."
        )
    return (
        f"No write is marked `read_modify_write` ({plural(len(writes), 'writing link')}): "
        "concurrent requests to one record are safe if each write is applied in place (an "
        "insert, an increment), not read, changed and written back."
    )
