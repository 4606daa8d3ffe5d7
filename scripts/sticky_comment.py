"""Post a pull-request comment, or update the one posted before (the GitHub Action's step).

    python scripts/sticky_comment.py COMMENT.md

The comment is found again by the hidden marker on its first line (archdraw
diff's markdown starts with it), so every push updates one comment instead of
adding another. Reads GITHUB_TOKEN, API_URL, REPOSITORY and PR_NUMBER from the
environment; uses only the standard library.
"""

from __future__ import annotations

import json
import os
import sys
import urllib.error
import urllib.request
from typing import Any

MARKER = "<!-- archdraw-diff -->"
# GitHub refuses comment bodies over 65,536 characters.
LIMIT = 65_000
NOTE = "\n\n*The report is longer than a comment may be: the job summary has all of it.*\n"


def fit(body: str, limit: int = LIMIT) -> str:
    """The body cut to fit a comment, with open code fences and <details> closed."""
    if len(body) <= limit:
        return body
    cut = body[: limit - 200]
    cut = cut[: cut.rfind("\n") + 1] if "\n" in cut else cut
    if cut.count("```") % 2:
        cut += "```\n"
    cut += "</details>\n" * max(0, cut.count("<details") - cut.count("</details>"))
    return cut + NOTE


def call(method: str, url: str, data: dict[str, Any] | None = None) -> Any:
    request = urllib.request.Request(
        url,
        method=method,
        data=None if data is None else json.dumps(data).encode("utf-8"),
        headers={
            "Authorization": f"Bearer {os.environ['GITHUB_TOKEN']}",
            "Accept": "application/vnd.github+json",
            "Content-Type": "application/json",
        },
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        payload = response.read()
    return json.loads(payload) if payload else None


def existing_comment(api: str, repository: str, number: str) -> int | None:
    page = 1
    while True:
        url = f"{api}/repos/{repository}/issues/{number}/comments?per_page=100&page={page}"
        comments = call("GET", url)
        for comment in comments:
            if MARKER in (comment.get("body") or ""):
                return int(comment["id"])
        if len(comments) < 100:
            return None
        page += 1


ENVIRONMENT = ("GITHUB_TOKEN", "API_URL", "REPOSITORY", "PR_NUMBER")


def post(body: str, api: str, repository: str, number: str) -> str:
    found = existing_comment(api, repository, number)
    if found is None:
        call("POST", f"{api}/repos/{repository}/issues/{number}/comments", {"body": body})
        return f"archdraw: commented on pull request #{number}"
    call("PATCH", f"{api}/repos/{repository}/issues/comments/{found}", {"body": body})
    return f"archdraw: updated comment {found} on pull request #{number}"


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    missing = [name for name in ENVIRONMENT if not os.environ.get(name)]
    if missing:
        print(f"sticky_comment: {', '.join(missing)} not set in the environment", file=sys.stderr)
        return 2
    try:
        with open(argv[0], encoding="utf-8") as stream:
            body = stream.read()
    except OSError as error:
        print(f"sticky_comment: cannot read {argv[0]}: {error.strerror}", file=sys.stderr)
        return 2
    if MARKER not in body:
        body = f"{MARKER}\n{body}"
    api = os.environ["API_URL"].rstrip("/")
    number = os.environ["PR_NUMBER"]
    try:
        print(post(fit(body), api, os.environ["REPOSITORY"], number))
    except urllib.error.HTTPError as error:
        reason = f"HTTP {error.code} {error.reason}"
        if error.code in (403, 404):
            # A pull request from a fork gets a read-only token: the review still ran and
            # its report is in the job summary, so this is no reason to fail the job.
            print(
                f"::warning::archdraw: cannot comment on pull request #{number} ({reason}): "
                "the token may not write comments (a pull request from a fork, or a job "
                "without `pull-requests: write`); the report is in the job summary"
            )
            return 0
        print(f"::error::archdraw: commenting on pull request #{number} failed: {reason}")
        return 1
    except (urllib.error.URLError, TimeoutError) as error:
        reason = getattr(error, "reason", error)
        print(f"::error::archdraw: cannot reach {api} to comment: {reason}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
