"""The availability section of the analysis text: per client, what is saturated, the weakest
links and the per-instance figures assumed."""

from __future__ import annotations

from archdraw.analysis.availability import (
    VISIBLE_GAIN,
    AvailabilityResult,
    WeakLink,
    downtime_per_year,
    percent_available,
)
from archdraw.analysis.report import AnalysisReport
from archdraw.analysis.text_table import rate as _rate
from archdraw.analysis.text_table import table as _table
from archdraw.analysis.weakest import zone_words


def _and(ids: list[str]) -> str:
    """ "a and b", "a, b and c"."""
    return ids[0] if len(ids) == 1 else ", ".join(ids[:-1]) + " and " + ids[-1]


def availability_lines(report: AnalysisReport, top: int) -> list[str]:
    result = report.availability
    assert result is not None
    if not result.clients:
        return ["Availability: no clients to measure it for"]
    # Zero because it cannot carry today's load is not a year of outages: say which.
    if result.design == 0 and result.saturated:
        why = "saturated today, see below"
    elif result.design >= 1:
        why = "never down"
    elif result.design <= 0:
        why = "down all year"
    else:
        why = f"about {downtime_per_year(result.design)} down a year"
    lines = [f"Availability: {percent_available(result.design)} ({why})"]
    rows = [
        [
            client,
            percent_available(value),
            "saturated" if value == 0 and result.saturated else downtime_per_year(value),
        ]
        for client, value in result.clients.items()
    ]
    lines += _table(rows, right=(1,))
    lines += _saturated(result)
    # Rows that would show +0.0000 change nothing a reader can see: left out.
    weakest = [w for w in result.weakest if w.gain >= VISIBLE_GAIN][:top]
    together = result.together
    if weakest or together:
        lines.append("Weakest links (design availability gained if it never failed):")
        rows = [
            [_named(report, w), percent_available(w.availability), f"+{w.gain * 100:.4f} points"]
            for w in weakest
        ]
        if together:
            rows.append(
                [
                    "components " + " + ".join(together.ids) + " together",
                    "saturated",
                    f"+{together.gain * 100:.4f} points",
                ]
            )
        lines += _table(rows, right=(1, 2))
    if together:
        lines.append(
            f"  {_and(together.ids)} are saturated on the same requests: fixing one alone "
            "gains nothing while another stays saturated; the row is the gain if all of them "
            "carried today's load and never failed"
        )
    by_figure: dict[float, list[str]] = {}
    for figure in result.components.values():
        if figure.instance_basis == "default":
            by_figure.setdefault(figure.instance, []).append(figure.id)
    if by_figure:
        lines.append(
            "Assumed per instance (the library's figure for any component of the type, no "
            "product's; state `availability` where you know it):"
        )
        for value, ids in sorted(by_figure.items()):
            lines.append(f"  {value * 100:.6g} %: {', '.join(ids)}")
    return lines


def _saturated(result: AvailabilityResult) -> list[str]:
    """Components whose availability is 0 because their load needs more instances than they
    have: said apart, so a 0 reads as saturation, not as failing instances."""
    figures = [result.components[cid] for cid in result.saturated]
    if not figures:
        return []
    lines = [
        "Saturated today, so 0 % available (even with every instance up they cannot carry "
        "today's load; see --growth, AD209):"
    ]
    rows = []
    for c in figures:
        capacity = "library default" if c.capacity_basis == "default" else c.capacity_basis
        rows.append(
            [
                c.id,
                (
                    f"no instance count is enough: its writes fill each copy (shard it), "
                    f"has {c.replicas}"
                    if c.writes_fill
                    else f"needs {c.needed} instances, has {c.replicas}"
                ),
                f"{_rate(c.arrival_rps)} req/s at {c.capacity_rps or 0:,.6g} req/s each "
                f"({capacity} capacity)",
            ]
        )
    return lines + _table(rows)


def _named(report: AnalysisReport, link: WeakLink) -> str:
    """ "component api", or a zone by its kind ("region use1"): one tree holds every kind."""
    return zone_words(report.graph, link.id) if link.kind == "zone" else f"{link.kind} {link.id}"
