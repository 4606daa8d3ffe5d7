"""YAML to plain data in one pass over parser events, keeping each value's position.

We build values from events ourselves rather than `yaml.safe_load` because we
need (a) a line and column for every value, without composing a node tree
first, (b) duplicate keys reported instead of silently kept, (c) budgets on
depth, nodes and alias expansion that a hostile file cannot get round, and
(d) no tags beyond the plain YAML types. Scalars are resolved exactly as
PyYAML's safe loader resolves them, so whatever our dumper writes reads back
the same.
"""

from __future__ import annotations

import copy
import sys
from dataclasses import dataclass, field
from typing import Any

import yaml

from archdraw.source.problems import Problem, SourceError
from archdraw.source.resolver import ArchdrawResolver

Path = tuple[str | int, ...]
Position = tuple[int, int]

_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "!",
}


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 64 * 1024 * 1024
    max_depth: int = 64
    max_nodes: int = 5_000_000
    # Hand-written designs rarely use aliases; a small budget stops bombs early and cheaply.
    max_alias_values: int = 100_000


class Locations:
    """Maps a value's path in the data to its 1-based (line, column) in the file."""

    def __init__(self) -> None:
        self._at: dict[Path, Position] = {(): (1, 1)}
        # Custom tags the caller allowed (Compose's `!reset`), by the path of the tagged value.
        self.tags: dict[Path, str] = {}

    def record(self, path: Path, position: Position) -> None:
        self._at[path] = position

    def exact(self, path: Path) -> Position | None:
        return self._at.get(path)

    def of(self, path: Path) -> Position:
        """The position of `path`, or of its nearest recorded ancestor."""
        for end in range(len(path), -1, -1):
            found = self._at.get(path[:end])
            if found is not None:
                return found
        return (1, 1)


_resolver = ArchdrawResolver()
_constructor = yaml.constructor.SafeConstructor()
_BOOLS = yaml.constructor.SafeConstructor.bool_values


def _scalar(event: yaml.ScalarEvent) -> Any:
    tag = event.tag
    if tag in (None, "!"):
        if not event.implicit[0]:
            return _shared(event.value)
        tag = _resolver.resolve(yaml.ScalarNode, event.value, event.implicit)  # type: ignore[no-untyped-call]
    value = event.value
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:bool":
        return _BOOLS[value.lower()]
    if tag == "tag:yaml.org,2002:int":
        return _constructor.construct_yaml_int(yaml.ScalarNode(tag, value))
    if tag == "tag:yaml.org,2002:float":
        return _constructor.construct_yaml_float(yaml.ScalarNode(tag, value))
    # Timestamps and other implicit types stay text: designs have no dates.
    return _shared(value)


# Identifiers repeat all over a design: every link names two components, every component
# its type, zone and property names. Sharing one string per distinct short text makes each
# look-up by id an identity check (no character comparison, no second string to fetch from
# memory: a fifth of a lint run on a large design) and the loaded design smaller.
_SHARED_AT_MOST = 80


def _shared(text: str) -> str:
    return sys.intern(text) if len(text) <= _SHARED_AT_MOST else text


@dataclass
class _Frame:
    container: dict[Any, Any] | list[Any]
    path: Path
    anchor: str | None
    first_node: int
    key: Any = None
    has_key: bool = False
    key_lines: dict[Any, int] = field(default_factory=dict)


def _pos(event: Any) -> Position:
    return (event.start_mark.line + 1, event.start_mark.column + 1)


