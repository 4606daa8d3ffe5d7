from __future__ import annotations

from archdraw.imports import ImportResult


def record(result: ImportResult, subject: str) -> tuple[str, str]:
    element = next(e for e in result.block.elements if e.subject == subject)
    return element.confidence, element.rule


def links(result: ImportResult) -> dict[str, str]:
    return {link.key: link.kind for link in result.design.links}


def types(result: ImportResult) -> dict[str, str]:
    return {c.id: c.type for c in result.design.components}
