"""Killings: who killed whom when the text names only the victims, the means or the aftermath.
Hand-written sentences with exact expected codings."""
import pytest

from tests.conftest import code_text, triples

pytestmark = pytest.mark.model


def fatal_triples(result):
    return [(e.cameo, e.source.code if e.source else None, e.target.code if e.target else None, e.fatal)
            for e in result.events]


def test_headline_passive_subject_is_the_victim(coder):
    # "killed" with a subject and no object is a headline passive: the policemen did not kill
    r = code_text(coder, "Four Indian policemen also killed.")
    assert triples(r) == [("190", None, "INDCOP")]
    assert r.events[0].fatal


def test_active_killing_keeps_its_subject(coder):
    r = code_text(coder, "Indian police killed two Pakistani militants.")
    assert triples(r) == [("190", "INDCOP", "PAKREB")]


def test_relative_pronoun_subject_is_its_noun(coder):
    r = code_text(coder, "Activists protested against the Indian policemen who killed a Pakistani student.")
    assert ("175", "INDCOP", "PAKEDU") in triples(r)  # police against a student: repression (175)


def test_death_in_police_firing_names_the_police(coder):
    r = code_text(coder, "A Nepalese youth perished in police firing in Kathmandu.")
    assert fatal_triples(r) == [("175", "NPLCOP", "NPLCVL", True)]


def test_firing_that_left_people_dead(coder):
    r = code_text(coder, "Police firing in the Nepalese town left two dead.")
    assert [(c, s, f) for c, s, _, f in fatal_triples(r)] == [("190", "NPLCOP", True)]


def test_militants_killed_with_no_agent_have_no_source_by_default(coder):
    r = code_text(coder, "In Kashmir, two Pakistani militants were killed on Sunday.")
    assert triples(r) == [("190", None, "PAKREB")]


def test_militants_killed_with_no_agent_imply_security_forces(implied_coder):
    r = code_text(implied_coder, "In Kashmir, two Pakistani militants were killed on Sunday.")
    assert triples(r) == [("190", r.events[0].source.code, "PAKREB")]
    src = r.events[0].source
    assert src.sector == "COP" and src.text == "security forces (implied)"
    assert "implied" in r.events[0].explanation


def test_soldiers_killed_with_no_agent_have_no_source(coder):
    # only members of armed groups imply the security forces; victims in general do not
    r = code_text(coder, "Three Indian soldiers were killed on Sunday.")
    assert triples(r) == [("190", None, "INDMIL")]


def test_clash_is_coded_both_ways_and_fatal_from_its_sentence(coder):
    r = code_text(coder, "One person died after Nepalese students and Nepalese police clashed in Kathmandu.")
    clash = [(c, s, t, f) for c, s, t, f in fatal_triples(r) if s and t and t != "NPLCVL"]
    # each side by what it is (violence.tsv): students riot (145), police repress (175)
    assert ("145", "NPLEDU", "NPLCOP", True) in clash and ("175", "NPLCOP", "NPLEDU", True) in clash


def test_arrested_as_a_modifier_reports_an_arrest(coder):
    r = code_text(coder, "Buses were requisitioned to transport the arrested Uzbek activists.")
    assert triples(r) == [("173", "UZBCOP", "UZBCVL")]
    assert r.events[0].source.text == "police (entailed)"


def test_arrests_made_by_named_police(coder):
    r = code_text(coder, "The arrests made by Kazakh police on Thursday angered Uzbekistan.")
    assert ("173", "KAZCOP", None) in triples(r)  # no one arrested is named: no target


def test_hyphenated_sides_of_a_clash(coder):
    r = code_text(coder, "One dead in police-VHP clash")
    assert [(c, s, f) for c, s, _, f in fatal_triples(r)] == [("190", "COP", True)]


def test_hyphenated_sides_of_talks_each_way(coder):
    assert triples(code_text(coder, "India-Pakistan talks resumed in Delhi.")) == [
        ("040", "IND", "PAK"), ("040", "PAK", "IND")]
    # a nationality and its government are one side
    assert triples(code_text(coder, "Kazakh government talks resumed.")) == [("040", "KAZGOV", None)]


