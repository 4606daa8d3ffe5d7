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
    """A file name from a design name: "AI job queue (LLM)": "ai-job-queue-llm"."""
    kept = "".join(ch if ch.isalnum() or ch in "-_" else " " for ch in name.lower())
    return "-".join(kept.replace("-", " ").split()) or "design"
