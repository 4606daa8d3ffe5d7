"""The GitHub Action (action.yml) and the pre-commit hooks, run here step by step.

Each `run:` step of the composite action is executed with bash as a runner
would (`bash --noprofile --norc -eo pipefail`), its `${{ }}` expressions and
`if:` conditions evaluated from a pull-request context, on a temporary git
repository with two commits (the shop before and after). Three things stand
in for GitHub: `pip install` is recorded instead of run (archdraw is already
installed here), the SARIF upload (`uses:`) is checked by reading the file it
would upload, and the comments API is a local HTTP server.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any, ClassVar

import jsonschema
import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "diff" / "data"
SCHEMA = REPO / "tests" / "lint" / "data" / "sarif-schema-2.1.0.json"
DESIGN = "designs/shop.archdraw.yaml"


class Comments(BaseHTTPRequestHandler):
    """GitHub's issue-comments API, as much of it as the sticky comment uses."""

    comments: ClassVar[list[dict[str, Any]]] = []
    requests: ClassVar[list[tuple[str, str, Any]]] = []

    def _reply(self, data: Any) -> None:
        body = json.dumps(data).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _payload(self) -> Any:
        assert self.headers["Authorization"] == "Bearer test-token"
        length = int(self.headers.get("Content-Length") or 0)
        return json.loads(self.rfile.read(length)) if length else None

    def do_GET(self) -> None:
        self.requests.append(("GET", self.path, self._payload()))
        self._reply(self.comments)

    def do_POST(self) -> None:
        payload = self._payload()
        self.requests.append(("POST", self.path, payload))
        self.comments.append({"id": 41 + len(self.comments), "body": payload["body"]})
        self._reply(self.comments[-1])

    def do_PATCH(self) -> None:
        payload = self._payload()
        self.requests.append(("PATCH", self.path, payload))
        number = int(self.path.rsplit("/", 1)[1])
        for comment in self.comments:
            if comment["id"] == number:
                comment["body"] = payload["body"]
        self._reply({"id": number})

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def api() -> Iterator[str]:
    Comments.comments.clear()
    Comments.requests.clear()
    server = HTTPServer(("127.0.0.1", 0), Comments)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, check=True, timeout=60
    ).stdout.strip()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "designs").mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "test@example.com")
    git(root, "config", "user.name", "Test")
    for name, message in (("shop-before", "the shop"), ("shop-after", "a cache, more traffic")):
        (root / DESIGN).write_text((DATA / f"{name}.archdraw.yaml").read_text("utf-8"), "utf-8")
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", message)
    return root


def lookup(context: dict[str, Any], path: str) -> Any:
    value: Any = context
    for part in path.split("."):
        value = value.get(part, "") if isinstance(value, dict) else ""
    return value


_PATH = re.compile(r"\b(?:github|inputs|steps)(?:\.[A-Za-z_][\w-]*)+")


def evaluate(expression: str, context: dict[str, Any]) -> Any:
    """The subset of GitHub's expression syntax action.yml uses: paths, literals, ==, !=,
    &&, ||, always()."""
    python = _PATH.sub(lambda m: repr(lookup(context, m.group(0))), expression)
    python = python.replace("&&", " and ").replace("||", " or ").replace("always()", "True")
    return eval(python, {"__builtins__": {}})


def substitute(text: str, context: dict[str, Any]) -> str:
    return re.sub(r"\$\{\{(.*?)\}\}", lambda m: str(evaluate(m.group(1), context)), text)


def run_action(repo: Path, tmp_path: Path, context: dict[str, Any]) -> dict[str, Any]:
    """Every step in order, as a runner would; returns outputs, logs and the failing step."""
    action = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
    inputs = {name: spec.get("default", "") for name, spec in action["inputs"].items()}
    context = {**context, "inputs": {**inputs, **context.get("inputs", {})}, "steps": {}}
    context["inputs"] = {k: substitute(str(v), context) for k, v in context["inputs"].items()}
    shims = tmp_path / "shims"
    shims.mkdir(exist_ok=True)
    pip_log = tmp_path / "pip.log"
    (shims / "python").write_text(
        "#!/bin/sh\n"
        'if [ "$1 $2 $3" = "-m pip install" ]; then echo "$@" >> "$PIP_LOG"; exit 0; fi\n'
        f'exec "{sys.executable}" "$@"\n',
        encoding="utf-8",
    )
    (shims / "python").chmod(0o755)
    summary = tmp_path / "summary.md"
    report: dict[str, Any] = {"logs": {}, "skipped": [], "failed": None, "uploaded": None}
    failed = False
    for step in action["runs"]["steps"]:
        condition = step.get("if", "success()")
        condition = condition.removeprefix("${{").removesuffix("}}")
        if "always()" not in condition and failed:
            report["skipped"].append(step["name"])
            continue
        if not evaluate(condition.replace("success()", "True"), context):
            report["skipped"].append(step["name"])
            continue
        if "uses" in step:  # the SARIF upload: keep what it would send
            assert step["uses"].startswith("github/codeql-action/upload-sarif@")
            report["uploaded"] = repo / substitute(step["with"]["sarif_file"], context)
            continue
        outputs = tmp_path / f"output-{len(report['logs'])}"
        outputs.write_text("", encoding="utf-8")
        env = {
            **os.environ,
            "PATH": os.pathsep.join(
                [str(shims), str(Path(sys.executable).parent), os.environ["PATH"]]
            ),
            "PIP_LOG": str(pip_log),
            "GITHUB_OUTPUT": str(outputs),
            "GITHUB_STEP_SUMMARY": str(summary),
            **{k: substitute(str(v), context) for k, v in step.get("env", {}).items()},
        }
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        report["logs"][step["name"]] = done.stdout + done.stderr
        if "id" in step:
            values = dict(
                line.split("=", 1) for line in outputs.read_text().splitlines() if "=" in line
            )
            context["steps"][step["id"]] = {"outputs": values}
        if done.returncode != 0 and not failed:
            failed = True
            report["failed"] = (step["name"], done.returncode)
    report["pip"] = pip_log.read_text(encoding="utf-8") if pip_log.exists() else ""
    report["summary"] = summary.read_text(encoding="utf-8") if summary.exists() else ""
    report["steps"] = context["steps"]
    return report


