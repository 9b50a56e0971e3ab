"""plv-train and quad-train scorers on hand-built events (no model)."""
import dataclasses

from steppe.eval.plv import _score, plv_pick, quad_of_root, quad_pick
from tests.eval.helpers import actor, event


def test_quad_classes_over_cameo_roots():
    assert [quad_of_root(r) for r in ("01", "02", "04", "07", "11", "16", "14", "19", "20")] == \
        ["0", "0", "1", "2", "3", "3", "4", "4", "4"]


def test_plv_pick_prefers_the_marked_dyad_then_the_main_clause():
    kaz, uzb, rus = actor("KAZGOV", "KAZ", text="Kazakh government"), actor("UZB", "UZB", text="Uzbekistan"), \
        actor("RUS", "RUS", text="Russia")
    on_dyad = dataclasses.replace(event("111", "ACCUSE", source=kaz, target=uzb), main_clause=False)
    main = dataclasses.replace(event("040", "CONSULT", source=kaz, target=rus, confidence=0.9), main_clause=True)
    assert plv_pick([main, on_dyad], "The Kazakh government", "Uzbekistan") is on_dyad
    assert quad_pick([on_dyad, main]) is main


def test_score_counts_accuracy_and_missing_predictions():
    records = [{"id": "a", "text": "x", "gold": "4"}, {"id": "b", "text": "y", "gold": "3"}]
    preds = {"a": [event("190")], "b": []}
    r = _score(records, preds, "quad-train", lambda e: quad_of_root(e.cameo_root), lambda evs, rec: quad_pick(evs))
    assert r["figures"]["accuracy"] == 0.5 and r["counts"]["with_prediction"] == 1
    assert r["error_kinds"] == {"no event": 1}
