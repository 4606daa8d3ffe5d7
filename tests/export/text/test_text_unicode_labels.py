"""Every text export passes its real parser for every label the loader accepts (issue 15).

Labels, notes, zone titles, link labels and design names are drawn from the
whole of Unicode (bar lone surrogates, which no file can hold), with line and
paragraph separators, NEL, non-characters, control characters and the tokens
each target syntax gives meaning to. Each example builds one design from the
labels, reads it back through the loader (so only what a file can hold is
tried), exports it in every text format and runs each export through the tool
that reads it: d2, Graphviz dot, PlantUML, mermaid@11, an XML parser for
draw.io and a JSON parser. ARCHDRAW_EXPORT_EXAMPLES sets the number of
examples (default 2: each runs every parser once).
"""

from __future__ import annotations

import json
import os
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

from hypothesis import Phase, given, settings
from hypothesis import strategies as st
from text_parsers import d2_svg, dot_svg, mermaid_parse, plantuml

from archdraw.export import export_design
from archdraw.io import dumps, loads
from archdraw.library import Library, builtin_library
from archdraw.model import Component, Design, Link, Zone

LIBRARY = builtin_library()
SPECIAL = [
    "\u2028", "\u2029", "\x85", "\ufffe", "\uffff", "\ufdd0", "\U0010ffff", "\U0001fffe",
    "\x00", "\x1b", "\x7f", "\x9f", "\t", "\r", "\n", "\u200b", "\u202e", "\ufeff",
    "<br>", "<b>", "</p>", "---", "--", "&", "&amp;", "${x}", "$", "\\", '"', "'", "`",
    "@enduml", "@startuml", "%%", "end", "subgraph", "{", "}", "[", "]", "(", ")", "|",
    ":", ";", "#", "//", "/*", "*", "**", "~", "<U+0041>", "\\n", "-->", "->", "==",
]  # fmt: skip
pieces = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=6)
labels = st.lists(pieces | st.sampled_from(SPECIAL), min_size=1, max_size=6).map("".join) | (
    st.sampled_from(["&" * 4000, "é" * 9000, "<br>" * 50, "\u2028" * 20])
)
EXAMPLES = int(os.environ.get("ARCHDRAW_EXPORT_EXAMPLES", "2"))


def _design(texts: list[str]) -> Design:
    """One design holding every text in every place a label can go, as a file would load it."""
    at = lambda i: texts[i % len(texts)]  # noqa: E731
    zones = [
        Zone(id="outer", label=at(0), kind="region"),
        Zone(id="inner", label=at(1), parent="outer"),
    ]
    components = [
        Component(id=f"c{i}", type=("service", "database", "queue")[i % 3], label=text,
                  notes=at(i + 1), zone=("outer", "inner", None)[i % 3])
        for i, text in enumerate(texts)
    ]  # fmt: skip
    links = [
        Link.model_validate({"from": f"c{i}", "to": f"c{i + 1}", "label": at(i + 2),
                             "kind": ("sync", "async", "replication")[i % 3]})
        for i in range(len(texts) - 1)
    ]  # fmt: skip
    design = Design(archdraw=1, name=at(2), zones=zones, components=components, links=links)
    # Only what a design file can hold: save and load it again.
    return loads(dumps(design), "labels.archdraw.yaml", LIBRARY).design


def _export(design: Design, fmt: str, library: Library) -> str:
    text = export_design(design, library, fmt)
    assert isinstance(text, str)
    return text


# No shrinking: each example runs five external tools, and a failure already shows its labels.
@settings(max_examples=EXAMPLES, deadline=None, phases=[Phase.explicit, Phase.generate])
@given(st.lists(labels, min_size=3, max_size=10))
def test_every_text_export_passes_its_real_parser(texts: list[str]) -> None:
    design = _design(texts)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        d2_svg(_export(design, "d2", LIBRARY), folder)
        dot_svg(_export(design, "dot", LIBRARY))
        plantuml([_export(design, "plantuml", LIBRARY)], folder)
        mermaid_parse(
            [_export(design, fmt, LIBRARY) for fmt in ("mermaid", "mermaid-architecture")], folder
        )
        ET.fromstring(_export(design, "drawio", LIBRARY).encode("utf-8"))
        json.loads(_export(design, "json", LIBRARY))


def test_the_reported_labels_pass_their_parsers() -> None:
    """The labels an outside probe found each tool rejecting."""
    test_every_text_export_passes_its_real_parser.hypothesis.inner_test(  # type: ignore[attr-defined]
        ["a <br> b", "x --- y", "p \ufffe q", "u \u2028 v", "n \x85 m", "&" * 4000]
    )
    # A name with nothing left once control characters go (PlantUML and Mermaid refuse
    # `""`), and a design name of brackets alone (PlantUML misreads `title )}`).
    test_every_text_export_passes_its_real_parser.hypothesis.inner_test(  # type: ignore[attr-defined]
        ["~", "\x00", ")}"]
    )
