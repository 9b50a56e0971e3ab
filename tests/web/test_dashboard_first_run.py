"""The dashboard as a new user first sees it (issue 16), in headless Chromium over the examples:
no band across the map, a country's name and events on hover, the timeline opening on a pair of
different actors, readable network labels, the evidence column in full, the API's own words
for a bad filter."""
from __future__ import annotations

import json

import httpx
import pytest

from tests.conftest import REPO
from tests.web.browser import open_dashboard, require_playwright

pytestmark = pytest.mark.model

MAP_W = 960  # the map's viewBox width (steppe/web/static/map.js)

# the longest horizontal step of any country outline, in viewBox units, and the country's name
LONGEST_STEP = """() => {
  let worst = 0, name = "";
  for (const p of document.querySelectorAll("#map path.country")) {
    let start = null, prev = null;
    for (const m of p.getAttribute("d").matchAll(/([MLZ])([^MLZ]*)/g)) {
      const pt = m[1] === "Z" ? start : m[2].trim().split(/[ ,]+/).map(Number);
      if (m[1] !== "M" && prev && Math.abs(pt[0] - prev[0]) > worst) { worst = Math.abs(pt[0] - prev[0]); name = p.dataset.name; }
      if (m[1] === "M") start = pt;
      prev = pt;
    }
  }
  return [worst, name];
}"""

# a point of the page where the country's own outline (not a marker, not a neighbour) is on top
POINT_IN = """(name) => {
  const path = document.querySelector(`#map path.country[data-name="${name}"]`);
  const r = path.getBoundingClientRect();
  for (let fy = 0.5; fy < 1; fy += 0.05) for (const sy of [1, -1]) for (let fx = 0.5; fx < 1; fx += 0.05) for (const sx of [1, -1]) {
    const x = r.left + r.width * (0.5 + sx * (fx - 0.5)), y = r.top + r.height * (0.5 + sy * (fy - 0.5));
    if (document.elementFromPoint(x, y) === path) return [x, y];
  }
  return null;
}"""

# the rendered size (screen pixels) of the smallest network label, and labels outside the drawing
LABELS = """() => {
  const svg = document.getElementById("network");
  const vb = svg.viewBox.baseVal;
  const labels = [...svg.querySelectorAll("text.node-label")];
  const px = labels.map((t) => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a);
  const outside = labels.filter((t) => { const b = t.getBBox(); return b.x < vb.x || b.y < vb.y || b.x + b.width > vb.x + vb.width || b.y + b.height > vb.y + vb.height; }).map((t) => t.textContent);
  return [labels.length, Math.min(...px), outside];
}"""

# how the event table fits its box: [overflow in px, the narrowest evidence cell, evidence cells cut off]
EVIDENCE = """() => {
  const wrap = document.querySelector("#browser-panel .table-wrap");
  const box = wrap.getBoundingClientRect();
  const cells = [...document.querySelectorAll("#events td.evidence")];
  const cut = cells.filter((td) => td.getBoundingClientRect().right > box.right + 1).length;
  return [wrap.scrollWidth - wrap.clientWidth, Math.min(...cells.map((td) => td.getBoundingClientRect().width)), cut];
}"""


def _count(events, iso3):
    return sum(1 for e in events if e["location"] and e["location"]["country"] == iso3)


@pytest.mark.parametrize("width", [1400, 1100])
def test_first_look_at_the_dashboard(server, examples, tmp_path, width):
    _, expect = require_playwright()
    base, _ = server
    dyads = httpx.get(base + "/dyads", params={"level": "country", "limit": 100}, timeout=10).json()["dyads"]
    pairs = [d for d in dyads if d["source"] != d["target"]]
    busiest = next((d for d in pairs if d["dated"] > 0), pairs[0])
    kaz = _count(examples, "KAZ")
    assert kaz > 0 and busiest["source"] != busiest["target"]

    with open_dashboard(base, tmp_path / "chromium-profile", viewport={"width": width, "height": 1400}) as session:
        page = session.page
        # the world: no outline (Russia, Fiji, Antarctica across the antimeridian) runs across the map
        page.click("#map-world")
        page.locator("#map").screenshot(path=str(tmp_path / "world.png"))
        step, name = page.evaluate(LONGEST_STEP)
        assert step <= MAP_W / 2, f"{name}'s outline has a step {step:.0f} wide: a band across the map"
        assert page.locator('#map path.country[data-name="Russia"]').count() == 1
        assert page.locator('#map path.country[data-name="Fiji"]').count() == 1

        # hover: the country's name and how many of the events are located there
        tip = page.locator("#map-tip")
        for country, iso3, n in (("Kazakhstan", "KAZ", kaz), ("Brazil", "BRA", 0)):
            assert page.locator(f'#map path.country[data-name="{country}"]').get_attribute("data-iso3") == iso3
            point = page.evaluate(POINT_IN, country)
            assert point, f"no point of {country} to hover"
            page.mouse.move(*point)
            expect(tip).to_be_visible()
            expect(tip).to_have_text(f"{country}: {n} event{'' if n == 1 else 's'} located here")
        page.mouse.move(1, 1)
        expect(tip).to_be_hidden()

        # the timeline opens on the busiest pair of different actors, not a country with itself
        assert json.loads(page.locator("#dyad").input_value()) == [busiest["source"], busiest["target"]]
        expect(page.locator("#timeline rect.bar").first).to_be_visible()

        # network labels at least 11 px on screen, all inside the drawing
        count, smallest, outside = page.evaluate(LABELS)
        assert count >= 2 and smallest >= 11, f"network labels are {smallest:.1f} px"
        assert outside == []

        # the evidence column is shown whole: no sideways scrolling, no cell cut off
        overflow, narrowest, cut = page.evaluate(EVIDENCE)
        assert overflow <= 0 and cut == 0 and narrowest >= 150, (overflow, narrowest, cut)
        page.check("input[name=dedup]")
        page.click("#filters button[type=submit]")
        expect(page.locator("#events-count")).to_contain_text("deduplicated")
        overflow, narrowest, cut = page.evaluate(EVIDENCE)
        assert overflow <= 0 and cut == 0 and narrowest >= 150, (overflow, narrowest, cut)

        # a bad filter: the API's message as the CLI gives it, no pattern
        page.fill("input[name=since]", "2003-02-30")
        page.click("#filters button[type=submit]")
        expect(page.locator("#filter-error")).to_have_text(
            "since must be a date as YYYY-MM-DD, YYYY-MM or YYYY, not '2003-02-30'")
        if width == 1400:
            page.screenshot(path=str(tmp_path / "first-look.png"), full_page=True)
    assert session.external == []
    assert session.console_errors == [] or all("422" in m for m in session.console_errors), session.console_errors


def test_country_codes_of_the_map_are_pycountrys():
    import pycountry

    codes = json.loads((REPO / "steppe" / "web" / "static" / "country-codes.json").read_text(encoding="utf-8"))
    assert codes["numeric"] == {c.numeric: c.alpha_3 for c in pycountry.countries}
    assert codes["names"] == {"Kosovo": "XKX"}  # no numeric code in ISO 3166-1; steppe's code for it
