"""The README's pull-request comment example is what `archdraw diff --format markdown`
writes for the shop pair (tests/diff/data), and stays so.

Refresh it with `.venv/bin/python tests/diff/test_readme_example.py`.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from archdraw.cli.main import run

REPO = Path(__file__).resolve().parents[2]
README = REPO / "README.md"
START, END = "<!-- diff-example -->\n", "<!-- /diff-example -->"
LINK_BASE = "https://github.com/acme/shop/blob/4f2c9e1"


def example_comment(folder: Path) -> str:
    """The comment for the shop pair as the GitHub Action posts it: the design committed
    before, changed in the working tree, `archdraw diff BASE` over every changed design."""
    data = Path(__file__).parent / "data"
    design = folder / "designs" / "shop.archdraw.yaml"
    design.parent.mkdir(parents=True, exist_ok=True)

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True, timeout=60)

    git("init", "-q", "-b", "main")
    design.write_bytes((data / "shop-before.archdraw.yaml").read_bytes())
    git("add", "-A")
    git("-c", "user.email=t@example.com", "-c", "user.name=T", "commit", "-q", "-m", "shop")
    design.write_bytes((data / "shop-after.archdraw.yaml").read_bytes())
    output = folder / "comment.md"
    here = Path.cwd()
    os.chdir(folder)
    try:
        argv = ["diff", "main", "--format", "markdown", "--link-base", LINK_BASE]
        run([*argv, "--no-user-types", "-o", str(output)])
    finally:
        os.chdir(here)
    return output.read_text(encoding="utf-8")


def block(comment: str) -> str:
    return f"{START}````markdown\n{comment}````\n{END}"


def test_readme_shows_the_current_comment(tmp_path: Path) -> None:
    text = README.read_text(encoding="utf-8")
    found = re.search(re.escape(START) + r".*?" + re.escape(END), text, re.S)
    assert found, "README has no diff example"
    expected = block(example_comment(tmp_path))
    assert found.group(0) == expected, (
        "stale: run .venv/bin/python tests/diff/test_readme_example.py"
    )


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        fresh = block(example_comment(Path(folder)))
    text = README.read_text(encoding="utf-8")
    updated = re.sub(re.escape(START) + r".*?" + re.escape(END), lambda _: fresh, text, flags=re.S)
    README.write_text(updated, encoding="utf-8")
    sys.exit(0)