def test_deaths_are_events_only_with_their_cause(coder):
    r = code_text(coder, "A spokesman said 40 deaths have taken place due to police firing on violent mobs.")
    # one act: the police's firing on the mobs (repression by the sides' sectors), which killed
    assert fatal_triples(r) == [("175", "COP", "CVL", True)]
    r = code_text(coder, "A spokesman said 40 deaths have taken place due to police firing.")
    assert [(c, s, f) for c, s, _, f in fatal_triples(r)] == [("190", "COP", True)]
    assert triples(code_text(coder, "The death of the Kazakh president shocked the nation.")) == []


def test_killed_in_a_police_action_names_the_police(coder):
    r = code_text(coder, "Two Nepalese students have been killed in police action.")
    assert [(c, s) for c, s, _, _ in fatal_triples(r)] == [("175", "NPLCOP")]  # police on students
    r = code_text(coder, "Two Kazakh soldiers were killed in Almaty.")  # a place, not an agent
    assert [s for _, s, _ in triples(r)] == [None]


@pytest.mark.parametrize("text, expected", [
    ("Kazakh police sent the Uzbek activists to jail.", [("173", "KAZCOP", "UZBCVL")]),
    ("The Kazakh magistrate remanded the Uzbek activists to custody.", [("173", "KAZJUD", "UZBCVL")]),
    ("The Kazakh ministry sent the papers to the Uzbek embassy.", []),  # no jail, no arrest
])
def test_jailing_verbs(coder, text, expected):
    assert [t for t in triples(code_text(coder, text)) if t[0] == "173"] == expected


def test_a_death_in_a_coordinated_clause_does_not_make_an_explosion_fatal(coder):
    r = code_text(coder, "Chechen rebels exploded a grenade at the gate and Russian police killed one of them.")
    assert {e.cameo: e.fatal for e in r.events}.get("183") is False


@pytest.mark.parametrize("text,expected", [
    # violence.tsv: the CAMEO family of a violent act follows from who acts on whom
    ("Police fired on protesters in Minsk.", ("175", "BLRCOP", "BLRCVL")),  # repression
    ("Protesters stormed the parliament building in Bishkek.", ("145", "KGZCVL", "KGZLEG")),  # riot at the parliament's building
    ("Gunmen attacked a church in Derbent.", ("180", "UAF", "REL")),  # unconventional violence
    ("Soldiers killed five rebels near Goma.", ("190", "MIL", "REB")),  # combat stays 19x
    ("Hamas gunmen killed 1,200 Israeli civilians.", ("180", "PSEREB", "ISRCVL")),
])
def test_violent_act_family_by_the_actors_sectors(coder, text, expected):
    assert expected in triples(code_text(coder, text))


@pytest.mark.parametrize("text, expected", [
    # unidentified attackers are UAF (team guidelines), never a country guessed from the place
    ("A suicide bomber killed five people at a market in Kabul.", ("180", "UAF", "AFGCVL")),
    ("Unknown attackers shot dead a journalist in Karachi.", ("180", "UAF", "MED")),
    # CAMEO 1831-1832: a suicide or car bombing, named by a noun or by "blew himself up"
    # (an attack on a base targets its owner: the army's)
    ("The Taliban carried out a suicide attack on an army base in Helmand.", ("1831", "AFGREB", "AFGMIL")),
    ("A suicide bomber blew himself up at a police checkpoint in Kabul.", ("1831", "UAF", None)),
    # the subject names the act: "a car bombing killed ten" is the bombing
    ("A car bombing in Baghdad killed ten people.", ("1832", None, "IRQCVL")),
])
def test_unidentified_attackers_and_bombings(coder, text, expected):
    assert expected in triples(code_text(coder, text))


def test_an_arrest_and_a_dispersal_in_one_sentence_are_two_acts(coder):
    r = code_text(coder, "To disperse the mob, the police fired 50 rounds and over 100 persons have been arrested.")
    assert {c for c, _, _ in triples(r)} >= {"175", "173"}


