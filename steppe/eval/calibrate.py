"""Fit the confidence model on the development gold: ``python -m steppe.eval.calibrate [FOLDER]``.

Codes the real-news development articles with the coder's rule score as confidence, labels each
predicted event right or wrong as ``steppe eval realnews`` counts precision (it matches a gold
event of its article and no negative), fits the logistic model of ``steppe.coding.confidence``
and writes its weights to ``steppe/data/coding/confidence.tsv``. Prints the expected calibration
error on the fitted set and by leave-one-article-out (the figure to expect on unseen articles).
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

from steppe.coding.confidence import FEATURES, features, fit, reliability
from steppe.eval.realnews import country_codes, prediction_right, read_realnews
from steppe.eval.runs import code_all

WEIGHTS = Path(__file__).resolve().parent.parent / "data" / "coding" / "confidence.tsv"


def labelled_events(folder: Path) -> list[tuple[str, list[float], bool]]:
    """(article id, features, right) for every predicted event of the gold articles."""
    articles, gold, negatives = read_realnews(folder)
    inputs = [{k: a.get(k) for k in ("id", "text", "title", "date", "url", "source")} for a in articles]
    predictions, _ = code_all(inputs, calibrated_confidence=False)
    countries = country_codes()
    out = []
    for a in articles:
        aid = str(a["id"])
        golds = [g for g in gold if g.article_id == aid]
        negs = [n for n in negatives if n.article_id == aid]
        for e in predictions.get(aid, []):
            right = prediction_right(e, golds, negs, countries)
            out.append((aid, features(e), right))
    return out


PENALTIES = (0.3, 1.0, 3.0, 10.0)


def _held_out_ece(rows, l2: float) -> float:
    """Expected calibration error of the model fitted with each article left out in turn."""
    conf, right = [], []
    for aid in dict.fromkeys(r[0] for r in rows):
        train = [r for r in rows if r[0] != aid]
        w = fit([r[1] for r in train], [int(r[2]) for r in train], l2=l2)
        for r in rows:
            if r[0] == aid:
                conf.append(_prob(w, r[1]))
                right.append(r[2])
    return reliability(conf, right)[1]


def _prob(w: list[float], x: list[float]) -> float:
    import math

    z = sum(a * b for a, b in zip(w, x))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def main(argv: Optional[list[str]] = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0]) if args else Path("..") / "shared" / "eval" / "realnews-dev"
    rows = labelled_events(folder)
    x, y = [r[1] for r in rows], [int(r[2]) for r in rows]
    # the penalty that calibrates best on articles left out of the fit
    ece_held, l2 = min((_held_out_ece(rows, l2), l2) for l2 in PENALTIES)
    weights = fit(x, y, l2=l2)
    _, ece_fit = reliability([_prob(weights, xi) for xi in x], [bool(v) for v in y])
    header = ("# Weights of the confidence model (steppe/coding/confidence.py): a logistic model over the\n"
              "# features the coder has when an event is complete. Written by `python -m steppe.eval.calibrate`\n"
              f"# on {folder.name}: {len(rows)} predicted events, {sum(y)} right; expected calibration error\n"
              f"# {ece_fit:.3f} on them, {ece_held:.3f} leaving each article out of the fit in turn (L2 penalty\n"
              f"# {l2}, the best of {', '.join(map(str, PENALTIES))} left out that way).\n")
    body = "feature\tweight\n" + "".join(f"{f}\t{w:.4f}\n" for f, w in zip(FEATURES, weights))
    WEIGHTS.write_text(header + body, encoding="utf-8")
    print(f"{len(rows)} events, {sum(y)} right; L2 {l2}; ECE fitted {ece_fit:.3f}, leave-one-article-out {ece_held:.3f}")
    print(f"weights written to {WEIGHTS}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
