"""Compose files as Compose reads them: `${VAR}` interpolation, then `-f` overrides merged.

No `docker` binary is needed. Variables come from the `.env` file beside the first file
only, never from the environment of the process, so an import gives the same design on
every machine; a variable that is set nowhere takes its default, and is reported.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_VARIABLE = re.compile(
    r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^{}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)"
)
_ESCAPED = "\x00"
# Keys whose lists an override replaces rather than extends (Compose specification, merge).
_REPLACED = {"command", "entrypoint", "test"}
# Keys given either as a list of KEY=VALUE or names, or as a mapping: read as a mapping.
# Lists whose entries are unique by a key (specification, merge, unique resources): an
# override's entry replaces the earlier one with the same key instead of joining it.
_UNIQUE_BY = {"volumes": "target", "secrets": "source", "configs": "source"}
_AS_MAPPING = {"environment", "labels", "depends_on", "networks", "extra_hosts", "build_args"}


@dataclass(frozen=True)
class Reset:
    """A value tagged `!reset`: the attribute is removed from what it is merged over."""


@dataclass(frozen=True)
class Override:
    """A value tagged `!override`: it replaces what it is merged over, whole."""

    value: Any


def tagged(data: Any, tags: dict[tuple[str | int, ...], str]) -> Any:
    """`data` with the values at the tagged paths wrapped in `Reset` or `Override`."""
    for path, tag in sorted(tags.items(), key=lambda item: -len(item[0])):
        if not path:
            continue
        holder = data
        for step in path[:-1]:
            holder = holder.value if isinstance(holder, Override) else holder
            try:
                holder = holder[step]
            except (KeyError, IndexError, TypeError):
                holder = None
                break
        if isinstance(holder, dict | list) and _has(holder, path[-1]):
            key = path[-1]
            holder[key] = Reset() if tag == "!reset" else Override(holder[key])  # type: ignore[index]
    return data


def _has(holder: dict[Any, Any] | list[Any], key: str | int) -> bool:
    return key in holder if isinstance(holder, dict) else isinstance(key, int) and key < len(holder)


def settled(value: Any) -> Any:
    """The value once nothing more is merged over it: resets gone, overrides unwrapped."""
    if isinstance(value, Override):
        return settled(value.value)
    if isinstance(value, dict):
        return {k: settled(v) for k, v in value.items() if not isinstance(v, Reset)}
    if isinstance(value, list):
        return [settled(v) for v in value if not isinstance(v, Reset)]
    return value


def read_env_file(path: Path) -> dict[str, str]:
    values: dict[str, str] = {}
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return values
    for line in text.splitlines()[:10_000]:
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.removeprefix("export ").partition("=")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        values[key.strip()] = value
    return values


class Interpolator:
    def __init__(self, env: dict[str, str]) -> None:
        self.env = env
        self.missing: dict[str, str] = {}

    def text(self, value: str, where: str) -> str:
        value = value.replace("$$", _ESCAPED)
        for _ in range(8):  # nested defaults (${A:-${B}}) resolve from the inside out
            new = _VARIABLE.sub(lambda m: self.one(m, where), value)
            if new == value:
                break
            value = new
        return value.replace(_ESCAPED, "$")

    def one(self, match: re.Match[str], where: str) -> str:
        name = match.group(1) or match.group(4)
        operator, argument = match.group(2), match.group(3) or ""
        value = self.env.get(name)
        empty = value is None or (value == "" and operator is not None and operator.startswith(":"))
        if operator in (":-", "-"):
            return argument if empty else value or ""
        if operator in (":+", "+"):
            return "" if empty else argument
        if value is None:
            self.missing.setdefault(name, where)
        return value or ""

    def data(
        self,
        value: Any,
        where: str,
        line: Callable[[tuple[Any, ...]], int] | None = None,
        path: tuple[Any, ...] = (),
    ) -> Any:
        """`value` with its variables replaced; a variable set nowhere is reported at
        `FILE:LINE key.path` when `line` gives the line of a path in the file."""
        if isinstance(value, Override):
            return Override(self.data(value.value, where, line, path))
        if isinstance(value, str):
            shown = ".".join(str(part) for part in path)
            here = f"{where}:{line(path)} {shown}" if line and path else f"{where} {shown}"
            return self.text(value, here.strip())
        if isinstance(value, list):
            return [self.data(item, where, line, (*path, i)) for i, item in enumerate(value)]
        if isinstance(value, dict):
            return {key: self.data(item, where, line, (*path, key)) for key, item in value.items()}
        return value


def as_mapping(value: Any) -> Any:
    if isinstance(value, Override | Reset):
        return Override(as_mapping(value.value)) if isinstance(value, Override) else value
    if isinstance(value, dict):
        return {str(k): v for k, v in value.items()}
    result: dict[str, Any] = {}
    for item in value if isinstance(value, list) else []:
        if isinstance(item, str):
            key, sep, rest = item.partition("=")
            result[key] = rest if sep else None
    return result


def normalise(service: Any) -> Any:
    if isinstance(service, Override):
        return Override(normalise(service.value))
    if not isinstance(service, dict):
        return service if isinstance(service, Reset) else {}
    return {
        key: as_mapping(value) if key in _AS_MAPPING else value for key, value in service.items()
    }


def merge(base: Any, override: Any, key: str = "") -> Any:
    if isinstance(base, dict) and isinstance(override, dict):
        merged = dict(base)
        for name, value in override.items():
            if isinstance(value, Reset):
                merged.pop(name, None)
            elif isinstance(value, Override):
                merged[name] = value.value
            else:
                merged[name] = merge(base[name], value, str(name)) if name in base else value
        return merged
    if isinstance(base, list) and isinstance(override, list) and key not in _REPLACED:
        if key in _UNIQUE_BY:
            keys = {_unique_key(item, _UNIQUE_BY[key]) for item in override} - {None}
            base = [item for item in base if _unique_key(item, _UNIQUE_BY[key]) not in keys]
        return base + [item for item in override if item not in base]
    return override


def _unique_key(item: Any, field: str) -> str | None:
    """A volume's target (`data:/var/lib/x` -> `/var/lib/x`), a secret's or config's source."""
    if isinstance(item, dict):
        value = item.get(field)
        return str(value) if value is not None else None
    if not isinstance(item, str):
        return None
    parts = item.split(":")
    if field == "target":
        return parts[1] if len(parts) > 1 else parts[0]
    return parts[0]


def normalise_services(data: dict[str, Any]) -> dict[str, Any]:
    data = dict(data)
    services = data.get("services")
    if isinstance(services, dict):
        data["services"] = {name: normalise(body) for name, body in services.items()}
    return data


def merge_projects(files: list[dict[str, Any]]) -> dict[str, Any]:
    project: dict[str, Any] = {}
    for data in files:
        project = merge(project, data)
    return settled(project)  # type: ignore[no-any-return]
