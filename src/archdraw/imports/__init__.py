"""Importers: Docker Compose, Kubernetes, Terraform plans and states, draw.io diagrams.

Each turns what a team already has into a design with an `import:` block saying, for every
element, where it came from, the mapping rule used and how sure it is. Pure Python, no Qt;
mapping tables are data (`component_library/imports/`), never code.
"""

from archdraw.imports.api import drawio_pages, import_files
from archdraw.imports.builder import ImportResult
from archdraw.imports.inputs import FORMATS
from archdraw.imports.mapping import MappingTables, load_mapping
from archdraw.imports.report import render, summary

__all__ = [
    "FORMATS",
    "ImportResult",
    "MappingTables",
    "drawio_pages",
    "import_files",
    "load_mapping",
    "render",
    "summary",
]
