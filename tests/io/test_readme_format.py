"""The README's file-format example loads, and documents every field of the model."""

from __future__ import annotations

import re
from pathlib import Path

from archdraw.io import loads
from archdraw.library import Library
from archdraw.model import Component, Design, DesignDoc, Link, LintIgnore, LintSettings, Zone

README = Path(__file__).resolve().parents[2] / "README.md"


def format_section() -> str:
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- section:format -->(.*?)<!-- /section:format -->", text, re.S)
    assert found, "README has no format section"
    return found.group(1)


def test_example_design_loads(library: Library) -> None:
    example = re.search(r"```yaml\n(.*?)```", format_section(), re.S)
    assert example
    design = loads(example.group(1), "README.md", library).design
    assert design.link("api-db") is not None and design.zone("use-a") is not None


def test_every_model_field_is_documented() -> None:
    section = format_section()
    for model in (Design, Zone, Component, Link, DesignDoc, LintSettings, LintIgnore):
        for name, field in model.model_fields.items():
            key = field.alias or name
            assert f"`{key}`" in section or f"{key}:" in section, f"{model.__name__}.{key}"
