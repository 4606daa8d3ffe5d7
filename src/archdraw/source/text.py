"""Bytes to text and back, with the position of the first character that does not fit."""

from __future__ import annotations

from archdraw.source.problems import Problem, SourceError


def decode(data: bytes, filename: str) -> str:
    if b"\x00" in data[:8192]:
        raise SourceError([Problem(filename, 1, 1, "this is a binary file, not a YAML design")])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise SourceError([Problem(filename, line, column, not_utf8(data, error))]) from None


def not_utf8(data: bytes, error: UnicodeDecodeError) -> str:
    """What a byte that is not UTF-8 most likely means: an 'é' saved by an editor set to
    Latin-1 or Windows-1252 is one byte that UTF-8 cannot read."""
    byte = data[error.start]
    return (
        f"not UTF-8 text: byte 0x{byte:02X} (a file saved as Latin-1 or Windows-1252, "
        "or a binary file?); save it as UTF-8"
    )


def encode(text: str, filename: str) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as error:
        before = text[: error.start]
        column = error.start - (before.rfind("\n") + 1) + 1
        raise SourceError(
            [
                Problem(
                    filename,
                    before.count("\n") + 1,
                    column,
                    "the text holds a lone surrogate character, which no file can store",
                )
            ]
        ) from None
