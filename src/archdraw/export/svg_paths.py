"""Icon path data spelled out so every SVG reader parses it.

Lucide writes arcs compactly (`a2 2 0 00-2 2`: the two flags run together),
which is valid SVG that browsers and Qt read but ImageMagick and other simple
renderers reject, drawing nothing after it. We re-emit each path's numbers
separated by spaces.
"""

from __future__ import annotations

import functools
import re

from archdraw.style import icon_body

_D_ATTRIBUTE = re.compile(r'\bd="([^"]*)"')
_TOKEN = re.compile(r"[MmLlHhVvCcSsQqTtAaZz]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_FLAG = re.compile(r"[01]")
_ARC_ARGUMENTS = 7


def spell_out_path(data: str) -> str:
    """The same path with every number separate (arc flags included)."""
    out: list[str] = []
    position = 0
    command = ""
    argument = 0
    while position < len(data):
        char = data[position]
        if char in " ,\t\r\n":
            position += 1
            continue
        if char.isalpha():
            command = char
            argument = 0
            out.append(char)
            position += 1
            continue
        in_flag = command in "Aa" and argument % _ARC_ARGUMENTS in (3, 4)
        match = (_FLAG if in_flag else _TOKEN).match(data, position)
        if match is None:
            return data  # not a path we understand: leave it as it was
        out.append(match.group(0))
        position = match.end()
        argument += 1
    return " ".join(out)


@functools.cache
def portable_icon(name: str, colour: str) -> str:
    """style.icon_body with its path data spelled out."""
    body = icon_body(name, colour)
    return _D_ATTRIBUTE.sub(lambda m: f'd="{spell_out_path(m.group(1))}"', body)