@pytest.mark.parametrize("text, expected", [
    # reciprocal event nouns: each side, each coded by its own sectors (guidelines: crowd 145, police 175)
    ("Clashes broke out between protesters and police in Santiago.", {("145", "CHLCVL", "CHLCOP"), ("175", "CHLCOP", "CHLCVL")}),
    # the lemmatizer's slip ("raped" -> "rap") does not lose the verb
    ("A woman was raped by soldiers.", {("1821", "MIL", "CVL")}),
    # a hyphenated event noun split by the tokenizer
    ("Hundreds of students staged a sit-in at the university.", {("144", "EDU", None)}),
    # crowds destroying property are rioting (codebook 145); others destroy property (1712)
    ("Protesters set fire to a police station.", {("145", "CVL", "COP")}),  # the station is the police's
    ("Militants set fire to a school.", {("1712", "REB", "EDU")}),
    # a count of people that names no one else is people
    ("Thousands took part in a protest against the government.", {("141", "CVL", "GOV")}),
])
def test_crowds_clashes_and_counts(coder, text, expected):
    assert set(triples(code_text(coder, text))) >= expected


def test_a_count_of_things_is_no_actor(coder):
    assert triples(code_text(coder, "The government spent thousands of dollars on the campaign.")) == []


def test_a_wars_toll_so_far_is_no_act_of_its_own(coder):
    r = code_text(coder, "The two sides agreed to end a war that has killed thousands of people.")
    assert not any(c[:2] in ("18", "19") and (t or "").endswith("CVL") for c, _, t in triples(r))
    r = code_text(coder, "An attack that killed 12 people was claimed by the Taliban.")
    assert any(c == "180" and (t or "").endswith("CVL") for c, _, t in triples(r))  # a told attack's victims stay


def test_killed_by_a_named_means_takes_its_code(coder):
    r = code_text(coder, "Five civilians were killed by a Russian airstrike.")
    assert ("195", "RUS", "CVL") in [(c, s, (t or "")[-3:]) for c, s, t in triples(r)]
    assert ("194", "ISR", "PSE") in triples(code_text(coder, "14,000 Gazans have been killed by Israeli bombardment."))


def test_who_reports_another_sides_violence_accuses_it(coder):
    # guidelines: "Authorities said Ziyobekov opened fire on officers" is the act plus the authorities' 112
    r = code_text(coder, "Ukraine said Russian forces shelled Kharkiv overnight.")
    assert {("194", "RUSMIL", "UKR"), ("112", "UKR", "RUSMIL")} <= set(triples(r))
    # not the agent's own side, not unidentified attackers, not the news media
    assert not any(c == "112" for c, _, _ in triples(code_text(coder, "The army said it killed 20 militants.")))
    assert not any(c == "112" for c, _, _ in triples(code_text(coder, "Officials said gunmen attacked a church.")))
    assert not any(c == "112" for c, _, _ in triples(code_text(coder, "Reuters said Russian forces shelled Kharkiv.")))


def test_who_says_someone_was_behind_an_attack_accuses_them(coder):
    # CAMEO 112: an attribution of an attack is an accusation, by whoever makes it
    r = code_text(coder, "The Afghan government said Taliban militants were behind the attack.")
    assert ("112", "AFGGOV", "AFGREB") in triples(r)
    r = code_text(coder, "Kenya said the Somali militants were responsible for the bombing.")
    assert ("112", "KEN", "SOMREB") in triples(r)
    # not a denial, not "behind bars", not a duty, not a claim of one's own act, not the author's voice
    for text in ("The Afghan government said Taliban militants were not behind the attack.",
                 "Police said the Chechen suspects were behind bars.",
                 "The minister said Russia was responsible for the security of the region.",
                 "A Taliban spokesman claimed they were responsible for the attack.",
                 "Taliban militants were behind the attack."):
        assert not any(c == "112" for c, _, _ in triples(code_text(coder, text))), text


def test_a_military_operation_launched_or_against_someone_is_force(coder):
    assert ("190", "ETHMIL", "ETHREB") in triples(code_text(
        coder, "Ethiopian troops launched a military operation against rebels in Tigray on Monday."))
    # a peacekeeping operation is peacekeeping (CAMEO 074); other operations name no act
    assert any(c == "074" for c, _, _ in triples(code_text(
        coder, "Azerbaijani troops take part in peacekeeping operations in Afghanistan.")))
    for text in ("Police carried out a rescue operation in Lagos.",
                 "The ban could create problems for US military operations in Afghanistan."):
        assert triples(code_text(coder, text)) == [], text


