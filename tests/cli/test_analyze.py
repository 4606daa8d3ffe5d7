"""`archdraw analyze`: the JSON contract, the options and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from archdraw.cli.main import run

DESIGN = """\
archdraw: 1
name: shop
zones:
  - {id: eu, kind: region}
  - {id: eu-a, kind: zone, parent: eu}
  - {id: eu-b, kind: zone, parent: eu}
components:
  - {id: web, type: client, props: {rps: 80}}
  - {id: api, type: service, zone: eu-a,
     props: {replicas: 2, zones: 2, failover: active-active, capacity_rps: 400}}
  - {id: db, type: database, zone: eu-b, props: {capacity_rps: 500, latency_ms: 4}}
  - {id: jobs, type: queue, zone: eu-b}
  - {id: worker, type: worker, zone: eu-b}
links:
  - {from: web, to: api}
  - {from: api, to: db}
  - {from: api, to: jobs, kind: async}
  - {from: jobs, to: worker, kind: async}
"""


@pytest.fixture
def design_file(tmp_path: Path) -> Path:
    path = tmp_path / "shop.archdraw.yaml"
    path.write_text(DESIGN, encoding="utf-8")
    return path


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict:  # type: ignore[type-arg]
    assert run(["analyze", *argv, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def test_growth_json_has_the_contract_keys(design_file: Path, capsys) -> None:
    data = _json(capsys, str(design_file), "--growth", "10")
    assert data["growth"] == 10.0
    assert data["bottleneck"] == "db"
    db = data["components"]["db"]
    assert {k: db[k] for k in ("arrival_rps", "utilization", "response_ms", "saturates_at")} == {
        "arrival_rps": 800.0,
        "utilization": 1.6,
        "response_ms": None,
        "saturates_at": 6.25,
    }
    assert db["state"] == "up"
    assert data["clients"]["web"]["latency_ms"] is None  # db is saturated at 10x
    assert data["clients"]["web"]["lost_share"] == 0.0
    assert data["summary"].startswith(
        "db saturates at 6.25x; at 10x, run 3 replicas (2 more) or put a cache in front"
    )


def test_latency_at_todays_traffic(design_file: Path, capsys) -> None:
    data = _json(capsys, str(design_file))
    client = data["clients"]["web"]
    api, db = data["components"]["api"], data["components"]["db"]
    jobs = data["components"]["jobs"]
    # api, then db; api does not wait on its async link to the queue.
    expected = api["response_ms"] + db["response_ms"]
    assert client["latency_ms"] == pytest.approx(expected)
    assert jobs["utilization"] is None and "jobs" in data["unknown"]


def test_fail_reports_states_lost_share_and_data_at_risk(design_file: Path, capsys) -> None:
    data = _json(capsys, str(design_file), "--fail", "db,worker")
    assert data["components"]["db"]["state"] == "down"
    assert data["components"]["worker"]["state"] == "down"
    assert data["components"]["api"]["state"] == "up"
    web = data["clients"]["web"]
    assert web["lost_share"] == 1.0
    assert web["delayed"] == ["worker"]
    assert data["failure"]["data_at_risk"] == [
        {"id": "db", "backups": False, "why": "no replication"}
    ]


def test_fail_zone_degrades_what_spans_two_zones(design_file: Path, capsys) -> None:
    data = _json(capsys, str(design_file), "--fail-zone", "eu-a")
    assert data["components"]["api"]["state"] == "degraded"
    assert data["components"]["api"]["recovery"] == "at once"
    assert data["components"]["api"]["servers"] == 1
    assert data["clients"]["web"]["lost_share"] == 0.0


def test_weakest_and_availability(design_file: Path, capsys) -> None:
    data = _json(capsys, str(design_file), "--weakest", "--availability")
    assert [(p["kind"], p["id"]) for p in data["weakest"]] == [
        ("component", "db"),
        ("zone", "eu"),
        ("zone", "eu-b"),
    ]
    availability = data["availability"]
    assert 0.99 < availability["clients"]["web"] < 1.0
    assert availability["weakest"][0]["gain"] > 0


def test_simulate_is_in_the_json(design_file: Path, capsys) -> None:
    data = _json(capsys, str(design_file), "--simulate", "--requests", "2000", "--seed", "5")
    simulation = data["simulation"]
    assert simulation["seed"] == 5
    assert simulation["requests"] > 1000
    assert simulation["components"]["api"]["utilization"] == pytest.approx(0.1, abs=0.03)


def test_text_answers_in_plain_words(design_file: Path, capsys) -> None:
    assert run(["analyze", str(design_file), "--fail", "db", "--weakest"]) == 0
    out = capsys.readouterr().out
    assert "Failure: one instance of db" in out
    assert "web: 100 % of its requests fail" in out
    assert "fails      web -> api -> db" in out
    assert "Weakest point: db (its only instance)" in out and "1.  db (its only instance)" in out
    assert "Growth" not in out  # not asked for
    assert run(["analyze", str(design_file), "--growth", "10", "--fail", "db"]) == 0
    out = capsys.readouterr().out
    # With the database down, growth is judged on what is left.
    assert "Growth 10x: api saturates at 10x" in out
    assert "unbounded (api saturated; db down)" in out


def test_unknown_id_is_a_usage_error(design_file: Path, capsys) -> None:
    assert run(["analyze", str(design_file), "--fail", "dbb"]) == 2
    assert "no component 'dbb' in the design (did you mean 'db'?)" in capsys.readouterr().err


def test_bad_growth_and_bad_file_exit_2(design_file: Path, tmp_path: Path, capsys) -> None:
    assert run(["analyze", str(design_file), "--growth", "0"]) == 2
    assert run(["analyze", str(design_file), "--growth", "nan"]) == 2
    assert run(["analyze", str(design_file), "--growth", "1e300"]) == 2
    broken = tmp_path / "broken.archdraw.yaml"
    broken.write_text("archdraw: 1\nname: [\n", encoding="utf-8")
    assert run(["analyze", str(broken)]) == 2
    assert "broken.archdraw.yaml:" in capsys.readouterr().err


def test_simulation_beside_a_failure_compares_the_design_as_drawn(
    design_file: Path, capsys
) -> None:
    argv = ["analyze", str(design_file), "--fail", "db", "--simulate", "--requests", "2000"]
    assert run(argv) == 0
    out = capsys.readouterr().out
    assert "(both run the design as drawn, without the failure)" in out
    simulated = out.split("Simulation (")[1]
    assert "db " in simulated and "down" not in simulated


def test_a_design_without_clients_says_so(tmp_path: Path, capsys) -> None:
    path = tmp_path / "lonely.archdraw.yaml"
    path.write_text(
        "archdraw: 1\nname: lonely\ncomponents:\n  - {id: api, type: service}\n",
        encoding="utf-8",
    )
    assert run(["analyze", str(path), "--availability", "--fail", "api"]) == 0
    out = capsys.readouterr().out
    assert "No clients: give a client" in out
    assert "Availability: no clients to measure it for" in out


def test_zone_availability_can_be_set_per_kind(design_file: Path, capsys) -> None:
    default = _json(capsys, str(design_file), "--availability")["availability"]
    sturdier = _json(
        capsys, str(design_file), "--availability", "--zone-availability", "zone=1,region=1"
    )["availability"]
    assert sturdier["zones"] == {"eu": 1.0, "eu-a": 1.0, "eu-b": 1.0}
    assert sturdier["clients"]["web"] > default["clients"]["web"]
    assert run(["analyze", str(design_file), "--zone-availability", "moon=0.9"]) == 2
    assert run(["analyze", str(design_file), "--zone-availability", "zone=2"]) == 2
    capsys.readouterr()
    # Zone figures alone ask for the availability they change (it was the growth table).
    assert run(["analyze", str(design_file), "--zone-availability", "zone=1,region=1"]) == 0
    assert capsys.readouterr().out.splitlines()[2].startswith("Availability: ")


def test_all_instances_without_fail_is_a_usage_error(design_file: Path, capsys) -> None:
    assert run(["analyze", str(design_file), "--all-instances"]) == 2
    assert "--all-instances goes with --fail ID" in capsys.readouterr().err


TWITTER_NAIVE = Path(__file__).parents[2] / "sample_designs" / "twitter-naive.archdraw.yaml"


def test_a_saturated_component_is_said_apart_in_text_and_json(capsys) -> None:
    assert run(["analyze", str(TWITTER_NAIVE), "--availability"]) == 0
    out = capsys.readouterr().out
    # Zero because it cannot carry today's load, not "365.2 days down a year".
    assert "Availability: 0 % (saturated today, see below)" in out
    assert "days" not in out.split("Saturated today")[0]
    assert "Saturated today, so 0 % available" in out
    # 3,000 req/s at 800 each: 4 needed; the capacity is the design's own figure.
    assert "web           needs 4 instances, has 1  3,000 req/s at 800 req/s each" in out
    assert "(stated capacity)" in out
    figures = _json(capsys, str(TWITTER_NAIVE), "--availability")["availability"]
    assert figures["saturated"] == ["web", "db", "email_worker"]
    web = figures["components"]["web"]
    assert (web["needed"], web["replicas"], web["availability"]) == (4, 1, 0.0)
    assert (web["overloaded"], web["capacity_basis"], web["instance_basis"]) == (
        True,
        "stated",
        "default",
    )


def test_a_simulation_of_no_requests_says_so_instead_of_a_table(tmp_path: Path, capsys) -> None:
    path = tmp_path / "quiet.archdraw.yaml"
    path.write_text(DESIGN.replace("rps: 80", "rps: 0"), encoding="utf-8")
    assert run(["analyze", str(path), "--simulate"]) == 0
    simulated = capsys.readouterr().out.split("Simulation (")[1]
    assert simulated.startswith(
        "seed 0): no requests were simulated, since no client sends any traffic"
    )
    assert "component" not in simulated and "util" not in simulated


@pytest.mark.parametrize(
    ("stated", "line"),
    [("1", "Availability: 100 % (never down)"), ("0", "Availability: 0 % (down all year)")],
)
def test_an_availability_at_either_end_is_said_in_words(
    stated: str, line: str, tmp_path: Path, capsys
) -> None:
    path = tmp_path / "ends.archdraw.yaml"
    path.write_text(
        "archdraw: 1\nname: ends\ncomponents:\n  - {id: web, type: client, props: {rps: 5}}\n"
        f"  - {{id: api, type: service, props: {{availability: {stated}}}}}\n"
        "links:\n  - {from: web, to: api}\n",
        encoding="utf-8",
    )
    assert run(["analyze", str(path), "--availability"]) == 0
    out = capsys.readouterr().out
    assert line in out
    assert "0000 %" not in out and "0.0 minutes" not in out
