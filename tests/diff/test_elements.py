"""compare_designs: every kind of change, matched by id; canonical_text for git's textconv."""

from __future__ import annotations

from archdraw.diff import canonical_text, compare_designs
from archdraw.diff.elements import FieldChange
from archdraw.io import LoadedDesign

BASE = """\
archdraw: 1
name: Pair
zones:
  - {id: z1, label: Zone one}
  - {id: z2, label: Zone two}
components:
  - {id: web, type: client, position: [0, 0], props: {rps: 100}}
  - {id: api, type: service, label: API, zone: z1, position: [200, 0], props: {replicas: 2}}
  - {id: db, type: database, zone: z1, position: [400, 0]}
links:
  - {from: web, to: api}
  - {from: api, to: db, props: {timeout_ms: 100}}
"""


def variant(load_text, *pairs: tuple[str, str]) -> LoadedDesign:  # type: ignore[no-untyped-def]
    text = BASE
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new)
    loaded: LoadedDesign = load_text(text)
    return loaded


def test_identical_designs_have_no_change(load_text) -> None:  # type: ignore[no-untyped-def]
    changes = compare_designs(variant(load_text).design, variant(load_text).design)
    assert changes.empty and not changes.moved


def test_a_rename_is_a_label_change_on_the_same_id(load_text) -> None:  # type: ignore[no-untyped-def]
    new = variant(load_text, ("label: API,", "label: Storefront API,"))
    changes = compare_designs(variant(load_text).design, new.design)
    [change] = changes.changes
    assert (change.kind, change.id, change.status, change.title) == (
        "component",
        "api",
        "changed",
        "Storefront API",
    )
    assert change.fields == (FieldChange("label", "API", "Storefront API"),)


def test_a_zone_move_and_a_property_change_are_fields(load_text) -> None:  # type: ignore[no-untyped-def]
    new = variant(
        load_text,
        ("zone: z1, position: [400, 0]", "zone: z2, position: [400, 0]"),
        ("props: {replicas: 2}", "props: {replicas: 3, auth: true}"),
    )
    changes = {c.id: c for c in compare_designs(variant(load_text).design, new.design).changes}
    assert changes["db"].fields == (FieldChange("zone", "z1", "z2"),)
    assert changes["api"].fields == (
        FieldChange("props.auth", None, True),
        FieldChange("props.replicas", 2, 3),
    )


def test_layout_only_moves_are_hidden_unless_asked(load_text) -> None:  # type: ignore[no-untyped-def]
    new = variant(load_text, ("position: [200, 0]", "position: [260, 80]"))
    hidden = compare_designs(variant(load_text).design, new.design)
    assert hidden.empty
    assert [(m.id, m.status) for m in hidden.moved] == [("api", "moved")]
    shown = compare_designs(variant(load_text).design, new.design, layout=True)
    assert [(c.id, c.status, c.fields[0].field) for c in shown.changes] == [
        ("api", "moved", "position")
    ]


def test_a_move_with_a_real_change_lists_only_the_real_one(load_text) -> None:  # type: ignore[no-untyped-def]
    new = variant(load_text, ("zone: z1, position: [400, 0]", "zone: z2, position: [400, 90]"))
    [change] = compare_designs(variant(load_text).design, new.design).changes
    assert [f.field for f in change.fields] == ["zone"]


def test_added_removed_and_link_changes(load_text) -> None:  # type: ignore[no-untyped-def]
    new = variant(
        load_text,
        ("  - {id: db,", "  - {id: cache, type: cache}\n  - {id: db,"),
        ("  - {from: web, to: api}\n", "  - {from: api, to: cache}\n"),
        ("props: {timeout_ms: 100}", "kind: async, props: {timeout_ms: 250}"),
    )
    changes = compare_designs(variant(load_text).design, new.design)
    summary = {(c.kind, c.id, c.status) for c in changes.changes}
    assert summary == {
        ("component", "cache", "added"),
        ("link", "api->cache", "added"),
        ("link", "web->api", "removed"),
        ("link", "api->db", "changed"),
    }
    [link] = [c for c in changes.changes if c.id == "api->db"]
    assert link.fields == (
        FieldChange("kind", "sync", "async"),
        FieldChange("props.timeout_ms", 100, 250),
    )
    assert changes.of_status("added")[0].type == "cache"


def test_design_level_fields_are_compared(load_text) -> None:  # type: ignore[no-untyped-def]
    new = variant(load_text, ("name: Pair", "name: Pair\ndoc: {purpose: Sell things}"))
    [change] = compare_designs(variant(load_text).design, new.design).changes
    assert change.kind == "design"
    assert change.fields == (FieldChange("doc.purpose", None, "Sell things"),)


def test_canonical_text_is_sorted_one_field_per_line(load_text) -> None:  # type: ignore[no-untyped-def]
    text = canonical_text(variant(load_text).design)
    blocks = [block.splitlines()[0] for block in text.split("\n\n")]
    assert blocks == [
        "design Pair",
        "zone z1",
        "zone z2",
        "component api",
        "component db",
        "component web",
        "link api->db",
        "link web->api",
    ]
    assert "  props.replicas: 2\n" in text and "  zone: z1\n" in text
    assert "position" not in text
    assert "  position: [200, 0]\n" in canonical_text(variant(load_text).design, layout=True)


def test_canonical_text_ignores_element_order_and_layout(load_text) -> None:  # type: ignore[no-untyped-def]
    reordered = variant(
        load_text,
        (
            "  - {from: web, to: api}\n  - {from: api, to: db, props: {timeout_ms: 100}}\n",
            "  - {from: api, to: db, props: {timeout_ms: 100}}\n  - {from: web, to: api}\n",
        ),
        ("position: [200, 0]", "position: [10, 10]"),
    )
    assert canonical_text(reordered.design) == canonical_text(variant(load_text).design)


def test_canonical_text_spells_lists_item_by_item(load_text) -> None:  # type: ignore[no-untyped-def]
    design = variant(
        load_text,
        (
            "name: Pair\n",
            "name: Pair\ndoc:\n  principles: [Cache reads., Fail fast.]\n"
            "lint:\n  ignore:\n    - {rule: AD602, reason: Agents ship metrics.}\n",
        ),
    ).design
    text = canonical_text(design)
    assert "  doc.principles[0]: Cache reads.\n  doc.principles[1]: Fail fast.\n" in text
    assert "  lint.ignore[0].reason: Agents ship metrics.\n  lint.ignore[0].rule: AD602\n" in text
    assert "{'rule'" not in text  # never a Python repr
