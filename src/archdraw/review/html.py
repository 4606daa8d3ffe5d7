"""The review as one self-contained HTML page: inline SVG, style and script, no requests.

Hovering, tapping or tabbing to a component shows its findings and numbers; the
items about it in every section are highlighted. Readable on a phone: tables and
the diagram scroll sideways, the details panel stays in view.
"""

from __future__ import annotations

import json
from html import escape

from archdraw.export.svg import export_svg
from archdraw.library import Library
from archdraw.model import Design
from archdraw.review.html_assets import CSP, SCRIPT, STYLE
from archdraw.review.spans import spans
from archdraw.review.types import DOC_FIELDS, Item, Review, Section


def text(value: str) -> str:
    """Escaped text with its `code` spans as <code>: a label's markup is shown, never obeyed."""
    return "".join(
        f"<code>{escape(part)}</code>" if code else escape(part) for code, part in spans(value)
    )


def _items(items: list[Item]) -> str:
    rows = []
    for item in items:
        elements = escape(" ".join(item.elements))
        rows.append(
            f'<li class="{escape(item.severity)}" data-elements="{elements}">'
            f'<span class="sev">{escape(item.severity)}</span>{text(item.text)}</li>'
        )
    return f'<ul class="items">{"".join(rows)}</ul>' if rows else ""


def _table(section: Section) -> str:
    if not section.rows:
        return ""
    head = "".join(f"<th>{text(h)}</th>" for h in section.header)
    body = "".join(
        "<tr>" + "".join(f"<td>{text(cell)}</td>" for cell in row) + "</tr>" for row in section.rows
    )
    table = f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    return f'<div class="scroll">{table}</div>'


def _document(review: Review) -> str:
    out = []
    for name, title in DOC_FIELDS:
        value = review.doc.get(name)
        if not value:
            continue
        out.append(f"<h3>{escape(title)}</h3>")
        if isinstance(value, list):
            out.append("<ul>" + "".join(f"<li>{text(v)}</li>" for v in value) + "</ul>")
        else:
            out.append(f"<p>{text(str(value))}</p>")
    if review.gaps:
        out.append("<h3>Gaps in the document</h3>")
        out.append(
            '<ul class="gaps">' + "".join(f"<li>{text(g)}</li>" for g in review.gaps) + "</ul>"
        )
    return "".join(out)


def _glance(review: Review) -> str:
    rows = "".join(
        f'<dt><a href="#{s.key}">{escape(s.title)}</a></dt><dd>{text(s.answer)}</dd>'
        for s in review.sections
        if s.key != "assumptions"
    )
    return f'<dl class="glance">{rows}</dl>'


def _data(review: Review) -> str:
    data = {
        "components": {
            cid: {"title": review.titles[cid], "lines": lines}
            for cid, lines in review.numbers.items()
        }
    }
    # "</" inside a script element would end it early.
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")


def render_html(review: Review, design: Design, library: Library) -> str:
    svg = export_svg(design, library, findings=review.findings, legend=True)
    svg = svg.split("?>", 1)[1] if svg.startswith("<?xml") else svg
    nav = "".join(f'<a href="#{s.key}">{escape(s.title)}</a>' for s in review.sections)
    sections = "".join(
        f'<section id="{s.key}"><h2>{escape(s.title)}</h2>'
        f'<p class="answer">{text(s.answer)}</p>{_table(s)}{_items(s.items)}</section>'
        for s in review.sections
    )
    description = f"<p>{text(review.description)}</p>" if review.description else ""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Design review: {escape(review.name)}</title><style>{STYLE}</style></head>"
        f"<body><main><h1>Design review: {escape(review.name)}</h1>{description}"
        f'<nav><a href="#document">Design document</a><a href="#diagram">Diagram</a>{nav}</nav>'
        f'<section id="glance"><h2>At a glance</h2>{_glance(review)}</section>'
        f'<section id="document"><h2>Design document</h2>{_document(review)}</section>'
        '<section id="diagram"><h2>Diagram</h2>'
        '<p class="hint">Hover over, tap or tab to a component to see its findings and '
        "numbers; lint findings are marked on the boxes.</p>"
        '<div id="details" aria-live="polite"><span class="hint">Nothing selected.</span></div>'
        f'<div class="diagram">{svg}</div>'
        f"</section>{sections}</main>"
        f'<script type="application/json" id="review-data">{_data(review)}</script>'
        f"<script>{SCRIPT}</script></body></html>\n"
    )
