"""User verb dictionaries in PETRARCH/TABARI format: reading, matching on the parse, coding."""
import pytest

from steppe.coding.petrarch_verbs import load_verb_dictionary, parse_verbs, regular_forms
from steppe.errors import DictionaryError

# A small hand-written dictionary in the format (codes are made up, WEIS-like, as in PETRARCH's tests)
VERBS = """<!-- test verbs -->
&TIES_
+MILITARY
+TRADE

&MONEY
+DOLLAR
+SWISS FRANC
+GOLD_COIN_

&NEGAUX  # a negative auxiliary
+DID N'T
+WILL NOT

--- DROP  [345]  ---
DROP
- * FULL_DIPLOMATIC TIES [901]   # consecutive words, then a gap
- * NEW_&TIES_RELATIONS [903]
- * EFFORT [987]

--- CLASH [223] ---
CLASH
- &NEGAUX * OVER [904]
- * OVER [121]

--- SEND [070] ---
SEND {SENT}
- * &MONEY [071]

--- BREAK [1717] ---
BREAK {BROKE BROKEN}
- + * IN $ [075]

--- DELAY [120] ---
DELAY
- % HAVE * [191]

--- LEAVE_FOR [032:033] ---
LEFT
- * FOR_GOOD [###]  # a code with hashes is not a comment

--- CLOSE [---] ---
CLOSE
- * BORDER [192]
+CORDON_OFF [1721]
WIRE_+TAP [1711]

--- WARN [160] ---
WARN
- * AT ^ + [162]
- * &UNDEFINED [999]
"""


@pytest.fixture(scope="module")
def verbs():
    return parse_verbs(VERBS, "test.verbs.txt")


def test_reading_synsets_forms_and_patterns(verbs):
    assert verbs.synsets["&TIES"] == (("military",), ("trade",))  # label ends with "_": no plurals
    assert ("swiss", "francs") in verbs.synsets["&MONEY"] and ("gold", "coin") in verbs.synsets["&MONEY"]
    assert ("gold", "coins") not in verbs.synsets["&MONEY"]  # phrase ends with "_"
    assert ("did", "n't") in verbs.synsets["&NEGAUX"]  # split as spaCy splits "didn't"
    assert [b.name for b in verbs.blocks] == ["DROP", "CLASH", "SEND", "BREAK", "DELAY", "LEAVE_FOR", "CLOSE", "WARN"]
    assert [p.code for p in verbs.blocks[0].patterns] == ["901", "903", "987"]
    assert verbs.blocks[5].code == "032" and verbs.blocks[5].paired == "033"
    assert verbs.blocks[5].patterns[0].code == "###"
    assert verbs.skipped == ["test.verbs.txt:51: undefined synonym set &UNDEFINED"]
    assert regular_forms("drop") == ["drop", "drops", "droped", "droping", "dropped", "dropping"]
    assert regular_forms("deny") == ["deny", "denies", "denied", "denying"]


def test_missing_file(tmp_path):
    with pytest.raises(DictionaryError):
        load_verb_dictionary([str(tmp_path / "none.txt")])


def test_load_is_cached_by_path_and_mtime(tmp_path):
    p = tmp_path / "v.txt"
    p.write_text(VERBS, encoding="utf-8")
    assert load_verb_dictionary([str(p)]) is load_verb_dictionary([str(p)])


def _match(nlp, verbs, text, word, is_actor=None):
    doc = nlp(text)
    tok = next(t for t in doc if t.text == word)
    return verbs.match(tok, is_actor)


@pytest.mark.model
@pytest.mark.parametrize("text, word, code", [
    ("Arnor dropped the talks with Gondor.", "dropped", "345"),  # the block's code
    ("Arnor will drop full diplomatic ties with Gondor.", "drop", "901"),
    ("Arnor will drop full formal diplomatic ties with Gondor.", "drop", "345"),  # "_": consecutive
    ("Arnor will drop new military relations with Gondor.", "drop", "903"),
    ("Arnor will drop new global military relations with Gondor.", "drop", "345"),
    ("Arnor dropped its efforts.", "dropped", "345"),  # EFFORT is not "efforts"
    ("Bree didn't clash over the border.", "clash", "904"),
    ("Bree will not ever clash over the border.", "clash", "904"),  # a gap before the verb
    ("Bree clashed over the border.", "clashed", "121"),
    ("Arnor sent a million swiss francs to Gondor.", "sent", "071"),  # irregular form, synset phrase
    ("Arnor sent a million gold coins to Gondor.", "sent", "070"),
    ("Gondor left for good.", "left", "###"),
    ("Gondor left for Arnor on Monday.", "left", "032"),
    ("Gondor closed the border.", "closed", "192"),
    ("Gondor closed the road.", "closed", "---"),  # the dictionary says: no event
    ("Soldiers cordoned off the roads.", "cordoned", "1721"),  # a multi-word verb's own code
])
def test_codes(nlp, verbs, text, word, code):
    m = _match(nlp, verbs, text, word)
    assert m is not None and m.code == code


@pytest.mark.model
def test_unknown_verbs_and_forms_do_not_match(nlp, verbs):
    assert _match(nlp, verbs, "Arnor praised Gondor.", "praised") is None
    assert _match(nlp, verbs, "Ethiopia dropes the talks.", "dropes") is None  # not a regular form


