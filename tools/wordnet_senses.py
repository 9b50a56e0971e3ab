"""Word classes of nouns by their most frequent WordNet 3.0 sense (build time, not run time).

    apt-get install wordnet-base          # Debian's WordNet 3.0 data files (/usr/share/wordnet)
    python tools/wordnet_senses.py        # writes steppe/data/coding/classes_wordnet.tsv

A pattern's object class decides a verb's sense ("returned 21 frogs to Brazil" returns property,
"returned the prisoners" releases persons, "defended the expansion" defends an act verbally). The
hand-written classes in classes.tsv list the words one sentence needed; these classes list every
single-word noun whose most frequent WordNet sense (the first in index.noun, ordered by tagged
frequency) lies in one of WordNet's lexicographer files: ``wn_artifact`` is every noun that
usually names a made thing (noun.artifact), ``wn_person`` every noun that usually names a person
(noun.person), and so on (the files and their numbers are in WordNet's lexnames(5WN)). Patterns
refer to them as ``obj:@wn_artifact``. A word whose usual sense is another one is left out on
purpose: "fire" is noun.phenomenon, so "returned fire" is not property returned. The output is
committed; the project never reads WordNet at run time.

WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved (license: WordNet 3.0,
permissive; the notice is kept in the generated file).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "steppe" / "data" / "coding" / "classes_wordnet.tsv"
NOTICE = ("# Derived from WordNet 3.0 (Debian wordnet-base) by tools/wordnet_senses.py; do not edit by hand.\n"
          "# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved. Provided \"as is\"\n"
          "# under the WordNet 3.0 license (permission to use, copy, modify and distribute with this notice).\n")
# class -> (lexicographer file number, its name): the kinds of thing a pattern's object can be
LEXFILES = {
    "wn_act": (4, "noun.act"),
    "wn_animal": (5, "noun.animal"),
    "wn_artifact": (6, "noun.artifact"),
    "wn_attribute": (7, "noun.attribute"),
    "wn_cognition": (9, "noun.cognition"),
    "wn_communication": (10, "noun.communication"),
    "wn_food": (13, "noun.food"),
    "wn_group": (14, "noun.group"),
    "wn_motive": (16, "noun.motive"),
    "wn_object": (17, "noun.object"),
    "wn_person": (18, "noun.person"),
    "wn_plant": (20, "noun.plant"),
    "wn_possession": (21, "noun.possession"),
    "wn_state": (26, "noun.state"),
    "wn_substance": (27, "noun.substance"),
    "wn_time": (28, "noun.time"),
    # the artifacts below structure.n.01 (04341686: buildings, bridges, bases) or facility.n.01
    # (03315023: installations, airports), which wn_artifact then leaves out
    "wn_structure": (-1, "noun.artifact below structure.n.01 or facility.n.01"),
}
STRUCTURE = -1
STRUCTURES = frozenset({"04341686", "03315023"})
# A field, not a usual sense: the nouns with any of their three most frequent senses below
# weapon.n.01 (04565375), weaponry.n.01 (04566257), military_vehicle.n.01 (03764276) or
# munition.n.01 (03799610), so that "tank" and "drone" (first a storage tank and a bee) are
# weapons when sent to an army. They stay in their own usual-sense class too.
FIELDS = {"wn_weapon": (frozenset({"04565375", "04566257", "03764276", "03799610"}),
                        "any of the three most frequent senses below weapon.n.01, weaponry.n.01, "
                        "military_vehicle.n.01 or munition.n.01")}


def senses(wn: Path) -> dict[str, list[str]]:
    """single-word noun lemma -> the synset offsets of its senses, most frequent first."""
    out = {}
    for line in (wn / "index.noun").read_text(encoding="latin-1").splitlines():
        if line.startswith(" "):
            continue
        f = line.split()
        lemma, n_synsets, n_ptr = f[0], int(f[2]), int(f[3])
        if lemma.isalpha() and len(lemma) > 2:
            out[lemma] = f[4 + n_ptr + 2:][:n_synsets]
    return out


def lexfiles(wn: Path) -> dict[str, tuple[int, frozenset[str], tuple[str, ...]]]:
    """synset offset -> (lexicographer file number, the lowercase words it writes capitalised,
    its hypernyms' offsets)."""
    out = {}
    for line in (wn / "data.noun").read_text(encoding="latin-1").splitlines():
        if not line.startswith(" "):
            f = line.split(" | ")[0].split()
            n = int(f[3], 16)
            words = [f[4 + 2 * i] for i in range(n)]
            i = 4 + 2 * n
            ptrs = [f[i + 1 + 4 * k: i + 5 + 4 * k] for k in range(int(f[i]))]
            hyper = tuple(off for sym, off, pos, _ in ptrs if sym in ("@", "@i") and pos == "n")
            out[f[0]] = (int(f[1]), frozenset(w.lower() for w in words if not w.islower()), hyper)
    return out


def _under(offset: str, roots: frozenset[str], files) -> bool:
    """Whether the synset is one of ``roots`` or below one of them (by hypernyms)."""
    seen, stack = set(), [offset]
    while stack:
        cur = stack.pop()
        if cur in roots:
            return True
        if cur not in seen:
            seen.add(cur)
            stack.extend(files[cur][2])
    return False


def build(wn: Path) -> dict[str, list[str]]:
    files = lexfiles(wn)
    by_file: dict[int, list[str]] = {}
    fields: dict[str, list[str]] = {name: [] for name in FIELDS}
    for lemma, offsets in senses(wn).items():
        offset = offsets[0]
        for name, (roots, _) in FIELDS.items():
            if any(_under(o, roots, files) and lemma not in files[o][1] for o in offsets[:3]):
                fields[name].append(lemma)
        number, proper, _ = files[offset]
        if lemma in proper:
            continue  # a name ("Ukrainian" the language, "Mercury"): what the word usually names is not a kind
        if number == LEXFILES["wn_artifact"][0] and _under(offset, STRUCTURES, files):
            number = STRUCTURE  # a building or installation, which troops take as ground
        by_file.setdefault(number, []).append(lemma)
    out = {name: sorted(by_file.get(num, [])) for name, (num, _) in LEXFILES.items()}
    out.update({name: sorted(words) for name, words in fields.items()})
    return out


def write(classes: dict[str, list[str]], out: Path) -> None:
    lines = [NOTICE.rstrip("\n"),
             "# class: the single-word nouns whose most frequent WordNet sense is in the lexicographer file named",
             "# in the source column; patterns use them as obj:@class.",
             "class\tlemmas\tsource"]
    for name, words in classes.items():
        source = f"{LEXFILES[name][1]}, most frequent sense" if name in LEXFILES else FIELDS[name][1]
        lines.append(f"{name}\t{' '.join(words)}\tWordNet 3.0 {source}")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--wordnet", default="/usr/share/wordnet", help="WordNet 3.0 dict folder (wordnet-base)")
    ap.add_argument("--out", default=str(OUT))
    args = ap.parse_args(argv)
    wn = Path(args.wordnet)
    if not (wn / "index.noun").is_file():
        print(f"no WordNet data in {wn} (apt-get install wordnet-base)", file=sys.stderr)
        return 2
    classes = build(wn)
    write(classes, Path(args.out))
    for name, words in classes.items():
        print(f"{name}: {len(words)} nouns")
    return 0


if __name__ == "__main__":
    sys.exit(main())
