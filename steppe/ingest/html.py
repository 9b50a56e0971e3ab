"""Main text, title and publication date of an HTML news page.

The main text comes from trafilatura and the publication date from htmldate (both Apache-2.0),
chosen over the hand-written stdlib parser below because they measured better on the saved
pages in tests/fixtures/html (``python bench/html_extract.py``; figures in the README).

The stdlib parser stays for four things: the ``<title>``; the text outside nav, header,
footer, aside, form ... (a line of trafilatura's that is not in it is dropped: on short pages
trafilatura keeps menus); the date as written in the page's
meta tags or ``<time datetime>`` (passed on as written when steppe's own date rules cannot read
it for sure, e.g. ``10/03/2003``, so the ingest boundary flags it ``date-unreadable`` instead of
taking htmldate's day-first guess; and when htmldate finds no date); and the text of pages in
which trafilatura finds none (very short pages).
"""
from __future__ import annotations

import html
import logging
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Optional

from steppe.ingest.dates import parse_pub_date

_SKIP = {"script", "style", "noscript", "nav", "header", "footer", "aside", "form", "svg",
         "iframe", "template", "button", "select"}
_BLOCK = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "div", "br", "tr",
          "article", "section", "pre", "td"}
_DATE_META = ("article:published_time", "og:published_time", "datepublished", "date",
              "pubdate", "publishdate", "dc.date", "dc.date.issued", "sailthru.date")


# trafilatura and htmldate log an unparsable page at ERROR; with no handler of the program's own,
# Python would print those to stderr. steppe says what it could not read through its own flags.
for _name in ("trafilatura", "htmldate", "courlan"):
    logging.getLogger(_name).addHandler(logging.NullHandler())


@dataclass(frozen=True)
class Page:
    text: str
    title: Optional[str]
    date: Optional[str]


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skip_depth = 0
        self.chunks: list[str] = []
        self.title: list[str] = []
        self.in_title = False
        self.date: Optional[str] = None

    def handle_starttag(self, tag, attrs):
        if tag in _BLOCK or tag == "body":
            self.in_title = False  # an unclosed <title> ends where the page's body starts
        if tag in _SKIP:
            self.skip_depth += 1
        elif tag == "title":
            self.in_title = True
        elif tag == "meta" and self.date is None:
            a = {k.lower(): (v or "") for k, v in attrs}
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key in _DATE_META and a.get("content", "").strip():
                self.date = a["content"].strip()
        elif tag == "time" and self.date is None:
            dt = (dict(attrs).get("datetime") or "").strip()
            if dt:
                self.date = dt
        if tag in _BLOCK:
            self.chunks.append("\n")

    def handle_endtag(self, tag):
        if tag in _SKIP and self.skip_depth:
            self.skip_depth -= 1
        elif tag in ("title", "head"):
            self.in_title = False
        if tag in _BLOCK:
            self.chunks.append("\n")

    def handle_data(self, data):
        if self.skip_depth:  # script, style, nav ...: never text, not even inside a <title>
            return
        if self.in_title:
            self.title.append(data)
        else:
            self.chunks.append(data)


def extract_html(markup: str) -> Page:
    """The page's main text (paragraphs separated by a blank line), its <title> and its
    publication date as a string for the ingest boundary to parse and flag."""
    parser = _scan(markup)
    page = _stdlib_page(parser)
    text = _main_text(markup, _visible(parser)) or page.text
    date = page.date
    if date is None or parse_pub_date(date)[1] is None:
        date = _find_date(markup) or date
    return Page(text=text, title=page.title, date=date)


def _visible(parser: "_Extractor") -> str:
    """All text outside script, style, nav, header, footer, aside, form ..., on one line."""
    return " ".join(html.unescape("".join(parser.chunks)).split())


def _main_text(markup: str, visible: str) -> str:
    """trafilatura's text, less the lines that stand only in nav, header, footer, aside ...
    (on short pages trafilatura falls back to keeping the whole body, menus included)."""
    import trafilatura

    try:
        found = trafilatura.extract(markup, include_comments=False, include_tables=False)
    except Exception:  # noqa: BLE001 - a page trafilatura cannot parse falls back to the stdlib text
        return ""
    lines = [" ".join(line.split()) for line in (found or "").splitlines()]
    lines = [line for line in lines if line]
    kept = [line for line in lines if line in visible]
    return "\n\n".join(kept)


def _find_date(markup: str) -> Optional[str]:
    """The publication date (not the last update) from htmldate, YYYY-MM-DD. No extensive
    search: it guesses from any year on the page (a copyright line gives YYYY-01-01)."""
    from htmldate import find_date

    try:
        return find_date(markup, original_date=True, extensive_search=False,
                         outputformat="%Y-%m-%d")
    except Exception:  # noqa: BLE001 - no date is better than a crash on one odd page
        return None


def extract_html_stdlib(markup: str) -> Page:
    """The hand-written extractor: paragraphs of six words or more, the <title>, and the first
    date in the usual meta tags or a <time datetime>, as written."""
    return _stdlib_page(_scan(markup))


def _scan(markup: str) -> "_Extractor":
    parser = _Extractor()
    parser.feed(markup)
    parser.close()
    return parser


def _stdlib_page(parser: "_Extractor") -> Page:
    raw = html.unescape("".join(parser.chunks))
    paragraphs = []
    for block in re.split(r"\n\s*\n|\n", raw):
        line = re.sub(r"[ \t\r\f\v]+", " ", block).strip()
        if line:
            paragraphs.append(line)
    # Drop short menu-like lines when the page has real paragraphs.
    long_ones = [p for p in paragraphs if len(p.split()) >= 6]
    body = long_ones if long_ones else paragraphs
    title = " ".join("".join(parser.title).split()) or None
    return Page(text="\n\n".join(body), title=title, date=parser.date)
