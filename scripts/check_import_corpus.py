"""Check `archdraw import` against a corpus of real inputs and a reviewer's expectations.

Usage: .venv/bin/python scripts/check_import_corpus.py [CORPUS_DIR] [-v]

CORPUS_DIR (default: ../shared/import-corpus beside the repository) holds inputs, each with a
`NAME.expect.json` beside it: `inputs`, and lists of `components`, `links`, `props`, `zones`
and `absent` expectations, each with a `why`. Every input set is imported with
`archdraw.imports.import_files` (what `archdraw import` runs, without the layout step and with
the built-in tables only), the design is saved to a temporary folder, `archdraw validate` and
`archdraw lint --format json` run on it, and each expectation is checked against the saved
design as loaded back. Prints per file the expectations met out of the total and each miss
with its `why` (`-v`: the met ones too, with what matched), then the overall figure. A report,
not a test: exit 0 unless the script itself crashes (a failing import is a miss, not a crash).
"""

from __future__ import annotations

import argparse
import contextlib
import html
import io
import json
import re
import sys
import tempfile
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from archdraw.cli.main import main as cli_main  # noqa: E402
from archdraw.imports import import_files  # noqa: E402
from archdraw.io import DesignError, dumps, loads  # noqa: E402
from archdraw.library import Library, load_library  # noqa: E402
from archdraw.model.types import Component, Design  # noqa: E402
from archdraw.source import SourceError  # noqa: E402

_TAG = re.compile(r"<[^>]*>")
_OTHER = re.compile(r"[^a-z0-9]+")


def norm(text: str) -> str:
    """Lower case, HTML dropped, every run of other characters one `-` (so - _ . are alike)."""
    plain = html.unescape(_TAG.sub(" ", text)).lower()
    return _OTHER.sub("-", plain).strip("-")


def _tier(candidate: str, name: str) -> int | None:
    """0: equal; 1: ends with the name as whole words; 2: contains it as whole words."""
    if not candidate or not name:
        return None
    if candidate == name:
        return 0
    if candidate.endswith("-" + name):
        return 1
    if f"-{name}-" in f"-{candidate}-":
        return 2
    return None


def matches(design: Design, names: Iterable[str]) -> list[Component]:
    """The components matching the first name (then alias) that matches any, at its best tier."""
    for name in map(norm, names):
        best: dict[int, list[Component]] = {}
        for comp in design.components:
            tiers = [
                t
                for text in (comp.id, comp.label or "")
                if (t := _tier(norm(text), name)) is not None
            ]
            if tiers:
                best.setdefault(min(tiers), []).append(comp)
        if best:
            return best[min(best)]
    return []


@dataclass
class Outcome:
    total: int = 0
    misses: list[str] = field(default_factory=list)
    met: list[str] = field(default_factory=list)

    def check(self, ok: bool, what: str, why: str, detail: str = "") -> None:
        self.total += 1
        extra = f" [{detail}]" if detail else ""
        if ok:
            self.met.append(f"{what}{extra}")
        else:
            self.misses.append(f"{what}{extra}\n      why: {why}")


