"""One analysis run (failure, growth, weakest points, availability, simulation) as data.

`run_analysis` is what the CLI calls; `to_json` gives the documented JSON
(the keys `growth`, `bottleneck`, `components[].arrival_rps`, `utilization`,
`response_ms`, `saturates_at`, `state`, `clients[].latency_ms` and
`lost_share` are a contract; the rest are documented in the README).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from archdraw.analysis.availability import AvailabilityResult, analyze_availability
from archdraw.analysis.capacity import ComponentLoad, GrowthResult, analyze_growth
from archdraw.analysis.failure import FailureResult, analyze_failure
from archdraw.analysis.graph import TrafficGraph, build_graph
from archdraw.analysis.instances import report_basis
from archdraw.analysis.overlap import Assumed
from archdraw.analysis.simulation_defaults import DEFAULT_REQUESTS
from archdraw.analysis.weakest import WeakPoint, weakest_points
from archdraw.library import Library
from archdraw.model import Design

if TYPE_CHECKING:
    from archdraw.analysis.simulation import SimulationResult


@dataclass
class AnalysisReport:
    design: str
    graph: TrafficGraph
    growth: GrowthResult
    failure: FailureResult | None = None
    weakest: list[WeakPoint] | None = None
    availability: AvailabilityResult | None = None
    simulation: SimulationResult | None = None
    simulated_growth: GrowthResult | None = None  # the formulas without the failure


def run_analysis(
    design: Design,
    library: Library,
    *,
    fail: Iterable[str] = (),
    fail_zones: Iterable[str] = (),
    all_instances: bool = False,
    growth: float = 1.0,
    weakest: bool = False,
    availability: bool = False,
    simulation: bool = False,
    seed: int = 0,
    requests: int = DEFAULT_REQUESTS,
    zone_availability: Mapping[str, float] | None = None,
) -> AnalysisReport:
    """Everything asked for, on one traffic graph. Raises UnknownElement for a bad id."""
    graph = build_graph(design, library)
    fail, fail_zones = list(fail), list(fail_zones)
    failure = None
    servers = None
    if fail or fail_zones:
        failure = analyze_failure(
            design, library, fail, fail_zones, whole=all_instances, graph=graph
        )
        servers = failure.servers(graph)
    report = AnalysisReport(
        design=design.name,
        graph=graph,
        growth=analyze_growth(design, library, growth, graph=graph, servers=servers),
        failure=failure,
    )
    if weakest:
        report.weakest = weakest_points(design, library, graph=graph)
    if availability:
        report.availability = analyze_availability(
            design, library, graph=graph, zone_availability=zone_availability
        )
    if simulation:
        # Imported here: SimPy is only needed when a simulation is asked for.
        from archdraw.analysis.simulation import simulate

        # The simulation models the design as drawn; compare it with formulas that do too.
        report.simulation = simulate(
            design, library, growth, seed=seed, requests=requests, graph=graph
        )
        if failure is not None:
            report.simulated_growth = analyze_growth(design, library, growth, graph=graph)
    return report


def _num(value: float | None) -> float | None:
    if value is None or math.isnan(value) or math.isinf(value):
        return None
    return float(value)


def to_json(report: AnalysisReport) -> dict[str, Any]:
    growth = report.growth
    failure = report.failure
    components: dict[str, Any] = {}
    for cid, load in growth.components.items():
        state = failure.components[cid] if failure else None
        components[cid] = {
            "arrival_rps": _num(load.arrival_rps),
            "utilization": _num(load.utilization),
            "response_ms": _num(load.response_ms),
            "saturates_at": _num(load.saturates_at),
            "state": state.state if state else "up",
            "servers": load.servers,
            "capacity_rps": _num(load.capacity_rps),
            "wait_probability": _num(load.wait_probability),
            "wq_ms": _num(load.wq_ms),
            "replicas_needed": load.replicas_needed,
            # A replicated store applies each write on every copy (`analysis.writes`).
            "writes_rps": _num(load.writes_rps),
            "work_rps": _num(load.work_rps),
            "replicated_rps": _num(load.replicated_rps),
            "basis": _basis(report.graph, cid, load),
        }
        role = report.graph.roles.of(cid)
        if role is not None:
            components[cid]["data_role"] = {
                "kind": role.kind,
                "copies": role.copies,
                "shards": role.shards,
                "writable": role.writable,
                "standby": role.standby,
                "source": role.source,
                "fronts": role.fronts,
                "fronts_basis": role.fronts_basis,
            }
        if state is not None and (state.state != "up" or state.reason):
            components[cid].update(
                serving_share=state.serving,
                writes_serving_share=state.writes_serving,
                missing_share=state.missing,
                recovery=state.recovery,
                overloaded=state.overloaded,
                reason=state.reason,
            )
    clients: dict[str, Any] = {}
    for cid, latency in growth.clients.items():
        impact = failure.clients[cid] if failure else None
        clients[cid] = {
            "latency_ms": _num(latency.latency_ms),
            "lost_share": impact.lost_share if impact else 0.0,
            "rps": latency.rps,
            "rps_basis": "stated"
            if report.graph.rate_known[report.graph.index[cid]]
            else "unknown",
            "branches": {k: _num(v) for k, v in latency.branches.items()},
            "unknown": latency.unknown,
            "saturated": latency.saturated,
        }
        if impact is not None:
            clients[cid].update(
                delayed=impact.delayed,
                paths=[
                    {"path": p.nodes, "status": p.status, "handoff": p.ends_in_handoff}
                    for p in impact.paths
                ],
                paths_truncated=impact.paths_truncated,
            )
    data: dict[str, Any] = {
        "design": report.design,
        "growth": float(growth.growth),
        "bottleneck": growth.bottleneck,
        "summary": growth.summary,
        "components": components,
        "clients": clients,
        "saturated": growth.saturated,
        "unknown": growth.unknown,
        "cycle_links": growth.cycle_links,
        "bottleneck_basis": growth.bottleneck_basis,
        "first_assumed": growth.first_assumed,
        "unknown_sources": growth.unknown_sources,
        "unknown_writes": growth.unknown_writes,
        "partial": growth.partial,
    }
    if failure is not None:
        data["failure"] = _failure_json(failure)
    if report.weakest is not None:
        data["weakest"] = [_weak_json(point) for point in report.weakest]
    if report.availability is not None:
        data["availability"] = _availability_json(report.availability)
    if report.simulation is not None:
        data["simulation"] = _simulation_json(report.simulation)
    return data


def _basis(graph: TrafficGraph, cid: str, load: ComponentLoad) -> dict[str, str | None]:
    """Where each figure of a component comes from: stated in the file, the library's
    default, derived from those, or unknown."""
    node = graph.index[cid]
    capacity = load.capacity_basis
    arrival = load.rate_basis
    if node in graph.sources:
        arrival = "stated" if graph.rate_known[node] else "unknown"
    return {
        "arrival_rps": arrival,
        "capacity_rps": capacity or "unknown",
        "replicas": report_basis(graph.instance_basis[node]) if graph.runs_replicas[node] else None,
        "saturates_at": None if load.saturates_at is None else f"derived from {capacity}",
        "latency_ms": _latency_basis(graph, node),
    }


def _latency_basis(graph: TrafficGraph, node: int) -> str:
    """A component's own time: its `latency_ms` (stated or default), else 1/capacity."""
    if graph.latency_ms[node] is not None:
        return graph.basis(node, "latency_ms")
    return "derived" if graph.capacity_rps[node] is not None else "unknown"


