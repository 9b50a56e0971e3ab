"""Evidence is HTML-escaped in the dashboard: an article whose text and fields carry markup is
coded through a real `steppe serve` (POST /articles, the spaCy model) and shown in headless
Chromium (Debian's, through Playwright): the markup is shown as text, no element is made from it
and no script runs. Skips with the reason when chromium or playwright is missing."""
from __future__ import annotations

import httpx
import pytest

from tests.web.browser import open_dashboard, require_playwright

pytestmark = pytest.mark.model

SCRIPT = "<script>window.__pwned=1</script>"
TEXT = f"Kazakh police detained 40 Uzbek citizens {SCRIPT} on Monday."
TITLE = "<img src=x onerror=\"window.__pwned=2\"><b>bold</b>"
SOURCE = "<iframe src=\"javascript:window.__pwned=3\"></iframe>"


def test_script_in_evidence_is_shown_as_text_and_never_runs(serve, tmp_path):
    require_playwright()
    server = serve(places=False)
    r = httpx.post(server.base + "/articles", timeout=120, headers={"Authorization": f"Bearer {server.token}"},
                   json={"id": "xss<script>", "text": TEXT, "title": TITLE, "source": SOURCE, "date": "2003-03-10"})
    assert r.status_code == 200, r.text
    [event] = r.json()["events"]
    assert SCRIPT in event["evidence"]

    with open_dashboard(server.base, tmp_path / "chromium-profile") as session:
        page = session.page
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
    assert session.external == [] and session.console_errors == []
