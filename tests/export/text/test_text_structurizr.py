"""Structurizr DSL export: no parser runs offline, so the DSL's own rules are checked here.

The tokenizer below follows Structurizr's (tokens split on spaces, double
quotes group, a backslash before a quote keeps it in the token). The rules
come from the DSL reference: braces open at the end of a line and close on
a line of their own, identifiers are defined before use, container names
are unique within the software system.
"""

from __future__ import annotations

import re

from archdraw.export import structurizr
from archdraw.export.text_support import drawable_links, one_line
from archdraw.library import Library
from archdraw.model import Component, Design


def tokenize(line: str) -> list[str]:
    tokens: list[str] = []
    token: list[str] | None = None
    quoted = False
    line = line.strip()
    for index, char in enumerate(line):
        if token is None:
            if char == " ":
                continue
            token, quoted = ([], True) if char == '"' else ([char], False)
        elif char == '"' and line[index - 1] == "\\":
            token[-1] = '"'
        elif (quoted and char == '"') or (not quoted and char == " "):
            tokens.append("".join(token))
            token = None
        else:
            token.append(char)
    if token is not None:
        assert not quoted, f"unterminated string: {line}"
        tokens.append("".join(token))
    return tokens


def _statements(text: str) -> list[list[str]]:
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return [tokenize(line) for line in lines]


def _expected(text: str) -> str:
    return re.sub(r"\\(?=\"|$)", "\u29f5", one_line(text))


def test_structurizr_braces_and_lines_follow_the_dsl_rules(
    any_design: Design, library: Library
) -> None:
    depth = 0
    for tokens in _statements(structurizr.export(any_design, library)):
        assert "{" not in tokens[:-1] and "}" not in tokens[:-1], tokens
        if tokens == ["}"]:
            depth -= 1
            assert depth >= 0
        elif tokens[-1] == "{":
            depth += 1
    assert depth == 0


def test_structurizr_identifiers_are_defined_once_before_use(
    any_design: Design, library: Library
) -> None:
    defined: set[str] = set()
    relationships = 0
    for tokens in _statements(structurizr.export(any_design, library)):
        if len(tokens) > 2 and tokens[1] == "=":
            assert re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]*", tokens[0])
            assert tokens[0].lower() not in defined
            defined.add(tokens[0].lower())
        if len(tokens) > 2 and tokens[1] == "->":
            assert tokens[0].lower() in defined and tokens[2].lower() in defined
            relationships += 1
    links, _ = drawable_links(any_design)
    self_links = sum(k.source == k.target for k in links)
    assert len(defined) == len(any_design.components) + 1  # and the software system
    assert relationships == len(links) - self_links


def test_structurizr_containers_keep_names_types_and_groups(
    any_design: Design, library: Library
) -> None:
    containers: list[list[str]] = []
    groups: list[str] = []
    for tokens in _statements(structurizr.export(any_design, library)):
        if len(tokens) > 2 and tokens[2] == "container":
            containers.append(tokens)
        if tokens[0] == "group":
            groups.append(tokens[1])
    names = [tokens[3] for tokens in containers]
    assert len(names) == len(set(names)) == len(any_design.components)
    for component in any_design.components:
        assert any(name.startswith(_expected(component.title)) for name in names)
    for tokens, component in zip(containers, _in_file_order(any_design), strict=True):
        assert component.type in tokens[6].split(",")
    assert sorted(groups) == sorted(_expected(z.title) for z in any_design.zones)


def _in_file_order(design: Design) -> list[Component]:
    """Components in the order the exporter writes them: depth-first through the zones."""
    order: list[Component] = []

    def walk(zone_id: str) -> None:
        for child in design.zones:
            if child.parent == zone_id:
                walk(child.id)
        order.extend(c for c in design.components if c.zone == zone_id)

    for zone in design.zones:
        if zone.parent is None:
            walk(zone.id)
    order.extend(c for c in design.components if c.zone is None)
    return order


def test_structurizr_relationships_are_tagged_by_kind(medium: Design, library: Library) -> None:
    statements = _statements(structurizr.export(medium, library))
    tags = [tokens[5] for tokens in statements if len(tokens) > 5 and tokens[1] == "->"]
    assert tags == [link.kind for link in medium.links]
    styled = {tokens[1] for tokens in statements if tokens[0] == "relationship"}
    assert styled == {"sync", "async", "replication"}


def test_structurizr_keeps_props_as_properties(medium: Design, library: Library) -> None:
    statements = _statements(structurizr.export(medium, library))
    pairs = {(tokens[0], tokens[1]) for tokens in statements if len(tokens) == 2}
    assert ("replicas", "3") in pairs and ("rate_limit", "100") in pairs
    assert ("timeout_ms", "200") in pairs


def test_structurizr_says_what_it_leaves_out(hostile: Design, library: Library) -> None:
    lines = structurizr.export(hostile, library).splitlines()
    comments = [line for line in lines if line.startswith("#")]
    assert any("zone kinds" in line for line in comments)
    assert any("self-relationships" in line for line in comments)
    assert any("written as" in line for line in comments)
