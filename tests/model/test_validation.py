"""validate_design against a three-type fake catalog: the model needs no component library."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from archdraw.model import Component, Design, Link, PropProblem, Zone, validate_design

TYPES = {"client": {"rps"}, "service": {"replicas"}, "database": {"replicas", "backups"}}


class FakeCatalog:
    def has_type(self, type_id: str) -> bool:
        return type_id in TYPES

    def type_ids(self) -> Iterable[str]:
        return TYPES

    def check_props(self, type_id: str, props: Mapping[str, Any]) -> list[PropProblem]:
        known = TYPES[type_id]
        problems = [PropProblem(name, "unknown property") for name in props if name not in known]
        if props.get("replicas", 1) < 1:
            problems.append(PropProblem("replicas", "must be at least 1"))
        return problems

    def check_link_props(self, props: Mapping[str, Any]) -> list[PropProblem]:
        return [PropProblem(name, "unknown property") for name in props if name != "calls"]


def link(source: str, target: str, **fields: Any) -> Link:
    return Link.model_validate({"from": source, "to": target, **fields})


def test_valid_design_has_no_issues() -> None:
    design = Design(
        archdraw=1,
        name="ok",
        zones=[Zone(id="r", kind="region"), Zone(id="z", parent="r")],
        components=[
            Component(id="web", type="client"),
            Component(id="api", type="service", zone="z"),
        ],
        links=[link("web", "api", props={"calls": 2})],
    )
    assert validate_design(design, FakeCatalog()) == []


def test_every_problem_is_reported_with_its_path() -> None:
    design = Design(
        archdraw=1,
        name="bad",
        zones=[Zone(id="a", parent="b"), Zone(id="b", parent="a"), Zone(id="c", parent="nowhere")],
        components=[
            Component(id="a", type="service"),
            Component(id="db", type="database", zone="ghost", props={"replicas": 0}),
            Component(id="x", type="mainframe"),
            Component(id="odd", type="service", props={"replicas": {"nested": 1}}),
            Component(id="typo", type="client", props={"rpz": 1}),
        ],
        links=[link("db", "nobody"), link("db", "x", props={"tls": True}), link("db", "x")],
    )
    found = {
        (issue.path, issue.message.split(":")[0])
        for issue in validate_design(design, FakeCatalog())
    }
    paths = {path for path, _ in found}
    assert ("components", 0, "id") in paths  # 'a' is also a zone
    assert ("zones", 0, "parent") in paths  # the cycle a -> b -> a
    assert ("zones", 2, "parent") in paths  # parent that is not a zone
    assert ("components", 1, "zone") in paths
    assert ("components", 1, "props", "replicas") in paths
    assert ("components", 2, "type") in paths
    assert ("components", 3, "props", "replicas") in paths
    assert ("components", 4, "props", "rpz") in paths
    assert ("links", 0, "to") in paths
    assert ("links", 1, "props", "tls") in paths
    assert ("links", 2) in paths  # duplicate key db->x
    assert len(paths) == 11
