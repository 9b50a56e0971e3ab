"""Demands, attempts and third parties: hand-written sentences with exact expected codings."""
import pytest

from tests.conftest import code_text, triples

pytestmark = pytest.mark.model


def test_must_under_a_speech_verb_is_a_demand_of_any_act(coder):
    # "repaint a helicopter" has no pattern of its own: the demand is still coded
    r = code_text(coder, "Russia said that Sudan must repaint the Russian helicopter.")
    assert triples(r) == [("100", "RUS", "SDN")]
    # returning property is a yielding act (08): its demand is 105
    assert triples(code_text(coder, "Russia said that Sudan must return the Russian helicopter.")) \
        == [("105", "RUS", "SDN")]
    assert "demand" in r.events[0].explanation


def test_clause_below_a_must_clause_is_demanded(coder):
    r = code_text(coder, "Egypt said that the United States must be ready to mediate between Israel and Syria.")
    codes = {(c, s) for c, s, _ in triples(r)}
    assert codes == {("106", "EGY")}


def test_that_clause_of_a_demand_noun(coder):
    r = code_text(coder, "Jordan reiterated its demand that Israel ease restrictions on Palestinian workers.")
    assert ("105", "JOR", "ISR") in triples(r)


def test_attempted_assassination_is_coded_and_not_fatal(coder):
    r = code_text(coder, "Chechen rebels attempted to assassinate the Russian defence minister.")
    assert [(c, s, t) for c, s, t in triples(r)] == [("186", "RUSREB", "RUSGOV")]
    assert r.events[0].fatal is False and "attempted" in r.events[0].explanation


def test_attempted_talks_are_not_talks(coder):
    assert [c for c, _, _ in triples(code_text(coder, "Turkey tried to meet Greek officials."))] == []


def test_mediation_between_two_sides_has_the_mediator_as_source(coder):
    r = code_text(coder, "Norway launched a mediation effort between Sri Lanka and India.")
    assert triples(r) == [("045", "NOR", "LKA"), ("045", "NOR", "IND")]


def test_light_verb_survives_a_lemmatizer_slip(coder):
    # the small model lemmatizes "staged" as "stag"
    r = code_text(coder, "Indonesian students staged mass demonstrations on Saturday.")
    assert triples(r)[0][:2] == ("141", "IDNEDU")


def test_event_noun_after_for_frames_the_subject(coder):
    r = code_text(coder, "Thousands of Nigerian workers gathered for a rally in Lagos.")
    assert triples(r)[0][:2] == ("141", "NGALAB")


def test_sworn_to_fight_is_an_intent_not_a_fight(coder):
    r = code_text(coder, "Kurdish rebels have sworn to fight until they control the Turkish border.")
    assert [c[:2] for c, _, _ in triples(r)] == ["13"]


def test_preparing_an_offensive_is_a_threat(coder):
    r = code_text(coder, "The Turkish army is preparing a major offensive against Kurdish rebels.")
    assert triples(r) == [("138", "TURMIL", "TURREB")]


def test_decided_action_is_the_action(coder):
    r = code_text(coder, "Russia decided to close its border with Georgia.")
    assert triples(r) == [("172", "RUS", "GEO")]


@pytest.mark.parametrize("text, code", [
    ("Kenya expelled the British aid agency.", "1663"),          # an organisation, not people
    ("Kenya expelled two British journalists.", "174"),
    ("Sudanese troops captured the rebel stronghold.", "192"),   # territory, not persons
    ("UN helicopters evacuated the wounded from the Bosnian town.", "073"),
    ("Serbian workers stopped work on Monday.", "143"),
])
def test_what_the_object_is_chooses_the_code(coder, text, code):
    assert triples(code_text(coder, text))[0][0] == code


@pytest.mark.parametrize("text", [
    "Not a single Uzbek activist has been arrested.",             # negated subject
    "No Kazakh official was detained.",
    "Uzbek activists are likely to be arrested on Friday.",       # likely to
    "The Kazakh minister suggested that the Uzbek smugglers be arrested.",  # a suggestion
])
def test_unasserted_arrests_are_not_coded(coder, text):
    assert [c for c, _, _ in triples(code_text(coder, text)) if c.startswith("17")] == []


