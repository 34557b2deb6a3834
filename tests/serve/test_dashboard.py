"""The dashboard end to end: uvicorn in a thread on a free port over the demo store (the bundled examples,
with places when the gazetteer loads), driven by headless Chromium through Playwright.

Skipped, with the reason, where /usr/bin/chromium or the playwright package is missing (.ci/run installs
both). Also writes docs/dashboard.png, the README's screenshot."""

from __future__ import annotations

import base64
import datetime as dt
import importlib.util
import json
import urllib.request
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from warta.config import Settings
from warta.ingest import ingest_paths
from warta.pipeline import Pipeline
from warta.records import Document
from warta.serve import create_app
from warta.serve.server import serve_in_thread
from warta.store import Store

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT = ROOT / "docs" / "dashboard.png"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]
XSS = "<script>alert(1)</script><img src=x onerror=alert(2)>"
XSS_ARTICLE = "Indonesia mengecam Myanmar pada hari Kamis, kata para pejabat di Jakarta.\n\n" + XSS + "\n"

pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium (apt-get install chromium)"),
    pytest.mark.skipif(importlib.util.find_spec("playwright") is None, reason="no playwright (pip install playwright)"),
]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory, pipe: Pipeline, settings: Settings) -> Path:
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    try:  # places make the map's markers; the gazetteer ships in a package, but fall back if it cannot load
        coder = Pipeline.build(settings, places=True)
        assert coder.res.gazetteer is not None
    except Exception:  # noqa: BLE001
        coder = pipe
    ingest_paths([str(resources.files("warta").joinpath("examples"))], str(db), coder, settings)
    with Store(db) as st:
        st.ingest(coder(Document(id="xss.txt", text="", raw_text=XSS_ARTICLE, published=dt.date(2024, 6, 6))))
    return db


@pytest.fixture(scope="module")
def base_url(demo_db: Path, pipe: Pipeline) -> Iterator[str]:
    with serve_in_thread(create_app(demo_db, pipeline_factory=lambda: pipe)) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


class Page:
    """A browser page that records errors, console errors (CSP violations among them) and dialogs."""

    def __init__(self, browser: Any, base_url: str) -> None:
        self.base_url = base_url
        self.page = browser.new_page(viewport={"width": 1440, "height": 900})
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(f"console: {m.text}"))

        def dialog(d: Any) -> None:
            self.dialogs.append(d.message)
            d.dismiss()

        self.page.on("dialog", dialog)

    def open(self, query: str = "") -> Any:
        self.page.goto(self.base_url + "/" + query)
        self.page.wait_for_selector("html[data-ready='1']", timeout=20_000)
        return self.page


@pytest.fixture
def page(browser: Any, base_url: str) -> Iterator[Page]:
    p = Page(browser, base_url)
    yield p
    p.page.close()


def api(base_url: str, path: str) -> Any:
    with urllib.request.urlopen(base_url + path, timeout=10) as r:  # noqa: S310 - our own local server
        return json.loads(r.read())


def share_changed(browser: Any, old: bytes, new: bytes) -> float:
    """Share of pixels that differ visibly between two PNGs (1.0 when the sizes differ), measured in a
    blank page of the browser itself (no imaging library needed)."""
    blank = browser.new_page()
    try:
        return float(blank.evaluate(
            """async ([a, b]) => {
                const load = (src) => new Promise((ok, fail) => { const i = new Image(); i.onload = () => ok(i); i.onerror = fail; i.src = src; });
                const [x, y] = await Promise.all([load(a), load(b)]);
                if (x.width !== y.width || x.height !== y.height) return 1;
                const px = (img) => { const c = document.createElement("canvas"); c.width = img.width; c.height = img.height;
                    const g = c.getContext("2d"); g.drawImage(img, 0, 0); return g.getImageData(0, 0, c.width, c.height).data; };
                const p = px(x), q = px(y);
                let n = 0;
                for (let i = 0; i < p.length; i += 4) {
                    if (Math.abs(p[i] - q[i]) + Math.abs(p[i + 1] - q[i + 1]) + Math.abs(p[i + 2] - q[i + 2]) > 48) n++;
                }
                return n / (p.length / 4);
            }""",
            ["data:image/png;base64," + base64.b64encode(old).decode(), "data:image/png;base64," + base64.b64encode(new).decode()],
        ))
    finally:
        blank.close()


