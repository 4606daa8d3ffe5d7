"""A managed store's copies (`archdraw.analysis.instances.partition_copies`) rest on whether
the design states `replication`: a lint session re-reads them when it is stated, changed or
removed, and gives a full lint's answer (AD411 reads the copies of each shard)."""

from __future__ import annotations

from archdraw.library import Library
from archdraw.lint import lint_design
from archdraw.lint.session import LintSession
from archdraw.model import Document
from archdraw.model.edits import SetProperties

TEXT = """archdraw: 1
name: sharded by the provider
components:
  - {id: web, type: client, props: {rps: 100}}
  - {id: api, type: service, props: {replicas: 3, zones: 3}}
  - {id: table, type: database, props: {managed: true, zones: 3, shards: 4}}
links:
  - {from: web, to: api}
  - {from: api, to: table, props: {writes: true, timeout_ms: 500}}
"""


def test_stating_replication_on_a_managed_store_moves_its_copies_in_a_session(
    library: Library, load_text
) -> None:  # type: ignore[no-untyped-def]
    loaded = load_text(TEXT)
    document, locations = Document(loaded.design), loaded.locations
    session = LintSession(library)
    session.lint(document.design, locations)
    answers = []
    for edit in (
        SetProperties("table", {"replication": "none"}),  # one copy of each shard
        SetProperties("table", {"replication": None}),  # the provider's: one per zone
        SetProperties("table", {"replication": "none", "zones": 1}),
        SetProperties("table", {"replication": "async"}),  # one zone: still one copy
        SetProperties("table", {"zones": 3}),
    ):
        document.apply(edit)
        full = lint_design(document.design, library, locations)
        expected = [(f.code, f.severity, f.component, f.message) for f in full]
        got = session.lint(document.design, locations)
        assert [(f.code, f.severity, f.component, f.message) for f in got] == expected
        answers.append(sorted(str(f.severity) for f in full if f.code == "AD411"))
    assert answers == [["info"], [], ["info"], ["info"], []]
