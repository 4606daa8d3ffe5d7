"""Which file-format versions this program reads."""

from archdraw import FORMAT_VERSION

OLDEST_READABLE_VERSION = 1


def check_format_version(value: int) -> None:
    if value > FORMAT_VERSION:
        raise ValueError(
            f"format version {value} is newer than this archdraw understands "
            f"({FORMAT_VERSION}); upgrade archdraw to open this file"
        )
    if value < OLDEST_READABLE_VERSION:
        raise ValueError(
            f"format version {value} is not a known archdraw version "
            f"(this program reads {OLDEST_READABLE_VERSION} to {FORMAT_VERSION})"
        )
