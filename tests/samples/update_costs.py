"""Write each sample's estimated cost into its design document (`scaling_limits`).

Run after changing a sample or the shipped prices: `python tests/samples/update_costs.py`.
`tests/review/test_sample_costs.py` fails while a sample quotes a stale figure.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from archdraw.cost import cost_sentence, estimate, shipped_prices
from archdraw.io import load
from archdraw.io.samples import SAMPLE_SUFFIX, sample_dir
from archdraw.library import Library, builtin_library

QUOTED = re.compile(r'^    - "Estimated cost \(archdraw review;[^\n]*"\n', re.M)


def sentence(path: Path, library: Library) -> str:
    design = load(path, library).design
    book = shipped_prices()
    return cost_sentence(estimate(design, library, book), estimate(design, library, book, 10.0))


def update(path: Path, library: Library) -> bool:
    text = path.read_text(encoding="utf-8")
    line = f'    - "{sentence(path, library)}"\n'
    if QUOTED.search(text):
        new = QUOTED.sub(lambda _m: line, text, count=1)
    else:
        new = text.replace("  scaling_limits:\n", "  scaling_limits:\n" + line, 1)
    if new != text:
        path.write_text(new, encoding="utf-8")
    return new != text


if __name__ == "__main__":
    library = builtin_library()
    changed = [p.name for p in sorted(sample_dir().glob(f"*{SAMPLE_SUFFIX}")) if update(p, library)]
    print("updated: " + (", ".join(changed) or "nothing"))
    sys.exit(0)
