"""Expand steppe's verb and event-noun patterns with WordNet 3.0 (build time, not run time).

    apt-get install wordnet-base          # Debian's WordNet 3.0 data files (/usr/share/wordnet)
    python tools/wordnet_expand.py        # writes steppe/data/coding/{verbs,nouns}_wordnet.tsv

Seeds are the unconditional rows of verbs.tsv and nouns.tsv (a lemma coded whatever its object).
Each seed's sense is the one, among its three most frequent, that shares most words (in the synset
or its hypernyms) with the other seeds of the same CAMEO root: "deport" is sense 2 ("expel"), not
sense 1 ("behave"); "commit" the sense of "pledge", not of "perpetrate". A seed whose senses share
nothing with its family is used only when it has one sense. That sense gives:
- synonyms: the other single-word lemmas of that synset, for which the synset is one of their own
  two most frequent senses (so "nab" joins "arrest", but a word whose usual meaning is another
  one does not);
- derivations: the nouns (for a verb seed) or verbs (for a noun seed) WordNet links to that sense
  by a derivational pointer ("+"), under the same condition ("detain" -> "detention").
A candidate reached from seeds of different CAMEO roots is left out (ambiguous), as is one the
hand-written files already have, and the words in wordnet_stop.tsv (each with its reason). Every
row records the seed, the relation and the WordNet synset it came from. The output is committed;
the project never reads WordNet at run time.

WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved (license: WordNet 3.0,
permissive; the notice is kept in the generated files).
"""
from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "steppe" / "data" / "coding"
NOTICE = ("# Derived from WordNet 3.0 (Debian wordnet-base) by tools/wordnet_expand.py; do not edit by hand.\n"
          "# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved. Provided \"as is\"\n"
          "# under the WordNet 3.0 license (permission to use, copy, modify and distribute with this notice).\n")
MAX_OWN_SENSE = 2
# WordNet's lexicographer files of nouns that name acts: noun.act (04), noun.communication (10),
# noun.event (11)
EVENT_NOUN_FILES = {4, 10, 11}  # a candidate joins only when the synset is among its own two most frequent senses


def read_index(path: Path) -> dict[str, list[str]]:
    """lemma -> synset offsets, most frequent sense first."""
    out = {}
    for line in path.read_text(encoding="latin-1").splitlines():
        if line.startswith(" "):
            continue
        f = line.split()
        lemma, n_synsets, n_ptr = f[0], int(f[2]), int(f[3])
        offsets = f[4 + n_ptr + 2:]
        out[lemma] = offsets[:n_synsets]
    return out


def read_data(path: Path) -> dict[str, tuple[list[str], list[tuple[str, str, str, int, int]], int]]:
    """offset -> (words, pointers (symbol, offset, pos, source word no., target word no.),
    lexicographer file number)."""
    out = {}
    for line in path.read_text(encoding="latin-1").splitlines():
        if line.startswith(" "):
            continue
        f = line.split(" | ")[0].split()
        offset, n_words = f[0], int(f[3], 16)
        words = [f[4 + 2 * i].lower() for i in range(n_words)]
        i = 4 + 2 * n_words
        n_ptr = int(f[i])
        ptrs = []
        for k in range(n_ptr):
            sym, off, pos, st = f[i + 1 + 4 * k: i + 5 + 4 * k]
            ptrs.append((sym, off, pos, int(st[:2], 16), int(st[2:], 16)))
        out[offset] = (words, ptrs, int(f[1]))
    return out


def read_rows(path: Path) -> list[list[str]]:
    rows, header = [], False
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not header:
            header = True
            continue
        rows.append(line.split("\t"))
    return rows


def _plain(word: str) -> bool:
    return word.isalpha() and len(word) > 2


