"""GDELT 2.0, ICEWS and PLOVER exports: write, read back, check exact values."""

import pytest

from steppe import __version__
from steppe.cli import main
from steppe.records import Place
from steppe.store import export
from steppe.store import dedup
from steppe.store.formats import (GDELT_COLUMNS, ICEWS_COLUMNS, gdelt_event_id, icews_event_id, read_gdelt,
                                  read_icews, read_plover)
from tests.factories import ALMATY, event, result

KAZAKHSTAN = Place("Kazakhstan", "Kazakhstan", "KAZ", None, 48.0, 68.0, "country", 1522867)
STORY = "Kazakh police detained 20 Tajik citizens in Almaty on September 23.\nThe UN urged restraint."


def _fill(store):
    store.write([
        result("a1", STORY, [
            event("m1", "a1", evidence=STORY.split("\n")[0], place=ALMATY),
            event("u1", "a1", code="020", src="IGOUNO", tgt="KAZGOV", date="2001-09", precision="month",
                  sentence_index=1, evidence="The UN urged restraint.", start=68, quad=1, goldstein=3.0,
                  plover=None, mode=None, trigger="urged"),
        ], date="2001-09-24", source="Interfax", url="https://interfax.example/kz/1", title="Detentions"),
        result("a2", STORY, [
            event("m2", "a2", evidence=STORY.split("\n")[0], place=ALMATY),
            event("c1", "a2", code="0311", src="RUSGOV", tgt="KAZGOV", date="2001-10-01", sentence_index=1,
                  evidence="The UN urged restraint.", start=68, quad=1, goldstein=5.2, plover="AGREE",
                  mode=None, place=KAZAKHSTAN, trigger="ready"),
        ], date="2001-09-25", source="Reuters"),
    ])


def _coded_at(store, article_id):
    return store.query("SELECT coded_at FROM articles WHERE article_id = ?", [article_id])[0]["coded_at"]


def test_gdelt_round_trip(store, tmp_path):
    _fill(store)
    out = tmp_path / "events.gdelt.tsv"
    assert export(store, "gdelt", str(out)) == 3  # m1 and m2 are one event
    text = out.read_text(encoding="utf-8")
    assert all(line.count("\t") == 60 for line in text.splitlines())
    rows = read_gdelt(text.splitlines(keepends=True))
    assert len(rows) == 3 and list(rows[0]) == GDELT_COLUMNS
    by_code = {r["EventCode"]: r for r in rows}
    g = dedup.query_dedup(store, code="173")[0]
    r = by_code["173"]
    expected = {c: "" for c in GDELT_COLUMNS}
    expected.update({
        "GLOBALEVENTID": str(gdelt_event_id(g["dedup_id"])), "SQLDATE": "20010923", "MonthYear": "200109",
        "Year": "2001", "FractionDate": "2001.7205",
        "Actor1Code": "KAZGOV", "Actor1Name": "KAZAKHSTAN", "Actor1CountryCode": "KAZ", "Actor1Type1Code": "GOV",
        "Actor2Code": "TJKCVL", "Actor2Name": "TAJIKISTAN", "Actor2CountryCode": "TJK", "Actor2Type1Code": "CVL",
        "IsRootEvent": "1", "EventCode": "173", "EventBaseCode": "173", "EventRootCode": "17", "QuadClass": "4",
        "GoldsteinScale": "-5", "NumMentions": "2", "NumSources": "2", "NumArticles": "2",
        "ActionGeo_Type": "4", "ActionGeo_FullName": "Almaty, Kazakhstan", "ActionGeo_CountryCode": "KZ",
        "ActionGeo_Lat": "43.25249", "ActionGeo_Long": "76.9115",
        "DATEADDED": _coded_at(store, "a1").strftime("%Y%m%d%H%M%S"),
        "SOURCEURL": "https://interfax.example/kz/1",
    })
    assert r == expected
    igo = by_code["020"]  # a month-precision date: its first day (issue 16: SQLDATE filled); IGO actors
    assert (igo["SQLDATE"], igo["MonthYear"], igo["Year"], igo["FractionDate"]) == \
        ("20010901", "200109", "2001", "2001.6603")
    assert (igo["Actor1Code"], igo["Actor1Name"], igo["Actor1KnownGroupCode"], igo["Actor1Type1Code"],
            igo["Actor1CountryCode"]) == ("IGOUNO", "UNITED NATIONS", "UNO", "IGO", "")
    assert igo["IsRootEvent"] == "0" and igo["GoldsteinScale"] == "3"
    country = by_code["0311"]  # country-level places: GDELT puts the FIPS code in ADM1Code and FeatureID
    assert (country["EventBaseCode"], country["ActionGeo_Type"], country["ActionGeo_FullName"],
            country["ActionGeo_CountryCode"], country["ActionGeo_ADM1Code"], country["ActionGeo_FeatureID"]) == \
        ("031", "1", "Kazakhstan", "KZ", "KZ", "KZ")
    assert country["SOURCEURL"] == "" and country["GoldsteinScale"] == "5.2"


