"""A link is named "Source → Target" by one function everywhere the editor shows it."""

from __future__ import annotations

from archdraw.gui.panels.fields import link_title
from archdraw.gui.panels.findings import FindingsModel
from archdraw.gui.theme import resolve
from archdraw.library import Library
from archdraw.lint import lint_design
from archdraw.model import Component, Design, Link


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