def _failure_json(failure: FailureResult) -> dict[str, Any]:
    return {
        "components": failure.failed_components,
        "zones": failure.failed_zones,
        "all_instances": failure.whole,
        "lost_rps": failure.lost_rps,
        "lost_share": failure.lost_share,
        "data_at_risk": [
            {"id": r.id, "backups": r.backups, "why": r.why} for r in failure.data_at_risk
        ],
        # Stores whose change stream reaches what failed but whose writes no link states.
        "unknown_writes": failure.unknown_writes,
        **_assumed_json(failure.assumed),
        # Jobs and messages handed off that cannot complete: not in `lost_share`.
        "async_work": [
            {
                "via": w.via,
                "consumer": w.consumer,
                "senders": w.senders,
                "fate": w.fate,
                "share": w.share,
                "rps": w.rps,
                "stuck_rps": w.stuck_rps,
                "rate_basis": w.rate_basis,
                "noun": w.noun,
                "blocked": [{"how": how, "id": cid} for how, cid in w.blocked],
                "consumer_down": w.down,
                "consumer_serving": w.serving,
                "default_calls": w.default_calls,
            }
            for w in failure.async_work
        ],
    }


def _weak_json(point: WeakPoint) -> dict[str, Any]:
    return {
        "kind": point.kind,
        "id": point.id,
        "lost_rps": point.lost_rps,
        "lost_share": point.lost_share,
        "clients": point.clients,
        "down": point.down,
        "single_point": point.single_point,
        **_assumed_json(point.assumed),
    }


def _assumed_json(rests: Assumed | None) -> dict[str, Any]:
    """The calls a `lost_share` took as independent requests (`request` not stated), by
    sender, and the share if each sender's are parts of the same requests or different ones;
    the routes it took as called by every request (`calls` not stated, by sender), and the
    share if each request takes one of them, evenly."""
    return {
        "independent_calls": {} if rests is None else rests.calls,
        "lost_share_range": None if rests is None or not rests.calls else [rests.low, rests.high],
        "unstated_routes": {} if rests is None else rests.routes,
        "lost_share_if_routes_split": None if rests is None else rests.split,
    }


def _availability_json(result: AvailabilityResult) -> dict[str, Any]:
    return {
        "design": result.design,
        "clients": result.clients,
        "components": {
            cid: {
                "instance": c.instance,
                "replicas": c.replicas,
                "needed": c.needed,
                "availability": c.availability,
                "overloaded": c.overloaded,
                "instance_basis": c.instance_basis,
                "capacity_basis": c.capacity_basis,
            }
            for cid, c in result.components.items()
        },
        "zones": result.zones,
        "saturated": result.saturated,
        # Saturated components whose gains show only together (each alone gains nothing).
        "saturated_together": (
            {"ids": result.together.ids, "gain": result.together.gain} if result.together else None
        ),
        "weakest": [
            {"kind": w.kind, "id": w.id, "availability": w.availability, "gain": w.gain}
            for w in result.weakest
        ],
    }


def _simulation_json(result: SimulationResult) -> dict[str, Any]:
    return {
        "seed": result.seed,
        "duration_s": result.duration_s,
        "requests": result.requests,
        "components": {
            cid: {
                "arrival_rps": c.arrival_rps,
                "utilization": _num(c.utilization),
                "wq_ms": _num(c.wq_ms),
                "response_ms": _num(c.response_ms),
            }
            for cid, c in result.components.items()
        },
        "clients": {cid: _num(v) for cid, v in result.clients.items()},
    }
