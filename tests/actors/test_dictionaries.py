import pytest

from steppe.actors.dictionaries import load_user_dictionaries, parse_code, parse_csv, parse_petrarch
from steppe.actors.resolve import dated_code
from steppe.errors import DictionaryError

PETRARCH_SAMPLE = """<!-- test dictionary -->
ARNOR_  [ARN]
+ARNORIAN
GONDOR [GON]   # stem: GONDORIAN matches
ARAGORN_
\t[ARNELI 300101-400101]
\t[ARNGOV >400102]
BOROMIR [---]
"""

AGENTS_SAMPLE = """!PERSON! = MAN, MEN
FOREIGN_MINISTER [~GOV]
POLICE!PERSON! [~COP]
MEDIA {} [~MED]
"""


def test_parse_code_dates():
    assert parse_code("KAZGOV >900424") == ("KAZGOV", "19900424", None)
    assert parse_code("KAZUNR 911216-911221") == ("KAZUNR", "19911216", "19911221")
    assert parse_code("X <050101") == ("X", None, "20050101")


def test_petrarch_actors_synonyms_stems_and_dated_codes():
    entries = dict(parse_petrarch(PETRARCH_SAMPLE))
    assert entries["arnor"].code == "ARN" and entries["arnorian*"].code == "ARN"
    assert entries["gondor*"].code == "GON"
    aragorn = entries["aragorn"]
    assert dated_code(aragorn, "1935-05-01") == "ARNELI"
    assert dated_code(aragorn, "1950-01-01") == "ARNGOV"
    assert "boromir" not in entries and "boromir*" not in entries  # [---] has no code


def test_petrarch_agents_macros_and_plurals():
    entries = parse_petrarch(AGENTS_SAMPLE)
    phrases = {p: h.code for p, h in entries}
    assert phrases == {"foreign minister": "GOV", "foreign ministers": "GOV", "policeman": "COP",
                       "policemen": "COP", "media": "MED"}


def test_bad_dictionary_line_names_file_and_line():
    with pytest.raises(DictionaryError) as err:
        parse_petrarch("ARNOR [ARN 99]\n", "d.txt")
    assert str(err.value) == "d.txt line 1: bad date restriction '99'"
    with pytest.raises(DictionaryError):
        parse_petrarch("+ORPHAN\n", "d.txt")


def test_csv_dictionary(tmp_path):
    p = tmp_path / "mine.csv"
    p.write_text("phrase,code,kind\nNur Otan,KAZPTY,actor\nakim,GOV,agent\n", encoding="utf-8")
    entries = load_user_dictionaries([str(p)])
    assert [(ph, h.kind, h.code) for ph, h in entries] == [("nur otan", "actor", "KAZPTY"), ("akim", "agent", "GOV")]
    with pytest.raises(DictionaryError):
        parse_csv("name,code\nx,y\n", "bad.csv")


def test_missing_dictionary_file():
    with pytest.raises(DictionaryError) as err:
        load_user_dictionaries(["/nonexistent/dict.txt"])
    assert "does not exist" in str(err.value)


# -- PETRARCH conventions for agents, multi-code actors and conjoined actors -------------------
from steppe.actors.resolve import compose_code, split_codes  # noqa: E402
from steppe.records import Actor  # noqa: E402

PETR_ACTORS = """ARNOR [ARN]
GONDOR [GON]
OSGILIATH [OSG]
MORDOR [MOR]
FORNOST [FOR]
THE_SHIRE [FRO/BIL/SAM]
LORIEN [ELR/GAL]
ITHILEN [ITH]
CALENARDHON [CAL]
+CALIMEHTAR
KUWAIT [KUW]
WHITE_HOUSE [USAGOV]
"""

PETR_AGENTS = """FOREIGN_MINISTER [~GOVFRM]
MINISTER [~GOV]
MSF {} [NGO~]
DIPLOMAT [~GOV]
SECURITY_OFFICIALS [~GOV]
ISLAMIST [~MUS]
MEDIA {} [~MED]
AUTHORITY [~GOV]
"""


def test_agent_codes_are_kept_whole_and_prefix_agents_marked():
    entries = {p: h for p, h in parse_petrarch(PETR_AGENTS)}
    fm = entries["foreign minister"]
    assert (fm.code, fm.sector, fm.sector_kind) == ("GOVFRM", "GOV", "title")
    assert (entries["msf"].code, entries["msf"].sector_kind) == ("NGO", "prefix")
    assert "msfs" not in entries  # {}: no plural
    assert "authorities" in entries  # -Y -> -IES