@pytest.mark.parametrize("date,expected", [
    ("2015-02-18", ("20150218", "201502", "2015", "2015.1315")),  # as in GDELT's files
    ("2001-12-31", ("20011231", "200112", "2001", "2001.9890")),
    ("2001", ("20010101", "", "2001", "2001.0027")),  # a year: no month (issue 16)
    ("--03-03", ("", "", "", "")),  # the year unknown
    (None, ("", "", "", "")),
])
def test_gdelt_dates_as_far_as_the_precision_allows(store, tmp_path, date, expected):
    store.write([result("a1", events=[event("e1", date=date, precision="year" if date == "2001" else "day")])])
    export(store, "gdelt", str(tmp_path / "g.tsv"))
    r = read_gdelt((tmp_path / "g.tsv").read_text().splitlines())[0]
    assert (r["SQLDATE"], r["MonthYear"], r["Year"], r["FractionDate"]) == expected


def test_icews_round_trip(store, tmp_path):
    _fill(store)
    out = tmp_path / "events.icews.tsv"
    assert export(store, "icews", str(out)) == 4  # one row per mention
    rows = read_icews(out.read_text(encoding="utf-8").splitlines())
    assert [list(r) for r in rows] == [ICEWS_COLUMNS] * 4
    assert all(r["Event ID"].isdigit() for r in rows)  # ICEWS's Event ID is an integer (issue 16)
    by_id = {int(r["Event ID"]): r for r in rows}
    by_id = {eid: by_id[icews_event_id(eid)] for eid in ("m1", "m2", "u1", "c1")}
    assert by_id["m1"] == {
        "Event ID": str(icews_event_id("m1")), "Event Date": "2001-09-23", "Source Name": "Government (Kazakhstan)",
        "Source Sectors": "Government", "Source Country": "Kazakhstan",
        "Event Text": "Arrest, detain, or charge with legal action", "CAMEO Code": "173", "Intensity": "-5",
        "Target Name": "Civilians (Tajikistan)", "Target Sectors": "Civilians", "Target Country": "Tajikistan",
        "Story ID": "a1", "Sentence Number": "1", "Publisher": "Interfax", "City": "Almaty", "District": "",
        "Province": "Almaty", "Country": "Kazakhstan", "Latitude": "43.25249", "Longitude": "76.9115",
    }
    u = by_id["u1"]
    assert (u["Source Name"], u["Source Sectors"], u["Source Country"], u["Event Date"], u["Sentence Number"]) == \
        ("United Nations", "International Organizations", "", "2001-09-01", "2")  # the month's first day
    assert (u["City"], u["Country"], u["Latitude"]) == ("", "", "")
    c = by_id["c1"]
    assert (c["City"], c["Province"], c["Country"], c["Publisher"], c["Intensity"]) == \
        ("", "", "Kazakhstan", "Reuters", "5.2")


