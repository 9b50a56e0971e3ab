"""steppe's parse repairs on small sentences."""
import pytest

from steppe.nlp import get_nlp
from steppe.nlp.components import transitive_verbs

pytestmark = pytest.mark.model


def deps(text):
    return {t.text: t.dep_ for t in get_nlp()(text)}


def test_repairs_run_after_the_lemmatizer():
    names = get_nlp().pipe_names
    assert names[-1] == "steppe_parse_repairs" and names.index("lemmatizer") < len(names) - 1


def test_headline_passive_subject_becomes_passive_subject():
    assert deps("Four policemen also killed.")["policemen"] == "nsubjpass"


@pytest.mark.parametrize("text", [
    "Police killed four militants.",      # an object: active
    "The rebels have killed.",            # an auxiliary: active
    "Four policemen met.",                # not an always-transitive verb
])
def test_other_subjects_are_left_alone(text):
    assert "nsubjpass" not in deps(text).values()


def test_transitive_verbs_are_read_from_data():
    verbs = transitive_verbs()
    assert {"kill", "arrest", "detain"} <= verbs and "lemma" not in verbs and "meet" not in verbs


def test_a_participle_parsed_as_its_objects_adjective_is_the_verbs_conjunct():
    doc = get_nlp()("Kyrgyzstan's opposition said on Thursday it had taken power and dissolved parliament.")
    dissolved = next(t for t in doc if t.text == "dissolved")
    assert (dissolved.dep_, dissolved.head.text) == ("conj", "taken")
    assert [c.text for c in dissolved.children if c.dep_ == "dobj"] == ["parliament"]
    # an adjective on a noun stays one: "the dissolved parliament"
    assert deps("The court reinstated the dissolved parliament.")["dissolved"] == "amod"
