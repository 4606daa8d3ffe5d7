"""The analysis as text for a terminal: short sections, aligned columns, plain words."""

from __future__ import annotations

from archdraw.analysis.async_work import async_work_text
from archdraw.analysis.availability_text import availability_lines
from archdraw.analysis.capacity import TARGET_UTILIZATION
from archdraw.analysis.graph import TrafficGraph
from archdraw.analysis.growth_summary import times
from archdraw.analysis.overlap import Assumed, assumption_text
from archdraw.analysis.paths import RequestPath
from archdraw.analysis.report import AnalysisReport
from archdraw.analysis.text_table import rate as _rate
from archdraw.analysis.text_table import table as _table
from archdraw.analysis.weakest import WeakPoint, failed_components, what_fails, zone_words
from archdraw.source import printable_joined

ARROW = " -> "


def pct(share: float) -> str:
    return f"{share * 100:.1f} %" if share not in (0.0, 1.0) else f"{share * 100:.0f} %"


def _ms(value: float | None) -> str:
    if value is None:
        return "-"
    if 0 < value < 0.05:  # a fast store's service time: "0.024 ms", never a "0.0 ms"
        return f"{value:.2g} ms"
    return f"{value:.1f} ms"


def _factor(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{times(value)}x"


def _why_nothing_lost(report: AnalysisReport, broken: list[RequestPath]) -> str:
    """Why a client loses nothing although some of its paths fail: only writes fail there
    and none of its requests are counted as writes, or a failover entry's standby answers."""
    failure = report.failure
    assert failure is not None
    on_paths = {node for path in broken if path.status == "fails" for node in path.nodes}
    writes_only = [
        cid
        for cid in on_paths
        if (state := failure.components.get(cid)) is not None
        and state.serving > 0
        and state.writes_serving <= 0
    ]
    if writes_only:
        return (
            f"its failed paths fail only for writes (at {', '.join(sorted(writes_only))}); "
            "no link on them states `writes: true`, so its requests are counted as reads"
        )
    return "its failed paths are answered by the standby (after DNS moves traffic)"


def render_text(report: AnalysisReport, *, growth_asked: bool = True, top: int = 10) -> str:
    sections: list[list[str]] = [[f"{report.design}"]]
    if not report.graph.sources:
        sections[0].append(
            "No clients: give a client (or any component) an `rps` so traffic has a "
            "start; until then nothing can be lost or saturated."
        )
    # The answers asked for first; the load table only when growth was asked (or nothing else).
    if report.failure is not None:
        sections.append(_failure(report))
    if report.weakest is not None:
        sections.append(_weakest(report, top))
    if report.availability is not None:
        sections.append(availability_lines(report, top))
    asked_other = report.failure or report.weakest is not None or report.availability
    if growth_asked or not asked_other:
        sections.append(_growth(report))
    if report.simulation is not None:
        sections.append(_simulation(report))
    if report.growth.cycle_links:
        sections.append(
            [
                "Links closing a cycle (their traffic counts at the receiver, "
                "not passed on): " + ", ".join(report.growth.cycle_links)
            ]
        )
    # Labels and the design name are file text: escaped, so none can start a line of its own.
    return "\n\n".join(printable_joined(lines) for lines in sections) + "\n"


def _failure(report: AnalysisReport) -> list[str]:
    failure = report.failure
    assert failure is not None
    what = []
    if failure.failed_components:
        what.append(failed_components(report.graph, failure.failed_components, failure.whole))
    if failure.failed_zones:
        what.append(", ".join(zone_words(report.graph, z) for z in failure.failed_zones))
    lines = [f"Failure: {' and '.join(what)}"]
    hit = [s for s in failure.components.values() if s.state != "up" or s.reason]
    rows = []
    for state in hit:
        detail = state.reason
        if state.state == "degraded":
            serves = f"serves {pct(state.serving)}"
            detail += f"; {serves} {state.recovery}" if state.recovery else f"; {serves}"
        rows.append([state.id, state.state, detail])
    lines += _table(rows) if rows else ["  nothing is affected"]
    lines.append("")
    graph = report.graph
    unknown = [graph.ids[c] for c in graph.sources if not graph.rate_known[c]]
    if not unknown:
        lines.append(
            f"Clients: {_rate(failure.lost_rps)} of {_rate(failure.total_rps)} requests/s fail "
            f"({pct(failure.lost_share)})"
        )
    else:
        known = ""
        if failure.total_rps > 0:
            known = (
                f"; {_rate(failure.lost_rps)} of {_rate(failure.total_rps)} requests/s from "
                "the clients that state a rate"
            )
        lines.append(
            f"Clients: {pct(failure.lost_share)} of requests fail (each client counted the "
            f"same: no rps stated for {', '.join(unknown)}){known}"
        )
    if failure.assumed is not None:
        lines.append(f"  {_resting(failure.assumed)}")
    for impact in failure.clients.values():
        lines.append(f"  {impact.id}: {pct(impact.lost_share)} of its requests fail")
        broken = [
            p
            for p in impact.paths
            if p.status != "completes" and not _to_operations(graph, p.nodes, p.ends_in_handoff)
        ]
        if impact.lost_share == 0 and any(p.status == "fails" for p in broken):
            lines.append(f"    {_why_nothing_lost(report, broken)}")
            broken = []
        # Two links between the same components (a store's reads and writes drawn apart)
        # give paths through the same components: one line, saying how many.
        shown: dict[str, int] = {}
        for path in broken:
            line = f"    {path.status:9}  {ARROW.join(path.nodes)}"
            shown[line] = shown.get(line, 0) + 1
        for line, count in shown.items():
            lines.append(line if count == 1 else f"{line}  ({count} paths: parallel links)")
        completes = sum(1 for p in impact.paths if p.status == "completes")
        if completes:
            lines.append(f"    {_unaffected(completes, impact.lost_share)}")
        if impact.paths_truncated:
            lines.append("    (more paths not shown)")
        if impact.delayed:
            waiting = ", ".join(impact.delayed)
            lines.append(f"    delayed, not failed (behind a queue or async link): {waiting}")
    if failure.async_work:
        lines.append("")
        lines.append("Work behind queues and async links that cannot complete (not counted above):")
        lines += [f"  {async_work_text(work)}" for work in failure.async_work]
    if failure.unknown_writes:
        lines.append("")
    for store, reached in failure.unknown_writes.items():
        lines.append(
            f"No link into {store} states `writes`: no request is counted as a write, so none "
            f"goes on over its change stream (to {', '.join(reached)}); mark the links that "
            "write `writes: true`"
        )
    if failure.data_at_risk:
        risks = [
            f"{r.id} ({r.why}; {'restore from backup' if r.backups else 'no backups'})"
            for r in failure.data_at_risk
        ]
        lines.append("")
        lines.append("Data at risk: " + ", ".join(risks))
    return lines


def _unaffected(paths: int, lost_share: float) -> str:
    """The paths a failure does not touch, in words that never contradict the lost share:
    a request makes every call on its paths, so one failing call fails the request."""
    noun = "path" if paths == 1 else "paths"
    if lost_share <= 0:
        return f"{paths} {noun} complete"
    if lost_share >= 1:
        return f"every request takes a failing path; {paths} other {noun} unaffected"
    return f"{paths} other {noun} unaffected (a request fails when a call it makes fails)"


def _to_operations(graph: TrafficGraph, nodes: list[str], handoff: bool) -> bool:
    """A path that ends by handing off to monitoring or logging: no request waits on it."""
    last = graph.components[graph.index[nodes[-1]]]
    return handoff and last.type == "monitoring"


def _growth(report: AnalysisReport) -> list[str]:
    growth = report.growth
    graph = report.graph
    lines = [f"Growth {_factor(growth.growth)}: {growth.summary}"]
    rows = [["component", "arrival/s", "util", "response", "saturates at"]]
    sources = {graph.ids[node] for node in graph.sources}
    defaults = []
    for cid, load in growth.components.items():
        if cid in sources or (load.arrival_rps == 0 and load.capacity_rps is None):
            continue
        if load.capacity_rps is None and graph.on_device[graph.index[cid]]:
            util, response = "per user", "-"  # each user's own device: nothing shared to fill
        elif load.capacity_rps is None:
            util, response = "unknown", "-"
        elif load.servers == 0:
            util, response = "down", "-"
        else:
            util = "-" if load.utilization is None else f"{load.utilization:.0%}"
            response = _ms(load.response_ms)
            if load.response_ms is None:  # a service we do not run refuses what is over quota
                ours = graph.runs_replicas[graph.index[cid]]
                response = "saturated" if ours else "over quota"
        saturates = _factor(load.saturates_at)
        if load.capacity_basis == "default" and load.saturates_at is not None:
            saturates += "*"
            defaults.append(f"{cid} {load.capacity_rps:,.0f}")
        arrival = _rate(load.arrival_rps)
        if load.rate_basis == "lower bound":
            arrival = ">= " + arrival
        rows.append([cid, arrival, util, response, saturates])
    if len(rows) > 1:
        lines += _table(rows, right=(1, 2, 3, 4))
    if defaults:
        lines.append(
            "  * assuming the library default capacity per replica (req/s), not stated: "
            + ", ".join(defaults)
        )
    # A drawn copy's replicated writes are applied, never arrived: not part of its reads.
    applied = [
        f"{cid} {load.work_rps:,.0f} "
        f"({load.arrival_rps - load.writes_rps + load.replicated_rps:,.0f} reads/s + "
        f"{load.writes_rps:,.0f} writes/s x {load.copies} copies)"
        for cid, load in growth.components.items()
        if load.capacity_rps is not None and load.work_rps > load.arrival_rps
    ]
    if applied:
        lines.append(
            "  util counts each write on every copy of a replicated store (req/s of work): "
            + ", ".join(applied)
        )
    if growth.clients:
        lines.append("")
        rows = [["client", "requests/s", "latency"]]
        for client in growth.clients.values():
            latency = _ms(client.latency_ms)
            if client.latency_ms is None and client.saturated:
                latency = _unbounded(report, client.saturated)
            known = graph.rate_known[graph.index[client.id]]
            rows.append([client.id, _rate(client.rps) if known else "unknown", latency])
        lines += _table(rows, right=(1,))
    if growth.unknown:
        lines.append("")
        lines.append(
            "Unknown (no capacity_rps; counted at latency_ms without queueing): "
            + ", ".join(growth.unknown)
        )
    if any(graph.runs_replicas[graph.index[cid]] for cid in growth.saturated):
        lines.append(f"Replicas are suggested to keep utilization under {TARGET_UTILIZATION:.0%}.")
    return lines


def _unbounded(report: AnalysisReport, blocked: list[str]) -> str:
    graph = report.graph
    down = [cid for cid in blocked if report.growth.components[cid].servers == 0]
    up = [cid for cid in blocked if cid not in down]
    full = [cid for cid in up if graph.runs_replicas[graph.index[cid]]]
    # A service we do not run refuses what is over its quota: no queue grows without bound.
    over = [cid for cid in up if cid not in full]
    parts = []
    if full:
        parts.append(", ".join(full) + " saturated")
    if over:
        parts.append(", ".join(over) + " over quota")
    if down:
        parts.append(", ".join(down) + " down")
    return f"{'unbounded' if full or down else 'excess refused'} ({'; '.join(parts)})"


def _weakest(report: AnalysisReport, top: int) -> list[str]:
    points = report.weakest or []
    graph = report.graph
    if not points:
        return ["Weakest points: no single component or zone failure loses any request"]
    first = points[0]
    lines = [
        f"Weakest point: {_what_fails(report, first)} loses {pct(first.lost_share)} of "
        f"requests{_per_second(report, first.lost_rps)}.",
        "Single failures, most requests lost first:",
    ]
    rows = []
    for rank, point in enumerate(points[:top], start=1):
        down = f"down: {', '.join(point.down)}" if point.down else ""
        rows.append(
            [
                f"{rank}.",
                _what_fails(report, point),
                _per_second(report, point.lost_rps).strip(" ()") or "-",
                pct(point.lost_share),
                down,
            ]
        )
    lines += _table(rows, right=(2, 3))
    if len(points) > top:
        lines.append(f"  ... and {len(points) - top} more")
    for point in points[:top]:
        if point.assumed is not None:
            lines.append(f"  {point.id}: {pct(point.lost_share)} {_resting(point.assumed)}")
    lookups = [p.id for p in points[:top] if p.kind == "component" and _is_dns(report, p.id)]
    for dns in lookups:
        ttl = graph.components[graph.index[dns]].props.get("ttl_s")
        lasting = f"{ttl} s" if ttl is not None else "their TTL"
        lines.append(
            f"  {dns}: lookups cached by resolvers keep working for up to {lasting}; "
            "after that every request needs it"
        )
    return lines


def _resting(rests: Assumed) -> str:
    """What a share of lost requests rests on (calls taken as independent requests)."""
    return assumption_text(rests, pct)


def _is_dns(report: AnalysisReport, component_id: str) -> bool:
    graph = report.graph
    return graph.components[graph.index[component_id]].type == "dns"


def _what_fails(report: AnalysisReport, point: WeakPoint) -> str:
    return what_fails(report.graph, point)


def _per_second(report: AnalysisReport, lost_rps: float) -> str:
    graph = report.graph
    if not all(graph.rate_known[c] for c in graph.sources):
        return ""  # rates unknown: the share says it
    return f" ({_rate(lost_rps)}/s)"


def _seconds(duration: float) -> str:
    return f"{times(duration)} s" if duration >= 1 else "under 1 s"


def _simulation(report: AnalysisReport) -> list[str]:
    sim = report.simulation
    assert sim is not None
    if sim.requests == 0:
        # A table of dashes would read as a result; with nothing simulated there is none.
        why = (
            "no client sends any traffic (none states an `rps` above 0)"
            if sim.duration_s == 0
            else (
                f"none finished in the time simulated ({_seconds(sim.duration_s)}; "
                "raise --requests)"
            )
        )
        return [
            f"Simulation (seed {sim.seed}): no requests were simulated, since {why}; "
            "nothing to check the formulas against."
        ]
    lines = [
        f"Simulation (seed {sim.seed}, {sim.requests:,} requests, {_seconds(sim.duration_s)} "
        "simulated) against the formulas:"
    ]
    if report.failure is not None:
        lines.append("  (both run the design as drawn, without the failure)")
    growth = report.simulated_growth or report.growth
    rows = [["component", "util", "simulated", "response", "simulated"]]
    for cid, load in growth.components.items():
        simulated = sim.components[cid]
        if load.capacity_rps is None:
            continue
        rows.append(
            [
                cid,
                "-" if load.utilization is None else f"{load.utilization:.1%}",
                "-" if simulated.utilization is None else f"{simulated.utilization:.1%}",
                _ms(load.response_ms),
                _ms(simulated.response_ms),
            ]
        )
    lines += _table(rows, right=(1, 2, 3, 4))
    rows = [["client", "latency", "simulated"]]
    for cid, client in growth.clients.items():
        rows.append([cid, _ms(client.latency_ms), _ms(sim.clients.get(cid))])
    lines += _table(rows, right=(1, 2))
    return lines