def test_compose_and_split_codes():
    assert compose_code("ARN", [("GOVFRM", False)]) == "ARNGOVFRM"
    assert compose_code("ARN", [("NGO", True), ("GOV", False)]) == "NGOARNGOV"
    assert compose_code("USAGOV", [("GOV", False)]) == "USAGOV"  # not repeated
    assert compose_code("DNK", [("MUS", False), ("MED", False)]) == "DNKMUSMED"
    assert compose_code("FRO/BIL", [("GOV", False)]) == "FROGOV/BILGOV"
    shire = dict(parse_petrarch(PETR_ACTORS))["the shire*"]
    assert shire.code == "FRO/BIL/SAM"
    parts = split_codes(Actor(text="the Shire", code="FRO/BIL/SAM", country="FRO", actor_id="x"))
    assert [(a.code, a.country) for a in parts] == [("FRO", "FRO"), ("BIL", "BIL"), ("SAM", "SAM")]
    assert len({a.actor_id for a in parts}) == 3


@pytest.fixture(scope="module")
def petr_coder(tmp_path_factory):
    from steppe.config import Settings
    from steppe.pipeline import Coder

    d = tmp_path_factory.mktemp("petr")
    (d / "actors.txt").write_text(PETR_ACTORS, encoding="utf-8")
    (d / "agents.txt").write_text(PETR_AGENTS, encoding="utf-8")
    return Coder(Settings(places=False, dicts=(str(d / "actors.txt"), str(d / "agents.txt"))))


@pytest.mark.model
@pytest.mark.parametrize("text, expected", [
    # the agent's whole code follows the country, as PETRARCH writes it
    ("Arnor's foreign minister condemned Gondor.", [("ARNGOVFRM", "GON")]),
    # a [NGO~] agent comes before the country; every agent of the phrase is added
    ("MSF Arnor condemned Gondor.", [("NGOARN", "GON")]),
    ("An MSF Arnor diplomat condemned Gondor.", [("NGOARNGOV", "GON")]),
    ("White House security officials condemned Gondor.", [("USAGOV", "GON")]),
    ("The Danish Islamist media condemned Gondor.", [("DNKMUSMED", "GON")]),
    # the first dictionary actor of the phrase (Calimehtar is Calenardhon's)
    ("Ithilen's minister Calimehtar condemned Gondor.", [("ITHGOV", "GON")]),
    # a user stem (KUWAIT) wins over the built-in exact name (KWT)
    ("Kuwait condemned Gondor.", [("KUW", "GON")]),
    # [FRO/BIL/SAM]: one actor per code, events for each source x target
    ("The Shire condemned Lorien.", [("FRO", "ELR"), ("FRO", "GAL"), ("BIL", "ELR"), ("BIL", "GAL"),
                                     ("SAM", "ELR"), ("SAM", "GAL")]),
    # conjoined subjects and objects
    ("Gondor and Arnor condemned Mordor and Osgiliath.", [("GON", "MOR"), ("GON", "OSG"), ("ARN", "MOR"), ("ARN", "OSG")]),
    # a list the parser reads as an apposition with conjuncts
    ("Mordor, the Shire, Fornost and Gondor condemned Ithilen.",
     [("MOR", "ITH"), ("FRO", "ITH"), ("BIL", "ITH"), ("SAM", "ITH"), ("FOR", "ITH"), ("GON", "ITH")]),
    # coordinated dictionary actors inside a phrase
    ("Arnor condemned a resumption of ties between Gondor and Osgiliath.", [("ARN", "GON"), ("ARN", "OSG")]),
])
def test_petrarch_actor_conventions(petr_coder, text, expected):
    from tests.conftest import code_text, triples

    assert [(s, t) for _, s, t in triples(code_text(petr_coder, text))] == expected


def test_malformed_lines_of_a_dictionary_file_are_left_out_and_logged(tmp_path, caplog):
    p = tmp_path / "big.txt"
    p.write_text("ARNOR_ [ARN]\nGONDOR_ [GON 9008223-911221]\nROHAN_ [ROH]\n", encoding="utf-8")
    with caplog.at_level("WARNING", logger="steppe.dictionaries"):
        entries = load_user_dictionaries([str(p)])
    assert [(ph, h.code) for ph, h in entries] == [("arnor", "ARN"), ("rohan", "ROH")]
    assert f"{p} line 2" in caplog.text
