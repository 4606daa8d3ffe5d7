"""Load and save speed of generated designs, as ratios against PyYAML's C loader.

Baseline: `yaml.load(text, Loader=yaml.CSafeLoader)` of the same file, in the
same run. Measured: `archdraw.io.load` (parse with locations, duplicate-key and
budget checks, pydantic model, cross-element validation) and `archdraw.io.save`
(deterministic text, atomic write with fsync). Each figure is the median of
--repeat runs. Target: load within about 1.5x of the baseline.

    .venv/bin/python benchmarks/bench_io.py [--sizes 1000 10000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from archdraw.io import dumps, load, save
from archdraw.library import builtin_library
from generate import generate_design
from timing import median_seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    library = builtin_library()
    print(f"PyYAML {yaml.__version__}, libyaml: {yaml.__with_libyaml__}; median of {args.repeat}")
    header = f"{'components':>10} {'lines':>8} {'yaml.load':>10} {'load':>8} {'ratio':>6}"
    print(header + f" {'dumps':>8} {'save':>8} {'ratio':>6}")
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            design = generate_design(size, args.seed, library)
            path = Path(folder) / f"generated-{size}.archdraw.yaml"
            save(design, path)
            text = path.read_text(encoding="utf-8")

            def baseline(text: str = text) -> object:
                return yaml.load(text, Loader=yaml.CSafeLoader)

            def load_design(path: Path = path) -> object:
                return load(path, library)

            assert load(path, library).design == design
            base = median_seconds(baseline, args.repeat)
            loading = median_seconds(load_design, args.repeat)
            dumping = median_seconds(lambda design=design: dumps(design), args.repeat)
            saving = median_seconds(
                lambda design=design, path=path: save(design, path), args.repeat
            )
            print(
                f"{size:>10,} {text.count(chr(10)):>8,} {base:>9.3f}s {loading:>7.3f}s"
                f" {loading / base:>5.2f}x {dumping:>7.3f}s {saving:>7.3f}s {saving / base:>5.2f}x"
            )


if __name__ == "__main__":
    main()
