"""WikiEvents scorer: trigger offsets in the built text and the figures on hand-built events."""
import pytest

from steppe.eval.wikievents import GoldEvent, event_classes, gold_class, read_wikievents, score_wikievents
from tests.eval.helpers import FIXTURES, event


def test_read_locates_triggers_in_the_built_text():
    (doc,) = read_wikievents(FIXTURES / "wikievents")
    assert doc.text == "Police arrested two men.\n\nA bomb exploded, killing three.\n\nThey fled."
    assert [(g.trigger, g.offset) for g in doc.events] == [("arrested", 7), ("exploded", 33), ("killing", 43),
                                                           ("fled", 64)]
    assert all(doc.text[g.offset:].startswith(g.trigger) for g in doc.events)


def test_class_tables():
    die = GoldEvent("d", "e", "Life.Die.Unspecified", "died", 0, "")
    assert gold_class(die, doc_has_attack=True) == "VIOLENCE"
    assert gold_class(die, doc_has_attack=False) is None
    assert gold_class(GoldEvent("d", "e", "Movement.Transportation.Unspecified", "x", 0, ""), True) is None
    assert event_classes(event("173")) == ["ARREST", "LEGAL"]
    assert event_classes(event("1823")) == ["VIOLENCE"] and event_classes(event("0841")) == ["RELEASE"]
    assert event_classes(event("051")) == []


def test_figures_hand_computed():
    docs = read_wikievents(FIXTURES / "wikievents")
    pred = {"fix_1": [event("173", start=0, end=24),  # ARREST right; LEGAL wrong
                      event("190", start=26, end=57),  # finds the attack and the death
                      event("020", start=59, end=69)]}  # REQUEST, wrong
    r = score_wikievents(docs, pred)
    f = r["figures"]
    assert f["recall"] == 1.0  # 3 scored gold events (the movement is not scored)
    assert f["precision"] == pytest.approx(2 / 3)
    assert f["f1"] == pytest.approx(0.8)
    assert f["macro_f1"] == 1.0  # ARREST and VIOLENCE, the classes with gold events
    t = r["tables"]["class"]
    assert (t["VIOLENCE"]["tp"], t["VIOLENCE"]["tp_pred"], t["VIOLENCE"]["precision"]) == (2, 1, 1.0)
    assert (t["LEGAL"]["fp"], t["LEGAL"]["precision"], t["REQUEST"]["fp"]) == (1, 0.0, 1)
    assert r["counts"]["gold_unmapped"] == 1 and r["counts"]["predicted_scored"] == 3
    assert r["tables"]["KAIROS type (recall only)"]["Life.Die.Unspecified"]["recall"] == 1.0
