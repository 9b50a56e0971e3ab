"""HTML extraction: steppe's stdlib parser against trafilatura (+ htmldate) on saved pages.

    python bench/html_extract.py [--pages tests/fixtures/html] [--verbose]

Issue 15 asks that HTML pages go through trafilatura (with htmldate for the publication date)
instead of the hand-written stdlib parser in steppe/ingest/html.py if it measures at least as
well on saved pages of our own making. The pages are tests/fixtures/html/*.html (invented news
text in typical page structures: nav, header, cookie banners, bylines, related links, comments,
footers; the date in a meta tag, a <time datetime>, JSON-LD, itemprop, or only in the visible
text); each NAME.json beside a page holds the expected body ``text`` and ``date``
(YYYY-MM-DD or null).

Scores, per page and on average:
- body text: token F1 (lower-cased ``\\w+`` tokens, as multisets) against the expected text;
- date: exact match of the day (YYYY-MM-DD; a page without a date must give none).

Rows: the stdlib parser (steppe before; ``extract_html_stdlib``), trafilatura + htmldate with
their own defaults plus tables and extensive date search, and what steppe now runs
(``steppe.ingest.html.extract_html``). A benchmark, not a test.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Optional

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from steppe.ingest.html import extract_html, extract_html_stdlib  # noqa: E402

_TOKEN = re.compile(r"\w+")


def tokens(text: str) -> Counter:
    return Counter(_TOKEN.findall((text or "").lower()))


def token_f1(got: str, want: str) -> float:
    g, w = tokens(got), tokens(want)
    if not g and not w:
        return 1.0
    common = sum((g & w).values())
    if not common:
        return 0.0
    p, r = common / sum(g.values()), common / sum(w.values())
    return 2 * p * r / (p + r)


def day(value: Optional[str]) -> Optional[str]:
    """The YYYY-MM-DD of what an extractor returned (the stdlib parser gives the raw meta
    content, e.g. 2024-05-14T09:30:00+02:00: its date as written, before any zone change)."""
    if not value:
        return None
    m = re.match(r"\d{4}-\d{2}-\d{2}", value)
    return m.group(0) if m else value


def stdlib(markup: str) -> tuple[str, Optional[str]]:
    page = extract_html_stdlib(markup)
    return page.text, page.date


def steppe_now(markup: str) -> tuple[str, Optional[str]]:
    page = extract_html(markup)
    return page.text, page.date


def trafilatura_htmldate(tables: bool, extensive: bool):
    import trafilatura
    from htmldate import find_date

    def run(markup: str) -> tuple[str, Optional[str]]:
        text = trafilatura.extract(markup, include_comments=False, include_tables=tables) or ""
        date = find_date(markup, original_date=True, extensive_search=extensive,
                         outputformat="%Y-%m-%d")
        return text, date

    return run


def score(name: str, fn, pages: list[Path], verbose: bool) -> dict:
    f1s, hits, seconds = [], 0, 0.0
    for page in pages:
        markup = page.read_text(encoding="utf-8")
        want = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
        t0 = time.perf_counter()
        text, date = fn(markup)
        seconds += time.perf_counter() - t0
        f1 = token_f1(text, want["text"])
        ok = day(date) == want["date"]
        f1s.append(f1)
        hits += ok
        if verbose:
            print(f"  {name:22s} {page.stem:28s} F1 {f1:.3f}  date {day(date)!s:10s} "
                  f"{'ok' if ok else 'WRONG (want ' + str(want['date']) + ')'}")
    return {"extractor": name, "pages": len(pages), "text_f1": sum(f1s) / len(f1s),
            "min_f1": min(f1s), "date_acc": hits / len(pages), "dates_right": hits,
            "ms_per_page": 1000 * seconds / len(pages)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", default=str(REPO / "tests" / "fixtures" / "html"))
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args(argv)
    pages = sorted(Path(args.pages).glob("*.html"))
    if not pages:
        print(f"no pages in {args.pages}", file=sys.stderr)
        return 1
    steppe_now(pages[0].read_text(encoding="utf-8"))  # imports and first-call set-up not timed
    candidates = [
        ("stdlib parser (before)", stdlib),
        ("trafilatura defaults*", trafilatura_htmldate(tables=True, extensive=True)),
        ("steppe now", steppe_now),
    ]
    rows = [score(name, fn, pages, args.verbose) for name, fn in candidates]
    print(f"{'extractor':24s} pages  text F1 (mean, min)  dates right   ms/page")
    for r in rows:
        print(f"{r['extractor']:24s} {r['pages']:5d}  {r['text_f1']:.3f}, {r['min_f1']:.3f}"
              f"          {r['dates_right']}/{r['pages']}        {r['ms_per_page']:.1f}")
    print("* trafilatura.extract with tables and htmldate's extensive search; steppe now: "
          "steppe.ingest.html.extract_html\n  (trafilatura without tables, htmldate without "
          "extensive search, lines outside nav/header/footer only, the stdlib parser's title and "
          "as-written date)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
