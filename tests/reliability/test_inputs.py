"""Bad input through `steppe code` (in-process, real files in tmp_path, places off): every input
is coded or skipped with a reason that names the file (and line, for JSONL), the reason is printed
and stored in the `skipped` table; exit 0 unless --strict (2) or a usage error (2)."""
import io
import json
import sys

import pytest

from tests.reliability.conftest import STORY, code, rows

pytestmark = pytest.mark.model

GERMAN = ("Die kasachische Polizei hat am Montag vierzig usbekische Staatsbürger in der Nähe von "
          "Schymkent festgenommen, teilte das Innenministerium mit. Die Männer sollen keine gültigen "
          "Papiere gehabt haben.")


def skipped(db):
    return {(r["origin"], r["reason"]) for r in rows(db, "SELECT origin, reason FROM skipped")}


def articles(db):
    return {r["article_id"]: r for r in rows(db, "SELECT article_id, text, flags FROM articles")}


def events_of(db, article_id):
    return rows(db, "SELECT cameo, source_code, target_code FROM events WHERE article_id = ?", [article_id])


def test_empty_and_whitespace_files_are_skipped_named_printed_and_stored(tmp_path):
    empty, blank = tmp_path / "empty.txt", tmp_path / "blank.txt"
    empty.write_bytes(b"")
    blank.write_text(" \n\t\r\n  \n", encoding="utf-8")
    db = tmp_path / "s.duckdb"
    rc, _, err = code(db, empty, blank)
    assert rc == 0, err
    assert f"skipped: {empty}: empty text" in err and f"skipped: {blank}: empty text" in err
    assert skipped(db) == {(str(empty), "empty text"), (str(blank), "empty text")}
    assert articles(db) == {}


def test_binary_file_is_skipped(tmp_path):
    blob = tmp_path / "photo.txt"
    blob.write_bytes(bytes(range(256)) * 40)
    db = tmp_path / "s.duckdb"
    rc, _, err = code(db, blob)
    assert rc == 0 and f"skipped: {blob}: binary file (NUL bytes), not text" in err
    assert skipped(db) == {(str(blob), "binary file (NUL bytes), not text")}


def test_invalid_utf8_is_replaced_flagged_and_still_coded(tmp_path):
    # UTF-8 text with a stray byte and a character cut in half: not latin-1 (the curly quote
    # is valid UTF-8), so not decoded as latin-1 mojibake
    damaged = tmp_path / "damaged.txt"
    damaged.write_bytes((STORY + " The ministry’s spokesman ").encode("utf-8") + b"\xff said."
                        + "’".encode("utf-8")[:2])
    # bytes that are neither UTF-8 nor latin-1/cp1252 text (0x81, 0x8D are undefined in cp1252)
    garbage = tmp_path / "garbage.txt"
    garbage.write_bytes(STORY.encode("ascii") + b" \x81\x8d\x8f\x90\x9d")
    db = tmp_path / "s.duckdb"
    rc, _, err = code(db, damaged, garbage)
    assert rc == 0, err
    got = articles(db)
    assert got["damaged"]["flags"] == ["invalid-utf8"] and got["garbage"]["flags"] == ["invalid-utf8"]
    assert got["damaged"]["text"] == STORY + " The ministry’s spokesman \ufffd said.\ufffd"
    assert got["garbage"]["text"].startswith(STORY) and "\ufffd" in got["garbage"]["text"]
    assert f"note: {damaged}: invalid-utf8" in err and f"note: {garbage}: invalid-utf8" in err
    assert events_of(db, "damaged") == [{"cameo": "173", "source_code": "KAZCOP", "target_code": "UZBCVL"}]
    assert events_of(db, "garbage") == [{"cameo": "173", "source_code": "KAZCOP", "target_code": "UZBCVL"}]


def test_utf16_with_bom_latin1_and_cp1252_are_decoded_and_coded(tmp_path):
    u16le, u16be = tmp_path / "u16le.txt", tmp_path / "u16be.txt"
    u16le.write_bytes(b"\xff\xfe" + STORY.encode("utf-16-le"))
    u16be.write_bytes(b"\xfe\xff" + STORY.encode("utf-16-be"))
    latin = tmp_path / "latin.txt"
    latin.write_bytes((STORY + " The café owner said so.").encode("latin-1"))
    win = tmp_path / "win.txt"
    win.write_bytes((STORY + " “We will not leave,” one man said – the café stayed shut.").encode("cp1252"))
    bom8 = tmp_path / "bom8.txt"
    bom8.write_bytes(b"\xef\xbb\xbf" + STORY.encode("utf-8"))
    db = tmp_path / "s.duckdb"
    rc, _, err = code(db, u16le, u16be, latin, win, bom8)
    assert rc == 0, err
    got = articles(db)
    assert (got["u16le"]["text"], got["u16le"]["flags"]) == (STORY, ["utf-16"])
    assert (got["u16be"]["text"], got["u16be"]["flags"]) == (STORY, ["utf-16"])
    assert (got["latin"]["text"], got["latin"]["flags"]) == (STORY + " The café owner said so.", ["latin-1"])
    assert got["win"]["text"].endswith("“We will not leave,” one man said – the café stayed shut.")
    assert got["win"]["flags"] == ["cp1252"]
    assert (got["bom8"]["text"], got["bom8"]["flags"]) == (STORY, [])
    for name in got:
        assert events_of(db, name) == [{"cameo": "173", "source_code": "KAZCOP", "target_code": "UZBCVL"}], name