class _Builder:
    def __init__(self, filename: str, limits: Limits, tags: frozenset[str] = frozenset()) -> None:
        self.filename = filename
        self.limits = limits
        self.allowed_tags = tags
        self.locations = Locations()
        self.problems: list[Problem] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.open_anchors: set[str] = set()
        self.nodes = 0
        self.alias_values = 0
        self.stack: list[_Frame] = []
        self.root: Any = None
        self.done = False

    def problem(self, position: Position, message: str) -> None:
        self.problems.append(Problem(self.filename, position[0], position[1], message))

    def fatal(self, position: Position, message: str) -> SourceError:
        self.problem(position, message)
        return SourceError(self.problems)

    def child_path(self) -> Path | None:
        """The path of the next value, or None when it is a mapping key."""
        if not self.stack:
            return ()
        frame = self.stack[-1]
        if isinstance(frame.container, list):
            return (*frame.path, len(frame.container))
        if not frame.has_key:
            return None
        return (*frame.path, frame.key)

    def count(self, n: int, event: Any) -> None:
        self.nodes += n
        if self.nodes > self.limits.max_nodes:
            raise self.fatal(
                _pos(event),
                f"too many values (over {self.limits.max_nodes:,}); "
                "the file is too large or expands an alias too often",
            )

    def check_tag(self, event: Any) -> None:
        tag = getattr(event, "tag", None)
        if tag in self.allowed_tags:
            path = self.child_path()
            if path is None:
                raise self.fatal(_pos(event), f"tag '{tag}' cannot mark a mapping key")
            self.locations.tags[path] = tag
            return
        if tag is not None and tag not in _STANDARD_TAGS:
            raise self.fatal(
                _pos(event), f"tag '{tag}' is not allowed: design files hold plain data only"
            )

    def add_value(self, value: Any, event: Any, nodes: int) -> None:
        path = self.child_path()
        if not self.stack:
            self.root, self.done = value, True
            return
        frame = self.stack[-1]
        if isinstance(frame.container, list):
            frame.container.append(value)
            if nodes:  # collections recorded their position when they started
                self.locations.record(path or (), _pos(event))
            return
        if path is None:
            self.set_key(frame, value, event)
            return
        frame.container[frame.key] = value
        frame.has_key = False

    def set_key(self, frame: _Frame, key: Any, event: Any) -> None:
        if isinstance(key, dict | list):
            raise self.fatal(_pos(event), "a mapping key must be plain text, not a collection")
        line = _pos(event)[0]
        if key in frame.key_lines:
            self.problem(
                _pos(event),
                f"duplicate key '{key}' (first given on line {frame.key_lines[key]}); say it once",
            )
        else:
            frame.key_lines[key] = line
        frame.key, frame.has_key = key, True
        self.locations.record((*frame.path, key), _pos(event))

    def start(self, event: Any, container: dict[Any, Any] | list[Any]) -> None:
        self.check_tag(event)
        self.count(1, event)
        if len(self.stack) >= self.limits.max_depth:
            raise self.fatal(
                _pos(event), f"nesting deeper than {self.limits.max_depth} levels is not allowed"
            )
        path = self.child_path()
        if path is None:
            raise self.fatal(_pos(event), "a mapping key must be plain text, not a collection")
        if event.anchor:
            self.open_anchors.add(event.anchor)
        if self.stack and isinstance(self.stack[-1].container, list):
            self.locations.record(path, _pos(event))
        self.stack.append(_Frame(container, path, event.anchor, self.nodes))

    def end(self, event: Any) -> None:
        frame = self.stack.pop()
        if frame.anchor:
            self.open_anchors.discard(frame.anchor)
            self.anchors[frame.anchor] = (frame.container, self.nodes - frame.first_node + 1)
        self.add_value(frame.container, event, 0)

    def scalar(self, event: yaml.ScalarEvent) -> None:
        self.check_tag(event)
        self.count(1, event)
        if event.tag in self.allowed_tags:  # the tag marks the value; read it as plain text
            event = yaml.ScalarEvent(
                event.anchor, None, (True, False), event.value, event.start_mark, event.end_mark
            )
        try:
            value = _scalar(event)
        except (ValueError, KeyError) as error:
            raise self.fatal(
                _pos(event), f"cannot read the value '{event.value}': {error}"
            ) from None
        if event.anchor:
            self.anchors[event.anchor] = (value, 1)
        self.add_value(value, event, 1)

    def alias(self, event: yaml.AliasEvent) -> None:
        anchor = event.anchor or ""
        if anchor in self.open_anchors:
            raise self.fatal(_pos(event), f"alias '*{anchor}' refers to itself")
        if anchor not in self.anchors:
            raise self.fatal(_pos(event), f"alias '*{anchor}' has no anchor before it")
        value, nodes = self.anchors[anchor]
        # Count the expansion before copying so an alias bomb is refused cheaply.
        self.alias_values += nodes
        if self.alias_values > self.limits.max_alias_values:
            raise self.fatal(
                _pos(event),
                f"aliases expand to over {self.limits.max_alias_values:,} values "
                "(an alias bomb?); write the values out instead",
            )
        self.count(nodes, event)
        self.add_value(copy.deepcopy(value), event, nodes)


