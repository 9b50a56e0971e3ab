"""Well-known political persons: the data file's loader and the name matcher."""
import pytest

from steppe.actors.lexicon import parse_persons
from steppe.actors.persons import PersonIndex, name_words
from tests.conftest import code_text, triples

_TSV = """# a comment
code\tname\tshort\taliases
RUSGOV\tVladimir Putin\tPutin\t
DZAGOV\tAbdelaziz Bouteflika\tBouteflika\t
USAGOV\tBill Clinton\tClinton\tWilliam Jefferson Clinton
USAGOV\tHillary Clinton\tClinton\t
PRKGOV\tKim Jong Il\t\tKim Jong-il
KORGOV\tKim Dae-jung\tKim\t
PRKGOV\tKim Il Sung\tKim\t
SDNGOV\tOmar al-Bashir\tBashir\tOmar Hassan al-Bashir
IGOUNO\tKofi Annan\tAnnan\t
"""


@pytest.fixture(scope="module")
def index():
    return PersonIndex(parse_persons(_TSV))


@pytest.mark.parametrize("name, code", [
    ("Vladimir Putin", "RUSGOV"),
    ("Putin", "RUSGOV"),
    ("William Jefferson Clinton", "USAGOV"),
    ("Clinton", "USAGOV"),  # two people, one state
    ("Bill Clinton", "USAGOV"),
    ("Abdelaziz Bouteflicka", "DZAGOV"),  # a transliteration variant
    ("Omar El Bashir", "SDNGOV"),  # the article dropped
    ("Kofi Annan", "IGOUNO"),
    ("Kim Jong-il", "PRKGOV"),
])
def test_names_found(index, name, code):
    assert index.lookup(name).code == code


@pytest.mark.parametrize("name", ["Kim", "Ahmed Putin", "John Smith", ""])
def test_names_not_found(index, name):
    assert index.lookup(name) is None  # ambiguous, another person's first name, unknown, empty


def test_country_and_sector_of_an_organisation_person():
    e = parse_persons(_TSV)[-1]
    assert (e.country, e.sector) == (None, None)
    assert (parse_persons(_TSV)[0].country, parse_persons(_TSV)[0].sector) == ("RUS", "GOV")


def test_bad_code_is_rejected():
    with pytest.raises(ValueError, match="line 2"):
        parse_persons("code\tname\tshort\taliases\nRU\tX Y\t\t\n")


def test_name_words_drop_arabic_articles():
    assert name_words("Nouri al-Maliki") == ("nouri", "maliki")


@pytest.mark.model
def test_titled_person_takes_their_own_country(coder):
    r = code_text(coder, "President Bill Clinton imposed sanctions on the Taliban of Afghanistan.")
    assert triples(r)[0][1] == "USAGOV"


@pytest.mark.model
def test_bare_surname_of_a_leader(coder):
    r = code_text(coder, "Putin met the president of Armenia.")
    assert [(s, t) for _, s, t in triples(r)] == [("RUSGOV", "ARMGOV"), ("ARMGOV", "RUSGOV")]

