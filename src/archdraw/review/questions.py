"""The review's sections: each asks the analyses and lint one question and states the answer.

A figure that rests on a library default (not written in the file) says so:
"assuming the library default of 50,000 req/s per replica".
"""

from __future__ import annotations

from archdraw.analysis import (
    TrafficGraph,
    analyze_availability,
    weakest_points,
)
from archdraw.analysis.overlap import assumption_text
from archdraw.cost.lines import per_second
from archdraw.library import Library
from archdraw.lint import Finding
from archdraw.model import Component, Design
from archdraw.review.types import DOC_FIELDS, Item, Section
from archdraw.source.printable import plural

Context = tuple[Design, Library, TrafficGraph, list[Finding]]

FAILURE_CODES = frozenset(
    {
        "AD101",
        "AD102",
        "AD103",
        "AD104",
        "AD105",
        "AD106",
        "AD107",
        "AD109",
        "AD110",
        "AD111",
        "AD206",
        "AD210",
        "AD402",
        "AD403",
        "AD605",
    }
)
# Messages that arrive late, twice or out of turn, and writes that interleave (AD404, AD418).
ORDER_CODES = frozenset({"AD202", "AD211", "AD213", "AD402", "AD404", "AD407", "AD408", "AD418"})
PLUG_CODES = frozenset({"AD201", "AD301", "AD302", "AD505"})
# Types that are extension points by nature: others call or subscribe to them.
PLUG_TYPES = frozenset({"api_gateway", "realtime_gateway", "tool_server"})
# Reached by users' devices but not a contract anyone builds on.
NOT_PLUGS = frozenset({"dns", "cdn", "load_balancer", "firewall"})
TOP = 5


def rate(rps: float) -> str:
    return f"{per_second(rps)} req/s"


def factor(value: float) -> str:
    return f"{value:,.0f}x" if value >= 100 else f"{value:.3g}x"


def basis(library: Library, component: Component, name: str) -> str:
    """How a property's value is known: stated in the file, a library default, or unknown."""
    if name in component.props:
        return "stated"
    return "library default" if library.prop(component, name) is not None else "unknown"


def findings_of(findings: list[Finding], codes: frozenset[str]) -> list[Item]:
    return [
        Item(
            f"{f.code} {f.name}: {f.message}",
            str(f.severity),
            tuple(e for e in (f.component,) if e),
            f.code,
        )
        for f in findings
        if f.code in codes
    ]


def _share(share: float) -> str:
    return "under 0.1%" if 0 < share < 0.001 else f"{share:.1%}"


def _is_client(library: Library, component: Component) -> bool:
    spec = library.get(component.type)
    return spec is not None and spec.category == "client"


def fails_halfway(context: Context) -> Section:
    design, library, graph, findings = context
    points = weakest_points(design, library, graph=graph)
    total = [p for p in points if p.kind == "component" and p.lost_share >= 0.999]
    # A service someone else runs (managed, a third party) fails whole in its provider's
    # outage: no one instance of ours to add a replica to, so not a single point (AD101).
    singles = [p for p in total if p.single_point]
    outages = [p for p in total if not p.single_point]
    titles = {c.id: c.title for c in design.components}
    answer = (
        f"{plural(len(singles), 'single point')} of failure, each failing every request: "
        + ", ".join(titles[p.id] for p in singles[:TOP])
        + "."
        if singles
        else "No single component we run fails every request."
        if outages
        else "No single component failure fails every request."
    )
    if outages:
        answer += (
            " An outage of a service someone else runs fails every request"
            + (" too: " if singles else ": ")
            + ", ".join(titles[p.id] for p in outages[:TOP])
            + "."
        )
    section = Section("fails", "Fails halfway?", answer)
    section.header = ("failure", "requests lost", "goes down with it")
    for point in points[: TOP * 2]:
        if point.kind == "component":
            title = titles[point.id]
        else:
            zone = design.zone(point.id)
            title = f"{point.kind} {zone.title if zone else point.id}"
        others = [titles.get(i, i) for i in point.down if i != point.id]
        more = f" and {len(others) - 6} more" if len(others) > 6 else ""
        section.rows.append(
            (
                title,
                # With no client rate stated the share is all that is known.
                _share(point.lost_share)
                + (f" ({rate(point.lost_rps)})" if point.lost_rps > 0 else ""),
                ", ".join(others[:6]) + more if others else "nothing else",
            )
        )
        # Calls taken as independent requests: say so (AD101's finding says it of its own).
        if point.assumed is not None and not point.single_point:
            rests = assumption_text(point.assumed, _share, lambda c: titles.get(c, c))
            section.items.append(Item(f"{title}: {_share(point.lost_share)} lost, {rests}", "info"))
    target = design.cost.availability_target
    if target is not None:
        result = analyze_availability(design, library, graph=graph)
        expected = result.design
        meets = expected >= target
        # A saturated component makes the figure 0: say so, or it reads as failing machines.
        saturated = (
            f"; saturated today (0 % available until they carry their load): "
            f"{', '.join(result.saturated)}"
            if result.saturated
            else ""
        )
        section.items.append(
            Item(
                f"expected availability {expected:.5f} ({'meets' if meets else 'misses'} the "
                f"design's target of {target:g}){saturated}; the Assumptions say which "
                "per-instance figures are library defaults",
                "info" if meets else "warning",
            )
        )
    section.items += findings_of(findings, FAILURE_CODES)
    return section