def test_an_obligation_stated_for_oneself_is_an_intent_not_a_demand(coder):
    assert triples(code_text(coder, "Russia said it must withdraw its troops from Georgia.")) == [
        ("035", "RUS", "GEO")]
    assert triples(code_text(coder, "Russia said it must protect Russian citizens in Georgia.")) == []


def test_a_pronoun_does_not_take_a_later_antecedent(coder):
    # "its" comes before "the Kazakh government": it cannot refer to it
    # (resolved after the sentence, "its" became the government, which then demanded of itself)
    r = code_text(coder, "The committee insisted on its demands that the Kazakh government grant more rights.")
    # the committee is no actor steppe knows, and a demand nobody makes is not coded: above all,
    # the government does not demand of itself
    assert triples(r) == []


@pytest.mark.model
def test_a_chanted_command_is_no_act(coder):
    r = code_text(coder, "Hundreds of Korean protesters gathered outside chanting: \"arrest Yoon Suk Yeol\".",
                  date="2024-12-04")
    assert "173" not in [e.cameo for e in r.events]  # a command, not an arrest
    r = code_text(coder, "Korean police arrested opposition leader Lee on Monday.", date="2024-12-04")
    assert [e.cameo for e in r.events] == ["173"]


@pytest.mark.parametrize("text, expected", [
    # an authority's order of an act named by a noun is its decision: the act, its source who ordered it
    ("President Biden ordered sanctions on Russian banks.", ("163", "USAGOV", "RUSBUS")),
    ("The court ordered the release of the two journalists.", ("0841", "JUD", "MED")),
    ("The Kenyan government authorized an investigation against the police chief.", ("090", "KENGOV", "KENCOP")),
])
def test_an_ordered_act_noun_is_the_decided_act(coder, text, expected):
    r = code_text(coder, text)
    assert expected in triples(r)
    assert not any(c == "100" for c, _, _ in triples(r))  # not also a demand


def test_an_order_to_someone_to_act_stays_an_order(coder):
    r = code_text(coder, "Putin ordered troops to withdraw from the border.")
    assert [c for c, _, _ in triples(r)] == ["100"]


def test_a_clause_below_a_noun_takes_the_nouns_owner_as_subject(coder):
    r = code_text(coder, "The UN chief reiterated the U.N.'s commitment to supporting Lebanon's sovereignty.")
    assert ("051", "IGOUNO", "LBN") in triples(r)


def test_the_object_of_a_verb_framing_talks_is_the_other_side(coder):
    r = code_text(coder, "US Secretary of State Rex Tillerson joined Iranian Foreign Minister Mohammad Javad Zarif for a meeting.")
    assert set(triples(r)) == {("040", "USAGOV", "IRNGOV"), ("040", "IRNGOV", "USAGOV")}


@pytest.mark.parametrize("text, expected", [
    # CAMEO 154: troops deployed; the forces sent are the means, the place they go the target
    ("Nigeria on Saturday announced the deployment of 230 troops to Liberia.", ("154", "NGA", "LBR")),
    ("China sent vaccines to Pakistan.", ("070", "CHN", "PAK")),
    # carried by air, ship or truck; the of-object of a measure or group noun and its conjuncts
    ("Medecins Sans Frontieres flew 13 tons of medicine into Afghanistan.", ("070", "NGOMSF", "AFG")),
    ("China's health ministry sent a team of medical experts, equipment and drugs to Nepal.", ("070", "CHNGOV", "NPL")),
    ("The US airlifted weapons to Ukraine.", ("072", "USA", "UKR")),
])
def test_deployments_and_aid_sent(coder, text, expected):
    assert expected in triples(code_text(coder, text))


def test_reinforcing_a_commitment_is_no_mobilisation(coder):
    r = code_text(coder, "Germany has reinforced its commitment to Syrian refugees.")
    assert not any(c.startswith("15") for c, _, _ in triples(r))


def test_people_booked_or_held_are_arrested_and_a_venue_is_no_side_of_talks(coder):
    assert ("173", "COP", "CVL") in triples(code_text(coder, "The police have booked 62 people under the new law."))
    assert [c for c, _, _ in triples(code_text(coder, "In raids on Tuesday, 50 persons were held."))] == ["173"]
    assert triples(code_text(coder, "The police booked a hall for the meeting.")) == []
    assert triples(code_text(coder, "Talks were held in Geneva.")) == []  # where, not with whom


