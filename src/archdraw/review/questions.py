"""The review's sections: each asks the analyses and lint one question and states the answer.

A figure that rests on a library default (not written in the file) says so:
"assuming the library default of 50,000 req/s per replica".
"""

from __future__ import annotations

from archdraw.analysis import (
    TrafficGraph,
    WeakPoint,
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
        "AD415",
        "AD416",
        "AD605",
    }
)
# Messages that arrive late, twice or out of turn, reads that miss a write, and writes that
# interleave (AD404, AD418).
ORDER_CODES = frozenset(
    {"AD202", "AD211", "AD213", "AD402", "AD404", "AD407", "AD408", "AD410", "AD414", "AD418"}
)
# How a request that changes several things recovers when it stops halfway (`compensation`).
RECOVERY = {
    "saga": "a saga (each step recorded, then finished or undone)",
    "outbox": "a transactional outbox (the later steps happen eventually)",
    "transaction": "one transaction",
}
# A request stopped partway: writes left half done, a message or an effect done twice.
HALFWAY_CODES = frozenset({"AD402", "AD403", "AD415", "AD416"})
PLUG_CODES = frozenset({"AD201", "AD301", "AD302", "AD505"})
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


def fails_halfway(context: Context) -> Section:
    design, library, graph, findings = context
    points = weakest_points(design, library, graph=graph)
    total = [p for p in points if p.kind == "component" and p.lost_share >= 0.999]
    # A service someone else runs (managed, a third party) fails whole in its provider's
    # outage: no one instance of ours to add a replica to, so not a single point (AD101).
    singles = [p for p in total if p.single_point]
    outages = [p for p in total if not p.single_point]
    titles = {c.id: c.title for c in design.components}

    def single(point: WeakPoint) -> str:
        # One instance by the library's default, not the design's word (as AD101 says).
        component = design.component(point.id)
        if component is None or basis(library, component, "replicas") == "stated":
            return titles[point.id]
        return f"{titles[point.id]} (`replicas` not stated, the library default)"

    answer = (
        f"{plural(len(singles), 'single point')} of failure, each failing every request: "
        + ", ".join(single(p) for p in singles[:TOP])
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
    # A zone or region is a single failure too: one the whole design may live in.
    places = [p for p in points if p.kind == "zone" and p.lost_share >= 0.999]
    if places:
        answer += (
            " Losing "
            + " or ".join(_failure_title(design, titles, p) for p in places[:TOP])
            + " fails every request: nothing outside it takes over."
        )
    elif points and not total:
        worst = points[0]
        answer += (
            f" The worst single loss: {_failure_title(design, titles, worst)}, "
            f"{_share(worst.lost_share)} of requests."
        )
    section = Section("fails", "Fails halfway?", answer)
    section.header = ("failure", "requests lost", "goes down with it")
    for point in points[: TOP * 2]:
        title = _failure_title(design, titles, point)
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
    bursts = _bursts(design, library)
    if bursts and any(point.lost_rps > 0 for point in points):
        # The failure analysis counts the stated rates; Grows counts them at their peaks.
        section.items.append(
            Item(
                "requests lost are counted at the clients' stated `rps`; at their peaks "
                f"({', '.join(bursts)}) the same failure loses up to that many times more per "
                "second (the loads under Grows 10x? are the peaks)",
                "info",
            )
        )
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
    safe = _made_safe(design, library, titles)
    section.items += safe
    section.answer += _stopped_halfway(design, library, findings, len(safe))
    return section


def _stopped_halfway(design: Design, library: Library, findings: list[Finding], safe: int) -> str:
    """The question taken literally: a request that stops partway, after some of its
    changes, leaves work half done, or done twice when it is retried."""
    found = [f for f in findings if f.code in HALFWAY_CODES]
    problems = sorted({f.code for f in found if str(f.severity) in ("error", "warning")})
    asked = sorted({f.code for f in found} - set(problems))
    count = sum(1 for f in found if f.code in problems)
    said = [
        f"{plural(count, 'finding')} of work left half done or done twice ({', '.join(problems)})"
        if problems
        else "",
        f"{len(found) - count} to check ({', '.join(asked)}, info)" if asked else "",
        f"{plural(safe, 'safeguard')} stated" if safe else "",
    ]
    if any(said):
        return f" Stopped partway: {'; '.join(s for s in said if s)}."
    # Stated, not defaulted: `side_effect` is false unless a link says otherwise.
    stated = any("side_effect" in k.props for k in design.links) or any(
        "compensation" in c.props for c in design.components
    )
    if stated:
        return " Stopped partway: nothing found."
    if not any(library.link_prop(k.props, "writes") is True for k in design.links):
        return ""
    return (
        " Stopped partway: nothing found; no call is marked `side_effect` (it charges, "
        "sends or ships) and no service states a `compensation`."
    )


def _bursts(design: Design, library: Library) -> list[str]:
    """Traffic sources that state a `peak_factor` above 1, as "Metered services x3"."""
    said = []
    for component in design.components:
        peak = component.props.get("peak_factor")
        if isinstance(peak, int | float) and peak > 1 and library.prop(component, "rps"):
            said.append(f"{component.title} x{peak:g}")
    return said


def _failure_title(design: Design, titles: dict[str, str], point: WeakPoint) -> str:
    if point.kind == "component":
        return titles[point.id]
    zone = design.zone(point.id)
    return f"{zone.kind} {zone.title}" if zone else f"zone {point.id}"


def _made_safe(design: Design, library: Library, titles: dict[str, str]) -> list[Item]:
    """What the design states that makes a request stopped halfway safe to retry or finish:
    side effects sent once, and how changes to several things recover."""
    items = []
    for link in design.links:
        if link.kind != "sync" or library.link_prop(link.props, "side_effect") is not True:
            continue
        callee = design.component(link.target)
        if library.link_prop(link.props, "idempotency_key") is True:
            how = "the caller sends an idempotency key"
        elif callee is not None and library.prop(callee, "idempotent") is True:
            how = "the callee is idempotent"
        else:
            continue  # AD416 speaks of it
        items.append(
            Item(
                f"{titles[link.source]} → {titles[link.target]} has a side effect, done once "
                f"however often it is retried: {how}",
                "ok",
                (link.source, link.target),
            )
        )
    for component in design.components:
        recovery = RECOVERY.get(str(library.prop(component, "compensation")))
        if recovery:
            items.append(
                Item(
                    f"{component.title} recovers from a failure halfway by {recovery}",
                    "ok",
                    (component.id,),
                )
            )
    return items


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
