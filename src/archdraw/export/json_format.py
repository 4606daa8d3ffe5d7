"""JSON: the whole design as data, for scripts and other tools.

The envelope names the format and its version, and `design` holds exactly
what the design file holds (`Design.to_data()`, keys in file order), so
`Design.model_validate(data["design"])` gives the same design back. Nothing
is dropped: ids and labels are JSON strings, which carry any text.
"""

from __future__ import annotations

import json
from typing import Any

from archdraw import FORMAT_VERSION
from archdraw.library import Library
from archdraw.model import Design

FORMAT_NAME = "archdraw-design"
"""The envelope's `format` value; `format_version` follows the design file format."""


def export_data(design: Design) -> dict[str, Any]:
    return {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "design": design.to_data(),
    }


def export(design: Design, library: Library) -> str:
    """The design as indented JSON (UTF-8 text, not ASCII-escaped)."""
    del library  # every text exporter takes the library; the model alone is the data
    return json.dumps(export_data(design), indent=2, ensure_ascii=False) + "\n"