@pytest.mark.parametrize("text, expected", [
    # a "to" phrase the parser hung inside the object's phrase is the verb's recipient
    ("The US government returned dozens of Mayan artifacts to the Embassy of El Salvador.", ("0842", "USAGOV", "SLVGOV")),
    ("Italy returned a statue engraved with the image of Peter the Great to Russian authorities.", ("0842", "ITA", "RUSGOV")),
])
def test_a_stray_recipient_phrase_is_the_verbs(coder, text, expected):
    assert expected in triples(code_text(coder, text))


def test_an_approved_act_is_the_decided_act_but_an_approved_request_is_not_a_request(coder):
    r = code_text(coder, "A Dutch court approved the extradition of a suspected militant.")
    assert [(c, s) for c, s, _ in triples(r)] == [("063", "NLDJUD")]
    r = code_text(coder, "The defence secretary approved a request from the health department.")
    assert not any(c[:2] == "02" for c, _, _ in triples(r))


def test_a_conditional_offer_is_an_intent(coder):
    # guidelines: a conditional act is coded as the intent; "willing to ... if" is an offer
    r = code_text(coder, "Egypt is willing to withdraw its troops if the talks succeed.")
    assert [(c, s) for c, s, _ in triples(r)] == [("035", "EGY")]
    # a bare conditional act stays uncoded
    assert triples(code_text(coder, "Egypt withdraws its troops if the talks succeed.")) == []


def test_military_exercises_show_force_alone_and_cooperate_together(coder):
    # CAMEO 150 demonstrate military power; 062 cooperate militarily (joint, with someone, or by several)
    assert [(c, s) for c, s, _ in triples(code_text(coder, "China launched war games around Taiwan on Monday."))] \
        == [("150", "CHN")]
    assert set(triples(code_text(coder, "Belarus held military drills with Russia."))) \
        == {("062", "BLR", "RUS"), ("062", "RUS", "BLR")}
    assert set(triples(code_text(coder, "The war games were staged by French marines and Malian forces."))) \
        == {("062", "FRAMIL", "MLIMIL"), ("062", "MLIMIL", "FRAMIL")}
    assert triples(code_text(coder, "Students did exercises in the gym.")) == []


@pytest.mark.parametrize("text, expected", [
    # CAMEO 051 "express support for"; 033 material aid; 0311 economic cooperation (team guidelines)
    ("Orban pledged his full support for the Italian-Polish initiative.", "051"),
    ("Japan pledged financial support to Ukraine.", "033"),
    ("A Taliban delegation visited Turkmenistan to pledge support for a planned gas pipeline.", "0311"),
])
def test_support_pledged_is_coded_by_what_it_is_for(coder, text, expected):
    assert expected in [c for c, _, _ in triples(code_text(coder, text))]


def test_an_attack_on_a_base_targets_its_owner_and_on_proceedings_is_criticism(coder):
    assert ("190", "MLIREB", "MLIMIL") in triples(code_text(
        coder, "Malian rebels launched an attack on an army base."))
    # an attack on a decision, law or proceedings is a verbal one (CAMEO 111)
    assert [c for c, _, _ in triples(code_text(
        coder, "US senators led the attack on the impeachment proceedings."))] == ["111"]


def test_what_a_denied_report_says_is_not_coded(coder):
    r = code_text(coder, "Egypt's Foreign Ministry denied reports that it had withdrawn its ambassador from Rome.")
    assert [c for c, _, _ in triples(r)] == ["016"]  # the denial (CAMEO 016), not the withdrawal
    r = code_text(coder, "Reports that police had arrested 12 activists were denied by the Kenyan government.")
    assert not any(c == "173" for c, _, _ in triples(r))
    # an act named inside the report's phrase, not its content, stays coded
    r = code_text(coder, "Indian police denied reports about the two militants arrested in Kolkata.")
    assert any(c == "173" for c, _, _ in triples(r))


def test_pressing_someone_to_act_demands_it(coder):
    r = code_text(coder, "Indian police pressured the workers to call off the strike.")
    assert triples(r) == [("100", "INDCOP", "INDLAB")]


