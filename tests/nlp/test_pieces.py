"""Long texts are parsed in pieces (issue 18: the parse of a 1M-character article took 2.9 GB)."""
import pytest

from steppe.nlp.pieces import cut_points, parse_texts, pieces

PARAGRAPH = ("Kazakh police detained 40 Uzbek citizens near Shymkent on March 3. "
             "The Kazakh government said it would impose a visa requirement.\n\n")


def test_cuts_fall_after_paragraph_ends_and_keep_every_character():
    text = PARAGRAPH * 10
    cuts = cut_points(text, size=400)
    assert cuts and all(text[c - 2:c] == "\n\n" and not text[c].isspace() for c in cuts)
    assert all(b - a <= 400 for a, b in zip([0, *cuts], [*cuts, len(text)]))
    assert "".join(pieces(text, size=400)) == text


def test_without_paragraphs_cuts_fall_after_a_sentence_or_a_space():
    text = PARAGRAPH.replace("\n\n", " ") * 6
    cuts = cut_points(text, size=300)
    assert cuts and all(text[c - 2:c] in (". ", "s ") or text[c - 1] == " " for c in cuts)
    assert "".join(pieces(text, size=300)) == text
    assert cut_points("x" * 1000, size=300) == [300, 600, 900]  # no space at all: cut at the size
    assert cut_points("short", size=300) == []


@pytest.mark.model
def test_a_long_text_parsed_in_pieces_is_one_doc_with_the_same_text_and_sentences(nlp):
    short, long = "Russia praised Kazakhstan.", PARAGRAPH * 8
    docs = list(parse_texts(nlp, [short, long, short], batch_size=4, size=400))
    assert [d.text for d in docs] == [short, long, short]
    whole = nlp(long)
    joined = docs[1]
    assert [(t.idx, t.text) for t in joined] == [(t.idx, t.text) for t in whole]
    assert [s.text for s in joined.sents] == [s.text for s in whole.sents]
    assert [(e.start_char, e.end_char) for e in joined.ents] == [(e.start_char, e.end_char) for e in whole.ents]
    assert [(t.dep_, t.head.i) for t in joined] == [(t.dep_, t.head.i) for t in whole]
