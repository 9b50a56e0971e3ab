"""Object classes by WordNet's usual sense (classes_wordnet.tsv, tools/wordnet_senses.py): the file
loads, is what the tool writes, and its classes decide verb senses."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from tests.conftest import REPO, code_text, triples

WORDNET = Path("/usr/share/wordnet")


def _tool():
    spec = importlib.util.spec_from_file_location("wordnet_senses", REPO / "tools" / "wordnet_senses.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_each_noun_is_in_one_class_by_its_usual_sense():
    from steppe.coding.lexicon import load_coding_lexicon

    tool = _tool()
    every = load_coding_lexicon().classes
    assert {k for k in every if k.startswith("wn_")} == set(tool.LEXFILES) | set(tool.FIELDS)
    classes = {k: every[k] for k in tool.LEXFILES}
    names = sorted(classes)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            assert not classes[a] & classes[b], (a, b)
    # the usual sense, not every sense: "fire" is not an artifact, a language is not a kind of message
    assert "painting" in classes["wn_artifact"] and "airport" in classes["wn_structure"]
    assert "prisoner" in classes["wn_person"] and "communique" in classes["wn_communication"]
    assert not any("fire" in c or "ukrainian" in c for c in classes.values())
    # a field: any of the three usual senses ("tank" is first a storage tank)
    assert {"tank", "howitzer", "rifle"} <= every["wn_weapon"] and "tank" in classes["wn_artifact"]
    # a hand class may take a WordNet class whole (classes.tsv "@wn_weapon")
    assert every["wn_weapon"] <= every["military_aid"] and every["wn_food"] <= every["aid"]


@pytest.mark.skipif(not (WORDNET / "index.noun").is_file(), reason="Debian wordnet-base is not installed")
def test_the_committed_file_is_what_the_tool_writes(tmp_path):
    out = tmp_path / "classes_wordnet.tsv"
    assert _tool().main(["--wordnet", str(WORDNET), "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == (REPO / "steppe" / "data" / "coding" / "classes_wordnet.tsv").read_text(
        encoding="utf-8")


@pytest.mark.model
def test_the_kind_of_object_decides_the_sense(coder):
    assert triples(code_text(coder, "Kosovo returned the stolen paintings to Serbia.")) == [("0842", "XKX", "SRB")]
    assert [c for c, _, _ in triples(code_text(coder, "Russian forces captured the airport in Kherson."))] == ["192"]
    assert [c for c, _, _ in triples(code_text(coder, "Russian forces captured two Ukrainian tanks."))] == ["171"]
    assert [c for c, _, _ in triples(code_text(coder, "Russian forces captured two Ukrainian soldiers."))] == ["173"]
    assert [c for c, _, _ in triples(code_text(coder, "The Kenyan ministry released a communique."))] == ["010"]
    # defending one's own act defends it verbally (CAMEO 052), aimed at no one named
    assert triples(code_text(coder, "China defended its expansion of the reefs.")) == [("052", "CHN", None)]
    assert triples(code_text(coder, "Serbian forces committed atrocities in Kosovo.")) == []


@pytest.mark.model
def test_material_sent_to_someone_is_aid_and_weapons_military_aid(coder):
    assert triples(code_text(coder, "Japan shipped rice and blankets to Haiti.")) == [("070", "JPN", "HTI")]
    assert triples(code_text(coder, "Germany sent howitzers to Ukraine.")) == [("072", "DEU", "UKR")]
    assert triples(code_text(coder, "Qatar delivered generators and fuel to Lebanon.")) == [("070", "QAT", "LBN")]
    # a letter or a bill is not material: no aid
    assert triples(code_text(coder, "Russia sent a letter to Ukraine.")) == []
    # approving aid decides it (guidelines: decisions count as the act); "package" carries its compound
    assert triples(code_text(coder, "Japan approved an aid package for Haiti.")) == [("070", "JPN", "HTI")]
    assert triples(code_text(coder, "Japan announced new funding for Haiti.")) == [("070", "JPN", "HTI")]
    # funding with no recipient is money someone has, not an act
    assert triples(code_text(coder, "Groups in Georgia receive their funding from France.")) == []


@pytest.mark.model
def test_a_recipient_named_as_object_and_borders_opened_to_people(coder):
    # "provided X with ...": the object is the recipient
    assert triples(code_text(coder, "Russia supplied Iran with fuel.")) == [("070", "RUS", "IRN")]
    assert triples(code_text(coder, "The United States provided Egypt with rifles.")) == [("072", "USA", "EGY")]
    # a border opened to people grants them entry (075); to trade it does not
    assert [(c, s) for c, s, _ in triples(code_text(coder, "Croatia has opened its borders to refugees from Serbia."))] \
        == [("075", "HRV")]
    assert triples(code_text(coder, "China opened its borders to trade with Russia.")) == []
    # a habit over decades is no one act (guidelines: undated background is not coded)
    assert triples(code_text(coder, "Since 1978, the United States has provided Egypt with military assistance.")) == []
    assert [c for c, _, _ in triples(code_text(coder, "Police have arrested 30 people in Kenya since Monday."))] == ["173"]


@pytest.mark.model
def test_tents_and_resources_are_goods_and_joined_forces_cooperate(coder):
    assert triples(code_text(coder, "Turkey sent tents to Syria.")) == [("070", "TUR", "SYR")]
    assert triples(code_text(coder, "Japan sent more resources to Haiti.")) == [("070", "JPN", "HTI")]
    # a bill is a text, not goods
    assert triples(code_text(coder, "Kenya sent a bill to Uganda.")) == []
    # "joined forces with": cooperation with Germany, France's forces being the means
    assert triples(code_text(coder, "France joined forces with Germany.")) == [("060", "FRA", "DEU")]


@pytest.mark.model
def test_spurned_and_turned_down_are_rejections_of_acts_not_of_things(coder):
    assert [c for c, _, _ in triples(code_text(coder, "Iran spurned the offer of talks with Iraq."))] == ["125"]
    assert triples(code_text(coder, "Kenya turned down the proposal from Uganda.")) == [("120", "KEN", "UGA")]
    assert triples(code_text(coder, "Kenya turned down the volume.")) == []


@pytest.mark.skipif(not (WORDNET / "index.verb").is_file(), reason="Debian wordnet-base is not installed")
def test_the_committed_expansions_are_what_the_tool_writes_from_the_hand_files(tmp_path):
    # (a hand row added to verbs.tsv or nouns.tsv changes the expansion: run tools/wordnet_expand.py)
    spec = importlib.util.spec_from_file_location("wordnet_expand", REPO / "tools" / "wordnet_expand.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert mod.main(["--wordnet", str(WORDNET), "--out-dir", str(tmp_path)]) == 0
    for name in ("verbs_wordnet.tsv", "nouns_wordnet.tsv"):
        assert (tmp_path / name).read_text(encoding="utf-8") == (
            REPO / "steppe" / "data" / "coding" / name).read_text(encoding="utf-8"), name
