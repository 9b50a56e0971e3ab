"""steppe's spaCy components, registered with spaCy's factory registry."""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

_BREAK = re.compile(r"\n\s*\n|\n(?=\s*[A-Z\"“])")


@Language.component("steppe_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """A blank line (or a line break before a capital) starts a new sentence: headlines, bylines
    and paragraphs are not run into the next sentence. Runs before the parser, which respects
    boundaries already set."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if prev.is_space and _BREAK.search(prev.text) or (
                "\n" in prev.whitespace_ and _BREAK.search(prev.whitespace_ + tok.text[:1])):
            tok.is_sent_start = True
    return doc
