"""A JSON Schema of the design format, with each component type's properties.

Editors use it through the YAML language server; it describes exactly what
`archdraw.io.load` accepts (cross-element checks aside: unique ids, links that land).
"""

from __future__ import annotations

from typing import Any

from archdraw import FORMAT_VERSION
from archdraw.library import Library, PropertySpec
from archdraw.library.types import TEXT_FORMATS
from archdraw.model.types import Design

SCHEMA_ID = "https://archdraw.dev/schema/design-v1.json"


def _spec_schema(spec: PropertySpec) -> dict[str, Any]:
    schema: dict[str, Any] = {"description": spec.help}
    if spec.kind == "bool":
        schema["type"] = "boolean"
    elif spec.kind == "str":
        schema["type"] = "string"
        if spec.format:
            schema["pattern"] = f"^{TEXT_FORMATS[spec.format][0]}$"
    elif spec.kind == "choice":
        schema["enum"] = list(spec.choices)
    else:
        schema["type"] = "integer" if spec.kind == "int" else "number"
        if spec.minimum is not None:
            schema["minimum"] = spec.minimum
        if spec.maximum is not None:
            schema["maximum"] = spec.maximum
    if spec.default is not None:
        schema["default"] = spec.default
    return schema


def _props_schema(specs: dict[str, PropertySpec] | Any) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {name: _spec_schema(spec) for name, spec in specs.items()},
        "additionalProperties": False,
    }


def design_schema(library: Library) -> dict[str, Any]:
    schema = Design.model_json_schema(by_alias=True, mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID
    schema["title"] = "archdraw design"
    schema["properties"]["archdraw"] = {
        "const": FORMAT_VERSION,
        "description": "Format version of this file.",
    }
    definitions = schema.get("$defs", {})
    component = definitions["Component"]
    component["properties"]["type"] = {
        "enum": sorted(library.types),
        "description": "A component type id from the component library.",
    }
    component["allOf"] = [
        {
            "if": {"properties": {"type": {"const": type_id}}, "required": ["type"]},
            "then": {"properties": {"props": _props_schema(component_type.properties)}},
        }
        for type_id, component_type in sorted(library.types.items())
    ]
    definitions["Link"]["properties"]["props"] = _props_schema(library.link_properties)
    return schema
