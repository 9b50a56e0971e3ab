"""End to end: `steppe serve` as a real process on loopback, the bundled examples posted to it,
the dashboard driven in headless Chromium (Debian's chromium through Playwright's python package).

Skips with the reason when chromium or playwright is missing. Loopback only; every wait is
bounded; requests to any other address are blocked and make the test fail.
"""
from __future__ import annotations

import json

import httpx
import pytest

from tests.conftest import REPO
from tests.web.browser import open_dashboard, require_playwright

pytestmark = pytest.mark.model

SCREENSHOT = REPO / "docs" / "dashboard.png"


def test_dashboard_shows_posted_events_on_the_map_and_in_the_browser(server, examples, tmp_path):
    _, expect = require_playwright()
    base, _ = server
    events = examples
    located = [e for e in events if e["location"] and e["location"]["lat"] is not None]
    assert events and located, "the examples give events, some with a location"

    with open_dashboard(base, tmp_path / "chromium-profile", viewport={"width": 1400, "height": 1500}) as session:
        page = session.page
        # the map: world boundaries from the bundled asset, and the located events
        assert page.locator("#map path.country").count() > 100, \
            "no world boundaries: run `make setup` (npm ci, copied to steppe/web/static/vendor/)"
        markers = page.locator("#map circle.event-marker")
        places = {(round(e["location"]["lat"], 3), round(e["location"]["lon"], 3)) for e in located}
        assert markers.count() == len(places)
        assert "Almaty" in {markers.nth(i).get_attribute("data-place") for i in range(markers.count())}

        # the browser: one row per event (all fit on the first page)
        rows = page.locator("#events tbody tr")
        assert rows.count() == len(events)
        assert {rows.nth(i).get_attribute("data-event-id") for i in range(rows.count())} == \
            {e["event_id"] for e in events}

        # the network is drawn; the timeline of a dyad with dated events has bars and a Goldstein point
        assert page.locator("#network .node").count() >= 2
        dyads = httpx.get(base + "/dyads", params={"level": "country"}, timeout=10).json()["dyads"]
        dated = next(d for d in dyads if d["dated"] > 0)
        page.select_option("#dyad", value=json.dumps([dated["source"], dated["target"]], separators=(",", ":")))
        page.select_option("#interval", value="day")
        expect(page.locator("#timeline circle.gold-point")).to_have_count(
            len(httpx.get(f"{base}/dyads/{dated['source']}/{dated['target']}/timeline",
                          params={"interval": "day"}, timeout=10).json()["buckets"]))
        assert page.locator("#timeline rect.bar").count() >= 1

        # choosing an event shows its article with the evidence highlighted
        detained = next(e for e in events if e["cameo"] == "173" and e["source"] and e["source"]["code"] == "KAZCOP")
        page.locator(f"#events tbody tr[data-event-id='{detained['event_id']}']").click()
        current = page.locator("#article-text mark.evidence.current")
        current.wait_for()
        assert current.first.inner_text() == detained["evidence"]
        assert page.locator("#article-text strong.trigger").first.inner_text() == detained["trigger"]

        # filters: the actor filter narrows the browser to that actor's events
        page.fill("input[name=actor]", "KGZ")
        page.click("#filters button[type=submit]")
        expect_kgz = [e for e in events if any((e[r] or {}).get("country") == "KGZ" or (e[r] or {}).get("code") == "KGZ"
                                               for r in ("source", "target"))]
        assert 0 < len(expect_kgz) < len(events)
        expect(rows).to_have_count(len(expect_kgz))
        # the deduplicated view: one row per event, with its mention counts
        groups = httpx.get(base + "/events", params={"dedup": "true", "actor": "KGZ"}, timeout=10).json()["events"]
        page.check("input[name=dedup]")
        page.click("#filters button[type=submit]")
        # wait for the deduplicated table itself: the mention rows can have the same count
        expect(page.locator("#events-count")).to_contain_text("deduplicated")
        expect(rows).to_have_count(len(groups))
        assert {rows.nth(i).get_attribute("data-event-id") for i in range(rows.count())} == \
            {g["event_id"] for g in groups}
        page.click("#reset")
        expect(rows).to_have_count(len(events))
        current = page.locator(f"#events tbody tr[data-event-id='{detained['event_id']}']")
        current.click()
        page.locator("#article-text mark.evidence.current").wait_for()

        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOT), full_page=True)

        # the API docs page renders every route from /openapi.json, offline
        page.goto(base + "/docs")
        page.wait_for_selector(".doc-route")
        assert page.locator(".doc-route").count() == 7
    assert session.external == [], f"the dashboard tried to reach other hosts: {session.external}"
    assert session.console_errors == []
    assert SCREENSHOT.stat().st_size > 10_000
