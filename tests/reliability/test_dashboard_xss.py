"""Evidence is HTML-escaped in the dashboard: an article whose text and fields carry markup is
coded through a real `steppe serve` (POST /articles, the spaCy model) and shown in headless
Chromium (Debian's, through Playwright): the markup is shown as text, no element is made from it
and no script runs. Skips with the reason when chromium or playwright is missing."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import httpx
import pytest

pytestmark = pytest.mark.model

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SCRIPT = "<script>window.__pwned=1</script>"
TEXT = f"Kazakh police detained 40 Uzbek citizens {SCRIPT} on Monday."
TITLE = "<img src=x onerror=\"window.__pwned=2\"><b>bold</b>"
SOURCE = "<iframe src=\"javascript:window.__pwned=3\"></iframe>"


def _playwright():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("the playwright python package is not installed (pip install -r requirements-dev.txt)")
    if not Path(CHROMIUM).is_file():
        pytest.skip(f"Debian's chromium is not installed at {CHROMIUM} (apt-get install -y chromium)")
    return sync_playwright


def test_script_in_evidence_is_shown_as_text_and_never_runs(serve, tmp_path):
    sync_playwright = _playwright()
    server = serve(places=False)
    r = httpx.post(server.base + "/articles", timeout=120, headers={"Authorization": f"Bearer {server.token}"},
                   json={"id": "xss<script>", "text": TEXT, "title": TITLE, "source": SOURCE, "date": "2003-03-10"})
    assert r.status_code == 200, r.text
    [event] = r.json()["events"]
    assert SCRIPT in event["evidence"]

    external, console_errors = [], []
    host = urlparse(server.base).netloc
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"), executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            def guard(route):
                if urlparse(route.request.url).netloc == host:
                    route.continue_()
                else:
                    external.append(route.request.url)
                    route.abort()

            context.route("**/*", guard)
            page = context.new_page()
            page.set_default_timeout(30_000)
            page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda exc: console_errors.append(str(exc)))
            page.goto(server.base + "/")
            page.wait_for_selector("body[data-loaded=true]")

            row = page.locator(f"#events tbody tr[data-event-id='{event['event_id']}']")
            assert row.locator("td.evidence").inner_text() == event["evidence"]
            row.click()
            page.locator("#article-text mark.evidence.current").wait_for()
            assert page.locator("#article-text").inner_text() == TEXT
            assert TITLE in page.locator("#article-title").inner_text()
            assert SOURCE in page.locator("#article-title").inner_text()
            # nothing was parsed as markup: no element made from the text, and nothing ran
            # (checked on the DOM, so it holds even without the Content-Security-Policy)
            for sel in ("script", "img", "iframe", "b"):
                assert page.locator(f"main {sel}, #article-text {sel}, #article-title {sel}, "
                                    f"#events {sel}").count() == 0, sel
            assert page.evaluate("window.__pwned") is None
        finally:
            context.close()
    assert external == [] and console_errors == []
