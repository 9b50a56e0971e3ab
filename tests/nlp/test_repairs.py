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


def test_a_speaker_hung_as_an_appositive_before_a_final_reporting_verb_is_its_subject():
    doc = get_nlp()("Protesters staged rallies against newly elected President Kasym-Zhomart Tokayev, "
                    "RFE/RL’s Kazakh Service reported.")
    service = next(t for t in doc if t.text == "Service")
    assert (service.dep_, service.head.text) == ("nsubj", "reported")
    # (a paragraph break after the sentence is no word)
    doc = get_nlp()("Protesters staged rallies against newly elected President Kasym-Zhomart Tokayev, "
                    "RFE/RL’s Kazakh Service reported.\n\nPolice detained 40 people.")
    service = next(t for t in doc if t.text == "Service")
    assert (service.dep_, service.head.text) == ("nsubj", "reported")
    # a true appositive, with no reporting verb after it, stays one
    doc = get_nlp()("Protesters met Kassym-Jomart Tokayev, the president of Kazakhstan.")
    president = next(t for t in doc if t.text == "president")
    assert (president.dep_, president.head.text) == ("appos", "Tokayev")


def test_an_acronym_the_tagger_took_for_an_adverb_is_a_proper_noun_and_the_subject():
    doc = get_nlp()("USAID sent aid to Yemen.")
    usaid = doc[0]
    assert (usaid.pos_, usaid.dep_, usaid.head.text) == ("PROPN", "nsubj", "sent")
    # an adverb in capitals that names nothing stays an adverb
    assert get_nlp()("ALSO, police detained two men.")[0].pos_ == "ADV"


@pytest.mark.parametrize("text, first", [
    ("Kolkata: The West Bengal government denied permission to the rally.", "Kolkata:"),
    ("This story is from March 10, 2002\n\nnew delhi: the central government has begun talks.", "new delhi:"),
])
def test_a_leading_place_and_colon_is_its_own_sentence(text, first):
    sents = [s.text.strip() for s in get_nlp()(text).sents]
    assert first in sents


def test_a_speaker_and_colon_is_not_split():
    sents = [s.text.strip() for s in get_nlp()("He said: police arrested two men in Nairobi.").sents]
    assert "He said:" not in sents