def test_acts_named_by_nouns_take_their_roles_from_the_phrase(coder):
    # CAMEO 1821 sexual assault named by a noun; 192 annexation (the nominalisation of annex)
    assert ("1821", "PAKCOP", "PAKEDU") in triples(code_text(
        coder, "The rape of a student by two Pakistani policemen sparked protests."))
    assert any(c == "1821" and s == "MIL" for c, s, _ in triples(code_text(
        coder, "Sexual violence by soldiers was reported.")))
    r = code_text(coder, "Russia's annexation of Crimea in 2014 was condemned by the EU.", date="2024-03-05")
    by_code = {e.cameo: e for e in r.events}
    assert by_code["192"].source.code == "RUS" and by_code["192"].date == "2014"
    # the condemnation is the article's day: "in 2014" dates the annexation it names
    assert by_code["111"].date == "2024-03-05"


def test_an_attack_by_a_person_or_a_speaking_body_on_no_armed_side_is_criticism(coder):
    from tests.conftest import code_text, triples

    assert triples(code_text(coder, "Kenyan lawmakers attacked the finance minister.")) == [("111", "KENLEG", "KENGOV")]
    # states, armies and armed groups attack with force; so does anyone attacking a state or an army
    assert [c for c, _, _ in triples(code_text(coder, "Russia launched an attack on Ukraine."))] == ["190"]
    assert [c for c, _, _ in triples(code_text(coder, "Kenyan police attacked the protesters."))] == ["175"]


def test_persons_seized_are_detained_by_a_state_and_abducted_by_armed_groups(coder):
    from tests.conftest import code_text, triples

    assert triples(code_text(coder, "Kenyan police seized two journalists.")) == [("173", "KENCOP", "KENMED")]
    # abductor_sectors: no state detains them (CAMEO 181)
    assert [c for c, _, _ in triples(code_text(coder, "Gunmen seized two journalists in Mali."))] == ["181"]
    # property seized stays 171
    assert [c for c, _, _ in triples(code_text(coder, "Kenyan police seized twenty rifles."))] == ["171"]


def test_training_is_one_sides_act_and_joint_exercises_both_sides(coder):
    from tests.conftest import code_text, triples

    # directed_acts: 062 is reciprocal for joint acts, not for training someone
    assert triples(code_text(coder, "The Kenyan army is training Somali soldiers.")) == [("062", "KENMIL", "SOMMIL")]
    assert set(triples(code_text(coder, "Kenya held joint exercises with Uganda."))) \
        == {("062", "KEN", "UGA"), ("062", "UGA", "KEN")}


def test_a_bombing_told_by_how_and_by_whom_it_killed_is_one_event_with_the_specific_code(coder):
    r = code_text(coder, "A car bomb exploded in Kabul, killing four Afghan policemen.", date="2024-06-25")
    assert [(e.cameo, e.source, e.target.code, e.fatal) for e in r.events] == [("183", None, "AFGCOP", True)]
    # a capital named as where it happened is its country, not its government
    r = code_text(coder, "A car bomb exploded in Kabul.", date="2024-06-25")
    assert [(e.cameo, e.target.code) for e in r.events] == [("183", "AFG")]


@pytest.mark.parametrize("text, expected", [
    ("A mob lynched two men accused of cattle theft in India.", ("180", "INDCVL", "INDCVL")),
    ("A woman was gang-raped by four men in India.", ("1821", "INDCVL", "INDCVL")),
])
def test_two_unnamed_groups_of_one_code_in_violence_are_different_people(coder, text, expected):
    assert triples(code_text(coder, text, date="2024-06-25")) == [expected]


@pytest.mark.parametrize("text, expected", [
    ("Villagers beat a suspected thief to death in India.", ("180", "INDCVL", "INDCRM")),  # a thief is a criminal
    ("Gunmen opened fire on officers in Afghanistan.", ("180", "UAF", "AFGCOP")),  # officers alone: police
    ("Kenyan army officers arrested the minister.", ("173", "KENMIL", "KENGOV")),  # by their compound: military
])
def test_people_named_by_their_crime_or_office(coder, text, expected):
    assert triples(code_text(coder, text, date="2024-06-25")) == [expected]


@pytest.mark.parametrize("text, expected", [
    ("Demonstrators set fire to a police station in Nigeria.", ("145", "NGACVL", "NGACOP")),
    ("Rioters set fire to the ruling party's headquarters in Bangladesh.", ("145", "BGDCVL", "BGDGOV")),
])
def test_a_building_attacked_is_its_owners(coder, text, expected):
    assert triples(code_text(coder, text, date="2024-06-25")) == [expected]