def pull_request(repo: Path, api: str) -> dict[str, Any]:
    return {
        "github": {
            "event_name": "pull_request",
            "action_path": str(REPO),
            "token": "test-token",
            "api_url": api,
            "server_url": "https://github.com",
            "repository": "acme/shop",
            "event": {
                "pull_request": {
                    "number": 5,
                    "base": {"sha": git(repo, "rev-parse", "HEAD~1")},
                    "head": {"sha": git(repo, "rev-parse", "HEAD")},
                }
            },
        }
    }


def test_action_on_a_pull_request(repo: Path, tmp_path: Path, api: str) -> None:
    report = run_action(repo, tmp_path, pull_request(repo, api))
    assert report["pip"].split() == ["-m", "pip", "install", "--quiet", str(REPO)]
    # New findings against the base: lint says 1, the verdict fails the job, after the comment.
    assert report["steps"]["lint"]["outputs"]["status"] == "1"
    assert report["failed"] == ("Verdict", 1)
    assert report["skipped"] == []
    log = json.loads(Path(report["uploaded"]).read_text(encoding="utf-8"))
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(log)
    states = {r["baselineState"] for r in log["runs"][0]["results"]}
    assert {"new", "absent"} <= states
    [(method, path, payload)] = [r for r in Comments.requests if r[0] != "GET"]
    assert (method, path) == ("POST", "/repos/acme/shop/issues/5/comments")
    comment = payload["body"]
    assert comment == (repo / "archdraw-diff.md").read_text(encoding="utf-8")
    assert comment.startswith("<!-- archdraw-diff -->\n## archdraw design review: ❌")
    head = git(repo, "rev-parse", "HEAD")
    assert f"https://github.com/acme/shop/blob/{head}/{DESIGN}#L54" in comment
    assert report["summary"] == comment  # also on the job's summary page

    # The next push updates the same comment instead of adding one.
    Comments.requests.clear()
    report = run_action(repo, tmp_path, pull_request(repo, api))
    writes = [r for r in Comments.requests if r[0] != "GET"]
    assert [(m, p) for m, p, _ in writes] == [("PATCH", "/repos/acme/shop/issues/comments/41")]
    assert len(Comments.comments) == 1


def test_action_on_a_push_lints_only(repo: Path, tmp_path: Path, api: str) -> None:
    context = pull_request(repo, api)
    context["github"]["event_name"] = "push"
    del context["github"]["event"]["pull_request"]
    context["inputs"] = {"fail-on": "error", "upload-sarif": "false"}
    report = run_action(repo, tmp_path, context)
    assert report["skipped"] == [
        "Make the base revision available",
        "Upload the findings to code scanning",
        "Design diff",
        "Comment on the pull request",
    ]
    assert Comments.requests == []
    # No base to compare with: every error fails; without code scanning, annotations instead.
    assert report["failed"] == ("Verdict", 1)
    assert "::error file=designs/shop.archdraw.yaml,line=" in report["logs"]["Lint"]


def test_pre_commit_hooks_run_their_entries(repo: Path) -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    files = [DESIGN, "README.md"]
    bin_dir = Path(sys.executable).parent
    for hook in hooks:
        matched = [f for f in files if re.search(hook["files"], f)]
        assert matched == [DESIGN], hook["id"]
        command = [str(bin_dir / hook["entry"].split()[0]), *hook["entry"].split()[1:], *matched]
        done = subprocess.run(command, cwd=repo, capture_output=True, text=True, check=False)
        expected = 1 if hook["id"] == "archdraw-lint" else 0  # the shop has findings
        assert done.returncode == expected, (hook["id"], done.stdout, done.stderr)


def test_a_long_report_is_cut_to_fit_a_comment() -> None:
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        from sticky_comment import LIMIT, NOTE, fit
    finally:
        sys.path.remove(str(REPO / "scripts"))
    short = "<!-- archdraw-diff -->\nsmall\n"
    assert fit(short) == short
    body = "<details open>\n```mermaid\n" + "  a --> b\n" * 20_000 + "```\n</details>\n"
    cut = fit(body)
    assert len(cut) <= LIMIT and cut.endswith(NOTE)
    assert cut.count("```") % 2 == 0 and cut.count("<details") == cut.count("</details>")
