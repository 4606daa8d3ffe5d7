"""Saving: round trip, byte-identical re-saves, one-line diffs, atomic writes, stable text."""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

from archdraw.io import DesignError, dumps, load, loads, save
from archdraw.library import Library
from archdraw.model import Component, Design, DesignDoc, Link, LintIgnore, LintSettings, Zone
from archdraw.model.edits import MoveComponents

SAMPLE = """\
archdraw: 1
name: Photo sharing
description: Free text.
doc:
  purpose: Let people share photos.
  principles: [stateless services, cache reads]
zones:
  - {id: us-east, label: US East, kind: region}
  - {id: use-a, label: us-east-1a, kind: zone, parent: us-east}
components:
  - id: web
    type: client
    label: Mobile and web apps
    props: {rps: 2000}
  - id: lb
    type: load_balancer
    zone: use-a
    position: [120, 40]
    props: {replicas: 2, failover: active-active, capacity_rps: 50000}
  - id: api
    type: service
    zone: use-a
    position: [320, 40]
  - id: cache
    type: cache
    props: {hit_ratio: 0.9}
  - id: db
    type: database
links:
  - {from: web, to: lb, kind: sync, label: HTTPS, props: {tls: true}}
  - {from: lb, to: api}
  - {from: api, to: cache}
  - {id: api-db, from: api, to: db, kind: sync, props: {calls: 3}}
lint:
  disable: [AD204]
  severity: {AD105: info}
  ignore: [{rule: AD101, component: lb, reason: accepted for the MVP}]
"""


@pytest.fixture
def design(library: Library) -> Design:
    return loads(SAMPLE, "sample.archdraw.yaml", library).design


def test_save_then_load_gives_the_same_design(
    design: Design, library: Library, tmp_path: Path
) -> None:
    path = tmp_path / "photo.archdraw.yaml"
    save(design, path)
    loaded = load(path, library)
    assert loaded.design == design
    assert loaded.path == path


def test_issue_example_keeps_its_values(design: Design) -> None:
    lb = design.component("lb")
    assert lb is not None and lb.position == (120.0, 40.0)
    assert lb.props == {"replicas": 2, "failover": "active-active", "capacity_rps": 50000}
    assert design.link("api-db") is not None and design.link("web->lb") is not None
    assert design.lint.ignore == [
        LintIgnore(rule="AD101", component="lb", reason="accepted for the MVP")
    ]


def test_saving_twice_is_byte_identical(design: Design, library: Library, tmp_path: Path) -> None:
    first, second = tmp_path / "a.archdraw.yaml", tmp_path / "b.archdraw.yaml"
    save(design, first)
    save(load(first, library).design, second)
    assert first.read_bytes() == second.read_bytes()
    save(design, first)
    assert first.read_bytes() == second.read_bytes()


