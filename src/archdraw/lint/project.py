"""The project configuration: `[tool.archdraw]` in pyproject.toml, or an archdraw.toml.

Found upward from the files being checked (from the working directory when
none are named), the nearest file that configures archdraw winning, as ruff
does. Keys (all optional; dashes or underscores):

    select = ["AD1", "AD301"]      # rules run: codes, names or code prefixes
    ignore = ["AD204"]             # rules skipped
    severity = { AD105 = "info" }  # a design's own `lint: severity:` still wins
    fail-on = "error"              # error | warning | info
    baseline = "archdraw-baseline.json"
    library = "component_types"    # a folder of extra component types
    include = ["designs/**/*.archdraw.yaml"]
    exclude = ["designs/drafts/**"]

Paths are relative to the configuration file. Command-line options override
every key.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from archdraw.lint.config import resolve
from archdraw.lint.types import Finding, Severity
from archdraw.model import Design
from archdraw.source import SourceError
from archdraw.source.text import read_text

SEVERITIES = ("error", "warning", "info")
DEFAULT_INCLUDE = ("**/*.archdraw.yaml", "**/*.archdraw.yml")
# Never searched for designs: tool and dependency folders.
SKIPPED_FOLDERS = frozenset({".git", ".hg", ".venv", "venv", "node_modules", "__pycache__", ".tox"})
_KEYS = ("select", "ignore", "severity", "fail-on", "baseline", "library", "include", "exclude")


class ProjectError(ValueError):
    """The configuration file is wrong; the message names the file, the key and the cause."""


@dataclass(frozen=True)
class ProjectConfig:
    path: Path | None = None  # the file it came from; None: no configuration found
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
    fail_on: str | None = None
    baseline: Path | None = None
    library: Path | None = None
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()

    @property
    def root(self) -> Path:
        return self.path.parent if self.path is not None else Path.cwd()


def _section(path: Path) -> dict[str, Any] | None:
    try:
        data = tomllib.loads(read_text(path, "a TOML file"))
    except SourceError as error:
        raise ProjectError(str(error)) from None
    except tomllib.TOMLDecodeError as error:
        # "Unclosed array (at line 3, column 1)" -> "FILE:3:1: Unclosed array"
        at = re.search(r" \(at line (\d+), column (\d+)\)$", str(error))
        where = f"{path}:{at[1]}:{at[2]}" if at else f"{path}:1:1"
        message = str(error)[: at.start()] if at else str(error)
        raise ProjectError(f"{where}: {message}") from None
    if path.name == "archdraw.toml":
        section = data.get("tool", {}).get("archdraw", data)
    else:
        section = data.get("tool", {}).get("archdraw")
    if section is None:
        return None
    if not isinstance(section, dict):
        raise ProjectError(f"{path}: [tool.archdraw] must be a table")
    return section


def find_config(start: Path) -> Path | None:
    """The nearest archdraw.toml, or pyproject.toml with [tool.archdraw], from `start` up."""
    folder = start if start.is_dir() else start.parent
    for candidate in (folder.resolve(), *folder.resolve().parents):
        for name in ("archdraw.toml", "pyproject.toml"):
            path = candidate / name
            if path.is_file() and _section(path) is not None:
                return path
    return None


def _at(path: Path, key: str) -> str:
    """`FILE:LINE:COLUMN` of the line that sets `key` (as written, `-` or `_`), else `FILE`:
    tomllib keeps no positions, and an error should still point at its line."""
    try:
        lines = read_text(path, "a TOML file").splitlines()
    except SourceError:
        return str(path)
    spelt = "[-_]".join(re.escape(part) for part in re.split("[-_]", key))
    pattern = re.compile(rf"^(\s*)[\"']?{spelt}[\"']?\s*=")
    found = next(((n, m) for n, line in enumerate(lines, 1) if (m := pattern.match(line))), None)
    return f"{path}:{found[0]}:{len(found[1][1]) + 1}" if found else str(path)


def _strings(path: Path, key: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ProjectError(f"{_at(path, key)}: [tool.archdraw] {key} must be a list of strings")
    return tuple(value)


def _text(path: Path, key: str, value: Any) -> str:
    if not isinstance(value, str) or not value:
        raise ProjectError(f"{_at(path, key)}: [tool.archdraw] {key} must be a non-empty string")
    return value


def read_config(path: Path) -> ProjectConfig:
    section = _section(path) or {}
    values = {str(k).replace("_", "-"): v for k, v in section.items()}
    for key in values:
        if key not in _KEYS:
            from difflib import get_close_matches

            close = get_close_matches(key, _KEYS, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else f" (known: {', '.join(_KEYS)})"
            raise ProjectError(f"{_at(path, key)}: [tool.archdraw] has unknown key '{key}'{hint}")
    severity = values.get("severity", {})
    if not isinstance(severity, dict) or any(v not in SEVERITIES for v in severity.values()):
        raise ProjectError(
            f"{_at(path, 'severity')}: [tool.archdraw] severity maps rules to one of "
            f"{', '.join(SEVERITIES)}"
        )
    fail_on = values.get("fail-on")
    if fail_on is not None and fail_on not in SEVERITIES:
        raise ProjectError(
            f"{_at(path, 'fail-on')}: [tool.archdraw] fail-on must be one of "
            f"{', '.join(SEVERITIES)}, "
            f"not {fail_on!r}"
        )
    root = path.parent

    def folder(key: str) -> Path | None:
        return root / _text(path, key, values[key]) if key in values else None

    library = folder("library")
    if library is not None and not library.is_dir():
        # Silently linting without the project's own types would misreport every design
        # that uses them.
        raise ProjectError(
            f"{_at(path, 'library')}: [tool.archdraw] library: {library} is not a folder"
        )
    return ProjectConfig(
        path=path,
        select=_strings(path, "select", values["select"]) if "select" in values else None,
        ignore=_strings(path, "ignore", values.get("ignore", [])),
        severity={str(k): str(v) for k, v in severity.items()},
        fail_on=fail_on,
        baseline=folder("baseline"),
        library=library,
        include=_strings(path, "include", values["include"])
        if "include" in values
        else DEFAULT_INCLUDE,
        exclude=_strings(path, "exclude", values.get("exclude", [])),
    )


def project_for(paths: list[str]) -> ProjectConfig:
    """The configuration for these files (the first one's), or for the working directory."""
    start = Path(paths[0]) if paths else Path.cwd()
    found = find_config(start)
    return read_config(found) if found is not None else ProjectConfig()


def _glob_regex(pattern: str) -> re.Pattern[str]:
    """A glob as git and ruff read it: `**/` any folders (or none), `*` within one name."""
    out, index = [], 0
    while index < len(pattern):
        if pattern.startswith("**/", index):
            out.append("(?:.*/)?")
            index += 3
        elif pattern.startswith("**", index):
            out.append(".*")
            index += 2
        elif pattern[index] == "*":
            out.append("[^/]*")
            index += 1
        elif pattern[index] == "?":
            out.append("[^/]")
            index += 1
        else:
            out.append(re.escape(pattern[index]))
            index += 1
    return re.compile("".join(out) + r"\Z")


def _matches(relative: Path, patterns: tuple[str, ...]) -> bool:
    text = relative.as_posix()
    return any(_glob_regex(p).match(text) for p in patterns)


def design_files(folder: Path, config: ProjectConfig) -> list[Path]:
    """The designs under `folder` that the configuration includes, sorted."""
    found = []
    for candidate in sorted(folder.rglob("*")):
        if not candidate.is_file():
            continue
        relative = candidate.relative_to(folder)
        if any(part in SKIPPED_FOLDERS for part in relative.parts[:-1]):
            continue
        if includes(candidate, config):
            found.append(candidate)
    return found


def includes(path: Path, config: ProjectConfig) -> bool:
    """Whether the project's include globs take `path` and its exclude globs do not."""
    in_root = _relative_to_root(path, config)
    return _matches(in_root, config.include) and not _matches(in_root, config.exclude)


def _relative_to_root(path: Path, config: ProjectConfig) -> Path:
    try:
        return path.resolve().relative_to(config.root.resolve())
    except ValueError:
        return Path(path.name)


def with_project_severity(
    findings: list[Finding], severity: dict[str, Severity], design: Design
) -> list[Finding]:
    """The project's severity overrides, where the design's own `lint: severity:` says nothing."""
    if not severity:
        return findings
    own = resolve(design.lint).severity
    return [
        replace(f, severity=severity[f.code]) if f.code in severity and f.code not in own else f
        for f in findings
    ]
