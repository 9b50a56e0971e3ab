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
