"""Hypothesis properties: any input to the readers and the date and place resolvers gives no
exception and an output valid by the schema. Profile `steppe-ci` (conftest): no deadline,
derandomized, no example database; example counts kept modest, lowest for the model-based ones."""
from __future__ import annotations

import datetime as dt
import io
import json
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from steppe.dates.resolve import article_fallback, find_dates
from steppe.ingest.dates import parse_pub_date
from steppe.ingest.html import extract_html
from steppe.ingest.readers import ReadOptions, decode_bytes, read_inputs, read_jsonl_stream
from steppe.records import Article, Skipped

FLAGS = {"utf-16", "invalid-utf8", "latin-1", "cp1252"}
DATE_VALUE = re.compile(r"^(\d{4}-\d{2}-\d{2}|\d{4}-\d{2}|\d{4}|--\d{2}-\d{2})$")
PRECISION_OF = {"day": re.compile(r"^(\d{4}|-)-\d{2}-\d{2}$"), "month": re.compile(r"^\d{4}-\d{2}$"),
                "year": re.compile(r"^\d{4}$")}
FEATURES = {"country", "admin1", "city", "other"}


def encodable(s: str) -> bool:
    try:
        s.encode("utf-8")
        return True
    except UnicodeEncodeError:
        return False


def check_article(item, max_chars):
    assert isinstance(item, (Article, Skipped))
    if isinstance(item, Skipped):
        assert isinstance(item.origin, str) and item.origin and isinstance(item.reason, str) and item.reason
        return
    assert isinstance(item.id, str) and item.id and encodable(item.id)
    assert isinstance(item.text, str) and item.text.strip() and encodable(item.text)
    assert len(item.text) <= max_chars
    for f in (item.title, item.date, item.url, item.source):
        assert f is None or (isinstance(f, str) and encodable(f))
    assert all(isinstance(f, str) for f in item.flags)
    other = {f for f in item.flags if not f.startswith("date-unreadable: ")}  # the date's own flag
    assert other <= FLAGS | {f"truncated-to-{max_chars}-chars"}
    assert item.date_precision in ("day", "month", "year", "unknown")
    assert (item.date is None) == (item.date_precision == "unknown")


# -- readers -------------------------------------------------------------------------------------

text_like_bytes = st.one_of(
    st.binary(max_size=400),
    st.text(max_size=200).map(lambda s: s.encode("utf-8", "surrogatepass")),
    st.text(max_size=200).map(lambda s: s.encode("utf-16")),
    st.text(alphabet=st.characters(max_codepoint=255), max_size=200).map(lambda s: s.encode("latin-1")),
    st.tuples(st.text(max_size=100), st.binary(max_size=8), st.text(max_size=100)).map(
        lambda t: t[0].encode("utf-8", "surrogatepass") + t[1] + t[2].encode("utf-8", "surrogatepass")),
)


@settings(max_examples=400)
@given(text_like_bytes)
def test_decode_bytes_decodes_anything_to_storable_text(data):
    text, flags = decode_bytes(data)
    assert isinstance(text, str) and encodable(text)
    assert isinstance(flags, tuple) and set(flags) <= FLAGS
    try:
        clean = data.decode("utf-8")
    except UnicodeDecodeError:
        clean = None
    if clean is not None and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        assert (text, flags) == (clean.removeprefix("\ufeff"), ())


json_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=30))
json_values = st.recursive(json_scalars, lambda kids: st.one_of(
    st.lists(kids, max_size=3), st.dictionaries(st.text(max_size=8), kids, max_size=3)), max_leaves=8)
article_objects = st.fixed_dictionaries(
    {"text": st.one_of(st.text(max_size=120), json_values)},
    optional={"id": json_values, "title": json_values, "date": json_values, "url": json_values,
              "source": json_values, "extra": json_values})
jsonl_lines = st.lists(st.one_of(
    article_objects.map(lambda o: json.dumps(o, ensure_ascii=False)),
    article_objects.map(json.dumps),  # \uXXXX escapes, lone surrogates included
    json_values.map(json.dumps),
    st.text(max_size=80).filter(lambda s: "\n" not in s and "\r" not in s),
), max_size=8)


@settings(max_examples=300)
@given(jsonl_lines, st.integers(min_value=1, max_value=200))
def test_jsonl_reader_gives_one_valid_record_per_non_blank_line(lines, max_chars):
    blob = "".join(line + "\n" for line in lines)
    items = list(read_jsonl_stream(io.StringIO(blob, newline=""), "fuzz.jsonl", ReadOptions(max_chars=max_chars)))
    expected = [n for n, line in enumerate(blob.split("\n")[:-1], start=1) if line.strip()]
    assert [i.origin for i in items] == [f"fuzz.jsonl line {n}" for n in expected]
    for item in items:
        check_article(item, max_chars)


