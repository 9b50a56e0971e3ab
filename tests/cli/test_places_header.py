"""`steppe places` without --jsonl: a tab-separated listing with a header line (issue 16)."""
import io

import pytest

from steppe.cli import main

pytestmark = pytest.mark.model


def test_places_tsv_has_a_header(tmp_path):
    art = tmp_path / "a.txt"
    art.write_text("Kazakh police detained 40 Uzbek citizens near Shymkent.", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert main(["places", str(art)], out=out, err=err) == 0, err.getvalue()
    lines = out.getvalue().splitlines()
    assert lines[0].split("\t") == ["article_id", "span", "text", "name", "country", "feature", "lat,lon",
                                    "geonameid"]
    assert [line.split("\t")[:3] for line in lines[1:]] == [["a", "46-54", "Shymkent"]]


def test_demonyms_with_the_flag_or_the_setting_as_for_steppe_code(tmp_path, monkeypatch):
    art = tmp_path / "a.txt"
    art.write_text("Kazakh police detained 40 Uzbek citizens near Shymkent.", encoding="utf-8")

    def texts(*extra):
        out, err = io.StringIO(), io.StringIO()
        assert main(["places", str(art), *extra], out=out, err=err) == 0, err.getvalue()
        return [line.split("\t")[2] for line in out.getvalue().splitlines()[1:]]

    assert texts() == ["Shymkent"]
    assert texts("--include-demonyms") == ["Kazakh", "Uzbek", "Shymkent"]
    monkeypatch.setenv("STEPPE_PLACE_DEMONYMS", "1")  # the setting steppe code reads too
    assert texts() == ["Kazakh", "Uzbek", "Shymkent"]
