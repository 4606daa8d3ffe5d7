"""AD304 counts the links into a store that say their caller authenticates (`auth: true`):
every link into it must say so, whichever of them state `auth` at all."""

from __future__ import annotations

from archdraw.lint import lint_design

DESIGN = """
archdraw: 1
name: callers that authenticate
components:
  - {id: api, type: service}
  - {id: batch, type: worker}
  - {id: everyone, type: database}
  - {id: some, type: database}
  - {id: nobody, type: database}
  - {id: copy, type: database}
links:
  - {from: api, to: everyone, props: {auth: true}}
  - {from: batch, to: everyone, props: {auth: true}}
  - {from: api, to: some, props: {auth: true}}
  - {from: batch, to: some}
  - {from: api, to: nobody}
  - {from: nobody, to: copy, kind: replication, props: {auth: true}}
  - {from: api, to: copy}
"""


def test_a_store_is_asked_unless_every_link_into_it_says_the_caller_authenticates(
    load_text, library
) -> None:
    loaded = load_text(DESIGN)
    (unknown,) = [
        f for f in lint_design(loaded.design, library, loaded.locations) if f.code == "AD304"
    ]
    asked = [unknown.component, *(r.element for r in unknown.related)]
    # `some`: one caller of two says so; `copy`: only its replication link does.
    assert asked == ["some", "nobody", "copy"]
