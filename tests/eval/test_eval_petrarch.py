"""PETRARCH validation scorer: reading the records and the figures on hand-built predictions."""
import pytest

from steppe.eval.petrarch import Coding, PetrarchRecord, dictionaries, read_petrarch, score_petrarch
from tests.eval.helpers import FIXTURES, actor, event

RECORDS = FIXTURES / "petrarch" / "FIX.records.xml"


def test_read_keeps_only_scored_records():
    recs = read_petrarch(RECORDS)
    assert [r.id for r in recs] == ["FIX-01", "FIX-02"]  # not sentence="false", error, excluded category
    assert recs[0].text == "The Arnorian president visited Gondor on Monday."
    assert recs[0].date == "1995-01-02"
    assert recs[0].codings == (Coding("ARNGOV", "GON", "043"), Coding("GON", "ARNGOV", "042"))
    assert recs[1].codings == () and recs[1].text == "Gondor & Arnor are neighbours."


def test_dictionaries_named_by_the_environment():
    assert [p.rsplit("/", 1)[-1] for p in dictionaries(RECORDS)] == ["FIX.actors.txt", "FIX.agents.txt"]


def rec(key, *codings):
    return PetrarchRecord(key=key, id=key, category="T", date=None, text="t", codings=tuple(codings))


def test_figures_hand_computed():
    gold = [rec("s1", Coding("ARNGOV", "GON", "043"), Coding("GON", "ARNGOV", "042")),
            rec("s2"),
            rec("s3", Coding("DAGGOV", "---", "023"))]
    pred = {"s1": [event("042", source=actor("ARNGOV"), target=actor("GON"))],
            "s2": [event("111", source=actor("GON"))],
            "s3": [event("023", source=actor("DAGMIL"))]}  # no target: reads as ---
    r = score_petrarch(gold, pred)
    f = r["figures"]
    assert f["root_accuracy"] == 1.0
    assert f["source_accuracy"] == pytest.approx(1 / 3)  # only the first coding
    assert f["target_accuracy"] == pytest.approx(2 / 3)  # GON; ---
    assert f["source_prefix_accuracy"] == pytest.approx(2 / 3)  # ARNGOV; DAGMIL ~ DAGGOV
    assert f["target_prefix_accuracy"] == pytest.approx(2 / 3)
    assert f["triple_accuracy"] == 0.0
    assert f["root_triple_accuracy"] == pytest.approx(1 / 3)
    assert f["exact_code_accuracy"] == pytest.approx(2 / 3)  # 042, 023
    assert f["event_precision_root"] == pytest.approx(2 / 3)  # the 111 on a noevents sentence is wrong
    assert f["event_precision_triple"] == 0.0
    assert f["noevents_sentences_clean"] == 0.0
    assert r["counts"]["expected_codings"] == 3 and r["counts"]["predicted_events"] == 3
    roots = r["tables"]["CAMEO root (per sentence)"]
    assert (roots["04"]["tp"], roots["02"]["tp"], roots["11"]["fp"]) == (1, 1, 1)
    assert r["error_kinds"] == {"source: wrong": 2, "target: wrong": 1, "event on a noevents sentence": 1}


def test_verb_dictionary_named_by_the_environment(tmp_path):
    from steppe.eval.petrarch import verb_dictionaries

    assert verb_dictionaries(RECORDS) == ()  # the fixture names none
    rec = tmp_path / "R.xml"
    rec.write_text(RECORDS.read_text(encoding="utf-8").replace(
        "<Environment>", "<Environment>\n    <Verbfile>R.verbs.txt</Verbfile>"), encoding="utf-8")
    assert verb_dictionaries(rec) == ()  # named but not there
    (tmp_path / "R.verbs.txt").write_text("--- VISIT [042] ---\nVISIT\n", encoding="utf-8")
    assert verb_dictionaries(rec) == (str(tmp_path / "R.verbs.txt"),)
