"""Bytes to text and back, with the position of the first character that does not fit."""

from __future__ import annotations

from pathlib import Path

from archdraw.source.problems import Problem, SourceError

# A configuration or a baseline is a few kilobytes; more is not one.
_MAX_SMALL_FILE = 10_000_000


def read_text(path: Path, what: str) -> str:
    """A small text file `what` names ("a TOML file", "a JSON baseline"), or `SourceError`
    saying why not as a design's problems do: a missing file, a folder, binary bytes, a byte
    that is not UTF-8 (at its line and column)."""
    name = str(path)
    try:
        with path.open("rb") as stream:
            data = stream.read(_MAX_SMALL_FILE + 1)
    except IsADirectoryError:
        raise SourceError([Problem(name, 1, 1, f"is a folder, not {what}")]) from None
    except OSError as error:
        raise SourceError(
            [Problem(name, 1, 1, f"cannot read: {error.strerror or error}")]
        ) from None
    if len(data) > _MAX_SMALL_FILE:
        raise SourceError([Problem(name, 1, 1, f"file is over {_MAX_SMALL_FILE:,} bytes")])
    if b"\x00" in data[:8192]:
        raise SourceError([Problem(name, 1, 1, f"this is a binary file, not {what}")])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise SourceError([Problem(name, line, column, not_utf8(data, error))]) from None


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
