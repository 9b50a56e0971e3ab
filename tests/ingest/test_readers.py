import io
import json

from steppe.ingest.readers import ReadOptions, read_inputs
from steppe.records import Article, Skipped


def _read(paths, **kw):
    return list(read_inputs([str(p) for p in paths], ReadOptions(**kw)))


def test_txt_file_is_one_article_named_by_file(tmp_path):
    p = tmp_path / "story-1.txt"
    p.write_text("Kazakh police detained ten men.", encoding="utf-8")
    [a] = _read([p], date="2001-09-27")
    assert isinstance(a, Article)
    assert (a.id, a.text, a.date, a.origin) == ("story-1", "Kazakh police detained ten men.", "2001-09-27", str(p))


def test_jsonl_bad_line_names_file_and_line_and_others_still_read(tmp_path):
    p = tmp_path / "in.jsonl"
    p.write_text(json.dumps({"id": "a", "text": "One.", "date": "2002-05-01"}) + "\n{not json\n"
                 + json.dumps({"text": "Two."}) + "\n" + json.dumps({"id": "c"}) + "\n", encoding="utf-8")
    items = _read([p])
    assert [type(i).__name__ for i in items] == ["Article", "Skipped", "Article", "Skipped"]
    assert items[0].date == "2002-05-01"
    assert items[1].origin == f"{p} line 2" and items[1].reason.startswith("malformed JSON")
    assert len(items[2].id) == 16  # derived from the text's hash
    assert items[3].reason == "missing or non-string 'text' field"


def test_empty_binary_and_missing_inputs_are_skipped_with_reasons(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n\t ", encoding="utf-8")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02abc")
    items = _read([empty, binary, tmp_path / "nope.txt"])
    assert [(i.origin, i.reason) for i in items] == [
        (str(empty), "empty text"),
        (str(binary), "binary file (NUL bytes), not text"),
        (str(tmp_path / "nope.txt"), "no such file or folder"),
    ]


def test_encodings_latin1_utf16_and_invalid_utf8(tmp_path):
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Café in Almaty".encode("latin-1"))
    utf16 = tmp_path / "u16.txt"
    utf16.write_bytes("Astana talks".encode("utf-16"))
    [a, b] = _read([latin, utf16])
    assert (a.text, a.flags) == ("Café in Almaty", ("latin-1",))
    assert (b.text, b.flags) == ("Astana talks", ("utf-16",))


def test_long_article_truncated_and_flagged(tmp_path):
    p = tmp_path / "long.txt"
    p.write_text("word " * 100, encoding="utf-8")
    [a] = _read([p], max_chars=50)
    assert len(a.text) == 50 and a.flags == ("truncated-to-50-chars",)


def test_html_main_text_without_script_style_nav_and_date_from_meta(tmp_path):
    p = tmp_path / "page.html"
    p.write_text("""<html><head><title>T</title><meta property="article:published_time" content="2004-06-10T08:00:00Z">
    <script>var x = "tracking code here";</script><style>p {color: red}</style></head>
    <body><nav>Home | World | Asia | Europe</nav><p>Tajik border guards arrested three smugglers on Monday.</p>
    <footer>Copyright notice and links</footer></body></html>""", encoding="utf-8")
    [a] = _read([p])
    assert a.text == "Tajik border guards arrested three smugglers on Monday."
    assert (a.id, a.title, a.date, a.date_precision) == ("page", "T", "2004-06-10", "day")  # 2004-06-10T08:00:00Z


def test_folder_is_read_recursively_in_sorted_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text("Two.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("One.", encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    assert [i.id for i in _read([tmp_path])] == ["a", "two"]


def test_stdin_jsonl_and_plain_text():
    items = list(read_inputs(["-"], ReadOptions(), stdin=io.StringIO('{"id": "x", "text": "Hi there."}\n')))
    assert [(i.id, i.text) for i in items] == [("x", "Hi there.")]
    [plain] = list(read_inputs(["-"], ReadOptions(), stdin=io.StringIO("Plain text article.")))
    assert plain.text == "Plain text article." and plain.origin == "<stdin>"


def test_duplicate_ids_in_one_run_are_skipped_with_reason(tmp_path):
    from steppe.runner import dedupe_ids

    p = tmp_path / "d.jsonl"
    p.write_text('{"id": "a", "text": "One."}\n{"id": "a", "text": "Other."}\n', encoding="utf-8")
    items = list(dedupe_ids(_read([p])))
    assert isinstance(items[1], Skipped)
    assert items[1].reason == f"duplicate id 'a' (different text; first seen in {p} line 1)"
