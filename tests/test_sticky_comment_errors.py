"""The action's comment step says what went wrong, never with a traceback; a token that may
not comment (a pull request from a fork) is a warning, not a failed review."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "sticky_comment.py"


class ReadOnly(BaseHTTPRequestHandler):
    """GitHub as a fork's read-only token sees it: comments listed, writing refused."""

    def do_GET(self) -> None:
        self._send(200, b"[]")

    def do_POST(self) -> None:
        self._send(403, b'{"message": "Resource not accessible by integration"}')

    def _send(self, status: int, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def read_only_api() -> Iterator[str]:
    server = HTTPServer(("127.0.0.1", 0), ReadOnly)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def comment(tmp_path: Path, api: str | None, body: str | None = "report\n") -> Any:
    path = tmp_path / "archdraw-diff.md"
    if body is not None:
        path.write_text(body, encoding="utf-8")
    env = {"PATH": "/usr/bin:/bin", "GITHUB_TOKEN": "t", "REPOSITORY": "a/b", "PR_NUMBER": "7"}
    if api is not None:
        env["API_URL"] = api
    return subprocess.run(
        [sys.executable, str(SCRIPT), str(path)], capture_output=True, text=True, env=env
    )


def test_a_read_only_token_is_a_warning(tmp_path: Path, read_only_api: str) -> None:
    done = comment(tmp_path, read_only_api)
    assert done.returncode == 0 and "Traceback" not in done.stderr
    assert done.stdout.startswith("::warning::archdraw: cannot comment on pull request #7")
    assert "HTTP 403" in done.stdout


def test_no_server_missing_file_and_missing_environment_are_plain_errors(tmp_path: Path) -> None:
    unreachable = comment(tmp_path, "http://127.0.0.1:9")
    assert unreachable.returncode == 1 and "::error::archdraw: cannot reach" in unreachable.stdout
    no_file = comment(tmp_path / "nowhere", "http://127.0.0.1:9", body=None)
    assert no_file.returncode == 2 and "cannot read" in no_file.stderr
    no_api = comment(tmp_path, None)
    assert no_api.returncode == 2 and "API_URL not set" in no_api.stderr
    for done in (unreachable, no_file, no_api):
        assert "Traceback" not in done.stderr
