"""scripts/check_import_corpus.py counts met expectations and names each miss with its reason,
so a corpus that is all green means the importer met them, not that the checker looked away."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "check_import_corpus.py"

COMPOSE = """\
services:
  shop-web:
    image: nginx:1.27
    ports: ["8080:80"]
    networks: [front, back]
    environment:
      UPSTREAM: http://orders-api:8000
  orders-api:
    build: ./orders
    networks: [back]
    environment:
      DATABASE_URL: postgres://shop:hunter2@orders-db:5432/orders
    deploy:
      replicas: 3
  orders-db:
    image: postgres:16
    networks: [back]
networks:
  front: {}
  back: {}
"""


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=120
    )


def test_counts_met_expectations_and_reports_each_miss_with_its_why(tmp_path: Path) -> None:
    (tmp_path / "shop.yml").write_text(COMPOSE, encoding="utf-8")
    expect = {
        "inputs": ["shop.yml"],
        "components": [
            {"name": "orders-db", "types": ["database"], "why": "postgres image"},
            {"name": "orders_api", "types": ["service"], "why": "built from source"},
            {"name": "web", "types": ["cache"], "why": "WRONG-TYPE"},
        ],
        "links": [
            {"from": {"type": "client"}, "to": "web", "hops": 3, "why": "published port"},
            {"from": "orders_api", "to": "orders-db", "why": "DATABASE_URL"},
            {"from": "orders-db", "to": "web", "why": "NO-SUCH-LINK"},
        ],
        "props": [
            {"name": "orders-api", "prop": "replicas", "min": 3, "max": 3, "why": "deploy"},
            {"name": "orders-api", "prop": "replicas", "min": 5, "max": 9, "why": "OUT-OF-RANGE"},
        ],
        "zones": [{"same": ["orders-db", "orders-api"], "why": "both only on network back"}],
        "absent": [
            {"text": "hunter2", "why": "a password stays out"},
            {"component": ["orders-db"], "why": "PRESENT-AFTER-ALL"},
        ],
    }
    (tmp_path / "shop.expect.json").write_text(json.dumps(expect), encoding="utf-8")

    done = run(str(tmp_path))

    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    # 11 listed expectations plus import, validate and lint; 4 are deliberate misses.
    assert lines[0] == "shop: 10/14"
    missed_whys = [line.split("why: ", 1)[1] for line in lines if "why: " in line]
    assert missed_whys == ["WRONG-TYPE", "NO-SUCH-LINK", "OUT-OF-RANGE", "PRESENT-AFTER-ALL"]
    assert "overall: 10/14 expectations met in 1 files" in done.stdout


def test_a_missing_corpus_is_said_plainly(tmp_path: Path) -> None:
    done = run(str(tmp_path / "nowhere"))

    assert done.returncode == 0
    assert "no import corpus at" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr
