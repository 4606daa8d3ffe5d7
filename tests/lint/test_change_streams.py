"""Lint judges a store's change stream at the store's write rate (`archdraw.analysis.traffic`).

An indexer behind a catalog's change data capture is sized for the catalog's writes: it is
saturated when the writes outrun it (fires), never because shoppers read the catalog a lot
(clean), and the editor's session agrees with a full lint when a link's `writes` changes.
"""

from __future__ import annotations

from archdraw.library import Library
from archdraw.lint import lint_design
from archdraw.lint.session import LintSession
from archdraw.model import Document
from archdraw.model.edits import SetLinkProperties

# 5,000 reads/s and WRITES writes/s into the catalog; its change stream feeds one indexer
# of 100 req/s.
DESIGN = """archdraw: 1
name: change stream
components:
  - {id: shoppers, type: client, props: {rps: 5000}}
  - {id: sellers, type: client, props: {rps: WRITES}}
  - {id: catalog, type: nosql_database, props: {capacity_rps: 100000, replicas: 3}}
  - {id: indexer, type: worker, props: {capacity_rps: 100, replicas: 1}}
links:
  - {from: shoppers, to: catalog, props: {writes: false}}
  - {id: listings, from: sellers, to: catalog, props: {writes: true}}
  - {from: catalog, to: indexer, kind: async}
"""


def _saturated(findings: list) -> list[str]:  # type: ignore[type-arg]
    return [f.component for f in findings if f.code == "AD209"]


def test_the_indexer_saturates_when_the_writes_outrun_it(load_text, library: Library) -> None:
    loaded = load_text(DESIGN.replace("WRITES", "150"))
    findings = lint_design(loaded.design, library, loaded.locations)
    assert _saturated(findings) == ["indexer"]
    message = next(f.message for f in findings if f.code == "AD209")
    assert "150" in message  # the writes, not the 5,150 requests the catalog takes


def test_reads_of_the_store_never_reach_the_indexer(load_text, library: Library) -> None:
    loaded = load_text(DESIGN.replace("WRITES", "20"))
    assert _saturated(lint_design(loaded.design, library, loaded.locations)) == []


def test_the_session_re_judges_the_indexer_when_a_links_writes_change(
    load_text, library: Library
) -> None:
    document = Document(load_text(DESIGN.replace("WRITES", "20")).design)
    session = LintSession(library)
    assert _saturated(session.lint(document.design)) == []
    # The shoppers' calls now count as writes too: 5,020 writes/s go down the stream.
    reads = next(k.key for k in document.design.links if k.source == "shoppers")
    document.apply(SetLinkProperties(reads, {"writes": True}))
    after = session.lint(document.design)
    assert 0 < session.rules_run < len(session.rules)  # the incremental path
    assert _saturated(after) == ["indexer"]
    full = lint_design(document.design, library)
    assert [(f.code, f.component, f.message) for f in after] == [
        (f.code, f.component, f.message) for f in full
    ]
