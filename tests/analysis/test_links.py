"""The link table (one record per link, indexed in file order) and the links the data roles
follow (`RoleLinks`)."""

from __future__ import annotations

from archdraw.analysis.kinds import TypeFacts
from archdraw.analysis.links import LinkTable
from archdraw.analysis.role_links import RoleLinks

LINKS = """
components:
  - {id: api, type: service}
  - {id: worker, type: worker}
  - {id: db, type: database}
  - {id: copy, type: database}
  - {id: jobs, type: queue}
links:
  - {from: api, to: db, label: reads, props: {calls: 2, writes: true}}
  - {id: enqueue, from: api, to: jobs, kind: async}
  - {from: worker, to: db, props: {calls: 0}}
  - {from: db, to: copy, kind: replication}
  - {from: api, to: copy}
"""


def test_each_link_is_one_record_filed_under_every_index_in_file_order(design_of) -> None:
    table = LinkTable(design_of(LINKS))
    reads, enqueue, idle, replicate, to_copy = table.links
    assert (reads.key, reads.source, reads.target, reads.kind, reads.label) == (
        "api->db",
        "api",
        "db",
        "sync",
        "reads",
    )
    assert reads.props == {"calls": 2, "writes": True} and reads.id is None
    assert (enqueue.key, enqueue.id, enqueue.kind) == ("enqueue", "enqueue", "async")
    assert table.out["api"] == [reads, enqueue, to_copy]
    assert table.into["db"] == [reads, idle]
    assert table.sync_out["api"] == [reads, to_copy]  # the async link is not a sync call
    assert table.sync_in["copy"] == [to_copy]  # nor is the replication link
    assert table.replication == [replicate]
    assert table.stating == {"calls": [reads, idle], "writes": [reads]}
    assert table.out.get("jobs") is None and "jobs" not in table.out


def test_role_links_send_requests_over_links_with_calls_above_zero(design_of, library) -> None:
    design = design_of(LINKS)
    known = {c.id for c in design.components}
    links = RoleLinks(LinkTable(design), TypeFacts(library), known)
    # `calls: 0` sends nothing, a replication link carries copies, not requests.
    assert links.senders_to(["db", "copy", "jobs"]) == {"api": {"db", "copy", "jobs"}}
    assert links.idle_senders() == ["worker"]
    assert links.idle("worker") == ["db"]
    assert links.callers("db") == ["api", "worker"]  # with any `calls`
    assert links.copies() == [("db", "copy")]
