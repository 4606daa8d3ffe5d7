"""Deterministic YAML output: block style by default, flow style where asked, no aliases."""

from __future__ import annotations

from typing import Any

import yaml

from archdraw.source.resolver import ArchdrawResolver

_BaseDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class FlowMap(dict[str, Any]):
    """A mapping written on one line: `{rps: 2000, tls: true}`."""


class FlowSeq(list[Any]):
    """A sequence written on one line: `[120, 40]`."""


class _Dumper(_BaseDumper):  # type: ignore[misc,valid-type]
    def ignore_aliases(self, data: Any) -> bool:
        return True


# The dumper must quote every string our reader would resolve to something else.
_Dumper.yaml_implicit_resolvers = {
    key: list(value) for key, value in ArchdrawResolver.yaml_implicit_resolvers.items()
}


def _flow_map(dumper: yaml.SafeDumper, data: FlowMap) -> yaml.Node:
    return dumper.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=True)


def _flow_seq(dumper: yaml.SafeDumper, data: FlowSeq) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True)


def _text(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    # Multi-line prose (design documents) reads best as a literal block; so does one line
    # ending in a newline, which is what a `|` block of one line reads as (`notes: |`).
    one_line = data.endswith("\n") and "\n" not in data[:-1] and data.strip()
    if (
        ("\n" in data.strip("\n") or one_line)
        and not any(ch in data for ch in "\r\t")
        and data == data.rstrip(" ")
    ):
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style="|")
    return dumper.represent_str(data)


def _dict(dumper: yaml.SafeDumper, data: dict[str, Any]) -> yaml.Node:
    # Keep insertion order: callers decide the order, and it must not depend on sorting rules.
    return dumper.represent_mapping("tag:yaml.org,2002:map", data.items())


_Dumper.add_representer(FlowMap, _flow_map)
_Dumper.add_representer(FlowSeq, _flow_seq)
_Dumper.add_representer(str, _text)
_Dumper.add_representer(dict, _dict)


def write_yaml(data: Any, width: int = 100) -> str:
    return str(
        yaml.dump(
            data,
            Dumper=_Dumper,
            sort_keys=False,
            allow_unicode=True,
            default_flow_style=False,
            width=width,
            indent=2,
        )
    )
