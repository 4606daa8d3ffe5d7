"""Every sample design loads, validates, lints as expected, lays out and exports.

The expected findings of each sample live beside it in
`sample_designs/expected/<slug>.yaml` (code, severity and element per finding),
so a rule change that alters what a sample reports shows up as a reviewed diff.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
import yaml

from archdraw.export import FORMATS, export_design
from archdraw.io import load
from archdraw.io.samples import SAMPLE_SUFFIX, list_samples, sample_dir
from archdraw.layout import auto_layout
from archdraw.library import Library
from archdraw.lint import lint_design
from archdraw.model.validation import validate_design
from archdraw.style import NODE_HEIGHT, NODE_WIDTH

SAMPLES = sorted(sample_dir().glob(f"*{SAMPLE_SUFFIX}"))
EXPECTED_DIR = sample_dir() / "expected"
NAMED_CODE = re.compile(r"\bAD\d{3}\b")


def slug(path: Path) -> str:
    return path.name.removesuffix(SAMPLE_SUFFIX)


def finding_key(code: str, severity: str, element: str) -> tuple[str, str, str]:
    return (code, severity, element)


def actual_findings(path: Path, library: Library) -> list[tuple[str, str, str]]:
    loaded = load(path, library)
    found = lint_design(loaded.design, library, loaded.locations)
    return sorted(
        finding_key(f.code, str(f.severity), f.component or f.link or f.zone or "") for f in found
    )


def expected_findings(path: Path) -> list[tuple[str, str, str]]:
    data: dict[str, Any] = yaml.safe_load((EXPECTED_DIR / f"{slug(path)}.yaml").read_text())
    entries = data.get("findings") or []
    return sorted(
        finding_key(
            e["code"],
            e["severity"],
            e.get("component") or e.get("link") or e.get("zone") or "",
        )
        for e in entries
    )


ids = [slug(p) for p in SAMPLES]


def test_the_study_plan_is_covered() -> None:
    names = {slug(p) for p in SAMPLES}
    assert "twitter" in names, "scripts/run.sh opens sample_designs/twitter.archdraw.yaml"
    naive = {n for n in names if n.endswith("-naive")}
    assert len(naive) >= 3
    for name in naive:
        assert name.removesuffix("-naive") in names, f"{name} has no refined counterpart"
    assert len(names - naive) >= 25


@pytest.mark.parametrize("path", SAMPLES, ids=ids)
def test_sample_loads_and_validates(path: Path, library: Library) -> None:
    design = load(path, library).design
    assert validate_design(design, library) == []
    refined = not slug(path).endswith("-naive")
    low, high = (10, 30) if refined else (5, 30)
    assert low <= len(design.components) <= high, len(design.components)
    unlabelled = [link.key for link in design.links if not link.label]
    assert unlabelled == [], "every link says what flows over it"
    doc = design.doc
    assert doc.purpose and doc.boundaries
    assert doc.principles and doc.tradeoffs and doc.failure_modes and doc.scaling_limits
    assert any(c.type == "client" and "rps" in c.props for c in design.components)


@pytest.mark.parametrize("path", [p for p in SAMPLES if not slug(p).endswith("-naive")], ids=slug)
def test_refined_document_answers_the_four_questions(path: Path, library: Library) -> None:
    doc = load(path, library).design.doc
    text = " ".join([doc.boundaries or "", *doc.principles, *doc.failure_modes]).lower()
    questions = {
        "grows 10x": "10x" in " ".join(doc.scaling_limits).lower(),
        "fails halfway": "halfway" in " ".join(doc.failure_modes).lower(),
        "someone plugs in": "plug" in text,
        "data out of order": "out of order" in " ".join(doc.failure_modes).lower(),
    }
    assert [q for q, answered in questions.items() if not answered] == []


@pytest.mark.parametrize("path", SAMPLES, ids=ids)
def test_findings_match_the_expected_list(path: Path, library: Library) -> None:
    assert actual_findings(path, library) == expected_findings(path)


@pytest.mark.parametrize("path", SAMPLES, ids=ids)
def test_refined_has_no_errors_and_naive_has_what_its_doc_names(
    path: Path, library: Library
) -> None:
    found = actual_findings(path, library)
    if not slug(path).endswith("-naive"):
        # Risks a refined design accepts are ignored in its `lint:` block, with the reason.
        assert [f for f in found if f[1] in ("error", "warning")] == []
        return
    design = load(path, library).design
    named = set(NAMED_CODE.findall(" ".join(design.doc.failure_modes)))
    assert named, "a naive sample's document names the rules it breaks"
    assert named <= {code for code, _, _ in found}
    errors = {code for code, severity, _ in found if severity == "error"}
    assert errors, "a naive sample shows at least one error"
    assert errors <= named, "every error in a naive sample is explained in its document"


def test_list_samples_finds_every_sample_with_name_and_purpose() -> None:
    infos = list_samples()
    assert [info.path for info in infos] == SAMPLES
    for info in infos:
        assert info.name and info.purpose
        assert info.naive == info.slug.endswith("-naive")
        assert "  " not in info.purpose  # folded to one line for the gallery


def test_list_samples_skips_unreadable_files(tmp_path: Path) -> None:
    (tmp_path / "good-naive.archdraw.yaml").write_text(
        "archdraw: 1\nname: Good\ndoc:\n  purpose: >-\n    Two\n    lines\n"
    )
    (tmp_path / "broken.archdraw.yaml").write_text("name: [unclosed\n")
    (tmp_path / "list.archdraw.yaml").write_text("- a\n- b\n")
    (tmp_path / "nameless.archdraw.yaml").write_text("archdraw: 1\n")
    infos = list_samples(tmp_path)
    assert [(i.name, i.purpose, i.naive) for i in infos] == [
        ("Good", "Two lines", True),
        ("nameless", "", False),
    ]
    assert list_samples(tmp_path / "missing") == []


def overlapping(positions: dict[str, tuple[float, float]]) -> list[tuple[str, str]]:
    """Pairs of component boxes (centres, NODE_WIDTH x NODE_HEIGHT) that overlap."""
    items = sorted(positions.items())
    return [
        (a, b)
        for i, (a, (ax, ay)) in enumerate(items)
        for b, (bx, by) in items[i + 1 :]
        if abs(ax - bx) < NODE_WIDTH and abs(ay - by) < NODE_HEIGHT
    ]


@pytest.mark.parametrize("path", SAMPLES, ids=ids)
def test_stored_layout_places_every_component_without_overlap(path: Path, library: Library) -> None:
    design = load(path, library).design
    positions = {c.id: c.position for c in design.components if c.position is not None}
    assert len(positions) == len(design.components), "run `archdraw layout` on the sample"
    assert overlapping(positions) == []


@pytest.mark.parametrize("path", SAMPLES, ids=ids)
def test_layout_places_a_sample_whose_positions_are_missing(path: Path, library: Library) -> None:
    design = load(path, library).design
    for component in design.components:
        component.position = None
    result = auto_layout(design, library)
    assert set(result.positions) == {c.id for c in design.components}
    assert overlapping(result.positions) == []


def check_export(fmt: str, output: bytes | str, path: Path, library: Library) -> None:
    design = load(path, library).design
    if fmt == "png":
        assert isinstance(output, bytes) and output.startswith(b"\x89PNG\r\n\x1a\n")
    elif fmt == "pdf":
        assert isinstance(output, bytes) and output.startswith(b"%PDF")
    elif fmt == "json":
        assert isinstance(output, str)
        data = json.loads(output)
        assert [c["id"] for c in data["design"]["components"]] == [c.id for c in design.components]
    elif fmt == "svg":
        assert isinstance(output, str)
        ids_drawn = {e.get("data-id") for e in ElementTree.fromstring(output).iter()}
        assert {c.id for c in design.components} <= ids_drawn
    else:
        assert isinstance(output, str)
        missing = [c.id for c in design.components if c.id not in output and c.title not in output]
        assert missing == [], f"{fmt} export lost components"


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("path", SAMPLES, ids=ids)
def test_sample_exports_to_every_format(path: Path, fmt: str, library: Library) -> None:
    design = load(path, library).design
    # A small scale keeps PNG rendering fast; the drawing code is the same at any scale.
    check_export(fmt, export_design(design, library, fmt, scale=0.5), path, library)


def test_sample_dir_prefers_the_copy_inside_an_installed_wheel(tmp_path: Path) -> None:
    package = tmp_path / "site-packages" / "archdraw"
    package.mkdir(parents=True)
    assert sample_dir(package) == tmp_path / "sample_designs"
    wheel_copy = package / "_data" / "sample_designs"
    wheel_copy.mkdir(parents=True)
    assert sample_dir(package) == wheel_copy


def test_sample_dir_is_the_repository_folder_in_a_source_checkout() -> None:
    assert sample_dir() == Path(__file__).resolve().parents[2] / "sample_designs"
