"""A link is named "Source → Target" by one function everywhere the editor shows it."""

from __future__ import annotations

from archdraw.gui.panels.fields import link_title
from archdraw.gui.panels.findings import FindingsModel
from archdraw.gui.theme import resolve
from archdraw.library import Library
from archdraw.lint import lint_design
from archdraw.model import Component, Design, Link
from archdraw.model.edits import SetComponentFields

from .conftest import hover_text, load_into, viewport_point


def test_properties_and_findings_name_a_link_alike(library: Library) -> None:
    design = Design(
        archdraw=1,
        name="Shop",
        components=[
            Component(id="web", type="client", label="Browser <b>", props={"rps": 10}),
            Component(id="api", type="service"),
        ],
        links=[Link(**{"from": "web", "to": "api"})],
    )
    titles = {c.id: c.title for c in design.components}
    (first,) = design.links
    dangling = Link(**{"from": "api", "to": "gone"})
    assert first.ends_title(titles) == "Browser <b> → api"
    assert dangling.ends_title(titles) == "api → gone"  # an end it does not know keeps its id
    assert link_title(design, first) == "Browser &lt;b&gt; → api"  # rich text in the panel
    about_links = [f for f in lint_design(design, library) if f.link and not f.component]
    assert about_links
    model = FindingsModel(resolve("light"), lambda: design)  # the Findings panel's rows
    for finding in about_links:
        link = design.link(finding.link or "")
        assert link is not None and model.title(finding) == link.ends_title(titles)


TWO_LINKS = """
archdraw: 1
name: shop
components:
  - {id: web, type: client, label: Browser, position: [0, 0]}
  - {id: api, type: service, label: Shop <API>, position: [400, 0]}
  - {id: db, type: database, position: [800, 0]}
links:
  - {from: web, to: api, label: places orders}
  - {id: orders-write, from: api, to: db, kind: async}
"""


def test_hovering_a_link_names_its_ends_by_title(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    load_into(window, TWO_LINKS)
    window.lint.timer.stop()  # no markers over the links' middles

    def hover_link(key: str) -> str:
        path = window.scene.links[key].drawing.path
        return hover_text(window, qtbot, viewport_point(window, path.at(0.3)))

    assert hover_link("web->api") == "Browser → Shop <API> (sync)\nplaces orders"
    # An explicit id is what other files and the lint settings name the link by: shown
    # under the name. An end without a label is named by its id, as on its box.
    assert hover_link("orders-write") == "Shop <API> → db (async)\nid: orders-write"
    # Renamed ends are named anew (the text is written when the pointer rests).
    window.editing.apply(SetComponentFields("db", {"label": "Orders"}, label="Rename"))
    qtbot.wait(20)
    assert hover_link("orders-write").startswith("Shop <API> → Orders (async)\n")
