"""draw.io: AWS and generic shapes, plain and compressed pages, and the round trip."""

from __future__ import annotations

import base64
import re
import urllib.parse
import zlib
from pathlib import Path

import pytest
from tests.imports.conftest import DATA
from tests.imports.helpers import links, record, types

from archdraw.export.drawio import export
from archdraw.imports import import_files, render
from archdraw.io import load
from archdraw.library import Library
from archdraw.source import SourceError

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


PAGES = DATA / "drawio" / "two-pages.drawio"


def test_the_first_page_by_default_and_the_report_lists_every_page(library: Library) -> None:
    result = import_files([PAGES], library, user_mappings=False)
    assert set(types(result)) == {"Web", "Orders-DB"}  # nothing of the second page
    assert set(links(result)) == {"Web->Orders-DB"}
    assert result.block.pages == ["Overview", "Checkout detail"]
    assert result.block.imported_pages == ["Overview"]
    text = render(result.design, result.block)
    assert "pages: 'Overview' (imported), 'Checkout detail'; choose with --page" in text


def test_a_page_by_name_or_number(library: Library) -> None:
    by_name = import_files([PAGES], library, user_mappings=False, page="Checkout detail")
    by_number = import_files([PAGES], library, user_mappings=False, page="2")
    for result in (by_name, by_number):
        assert set(types(result)) == {"Web", "Payments"}
        assert set(links(result)) == {"Web->Payments"}
        assert record(result, "Web")[0] == "defaulted"
        assert "page 2 cell 2" in next(
            e.source for e in result.block.elements if e.subject == "Web"
        )


def test_all_pages_keep_their_elements_apart(library: Library) -> None:
    result = import_files([PAGES], library, user_mappings=False, page="all")
    design = result.design
    assert {z.id: z.label for z in design.zones} == {
        "Overview": "Overview",
        "Checkout-detail": "Checkout detail",
    }
    # The "Web" box drawn on each page stays two components, each in its page's zone.
    zones = {c.id: c.zone for c in design.components}
    assert zones == {
        "Web": "Overview",
        "Orders-DB": "Overview",
        "Web-2": "Checkout-detail",
        "Payments": "Checkout-detail",
    }
    assert set(links(result)) == {"Web->Orders-DB", "Web-2->Payments"}


def test_an_unknown_page_names_the_pages_there_are(library: Library) -> None:
    with pytest.raises(SourceError) as caught:
        import_files([PAGES], library, user_mappings=False, page="3")
    message = str(caught.value.problems[0])
    assert message.startswith(f"{PAGES}:1:1:")
    assert "no page '3' in this file (its pages: 1 'Overview', 2 'Checkout detail'" in message
    with pytest.raises(SourceError, match=r"draw\.io files only"):
        import_files([DATA / "terraform" / "plan.json"], library, page="1")


def test_a_padlock_on_a_path_is_tls_not_a_box_and_a_standby_is_replicated(
    library: Library,
) -> None:
    result = import_files([DATA / "drawio" / "padlock.drawio"], library, user_mappings=False)
    assert set(types(result)) == {"Users", "CDN", "ALB", "Orders-DB", "Orders-DB-standby"}
    design = result.design
    for key in ("Users->CDN", "Users->ALB"):
        link = design.link(key)
        assert link is not None and link.props == {"tls": True}
        assert record(result, key)[1].endswith("edges through a marker join")
    assert "Users->ALB" in links(result) and "ALB->Orders-DB" in links(result)
    assert links(result)["Orders-DB->Orders-DB-standby"] == "replication"
    assert links(result)["ALB->Orders-DB"] == "sync"
    assert result.block.skipped["path marker (mxgraph.aws4.ssl_padlock)"] == 1


def test_an_unlabelled_container_is_named_by_its_shape(library: Library, tmp_path: Path) -> None:
    group = "shape=mxgraph.aws4.group;grIcon=mxgraph.aws4.group_availability_zone;container=1;"
    cells = "".join(
        f'<mxCell id="az{i}" value="" style="{group}" vertex="1" parent="1">'
        f'<mxGeometry x="{i * 300}" y="0" width="200" height="200" as="geometry"/></mxCell>'
        f'<mxCell id="app{i}" value="App" style="rounded=1;" vertex="1" parent="az{i}">'
        '<mxGeometry x="40" y="40" width="100" height="60" as="geometry"/></mxCell>'
        for i in (1, 2)
    )
    path = tmp_path / "zones.drawio"
    path.write_text(
        '<mxfile><diagram name="P"><mxGraphModel><root><mxCell id="0"/>'
        f'<mxCell id="1" parent="0"/>{cells}</root></mxGraphModel></diagram></mxfile>'
    )
    design = import_files([path], library, user_mappings=False).design
    assert {z.id: (z.label, z.kind) for z in design.zones} == {
        "availability-zone": ("availability zone", "zone"),
        "availability-zone-2": ("availability zone", "zone"),
    }
    assert {c.zone for c in design.components} == {"availability-zone", "availability-zone-2"}


