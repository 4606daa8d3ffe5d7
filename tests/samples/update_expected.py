"""Rewrite sample_designs/expected/*.yaml from what the linter reports today.

Run after a deliberate change to a sample or a rule, then read the diff: every
added or removed line is a finding that appeared or went away.

    .venv/bin/python tests/samples/update_expected.py [SLUG ...]
"""

from __future__ import annotations

import sys

from archdraw.io import load
from archdraw.io.samples import SAMPLE_SUFFIX, sample_dir
from archdraw.library import builtin_library
from archdraw.lint import lint_design


def render(slug: str) -> str:
    library = builtin_library()
    loaded = load(sample_dir() / f"{slug}{SAMPLE_SUFFIX}", library)
    findings = lint_design(loaded.design, library, loaded.locations)
    lines = [f"# What `archdraw lint` reports for {slug}{SAMPLE_SUFFIX}.", "findings:"]
    for f in sorted(findings, key=lambda f: (f.code, f.component or f.link or f.zone or "")):
        where = [
            (k, v) for k, v in (("component", f.component), ("link", f.link), ("zone", f.zone))
        ]
        element = "".join(f", {k}: '{v}'" for k, v in where if v is not None)
        lines.append(f"  - {{code: {f.code}, severity: {f.severity}{element}}}")
    if not findings:
        lines[-1] = "findings: []"
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    slugs = argv or [
        p.name.removesuffix(SAMPLE_SUFFIX) for p in sample_dir().glob(f"*{SAMPLE_SUFFIX}")
    ]
    target = sample_dir() / "expected"
    target.mkdir(exist_ok=True)
    for slug in sorted(slugs):
        (target / f"{slug}.yaml").write_text(render(slug), encoding="utf-8")
        print(f"wrote expected/{slug}.yaml")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
