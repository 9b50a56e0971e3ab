"""Main-text extraction from HTML pages with the standard library's parser.

Keeps the text of paragraphs and headings inside the page body, drops script, style, nav,
header, footer, aside and form elements, and reads the publication date from the usual
meta tags (article:published_time, og:published_time, date, pubdate, dc.date).
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Optional

_SKIP = {"script", "style", "noscript", "nav", "header", "footer", "aside", "form", "svg",
         "iframe", "template", "button", "select"}
_BLOCK = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "div", "br", "tr",
          "article", "section", "pre", "td"}
_DATE_META = ("article:published_time", "og:published_time", "datepublished", "date",
              "pubdate", "publishdate", "dc.date", "dc.date.issued", "sailthru.date")


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
            if key in _DATE_META and re.match(r"\d{4}-\d{2}-\d{2}", a.get("content", "")):
                self.date = a["content"]
        elif tag == "time" and self.date is None:
            dt = dict(attrs).get("datetime") or ""
            if re.match(r"\d{4}-\d{2}-\d{2}", dt):
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
    parser = _Extractor()
    parser.feed(markup)
    parser.close()
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
