"""The import report as text: what was mapped and how surely, skipped, unresolved, unknown."""

from __future__ import annotations

from collections import Counter

from archdraw.model.provenance import ImportBlock
from archdraw.model.types import Design
from archdraw.source import printable_joined
from archdraw.source.printable import plural


def summary(design: Design, block: ImportBlock) -> str:
    counts = Counter(e.confidence for e in block.elements)
    sure = ", ".join(
        f"{counts[c]} {c}" for c in ("explicit", "inferred", "guessed", "defaulted") if counts[c]
    )
    return (
        f"imported {plural(len(design.components), 'component')}, "
        f"{plural(len(design.links), 'link')}, {plural(len(design.zones), 'zone')} "
        f"from {block.format} ({sure or 'nothing'})"
    )


def render(design: Design, block: ImportBlock) -> str:
    """The report a person reads after an import (the CLI prints it, the editor shows it)."""
    lines = [summary(design, block), ""]
    types = {c.id: c.type for c in design.components}
    for element in block.elements:
        what = element.component or element.zone or element.link or "?"
        kind = types.get(what, "zone" if element.zone else "link")
        extra = "".join(f"; {name} {how}" for name, how in element.properties.items())
        lines.append(
            f"  {element.confidence:<9} {kind:<15} {what}  <- {element.source}  "
            f"[{element.rule}{extra}]"
        )
        lines.extend(f"{'':12}{text}" for text in element.evidence)
    if len(block.pages) > 1:
        shown = ", ".join(
            f"{name!r}{' (imported)' if name in block.imported_pages else ''}"
            for name in block.pages
        )
        lines += ["", f"pages: {shown}; choose with --page NAME|NUMBER, or --page all"]
    if block.dependencies:
        lines += ["", "start-up order only (not drawn as links, not a request path):"]
        lines += [f"  {d.source} after {d.target}" for d in block.dependencies]
    if block.skipped:
        lines += ["", "skipped: " + ", ".join(f"{n} {kind}" for kind, n in block.skipped.items())]
    if block.unresolved:
        lines += ["", "unresolved:"] + [f"  {text}" for text in block.unresolved]
    if block.unknown:
        lines += ["", "unknown (library default kept):"]
        lines += [f"  {u.component or '-'}: {u.property}: {u.why}" for u in block.unknown]
    guesses = block.unconfirmed_guesses()
    if guesses:
        lines += [
            "",
            f"{len(guesses)} guess(es) to confirm: check each, then set `confirmed: true` on its "
            "entry in the file's import: block (lint rule AD607 lists them)",
        ]
    return printable_joined(lines) + "\n"  # names come from the imported files: escaped