class Checker:
    def __init__(self, design: Design, text: str, expect: dict[str, Any]) -> None:
        self.design, self.text, self.expect = design, text, expect
        self.names: dict[str, list[str]] = {
            e["name"]: [e["name"], *e.get("aliases", [])] for e in expect.get("components", [])
        }
        self.expected_ids = {c.id for names in self.names.values() for c in matches(design, names)}
        self.out: dict[str, list[str]] = {}
        for link in design.links:
            self.out.setdefault(link.source, []).append(link.target)

    def ends(self, ref: str | dict[str, str]) -> tuple[str, set[str]]:
        if isinstance(ref, dict):
            kind = ref["type"]
            return f"any {kind}", {c.id for c in self.design.components if c.type == kind}
        return ref, {c.id for c in matches(self.design, self.names.get(ref, [ref]))}

    def path(self, starts: set[str], goals: set[str], hops: int) -> bool:
        """A path of at most `hops` links whose inner components are not other expected ones."""
        avoid = self.expected_ids - starts - goals
        queue = deque((s, 0) for s in starts)
        seen = set(starts)
        while queue:
            node, depth = queue.popleft()
            if depth == hops:
                continue
            for nxt in self.out.get(node, []):
                if nxt in goals:
                    return True
                if nxt not in seen and nxt not in avoid:
                    seen.add(nxt)
                    queue.append((nxt, depth + 1))
        return False

    def zone_chain(self, comp: Component) -> list[str]:
        zones = {z.id: z for z in self.design.zones}
        chain, current = [], comp.zone
        while current is not None and current in zones and current not in chain:
            chain.append(current)
            current = zones[current].parent
        return chain

    def run(self, out: Outcome) -> None:
        by_id = {c.id: c for c in self.design.components}
        for e in self.expect.get("components", []):
            found = matches(self.design, self.names[e["name"]])
            types, need = e.get("types"), e.get("min_count", 1)
            good = [c for c in found if types is None or c.type in types]
            seen = ", ".join(f"{c.id}:{c.type}" for c in found[:6]) or "no match"
            want = "any type" if types is None else "/".join(types)
            out.check(
                len(good) >= need, f"component {e['name']} ({want}, >= {need})", e["why"], seen
            )
        for e in self.expect.get("links", []):
            src_name, src = self.ends(e["from"])
            dst_name, dst = self.ends(e["to"])
            hops = e.get("hops", 2)
            ok = self.path(src, dst, hops) or (
                e.get("either_direction", False) and self.path(dst, src, hops)
            )
            out.check(
                ok,
                f"link {src_name} -> {dst_name} (<= {hops} hops)",
                e["why"],
                "" if src and dst else "an end is missing",
            )
        for e in self.expect.get("props", []):
            found = matches(self.design, self.names.get(e["name"], [e["name"]]))
            values = [c.props.get(e["prop"]) for c in found]
            ok = any(
                isinstance(v, int | float) and not isinstance(v, bool) and e["min"] <= v <= e["max"]
                for v in values
            )
            out.check(
                ok,
                f"prop {e['name']}.{e['prop']} in [{e['min']}, {e['max']}]",
                e["why"],
                f"found {values}",
            )
        for e in self.expect.get("zones", []):
            self.zone(e, out, by_id)
        for e in self.expect.get("absent", []):
            if "component" in e:
                found = matches(self.design, e["component"])
                out.check(
                    not found,
                    f"no component {e['component']}",
                    e["why"],
                    ", ".join(c.id for c in found),
                )
            if "text" in e:
                out.check(e["text"] not in self.text, f"text {e['text']!r} absent", e["why"])

    def zone(self, e: dict[str, Any], out: Outcome, by_id: dict[str, Component]) -> None:
        def zone_of(name: str) -> str | None:
            found = matches(self.design, self.names.get(name, [name]))
            return found[0].zone if len(found) == 1 else None

        if "same" in e:
            got = [zone_of(n) for n in e["same"]]
            ok = None not in got and len(set(got)) == 1
            out.check(ok, f"same zone {e['same']}", e["why"], f"zones {got}")
        elif "different" in e:
            got = [zone_of(n) for n in e["different"]]
            ok = None not in got and len(set(got)) == len(got)
            out.check(ok, f"different zones {e['different']}", e["why"], f"zones {got}")
        elif "within" in e:
            found = matches(self.design, self.names.get(e["within"], [e["within"]]))
            zones = {z.id: z for z in self.design.zones}
            chains = [self.zone_chain(c) for c in found]
            wanted = norm(e["zone"])
            ok = any(
                wanted in norm(z) or wanted in norm(zones[z].label or "")
                for chain in chains
                for z in chain
            )
            out.check(ok, f"{e['within']} within zone {e['zone']!r}", e["why"], f"chains {chains}")


def _cli(argv: list[str]) -> tuple[int, str]:
    """Run `archdraw ARGV` in this process: its exit code and what it printed."""
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
        code = cli_main(argv)
    return code, printed.getvalue()


def check_case(expect_path: Path, library: Library, workdir: Path) -> Outcome:
    expect = json.loads(expect_path.read_text(encoding="utf-8"))
    inputs = [expect_path.parent / name for name in expect["inputs"]]
    out = Outcome()
    try:
        result = import_files(inputs, library, user_mappings=False)
    except SourceError as error:
        out.check(False, "import", "the import must succeed", "; ".join(map(str, error.problems)))
        return out
    out.check(True, "import", "the import must succeed")
    text = dumps(result.design)
    saved = workdir / (expect_path.name.removesuffix(".expect.json") + ".archdraw.yaml")
    saved.write_text(text, encoding="utf-8")
    code, printed = _cli(["validate", "-q", "--no-user-types", str(saved)])
    out.check(code == 0, "archdraw validate", "the design must validate", printed.strip()[:300])
    code, printed = _cli(["lint", "--format", "json", "--no-user-types", str(saved)])
    out.check(code in (0, 1), "archdraw lint", "lint must exit 0 or 1", f"exit {code}")
    try:
        loaded = loads(text, str(saved), library)
    except DesignError:
        return out
    Checker(loaded.design, text, expect).run(out)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(REPO.parent / "shared" / "import-corpus"))
    parser.add_argument("-v", "--verbose", action="store_true", help="list met ones too")
    args = parser.parse_args(argv)
    corpus = Path(args.corpus)
    cases = sorted(corpus.glob("*.expect.json")) if corpus.is_dir() else []
    if not cases:
        print(
            f"no import corpus at {corpus} (a folder of inputs with NAME.expect.json beside "
            "them); give its path as the argument"
        )
        return 0
    # The built-in library and tables only, so every machine gets the same figures.
    library = load_library()
    met = total = 0
    workdir = Path(tempfile.mkdtemp(prefix="archdraw-corpus-"))
    for case in cases:
        out = check_case(case, library, workdir)
        name = case.name.removesuffix(".expect.json")
        hit = out.total - len(out.misses)
        met, total = met + hit, total + out.total
        print(f"{name}: {hit}/{out.total}")
        for done in out.met if args.verbose else []:
            print(f"  met  {done}")
        for miss in out.misses:
            print(f"  MISS {miss}")
    print(f"overall: {met}/{total} expectations met in {len(cases)} files")
    print(f"(imported designs kept in {workdir})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
