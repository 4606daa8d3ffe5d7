"""User component types: a folder of YAML files adds types; broken files are reported, skipped."""

from __future__ import annotations

from pathlib import Path

from archdraw.library import load_library, user_library_dir

GOOD = """\
types:
  - id: feature_flags
    label: Feature flag service
    category: operations
    icon: toggle-left
    stateful: true
    summary: Turns features on and off without a deploy.
    explanation: |
      Lets you ship code dark and switch it on for some users first.
    properties:
      replicas: {default: 2}
      latency_ms: {default: 2}
"""
BROKEN_YAML = "types:\n  - id: broken\n    label: [unclosed\n"
BAD_TYPE = """\
types:
  - id: half
    label: Half a type
    category: storage
    summary: Fine so far.
    properties:
      replicas: {default: 0}
  - id: odd
    label: Odd
    category: gadgets
    summary: Unknown category.
  - id: ok_too
    label: Still fine
    category: compute
    summary: The good type in a file with bad ones is kept.
"""


def test_user_folder_adds_a_type(tmp_path: Path) -> None:
    (tmp_path / "flags.yaml").write_text(GOOD, encoding="utf-8")
    library = load_library(user_dirs=[tmp_path])
    assert library.problems == []
    flags = library.types["feature_flags"]
    assert flags.category == "operations" and flags.stateful
    assert flags.default("replicas") == 2
    assert flags.properties["replicas"].minimum == 1  # inherited from the shared spec
    assert "service" in library.types


def test_broken_user_files_are_reported_and_skipped(tmp_path: Path) -> None:
    (tmp_path / "a_broken.yaml").write_text(BROKEN_YAML, encoding="utf-8")
    (tmp_path / "b_bad.yaml").write_text(BAD_TYPE, encoding="utf-8")
    (tmp_path / "c_flags.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "d_binary.yaml").write_bytes(b"\x00\x01\x02")
    library = load_library(user_dirs=[tmp_path])
    assert {"feature_flags", "ok_too"} <= set(library.types)
    assert not {"broken", "half", "odd"} & set(library.types)
    located = {(Path(p.path).name, p.line): p.message for p in library.problems}
    # The file ends inside the list: the error points at the end of its last line.
    assert "malformed YAML" in located[("a_broken.yaml", 3)]
    assert "starts on line 3" in located[("a_broken.yaml", 3)]
    assert "default of 'replicas'" in located[("b_bad.yaml", 7)]
    assert "unknown category 'gadgets'" in located[("b_bad.yaml", 10)]
    assert "binary" in located[("d_binary.yaml", 1)]
    for problem in library.problems:
        assert str(problem).startswith(f"{problem.path}:{problem.line}:{problem.column}: ")


def test_user_type_can_replace_a_builtin(tmp_path: Path) -> None:
    (tmp_path / "cache.yaml").write_text(
        GOOD.replace("feature_flags", "cache").replace("operations", "storage"), encoding="utf-8"
    )
    assert load_library(user_dirs=[tmp_path]).types["cache"].label == "Feature flag service"


def test_missing_user_folder_is_fine(tmp_path: Path) -> None:
    library = load_library(user_dirs=[tmp_path / "nowhere"])
    assert library.problems == [] and "cache" in library.types


def test_user_folder_is_in_the_platform_config_dir() -> None:
    import platformdirs

    expected = Path(platformdirs.user_config_dir("archdraw")) / "component_library"
    assert user_library_dir() == expected


FORMATS = """\
types:
  - id: named
    label: Named
    category: compute
    summary: Its technology must be a name.
    properties:
      technology: {format: name}
  - id: numbered
    label: Numbered
    category: compute
    summary: A format on a number is refused.
    properties:
      replicas: {format: name}
  - id: unknown_format
    label: Unknown format
    category: compute
    summary: A format the library does not know is refused.
    properties:
      technology: {format: email}
"""


def test_a_text_property_may_require_a_name(tmp_path: Path) -> None:
    (tmp_path / "formats.yaml").write_text(FORMATS, encoding="utf-8")
    library = load_library(user_dirs=[tmp_path])
    spec = library.types["named"].properties["technology"]
    assert spec.format == "name" and spec.describe_range() == "name"
    assert spec.check("PostgreSQL") is None
    assert spec.check("Postgre SQL") == (
        "expected a name: letters, digits, '-', '_' or '.', no spaces; got 'Postgre SQL'"
    )
    assert library.types["service"].properties["technology"].check("Postgre SQL") is None
    assert not {"numbered", "unknown_format"} & set(library.types)
    refused = [p.message for p in library.problems]
    assert refused == [
        "property 'replicas': format applies to text, one of name",
        "property 'technology': format applies to text, one of name",
    ]
