"""PLOVER GSR scorer: reading the format and the figures on hand-built predictions."""
import pytest

from steppe.eval.plover import PloverRecord, actor_key, read_plover, score_plover, top_event
from tests.eval.helpers import FIXTURES, actor, event


def test_read_skips_document_maps_v05_names_and_fixes_codes():
    recs = read_plover(FIXTURES / "plover" / "fixture-records.json")
    assert [r.id for r in recs] == ["FIX-COERCE-0001", "FIX-FIGHT-0001", "FIX-CONSULT-0001"]
    assert [r.event for r in recs] == ["COERCE", "ASSAULT", "CONSULT"]  # FIGHT -> ASSAULT
    assert recs[0].sources == ("KAZ",) and recs[0].targets == ("UZB",)
    assert recs[2].sources == ("UZB", "JPN") and recs[2].targets == ()  # JAP -> JPN; "" = absent
    assert read_plover(FIXTURES / "plover" / "fixture-records.json") == recs


def test_actor_key_and_top_event():
    assert actor_key(actor("ISRMIL", "ISR", "MIL")) == "ISR"
    assert actor_key(actor("IGOUNO")) == "IGO" and actor_key(actor("NGOAMN")) == "IGO"
    assert actor_key(actor("IMGALQ")) == "IMG"
    assert actor_key(actor("---")) is None and actor_key(None) is None
    no_type = event("010", None, confidence=0.9)
    a, b = event("190", "ASSAULT", confidence=0.7), event("173", "COERCE", confidence=0.7)
    assert top_event([no_type, a, b]) is a  # untyped events ignored; first wins a tie
    assert top_event([no_type]) is None


GOLD = [
    PloverRecord("r1", "t", "AGREE", ("HUN", "ROU"), ()),
    PloverRecord("r2", "t", "ASSAULT", ("ISR",), ("PSE",)),
    PloverRecord("r3", "t", "REQUEST", ("IGO",), ("IRQ",)),
    PloverRecord("r4", "t", "COERCE", ("USA",), ("IRQ",)),
]
PRED = {
    "r1": [event("030", "AGREE", actor("ROUGOV", "ROU", "GOV"), actor("HUNGOV", "HUN", "GOV"))],
    "r2": [event("010", None, confidence=0.9),
           event("190", "ASSAULT", actor("ISRMIL", "ISR", "MIL"), actor("PSE", "PSE"), confidence=0.7)],
    "r3": [event("111", "ACCUSE", actor("IGOUNO"), actor("IRQ", "IRQ"), confidence=0.6)],
    "r4": [],
}


def test_figures_hand_computed():
    r = score_plover(GOLD, PRED)
    f = r["figures"]
    assert f["type_accuracy"] == 0.5  # r1, r2
    assert f["type_source_target_accuracy"] == 0.5  # r1 (no gold target: ignored), r2
    assert f["source_country_accuracy"] == 0.75  # r1 (ROU in gold), r2, r3 (IGO)
    assert f["target_country_accuracy"] == pytest.approx(2 / 3)  # r2, r3 of r2..r4
    assert f["source_country_accuracy_given_type"] == 1.0
    assert f["target_country_accuracy_given_type"] == 1.0
    assert f["type_macro_f1"] == 0.5  # AGREE 1, ASSAULT 1, REQUEST 0, COERCE 0
    t = r["tables"]["PLOVER type"]
    assert (t["AGREE"]["tp"], t["ACCUSE"]["fp"], t["REQUEST"]["fn"], t["COERCE"]["fn"]) == (1, 1, 1, 1)
    assert r["counts"]["with_prediction"] == 3
    assert r["error_kinds"] == {"type: ACCUSE instead of REQUEST": 1, "type: no event": 1}