@settings(max_examples=150)
@given(text_like_bytes, st.sampled_from([".txt", ".jsonl", ".html", ".htm", ".md"]))
def test_every_file_is_an_article_or_a_named_skip(data, suffix):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(data)
        items = list(read_inputs([str(path)], ReadOptions(max_chars=500)))
    assert items or suffix == ".jsonl"  # an empty / all-blank JSONL file holds no records
    for item in items:
        check_article(item, 500)
        assert (item.origin or "").startswith(str(path))


TAGS = ["p", "div", "span", "b", "h1", "li", "script", "style", "nav", "footer", "title", "noscript", "svg",
        "br", "table", "td", "meta", "time"]
MARK = "ZZSECRETZZ"


@st.composite
def html_pages(draw, junk=True):
    """Markup from tags, text, entities and <script>/<style> elements holding MARK; with
    ``junk``, also arbitrary text (which may open a tag that swallows what follows)."""
    parts = []
    kinds = ["text", "open", "close", "hidden", "entity", "meta"] + (["junk"] if junk else [])
    for _ in range(draw(st.integers(0, 12))):
        kind = draw(st.sampled_from(kinds))
        if kind == "text":
            parts.append(draw(st.text(alphabet=st.characters(blacklist_characters="<>&"), max_size=40)))
        elif kind == "open":
            parts.append(f"<{draw(st.sampled_from(TAGS))}>")
        elif kind == "close":
            parts.append(f"</{draw(st.sampled_from(TAGS))}>")
        elif kind == "hidden":
            tag = draw(st.sampled_from(["script", "style"]))
            parts.append(f"<{tag}>var x = '{MARK}';</{tag}>")
        elif kind == "entity":
            parts.append(draw(st.sampled_from(["&amp;", "&lt;script&gt;", "&#0;", "&#xD800;", "&#1114112;", "&bogus;"])))
        elif kind == "meta":
            parts.append(f'<meta property="article:published_time" content="{draw(st.text(max_size=25))}">')
        else:
            parts.append(draw(st.text(max_size=20)))
    return "".join(parts)


def check_page(page):
    assert isinstance(page.text, str) and (page.title is None or isinstance(page.title, str))
    # a date as the page writes it when it is not ISO: read by the boundary, or flagged there
    if page.date is not None:
        assert page.date.strip() == page.date != ""
        value, flag = parse_pub_date(page.date)
        assert re.match(r"\d{4}-\d{2}-\d{2}", page.date) or value.value is not None or flag


@settings(max_examples=300)
@given(st.one_of(html_pages(), st.text(max_size=300)))
def test_html_extraction_never_fails(markup):
    check_page(extract_html(markup))


@settings(max_examples=300)
@given(html_pages(junk=False))
def test_html_script_and_style_never_reach_the_text(markup):
    page = extract_html(markup)
    check_page(page)
    assert MARK not in page.text and MARK not in (page.title or "")


# -- dates ---------------------------------------------------------------------------------------

DATE_WORDS = ["on", "in", "since", "last", "this", "early", "late", "mid-", "of", "the", "first", "week",
              "earlier", "month", "year", "yesterday", "today", "tomorrow", "recently", "night",
              "March", "Sept.", "may", "February", "dec", "Monday", "sunday", "2001", "1999", "2024", "0", "29",
              "31", "32", "00", "1st", "22nd", "2001-02-29", "2000-02-29", "1900-13-01", ",", "."]
date_texts = st.one_of(st.text(max_size=200),
                       st.lists(st.sampled_from(DATE_WORDS), max_size=14).map(" ".join))
article_dates = st.one_of(
    st.none(), st.text(max_size=30), st.dates().map(lambda d: d.isoformat()),
    st.dates().map(lambda d: d.isoformat() + "T23:59:59Z"),
    st.sampled_from(["0001-01-01", "9999-12-31", "2001-02-29", "2000-02-29", "0000-00-00", "2001-13-01"]))


def check_event_date(d, source):
    assert d.precision in ("day", "month", "year", "unknown") and d.source == source
    if d.value is None:
        assert d.precision == "unknown"
        return
    assert DATE_VALUE.match(d.value), d
    assert PRECISION_OF[d.precision].match(d.value), d
    if d.precision == "day":
        dt.date.fromisoformat(d.value.replace("--", "2000-", 1) if d.value.startswith("--") else d.value)
    if d.precision == "month":
        assert 1 <= int(d.value[5:7]) <= 12


@settings(max_examples=500)
@given(date_texts, article_dates)
def test_find_dates_any_text_any_article_date(text, article_date):
    found = find_dates(text, article_date)
    last_end = 0
    for m in found:
        assert 0 <= m.start < m.end <= len(text) and text[m.start:m.end] == m.text
        assert m.start >= last_end, "mentions overlap or are out of order"
        last_end = m.end
        check_event_date(m.date, "sentence")
    check_event_date(article_fallback(article_date), "article")


# -- places --------------------------------------------------------------------------------------

