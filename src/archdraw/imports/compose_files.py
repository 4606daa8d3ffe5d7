"""Compose files as Compose reads them: `${VAR}` interpolation, then `-f` overrides merged.

No `docker` binary is needed. Variables come from the `.env` file beside the first file
only, never from the environment of the process, so an import gives the same design on
every machine; a variable that is set nowhere takes its default, and is reported.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

_VARIABLE = re.compile(
    r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^{}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)"
)
_ESCAPED = "\x00"
# Keys whose lists an override replaces rather than extends (Compose specification, merge).
_REPLACED = {"command", "entrypoint", "test"}
# Keys given either as a list of KEY=VALUE or names, or as a mapping: read as a mapping.
_AS_MAPPING = {"environment", "labels", "depends_on", "networks", "extra_hosts", "build_args"}


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

    def data(self, value: Any, where: str) -> Any:
        if isinstance(value, str):
            return self.text(value, where)
        if isinstance(value, list):
            return [self.data(item, where) for item in value]
        if isinstance(value, dict):
            return {key: self.data(item, f"{where}.{key}") for key, item in value.items()}
        return value


def as_mapping(value: Any) -> dict[str, Any]:
    if isinstance(value, dict):
        return {str(k): v for k, v in value.items()}
    result: dict[str, Any] = {}
    for item in value if isinstance(value, list) else []:
        if isinstance(item, str):
            key, sep, rest = item.partition("=")
            result[key] = rest if sep else None
    return result


def normalise(service: Any) -> dict[str, Any]:
    if not isinstance(service, dict):
        return {}
    return {
        key: as_mapping(value) if key in _AS_MAPPING else value for key, value in service.items()
    }


def merge(base: Any, override: Any, key: str = "") -> Any:
    if isinstance(base, dict) and isinstance(override, dict):
        merged = dict(base)
        for name, value in override.items():
            merged[name] = merge(base[name], value, str(name)) if name in base else value
        return merged
    if isinstance(base, list) and isinstance(override, list) and key not in _REPLACED:
        return base + [item for item in override if item not in base]
    return override


def merge_projects(files: list[dict[str, Any]]) -> dict[str, Any]:
    project: dict[str, Any] = {}
    for data in files:
        data = dict(data)
        services = data.get("services")
        if isinstance(services, dict):
            data["services"] = {name: normalise(body) for name, body in services.items()}
        project = merge(project, data)
    return project
