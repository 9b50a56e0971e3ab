"""The real-news scorer on hand-built gold and predictions (no model): matching, precision,
negatives, dates, places, shares and duplicates counted exactly."""
import dataclasses

from steppe.eval.realnews import GoldEvent, Negative, date_right, max_matching, score_realnews
from steppe.records import Place
from tests.eval.helpers import actor, event

ARTICLES = [{"id": "a"}]
KAZGOV, KAZCOP, UZBCVL = actor("KAZGOV", "KAZ", "GOV"), actor("KAZCOP", "KAZ", "COP"), actor("UZBCVL", "UZB", "CVL")


def gold(event_id, cameo, source, target, date="2003-03-03", symmetric=False, place=None,
         evidence="Kazakh police detained 40 Uzbek citizens.", background=False, restated_in=()):
    return GoldEvent("a", event_id, cameo, cameo[:2], source, target, symmetric, background, date, place,
                     evidence, restated_in)


def ev(cameo, source, target, date="2003-03-03", evidence="Kazakh police detained 40 Uzbek citizens.",
       location=None):
    return dataclasses.replace(event(cameo, source=source, target=target), date=date, evidence=evidence,
                               location=location)


def test_lenient_and_strict_matching_one_to_one():
    golds = [gold("e1", "173", ("KAZGOV", "KAZCOP"), ("UZBCVL",)), gold("e2", "173", ("KAZCOP",), ("UZBOPP",))]
    # one prediction can match only one gold line: recall 1/2 leniently (both lines match it)
    r = score_realnews(ARTICLES, golds, [], {"a": [ev("173", KAZCOP, UZBCVL)]})
    f = r["figures"]
    assert (r["counts"]["found_lenient"], r["counts"]["found_strict"]) == (1, 1)
    assert (f["recall_lenient"], f["recall_strict"], f["precision"]) == (0.5, 0.5, 1.0)


def test_null_gold_actor_matches_anything_leniently_and_only_none_strictly():
    golds = [gold("e1", "173", None, ("UZBCVL",))]
    r = score_realnews(ARTICLES, golds, [], {"a": [ev("173", KAZCOP, UZBCVL)]})
    assert (r["counts"]["found_lenient"], r["counts"]["found_strict"]) == (1, 0)
    r = score_realnews(ARTICLES, golds, [], {"a": [ev("173", None, UZBCVL)]})
    assert (r["counts"]["found_lenient"], r["counts"]["found_strict"]) == (1, 1)


def test_symmetric_gold_matches_either_direction_and_root_must_agree():
    golds = [gold("e1", "040", ("KAZGOV",), ("UZBGOV",), symmetric=True)]
    uzb = actor("UZBGOV", "UZB", "GOV")
    assert score_realnews(ARTICLES, golds, [], {"a": [ev("042", uzb, KAZGOV)]})["counts"]["found_strict"] == 1
    assert score_realnews(ARTICLES, golds, [], {"a": [ev("111", uzb, KAZGOV)]})["counts"]["found_lenient"] == 0


def test_false_positives_negatives_and_must_not():
    golds = [gold("e1", "173", ("KAZCOP",), ("UZBCVL",))]
    negs = [Negative("a", "Kazakhstan might expel them.", "hypothetical"),
            Negative("a", "Kazakh police detained 40 Uzbek citizens.", "not a threat", ({"roots": ["13"]},))]
    preds = [ev("173", KAZCOP, UZBCVL),  # right
             ev("174", KAZGOV, UZBCVL, evidence="Kazakhstan might expel them."),  # negative sentence
             ev("130", KAZGOV, UZBCVL),  # a must_not reading of the gold sentence
             ev("111", KAZGOV, UZBCVL, evidence="Something else.")]  # matches nothing
    c = score_realnews(ARTICLES, golds, negs, {"a": preds})["counts"]
    assert (c["predicted_right"], c["fp_negative"], c["fp_other"]) == (1, 2, 1)


def test_dates_places_shares_and_duplicates():
    golds = [gold("e1", "173", ("KAZCOP",), ("UZBCVL",), date="2003-03", place={"name": "Shymkent", "country": "KAZ"},
                  restated_in=("Police held the 40 Uzbeks.",))]
    shymkent = Place(text="Shymkent", name="Shymkent", country="KAZ", feature="city")
    implied = actor("KAZ", "KAZ", None, text="Kazakhstan (implied)")
    preds = [ev("173", KAZCOP, UZBCVL, date="2003-03-03", location=shymkent),
             dataclasses.replace(ev("173", KAZCOP, UZBCVL, date="2003-03-04", evidence="Police held the 40 Uzbeks."),
                                 sentence_index=3),  # the same act told again
             ev("141", None, implied),
             ev("111", KAZGOV, KAZCOP)]  # a self-dyad
    r = score_realnews(ARTICLES, golds, [], {"a": preds})
    f, c = r["figures"], r["counts"]
    assert (f["date_accuracy"], f["place_accuracy"]) == (1.0, 1.0)
    assert (f["share_no_source"], f["share_implied"], f["share_self_dyad"]) == (0.25, 0.25, 0.25)
    assert c["exact_duplicates"] == 1 and c["same_key_repeats"] == 1


def test_date_right_at_the_gold_precision():
    assert date_right("2015-09", "2015-09-05") and date_right("2015", "2015-09-05")
    assert not date_right("2015-09-05", "2015-09") and not date_right("2015-09-05", None)


def test_max_matching_finds_the_augmenting_path():
    # gold 0 can take 0 or 1, gold 1 only 0: both are matched
    assert max_matching({0: [0, 1], 1: [0]}) == {0: 1, 1: 0}


def test_another_acts_telling_in_the_same_sentence_is_no_duplicate():
    # two acts of one root in one sentence (054 and 051), the first restated in the lead
    lead, detail = "Guaido won backing from Astana.", "Kazakhstan recognized Guaido and praised his plan."
    kazgov, venopp = actor("KAZGOV", "KAZ", "GOV"), actor("VENOPP", "VEN", "OPP")
    golds = [gold("e1", "054", ("KAZGOV",), ("VENOPP",), evidence=detail, restated_in=(lead,)),
             gold("e2", "051", ("KAZGOV",), ("VENOPP",), evidence=detail)]
    preds = [dataclasses.replace(ev("051", kazgov, venopp, evidence=lead), sentence_index=0),
             dataclasses.replace(ev("054", kazgov, venopp, evidence=detail), sentence_index=1)]
    c = score_realnews(ARTICLES, golds, [], {"a": preds})["counts"]
    assert c["found_lenient"] == 2 and c["exact_duplicates"] == 0
    # a third telling of the same root in the lead, matched to no line, is a duplicate
    preds.append(dataclasses.replace(ev("050", kazgov, venopp, evidence=lead), sentence_index=0))
    preds.append(dataclasses.replace(ev("051", kazgov, venopp, evidence="Astana backs Guaido."), sentence_index=2))
    golds[0] = gold("e1", "054", ("KAZGOV",), ("VENOPP",), evidence=detail, restated_in=(lead, "Astana backs Guaido."))
    c = score_realnews(ARTICLES, golds, [], {"a": preds})["counts"]
    assert c["exact_duplicates"] == 1
