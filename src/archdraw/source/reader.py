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
from array import array
from dataclasses import dataclass, field
from typing import Any

import yaml

from archdraw.source.limits import Limits
from archdraw.source.locations import Locations, Path, Position, pack, unpack, within
from archdraw.source.numbers import NumberError, clip, read_number
from archdraw.source.problems import Problem, SourceError
from archdraw.source.resolver import ArchdrawResolver
from archdraw.source.text import decode, encode

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


_resolver = ArchdrawResolver()
_BOOLS = yaml.constructor.SafeConstructor.bool_values


def _scalar(event: yaml.ScalarEvent, max_number: float, yaml_1_1_ints: bool) -> Any:
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
    if tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float"):
        return read_number(tag, value, max_number, yaml_1_1_ints)
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
    anchor: str | None
    first_node: int
    # The key or index this container has in its parent (None for the root).
    at: str | int | None = None
    # Packed positions of a list's items or a mapping's keys (see `Locations`).
    positions: array[int] = field(default_factory=lambda: array("Q"))
    key: Any = None
    has_key: bool = False


def _pos(event: Any) -> Position:
    return (event.start_mark.line + 1, event.start_mark.column + 1)


class _Builder:
    def __init__(self, filename: str, limits: Limits, tags: frozenset[str], many: bool) -> None:
        self.filename = filename
        self.limits = limits
        self.allowed_tags = tags
        self.foreign = many  # another tool's files (manifests): YAML 1.1's numbers, as they meant
        self.locations = Locations()
        self.problems: list[Problem] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.open_anchors: set[str] = set()
        self.nodes = 0
        self.collections = 0
        self.alias_values = 0
        self.stack: list[_Frame] = []
        self.root: Any = None
        self.done = False

    def problem(self, position: Position, message: str) -> None:
        self.problems.append(Problem(self.filename, position[0], position[1], message))
        if len(self.problems) >= self.limits.max_problems:
            self.problems.append(
                Problem(
                    self.filename,
                    position[0],
                    position[1],
                    f"stopped after {self.limits.max_problems} problems; fix these first",
                )
            )
            raise SourceError(self.problems)

    def fatal(self, position: Position, message: str) -> SourceError:
        self.problem(position, message)
        return SourceError(self.problems)

    def child_path(self) -> Path | None:
        """The path of the next value, or None when it is a mapping key. Built only when
        asked (for a tagged value): keeping a path per value would cost memory per value."""
        if not self.stack:
            return ()
        frame = self.stack[-1]
        if isinstance(frame.container, list):
            last: Any = len(frame.container)
        elif frame.has_key:
            last = frame.key
        else:
            return None
        return (*(f.at for f in self.stack[1:]), last)

    def expects_key(self) -> bool:
        """Whether the next value is a mapping key."""
        if not self.stack:
            return False
        frame = self.stack[-1]
        return isinstance(frame.container, dict) and not frame.has_key

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
                _pos(event),
                f"tag '{clip(tag)}' is not allowed: design files hold plain data only",
            )

    def check_items(self, frame: _Frame, event: Any) -> None:
        # The direct children of the root (the lists of components, links, ...)
        # may grow with the design; everything nested deeper is small in any real file.
        if len(self.stack) == 2 or len(frame.container) < self.limits.max_items:
            return
        what = "list holds" if isinstance(frame.container, list) else "mapping holds"
        raise self.fatal(
            _pos(event),
            f"this {what} over {self.limits.max_items:,} items; "
            "only the top-level lists of a file may be that long",
        )

    def add_value(self, value: Any, event: Any, nodes: int) -> None:
        if not self.stack:
            self.root, self.done = value, True
            return
        frame = self.stack[-1]
        if isinstance(frame.container, list):
            if nodes:  # collections recorded their position when they started
                self.check_items(frame, event)
                frame.positions.append(pack(_pos(event)))
            frame.container.append(value)
            return
        if not frame.has_key:
            self.set_key(frame, value, event)
            return
        frame.container[frame.key] = value
        frame.has_key = False

    def set_key(self, frame: _Frame, key: Any, event: Any) -> None:
        if isinstance(key, dict | list):
            raise self.fatal(_pos(event), "a mapping key must be plain text, not a collection")
        self.check_items(frame, event)
        if key in frame.container:
            first = unpack(frame.positions[list(frame.container).index(key)])[0]
            path: Any = (*(f.at for f in self.stack[1:]), key)
            self.locations.unreadable.append((path, _pos(event)))
            self.problem(
                _pos(event),
                f"duplicate key '{clip(str(key))}' (first given on line {first}); say it once",
            )
        else:
            frame.positions.append(pack(_pos(event)))
        frame.key, frame.has_key = key, True

    def start(self, event: Any, container: dict[Any, Any] | list[Any]) -> None:
        self.check_tag(event)
        self.count(1, event)
        self.collections += 1
        if self.collections > self.limits.max_collections:
            raise self.fatal(
                _pos(event),
                f"too many mappings and lists (over {self.limits.max_collections:,}); "
                "the file is too large",
            )
        if len(self.stack) >= self.limits.max_depth:
            raise self.fatal(
                _pos(event), f"nesting deeper than {self.limits.max_depth} levels is not allowed"
            )
        if self.expects_key():
            raise self.fatal(_pos(event), "a mapping key must be plain text, not a collection")
        if event.anchor:
            self.open_anchors.add(event.anchor)
        if self.stack and isinstance(self.stack[-1].container, list):
            self.check_items(self.stack[-1], event)
            self.stack[-1].positions.append(pack(_pos(event)))
        parent = self.stack[-1] if self.stack else None
        at = None if parent is None else self._place_in(parent)
        self.stack.append(_Frame(container, event.anchor, self.nodes, at=at))

    @staticmethod
    def _place_in(parent: _Frame) -> str | int | None:
        if isinstance(parent.container, list):
            return len(parent.container)
        return parent.key if isinstance(parent.key, str | int) else None

    def end(self, event: Any) -> None:
        frame = self.stack.pop()
        if frame.anchor:
            self.open_anchors.discard(frame.anchor)
            self.anchors[frame.anchor] = (frame.container, self.nodes - frame.first_node + 1)
        self.locations.record(frame.container, frame.positions)
        self.add_value(frame.container, event, 0)

    def scalar(self, event: yaml.ScalarEvent) -> None:
        self.check_tag(event)
        self.count(1, event)
        if event.tag in self.allowed_tags:  # the tag marks the value; read it as plain text
            event = yaml.ScalarEvent(
                event.anchor, None, (True, False), event.value, event.start_mark, event.end_mark
            )
        try:
            value = _scalar(event, self.limits.max_number, self.foreign)
        except NumberError as error:
            path = self.child_path()
            self.locations.unreadable += [] if path is None else [(path, _pos(event))]
            self.problem(_pos(event), str(error))
            value = 0 if path is None else None
        except (ValueError, KeyError) as error:
            raise self.fatal(
                _pos(event), f"cannot read the value '{clip(event.value)}': {clip(str(error))}"
            ) from None
        if event.anchor:
            self.anchors[event.anchor] = (value, 1)
        self.add_value(value, event, 1)

    def alias(self, event: yaml.AliasEvent) -> None:
        anchor = event.anchor or ""
        if anchor in self.open_anchors:
            raise self.fatal(_pos(event), f"alias '*{clip(anchor)}' refers to itself")
        if anchor not in self.anchors:
            raise self.fatal(_pos(event), f"alias '*{clip(anchor)}' has no anchor before it")
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