def test_page_names_come_from_draw_io_files_alone_without_parsing_others(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from archdraw.imports import api, drawio_pages

    assert drawio_pages(DATA / "drawio" / "two-pages.drawio") == ["Overview", "Checkout detail"]
    # The editor asks this on its UI thread: a manifest or a plan is not parsed to answer.
    monkeypatch.setattr(api, "detect", lambda *a: pytest.fail("parsed a file that is not XML"))
    assert drawio_pages(DATA / "kubernetes" / "shop.yaml") == []
    assert drawio_pages(DATA / "terraform" / "plan.json") == []
    assert drawio_pages(tmp_path / "missing.drawio") == []


def test_aws_waf_and_firewall_shapes_are_firewalls_that_lint_looks_past(
    library: Library, tmp_path: Path
) -> None:
    from archdraw.lint import lint_design

    # Styles as draw.io's AWS 2021 library writes them (a resource icon, then `resIcon`).
    icon = (
        "sketch=0;outlineConnect=0;fontColor=#232F3E;gradientColor=#F54749;"
        "gradientDirection=north;fillColor=#C7131F;strokeColor=#ffffff;dashed=0;"
        "verticalLabelPosition=bottom;verticalAlign=top;align=center;html=1;fontSize=12;"
        "fontStyle=0;aspect=fixed;shape=mxgraph.aws4.resourceIcon;resIcon=mxgraph.aws4.{};"
    )
    cells = [
        ("users", "Users", "outlineConnect=0;html=1;shape=mxgraph.aws4.users;"),
        ("waf", "AWS WAF", icon.format("waf")),
        ("nfw", "Inspection", icon.format("network_firewall")),
        ("alb", "ALB", icon.format("application_load_balancer")),
        ("app", "Orders", icon.format("ec2")),
        ("box", "Office firewall", "rounded=1;whiteSpace=wrap;html=1;"),
    ]
    vertices = "".join(
        f'<mxCell id="{cid}" value="{label}" style="{style}" vertex="1" parent="1">'
        f'<mxGeometry x="{i * 120}" y="100" width="78" height="78" as="geometry"/></mxCell>'
        for i, (cid, label, style) in enumerate(cells)
    )
    edges = "".join(
        f'<mxCell id="e{i}" style="edgeStyle=orthogonalEdgeStyle;html=1;" edge="1" '
        f'parent="1" source="{a}" target="{b}"><mxGeometry relative="1" as="geometry"/></mxCell>'
        for i, (a, b) in enumerate(
            [("users", "waf"), ("waf", "nfw"), ("nfw", "alb"), ("alb", "app")]
        )
    )
    path = tmp_path / "waf.drawio"
    path.write_text(
        '<mxfile host="app.diagrams.net"><diagram name="Edge"><mxGraphModel><root>'
        f'<mxCell id="0"/><mxCell id="1" parent="0"/>{vertices}{edges}'
        "</root></mxGraphModel></diagram></mxfile>",
        encoding="utf-8",
    )
    result = import_files([path], library, user_mappings=False)
    found = types(result)
    assert found["AWS-WAF"] == found["Inspection"] == found["Office-firewall"] == "firewall"
    assert record(result, "AWS-WAF")[0] == "inferred"  # the shape is the product
    assert record(result, "Inspection")[0] == "inferred"
    assert record(result, "Office-firewall")[0] == "guessed"  # only the label says so
    # Neither firewall checks who calls: AD302 reaches the service behind them.
    findings = lint_design(result.design, library)
    unauthenticated = {f.component for f in findings if f.code == "AD302"}
    assert unauthenticated == {"Orders"}
    # Nor do they limit a rate they were never given: AD201 still asks for one.
    assert {f.component for f in findings if f.code == "AD201"} == {"AWS-WAF"}


def test_icons_of_managed_services_say_so_and_instance_icons_do_not(
    library: Library, tmp_path: Path
) -> None:
    icon = "shape=mxgraph.aws4.resourceIcon;resIcon=mxgraph.aws4.{};"
    shapes = {"orders": "sqs", "fn": "lambda", "table": "dynamodb", "vm": "ec2", "kafka": "msk"}
    cells = "".join(
        f'<mxCell id="{name}" value="{name}" style="{icon.format(res)}" vertex="1" parent="1">'
        f'<mxGeometry x="{i * 120}" y="0" width="78" height="78" as="geometry"/></mxCell>'
        for i, (name, res) in enumerate(shapes.items())
    )
    path = tmp_path / "managed.drawio"
    path.write_text(
        '<mxfile><diagram name="P"><mxGraphModel><root><mxCell id="0"/>'
        f'<mxCell id="1" parent="0"/>{cells}</root></mxGraphModel></diagram></mxfile>'
    )
    result = import_files([path], library, user_mappings=False)
    managed = {c.id: c.props.get("managed") for c in result.design.components}
    assert managed == {"orders": True, "fn": True, "table": True, "vm": None, "kafka": None}
    assert types(result)["fn"] == "service" and types(result)["kafka"] == "stream"
    # What the icon says is inferred, like its type: the report marks it so.
    assert record(result, "orders")[0] == "inferred"
