"""Numbers as the YAML 1.1 safe loader reads them, refused when no design could mean them.

Python's `int()` refuses decimal text over 4,300 digits with advice about
`sys.set_int_max_str_digits`, while hexadecimal, octal and sexagesimal integers
of any size parse and then fail wherever they are printed or turned into a
float. So the length of the text is checked before anything is built, and
every number must be finite and at most `Limits.max_number` in size.
"""

from __future__ import annotations

import math
import re

import yaml

_constructor = yaml.constructor.SafeConstructor()
# Far more than any in-range number needs, in any YAML integer notation, with
# room for `_` digit separators; short enough that building one costs nothing.
_MAX_NUMBER_TEXT = 100
# Integers that YAML 1.1 and YAML 1.2 readers read differently: a leading zero is octal in 1.1
# (`010` is 8) and decimal in 1.2 (10); `1:30` is base 60 in 1.1 (90) and text in 1.2.
_AMBIGUOUS_INT = re.compile(r"[-+]?(0[0-9_]+|[0-9][0-9_]*(:[0-5]?[0-9])+)")


class NumberError(ValueError):
    """A number that cannot be used; the message says why, in words for the user."""


def clip(text: str, at_most: int = 60) -> str:
    """`text` cut to `at_most` characters with an ellipsis, for quoting input in messages."""
    return text if len(text) <= at_most else text[: at_most - 1] + "…"


def read_number(tag: str, text: str, max_number: float, yaml_1_1_ints: bool = False) -> int | float:
    """The int or float `text` means, or `NumberError` when it is too long, large or not finite.

    An integer YAML 1.1 and 1.2 read differently (`010`, `1:30`) is refused unless
    `yaml_1_1_ints`: a design file is read by other tools too, and the author's meaning is
    unknown. Files of other tools (Compose's `mode: 0644`) keep YAML 1.1's meaning."""
    quoted = clip(text)
    if len(text) > _MAX_NUMBER_TEXT:
        raise NumberError(
            f"the number '{quoted}' is {len(text):,} characters long; "
            f"numbers in a design are at most {max_number:,.0f} in size"
        )
    node = yaml.ScalarNode(tag, text)
    if tag == "tag:yaml.org,2002:int":
        value: int | float = _constructor.construct_yaml_int(node)
        if not yaml_1_1_ints and _AMBIGUOUS_INT.fullmatch(text):
            raise NumberError(_ambiguous(text, int(value)))
    else:
        value = _constructor.construct_yaml_float(node)
    if isinstance(value, float) and not math.isfinite(value):
        raise NumberError(f"'{quoted}' is not a finite number; write a number such as 1000")
    if value == 0:
        return abs(value)  # `-0.0` is zero: no output should say "-0"
    if abs(value) > max_number:
        raise NumberError(
            f"the number '{quoted}' is too large: numbers in a design are at most "
            f"{max_number:,.0f} in size"
        )
    return value


def _ambiguous(text: str, value: int) -> str:
    if ":" in text:
        return (
            f"'{clip(text)}' is a base-60 number to YAML 1.1 readers ({value:,}) and text to "
            f"YAML 1.2 readers; write the number you mean without ':', such as {value}"
        )
    sign = "-" if text.startswith("-") else ""
    decimal = sign + (text.replace("_", "").lstrip("+-").lstrip("0") or "0")
    return (
        f"'{clip(text)}' starts with a zero: YAML 1.1 readers take it as octal ({value}) and "
        f"YAML 1.2 readers as {decimal}; write {decimal} (or {value}) without the leading zero"
    )
