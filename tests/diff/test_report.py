"""A pull request's worth of change (the shop pair): the JSON and markdown a reviewer reads.

The pair holds a rename (api's label), a zone move (db to eu-b), a property
change that creates a single point of failure elsewhere (web's rps rises, so
api needs all 3 of its replicas), a layout-only move (lb), an added component
and link (cache) and a removed one (search).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from archdraw.diff import FileDiff, render_json, render_markdown, render_text
from archdraw.diff.images import COLOURS, highlighted_mermaid, highlighted_svg, marks
from archdraw.diff.markdown import MARKER, MarkdownOptions
from archdraw.library import Library
from archdraw.lint import Severity
from archdraw.source import markdown_text as escape

JS = Path(__file__).resolve().parents[1] / "js"
LINK_BASE = "https://github.com/acme/shop/blob/abc123"


def test_json_lists_every_kind_of_change(shop: FileDiff) -> None:
    data = json.loads(render_json([shop], Severity.WARNING))
    assert data["version"] == 1 and data["fail_on"] == "warning"
    [file] = data["files"]
    changes = {(c["kind"], c["id"]): c for c in file["changes"]}
    assert {key: c["status"] for key, c in changes.items()} == {
        ("design", ""): "changed",
        ("component", "web"): "changed",
        ("component", "api"): "changed",
        ("component", "db"): "changed",
        ("component", "cache"): "added",
        ("component", "search"): "removed",
        ("link", "api->cache"): "added",
        ("link", "api->search"): "removed",
    }
    assert changes[("component", "api")]["fields"] == [
        {"field": "label", "old": "Shop API", "new": "Storefront API", "absent": None}
    ]
    assert changes[("component", "db")]["fields"] == [
        {"field": "zone", "old": "eu-a", "new": "eu-b", "absent": None}
    ]
    assert changes[("component", "web")]["fields"] == [
        {"field": "props.rps", "old": 400, "new": 900, "absent": None}
    ]
    assert changes[("component", "cache")]["type"] == "cache"
    # A link added or removed says what it is (its kind), as a component says its type.
    assert changes[("link", "api->cache")]["type"] == "sync"
    # lb only moved (and db's position change rides along with its zone move, unlisted).
    assert file["moved"] == ["lb"]
    assert file["counts"] == {
        "added": 2,
        "removed": 2,
        "changed": 4,
        "moved": 1,
        "introduced": 2,
        # AD304 on the new cache is info: its `auth` is not stated, so nothing is known; and
        # the cache in one zone is no AD105: losing it is misses, which the database takes.
        "blocking": 1,
        "fixed": 1,
        "unchanged": 1,
    }


def test_json_derived_figures_show_the_spof_created_elsewhere(shop: FileDiff) -> None:
    derived = json.loads(render_json([shop], Severity.WARNING))["files"][0]["derived"]
    new_points = {p["id"] for p in derived["single_points_of_failure"]["new"]}
    # Only web's rps changed near api, yet api now needs all 3 replicas: one lost fails requests.
    # (The added one-node cache is none: a cache misses, and the database takes the misses.)
    assert "component:api" in new_points and "component:cache" not in new_points
    figures = {f["key"]: f for f in derived["figures"]}
    assert figures["availability:web"]["new"] < figures["availability:web"]["old"]
    saturation = figures["saturation"]
    assert (saturation["detail_old"], saturation["detail_new"]) == ("api", "api")
    assert saturation["old"] == pytest.approx(900 / 400) and saturation["new"] == pytest.approx(1)
    assert all(f["basis"].startswith("derived") for f in derived["figures"])


def test_json_findings_are_matched_by_rule_and_element(shop: FileDiff) -> None:
    findings = json.loads(render_json([shop], Severity.WARNING))["files"][0]["findings"]
    assert sorted((f["code"], f["component"]) for f in findings["introduced"]) == [
        ("AD209", "api"),
        ("AD304", "cache"),
    ]
    assert [(f["code"], f["component"]) for f in findings["fixed"]] == [("AD105", "search")]
    # The rename changed the message of api's AD106 (it names the label): still the same finding.
    [unchanged] = findings["unchanged"]
    assert (unchanged["code"], unchanged["component"]) == ("AD106", "api")
    assert "Storefront API" in unchanged["message"]


def test_blocking_follows_fail_on(shop: FileDiff) -> None:
    assert {f.code for f in shop.blocking(Severity.ERROR)} == {"AD209"}
    assert len(shop.blocking(Severity.INFO)) == 2


def test_markdown_comment(shop: FileDiff, library: Library) -> None:
    text = render_markdown([shop], library, MarkdownOptions(Severity.ERROR, LINK_BASE))
    lines = text.splitlines()
    assert lines[0] == MARKER
    assert lines[1] == "## archdraw design review: ❌ 1 new finding at or above error"
    assert "**2 added, 2 removed, 4 changed; 1 layout move; availability " in text
    assert (
        "| 🟡 changed | component `api` (Storefront API) | label: Shop API → Storefront API |"
        in lines
    )
    assert "| 🟡 changed | component `db` (Orders DB) | zone: eu-a → eu-b |" in lines
    assert "| 🟢 added | component `cache` (Session cache) | type cache |" in lines
    assert "| 🔴 removed | component `search` (Product search) | type search\\_index |" in lines
    assert "<sub>1 layout-only move not listed.</sub>" in lines
    assert "| Availability for Web shoppers | 99.9495 % | 99.6753 % |" in lines
    # Named as the change table names elements, not by the key "component:api".
    assert (
        "**New single points of failure:** zone `eu-a` (EU zone A), component `api` "
        "(Storefront API)" in text
    )
    blocking = text.split("#### New blocking findings (at or above error)")[1].split("####")[0]
    assert blocking.count("\n- ") == 1
    assert (
        f"[designs/shop.archdraw.yaml:26]({LINK_BASE}/designs/shop.archdraw.yaml#L26)" in blocking
    )
    assert "**AD209** saturation on `api`" in blocking
    others = text.split("#### Other new findings")[1].split("####")[0]
    assert "**AD105**" not in others and "**AD304**" in others
    fixed = text.split("#### Fixed findings")[1].split("<details>")[0]
    assert "`main:designs/shop.archdraw.yaml:54`" in fixed  # the line in the older version
    assert "<details><summary>1 unchanged finding</summary>" in lines
    assert text.count("```mermaid") == 2 and "class cache diff_added" in text


def test_markdown_without_changes_says_so(shop: FileDiff, library: Library) -> None:
    text = render_markdown([], library)
    assert "No design changed." in text and "✅ no new finding at or above warning" in text


def test_markdown_escapes_user_text() -> None:
    # A code span stays code (its content is shown literally); the rest is escaped.
    assert escape("a | b <script> `x` *y*") == "a \\| b &lt;script&gt; `x` \\*y\\*"
    assert escape("`<img src=x>`") == "`<img src=x>`"  # literal inside code: never HTML


def test_text_form(shop: FileDiff) -> None:
    text = render_text([shop], Severity.WARNING)
    assert "~ component api (Storefront API)\n    label: Shop API → Storefront API\n" in text
    assert "+ component cache (Session cache) [cache]" in text
    assert "- component search (Product search) [search_index]" in text
    assert "(1 layout-only move; --layout lists them)" in text
    assert "+ single point of failure: component api (Storefront API)" in text
    assert "\033[" not in text
    assert "\033[32m+ component cache" in render_text([shop], Severity.WARNING, colour=True)


def test_svg_highlights_changed_elements(shop: FileDiff, library: Library) -> None:
    after = highlighted_svg(shop.new.design, library, marks(shop.changes, "new"))
    before = highlighted_svg(shop.old.design, library, marks(shop.changes, "old"))
    # A halo inside each marked component's group, drawn before (under) its box.
    assert re.search(r'<g class="component" data-id="cache"><rect class="diff-added"', after)
    assert re.search(r'<g class="component" data-id="search"><rect class="diff-removed"', before)
    assert re.search(r'<g class="component" data-id="api"><rect class="diff-changed"', after)
    assert 'data-id="lb"><rect class="diff' not in after  # layout-only: not highlighted
    # A wide line under the added link, in the added colour.
    assert re.search(rf'<(poly)?line class="diff-added" stroke="{COLOURS["added"]}"', after)
    assert "diff-removed" not in after and "diff-added" not in before


def test_mermaid_pictures_parse_with_mermaid_and_carry_the_classes(
    shop: FileDiff, library: Library, tmp_path: Path
) -> None:
    if not (JS / "node_modules" / "mermaid").is_dir() or not shutil.which("node"):
        pytest.skip("mermaid is not installed (npm install --prefix tests/js)")
    texts = {
        side: highlighted_mermaid(design, library, marks(shop.changes, side))
        for side, design in (("old", shop.old.design), ("new", shop.new.design))
    }
    files = []
    for side, text in texts.items():
        (tmp_path / f"{side}.mmd").write_text(text, encoding="utf-8")
        files.append(str(tmp_path / f"{side}.mmd"))
    done = subprocess.run(
        ["node", str(JS / "check-mermaid.mjs"), "--json", *files],
        cwd=JS,
        capture_output=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr.decode()
    old, new = json.loads(done.stdout)
    classes = {n["id"]: n["classes"] for n in new["nodes"]}
    assert "diff_added" in classes["cache"] and "diff_changed" in classes["api"]
    assert not any("diff_" in c for c in classes["lb"])
    assert "diff_removed" in {n["id"]: n["classes"] for n in old["nodes"]}["search"]
