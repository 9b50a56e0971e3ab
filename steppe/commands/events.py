"""The filters and runs of `steppe events` and `steppe export` (the parsers live in steppe.cli)."""
from __future__ import annotations

import argparse
from typing import Any

PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "INVESTIGATE",
                "DEMAND", "REQUEST", "ACCUSE", "REJECT", "SANCTION", "THREATEN", "PROTEST", "MOBILIZE", "COERCE",
                "ASSAULT")


def add_filters(p: argparse.ArgumentParser, query: bool = True) -> None:
    """The filters of both commands; ``query=False`` adds the ones `steppe events` already has."""
    if not query:
        p.add_argument("--actor", help="actor code, country (ISO3) or actor id, as source or target")
        p.add_argument("--dyad", nargs=2, metavar=("A", "B"), help="source A and target B (codes or countries)")
        p.add_argument("--code", help="CAMEO code prefix, e.g. 17 or 173")
        p.add_argument("--since", help="first date (YYYY-MM-DD, YYYY-MM or YYYY)")
        p.add_argument("--until", help="last date (YYYY-MM-DD, YYYY-MM or YYYY)")
    p.add_argument("--plover", metavar="TYPE", type=str.upper,
                   help="PLOVER event type, e.g. COERCE (case-insensitive)")
    p.add_argument("--quad", type=int, choices=(1, 2, 3, 4),
                   help="QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict")
    p.add_argument("--article", metavar="ID", help="only the events of this article")
    p.add_argument("--dedup", action="store_true",
                   help="deduplicated events (one per date, dyad, CAMEO code and place: the first report with "
                        "num_mentions, num_articles, num_sources) instead of mentions")


def filters_of(args) -> dict[str, Any]:
    """The filter keywords of ``Store.query_events`` / ``export`` from parsed arguments."""
    if args.plover and args.plover not in PLOVER_TYPES:
        from steppe.errors import StoreError

        raise StoreError(f"--plover must be one of {', '.join(PLOVER_TYPES)}, not {args.plover!r}")
    return {"actor": args.actor, "dyad": tuple(args.dyad) if args.dyad else None, "code": args.code,
            "since": args.since, "until": args.until, "article_id": args.article, "plover": args.plover,
            "quad": args.quad}


def query(store, args) -> list[dict[str, Any]]:
    """The rows `steppe events` prints."""
    filters = filters_of(args)
    if args.dedup:
        from steppe.store.dedup import query_dedup

        return query_dedup(store, **filters, limit=args.limit)
    return store.query_events(**filters, limit=args.limit)
