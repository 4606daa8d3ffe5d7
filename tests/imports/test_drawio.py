"""draw.io: AWS and generic shapes, plain and compressed pages, and the round trip."""

from __future__ import annotations

import base64
import re
import urllib.parse
import zlib
from pathlib import Path

from tests.imports.conftest import DATA
from tests.imports.helpers import links, record, types

from archdraw.export.drawio import export
from archdraw.imports import import_files
from archdraw.io import load
from archdraw.library import Library

PLAIN = DATA / "drawio" / "aws-web.drawio"
SAMPLES = Path(__file__).resolve().parents[2] / "sample_designs"


def _compressed(tmp_path: Path) -> Path:
    text = PLAIN.read_text(encoding="utf-8")
    model = re.search(r"<mxGraphModel.*</mxGraphModel>", text, re.S).group(0)  # type: ignore[union-attr]
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    packed = deflate.compress(urllib.parse.quote(model).encode()) + deflate.flush()
    page = base64.b64encode(packed).decode()
    path = tmp_path / "compressed.drawio"
    path.write_text(
        f'<mxfile host="x"><diagram id="p1" name="Web tier">{page}</diagram></mxfile>',
        encoding="utf-8",
    )
    return path


def test_aws_and_generic_shapes(library: Library) -> None:
    result = import_files([PLAIN], library, user_mappings=False)
    assert types(result) == {
        "client": "client",
        "Public-ALB": "load_balancer",
        "App-servers": "service",
        "Orders-DB": "database",
        "Order-queue": "queue",
    }
    assert record(result, "Order-queue")[0] == "guessed"  # only the label says it is a queue
    assert record(result, "Orders-DB")[0] == "guessed"  # a cylinder: a store, probably
    assert record(result, "Public-ALB")[0] == "inferred"
    assert set(links(result)) == {
        "client->Public-ALB",
        "Public-ALB->App-servers",
        "App-servers->Orders-DB",
        "App-servers->Order-queue",
    }
    design = result.design
    assert design.link("Public-ALB->App-servers").label == "HTTPS"  # type: ignore[union-attr]
    assert {z.id: z.kind for z in design.zones} == {"Production-VPC": "network"}
    # Positions are kept: centres, with container offsets added.
    assert design.component("App-servers").position == (430.0, 180.0)  # type: ignore[union-attr]
    assert design.component("App-servers").zone == "Production-VPC"  # type: ignore[union-attr]
    assert result.block.skipped == {"edge": 1, "text or edge label": 1}
    assert any("ends at a zone" in text for text in result.block.unresolved)


def test_compressed_page_gives_the_same_design(tmp_path: Path, library: Library) -> None:
    plain = import_files([PLAIN], library, user_mappings=False).design
    packed = import_files([_compressed(tmp_path)], library, user_mappings=False).design
    assert packed.components == plain.components and packed.links == plain.links


def test_round_trip_through_archdraws_own_export(tmp_path: Path, library: Library) -> None:
    for sample in sorted(SAMPLES.glob("*.archdraw.yaml"))[:4]:
        original = load(sample, library).design
        path = tmp_path / f"{sample.stem}.drawio"
        path.write_text(export(original, library), encoding="utf-8")
        back = import_files([path], library, user_mappings=False).design
        assert {(c.id, c.type, c.zone) for c in back.components} == {
            (c.id, c.type, c.zone) for c in original.components
        }, sample.name
        assert {(k.source, k.target, k.kind) for k in back.links} == {
            (k.source, k.target, k.kind) for k in original.links
        }
        assert {(z.id, z.kind, z.parent) for z in back.zones} == {
            (z.id, z.kind, z.parent) for z in original.zones
        }
        assert {c.id: c.props for c in back.components} == {
            c.id: c.props for c in original.components
        }
