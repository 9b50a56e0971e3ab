"""`steppe eval all`: the comparison with the stored baseline (no model)."""
import json

from steppe.eval.all import compare, headline, load_baseline, save_baseline


def test_compare_flags_changes_past_the_tolerance_in_each_direction():
    base = {"realnews": {"recall_lenient": 0.40, "share_implied": 0.40, "precision": 0.50}}
    now = {"realnews": {"recall_lenient": 0.45, "share_implied": 0.00, "precision": 0.49, "date_accuracy": 0.7}}
    rows = {r["figure"]: r for r in compare(now, base, tolerance=0.02)}
    assert rows["recall_lenient"]["flag"] == "better"
    assert rows["share_implied"]["flag"] == "better"  # lower is better for shares
    assert rows["precision"]["flag"] == ""  # within the tolerance
    assert rows["date_accuracy"]["flag"] == "new" and rows["date_accuracy"]["baseline"] is None
    worse = compare({"realnews": {"precision": 0.40, "share_implied": 0.45}}, base)
    assert {r["figure"] for r in worse if r["flag"] == "worse"} == {"precision", "share_implied"}


def test_headline_takes_event_figures_and_geo_ratios():
    assert headline("realnews", {"figures": {"precision": 0.5}, "counts": {"n": 3}}) == {"precision": 0.5}
    geo = headline("tr-news", {"accuracy_161km": 0.8, "n": 100, "misses": 3,
                               "without_demonyms": {"accuracy_161km": 0.7}})
    assert geo == {"accuracy_161km": 0.8, "accuracy_161km_without_demonyms": 0.7}


def test_save_keeps_sets_not_run(tmp_path):
    path = tmp_path / "b.json"
    save_baseline(path, {"petrarch": {"root_accuracy": 0.98}}, {})
    save_baseline(path, {"realnews": {"precision": 0.123456}}, load_baseline(path))
    data = json.loads(path.read_text())
    assert data["figures"] == {"petrarch": {"root_accuracy": 0.98}, "realnews": {"precision": 0.1235}}
