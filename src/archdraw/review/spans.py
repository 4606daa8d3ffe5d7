"""The review's inline markup: text between backticks is code (`rps`), the rest is prose.

Our sentences name properties and commands in backticks; lint messages and design
documents do too. Each renderer shows those spans as code and escapes everything
else, so a label can never inject markup: a code span's content is shown literally.
"""

from __future__ import annotations

import re

from archdraw.source.printable import printable

# No backtick inside, no space at either end: what a property, path or command looks like.
CODE = re.compile(r"`([^`\s](?:[^`]*[^`\s])?)`")


def spans(text: str) -> list[tuple[bool, str]]:
    """`text` on one line, cut into (is_code, part) pieces in order."""
    line = " ".join(printable(text).split())
    out: list[tuple[bool, str]] = []
    at = 0
    for match in CODE.finditer(line):
        if match.start() > at:
            out.append((False, line[at : match.start()]))
        out.append((True, match.group(1)))
        at = match.end()
    if at < len(line):
        out.append((False, line[at:]))
    return out