def extension_points(design: Design, library: Library, graph: TrafficGraph) -> list[Component]:
    """Public components, gateways, and whatever users' devices call directly."""
    entry = set()
    for link in design.links:
        source = design.component(link.source)
        if source is not None and _is_client(library, source):
            entry.add(link.target)
    return [
        c
        for c in design.components
        if not _is_client(library, c)
        and (
            (c.id in entry and c.type not in NOT_PLUGS)
            or c.type in PLUG_TYPES
            or library.prop(c, "public") is True
        )
    ]


def _listed(missing: list[str]) -> str:
    """ "no a, no b and no c"."""
    said = [f"no {name}" for name in missing]
    return said[0] if len(said) == 1 else ", ".join(said[:-1]) + " and " + said[-1]


def plug_in(context: Context) -> Section:
    design, library, graph, findings = context
    points = extension_points(design, library, graph)
    section = Section("plug", "Can someone plug in?", "")
    section.header = (
        "extension point",
        "type",
        "authentication",
        "rate limit",
        "versioned contract",
    )
    gaps = 0
    for component in points:
        auth = library.prop(component, "auth") is True
        limit = library.prop(component, "rate_limit")
        versioned = library.prop(component, "versioned") is True
        section.rows.append(
            (
                component.title,
                component.type,
                "yes" if auth else "NO",
                f"{limit:g}/s per client" if isinstance(limit, int | float) else "NO",
                "yes" if versioned else "NO",
            )
        )
        missing = [
            name
            for name, ok in (
                ("authentication (`auth`)", auth),
                ("rate limit (`rate_limit`)", limit is not None),
                ("versioned contract (`versioned`)", versioned),
            )
            if not ok
        ]
        if missing:
            gaps += 1
            section.items.append(
                Item(f"{component.title} has {_listed(missing)}", "warning", (component.id,))
            )
    lack = "lacks" if gaps == 1 else "lack"
    section.answer = (
        f"{plural(len(points), 'extension point')}; {gaps} {lack} authentication, a rate limit "
        "or a versioned contract."
        if points
        else "No extension point is drawn (nothing public)."
    )
    section.items += findings_of(findings, PLUG_CODES)
    return section


def data_order(context: Context) -> Section:
    design, library, _, findings = context
    asynchronous = [k for k in design.links if k.kind == "async"]
    section = Section("order", "Data out of order?", "")
    section.header = ("asynchronous path", "ordered", "consumer idempotent", "dead letter")
    for link in asynchronous:
        target = design.component(link.target)
        source = design.component(link.source)
        if target is None or source is None:
            continue
        ordered = (
            library.link_prop(link.props, "ordered") is True
            or library.prop(target, "ordered") is True
        )
        idempotent = library.prop(target, "idempotent") is True
        dead = (
            library.prop(target, "dead_letter") is True
            or library.prop(source, "dead_letter") is True
        )
        section.rows.append(
            (
                f"{source.title} → {target.title}",
                "yes" if ordered else "no",
                "yes" if idempotent else "no",
                "yes" if dead else "no",
            )
        )
    section.items += findings_of(findings, ORDER_CODES)
    problems = sum(1 for item in section.items if item.severity in ("error", "warning"))
    found = "finding" if problems == 1 else "findings"
    if asynchronous:
        section.answer = (
            f"{plural(len(asynchronous), 'asynchronous link')}; {problems} ordering, "
            f"idempotency, delivery or concurrency {found}."
        )
    elif problems:
        section.answer = (
            f"No asynchronous path; {problems} concurrency {found} (writes that interleave)."
        )
    else:
        section.answer = (
            "No asynchronous path: requests are answered in the order they are handled."
        )
    return section


def document_gaps(design: Design, sections: list[Section]) -> list[str]:
    """What the design document leaves out, with what the analysis found instead."""
    doc = design.doc
    found = {s.key: s for s in sections}
    gaps = []
    for name, title in DOC_FIELDS:
        if getattr(doc, name):
            continue
        if name == "failure_modes":
            rows = found["fails"].rows[:4]
            listed = "; ".join(f"{r[0]} loses {r[1]}" for r in rows)
            gaps.append(
                f"no failure modes written; the analysis found "
                f"{plural(len(rows), 'failure')} that "
                f"{'loses' if len(rows) == 1 else 'lose'} requests: {listed}"
                if rows
                else "no failure modes written"
            )
        elif name == "scaling_limits":
            gaps.append(
                f"no scaling limits written; the growth analysis says: {found['grows'].answer}"
            )
        else:
            gaps.append(f"no {title.lower()} written")
    return gaps