@pytest.mark.model
def test_explanation_names_file_and_line(nlp, verbs):
    m = _match(nlp, verbs, "Arnor will drop full diplomatic ties with Gondor.", "drop")
    assert m.pattern == "test.verbs.txt:17 - * FULL_DIPLOMATIC TIES [901]"
    assert m.upper is False
    m = _match(nlp, verbs, "Arnor dropped the talks.", "dropped")
    assert m.pattern.startswith("test.verbs.txt:16 DROP")


@pytest.mark.model
def test_source_and_target_markers(nlp, verbs):
    actors = {"Gollum", "Gondor"}
    m = _match(nlp, verbs, "Gollum was seen to break in an old Gondor house.", "break",
               lambda t: any(w.text in actors for w in t.subtree))
    assert m.code == "075"  # "+ * IN $": the target before the verb, the source after IN
    assert m.target_hint.text == "Gollum" and m.source_hint.text == "house"
    assert _match(nlp, verbs, "Gollum was seen to break in an old Gondor house.", "break",
                  lambda t: t.text == "Gollum").code == "1717"  # "$" must be an actor


@pytest.mark.model
def test_compound_marker_and_skip(nlp, verbs):
    m = _match(nlp, verbs, "Gondor and Osgiliath have delayed their meeting.", "delayed")
    assert m.code == "191" and m.compound_hint.text == "Gondor"
    m = _match(nlp, verbs, "Denmark warned at the Gondor of the Prince of Dol Amroth.", "warned")
    assert m.code == "162" and m.target_hint.text == "Prince"


# -- through the pipeline -----------------------------------------------------------------------
ACTORS = """ARNOR [ARN]
GOLLUM [HOB]
GONDOR [GON]
OSGILIATH [OSG]
"""


@pytest.fixture(scope="module")
def user_coder(tmp_path_factory):
    from steppe.config import Settings
    from steppe.pipeline import Coder

    d = tmp_path_factory.mktemp("dicts")
    (d / "actors.txt").write_text(ACTORS, encoding="utf-8")
    (d / "verbs.txt").write_text(VERBS, encoding="utf-8")
    return Coder(Settings(places=False, dicts=(str(d / "actors.txt"),), verbs=(str(d / "verbs.txt"),)))


def _events(coder, text):
    from tests.conftest import code_text

    return code_text(coder, text, date="1995-01-01").events


@pytest.mark.model
def test_pipeline_passes_user_codes_through(user_coder):
    ev = _events(user_coder, "Arnor broke relations with Gondor.")
    assert [(e.cameo, e.source.code, e.target.code) for e in ev] == [("1717", "ARN", "GON")]
    e = ev[0]  # not a CAMEO code: Goldstein, QuadClass, PLOVER from its CAMEO parent 171
    assert (e.cameo_root, e.quad_class, e.goldstein, e.plover_type) == ("17", 4, -9.2, "COERCE")
    assert e.explanation.startswith("verbs verbs.txt:") and e.trigger == "broke"
    ev = _events(user_coder, "Arnor dropped its talks with Gondor.")
    e = ev[0]  # 345: no CAMEO parent, no CAMEO root
    assert (e.cameo, e.cameo_root, e.quad_class, e.goldstein, e.plover_type) == ("345", "34", 0, 0.0, None)


@pytest.mark.model
def test_pipeline_paired_and_compound_codes(user_coder):
    ev = _events(user_coder, "Arnor left for Gondor on Monday.")  # [032:033]: the visit and its reception
    assert {(e.cameo, e.source.code, e.target.code) for e in ev} == {("032", "ARN", "GON"), ("033", "GON", "ARN")}
    ev = _events(user_coder, "Gondor and Osgiliath have delayed their meeting.")
    assert {(e.cameo, e.source.code, e.target.code) for e in ev if e.trigger == "delayed"} == {
        ("191", "GON", "OSG"), ("191", "OSG", "GON")}
    ev = _events(user_coder, "Gollum will break in the house of Gondor.")  # "+ * IN $"
    assert [(e.cameo, e.source.code, e.target.code) for e in ev] == [("075", "GON", "HOB")]


@pytest.mark.model
def test_pipeline_no_code_blocks_steppe_fallback(user_coder):
    assert _events(user_coder, "Gondor closed the road to Arnor.") == []  # [---]
    # verbs the dictionary does not list keep steppe's own patterns
    ev = _events(user_coder, "Arnor condemned Gondor.")
    assert [(e.cameo, e.source.code, e.target.code) for e in ev] == [("111", "ARN", "GON")]


# PETRARCH-2 dictionaries group phrases: {NOUN PHRASE}, (PREPOSITIONAL PHRASE); [:B] codes only
# the reverse direction; TABARI's disjunctive sets {A | B} are left out
VERBS2 = """--- APPEAR [---] ---
APPEAR
- * (IN COURT) [173]
- * (BEFORE {HIGH COURT}) [:173]
- * {CANDLELIGHT VIGIL} [017]
- * {ALPHA | BETA} [999]
"""


@pytest.mark.model
def test_petrarch2_groups_and_reverse_codes(nlp):
    v = parse_verbs(VERBS2, "p2.txt")
    assert v.skipped == ["p2.txt:6: disjunctive set"]
    m = _match(nlp, v, "Gollum appeared in a court in Gondor.", "appeared")
    assert (m.code, m.paired) == ("173", None)
    m = _match(nlp, v, "Gollum appeared before the high court.", "appeared")
    assert (m.code, m.paired) == ("---", "173")
    m = _match(nlp, v, "Gollum appeared at a candlelight vigil.", "appeared")
    assert m.code == "017"
