"""Datelines are read off the start of a wire story; an ordinary first sentence is not one."""
import pytest

from steppe.nlp.dateline import find_dateline


@pytest.mark.parametrize("text,place,date,agency", [
    ("ALMATY (Reuters) - Kazakh police detained 40 people.", "ALMATY", None, "Reuters"),
    ("ASTANA - The Kazakh government said on Monday ...", "ASTANA", None, None),
    ("TASHKENT, March 3 (AFP) - Uzbek officials said ...", "TASHKENT", "March 3", "AFP"),
    ("DUSHANBE, Tajikistan (AP) — Tajik troops ...", "DUSHANBE, Tajikistan", None, "AP"),
    ("(Bloomberg) -- President Tokayev said ...", None, None, "Bloomberg"),
    ("BISHKEK. Jan 10 (Interfax) - Over 20 persons ...", "BISHKEK", "Jan 10", "Interfax"),
    ("NUR-SULTAN (TCA) — Authorities detained ...", "NUR-SULTAN", None, "TCA"),
    ("Kazakhs protest visa rules\nASTANA (Reuters) - Hundreds of people ...", "ASTANA", None, "Reuters"),
])
def test_dateline_forms(text, place, date, agency):
    d = find_dateline(text)
    assert d is not None and (d.place, d.date, d.agency) == (place, date, agency)
    assert text[d.end - 2:d.end].strip() in ("-", "—", "--")


@pytest.mark.parametrize("text", [
    "Police in Tajikistan say security forces have closed in on a former official.",
    "Kazakh police detained 40 Uzbek citizens - a record.",
    "The EU - and Russia - protested.",
])
def test_ordinary_openings_are_not_datelines(text):
    assert find_dateline(text) is None


def test_dateline_is_never_an_actor(coder):
    from tests.conftest import code_text, triples

    r = code_text(coder, "DOHA, Qatar (AP) — The United States signed an agreement with the Taliban on Saturday.")
    assert all(e.source is None or e.source.country != "QAT" for e in r.events)
    assert any(e.source is not None and e.source.country == "USA" for e in r.events)


def test_dateline_date_with_a_year_is_the_publication_date(coder):
    from steppe.nlp.dateline import dateline_date
    from steppe.records import Article

    assert dateline_date("NEW YORK, Jan. 5, 2024 (AP) — x") == "2024-01-05"
    assert dateline_date("TASHKENT, March 3 (AFP) - x") is None  # no year: no reference
    text = "ALMATY, March 10, 2003 (Reuters) - Kazakh police detained 40 Uzbek citizens on Monday."
    r = coder.code_doc(Article(id="t", text=text), coder.nlp(text))
    assert [e.date for e in r.events] == ["2003-03-10"]


def test_a_colon_ends_a_dateline_only_after_a_bracketed_agency(coder):
    from tests.conftest import code_text

    d = find_dateline("KABUL (Pajhwok) : The United Nations condemned the attack.")
    assert (d.place, d.agency, d.end) == ("KABUL", "Pajhwok", 18)
    assert find_dateline("ISLAMABAD (APP): Pakistan said.").agency == "APP"
    assert find_dateline("WARNING: Iran said it would respond.") is None
    r = code_text(coder, "KABUL (Pajhwok) : Iran and Pakistan on Wednesday condemned Israel.")
    assert {e.source.code for e in r.events} == {"IRN", "PAK"}
