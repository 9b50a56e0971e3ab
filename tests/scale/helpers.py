"""Inputs and database snapshots shared by the scale tests."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.conftest import REPO

# the store's columns that record when, not what: they differ between any two runs
_WHEN = {"coded_at", "skipped_at", "applied_at"}


def make_inputs(tmp_path: Path) -> list[str]:
    """The bundled examples plus a JSONL file with what the runner must handle in order:
    a blank line, malformed JSON, a repeated id (different text), non-English text, a missing file."""
    ex = tmp_path / "examples"
    shutil.copytree(REPO / "examples", ex)
    extra = tmp_path / "extra.jsonl"
    lines = [
        json.dumps({"id": "extra-1", "date": "2004-05-02",
                    "text": "Uzbek border guards detained three Kyrgyz traders on Saturday. "
                            "Kyrgyzstan's foreign ministry protested to Tashkent on Sunday."}),
        "",
        "{not json",
        json.dumps({"id": "airbase-talks", "text": "Russia and Kazakhstan signed a treaty."}),
        json.dumps({"id": "kk", "text": "Қазақстан үкіметі бүгін жаңа заң қабылдады және шекараны жапты. "
                                        "Бұл шешім көршілермен келісілді деп мәлімдеді министрлік."}),
        json.dumps({"id": "extra-2", "date": "2004-05-03",
                    "text": "Tajik President Emomali Rakhmonov met Chinese Foreign Minister Li Zhaoxing "
                            "in Dushanbe on Monday and praised the new border agreement."}),
    ]
    extra.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [str(ex), str(extra), str(tmp_path / "missing.txt")]


def snapshot(store) -> dict[str, list[tuple]]:
    """Every table of the store, rows in stored order (every table has a deterministic order,
    the actor registry too), without the timestamp columns."""
    out = {}
    for table in ("articles", "sentences", "events", "actors", "actor_aliases", "places", "skipped"):
        cols = [r[0] for r in store.con.execute(f"DESCRIBE {table}").fetchall() if r[0] not in _WHEN]
        rows = store.con.execute(f"SELECT {', '.join(cols)} FROM {table}").fetchall()
        out[table] = rows
    return out


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def listening(port: int) -> bool:
    import socket

    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def wait_for(predicate, seconds: float) -> bool:
    import time

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.02)
    return False
