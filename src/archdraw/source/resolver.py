"""One scalar resolver for reading and writing, so what we write reads back the same.

It is PyYAML's YAML 1.1 resolver plus exponent floats without a dot or sign
(`1e3`), which people write for rates and which YAML 1.1 would keep as text.
"""

from __future__ import annotations

import re

import yaml

_EXPONENT_FLOAT = re.compile(r"^[-+]?[0-9][0-9_]*(?:\.[0-9_]*)?[eE][-+]?[0-9]+$")


class ArchdrawResolver(yaml.resolver.Resolver):
    pass


ArchdrawResolver.add_implicit_resolver(
    "tag:yaml.org,2002:float", _EXPONENT_FLOAT, list("-+0123456789")
)
