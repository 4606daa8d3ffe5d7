"""What the README says of the repository holds: its links land (`#anchors` name a heading,
relative paths and pictures exist), its layers are the import-linter contract's, and its
counts of the samples and of their findings are today's."""

from __future__ import annotations

import importlib
import importlib.util
import re
import tomllib
from collections import Counter
from pathlib import Path

import yaml

from archdraw.io import load
from archdraw.library import builtin_library
from archdraw.lint import lint_design

REPO = Path(__file__).resolve().parents[1]
README = REPO / "README.md"
FENCE = re.compile(r"^(`{3,}|~{3,})")
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)\)")


def prose(text: str) -> str:
    """The text outside fenced code blocks (a fence closes with at least its own length)."""
    kept, fence = [], ""
    for line in text.splitlines():
        if fence:
            if re.fullmatch(rf"{re.escape(fence[0])}{{{len(fence)},}}\s*", line):
                fence = ""
            continue
        opening = FENCE.match(line)
        if opening:
            fence = opening.group(1)
            continue
        kept.append(line)
    return "\n".join(kept)


def anchors(text: str) -> set[str]:
    """GitHub's heading anchors: lower case, punctuation dropped, spaces as dashes, -N repeats."""
    seen: dict[str, int] = {}
    found = set()
    for heading in re.findall(r"^#{1,6} (.+?)\s*#*$", text, re.M):
        slug = re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        found.add(slug if count == 0 else f"{slug}-{count}")
    return found


def test_anchors_follow_github() -> None:
    text = "# Analysis: what if it fails, what if it grows\n## Speed\n## Speed\n"
    assert anchors(text) == {"analysis-what-if-it-fails-what-if-it-grows", "speed", "speed-1"}


def test_fences_hide_their_headings() -> None:
    text = "a\n````markdown\n## inside\n```x\n```\n````\nb\n"
    assert prose(text) == "a\nb"


def test_every_link_lands() -> None:
    text = prose(README.read_text(encoding="utf-8"))
    names = anchors(text)
    broken = []
    for target in LINK.findall(text):
        if re.match(r"[a-z]+:", target):  # https:, mailto:
            continue
        path, _, anchor = target.partition("#")
        if path and not (REPO / path).exists():
            broken.append(f"{target}: no such file")
        elif not path and anchor not in names:
            broken.append(f"{target}: no such heading")
    assert not broken, broken


def test_layers_are_the_import_contract() -> None:
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    contract = next(
        c for c in pyproject["tool"]["importlinter"]["contracts"] if c["type"] == "layers"
    )
    layers = [layer.replace("archdraw.", "") for layer in reversed(contract["layers"])]
    text = README.read_text(encoding="utf-8")
    found = re.search(r"Layers, lowest first.*?:\n(.*?)\.\s", text, re.S)
    assert found, "the README no longer lists the layers"
    # The layers are the code spans joined by arrows; a note in brackets may follow one.
    chain = re.sub(r"\([^)]*\)", "", found.group(1))
    assert re.findall(r"`([^`]+)`", chain) == layers


def test_sample_counts_are_current() -> None:
    samples = sorted((REPO / "sample_designs").glob("*.archdraw.yaml"))
    data = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in samples]
    naive = sum(path.stem.endswith("-naive.archdraw") for path in samples)
    components = sum(len(d.get("components") or []) for d in data)
    links = sum(len(d.get("links") or []) for d in data)
    text = " ".join(README.read_text(encoding="utf-8").split())
    claim = (
        f"holds {len(samples)} designs of real systems from the study plan ({components:,} "
        f"components, {links:,} links): {len(samples) - naive} refined designs and {naive} "
    )
    assert claim in text, f"the README's sample counts are stale; today: {claim}"


def test_sample_findings_are_counted_right() -> None:
    library = builtin_library()
    severities: Counter[str] = Counter()
    for path in sorted((REPO / "sample_designs").glob("*.archdraw.yaml")):
        loaded = load(path, library)
        severities.update(f.severity for f in lint_design(loaded.design, library))
    text = " ".join(README.read_text(encoding="utf-8").split())
    claim = (
        f"Across all samples the linter reports {severities['error']} errors, "
        f"{severities['warning']} warnings and {severities['info']} infos"
    )
    assert claim in text, f"the README's sample findings are stale; today: {claim}"


def test_contents_lists_every_section() -> None:
    text = prose(README.read_text(encoding="utf-8"))
    contents = re.search(r"^\*\*Contents:\*\*(.*?)\n\n", text, re.S | re.M)
    assert contents, "the README has no Contents line"
    listed = LINK.findall(contents.group(1))
    sections = [f"#{a}" for a in sorted(anchors("\n".join(re.findall(r"^## .*$", text, re.M))))]
    assert sorted(listed) == sections


def test_quick_start_commands_are_the_scripts_ci_runs() -> None:
    text = README.read_text(encoding="utf-8")
    block = re.search(r"## Quick start\n.*?```bash\n(.*?)```", text, re.S)
    assert block, "the README has no Quick start commands"
    commands = [line.split("#")[0].strip() for line in block.group(1).splitlines()]
    assert commands == ["scripts/run.sh", "scripts/test.sh"]
    for command in commands:
        script = REPO / command
        assert script.is_file() and script.stat().st_mode & 0o111, f"{command} is not executable"
    run_lines = (REPO / "scripts/run.sh").read_text(encoding="utf-8").splitlines()
    assert "scripts/setup.sh" in run_lines and "exec .venv/bin/archdraw" in "\n".join(run_lines)
    ci = [
        line.strip()
        for line in (REPO / ".ci/run").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    assert ci[-1] == "exec scripts/test.sh", ".ci/run must end by running the README's test command"
    assert "`.ci/run` runs exactly `scripts/test.sh`" in text


REPO_FOLDERS = ("src/", "tests/", "scripts/", "benchmarks/", "component_library/", "packaging/",
                "docs/", "sample_designs/", ".github/", ".ci/")  # fmt: skip
QT_MODULES = ("archdraw.gui", "archdraw.export.raster")  # named, never imported here
NOT_MODULES = {"archdraw.toml", "archdraw.type"}  # a file name; a Compose label


def test_paths_and_modules_named_in_code_spans_exist() -> None:
    text = README.read_text(encoding="utf-8")
    missing = []
    for span in sorted(set(re.findall(r"`([^`\s]+)`", text))):
        if span.startswith(REPO_FOLDERS) and not re.search(r"[<*]", span):
            exists = (REPO / span).exists()
        elif re.fullmatch(r"archdraw(\.[A-Za-z_]\w*)+", span) and span not in NOT_MODULES:
            exists = names_something(span)
        else:
            continue
        if not exists:
            missing.append(span)
    assert not missing, f"the README names what does not exist: {missing}"


def names_something(dotted: str) -> bool:
    """Whether `dotted` is a module, or a module's attribute (without importing Qt)."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        module = ".".join(parts[:cut])
        try:
            found = importlib.util.find_spec(module)
        except ModuleNotFoundError:
            found = None
        if found is None:
            continue
        if cut == len(parts):
            return True
        if module.startswith(QT_MODULES):
            return False
        value: object = importlib.import_module(module)
        for name in parts[cut:]:
            if not hasattr(value, name):
                return False
            value = getattr(value, name)
        return True
    return False


def test_names_something() -> None:
    assert names_something("archdraw.lint.session.LintSession")
    assert names_something("archdraw.gui")
    assert not names_something("archdraw.lint.session.NoSuchThing")
    assert not names_something("archdraw.nosuchmodule")