def test_dashboard_draws_every_view(page: Page) -> None:
    pg = page.open()
    total = api(page.base_url, "/events?limit=1")["total"]
    assert pg.locator("#map path.leaflet-interactive").count() > 100  # country outlines
    assert pg.locator("#map path.event-marker").count() >= 1  # places of events
    assert pg.locator("#timeline svg rect.bar").count() >= 1
    assert pg.locator("#network svg g.node").count() >= 2 and pg.locator("#network svg path.edge").count() >= 1
    assert pg.locator("#events tbody tr").count() == min(200, total)
    assert f"{total} matching" in pg.inner_text("#events-total")
    assert "events stored" in pg.inner_text("#status")
    assert page.errors == [] and page.dialogs == []


def test_click_event_shows_evidence_with_highlights(page: Page) -> None:
    pg = page.open()
    first = api(page.base_url, "/events?limit=1")["items"][0]
    pg.click("#events tbody tr:first-child")
    pg.wait_for_selector("#article .hl-evidence")
    evidence = "".join(pg.locator("#article .hl-evidence").all_inner_texts())
    assert evidence == first["evidence"]["text"]
    assert "".join(pg.locator("#article .hl-source").all_inner_texts()) == first["source"]["text"]
    if first["target"] and first["target"]["start"] is not None:
        assert "".join(pg.locator("#article .hl-target").all_inner_texts()) == first["target"]["text"]
    assert first["type"] in pg.inner_text("#ev-summary")
    assert pg.locator("#events tbody tr.selected").count() == 1
    pg.wait_for_timeout(200)  # let the article scroll settle for the picture
    shot = pg.screenshot()
    # Rewritten only when the picture changed: Chromium's anti-aliasing differs a little from run to run,
    # and a test run should leave the work tree as it was.
    if not SCREENSHOT.exists() or share_changed(pg.context.browser, SCREENSHOT.read_bytes(), shot) > 0.002:
        SCREENSHOT.parent.mkdir(exist_ok=True)
        SCREENSHOT.write_bytes(shot)
    assert page.errors == []


def test_map_marker_click_shows_evidence(page: Page) -> None:
    pg = page.open()
    pg.locator("#map path.event-marker").first.click(force=True)
    pg.wait_for_selector("#ev-summary")
    assert pg.locator("#article .hl-evidence").count() >= 1
    assert pg.locator(".leaflet-popup-content .popup-list button").count() >= 1


def test_filters_apply_to_every_view(page: Page) -> None:
    pg = page.open()
    done = int(pg.get_attribute("html", "data-refreshes") or 0)
    pg.select_option("#filters select[name=type]", "ASSAULT")
    pg.click("#filters button[type=submit]")
    pg.wait_for_function(f"() => Number(document.documentElement.dataset.refreshes) > {done}")
    cells = pg.locator("#events tbody td.type").all_text_contents()
    assert cells and all(c.startswith("ASSAULT") for c in cells)
    assert "type=ASSAULT" in pg.url
    expected = api(page.base_url, "/events?type=ASSAULT&limit=1")["total"]
    assert pg.inner_text("#events-total").startswith(f"{expected} ")
    titles = pg.locator("#network svg path.edge title").all_text_contents()
    assert titles and all("ASSAULT" in t for t in titles)
    bars = pg.locator("#timeline svg rect.bar title").all_text_contents()
    assert bars and all("material conflict" in t for t in bars)
    # a reload keeps the filters (they live in the address)
    pg.reload()
    pg.wait_for_selector("html[data-ready='1']")
    assert pg.input_value("#filters select[name=type]") == "ASSAULT"


def test_network_node_click_filters_by_actor(page: Page) -> None:
    pg = page.open()
    node = pg.locator("#network svg g.node").first
    key = node.locator("text").text_content()
    done = int(pg.get_attribute("html", "data-refreshes") or 0)
    node.dispatch_event("click")  # straight to the node: in a dense layout another may lie on top of it
    pg.wait_for_function(f"() => Number(document.documentElement.dataset.refreshes) > {done}")
    assert pg.input_value("#filters input[name=actor]") == key
    assert f"actor={key}" in pg.url
    # the other views follow: the list holds that actor's events
    expected = api(page.base_url, f"/events?actor={key}&limit=1")["total"]
    assert pg.inner_text("#events-total").startswith(f"{expected} matching")


def test_article_with_script_shows_as_text(page: Page) -> None:
    pg = page.open("?dyad=IDN,MMR&q=mengecam")
    rows = pg.locator("#events tbody tr")
    assert rows.count() >= 1
    rows.first.click()
    pg.wait_for_selector("#article .hl-evidence")
    article = pg.locator("#article")
    assert XSS in article.inner_text()  # shown as text...
    assert article.locator("script").count() == 0 and article.locator("img").count() == 0  # ...not as markup
    pg.wait_for_timeout(300)
    assert page.dialogs == [] and page.errors == []
