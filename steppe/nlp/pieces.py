"""Parse long texts in pieces, so that the parse's memory does not grow with an article's length.

spaCy's parser and entity recognizer hold per-token working arrays for the whole Doc at once
(about 2.9 GB for a 1,000,000-character article with en_core_web_sm). A text longer than
``MAX_PIECE`` characters is cut into consecutive pieces at paragraph ends (a blank line, which
``steppe_paragraphs`` makes a sentence boundary anyway), else at line ends, else after a
sentence's full stop, else at a space; the pieces are parsed one at a time and joined back into
one ``Doc`` with ``Doc.from_docs`` (same text, same character offsets). Texts up to
``MAX_PIECE`` characters are parsed whole, exactly as before; for longer ones a token within a
few words of a cut may be tagged or parsed differently, as its context now ends at the cut.
"""
from __future__ import annotations

import re
from typing import Iterable, Iterator

from spacy.tokens import Doc

MAX_PIECE = 50_000  # characters

_CUTS = (re.compile(r"\n[ \t\r\f\v]*\n\s*"), re.compile(r"\n\s*"), re.compile(r"[.!?] +(?=[A-Z])"), re.compile(r" +"))


def cut_points(text: str, size: int = MAX_PIECE) -> list[int]:
    """Offsets where ``text`` is cut into pieces of at most ``size`` characters (a piece is cut
    at the last paragraph end before ``size``, else the last line end, sentence end or space;
    at ``size`` when there is none). Each cut is after the whitespace that ends a piece."""
    cuts, start = [], 0
    while len(text) - start > size:
        window = text[start:start + size]
        at = None
        for pattern in _CUTS:
            ends = [m.end() for m in pattern.finditer(window) if m.end() > size // 4]
            ends = [e for e in ends if e < len(window)]
            if ends:
                at = ends[-1]
                break
        start += at if at else size
        cuts.append(start)
    return cuts


def pieces(text: str, size: int = MAX_PIECE) -> list[str]:
    bounds = [0, *cut_points(text, size), len(text)]
    return [text[a:b] for a, b in zip(bounds, bounds[1:])]


def parse_texts(nlp, texts: Iterable[str], batch_size: int, size: int = MAX_PIECE) -> Iterator[Doc]:
    """``nlp.pipe(texts)``, except that a text longer than ``size`` is parsed piece by piece and
    joined (see the module doc). Docs come in the order of ``texts``."""
    run: list[str] = []
    for text in texts:
        if len(text) <= size:
            run.append(text)
            continue
        if run:
            yield from nlp.pipe(run, batch_size=batch_size)
            run = []
        docs = list(nlp.pipe(pieces(text, size), batch_size=1))
        yield Doc.from_docs(docs, ensure_whitespace=False)
    if run:
        yield from nlp.pipe(run, batch_size=batch_size)


__all__ = ["MAX_PIECE", "cut_points", "parse_texts", "pieces"]
