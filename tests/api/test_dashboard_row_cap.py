"""Issue 18: the dashboard works whatever the server's row cap (it asked for 1000 rows and failed
under `--max-rows` 999 or less). Headless Chromium (skips with the reason when it or playwright
is missing) against the server on 127.0.0.1 in a thread; no model; bounded waits."""
from __future__ import annotations

from steppe.api import ApiOptions, create_app
from steppe.store import Store
from tests.api.conftest import TOKEN, fill, live_server
from tests.factories import event, result
from tests.web.browser import open_dashboard, require_playwright

MORE = "Kyrgyz police detained 12 Uzbek traders in Osh on Monday."


def test_dashboard_with_max_rows_5_loads_and_pages(tmp_path):
    _, expect = require_playwright()
    db = str(tmp_path / "cap.duckdb")
    with Store(db) as s:
        fill(s)  # 5 events
        s.write([result("a4", MORE, [event(f"k{i}", "a4", src="KGZCOP", tgt="UZBCVL", evidence=MORE,
                                           date=f"2003-03-0{i + 1}") for i in range(4)], date="2003-03-10")])
    app = create_app(db, options=ApiOptions(token=TOKEN, max_rows=5, allowed_hosts=("127.0.0.1",)))
    with live_server(app) as (base, _):
        with open_dashboard(base, tmp_path / "chromium-profile", viewport={"width": 1400, "height": 1200}) as session:
            page = session.page
            assert page.locator("#filter-error").inner_text() == ""
            rows = page.locator("#events tbody tr")
            assert rows.count() == 5
            assert page.locator("#page").inner_text() == "rows 1–5"
            assert page.locator("#network .node").count() >= 2
            page.click("#next")
            expect(page.locator("#page")).to_have_text("rows 6–9")
            assert rows.count() == 4
            page.click("#prev")
            expect(page.locator("#page")).to_have_text("rows 1–5")
            assert session.console_errors == [] and session.external == []
