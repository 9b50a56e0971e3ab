"""IndiaPoliceEvents scorer: documents, offsets, and sentence labels from hand-built events."""
import pytest

from steppe.eval.india import build_article, read_india, repair_text, score_india, sentence_labels
from tests.eval.helpers import FIXTURES, actor, event


def test_read_and_build_article_keeps_sentence_offsets():
    docs = read_india(FIXTURES / "india" / "fixture-sentences.jsonl")
    assert len(docs) == 1 and docs[0].date == "2002-03-02"
    assert [s.sent_id for s in docs[0].sentences] == [0, 1, 2]
    art, starts = build_article(docs[0])
    assert art["id"] == "2" and art["date"] == "2002-03-02"
    for s, start in zip(docs[0].sentences, starts):
        assert art["text"][start:start + len(s.text)] == s.text
    assert art["text"].count("\n\n") == 2


def test_mojibake_repair():
    assert repair_text("singhalâ€™s â€˜pujaâ€™") == "singhal’s ‘puja’"


def test_sentence_labels():
    police = actor("INDCOP", "IND", "COP")
    assert sentence_labels([event("173", source=police)]) == {"ARREST", "ARREST_ANY_SOURCE"}
    assert sentence_labels([event("173")]) == {"ARREST_ANY_SOURCE"}
    assert sentence_labels([event("1823")]) == {"VIOLENCE_ANY_SOURCE"}
    assert sentence_labels([event("1823", fatal=True)]) == {"KILL_ANY_SOURCE", "VIOLENCE_ANY_SOURCE"}
    assert sentence_labels([event("175", source=police, fatal=True)]) == {"KILL", "KILL_ANY_SOURCE", "VIOLENCE_ANY_SOURCE"}
    assert sentence_labels([event("175", source=police)]) == {"VIOLENCE_ANY_SOURCE"}
    assert sentence_labels([event("040", source=police)]) == set()


def test_figures_hand_computed():
    docs = read_india(FIXTURES / "india" / "fixture-sentences.jsonl")
    art, starts = build_article(docs[0])
    police = actor("INDCOP", "IND", "COP")
    pred = {"2": [event("173", source=police, start=starts[0] + 11, end=starts[1] - 2),
                  event("190", start=starts[1], end=starts[2] - 2, fatal=True)]}  # the mob, not police
    r = score_india(docs, pred, {"2": starts})
    f = r["figures"]
    assert (f["ARREST_precision"], f["ARREST_recall"], f["ARREST_f1"]) == (1.0, 1.0, 1.0)
    assert (f["KILL_precision"], f["KILL_recall"], f["KILL_f1"]) == (0.0, 0.0, 0.0)  # fn s2
    t = r["tables"]["sentence label"]
    assert (t["KILL"]["fp"], t["KILL"]["fn"]) == (0, 1)
    assert (t["KILL_ANY_SOURCE"]["fp"], t["KILL_ANY_SOURCE"]["fn"]) == (1, 1)
    assert r["counts"]["gold_ARREST"] == 1 and r["counts"]["gold_KILL"] == 1 and r["counts"]["sentences"] == 3
    assert r["error_kinds"] == {"KILL missed: no event": 1}
    assert f["ARREST_ANY_SOURCE_f1"] == pytest.approx(1.0)
