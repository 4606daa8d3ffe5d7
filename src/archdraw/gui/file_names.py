"""What the editor calls files and designs after each other."""

from __future__ import annotations

from pathlib import Path

DESIGN_SUFFIX = ".archdraw.yaml"


def name_from_file(path: Path) -> str:
    """A design name from its file name: "online-checkout.archdraw.yaml": "online checkout"."""
    stem = path.name
    for suffix in (DESIGN_SUFFIX, ".yaml", ".yml"):
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    return " ".join(stem.replace("-", " ").replace("_", " ").split())


def slug(name: str) -> str:
    """A file name from a design name: "Untitled design": "untitled-design"."""
    return (
        "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in name.lower()).strip("-")
        or "design"
    )
