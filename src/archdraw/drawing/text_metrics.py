"""Text width without a font engine: DejaVu Sans advance widths, close enough to fit labels.

The SVG is written without Qt, so labels are wrapped and shortened from these
widths (in em units); browsers and Qt then draw them with the real font.
"""

from __future__ import annotations

from archdraw.layout.labels import shorten

_WIDTHS = {
    **dict.fromkeys("il.,:;'|!", 0.28),
    **dict.fromkeys("fjrt()[]{}", 0.38),
    **dict.fromkeys(" ", 0.32),
    **dict.fromkeys("-", 0.36),
    **dict.fromkeys("sz", 0.53),
    **dict.fromkeys("cvxyk", 0.58),
    **dict.fromkeys("abdeghnopqu0123456789_", 0.63),
    **dict.fromkeys("wW", 0.84),
    **dict.fromkeys("mM", 0.92),
    **dict.fromkeys("I", 0.3),
}
_UPPER = 0.7
_OTHER = 0.75  # accents, CJK and symbols: err on the wide side
BOLD_FACTOR = 1.08


def text_width(text: str, size: float, bold: bool = False) -> float:
    total = 0.0
    for char in text:
        width = _WIDTHS.get(char)
        if width is None:
            width = _UPPER if "A" <= char <= "Z" else _OTHER
            if char.isascii() and not char.isalnum():
                width = 0.6
        total += width
    return total * size * (BOLD_FACTOR if bold else 1.0)


def fit(text: str, width: float, size: float, bold: bool = False) -> str:
    """`text`, cut with an ellipsis so it is no wider than `width`."""
    if text_width(text, size, bold) <= width:
        return text
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if text_width(shorten(text, middle), size, bold) <= width:
            low = middle
        else:
            high = middle - 1
    return shorten(text, max(1, low))


def wrap(text: str, width: float, size: float, lines: int, bold: bool = False) -> list[str]:
    """Up to `lines` lines no wider than `width`, broken at spaces; the last one shortened."""
    words = text.split()
    if lines <= 1:  # all of it on the one line, cut: never a first word that looks whole
        return [fit(" ".join(words), width, size, bold)] if words else []
    result: list[str] = []
    current = ""
    for index, word in enumerate(words):
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, size, bold) <= width or not current:
            current = candidate
            continue
        result.append(current)
        current = word
        if len(result) == lines - 1:
            current = " ".join(words[index:])
            break
    if current:
        result.append(current)
    return [fit(line, width, size, bold) for line in result[:lines]]