def test_plover_round_trip(store, tmp_path):
    _fill(store)
    out = tmp_path / "events.plover.jsonl"
    assert export(store, "plover", str(out)) == 3  # CAMEO 020 has no PLOVER type and is not written
    recs = {r["id"]: r for r in read_plover(out.read_text(encoding="utf-8").splitlines())}
    assert set(recs) == {"m1", "m2", "c1"}
    coded = _coded_at(store, "a1")
    assert recs["m1"] == {
        "id": "m1", "date": "2001-09-23", "date_precision": "day",
        "source": [{"code": "KAZ", "sector": "GOV", "actor_text": "Kazakh police", "identifier_id": "a-kazgov",
                    "identifier_text": None, "cameo_code": "KAZGOV"}],
        "recipient": [{"code": "TJK", "sector": "CVL", "actor_text": "Tajik citizens", "identifier_id": "a-tjkcvl",
                       "identifier_text": None, "cameo_code": "TJKCVL"}],
        "event": ["COERCE"], "mode": "arrest", "context": [],
        "event_loc": {"geonameid": 1526384, "name": "Almaty", "latitude": 43.25249, "longitude": 76.9115,
                      "country code": "KZ", "cc3": "KAZ", "admin1_name": "Almaty", "feature": "city",
                      "place_text": "Almaty"},
        "event_text": ["detained"], "quad_code": 4, "event_scale": -5.0,
        "link": recs["m2"]["link"],
        "text": "Kazakh police detained 20 Tajik citizens in Almaty on September 23.",
        "text_info": {"sequence": 0, "start": 0, "end": 67},
        "cite_info": {"citation": "a1", "url": "https://interfax.example/kz/1", "title": "Detentions",
                      "publication": "Interfax", "language": "en",
                      "codebook": "CAMEO 1.1b3 with the CAMEO2PLOVER-2021 mapping"},
        "coder": f"steppe {__version__}",
        "coded_date": coded.strftime("%Y-%m-%d"), "coded_time": coded.strftime("%H:%M:%S"),
        "cameo": "173", "confidence": 0.75, "fatal": None,
    }
    assert recs["m1"]["link"] == dedup.dedup_id_of(store, "m1") != recs["c1"]["link"]
    assert recs["c1"]["quad_code"] == 1 and recs["c1"]["mode"] is None
    assert STORY[68:68 + len(recs["c1"]["text"])] == recs["c1"]["text"]


def test_icews_event_id_of_steppe_ids_is_their_hex_prefix():
    assert icews_event_id("0123456789abcdef0123") == int("0123456789abcde", 16)
    assert icews_event_id("m1") == int("ae7be26cdaa742c", 16)  # md5("m1"): not a hex id


def test_empty_store_exports_are_empty(store, tmp_path):
    for fmt, expect in (("gdelt", ""), ("icews", "\t".join(ICEWS_COLUMNS) + "\n"), ("plover", "")):
        out = tmp_path / f"e.{fmt}"
        assert export(store, fmt, str(out)) == 0
        assert out.read_text() == expect


def test_tabs_and_newlines_in_values_do_not_break_rows(store, tmp_path):
    from tests.factories import actor
    import dataclasses

    e = event("t1", "a1")
    e = dataclasses.replace(e, source=dataclasses.replace(actor("KAZGOV"), name="Kazakh\tpolice\nforce"))
    store.write([result("a1", events=[e], source="A\tB")])
    export(store, "icews", str(tmp_path / "i.tsv"))
    export(store, "gdelt", str(tmp_path / "g.tsv"))
    assert read_icews((tmp_path / "i.tsv").read_text().splitlines())[0]["Publisher"] == "A B"
    assert read_gdelt((tmp_path / "g.tsv").read_text().splitlines())[0]["Actor1Name"] == "KAZAKH POLICE FORCE"


@pytest.mark.parametrize("fmt", ["gdelt", "icews", "plover"])
def test_cli_export_formats(tmp_path, fmt):
    from steppe.store import Store

    db = str(tmp_path / "s.duckdb")
    with Store(db) as s:
        _fill(s)
    import io

    err = io.StringIO()
    assert main(["export", "--db", db, "--format", fmt, str(tmp_path / "out")], out=io.StringIO(), err=err) == 0
    assert err.getvalue().endswith(f" events -> {tmp_path / 'out'}\n")
