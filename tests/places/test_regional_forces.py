"""Armed forces named by a region of a country (a GeoNames first-level division), not by their
state, are an armed group of it: the actors read the places the article resolves."""
import pytest

from steppe.records import Article
from tests.conftest import triples

pytestmark = pytest.mark.model


@pytest.fixture
def coder(places_coder):
    return places_coder


def _code(coder, text):
    return coder.code_doc(Article("t", text, date="2022-11-02"), coder.nlp(text))


def test_forces_named_by_a_region_not_their_state_are_an_armed_group(coder):
    r = _code(coder, "The Ethiopian government and regional forces from Tigray agreed on Wednesday "
                     "to cease hostilities.")
    assert sorted(triples(r)) == [("0871", "ETHGOV", "ETHREB"), ("0871", "ETHREB", "ETHGOV")]
    # named by their state they are its military
    r = _code(coder, "Ethiopian forces from Tigray clashed with Eritrean troops.")
    assert sorted(e.source.code for e in r.events) == ["ERIMIL", "ETHMIL"]  # a clash: both sides' act
