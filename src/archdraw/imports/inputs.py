"""Reading input files safely: size, depth and count limits, no code, errors with places.

YAML goes through the same event reader as design files (`archdraw.source`), JSON through
its bounded JSON reader (the same budgets), and XML is refused any document
type declaration, so no entity can expand or fetch anything.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from archdraw.source import (
    Limits,
    Locations,
    Problem,
    SourceError,
    read_json,
    read_yaml_documents,
)

FORMATS = ("compose", "kubernetes", "terraform", "drawio")
# Compose's merge tags (specification, merge): `!reset` removes what earlier files set,
# `!override` replaces it instead of merging. Read as marks on plain values, nothing more.
MERGE_TAGS = frozenset({"!reset", "!override"})
_DECLARATION = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)


def fail(path: str, message: str, line: int = 1, column: int = 1) -> SourceError:
    return SourceError([Problem(path, line, column, message)])


@dataclass(frozen=True)
class YamlDocument:
    data: Any
    locations: Locations
    index: int

    def line(self, *path: str | int) -> int:
        return self.locations.of(tuple(path))[0]


def read_bytes(path: Path, limits: Limits) -> bytes:
    try:
        with path.open("rb") as stream:
            data = stream.read(limits.max_bytes + 1)
    except IsADirectoryError:
        raise fail(str(path), "is a folder, not a file to import") from None
    except OSError as error:
        raise fail(str(path), f"cannot read: {error.strerror or error}") from None
    if len(data) > limits.max_bytes:
        raise fail(str(path), f"file is over the limit of {limits.max_bytes:,} bytes")
    return data


def merge_keys(value: Any) -> Any:
    """Apply YAML merge keys (`<<: *defaults`), which Compose files use a lot; keys given
    beside the merge win, as the YAML spec says."""
    if isinstance(value, list):
        return [merge_keys(item) for item in value]
    if not isinstance(value, dict):
        return value
    merged: dict[Any, Any] = {}
    sources = value.get("<<")
    for source in sources if isinstance(sources, list) else [sources]:
        if isinstance(source, dict):
            for key, item in merge_keys(source).items():
                merged.setdefault(key, item)
    own = {key: merge_keys(item) for key, item in value.items() if key != "<<"}
    return {**merged, **own}


def yaml_documents(
    raw: bytes, path: str, limits: Limits, tags: frozenset[str] = frozenset()
) -> list[YamlDocument]:
    documents = read_yaml_documents(raw, path, limits, tags)
    return [YamlDocument(merge_keys(data), where, i) for i, (data, where) in enumerate(documents)]


def xml_root(raw: bytes, path: str, limits: Limits) -> ET.Element:
    if _DECLARATION.search(raw):
        raise fail(
            path, "XML with a DOCTYPE or ENTITY declaration is refused (entities can expand)"
        )
    try:
        root = ET.fromstring(raw)
    except ET.ParseError as error:
        line, column = error.position
        raise fail(path, f"malformed XML: {error}", line, column + 1) from None
    stack, nodes = [(root, 1)], 0
    while stack:
        element, depth = stack.pop()
        nodes += 1
        if depth > limits.max_depth or nodes > limits.max_nodes:
            raise fail(path, "the XML is nested too deeply or holds too many elements")
        stack.extend((child, depth + 1) for child in element)
    return root


def detect(path: str, raw: bytes, limits: Limits) -> str:
    """The format of a file, from its content (the file name is not trusted)."""
    head = raw.lstrip(b"\xef\xbb\xbf \t\r\n")[:4096]
    if head.startswith(b"<"):
        if b"<mxfile" in head or b"<mxGraphModel" in head:
            return "drawio"
        raise fail(path, "an XML file that is not a draw.io diagram (no <mxfile>)")
    if head.startswith(b"{"):
        data = read_json(raw, path, limits)
        if isinstance(data, dict) and "format_version" in data:
            return "terraform"
        raise fail(
            path, "a JSON file that is not `terraform show -json` output (no format_version)"
        )
    for document in yaml_documents(raw, path, limits, MERGE_TAGS):
        data = document.data
        if isinstance(data, dict) and "kind" in data and "apiVersion" in data:
            return "kubernetes"
        if isinstance(data, dict) and isinstance(data.get("services"), dict):
            return "compose"
    raise fail(
        path,
        "cannot tell the format: not a Compose file (no 'services'), Kubernetes manifest "
        "(no 'apiVersion' and 'kind'), Terraform JSON or draw.io file; use -f FORMAT",
    )
