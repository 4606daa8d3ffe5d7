"""The design model: types, validation, edits and the Document. No Qt, no files."""

from archdraw.model.catalog import PropProblem, TypeCatalog
from archdraw.model.document import Change, Document
from archdraw.model.edits import Edit, EditError
from archdraw.model.history import History
from archdraw.model.types import (
    LINK_KINDS,
    ZONE_KINDS,
    Component,
    CostSettings,
    Design,
    DesignDoc,
    Link,
    LintIgnore,
    LintSettings,
    Zone,
    new_design,
)
from archdraw.model.validation import Issue, validate_design

__all__ = [
    "LINK_KINDS",
    "ZONE_KINDS",
    "Change",
    "Component",
    "CostSettings",
    "Design",
    "DesignDoc",
    "Document",
    "Edit",
    "EditError",
    "History",
    "Issue",
    "Link",
    "LintIgnore",
    "LintSettings",
    "PropProblem",
    "TypeCatalog",
    "Zone",
    "new_design",
    "validate_design",
]
