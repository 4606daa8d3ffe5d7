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


# Inline markup in the text we show: text between backticks is code (`rps`), the rest prose.
# Our sentences name properties and commands in backticks; lint messages and design documents
# do too. Each renderer (Markdown of the review and of `archdraw diff`, the review's HTML) shows
# those spans as code and escapes everything else, so a label can never inject markup: a code
# span's content is shown literally. A code span has no backtick inside and no space at either
# end: what a property, path or command looks like.
_CODE = re.compile(r"`([^`\s](?:[^`]*[^`\s])?)`")


def spans(text: str) -> list[tuple[bool, str]]:
    """`text` on one line (line breaks read as spaces, then made `printable`), cut into
    (is_code, part) pieces in order."""
    line = printable(" ".join(text.split()))
    out: list[tuple[bool, str]] = []
    at = 0
    for match in _CODE.finditer(line):
        if match.start() > at:
            out.append((False, line[at : match.start()]))
        out.append((True, match.group(1)))
        at = match.end()
    if at < len(line):
        out.append((False, line[at:]))
    return out


def markdown_text(text: str, cell: bool = False) -> str:
    """File text inside Markdown (a paragraph, a list item or, with `cell`, a table cell):
    one line, its `code` spans as code and no other markup (no links, images or HTML),
    control characters shown as escapes."""
    out = []
    for code, part in spans(text):
        if code:
            # Inside a code span everything is literal, except that a table cell ends at
            # an unescaped pipe (GitHub's tables read `\|` there as the character).
            out.append("`" + (part.replace("|", "\\|") if cell else part) + "`")
            continue
        part = html.escape(part, quote=False)
        for char in "\\`*_[]|#":
            part = part.replace(char, "\\" + char)
        out.append(part)
    return "".join(out)


def plural(count: int, word: str) -> str:
    """`1 error`, `2 errors`: a count and its noun, in every output that counts things."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"
