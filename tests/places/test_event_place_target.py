"""With --implied-actors, the event's place gives the recipient of domestic events that name none
(and the attacker of attacks that name none); by default both stay empty."""
import pytest

from steppe.config import Settings
from steppe.records import Article

pytestmark = pytest.mark.model


@pytest.fixture
def placed_coder(gaz_path, monkeypatch):
    from steppe.pipeline import Coder

    monkeypatch.setenv("STEPPE_CACHE_DIR", str(gaz_path.parent))
    return Coder(Settings(places=True, implied_actors=True))


def _code(coder, text):
    return coder.code_doc(Article("t", text, date="2003-03-20"), coder.nlp(text)).events


def test_protest_without_recipient_targets_the_state_where_it_happens(placed_coder):
    [e] = _code(placed_coder, "Thousands of Iraqi Kurds demonstrated in Kirkuk on Sunday.")
    assert (e.cameo, e.source.code, e.target.code, e.location.name) == ("141", "IRQ", "IRQ", "Kirkuk")
    assert e.explanation.endswith("target implied: the event's place") and e.target.text == "Kirkuk (implied)"


def test_named_recipient_is_kept_and_location_attached(placed_coder):
    [e] = _code(placed_coder, "Kazakh police detained 40 Uzbek citizens in Shymkent.")
    assert (e.cameo, e.source.code, e.target.code, e.location.name, e.location.country) == (
        "173", "KAZCOP", "UZBCVL", "Shymkent", "KAZ")


def test_attack_without_attacker_is_sourced_to_the_state_where_it_happens(placed_coder):
    [e] = _code(placed_coder, "A roadside bomb killed two American soldiers in Samarra on Sunday.")
    # (the bomb is the means: a roadside bombing, CAMEO 1833)
    assert (e.cameo, e.source.code, e.target.code, e.location.country) == ("1833", "IRQ", "USAMIL", "IRQ")
    assert "source implied: the event's place" in e.explanation


def test_named_attacker_is_kept(placed_coder):
    [e] = _code(placed_coder, "Iraqi insurgents killed two American soldiers in Samarra on Sunday.")
    assert (e.source.code, e.target.code) == ("IRQREB", "USAMIL")
    assert "source implied" not in e.explanation


def test_sub_national_place_gives_the_actor_its_country(placed_coder):
    events = _code(placed_coder, "The government of Sindh province ordered the arrest of 20 protesters.")
    assert events and {e.source.country for e in events} == {"PAK"} and "PAKGOV" in {e.source.code for e in events}


def test_no_implied_actors_by_default(gaz_path, monkeypatch):
    from steppe.pipeline import Coder

    monkeypatch.setenv("STEPPE_CACHE_DIR", str(gaz_path.parent))
    coder = Coder(Settings(places=True))
    [e] = _code(coder, "A roadside bomb killed two American soldiers in Samarra on Sunday.")
    assert (e.source, e.target.code) == (None, "USAMIL")
    events = _code(coder, "The Kazakh president threatened to resign.")
    assert [e.target for e in events] == [None, None] and [e.cameo for e in events] == ["130", "035"]


def test_place_two_prepositions_away(placed_coder):
    [e] = _code(placed_coder, "Three US servicemen were killed by a bomb outside of the Iraqi city of Basra.")
    assert (e.source.code, e.location.country) == ("IRQ", "IRQ")
