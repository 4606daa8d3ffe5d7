"""The HTML review in a real browser: headless Chromium (Debian's `chromium`, installed by
`scripts/setup.sh --test`), driven over the DevTools protocol at a desktop size and as
an emulated phone (390 x 844, touch).

A test taps or hovers a component with real input events and reads what the page
shows; the browser reports every request the page sends. Screenshots are written to
`$ARCHDRAW_SCREENSHOTS` (default: the test's temporary folder) to be looked at.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from tests.review.cdp import Browser

from archdraw.cost import load_prices
from archdraw.io import LoadedDesign, load
from archdraw.io.samples import SAMPLE_SUFFIX, sample_dir
from archdraw.library import Library
from archdraw.review import build_review, render_html

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Debian's chromium is not installed (scripts/setup.sh --test)"
)
DESKTOP, PHONE = (1280, 900), (390, 844)
SIZES = pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
LAYOUT = """({
  scrollWidth: document.documentElement.scrollWidth,
  innerWidth: window.innerWidth,
  details: document.getElementById('details').textContent,
  picked: document.querySelectorAll('li.picked').length,
  fontSize: parseFloat(getComputedStyle(document.body).fontSize),
  diagramScrolls: getComputedStyle(document.querySelector('.diagram')).overflowX
})"""


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory, library: Library) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("review-pages")
    book = load_prices()
    found = {}
    for name in ("rag-pipeline", "payment-gateway-naive"):
        design = load(sample_dir() / f"{name}{SAMPLE_SUFFIX}", library).design
        page = folder / f"{name}.html"
        page.write_text(render_html(build_review(design, library, book), design, library))
        found[name] = page
    return found


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Browser]:
    assert CHROMIUM is not None
    running = Browser(CHROMIUM, tmp_path / "profile")
    yield running
    running.close()


def _centre_of(browser: Browser, component: str) -> tuple[float, float]:
    box = browser.evaluate(
        f"(function () {{ var g = document.querySelector('g.component[data-id=\"{component}\"]');"
        " g.scrollIntoView({block: 'center', inline: 'center'});"
        " var r = g.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()"
    )
    return float(box[0]), float(box[1])


@SIZES
def test_tapping_a_component_shows_its_findings_and_numbers(
    browser: Browser, pages: dict[str, Path], size: tuple[int, int]
) -> None:
    browser.open(pages["rag-pipeline"].as_uri(), *size, mobile=size == PHONE)
    x, y = _centre_of(browser, "llm")
    if size == PHONE:
        browser.tap(x, y)
    else:
        browser.hover(x, y)
    seen = browser.evaluate(LAYOUT)
    assert seen["innerWidth"] == size[0]
    assert "Primary LLM" in seen["details"]
    assert "cost: $" in seen["details"] and "req/s at 1x" in seen["details"]
    assert seen["picked"] >= 1  # the items about it light up in the sections
    # Readable: the page itself never scrolls sideways (the diagram and tables may).
    assert seen["scrollWidth"] == size[0]
    assert seen["diagramScrolls"] == "auto"
    assert seen["fontSize"] >= 15
    assert browser.requests() == []


def test_no_request_leaves_the_page(browser: Browser, pages: dict[str, Path]) -> None:
    browser.open(pages["payment-gateway-naive"].as_uri(), *DESKTOP, mobile=False)
    for component in ("api", "db"):
        browser.hover(*_centre_of(browser, component))
    assert "Payments API" in browser.evaluate("document.getElementById('details').textContent") or (
        "MySQL" in browser.evaluate("document.getElementById('details').textContent")
    )
    assert browser.requests() == []


def test_the_request_check_sees_a_request(browser: Browser, tmp_path: Path) -> None:
    """The check above can fail: a page that loads an image from a server is caught."""
    page = tmp_path / "leaky.html"
    page.write_text('<!DOCTYPE html><html><body><img src="http://127.0.0.1:9/x.png"></body></html>')
    browser.open(page.as_uri(), *DESKTOP, mobile=False)
    assert browser.requests() == ["http://127.0.0.1:9/x.png"]


@SIZES
def test_screenshots(
    browser: Browser, pages: dict[str, Path], tmp_path: Path, size: tuple[int, int]
) -> None:
    folder = Path(os.environ.get("ARCHDRAW_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    name = "phone" if size == PHONE else "desktop"
    browser.open(pages["rag-pipeline"].as_uri() + "#component=rag_svc", *size, mobile=size == PHONE)
    shot = folder / f"review-{name}.png"
    browser.screenshot(shot)
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert width == size[0] and height > size[1]  # the whole page, at the device's width
    assert "RAG service" in browser.evaluate("document.getElementById('details').textContent")


def test_an_unpriced_components_reason_shows_once(
    browser: Browser, tmp_path: Path, load_text: Callable[[str], LoadedDesign], library: Library
) -> None:
    design = load_text(
        "archdraw: 1\nname: no rate\ncomponents:\n"
        "  - {id: web, type: client, position: [0, 0]}\n"
        "  - {id: api, type: service, position: [300, 0], props: {replicas: 2}}\n"
        "  - {id: q, type: queue, position: [600, 0], props: {managed: true}}\n"
        "links:\n  - {from: web, to: api}\n  - {from: api, to: q}\n"
    ).design
    page = tmp_path / "no-rate.html"
    page.write_text(render_html(build_review(design, library, load_prices()), design, library))
    browser.open(page.as_uri(), *DESKTOP, mobile=False)
    browser.hover(*_centre_of(browser, "q"))
    shown = browser.evaluate("document.getElementById('details').innerText")
    assert "not priced" in shown
    assert shown.count("set rps on client 'web'") == 1, shown
