"""Failure, growth and availability analysis of a design (no Qt).

- `analyze_failure(design, library, components, zones, whole=False)`: what is
  down or degraded, which client requests still complete, data at risk.
- `weakest_points(design, library)`: every single failure, ranked by traffic lost;
  `single_points_of_failure(graph)`: the one-instance components among them (AD101).
- `analyze_growth(design, library, growth)`: arrival rates, utilization,
  M/M/c queueing latency, the bottleneck and where each component saturates.
- `analyze_availability(design, library)`: expected availability per client
  and the weakest link.
- `simulate(design, library, growth, seed=...)`: a SimPy check of the growth model.
- `traffic(design, library)`: arrival rates per component, the one traffic model
  (`archdraw.analysis.traffic`) that lint and the editor read too.
- `data_roles(design, library)`: primaries, copies, shards, standbys and the store
  each cache fronts (`archdraw.analysis.roles`).
- `run_analysis(...)` does any of these on one traffic graph; `to_json` and
  `render_text` print the result.

The models, their assumptions and limits are described in the README
("Analysis") and in each module's docstring.

`simulate` and `SimulationResult` are loaded on first use, so analyses that
do not simulate never import SimPy.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from archdraw.analysis.availability import AvailabilityResult, analyze_availability
from archdraw.analysis.capacity import GrowthResult, analyze_growth
from archdraw.analysis.failure import FailureResult, UnknownElement, analyze_failure
from archdraw.analysis.graph import TrafficGraph, build_graph
from archdraw.analysis.report import AnalysisReport, run_analysis, to_json
from archdraw.analysis.roles import DataRole, DataRoles, data_roles
from archdraw.analysis.simulation_defaults import DEFAULT_REQUESTS
from archdraw.analysis.text import render_text
from archdraw.analysis.traffic import Traffic, arrival_rates, traffic
from archdraw.analysis.weakest import WeakPoint, single_points_of_failure, weakest_points

if TYPE_CHECKING:
    from archdraw.analysis.simulation import SimulationResult, simulate

_LAZY = {name: "archdraw.analysis.simulation" for name in ("SimulationResult", "simulate")}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "DEFAULT_REQUESTS",
    "AnalysisReport",
    "AvailabilityResult",
    "DataRole",
    "DataRoles",
    "FailureResult",
    "GrowthResult",
    "SimulationResult",
    "Traffic",
    "TrafficGraph",
    "UnknownElement",
    "WeakPoint",
    "analyze_availability",
    "analyze_failure",
    "analyze_growth",
    "arrival_rates",
    "build_graph",
    "data_roles",
    "render_text",
    "run_analysis",
    "simulate",
    "single_points_of_failure",
    "to_json",
    "traffic",
    "weakest_points",
]
