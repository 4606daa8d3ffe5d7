"""What a YAML parse error most likely means in a hand-written design, and its fix.

The parser says where it gave up ("mapping values are not allowed in this context"),
which is often a line after the slip. The slips people make are few: a text holding
`: ` or `, ` without quotes, a key without its colon, `-item` without a space, an
indentation that fits nothing, a `{` or a quote never closed. Each is recognised from
the parser's words and the lines around the place it names.
"""

from __future__ import annotations

import re

_STARTS = re.compile(r"\(it starts on line (\d+), column (\d+)\)")
_KEY_AND_TEXT = re.compile(r"([A-Za-z_][\w.-]*):\s+([^,{}\[\]\"']*)$")


def _line(lines: list[str], number: int) -> str:
    return lines[number - 1] if 0 < number <= len(lines) else ""


def _quoted(line: str, column: int) -> str | None:
    """`label: "API: v2"` for a text that an unquoted ': ' cut at `column`."""
    found = _KEY_AND_TEXT.search(line[: column - 1])
    if found is None or not found.group(2).strip():
        return None
    rest = re.match(r"[^,{}]*", line[column - 1 :])
    whole = (found.group(2) + (rest.group(0) if rest else "")).strip().replace('"', '\\"')
    return f'{found.group(1)}: "{whole}"'


def _previous(lines: list[str], number: int) -> tuple[int, str]:
    """The nearest line above `number` that holds something, with its number."""
    for at in range(number - 1, 0, -1):
        text = _line(lines, at)
        if text.strip() and not text.lstrip().startswith("#"):
            return at, text
    return 0, ""


def _colon_hint(lines: list[str], line: int, column: int) -> str | None:
    quoted = _quoted(_line(lines, line), column)
    if quoted is not None:
        return f"a text holding ': ' needs quotes ({quoted})"
    at, before = _previous(lines, line)
    stripped = before.strip()
    if re.match(r"-[^\s-]", stripped):
        return f"line {at} needs a space after '-' to start a list item ('- {stripped[1:]}')"
    if stripped and ":" not in stripped:
        words = stripped.lstrip("- ").split(maxsplit=1)
        fix = f" (write '{words[0]}: {words[1]}')" if len(words) == 2 else ""
        return f"line {at} ('{stripped[:40]}') has no ':' after its key{fix}"
    return None


def hint(message: str, text: str, line: int, column: int) -> str | None:
    """A sentence on the likely slip behind a malformed-YAML `message` at (line, column)."""
    lines = text.splitlines()
    starts = _STARTS.search(message)
    start = int(starts.group(1)) if starts else line
    if "mapping values are not allowed" in message:
        return _colon_hint(lines, line, column)
    if "flow mapping" in message or "flow sequence" in message:
        closing = "}" if "mapping" in message else "]"
        if start != line:
            opening = "{" if closing == "}" else "["
            return f"the '{opening}' on line {start} is not closed with '{closing}' on its line"
        quoted = _quoted(_line(lines, line), column)
        example = f" ({quoted})" if quoted else ""
        return f"inside {{...}} a text holding ': ' or a quote needs quotes around it{example}"
    if "quoted scalar" in message and "end of stream" in message:
        return f"the quote that opens on line {start} is never closed"
    if "expected '-' indicator" in message or "expected <block end>" in message:
        return (
            f"the indentation of line {line} fits no level above it; the keys of one "
            "mapping, and the '- ' of one list's items, line up under each other"
        )
    if "could not find expected ':'" in message:
        return f"a key on line {start} has no ':' after it"
    return None