PLACE_WORDS = ["Almaty", "Kazakhstan", "Paris", "Texas", "Eastern", "Ghouta", "Jambyl", "Province", "Lugovoye",
               "Kazakstan", "Churchill", "Man.", "Colchester", "General", "Hospital", "Royal", "Street", "St.",
               "Georgia", "Jordan", "China", "Kazakh", "Afghans", "U.S.", "UK", "the", "in", "near", "of", "and",
               ",", ".", "said", "police", "detained", "Bishkek", "Osh", "Shymkent", "Fergana", "Valley", "Nur-Sultan"]
place_texts = st.one_of(st.text(max_size=60),
                        st.lists(st.sampled_from(PLACE_WORDS), max_size=10).map(" ".join))


@pytest.fixture(scope="module")
def gazetteer():
    from steppe.places.gazetteer import get_gazetteer

    return get_gazetteer()


def check_place(p, text=None):
    assert isinstance(p.name, str) and p.name
    assert p.feature in FEATURES
    assert p.country is None or re.fullmatch(r"[A-Z]{3}", p.country), p
    assert (p.lat is None) == (p.lon is None)
    if p.lat is not None:
        assert -90.0 <= p.lat <= 90.0 and -180.0 <= p.lon <= 180.0
    assert p.geonameid is None or isinstance(p.geonameid, int)
    if text is not None:
        assert p.text == text


@settings(max_examples=300)
@given(place_texts, st.lists(st.one_of(st.text(max_size=4), st.sampled_from(["KAZ", "kz", "USA", "FRA", ""])),
                             max_size=3))
def test_resolve_name_any_string(gazetteer, name, context):
    p = resolve_name_checked(name, context, gazetteer)
    if p is not None:
        check_place(p, name)


def resolve_name_checked(name, context, gazetteer):
    from steppe.places.resolve import resolve_name

    return resolve_name(name, context, gazetteer=gazetteer)


@pytest.mark.model
@settings(max_examples=50)
@given(st.one_of(st.text(max_size=80), st.lists(st.sampled_from(PLACE_WORDS), max_size=16).map(" ".join)))
def test_find_places_on_parsed_random_texts(gazetteer, text):
    from steppe.nlp import get_nlp
    from steppe.places.resolve import find_places

    assume(text.strip())
    doc = get_nlp()(text)
    found = find_places(doc, "fuzz", include_demonyms=True, gazetteer=gazetteer)
    for pm in found:
        assert pm.article_id == "fuzz"
        assert 0 <= pm.start < pm.end <= len(doc.text)
        check_place(pm.place)


@pytest.mark.parametrize("article_date", ["0001-01-01", "0001-01-01T00:00:00Z", "9999-12-31", "0000-00-00",
                                          "0999-12-31", "1000-01-01", "9998-12-31"])
def test_relative_dates_against_the_ends_of_the_calendar(article_date):
    """Regression: "yesterday" against 0001-01-01 (Go's zero time, common in feeds) overflowed."""
    text = ("yesterday, tomorrow, last night, on Sunday, last week, last month, last year, this year, "
            "earlier this month, in the first week of January, on December 31, in March, recently")
    found = find_dates(text, article_date)
    assert len(found) >= 10
    for m in found:
        check_event_date(m.date, "sentence")
    check_event_date(article_fallback(article_date), "article")


# -- the whole pipeline ----------------------------------------------------------------------------

PIPELINE_WORDS = ["Kazakh", "police", "detained", "arrested", "Uzbek", "citizens", "in", "Almaty", "on", "Monday",
                  "he", "they", "the", "government", "of", "Kazakhstan", "met", "Putin", "and", "Nazarbayev", "said",
                  "would", "not", "\n\n", ".", ",", "'", '"', "(", ")", "-", "UN", "urged", "restraint", "yesterday",
                  "March", "3", "2001", "him", "who"]


@pytest.mark.model
@settings(max_examples=60)
@given(st.one_of(st.text(max_size=150), st.lists(st.sampled_from(PIPELINE_WORDS), max_size=30).map(" ".join)),
       st.sampled_from([None, "2003-03-10", "0001-01-01T00:00:00Z", "not a date"]))
def test_whole_pipeline_any_text_gives_valid_events(coder, text, date):
    assume(text.strip())
    res = coder.code_doc(Article(id="fuzz", text=text, date=date), coder.nlp(text))
    for s in res.sentences:
        assert 0 <= s.start <= s.end <= len(text) and text[s.start:s.end] == s.text
    for e in res.events:
        assert 0 <= e.evidence_start <= e.evidence_end <= len(text)
        assert text[e.evidence_start:e.evidence_end] == e.evidence
        check_event_date(type("D", (), {"value": e.date, "precision": e.date_precision,
                                        "source": e.date_source})(), e.date_source)
        assert e.date_source in ("sentence", "article") and 1 <= e.quad_class <= 4
        assert -10.0 <= e.goldstein <= 10.0 and 0.0 <= e.confidence <= 1.0
