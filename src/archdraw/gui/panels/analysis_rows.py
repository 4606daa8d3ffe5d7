"""The analysis results as table rows and chart bars, worded so no two cells contradict.

A client losing every request can still have request paths that avoid the
failure (a request calls several services; it fails when any call it needs
fails). So the words say "every request takes a failing path; 3 other paths are
unaffected" rather than "100 % fail ... 3 paths still complete".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from archdraw.analysis.async_work import async_work_sentence
from archdraw.analysis.availability import AvailabilityResult, WeakLink, downtime_per_year
from archdraw.analysis.failure import ClientImpact
from archdraw.analysis.overlap import Assumed, assumption_text
from archdraw.analysis.report import AnalysisReport
from archdraw.analysis.text import pct
from archdraw.analysis.text_table import rate as _rate
from archdraw.analysis.weakest import failed_components, what_fails
from archdraw.source.printable import plural

Cell = tuple[str, float | str]  # text shown, value sorted by
UNKNOWN_LAST = float("inf")  # "-" sorts after every number
# What a number rests on, in the words the tables use.
BASIS_WORDS = {"stated": "stated", "default": "library default"}
RATE_WORDS = {
    "derived": "derived from the clients' stated rps",
    "lower bound": "at least this: a client reaching it states no rps, or a store whose "
    "change stream reaches it states no writes",
}


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    element: str | None = None  # the component or zone a click selects
    tip: str = ""


@dataclass(frozen=True)
class Bar:
    title: str
    utilization: float | None  # None: capacity unknown
    figure: str


# The columns of the tables these rows fill.
FAILURE_CLIENT_HEADERS = ("Client", "Failing", "Paths hit", "What happens")
COMPONENT_HEADERS = ("Component", "State", "Serves", "Why")
LOAD_HEADERS = (
    "Component",
    "Load (req/s)",
    "Capacity (req/s)",
    "Capacity from",
    "Utilisation",
    "Saturates at",
    "Replicas needed",
)
AVAILABILITY_HEADERS = ("Client", "Availability", "Down a year", "Weakest contributors")
WEAKEST_HEADERS = ("If this fails", "Requests lost", "Share lost", "Taken down")


def _number(value: float | None, unit: str = "") -> Cell:
    if value is None:
        return ("-", UNKNOWN_LAST)
    return (f"{value:,.0f}{unit}" if value >= 100 else f"{value:,.3g}{unit}", value)


def client_words(impact: ClientImpact, titles: Mapping[str, str]) -> str:
    failing = sum(1 for p in impact.paths if p.status != "completes")
    unaffected = len(impact.paths) - failing
    others = f"; {plural(unaffected, 'other path')} unaffected"
    if impact.lost_share >= 1.0:
        words = "every request takes a failing path" + (others if unaffected else "")
    elif impact.lost_share > 0:
        words = f"{pct(impact.lost_share)} of requests take a failing path"
    else:
        words = "no request fails"
    if impact.delayed:
        waiting = ", ".join(titles.get(c, c) for c in impact.delayed)
        words += f"; delayed, not lost (behind a queue): {waiting}"
    return words


def failure_client_rows(report: AnalysisReport) -> list[Row]:
    failure = report.failure
    if failure is None:
        return []
    rows, titles = [], report.growth.titles
    for impact in failure.clients.values():
        failing = sum(1 for p in impact.paths if p.status != "completes")
        paths = " / ".join(
            " → ".join(titles.get(n, n) for n in p.nodes)
            for p in impact.paths
            if p.status != "completes"
        )
        words = client_words(impact, titles)
        rows.append(
            Row(
                (
                    (titles.get(impact.id, impact.id), impact.id),
                    (pct(impact.lost_share), impact.lost_share),
                    (f"{failing} of {len(impact.paths)}", failing),
                    (words, words),
                ),
                impact.id,
                tip=f"Failing paths: {paths}" if paths else "No path fails",
            )
        )
    return rows


def failure_component_rows(report: AnalysisReport) -> list[Row]:
    failure = report.failure
    if failure is None:
        return []
    order = {"down": 0, "degraded": 1}
    rows = []
    for state in failure.components.values():
        if state.state == "up":
            continue
        # The figure alone in Serves: a sentence there took the width the Why column wraps in.
        why = state.reason
        if state.recovery:
            why += f"; serves {pct(state.serving)} {state.recovery}"
        rows.append(
            Row(
                (
                    (report.growth.titles.get(state.id, state.id), state.id),
                    (state.state, order.get(state.state, 2)),
                    (pct(state.serving), state.serving),
                    (why, state.reason),
                ),
                state.id,
            )
        )
    return rows


def load_rows(report: AnalysisReport) -> list[Row]:
    growth, sources = report.growth, {report.graph.ids[n] for n in report.graph.sources}
    rows = []
    for cid, load in growth.components.items():
        if cid in sources or (load.arrival_rps == 0 and load.capacity_rps is None):
            continue
        if load.servers == 0:
            use: Cell = ("down", UNKNOWN_LAST)
        elif load.capacity_rps is None:
            use = ("capacity unknown", UNKNOWN_LAST)
        else:
            use = _percent_cell(load.utilization)
        total = None if load.capacity_rps is None else load.capacity_rps * max(load.servers, 0)
        arrival = _number(load.arrival_rps)
        if load.rate_basis == "lower bound":  # see RATE_WORDS
            arrival, use = (f"≥ {arrival[0]}", arrival[1]), (f"≥ {use[0]}", use[1])
        basis = BASIS_WORDS.get(load.capacity_basis or "", "unknown")
        rows.append(
            Row(
                (
                    (growth.titles.get(cid, cid), growth.titles.get(cid, cid)),
                    arrival,
                    _number(total),
                    (basis, basis),
                    use,
                    _factor(load.saturates_at),
                    _number(None if load.replicas_needed is None else float(load.replicas_needed)),
                ),
                cid,
                tip=f"Load: {RATE_WORDS[load.rate_basis]}. Capacity: {basis}.",
            )
        )
    return rows


def _percent_cell(share: float | None) -> Cell:
    return ("-", UNKNOWN_LAST) if share is None else (f"{share:.0%}", share)


def _factor(value: float | None) -> Cell:
    if value is None:
        return ("never", UNKNOWN_LAST)
    return (f"{value:,.0f}x" if value >= 100 else f"{value:.3g}x", value)


def load_bars(report: AnalysisReport, limit: int = 15) -> list[Bar]:
    """The fullest components first (unknown capacity after them), at most `limit`."""
    growth, sources = report.growth, {report.graph.ids[n] for n in report.graph.sources}
    bars = []
    for cid, load in growth.components.items():
        if cid in sources or load.arrival_rps == 0 or load.servers == 0:
            continue
        use = load.utilization
        figure = "capacity ?" if use is None else f"{use:.0%}"
        if cid == growth.bottleneck and use is not None:
            figure = f"bottleneck {use:.0%}"
        if use is not None and load.capacity_basis == "default":
            figure += " (default capacity)"
        bars.append(Bar(growth.titles.get(cid, cid), use, figure))
    bars.sort(key=lambda b: -1.0 if b.utilization is None else b.utilization, reverse=True)
    return bars[:limit]


def element_titles(report: AnalysisReport) -> dict[str, str]:
    """Component and zone id -> the title the canvas shows (a weak point can be a zone)."""
    zones = {zone_id: zone.title for zone_id, zone in report.graph.zones.items()}
    return zones | report.growth.titles


def availability_rows(report: AnalysisReport) -> list[Row]:
    result = report.availability
    if result is None:
        return []
    rows, titles = [], element_titles(report)
    for client, figure in result.clients.items():
        weakest = result.contributors.get(client, [])
        named = (
            ", ".join(
                f"{titles.get(w.id, w.id)} ({downtime_per_year(1.0 - w.gain)} a year"
                f"{_figure_basis(result, w)})"
                for w in weakest
            )
            or "none"
        )
        rows.append(
            Row(
                (
                    (titles.get(client, client), client),
                    (f"{figure * 100:.3f} %", figure),
                    (downtime_per_year(figure), 1.0 - figure),
                    (named, weakest[0].gain if weakest else 0.0),
                ),
                client,
                tip="Weakest contributors: what, failing alone, costs this client the most "
                "downtime (a zone, or a component's instances together)",
            )
        )
    return rows


def _figure_basis(result: AvailabilityResult, link: WeakLink) -> str:
    """ ", on a default figure" when the cause's availability is the library's, not stated;
    ", saturated today" when it is 0 because the component cannot carry its load."""
    if link.kind == "zone":
        return ", zone default"
    figures = result.components.get(link.id)
    if figures and figures.overloaded:
        return ", saturated today"
    return ", library default" if figures and figures.instance_basis == "default" else ""


# Marks a figure that rests on calls taken as independent requests (`request` not stated);
# the note under the table and the row's tooltip say which, and the range either way.
ASSUMED_MARK = " *"


def weakest_rows(report: AnalysisReport) -> list[Row]:
    rows, titles = [], element_titles(report)
    for point in report.weakest or []:
        name = titles.get(point.id, point.id)
        what = what_fails(report.graph, point, name)
        down = [titles.get(c, c) for c in point.down]
        lost = _number(point.lost_rps, "/s")
        share: Cell = (pct(point.lost_share), point.lost_share)
        tips = [f"Taken down: {', '.join(down)}"] if len(down) > NAMES_SHOWN else []
        if point.assumed is not None:
            lost, share = _marked(lost), _marked(share)
            tips.insert(0, f"Share lost: {_assumption(report, point.lost_share, point.assumed)}")
        rows.append(
            Row(
                ((what, what), lost, share, (_first_names(down), len(down))),
                point.id,
                tip="\n".join(tips),
            )
        )
    return rows


def weakest_notes(report: AnalysisReport) -> list[str]:
    """The note under the weakest points: what each marked figure rests on, as the CLI's
    `--weakest` says it ("* Carts DB: 20.8 % assuming the 2 calls from ...")."""
    titles = element_titles(report)
    return [
        f"{ASSUMED_MARK.strip()} {titles.get(p.id, p.id)}: "
        f"{_assumption(report, p.lost_share, p.assumed)}"
        for p in report.weakest or []
        if p.assumed is not None
    ]


def _marked(cell: Cell) -> Cell:
    return (f"{cell[0]}{ASSUMED_MARK}", cell[1])


def _assumption(report: AnalysisReport, share: float, rests: Assumed) -> str:
    """A share with what it rests on: "20.8 % assuming the 2 calls from API gateway (...)
    are independent requests (`request` not stated): 20.0 % if ..."."""
    titles = element_titles(report)
    return f"{pct(share)} {assumption_text(rests, pct, lambda c: titles.get(c, c))}"


