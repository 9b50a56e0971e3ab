"""Calibrated confidence: features, the logistic fit, the reliability table (small exact data)."""
import dataclasses

from steppe.coding.confidence import FEATURES, calibrated, features, fit, load_weights, reliability
from steppe.records import Actor
from tests.eval.helpers import event

KAZCOP = Actor(text="Kazakh police", code="KAZCOP", country="KAZ", sector="COP", kind="group")
UZBCVL = Actor(text="Uzbek citizens", code="UZBCVL", country="UZB", sector="CVL", kind="group")


def test_features_follow_the_feature_names():
    e = dataclasses.replace(event("173", source=KAZCOP, target=UZBCVL, confidence=0.8), date_source="sentence")
    f = dict(zip(FEATURES, features(e)))
    assert f["bias"] == 1.0 and f["rule_score"] == 0.8 and f["source_named"] == 1.0
    assert f["target_named"] == 1.0 and f["both_sectors"] == 1.0 and f["material_family"] == 1.0
    assert f["own_date"] == 1.0 and f["source_entailed"] == 0.0 and f["restated"] == 0.0


def test_the_shipped_weights_rank_a_full_dyad_above_a_lone_target():
    w = load_weights()
    full = event("173", source=KAZCOP, target=UZBCVL, confidence=0.8)
    lone = event("173", source=None, target=UZBCVL, confidence=0.6)
    assert 0.0 < calibrated(lone, w) < calibrated(full, w) < 1.0


def test_fit_recovers_a_separating_direction():
    rows = [[1.0, x] for x in (0.1, 0.2, 0.3, 0.7, 0.8, 0.9)]
    w = fit(rows, [0, 0, 0, 1, 1, 1], l2=0.1)
    assert w[1] > 0 and w[0] < 0


def test_reliability_table_and_expected_calibration_error():
    table, ece = reliability([0.15, 0.15, 0.85, 0.85], [False, True, True, True])
    assert [(r["bin"], r["events"], r["right"]) for r in table] == [("0.1-0.2", 2, 0.5), ("0.8-0.9", 2, 1.0)]
    assert abs(ece - (0.5 * 0.35 + 0.5 * 0.15)) < 1e-9
