"""Writing new positions into a design file's text, leaving every other byte as it was.

A hand-written design keeps its comments, key order and quoting: only each
placed component's `position:` value is replaced, or a `position:` line is
added after its `id`/`type`/`label`/`zone` line. The result is read back and
checked; if it does not say exactly the same design with the new positions,
the caller gets None and can fall back to a canonical rewrite.
"""

from __future__ import annotations

from collections.abc import Mapping

import yaml

from archdraw.io import DesignError, dumps, loads
from archdraw.library import Library
from archdraw.model import Design

Point = tuple[float, float]
_ANCHOR_KEYS = ("zone", "label", "type", "id")
# libyaml, as archdraw.io reads with: the pure-Python parser rejects some plain
# scalars libyaml accepts. Its marks count characters, like str indices.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def format_position(point: Point) -> str:
    """Spelt as archdraw.io.dumps spells it, so a later save from the editor changes nothing."""
    return "[" + ", ".join(_number(v) for v in point) + "]"


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def patch_positions(text: str, positions: Mapping[str, Point]) -> str | None:
    """`text` with the given component positions written in, or None if it cannot be done safely."""
    try:
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError:
        return None
    components = _value(root, "components")
    if not isinstance(components, yaml.SequenceNode):
        return None
    newline = "\r\n" if "\r\n" in text else "\n"
    edits: list[tuple[int, int, str]] = []
    for item in components.value:
        if not isinstance(item, yaml.MappingNode):
            return None
        identifier = _value(item, "id")
        if not isinstance(identifier, yaml.ScalarNode) or identifier.value not in positions:
            continue
        edit = _edit_for(text, item, format_position(positions[identifier.value]), newline)
        if edit is None:
            return None
        edits.append(edit)
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def _value(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            found: yaml.Node = value_node
            return found
    return None


def _edit_for(
    text: str, item: yaml.MappingNode, position: str, newline: str
) -> tuple[int, int, str] | None:
    existing = _value(item, "position")
    if existing is not None:
        return (existing.start_mark.index, existing.end_mark.index, position)
    if item.flow_style:
        close = item.end_mark.index - 1
        if text[close] != "}":
            return None
        return (close, close, f", position: {position}")
    pairs = {k.value: (k, v) for k, v in item.value if isinstance(k, yaml.ScalarNode)}
    for key in _ANCHOR_KEYS:
        if key not in pairs:
            continue
        key_node, value_node = pairs[key]
        single_line = value_node.start_mark.line == value_node.end_mark.line
        if not isinstance(value_node, yaml.ScalarNode) or not single_line:
            continue
        line_end = text.find("\n", value_node.end_mark.index)
        indent = " " * key_node.start_mark.column
        if line_end < 0:
            return (len(text), len(text), f"{newline}{indent}position: {position}{newline}")
        return (line_end + 1, line_end + 1, f"{indent}position: {position}{newline}")
    return None


def write_positions(
    text: str, design: Design, positions: Mapping[str, Point], library: Library, filename: str
) -> tuple[str, bool]:
    """The new file text, and whether it kept the original text (False: rewritten canonically)."""
    expected = design.model_copy(deep=True)
    for component in expected.components:
        if component.id in positions:
            x, y = positions[component.id]
            component.position = (float(x), float(y))
    patched = patch_positions(text, positions)
    if patched is not None:
        try:
            reread = loads(patched, filename, library).design
        except DesignError:
            reread = None
        if reread is not None and reread.to_data() == expected.to_data():
            return patched, True
    return dumps(expected), False