def test_20mb_single_line_article_is_truncated_and_reported_by_file_name(tmp_path):
    big = tmp_path / "huge.txt"
    line = (STORY + " The men were taken to a police station in the city, and officials said that they "
            "would be sent back to their country. ").encode("utf-8")
    with open(big, "wb") as fh:
        for _ in range(20 * 1024 * 1024 // len(line) + 1):
            fh.write(line)
    assert big.stat().st_size >= 20 * 1024 * 1024 and b"\n" not in big.read_bytes()[:1_000_000]
    big_jsonl = tmp_path / "huge.jsonl"
    big_jsonl.write_text(json.dumps({"id": "huge-line", "text": big.read_text(encoding="utf-8")}) + "\n"
                         + json.dumps({"id": "small", "text": STORY}) + "\n", encoding="utf-8")
    db = tmp_path / "s.duckdb"
    rc, _, err = code(db, big, big_jsonl, extra=("--max-chars", "20000"))
    assert rc == 0, err
    assert f"note: {big}: truncated-to-20000-chars" in err
    assert f"note: {big_jsonl} line 1: truncated-to-20000-chars" in err
    got = articles(db)
    assert len(got["huge"]["text"]) == 20000 and got["huge"]["flags"] == ["truncated-to-20000-chars"]
    assert len(got["huge-line"]["text"]) == 20000 and got["small"]["flags"] == []
    # the story told again and again is coded whole: each act one event, told in every sentence
    told = [r["n"] for r in rows(db, "SELECT json_array_length(mentions) AS n FROM events WHERE article_id = ?", ["huge"])]
    assert told and max(told) > 50


def test_html_script_and_style_are_not_article_text(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Border</title><style>p { color: red } .x:before { content: 'detained' }</style>"
        "<script>var msg = 'Russian troops attacked Georgia'; document.write(msg);</script></head>"
        f"<body><nav>Home | World</nav><p>{STORY}</p><script type='module'>alert('Iran bombed Iraq')</script>"
        "<noscript>Enable JavaScript</noscript></body></html>", encoding="utf-8")
    db = tmp_path / "s.duckdb"
    rc, _, err = code(db, page)
    assert rc == 0, err
    assert articles(db)["page"]["text"] == STORY
    assert events_of(db, "page") == [{"cameo": "173", "source_code": "KAZCOP", "target_code": "UZBCVL"}]


def test_non_english_is_skipped_with_the_reason_unless_lang_en(tmp_path):
    de = tmp_path / "de.txt"
    de.write_text(GERMAN, encoding="utf-8")
    db = tmp_path / "s.duckdb"
    rc, _, err = code(db, de)
    assert rc == 0
    [(origin, reason)] = skipped(db)
    assert origin == str(de) and reason.startswith("not English") and "--lang en" in reason
    assert f"skipped: {de}: not English" in err and articles(db) == {}
    rc, _, err = code(db, de, extra=("--lang", "en"))
    assert rc == 0 and set(articles(db)) == {"de"}


def test_malformed_jsonl_lines_name_file_and_line_and_the_rest_is_coded(tmp_path):
    p = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": "a", "text": STORY}),
        "{broken",
        "",
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "no-text"}),
        json.dumps({"id": "num", "text": 42}),
        "[" * 100_000,
        '{"id": "big", "text": "x", "n": ' + "1" * 5000 + "}",
        json.dumps({"id": "b", "text": STORY.replace("40", "41")}),
        json.dumps({"id": "blank", "text": "   "}),
    ]
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = tmp_path / "s.duckdb"
    rc, _, err = code(db, p)
    assert rc == 0, err
    got = skipped(db)
    by_line = {origin.rsplit(" line ", 1)[1]: reason for origin, reason in got}
    assert set(by_line) == {"2", "4", "5", "6", "7", "8", "10"}
    assert by_line["2"].startswith("malformed JSON") and by_line["7"].startswith("malformed JSON")
    assert by_line["8"].startswith("malformed JSON") and by_line["10"] == "empty text"
    assert by_line["4"] == "not a JSON object" and by_line["5"] == by_line["6"] == "missing or non-string 'text' field"
    for n in by_line:
        assert f"skipped: {p} line {n}: " in err
    assert set(articles(db)) == {"a", "b"}


