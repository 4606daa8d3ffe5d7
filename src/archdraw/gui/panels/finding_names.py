"""How the Findings panel names elements: by title, a link as "Source → Target"."""

from __future__ import annotations

import html
from collections import Counter

from archdraw.model import Design

# How many related elements a tooltip and the details name (AD304 may list every store).
TOOLTIP_NAMES, DETAIL_NAMES = 10, 50


def element_names(design: Design) -> dict[str, str]:
    """Element id -> title, as the canvas names it: a component or zone shows its label
    (else its id). Elements sharing a title (a pasted copy keeps its label) get their id
    after it, so two findings about "API gateway" say which one they mean."""
    titles = {z.id: z.title for z in design.zones} | {c.id: c.title for c in design.components}
    uses = Counter(titles.values())
    return {
        id_: title if uses[title] == 1 or title == id_ else f"{title} ({id_})"
        for id_, title in titles.items()
    }


def link_titles(design: Design, names: dict[str, str]) -> dict[str, str]:
    """Link key -> "Source → Target" by the titles of its ends."""
    return {link.key: link.ends_title(names) for link in design.links}


def listed(titles: list[str], most: int, between: str) -> str:
    """`titles` after a line break, one a line, the first `most` and then how many more."""
    if not titles:
        return ""
    more = len(titles) - most
    lines = [*titles[:most], *([f"and {more} more"] if more > 0 else [])]
    return between + between.join(lines)


def related_html(titles: list[str]) -> str:
    """The details' list of a finding's related elements (`titles`), if any."""
    if not titles:
        return ""
    names = listed([html.escape(t) for t in titles], DETAIL_NAMES, "<br>")
    return f"<p><b>Also about</b> (clicking the finding selects them too):{names}</p>"
