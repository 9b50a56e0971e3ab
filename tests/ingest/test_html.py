"""HTML pages through the ingest boundary: trafilatura's main text and htmldate's publication
date, on the saved pages of tests/fixtures/html (invented news text; NAME.json holds the
expected body text and date, as scored by bench/html_extract.py)."""
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from steppe.ingest.html import extract_html, extract_html_stdlib
from steppe.ingest.readers import ReadOptions, read_inputs
from steppe.records import Article

PAGES = sorted((Path(__file__).resolve().parents[1] / "fixtures" / "html").glob("*.html"))


def _f1(got: str, want: str) -> float:
    g, w = (Counter(re.findall(r"\w+", t.lower())) for t in (got, want))
    common = sum((g & w).values())
    return 0.0 if not common else 2 * common / (sum(g.values()) + sum(w.values()))


def _read(path, **kw):
    return list(read_inputs([str(path)], ReadOptions(**kw)))


def test_there_are_ten_pages_each_with_its_expectation():
    assert len(PAGES) >= 10
    assert all(p.with_suffix(".json").exists() for p in PAGES)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_fixture_page_reads_as_one_article_with_body_and_date(page):
    want = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
    [a] = _read(page)
    assert isinstance(a, Article) and a.id == page.stem and a.origin == str(page)
    assert a.date == want["date"]
    assert a.date_precision == ("day" if want["date"] else "unknown")
    assert a.flags == ()
    assert _f1(a.text, want["text"]) >= 0.9
    assert a.title and "<" not in a.title
    # paragraphs stay apart for the sentence splitter; no menu, cookie or footer text
    assert "\n\n" in a.text
    for boilerplate in ("cookies", "All rights reserved", "Subscribe", "Privacy"):
        assert boilerplate not in a.text


def test_trafilatura_measures_at_least_as_well_as_the_stdlib_parser():
    def scores(fn):
        f1s, dates = [], 0
        for page in PAGES:
            want = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
            got = fn(page.read_text(encoding="utf-8"))
            f1s.append(_f1(got.text, want["text"]))
            dates += (got.date or "")[:10] == (want["date"] or "")
        return sum(f1s) / len(f1s), dates

    now, before = scores(extract_html), scores(extract_html_stdlib)
    assert now[0] >= before[0] and now[1] >= before[1]


def test_date_only_in_the_visible_byline_is_found(tmp_path):
    p = tmp_path / "visible.html"
    p.write_text("<html><body><article><h1>Talks resume</h1>"
                 '<p class="byline">By staff | March 10, 2003</p>'
                 "<p>Negotiators from both countries met in the capital on Monday to resume the "
                 "talks on the disputed border region.</p></article></body></html>", encoding="utf-8")
    [a] = _read(p)
    assert (a.date, a.date_precision, a.flags) == ("2003-03-10", "day", ())


def test_ambiguous_meta_date_is_flagged_not_guessed(tmp_path):
    # htmldate would read 10/03/2003 day-first; the boundary's rule is to flag it instead
    p = tmp_path / "ambiguous.html"
    p.write_text('<html><head><meta name="date" content="10/03/2003"></head><body><article>'
                 "<p>Negotiators from both countries met in the capital on Monday to resume the "
                 "talks on the disputed border region.</p></article></body></html>", encoding="utf-8")
    [a] = _read(p)
    assert a.date is None and a.date_precision == "unknown"
    assert a.flags == ("date-unreadable: '10/03/2003'",)


def test_a_copyright_year_alone_gives_no_date(tmp_path):
    p = tmp_path / "copyright.html"
    p.write_text("<html><body><p>Negotiators from both countries met in the capital to resume "
                 "the talks on the disputed border region.</p><footer>Copyright 2024 The Paper"
                 "</footer></body></html>", encoding="utf-8")
    [a] = _read(p)
    assert a.date is None and a.flags == ()


def test_page_without_text_is_skipped_as_empty(tmp_path):
    p = tmp_path / "empty.html"
    p.write_text("<html><head><title>Nothing</title></head><body><nav>Home</nav>"
                 "<script>x()</script></body></html>", encoding="utf-8")
    [item] = _read(p)
    assert not isinstance(item, Article)