def _decode(data: bytes, filename: str) -> str:
    if b"\x00" in data[:8192]:
        raise SourceError([Problem(filename, 1, 1, "this is a binary file, not a YAML design")])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise SourceError(
            [Problem(filename, line, column, "not UTF-8 text (is this a binary file?)")]
        ) from None


def _encode(text: str, filename: str) -> bytes:
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


def read_yaml(
    data: bytes | str, filename: str, limits: Limits | None = None
) -> tuple[Any, Locations]:
    """Parse one YAML document into plain data; raise `SourceError` with every problem."""
    return _read(data, filename, limits or Limits(), many=False)[0]


def read_yaml_documents(
    data: bytes | str,
    filename: str,
    limits: Limits | None = None,
    tags: frozenset[str] = frozenset(),
) -> list[tuple[Any, Locations]]:
    """Every document of a `---`-separated stream (Kubernetes manifests); empty ones dropped.

    The limits hold for the stream as a whole, so many small documents cannot get round them.
    `tags` are custom tags allowed on values: each is recorded in `Locations.tags` by path,
    its value read as if untagged (nothing is constructed from a tag).
    """
    return _read(data, filename, limits or Limits(), many=True, tags=tags)


def _read(
    data: bytes | str,
    filename: str,
    limits: Limits,
    many: bool,
    tags: frozenset[str] = frozenset(),
) -> list[tuple[Any, Locations]]:
    if isinstance(data, str):
        data = _encode(data, filename)
    size = len(data)
    if size > limits.max_bytes:
        raise SourceError(
            [
                Problem(
                    filename,
                    1,
                    1,
                    f"file is {size:,} bytes, over the limit of {limits.max_bytes:,} bytes",
                )
            ]
        )
    text = _decode(data, filename)
    if not text.strip():
        raise SourceError([Problem(filename, 1, 1, "the file is empty")])
    builder = _Builder(filename, limits, tags)
    documents: list[tuple[Any, Locations]] = []
    try:
        for event in yaml.parse(text, Loader=_Parser):
            if many and isinstance(event, yaml.DocumentEndEvent):
                if builder.problems:
                    raise SourceError(builder.problems)
                if builder.done:
                    documents.append((builder.root, builder.locations))
                spent = (builder.nodes, builder.alias_values)
                builder = _Builder(filename, limits, tags)
                builder.nodes, builder.alias_values = spent
                continue
            if builder.done and not isinstance(event, yaml.StreamEndEvent | yaml.DocumentEndEvent):
                raise builder.fatal(_pos(event), "only one YAML document per file is allowed")
            if isinstance(event, yaml.ScalarEvent):
                builder.scalar(event)
            elif isinstance(event, yaml.MappingStartEvent):
                builder.start(event, {})
            elif isinstance(event, yaml.SequenceStartEvent):
                builder.start(event, [])
            elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                builder.end(event)
            elif isinstance(event, yaml.AliasEvent):
                builder.alias(event)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = " ".join(part for part in (error.context, error.problem) if part)
        start = error.context_mark
        if start is not None and mark is not None and start.line != mark.line:
            what += f" (it starts on line {start.line + 1}, column {start.column + 1})"
        builder.problem((line, column), f"malformed YAML: {what}")
        raise SourceError(builder.problems) from None
    except yaml.reader.ReaderError as error:
        line = text[: error.position].count("\n") + 1
        column = error.position - (text.rfind("\n", 0, error.position) + 1) + 1
        builder.problem(
            (line, column), f"not a text file: {error.reason} (character #x{error.character:04x})"
        )
        raise SourceError(builder.problems) from None
    except yaml.YAMLError as error:
        builder.problem((1, 1), f"malformed YAML: {error}")
        raise SourceError(builder.problems) from None
    if builder.problems:
        raise SourceError(builder.problems)
    if many:
        return documents
    if not builder.done:
        raise SourceError([Problem(filename, 1, 1, "the file is empty (only comments)")])
    return [(builder.root, builder.locations)]
