"""draw.io: what plain rectangles and edge labels say when no shape does (AWS's own
"Availability Zone" group is a dashed rectangle with no group icon)."""

from __future__ import annotations

from pathlib import Path

from tests.imports.helpers import record

from archdraw.imports import import_files
from archdraw.library import Library

_PLAIN = "fillColor=none;strokeColor=#147EBA;dashed=1;verticalAlign=top;container=1;"


def _box(cell: str, label: str, parent: str, x: int, style: str = "rounded=1;") -> str:
    return (
        f'<mxCell id="{cell}" value="{label}" style="{style}" vertex="1" parent="{parent}">'
        f'<mxGeometry x="{x}" y="40" width="300" height="300" as="geometry"/></mxCell>'
    )


def _edge(cell: str, label: str, source: str, target: str) -> str:
    return (
        f'<mxCell id="{cell}" value="{label}" style="html=1;" edge="1" parent="1" '
        f'source="{source}" target="{target}"><mxGeometry relative="1" as="geometry"/></mxCell>'
    )


def _write(tmp_path: Path, cells: str) -> Path:
    path = tmp_path / "plain.drawio"
    path.write_text(
        '<mxfile><diagram name="P"><mxGraphModel><root><mxCell id="0"/>'
        f'<mxCell id="1" parent="0"/>{cells}</root></mxGraphModel></diagram></mxfile>',
        encoding="utf-8",
    )
    return path


def test_plain_containers_named_as_zones_regions_and_networks(
    tmp_path: Path, library: Library
) -> None:
    cells = (
        _box("r", "eu-west-1", "1", 0, _PLAIN)
        + _box("v", "Production VPC", "r", 20, _PLAIN)
        + _box("a", "Availability Zone A", "v", 20, _PLAIN)
        + _box("b", "eu-west-1b", "v", 340, _PLAIN)
        + _box("t", "Web tier", "1", 900, _PLAIN)
        + _box("x", "App", "a", 20)
        + _box("y", "App", "b", 20)
        + _box("z", "Job", "t", 20)
    )
    result = import_files([_write(tmp_path, cells)], library, user_mappings=False)
    kinds = {z.label: z.kind for z in result.design.zones}
    assert kinds == {
        "eu-west-1": "region",
        "Production VPC": "network",
        "Availability Zone A": "zone",
        "eu-west-1b": "zone",
        "Web tier": "group",
    }
    assert record(result, "Availability-Zone-A")[0] == "guessed"


def test_an_edge_labelled_with_an_encrypted_protocol_states_it(
    tmp_path: Path, library: Library
) -> None:
    cells = (
        _box("u", "Browser", "1", 0, "shape=mxgraph.aws4.users;")
        + _box("w", "Web", "1", 400)
        + _box("d", "Orders DB", "1", 800)
        + _box("q", "Payments", "1", 1200)
        + _edge("e1", "HTTPS", "u", "w")
        + _edge("e2", "HTTP", "w", "q")
        + _edge("e3", "SQL over TLS", "w", "d")
    )
    design = import_files([_write(tmp_path, cells)], library, user_mappings=False).design
    protocols = {link.key: link.props.get("protocol") for link in design.links}
    # A plain "HTTP" is any web call in a diagram: left unstated, not a claim of plaintext.
    assert protocols == {"Browser->Web": "HTTPS", "Web->Payments": None, "Web->Orders-DB": "TLS"}