def expand(wn: Path) -> tuple[list[tuple], list[tuple]]:
    index = {"v": read_index(wn / "index.verb"), "n": read_index(wn / "index.noun")}
    data = {"v": read_data(wn / "data.verb"), "n": read_data(wn / "data.noun")}
    hand = {"v": read_rows(DATA / "verbs.tsv"), "n": read_rows(DATA / "nouns.tsv")}
    known = {pos: {r[0] for r in rows} for pos, rows in hand.items()}
    stop = {r[0] for r in read_rows(DATA / "wordnet_stop.tsv")}
    seeds = {pos: {r[0]: r[2].strip() for r in rows if not r[1].strip()} for pos, rows in hand.items()}
    found: dict[tuple[str, str], list[tuple[str, str, str, str]]] = defaultdict(list)  # (pos, lemma) -> [(code, seed, rel, synset)]

    def own_sense_ok(pos: str, lemma: str, offset: str) -> bool:
        return offset in index[pos].get(lemma, [])[:MAX_OWN_SENSE]

    family: dict[str, set[str]] = defaultdict(set)  # CAMEO root -> seed lemmas (verbs and nouns)
    for table in seeds.values():
        for seed, code in table.items():
            family[code[:2]].add(seed)

    def sense_words(pos: str, offset: str) -> set[str]:
        words, ptrs, _ = data[pos][offset]
        out = set(words)
        for sym, off, ppos, _, _ in ptrs:
            if sym in ("@", "+") and ppos in data:
                out |= set(data[ppos][off][0])
        return out

    def seed_sense(pos: str, seed: str, code: str):
        senses = index[pos].get(seed) or []
        kin = family[code[:2]] - {seed}
        scored = [(len(sense_words(pos, off) & kin), -i, off) for i, off in enumerate(senses[:3])]
        best = max(scored, default=None)
        if best is not None and best[0] > 0:
            return best[2]
        return senses[0] if len(senses) == 1 else None

    for pos, table in seeds.items():
        for seed, code in table.items():
            offset = seed_sense(pos, seed, code)
            if offset is None:
                continue
            words, ptrs, _ = data[pos][offset]
            for w in words:
                if w != seed and _plain(w) and own_sense_ok(pos, w, offset):
                    found[(pos, w)].append((code, seed, "synonym", f"{offset}-{pos}"))
            seed_no = words.index(seed) + 1 if seed in words else 0
            for sym, off, ppos, src, tgt in ptrs:
                if sym != "+" or ppos not in ("v", "n") or ppos == pos or (src and src != seed_no):
                    continue
                twords, _, lexfile = data[ppos][off]
                if ppos == "n" and lexfile not in EVENT_NOUN_FILES:
                    continue  # "killer", "bomb", "jail": a person or a thing, not an act
                targets = [twords[tgt - 1]] if tgt else twords
                for w in targets:
                    if _plain(w) and own_sense_ok(ppos, w, off):
                        found[(ppos, w)].append((code, seed, "derived", f"{off}-{ppos}"))
    rows = {"v": [], "n": []}
    for (pos, lemma), hits in sorted(found.items()):
        if lemma in known[pos] or lemma in stop:
            continue
        if len({h[0][:2] for h in hits}) > 1:
            continue  # seeds of different families: ambiguous
        code, seed, rel, synset = sorted(hits, key=lambda h: (h[2] != "synonym", h[1]))[0]
        rows[pos].append((lemma, code, f"{rel} of {seed} (WordNet {synset})"))
    return rows["v"], rows["n"]


def write(path: Path, rows: list[tuple], what: str) -> None:
    head = NOTICE + f"# {what}: lemma, conditions (none), CAMEO code, where the row came from.\n"
    body = "lemma\tconditions\tcode\tsource\n" + "".join(f"{lemma}\t\t{code}\t{src}\n" for lemma, code, src in rows)
    path.write_text(head + body, encoding="utf-8")


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--wordnet", default="/usr/share/wordnet", help="WordNet 3.0 dict folder")
    p.add_argument("--out-dir", default=str(DATA), help="folder to write the two files to (default steppe's data)")
    args = p.parse_args(argv)
    wn = Path(args.wordnet)
    if not (wn / "data.verb").is_file():
        sys.stderr.write(f"{wn}: no WordNet data files (apt-get install wordnet-base)\n")
        return 2
    verbs, nouns = expand(wn)
    out = Path(args.out_dir)
    write(out / "verbs_wordnet.tsv", verbs, "Verb patterns from WordNet synonyms and derivations of verbs.tsv/nouns.tsv seeds")
    write(out / "nouns_wordnet.tsv", nouns, "Event-noun patterns from WordNet synonyms and derivations of nouns.tsv/verbs.tsv seeds")
    print(f"{len(verbs)} verb rows, {len(nouns)} noun rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
