"""The design as plain, ordered data: what the file holds and what exporters read."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from archdraw.model.types import (
        Component,
        CostSettings,
        Design,
        DesignDoc,
        Link,
        LintSettings,
        Zone,
    )


def _number(value: float) -> float | int:
    # 120.0 is written as 120 so hand-written files keep their look after a save.
    return int(value) if float(value).is_integer() and abs(value) < 2**53 else value


def _drop_none(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    return {key: value for key, value in pairs if value is not None and value != {} and value != []}


def zone_to_data(zone: Zone) -> dict[str, Any]:
    return _drop_none(
        [("id", zone.id), ("label", zone.label), ("kind", zone.kind), ("parent", zone.parent)]
    )


def component_to_data(component: Component) -> dict[str, Any]:
    position = None
    if component.position is not None:
        position = [_number(component.position[0]), _number(component.position[1])]
    return _drop_none(
        [
            ("id", component.id),
            ("type", component.type),
            ("label", component.label),
            ("zone", component.zone),
            ("position", position),
            ("notes", component.notes),
            ("props", dict(sorted(component.props.items()))),
        ]
    )


def link_to_data(link: Link) -> dict[str, Any]:
    return _drop_none(
        [
            ("id", link.id),
            ("from", link.source),
            ("to", link.target),
            ("kind", link.kind),
            ("label", link.label),
            ("props", dict(sorted(link.props.items()))),
        ]
    )


def doc_to_data(doc: DesignDoc) -> dict[str, Any]:
    return _drop_none(
        [
            ("purpose", doc.purpose),
            ("principles", list(doc.principles)),
            ("boundaries", doc.boundaries),
            ("tradeoffs", list(doc.tradeoffs)),
            ("failure_modes", list(doc.failure_modes)),
            ("scaling_limits", list(doc.scaling_limits)),
        ]
    )


def lint_to_data(lint: LintSettings) -> dict[str, Any]:
    ignores = [
        _drop_none(
            [
                ("rule", item.rule),
                ("component", item.component),
                ("link", item.link),
                ("zone", item.zone),
                ("reason", item.reason),
            ]
        )
        for item in lint.ignore
    ]
    return _drop_none(
        [
            ("disable", list(lint.disable)),
            ("severity", dict(sorted(lint.severity.items()))),
            ("ignore", ignores),
            ("options", dict(sorted(lint.options.items()))),
        ]
    )


def cost_to_data(cost: CostSettings) -> dict[str, Any]:
    return _drop_none(
        [
            ("budget_month", None if cost.budget_month is None else _number(cost.budget_month)),
            ("availability_target", cost.availability_target),
            ("average_load", cost.average_load),
            ("prices", {key: _number(value) for key, value in sorted(cost.prices.items())}),
        ]
    )


def design_to_data(design: Design) -> dict[str, Any]:
    return _drop_none(
        [
            ("archdraw", design.archdraw),
            ("name", design.name),
            ("description", design.description),
            ("doc", doc_to_data(design.doc)),
            ("zones", [zone_to_data(z) for z in design.zones]),
            ("components", [component_to_data(c) for c in design.components]),
            ("links", [link_to_data(k) for k in design.links]),
            ("lint", lint_to_data(design.lint)),
            ("cost", cost_to_data(design.cost)),
            ("import", import_to_data(design)),
        ]
    )


def import_to_data(design: Design) -> dict[str, Any] | None:
    if design.imported is None:
        return None
    return design.imported.model_dump(by_alias=True, exclude_defaults=True)
