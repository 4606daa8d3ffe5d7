"""The shape the Kubernetes API gives the fields the importer reads, checked before importing.

`kubectl apply` refuses `containers: 5` or a `spec` that is text; so does the importer,
naming the file, line and field, rather than failing inside the wiring. Fields are known
by name wherever they sit in an object the importer reads (a pod template is as deep in
a CronJob as its spec says); custom resources are checked only for their metadata.
"""

from __future__ import annotations

from typing import Any

from archdraw.imports.inputs import YamlDocument
from archdraw.imports.shape_words import LIST, MAPPING, shape_of
from archdraw.source import Problem

_MAPPINGS = frozenset(
    {
        "metadata",
        "spec",
        "template",
        "jobTemplate",
        "selector",
        "matchLabels",
        "labels",
        "annotations",
        "http",
        "backend",
        "service",
        "defaultBackend",
        "podSelector",
        "namespaceSelector",
        "ipBlock",
        "scaleTargetRef",
    }
)
# Lists whose items are objects, and lists of plain values.
_LISTS_OF_MAPPINGS = frozenset(
    {
        "containers",
        "initContainers",
        "env",
        "ports",
        "rules",
        "paths",
        "topologySpreadConstraints",
        "ingress",
        "egress",
        "from",
        "to",
        "parentRefs",
        "backendRefs",
        "listeners",
    }
)
_LISTS = frozenset({"args", "command", "policyTypes", "hosts", "hostnames"})
# Values that are maps of plain text to plain text: nothing inside them is a field.
_OPAQUE = frozenset({"labels", "annotations", "matchLabels", "data", "stringData"})


def _text(value: Any) -> bool:
    return value is None or isinstance(value, str)


class _Check:
    def __init__(self, name: str, document: YamlDocument) -> None:
        self.name, self.document = name, document
        self.problems: list[Problem] = []

    def refuse(self, path: tuple[Any, ...], shape: str, value: Any, where: str) -> None:
        line, column = self.document.locations.of(path)
        message = f"{where} must be {shape}, not {shape_of(value)}"
        self.problems.append(Problem(self.name, line, column, message))

    def walk(self, value: Any, path: tuple[Any, ...], where: str, kind: str) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if item is None or not isinstance(key, str):
                    continue
                self.field(key, item, (*path, key), f"{where}.{key}", kind)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                self.walk(item, (*path, index), f"{where}[{index}]", kind)

    def field(self, key: str, value: Any, path: tuple[Any, ...], where: str, kind: str) -> None:
        wanted = MAPPING if key in _MAPPINGS else None
        if key in _LISTS or key in _LISTS_OF_MAPPINGS:
            wanted = LIST
        if key == "tls":  # an Ingress lists its TLS hosts; a Gateway listener's is an object
            wanted = LIST if kind == "Ingress" else MAPPING
        if wanted is not None and shape_of(value) != wanted:
            self.refuse(path, wanted, value, where)
            return
        if key in _LISTS_OF_MAPPINGS or (key == "tls" and kind == "Ingress"):
            for index, item in enumerate(value):
                if item is not None and not isinstance(item, dict):
                    self.refuse((*path, index), MAPPING, item, f"{where}[{index}]")
        if key not in _OPAQUE and key not in _LISTS:
            self.walk(value, path, where, kind)


def check_shape(
    name: str, document: YamlDocument, body: dict[str, Any], path: tuple[Any, ...], read: bool
) -> list[Problem]:
    """The fields of the object `body` (at `path` in `document`) of the wrong shape; every
    field when the importer reads the kind (`read`), else its metadata only."""
    check = _Check(name, document)
    kind = str(body.get("kind"))
    metadata = body.get("metadata")
    title = metadata.get("name") if isinstance(metadata, dict) else None
    where = f"{kind}/{title}" if isinstance(title, str | int) else kind
    if metadata is not None and not isinstance(metadata, dict):
        check.refuse((*path, "metadata"), MAPPING, metadata, f"{where} metadata")
    elif isinstance(metadata, dict):
        for key in ("name", "namespace"):
            value = metadata.get(key)
            # A name may be written as a number (`name: 404`); a namespace is a zone's name.
            if isinstance(value, dict | list) or (key == "namespace" and not _text(value)):
                shown = "a number" if isinstance(value, int | float) else shape_of(value)
                message = f"{where} metadata.{key} must be text, not {shown}"
                line, column = document.locations.of((*path, "metadata", key))
                check.problems.append(Problem(name, line, column, message))
    if read:
        for key, value in body.items():
            if key not in ("metadata", "apiVersion", "kind", "status") and value is not None:
                check.field(str(key), value, (*path, key), f"{where} {key}", kind)
    return check.problems