def test_jsonl_encodings_bom_lone_surrogates_and_bad_bytes(tmp_path):
    p = tmp_path / "enc.jsonl"
    p.write_bytes(b"\xef\xbb\xbf" + json.dumps({"id": "first", "text": STORY}).encode() + b"\n"
                  + b'{"id": "sur\\ud800", "text": "' + STORY.encode() + b' \\udfff"}\n'
                  + b'{"id": "bytes", "text": "' + STORY.encode() + b' \xff\xfe"}\n')
    u16 = tmp_path / "u16.jsonl"
    u16.write_bytes(b"\xff\xfe" + (json.dumps({"id": "wide", "text": STORY}) + "\n").encode("utf-16-le"))
    db = tmp_path / "s.duckdb"
    rc, _, err = code(db, p, u16)
    assert rc == 0, err
    got = articles(db)
    assert set(got) == {"first", "sur\ufffd", "bytes", "wide"}
    assert got["first"]["flags"] == [] and got["wide"]["flags"] == ["utf-16"]
    assert got["sur\ufffd"]["flags"] == ["invalid-utf8"] and got["sur\ufffd"]["text"] == STORY + " \ufffd"
    assert got["bytes"]["flags"] == ["invalid-utf8"] and got["bytes"]["text"] == STORY + " \ufffd\ufffd"
    assert all(events_of(db, a) for a in got)


def test_duplicate_ids_with_different_text_keep_the_first_and_name_both(tmp_path):
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    one.write_text(json.dumps({"id": "x", "text": STORY}) + "\n", encoding="utf-8")
    two.write_text(json.dumps({"id": "x", "text": STORY.replace("40", "50")}) + "\n"
                   + json.dumps({"id": "x", "text": STORY}) + "\n", encoding="utf-8")
    db = tmp_path / "s.duckdb"
    rc, _, err = code(db, one, two)
    assert rc == 0
    assert skipped(db) == {
        (f"{two} line 1", f"duplicate id 'x' (different text; first seen in {one} line 1)"),
        (f"{two} line 2", f"duplicate id 'x' (same text; first seen in {one} line 1)"),
    }
    assert articles(db)["x"]["text"] == STORY and len(events_of(db, "x")) == 1


def test_missing_paths_are_refused_and_empty_folders_skipped(tmp_path):
    missing = tmp_path / "nope" / "story.txt"
    empty_dir = tmp_path / "empty"
    empty_dir.mkdir()
    (empty_dir / "notes.md").write_text("not an article", encoding="utf-8")
    db = tmp_path / "s.duckdb"
    # a PATH that does not exist (a typo) stops the command before anything is coded (issue 16)
    rc, _, err = code(db, missing, empty_dir)
    assert rc == 2 and err == f"steppe code: error: {missing}: no such file or folder\n"
    assert not db.exists()
    rc, _, err = code(db, empty_dir)
    assert rc == 0
    assert skipped(db) == {(str(empty_dir), "folder holds no .txt, .jsonl, .html, .htm files")}


def test_unreadable_file_is_skipped(tmp_path):
    import os

    locked = tmp_path / "locked.txt"
    locked.write_text(STORY, encoding="utf-8")
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("running as a user who can read any file (root)")
        db = tmp_path / "s.duckdb"
        rc, _, err = code(db, locked)
        assert rc == 0 and f"skipped: {locked}: cannot read: Permission denied" in err
    finally:
        locked.chmod(0o644)


def test_binary_and_invalid_utf8_on_stdin(tmp_path, monkeypatch):
    db = tmp_path / "s.duckdb"
    # a character cut short at the end (as when a file is cut at a byte count)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(STORY.encode() + b" " + "’".encode()[:2])))
    rc, _, err = code(db, "-")
    assert rc == 0, err
    [art] = articles(db).values()
    assert art["flags"] == ["invalid-utf8"] and art["text"] == STORY + " \ufffd"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(
        (json.dumps({"id": "s1", "text": STORY}) + "\n{oops\n").encode())))
    rc, _, err = code(db, "-")
    assert rc == 0 and "skipped: <stdin> line 2: malformed JSON" in err and "s1" in articles(db)


def test_exit_status_0_when_all_accounted_for_2_with_strict_or_usage_errors(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(STORY, encoding="utf-8")
    db = tmp_path / "s.duckdb"
    empty_dir = tmp_path / "empty"  # skipped with a reason
    empty_dir.mkdir()
    assert code(db, good, tmp_path / "missing.txt")[0] == 2  # a missing PATH is a usage error (issue 16)
    assert code(db, good, empty_dir)[0] == 0
    assert code(db, good, empty_dir, extra=("--strict",))[0] == 2
    assert code(db, good, extra=("--strict", "--force"))[0] == 0
    for bad in (("--max-chars", "0"), ("--max-chars", "-5"), ("--max-chars", "2000000"), ("--batch-size", "0"),
                ("--date", "27/09/2001"), ("--date", "2001-02-30"), ("--lang", "fr"), ("--min-confidence", "2"),
                ("--workers", "-1"), ("--jsonl", str(tmp_path)), ("--max-chars", "many")):
        rc, _, err = code(db, good, extra=bad)
        assert rc == 2, (bad, rc, err)
        assert "steppe code: error: " in err or bad[1] == "many", (bad, err)  # argparse writes to sys.stderr
    from tests.reliability.conftest import run_cli

    assert run_cli("code")[0] == 2
    assert len(articles(db)) == 1