@pytest.mark.parametrize("text, expected", [
    # aid handed out, each conjoined object counted (WordNet distribute "give to several people")
    ("Israeli forces distributed tents, food and medicine to Syrian refugees.", ("070", "ISRMIL", "SYRREF")),
    # a condolence message sent expresses condolences (018); a protest note sent is a complaint (114)
    ("Saudi King Salman has sent a condolence message to President Ashraf Ghani.", ("018", "SAUGOV", "AFGGOV")),
    ("Mexico sent a protest message to the US embassy.", ("114", "MEX", "USAGOV")),
    # riot-control means fired at a crowd (175)
    ("Zimbabwean police fired teargas at the crowd.", ("175", "ZWECOP", "ZWECVL")),
])
def test_the_object_and_its_carrier_name_the_act(coder, text, expected):
    assert expected in triples(code_text(coder, text))


def test_a_resolution_approved_is_coded_by_what_it_does(coder):
    r = code_text(coder, "The European Parliament has approved a resolution criticizing the Nicaraguan government.")
    assert [c for c, _, _ in triples(r)] == ["111"]


@pytest.mark.parametrize("text, expected", [
    # "had" carries the event noun, as "held" does (present "has" is possession, a standing relation)
    ("Putin had talks with Xi in China on Monday.", ("040", "RUSGOV", "CHNGOV")),
    ("Putin had a phone call with Xi.", ("041", "RUSGOV", "CHNGOV")),
    ("Obama had lunch with Macron in France.", ("040", "USAGOV", "FRAGOV")),
    # the object parsed as a to-clause's subject; forces beefed up; information handed over
    ("Bolivian authorities declared a state of siege to begin at midnight Friday.", ("1724", "BOLGOV", None)),
    ("The Israeli military beefed up its troop presence along the border with Egypt.", ("154", "ISRMIL", "EGY")),
    ("The Swiss government gave account information to the Indian government.", ("064", "CHEGOV", "INDGOV")),
])
def test_light_verbs_and_objects_name_the_act(coder, text, expected):
    assert expected in triples(code_text(coder, text))


def test_possession_and_obligation_are_no_act(coder):
    for text in ("Russia has a deal with Iran.", "Obama had lunch in France.", "Russia had to withdraw its troops."):
        assert triples(code_text(coder, text)) == [], text


def test_a_count_or_span_of_acts_stands_where_the_act_would(coder):
    assert set(triples(code_text(coder, "Iran and the US began a new round of talks in Oman."))) \
        == {("040", "IRN", "USA"), ("040", "USA", "IRN")}
    assert ("195", "ISR", "PSE") in triples(code_text(coder, "Israel launched a wave of airstrikes on the Palestinians."))
    # who died during an act of violence suffered it; peacekeepers shipped out were not sent as aid
    assert not any(s is not None for c, s, _ in triples(code_text(
        coder, "During an hour of bombing in Afghanistan at least 11 people died.")))
    assert triples(code_text(coder, "Eighty UN peacekeepers were shipped out of the Bosnian enclave.")) == []


def test_a_stated_intent_needs_no_target_and_a_title_is_a_person(coder):
    # guidelines: "said he would lift martial law" is an intent (03x); "he" is the president
    r = code_text(coder, "The Kazakh president said he would lift martial law.")
    assert [(c[:2], s) for c, s, _ in triples(r)] == [("03", "KAZGOV")]
    r = code_text(coder, "Iraq's interim government announced that it is prepared to impose martial law.")
    assert [(c[:2], s) for c, s, _ in triples(r)] == [("13", "IRQGOV")]
    # a statement addressed to no one named, in a subordinate clause, stays uncoded
    assert triples(code_text(coder, "The Kazakh president, who praised the plan, left.")) == []


def test_a_noun_of_intent_makes_its_clause_an_intent_of_one_side(coder):
    # "readiness", "willingness", "intention" are the nouns of "ready", "willing", "intend": the
    # meeting did not take place, and the other side stated nothing
    assert triples(code_text(coder, "Putin expressed his readiness to meet the Ukrainian president.")) \
        == [("036", "RUSGOV", "UKRGOV")]
    assert [c[:2] for c, _, _ in triples(code_text(
        coder, "Iran announced its intention to expel the French ambassador."))] == ["13"]
    assert triples(code_text(coder, "Turkey reiterated its commitment to cooperate with Iraq.")) \
        == [("030", "TUR", "IRQ")]
    assert triples(code_text(coder, "Russia said it would hold talks with Ukraine.")) == [("036", "RUS", "UKR")]
    # an agreement to meet is both sides' intent
    assert set(triples(code_text(coder, "Russia agreed with Ukraine to hold talks in Istanbul."))) \
        == {("036", "RUS", "UKR"), ("036", "UKR", "RUS")}


