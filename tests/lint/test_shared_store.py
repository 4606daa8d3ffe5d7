"""AD417 judges a store another service reaches only where the design keeps data per
service: some service other than the store's owner keeps a store to itself.

A design whose services share their databases (one writer and several readers behind it,
as the System Design Primer draws them; two servers each shared by two services, as Robot
Shop runs them) is shared on purpose and stays quiet; once a service keeps a database to
itself, the same readers are reported. The editor's session agrees with a full lint when a
reader's link comes to write the store (two writers: shared on purpose).
"""

from __future__ import annotations

from archdraw.library import Library
from archdraw.lint import lint_design
from archdraw.lint.session import LintSession
from archdraw.model import Document
from archdraw.model.edits import SetLinkProperties

# One write API and two read APIs behind one MySQL (the primer's solutions).
PRIMER = """archdraw: 1
name: one database behind several services
components:
  - {id: write_api, type: service, label: Write API}
  - {id: read_api, type: service, label: Read API}
  - {id: search_api, type: service, label: Search API}
  - {id: mysql, type: database, label: MySQL}
links:
  - {from: write_api, to: mysql, props: {writes: true}}
  - {from: read_api, to: mysql}
  - {from: search_api, to: mysql}
"""

# Two servers, each holding two services' separate data: one writes, the other reads what
# was loaded at start.
SHARED_SERVERS = """archdraw: 1
name: shared servers
components:
  - {id: user, type: service}
  - {id: catalogue, type: service}
  - {id: mongodb, type: nosql_database, label: "mongodb (catalogue, users)"}
  - {id: ratings, type: service}
  - {id: shipping, type: service}
  - {id: mysql, type: database, label: "mysql (cities, ratings)"}
links:
  - {from: user, to: mongodb, props: {writes: true}}
  - {from: catalogue, to: mongodb}
  - {from: ratings, to: mysql, props: {writes: true}}
  - {from: shipping, to: mysql}
"""

# A third service keeps a database to itself.
OWN_STORE = """
  - {id: payments, type: service}
  - {id: payments_db, type: database}
"""
OWN_LINK = """
  - {from: payments, to: payments_db, props: {writes: true}}
"""


def _shared(findings: list) -> list[str]:  # type: ignore[type-arg]
    return [f.component for f in findings if f.code == "AD417"]


def _with_own_store(design: str) -> str:
    head, links = design.split("links:\n")
    return head.rstrip("\n") + OWN_STORE + "links:\n" + links.rstrip("\n") + OWN_LINK


def test_one_database_behind_several_services_is_shared_on_purpose(
    load_text, library: Library
) -> None:
    loaded = load_text(PRIMER)
    assert _shared(lint_design(loaded.design, library, loaded.locations)) == []


def test_servers_shared_by_services_that_keep_no_store_to_themselves_are_quiet(
    load_text, library: Library
) -> None:
    loaded = load_text(SHARED_SERVERS)
    assert _shared(lint_design(loaded.design, library, loaded.locations)) == []


def test_once_a_service_keeps_a_store_to_itself_the_readers_are_reported(
    load_text, library: Library
) -> None:
    for design, stores in ((PRIMER, ["mysql"]), (SHARED_SERVERS, ["mongodb", "mysql"])):
        loaded = load_text(_with_own_store(design))
        assert _shared(lint_design(loaded.design, library, loaded.locations)) == stores


def test_the_finding_names_owner_and_readers_and_locates_each_link(
    load_text, library: Library
) -> None:
    loaded = load_text(_with_own_store(PRIMER))
    finding = next(
        f for f in lint_design(loaded.design, library, loaded.locations) if f.code == "AD417"
    )
    assert finding.message.startswith(
        "'MySQL' belongs to 'Write API', the one service that writes it, yet 'Read API' "
        "reads it; 'Search API' reads it: 3 services depend on one schema"
    )
    assert [(r.element, r.line) for r in finding.related] == [
        ("read_api->mysql", 12),
        ("search_api->mysql", 13),
    ]


def test_the_session_agrees_when_a_reader_comes_to_write_the_store(
    load_text, library: Library
) -> None:
    document = Document(load_text(_with_own_store(PRIMER)).design)
    session = LintSession(library)
    assert _shared(session.lint(document.design)) == ["mysql"]
    # The read API writes too: two writers share the database on purpose.
    document.apply(SetLinkProperties("read_api->mysql", {"writes": True}))
    after = session.lint(document.design)
    assert 0 < session.rules_run < len(session.rules)  # the incremental path
    assert _shared(after) == []
    assert _shared(lint_design(document.design, library)) == []
