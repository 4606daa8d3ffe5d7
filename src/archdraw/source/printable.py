"""Text from a file made safe to show: control characters are written out, never obeyed.

A label holding an escape sequence must not retitle the terminal or clear the
screen, and one holding a line break must not forge a `file:line:col:` line or
a CI annotation. So every message that quotes a file shows C0 and C1 controls,
DEL, line and paragraph separators, bidirectional overrides and the
non-characters U+FFFE and U+FFFF (which XML cannot hold) as `\\n`, `\\x1b`,
`\\u2028`, ... escapes.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    return _NAMED.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def printable(text: str) -> str:
    """`text` with every control character, separator and bidi override shown as an escape."""
    return _UNSAFE.sub(_escape, text)


def printable_joined(lines: Iterable[str]) -> str:
    """Lines we built, each made `printable`, joined by line breaks: a line break inside a
    line (a label holding one) is shown as `\\n`, so it can never start a line of its own."""
    return "\n".join(printable(line) for line in lines)


def markdown_text(text: str) -> str:
    """File text inside Markdown (a paragraph, a list item or a table cell): one line, no
    markup, no HTML, control characters shown as escapes."""
    text = html.escape(printable(" ".join(text.split())), quote=False)
    for char in "\\`*_[]|#":
        text = text.replace(char, "\\" + char)
    return text


def plural(count: int, word: str) -> str:
    """`1 error`, `2 errors`: a count and its noun, in every output that counts things."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"
