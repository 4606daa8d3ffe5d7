"""The shape the Compose specification gives a file's sections, checked before importing.

`docker compose` refuses a service that is not a mapping or `ports: 80`; so does the
importer, naming the file, line and key, rather than importing a list as a service or
failing inside the wiring.
"""

from __future__ import annotations

from typing import Any

from archdraw.imports.inputs import YamlDocument
from archdraw.imports.shape_words import LIST, MAPPING, shape_of
from archdraw.source import Problem, SourceError

# Top-level sections besides `services`, and service keys, by the shapes the spec allows.
_SECTIONS: dict[str, tuple[str, ...]] = {
    name: (MAPPING,) for name in ("volumes", "networks", "secrets", "configs")
}
_SERVICE_KEYS: dict[str, tuple[str, ...]] = {
    "ports": (LIST,),
    "expose": (LIST,),
    "volumes": (LIST,),
    "profiles": (LIST,),
    "links": (LIST,),
    "external_links": (LIST,),
    "depends_on": (LIST, MAPPING),
    "environment": (LIST, MAPPING),
    "networks": (LIST, MAPPING),
    "labels": (LIST, MAPPING),
    "secrets": (LIST,),
    "configs": (LIST,),
    "deploy": (MAPPING,),
    "healthcheck": (MAPPING,),
    "x-archdraw": (MAPPING,),
}


def _fits(value: Any, shapes: tuple[str, ...]) -> bool:
    # null is allowed everywhere: Compose reads `ports:` with nothing after it as no ports.
    return value is None or shape_of(value) in shapes


def check_shape(name: str, document: YamlDocument) -> None:
    """Raise `SourceError` listing every section and service key of the wrong shape."""
    data, tags = document.data, document.locations.tags
    problems: list[Problem] = []

    def refuse(path: tuple[Any, ...], shapes: tuple[str, ...], value: Any, hint: str = "") -> None:
        if path in tags:  # `!reset` / `!override` mark the value; their merge reads it
            return
        line, column = document.locations.of(path)
        wanted = " or ".join(shapes)
        where = ".".join(str(part) for part in path)
        message = f"{where} must be {wanted}, not {shape_of(value)}{hint}"
        problems.append(Problem(name, line, column, message))

    for section, shapes in _SECTIONS.items():
        if not _fits(data.get(section), shapes):
            refuse((section,), shapes, data[section])
    for service, body in data["services"].items():
        if body is None or not isinstance(body, dict):
            if body is not None:
                slipped = service in _SERVICE_KEYS or service in ("image", "build", "command")
                hint = f" ('{service}' is a service's key: indent it under its service)"
                refuse(("services", service), (MAPPING,), body, hint if slipped else "")
            continue
        for key, shapes in _SERVICE_KEYS.items():
            if not _fits(body.get(key), shapes):
                refuse(("services", service, key), shapes, body[key])
    if problems:
        raise SourceError(problems)