NAMES_SHOWN = 4  # a zone takes down dozens: a row names this many, its tooltip names all


def _first_names(names: Sequence[str]) -> str:
    """'A, B, C, D and 16 more' (hover for all); '-' for none."""
    if len(names) <= NAMES_SHOWN:
        return ", ".join(names) or "-"
    return f"{', '.join(names[:NAMES_SHOWN])} and {len(names) - NAMES_SHOWN} more"


def headline(report: AnalysisReport) -> str:
    """One sentence on top of the tabs on what failing did ("" when nothing failed)."""
    failure = report.failure
    if not report.graph.sources:
        return "No clients: give a client (or any component) an rps so traffic has a start."
    if failure is not None:
        titles = report.growth.titles
        failed = failed_components(
            report.graph, failure.failed_components, failure.whole, lambda c: titles.get(c, c)
        )
        if failure.failed_zones:
            zones = ", ".join(
                f"{report.graph.zones[z].kind} {report.graph.zones[z].title}"
                for z in failure.failed_zones
            )
            failed = f"{failed} and {zones}" if failed else zones
        risk = ""
        if failure.data_at_risk:
            risk = " Data at risk: " + ", ".join(
                f"{titles.get(r.id, r.id)} "
                f"({r.why}; {'restore from backup' if r.backups else 'no backups'})"
                for r in failure.data_at_risk
            )
        for store, reached in failure.unknown_writes.items():
            risk += (
                f" No link into {titles.get(store, store)} states writes: no request goes on"
                f" over its change stream (to {', '.join(titles.get(c, c) for c in reached)})."
            )
        if failure.async_work:  # jobs behind a queue: their requests completed
            risk += " " + async_work_sentence(failure.async_work, titles)
        graph = report.graph
        unknown = [
            titles.get(graph.ids[c], graph.ids[c]) for c in graph.sources if not graph.rate_known[c]
        ]
        # Calls taken as independent requests (`request` not stated): the share says so.
        rests = ""
        if failure.assumed is not None:
            rests = f", {assumption_text(failure.assumed, pct, lambda c: titles.get(c, c))}"
        if not unknown:
            lost = f"{_rate(failure.lost_rps)} of {_rate(failure.total_rps)} requests/s fail"
            return f"Failing {failed}: {lost} ({pct(failure.lost_share)}){rests}.{risk}"
        # "0 of 0 requests/s fail (100 %)" reads as a contradiction: with a client's rate
        # unknown the share is of its requests, and requests/s only for the stated ones.
        known = ""
        if failure.total_rps > 0:
            known = (
                f"; {_rate(failure.lost_rps)} of {_rate(failure.total_rps)} requests/s from "
                "the clients that state a rate"
            )
        return (
            f"Failing {failed}: {pct(failure.lost_share)} of client requests fail "
            f"(no Peak load stated for {', '.join(unknown)}){known}{rests}.{risk}"
        )
    return ""  # growth alone: the bottleneck sentence above the tabs says it
