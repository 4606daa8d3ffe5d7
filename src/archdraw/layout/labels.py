"""Label text made safe to draw: no control characters, no unbounded length.

Qt and Graphviz write control characters raw (making XML output malformed),
and Graphviz refuses labels over 16,384 bytes, so every label passes through
here before it reaches an exporter or `dot`.
"""

from __future__ import annotations

import re

GRAPHVIZ_LABEL_LIMIT = 16_384
MAX_LABEL_CHARS = 2_000

# Characters XML 1.0 forbids (C0 controls other than tab/newline/CR, surrogates, U+FFFE/F)
# plus the C1 controls, which render as boxes.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_SPACES = re.compile(r"[\t\r\n]+")


def clean_text(text: str | None, max_chars: int = MAX_LABEL_CHARS) -> str:
    """One line of printable text, at most `max_chars` characters (with an ellipsis if cut)."""
    if not text:
        return ""
    cleaned = _FORBIDDEN.sub("", _SPACES.sub(" ", text)).strip()
    return shorten(cleaned, max_chars)


def shorten(text: str, max_chars: int) -> str:
    if len(text) <= max_chars:
        return text
    return text[: max(0, max_chars - 1)].rstrip() + "…"


def graphviz_safe(text: str | None) -> str:
    """A label that `dot` accepts: cleaned and well under its byte limit once encoded."""
    cleaned = clean_text(text)
    while len(cleaned.encode("utf-8")) > GRAPHVIZ_LABEL_LIMIT // 2:
        cleaned = shorten(cleaned, len(cleaned) // 2)
    return cleaned