def test_moving_one_component_changes_one_line(design: Design) -> None:
    before = dumps(design).splitlines()
    MoveComponents({"api": (400.5, 80)}).apply(design)
    after = dumps(design).splitlines()
    changed = [
        line
        for line in difflib.unified_diff(before, after, lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert changed == ["-  position: [320, 40]", "+  position: [400.5, 80]"]


def test_first_position_adds_exactly_one_line(design: Design) -> None:
    before = dumps(design).splitlines()
    MoveComponents({"db": (10, 10)}).apply(design)
    diff = list(difflib.ndiff(before, dumps(design).splitlines()))
    assert [line for line in diff if line[:1] in "+-"] == ["+   position: [10, 10]"]


def test_keys_are_written_in_a_fixed_order(library: Library) -> None:
    shuffled = """\
lint: {severity: {AD2: info, AD1: error}}
links: [{props: {tls: true, calls: 2}, to: b, from: a}]
components:
  - {props: {tls: true, replicas: 2}, type: service, id: a, label: A}
  - {type: service, id: b}
name: Shuffled
archdraw: 1
"""
    text = dumps(loads(shuffled, "s.archdraw.yaml", library).design)
    assert text == (
        "archdraw: 1\n"
        "name: Shuffled\n"
        "components:\n"
        "- id: a\n"
        "  type: service\n"
        "  label: A\n"
        "  props: {replicas: 2, tls: true}\n"
        "- id: b\n"
        "  type: service\n"
        "links:\n"
        "- {from: a, to: b, kind: sync, props: {calls: 2, tls: true}}\n"
        "lint:\n"
        "  severity: {AD1: error, AD2: info}\n"
    )


def test_no_anchors_or_aliases_even_for_shared_values() -> None:
    shared = ["same", "list"]
    design = Design(
        archdraw=1,
        name="Shared",
        doc=DesignDoc(principles=shared, failure_modes=shared),
        components=[Component(id="a", type="service", props={"tags": "x"})],
    )
    text = dumps(design)
    assert "&" not in text and "*" not in text


def test_multi_line_text_is_a_literal_block(library: Library) -> None:
    purpose = "First line.\nSecond line: with a colon.\n\n  Indented # not a comment\n"
    design = Design(
        archdraw=1,
        name="Doc",
        description="one\ntwo",
        doc=DesignDoc(purpose=purpose, principles=["a\nb"]),
        components=[Component(id="a", type="service", notes="note 1\nnote 2")],
    )
    text = dumps(design)
    assert "purpose: |" in text and "notes: |" in text
    assert loads(text, "doc.archdraw.yaml", library).design == design


def test_awkward_strings_are_quoted(library: Library) -> None:
    labels = ["yes", "null", "1e3", "0x10", "- dash", "a: b", "#hash", "'", '"', " pad ", "~"]
    design = Design(
        archdraw=1,
        name="Quotes",
        components=[Component(id=f"c{i}", type="service", label=t) for i, t in enumerate(labels)],
    )
    loaded = loads(dumps(design), "q.archdraw.yaml", library).design
    assert [c.label for c in loaded.components] == labels


def test_empty_sections_are_left_out() -> None:
    text = dumps(Design(archdraw=1, name="Empty", doc=DesignDoc(), lint=LintSettings()))
    assert text == "archdraw: 1\nname: Empty\n"


def test_save_failing_midway_leaves_original_and_no_temporary(
    design: Design, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "photo.archdraw.yaml"
    save(design, path)
    original = path.read_bytes()
    design.name = "Changed"

    def broken_replace(source: object, target: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="No space"):
        save(design, path)
    assert path.read_bytes() == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["photo.archdraw.yaml"]


def test_save_keeps_file_permissions(design: Design, tmp_path: Path) -> None:
    path = tmp_path / "photo.archdraw.yaml"
    path.write_text("old", encoding="utf-8")
    path.chmod(0o640)
    save(design, path)
    assert path.stat().st_mode & 0o777 == 0o640


def test_save_writes_utf8_and_loads_back(library: Library, tmp_path: Path) -> None:
    design = Design(
        archdraw=1,
        name="Café «東京» \U0001f680",
        components=[Component(id="a", type="service", label="Ünïcode ✓")],
        zones=[Zone(id="z", label="Zürich")],
        links=[],
    )
    path = tmp_path / "u.archdraw.yaml"
    save(design, path)
    # libyaml escapes characters beyond the BMP (the rocket); the rest stays readable.
    assert "Café «東京»" in path.read_text(encoding="utf-8")
    assert load(path, library).design == design


def test_locations_point_at_elements(library: Library) -> None:
    loaded = loads(SAMPLE, "sample.archdraw.yaml", library)
    lines = SAMPLE.splitlines()

    def line_of(text: str) -> int:
        return next(i for i, line in enumerate(lines, 1) if text in line)

    assert loaded.locations.components["lb"] == (line_of("- id: lb"), 5)
    assert loaded.locations.zones["use-a"] == (line_of("{id: use-a"), 5)
    assert loaded.locations.links["api-db"] == (line_of("{id: api-db"), 5)
    assert loaded.locations.links["web->lb"] == (line_of("{from: web"), 5)
    assert loaded.locations.lint_ignores == ((line_of("ignore:"), 12),)


def test_link_between_unknown_components_after_edit_is_refused_on_load(
    design: Design, library: Library
) -> None:
    design.links.append(Link.model_validate({"from": "api", "to": "ghost"}))
    with pytest.raises(DesignError, match="'ghost', which is not a component"):
        loads(dumps(design), "x.archdraw.yaml", library)


def test_save_through_a_symlink_keeps_the_link(
    design: Design, library: Library, tmp_path: Path
) -> None:
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "photo.archdraw.yaml"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.archdraw.yaml"
    link.symlink_to(target)
    save(design, link)
    assert link.is_symlink()
    assert load(target, library).design == design
    assert sorted(p.name for p in (tmp_path / "real").iterdir()) == ["photo.archdraw.yaml"]


def test_an_interrupted_saves_temporary_is_ignorable_and_cleaned(
    design: Design, tmp_path: Path
) -> None:
    import fnmatch

    from archdraw.io.save import TEMPORARY_SUFFIX

    target = tmp_path / "shop.archdraw.yaml"
    save(design, target)
    dead = tmp_path / f".{target.name}.999999999.abc{TEMPORARY_SUFFIX}"
    live = tmp_path / f".{target.name}.{os.getppid()}.def{TEMPORARY_SUFFIX}"
    other = tmp_path / f".other.archdraw.yaml.999999999.ghi{TEMPORARY_SUFFIX}"
    for leftover in (dead, live, other):
        leftover.write_text("half a design")
    # One .gitignore line covers every temporary file a save makes.
    assert fnmatch.fnmatch(dead.name, "*.archdraw-tmp")
    save(design, target)
    assert not dead.exists()  # its process is gone
    assert live.exists()  # a save still running in another process
    assert other.exists()  # not this file's
    os.utime(live, (0, 0))
    save(design, target)
    assert not live.exists()  # an hour old: left by a save that died


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root")
def test_save_as_root_keeps_the_files_owner(design: Design, tmp_path: Path) -> None:
    target = tmp_path / "theirs.archdraw.yaml"
    save(design, target)
    os.chown(target, 12345, 54321)
    save(design, target)
    assert (target.stat().st_uid, target.stat().st_gid) == (12345, 54321)


def test_saved_labels_read_back_with_a_plain_yaml_reader(library: Library) -> None:
    """Labels that end in `?`, hold `: ` or ` #` are quoted, so PyYAML's safe_load reads
    the saved file as archdraw does (issue 14: 7 of 29 samples failed there)."""
    import yaml

    labels = ["cached results?", "free on these dates?", "a: b", "a #b", "x, y", "?x"]
    links = "\n".join(
        f"  - {{from: a, to: b, id: l{i}, label: {label!r}}}" for i, label in enumerate(labels)
    )
    services = "  - {id: a, type: service}\n  - {id: b, type: service}\n"
    text = f"archdraw: 1\nname: Q\ncomponents:\n{services}links:\n{links}\n"
    saved = dumps(loads(text, "q.archdraw.yaml", library).design)
    assert [link["label"] for link in yaml.safe_load(saved)["links"]] == labels


def test_every_sample_reads_with_a_plain_yaml_reader() -> None:
    import yaml

    from archdraw.io.samples import sample_dir

    for path in sorted(sample_dir().glob("*.archdraw.yaml")):
        assert isinstance(yaml.safe_load(path.read_text(encoding="utf-8")), dict), path.name
