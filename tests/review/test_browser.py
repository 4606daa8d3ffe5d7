"""The HTML review in a real browser: headless Chromium (Debian's `chromium`, installed by
`scripts/setup.sh --test`) at desktop and phone widths.

The test appends a probe script to a copy of the page that clicks a component the way
a user would, then reads what the page shows and how it is laid out; Chromium's
network log shows every request the page made (Chromium's own background requests,
which carry no origin, are told apart). Screenshots are written to
`$ARCHDRAW_SCREENSHOTS` (default: the test's temporary folder) to be looked at.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from archdraw.cost import load_prices
from archdraw.io import load
from archdraw.io.samples import SAMPLE_SUFFIX, sample_dir
from archdraw.library import Library
from archdraw.review import build_review, render_html

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Debian's chromium is not installed (scripts/setup.sh --test)"
)
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
]
DESKTOP, PHONE = (1280, 900), (390, 844)
# Run after the page's own script: select a component as a click would, report what shows.
PROBE = """<script>
(function () {
  var target = document.querySelector('g.component[data-id="%s"]');
  target.dispatchEvent(new MouseEvent('click', {bubbles: true}));
  var out = {
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    details: document.getElementById('details').textContent,
    picked: document.querySelectorAll('li.picked').length,
    boxPicked: target.classList.contains('picked'),
    fontSize: parseFloat(getComputedStyle(document.body).fontSize),
    diagramScrolls: getComputedStyle(document.querySelector('.diagram')).overflowX
  };
  var pre = document.createElement('pre');
  pre.id = 'probe';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
</script>"""


def _chromium(tmp: Path, size: tuple[int, int], *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    profile = tmp / f"profile-{len(list(tmp.glob('profile-*')))}"
    command = [
        CHROMIUM,
        *FLAGS,
        f"--user-data-dir={profile}",
        f"--window-size={size[0]},{size[1]}",
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def _probe(page: Path, tmp: Path, size: tuple[int, int]) -> tuple[dict[str, object], list[str]]:
    """What the probe saw, and the URLs of every request the page made."""
    log = tmp / f"net-{size[0]}.json"
    done = _chromium(
        tmp, size, f"--log-net-log={log}", "--virtual-time-budget=3000", "--dump-dom", page.as_uri()
    )
    found = re.search(r'<pre id="probe">(.*?)</pre>', done.stdout, re.S)
    assert found, done.stderr[-2000:]
    probe = json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&"))
    return probe, _requested(log)


def _requested(log: Path) -> list[str]:
    text = log.read_text(encoding="utf-8").rstrip()
    if not text.endswith("}"):  # a log cut short at exit lacks its closing brackets
        text = text.rstrip(",") + "]}"
    data = json.loads(text)
    start_job = data["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    urls = []
    for event in data.get("events", []):
        params = event.get("params") or {}
        url = params.get("url")
        # Chromium's own background requests (time, updates, accounts) have no origin;
        # everything the page asks for is initiated by it.
        if event.get("type") != start_job or params.get("initiator") == "not an origin":
            continue
        if isinstance(url, str) and not url.startswith(("file:", "data:", "about:")):
            urls.append(url)
    return urls


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory, library: Library) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("review-pages")
    book = load_prices()
    found = {}
    for name, component in (("rag-pipeline", "llm"), ("payment-gateway-naive", "api")):
        design = load(sample_dir() / f"{name}{SAMPLE_SUFFIX}", library).design
        page = render_html(build_review(design, library, book), design, library)
        plain = folder / f"{name}.html"
        plain.write_text(page, encoding="utf-8")
        probed = folder / f"{name}-probe.html"
        probed.write_text(page.replace("</body>", PROBE % component + "</body>"), encoding="utf-8")
        found[name] = plain
        found[f"{name}-probe"] = probed
    return found


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_tapping_a_component_shows_its_findings_and_numbers(
    pages: dict[str, Path], tmp_path: Path, size: tuple[int, int]
) -> None:
    probe, requests = _probe(pages["rag-pipeline-probe"], tmp_path, size)
    assert probe["innerWidth"] == size[0]
    assert "Primary LLM" in str(probe["details"])
    assert "cost: $" in str(probe["details"]) and "req/s at 1x" in str(probe["details"])
    assert probe["boxPicked"] is True
    assert isinstance(probe["picked"], int) and probe["picked"] >= 1  # its items light up
    # Readable: the page never scrolls sideways (only the diagram and tables do).
    assert probe["scrollWidth"] == size[0]
    assert probe["diagramScrolls"] == "auto"
    assert isinstance(probe["fontSize"], int | float) and probe["fontSize"] >= 15
    assert requests == []


def test_no_request_leaves_the_page(pages: dict[str, Path], tmp_path: Path) -> None:
    _, requests = _probe(pages["payment-gateway-naive-probe"], tmp_path, DESKTOP)
    assert requests == []


def test_the_request_check_sees_a_request(tmp_path: Path) -> None:
    """The check above can fail: a page that loads an image from a server is caught."""
    page = tmp_path / "leaky.html"
    page.write_text(
        '<!DOCTYPE html><html><body><img src="http://127.0.0.1:9/x.png">'
        '<svg><g class="component" data-id="a"></g></svg><div id="details"></div>'
        '<div class="diagram"></div>' + PROBE % "a" + "</body></html>",
        encoding="utf-8",
    )
    _, requests = _probe(page, tmp_path, DESKTOP)
    assert "http://127.0.0.1:9/x.png" in requests


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_screenshots(pages: dict[str, Path], tmp_path: Path, size: tuple[int, int]) -> None:
    folder = Path(os.environ.get("ARCHDRAW_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    shot = folder / f"review-{'phone' if size == PHONE else 'desktop'}.png"
    tall = (size[0], 2400)
    _chromium(
        tmp_path,
        tall,
        f"--screenshot={shot}",
        pages["rag-pipeline"].as_uri() + "#component=rag_svc",
    )
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == tall
    assert len(data) > 50_000  # text, a diagram and colours, not a blank page