def read_yaml(
    data: bytes | str, filename: str, limits: Limits | None = None
) -> tuple[Any, Locations]:
    """Parse one YAML document into plain data; raise `SourceError` with every problem."""
    return _read(data, filename, limits or Limits(), many=False)[0]


def read_yaml_recovering(
    data: bytes | str, filename: str, limits: Limits | None = None
) -> tuple[Any, Locations, list[Problem]]:
    """As `read_yaml`, but a value a problem makes unusable (a number out of range, a key
    given twice) is read as None, its path noted in `Locations.unreadable`, and the problem
    returned with the data, so the caller can check the rest of the file. Problems that
    stop the reading (malformed YAML, a limit) still raise `SourceError`."""
    recovered: list[Problem] = []
    [(value, locations)] = _read(data, filename, limits or Limits(), False, recovered=recovered)
    return value, locations, recovered


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
    recovered: list[Problem] | None = None,
) -> list[tuple[Any, Locations]]:
    if isinstance(data, str):
        data = encode(data, filename)
    if len(data) > limits.max_bytes:
        over = f"file is {len(data):,} bytes, over the limit of {limits.max_bytes:,} bytes"
        raise SourceError([Problem(filename, 1, 1, over)])
    text = decode(data, filename)
    if not text.strip():
        raise SourceError([Problem(filename, 1, 1, "the file is empty")])
    builder = _Builder(filename, limits, tags, many)
    documents: list[tuple[Any, Locations]] = []
    try:
        for event in yaml.parse(text, Loader=_Parser):
            if many and isinstance(event, yaml.DocumentEndEvent):
                if builder.problems:
                    raise SourceError(builder.problems)
                if builder.done:
                    builder.locations.root = builder.root
                    documents.append((builder.root, builder.locations))
                spent = (builder.nodes, builder.collections, builder.alias_values)
                builder = _Builder(filename, limits, tags, many)
                builder.nodes, builder.collections, builder.alias_values = spent
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
        line, column = within(text, (mark.line + 1, mark.column + 1) if mark else (1, 1))
        what = " ".join(part for part in (error.context, error.problem) if part)
        start = error.context_mark
        if start is not None and mark is not None and start.line != mark.line:
            what += f" (it starts on line {start.line + 1}, column {start.column + 1})"
        if mark is not None and text[mark.index : mark.index + 1] == "\t":
            what += "; this is a tab, and YAML indents with spaces only"
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
        if recovered is None:
            raise SourceError(builder.problems)
        recovered += builder.problems
    if many:
        return documents
    if not builder.done:
        raise SourceError([Problem(filename, 1, 1, "the file is empty (only comments)")])
    builder.locations.root = builder.root
    return [(builder.root, builder.locations)]
