"""`steppe places PATH... [--jsonl FILE|-]`: every toponym with its offsets and resolution."""
from __future__ import annotations

import argparse
import json

from steppe.registry import Command, commands


# The columns of the tab-separated listing (without --jsonl): span is start-end, lat,lon as one cell.
TSV_HEADER = "article_id\tspan\ttext\tname\tcountry\tfeature\tlat,lon\tgeonameid\n"


def add_parser(sub) -> argparse.ArgumentParser:
    p = sub.add_parser("places", help="list every toponym in articles with its offsets and resolved place")
    p.add_argument("paths", nargs="+", metavar="PATH", help=".txt, .jsonl, .html files, folders, or - for stdin")
    p.add_argument("--jsonl", metavar="FILE|-", help="write one JSON object per toponym (place schema + article_id, start, end)")
    p.add_argument("--include-demonyms", action="store_true",
                   help="also resolve nationality words (\"Kazakh\") to their country (as steppe code "
                        "--include-demonyms; setting place_demonyms)")
    return p


def run(args, out, err) -> int:
    import sys

    from steppe.config import load_settings
    from steppe.ingest.readers import ReadOptions, read_inputs
    from steppe.nlp import get_nlp
    from steppe.places.resolve import find_places
    from steppe.records import Article, Skipped

    from steppe.commands.common import ensure_place_index, missing_paths

    settings = load_settings(args.config)
    missing = missing_paths(args.paths)
    if missing:
        for path, why in missing:
            err.write(f"steppe places: error: {path}: {why}\n")
        return 2
    ensure_place_index(err)
    nlp = get_nlp(settings.model)
    items = list(read_inputs(args.paths, ReadOptions(max_chars=settings.max_chars), stdin=sys.stdin))
    articles = [a for a in items if isinstance(a, Article)]
    jsonl = None
    if args.jsonl:
        jsonl = out if args.jsonl == "-" else open(args.jsonl, "w", encoding="utf-8")
    n = 0
    if jsonl is None:
        out.write(TSV_HEADER)
    try:
        for art, doc in zip(articles, nlp.pipe((a.text for a in articles), batch_size=settings.batch_size)):
            for m in find_places(doc, art.id, include_demonyms=args.include_demonyms or settings.place_demonyms):
                n += 1
                if jsonl is not None:
                    jsonl.write(json.dumps(m.to_dict(), ensure_ascii=False) + "\n")
                else:
                    p = m.place
                    where = f"{p.lat:.3f},{p.lon:.3f}" if p.lat is not None and p.lon is not None else "-"
                    out.write(f"{art.id}\t{m.start}-{m.end}\t{p.text}\t{p.name}\t{p.country or '-'}\t"
                              f"{p.feature}\t{where}\t{p.geonameid or '-'}\n")
    finally:
        if jsonl is not None and jsonl is not out:
            jsonl.close()
    for s in items:
        if isinstance(s, Skipped):
            err.write(f"skipped: {s.origin}: {s.reason}\n")
    err.write(f"{len(articles)} articles, {n} toponyms\n")
    return 0


commands.register("places", func=Command(add_parser, run))
