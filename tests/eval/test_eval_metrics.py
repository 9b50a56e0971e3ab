"""The counting helpers, on hand-computed figures."""
import pytest

from steppe.eval.metrics import ClassScores, Counts, ErrorLog, prf, ratio, report, rounded


def test_prf_hand_computed():
    p, r, f = prf(tp=3, fp=1, fn=2)
    assert p == 0.75 and r == 0.6
    assert f == pytest.approx(2 / 3)  # 2 * .75 * .6 / 1.35


def test_zero_denominators_give_zero():
    assert prf(0, 0, 0) == (0.0, 0.0, 0.0)
    assert prf(0, 3, 0) == (0.0, 0.0, 0.0)
    assert ratio(1, 0) == 0.0


def test_single_label_pairs():
    t = ClassScores()
    for gold, pred in [("A", "A"), ("A", "B"), ("B", "B"), (None, "A"), ("B", None)]:
        t.add_pair(gold, pred)
    assert (t["A"].tp, t["A"].fp, t["A"].fn) == (1, 1, 1)
    assert (t["B"].tp, t["B"].fp, t["B"].fn) == (1, 1, 1)
    assert t["A"].precision == t["A"].recall == t["A"].f1 == 0.5
    assert t.micro() == Counts(2, 2, 2)
    assert t.macro_f1() == 0.5
    assert t["A"].support == 2


def test_macro_f1_only_over_classes_with_gold_items():
    t = ClassScores(["A", "B"])
    t.add_pair("A", "A")  # A: f1 1.0
    t.add_pair(None, "B")  # B: no gold items -> left out of the macro mean
    assert t.macro_f1() == 1.0
    assert t.macro_f1(only_gold=False) == 0.5


def test_precision_from_right_predictions_when_not_one_to_one():
    c = Counts(tp=2, fp=1, fn=2, tp_pred=3)  # 2 of 4 gold found; 3 of 4 predictions right
    assert c.precision == 0.75 and c.recall == 0.5
    assert c.f1 == pytest.approx(0.6)
    assert c.predicted == 4
    assert (c + Counts(1, 0, 0)).tp_pred == 4


def test_report_shape_and_rounding():
    t = ClassScores()
    t.add_pair("X", "X")
    log = ErrorLog()
    log.add("b", id=1)
    log.add("a", id=2)
    log.add("b", id=3)
    r = report("demo", n=1, figures={"acc": 2 / 3}, tables={"cls": t}, errors=log, notes=["n"])
    assert r["error_kinds"] == {"b": 2, "a": 1}
    assert r["tables"]["cls"]["X"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "tp": 1, "fp": 0,
                                       "fn": 0, "support": 1}
    assert rounded(r)["figures"]["acc"] == 0.6667
