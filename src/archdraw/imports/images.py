"""Typing a running thing by its container image, then by its name (Compose, Kubernetes)."""

from __future__ import annotations

from dataclasses import dataclass

from archdraw.imports.mapping import MappingTables, Rule


def image_names(image: str) -> tuple[str, str]:
    """`registry:5000/team/app:1.2@sha256:...` -> (`team/app`, `app`)."""
    path = image.split("@")[0]
    head, _, last = path.rpartition("/")
    last = last.split(":")[0]
    parts = [*(head.split("/") if head else []), last]
    if len(parts) > 1 and ("." in parts[0] or ":" in parts[0] or parts[0] == "localhost"):
        parts = parts[1:]
    if parts[:1] == ["library"]:
        parts = parts[1:]
    return "/".join(parts).lower(), parts[-1].lower()


@dataclass(frozen=True)
class Typing:
    type: str
    rule: str
    confidence: str
    technology: str | None = None


def type_of(mapping: MappingTables, image: str | None, *names: str) -> Typing:
    """The type an image says (inferred), else one its names suggest (guessed), else a
    service (defaulted: a running process that is no known product serves requests)."""
    if image:
        full, last = image_names(image)
        rule = mapping.first("images.by_image", full, last)
        if rule is not None:
            return _typing(rule, f"image {full}")
        names = (*names, last)
    rule = mapping.first("images.by_name", *names)
    if rule is not None:
        return _typing(rule, f"name {names[0]}")
    return Typing("service", "no rule matched: a service", "defaulted")


def _typing(rule: Rule, what: str) -> Typing:
    technology = rule.get("technology")
    return Typing(rule.get("type"), f"{rule.name} ({what})", rule.confidence, technology)
