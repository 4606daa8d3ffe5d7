"""The review as Markdown: what a learner posts for feedback or a team pastes in a PR."""

from __future__ import annotations

from archdraw.review.types import DOC_FIELDS, Item, Review, Section
from archdraw.source.printable import markdown_text, plural

MARK = {"error": "**error**", "warning": "**warning**", "info": "info", "ok": "ok"}


def _table(section: Section) -> list[str]:
    if not section.rows:
        return []
    out = [
        "| " + " | ".join(markdown_text(h, cell=True) for h in section.header) + " |",
        "|" + "---|" * len(section.header),
    ]
    out += [
        "| " + " | ".join(markdown_text(c, cell=True) for c in row) + " |" for row in section.rows
    ]
    return [*out, ""]


def _item(item: Item) -> str:
    return f"- {MARK.get(item.severity, item.severity)}: {markdown_text(item.text)}"


def render_markdown(review: Review, diagram: str | None = None) -> str:
    """`diagram` is a relative path to an image of the diagram (optional)."""
    out = [f"# Design review: {markdown_text(review.name)}", ""]
    if review.description:
        out += [markdown_text(review.description), ""]
    out += ["## At a glance", ""]
    out += [
        f"- **{s.title}** {markdown_text(s.answer)}"
        for s in review.sections
        if s.key != "assumptions"
    ]
    out += ["", "## Design document", ""]
    for name, title in DOC_FIELDS:
        value = review.doc.get(name)
        if not value:
            continue
        out.append(f"### {title}")
        out += (
            [f"- {markdown_text(v)}" for v in value]
            if isinstance(value, list)
            else [markdown_text(str(value))]
        )
        out.append("")
    if review.gaps:
        out += ["### Gaps in the document", ""]
        out += [f"- {markdown_text(gap)}" for gap in review.gaps]
        out.append("")
    out += ["## Diagram", ""]
    if diagram:
        out += [f"![{markdown_text(review.name)}]({diagram})", ""]
    counts = {s: sum(1 for f in review.findings if f.severity == s) for s in MARK}
    out += [
        f"Lint: {plural(counts['error'], 'error')}, {plural(counts['warning'], 'warning')}, "
        f"{plural(counts['info'], 'info finding')}, marked on the diagram.",
        "",
    ]
    for section in review.sections:
        out += [f"## {section.title}", "", f"**Answer:** {markdown_text(section.answer)}", ""]
        out += _table(section)
        if section.items:  # the answer and the table end in a blank line of their own
            out += [*(_item(item) for item in section.items), ""]
    return "\n".join(out).rstrip() + "\n"