def test_a_conjoined_verb_shares_the_future_of_its_first_conjunct(coder):
    # guidelines: "will accept the request and lift martial law" promises the lifting too
    r = code_text(coder, "Kenya's president said he will accept parliament's demand and lift the state of emergency.")
    assert all(c.startswith("03") for c, _, _ in triples(r)) and triples(r)
    # a conjunct with its own auxiliary keeps its own tense
    assert ("070", "JPN", "HTI") in triples(code_text(coder, "Japan sent aid and will deploy troops to Haiti."))


def test_a_possessed_event_noun_is_not_promised_by_the_verb_that_carries_it(coder):
    # "the Assembly's request" was made; "will accept" does not make it the Assembly's intent
    r = code_text(coder, "Kenya's president said he will accept the Kenyan parliament's request.")
    assert not any(c.startswith("03") and s == "KENLEG" for c, s, _ in triples(r))


def test_a_future_told_of_another_side_is_a_prediction_not_an_intent(coder):
    assert triples(code_text(coder, "Ukraine said Russia would attack Kyiv.")) == []
    # a passive future tells what will happen to something, not what anyone undertakes
    assert triples(code_text(
        coder, "Nigeria said that the deal would be supervised and monitored by the African Union.")) == []
    # the speaker's own side: a stated intent, with the act's target (troops are the means)
    assert triples(code_text(coder, "Japan said it will deploy troops to Haiti.")) == [("138", "JPN", "HTI")]


def test_a_for_to_clause_is_what_is_asked_for_not_done(coder):
    # "called for Iran to release": an appeal to Iran; the release did not happen
    assert triples(code_text(coder, "France called for Iran to release the prisoners.")) == [("020", "FRA", "IRN")]
    # pushing, pressing or lobbying for something appeals for it
    assert triples(code_text(coder, "Japan has pushed for China to lift the ban.")) == [("020", "JPN", "CHN")]
    assert triples(code_text(coder, "France pressed for sanctions on Iran.")) == [("020", "FRA", "IRN")]


def test_a_participle_after_a_letter_addresses_its_recipient_and_made_it_clear_states(coder):
    # "sent a letter to X threatening ...": the threat is aimed at whom the letter went to
    r = code_text(coder, "Kenya sent a letter to the Ugandan president threatening to close the border.")
    assert [(c[:2], s, t) for c, s, t in triples(r)] == [("13", "KEN", "UGAGOV")]
    # "has made it clear it will not lift the ban": a stated refusal (12x), not a negated act
    r = code_text(coder, "The Sri Lankan government has made it clear it will not lift the ban on Tamil rebels.")
    assert [(c[:2], s) for c, s, _ in triples(r)] == [("12", "LKAGOV")]


def test_what_is_denied_did_not_happen_but_what_it_is_about_did(coder):
    # modality.tsv "deny denial": the denial is the event
    assert [c for c, _, _ in triples(code_text(coder, "Russia denied that it had attacked the village."))] == ["120"]
    # the attack happened; the involvement is what is denied
    r = code_text(coder, "Russia denied involvement in the attack on Ukraine.")
    assert {c for c, _, _ in triples(r)} == {"016", "190"}
    # political opponents are the opposition; a plane flying somewhere makes no visit
    assert sorted(triples(code_text(coder, "Political opponents of the Kenyan government clashed with police."))) \
        == [("145", "KENOPP", "KENCOP"), ("175", "KENCOP", "KENOPP")]
    assert triples(code_text(coder, "A Georgian cargo plane flying to India was forced to land.")) == []


def test_a_phrase_framing_an_accusation_is_not_what_is_alleged(coder):
    # "At a rally ..., X accused Y": the rally took place; "accused Y of attacking" alleges the attack
    r = code_text(coder, "At a rally in Nairobi, the Kenyan opposition accused the government of rigging the vote.")
    assert sorted(c for c, _, _ in triples(r)) == ["112", "141"]
    assert [c for c, _, _ in triples(code_text(coder, "Kenya accused Uganda of attacking its border posts."))] == ["112"]


def test_permission_withheld_is_a_refusal(coder):
    # a negated grant of permission is a refusal (12x), not nothing
    r = code_text(coder, "The Kenyan government did not give permission for the opposition rally.")
    assert [(c, s) for c, s, _ in triples(r)] == [("124", "KENGOV")]
