"""What several commands share: checking input paths, building the place index on first use with
a message, and turning DuckDB's "lock held" error into one line that says what to do.

Imports nothing heavy at module level (the CLI imports this module to build its parser).
"""
from __future__ import annotations

import glob
import os
import re
import threading
import time
from pathlib import Path
from typing import Optional, Sequence, TextIO

PLACE_INDEX_SECONDS = 30  # about how long the first build takes (README: ~26 s on a 2-core VM)


def missing_paths(paths: Sequence[str], globs: bool = False) -> list[tuple[str, str]]:
    """The input paths that name nothing, with why: (path, reason). ``-`` (stdin) is never
    missing; with ``globs``, a path with wildcards is missing when it matches nothing."""
    missing = []
    for raw in paths:
        if raw == "-":
            continue
        if globs and glob.has_magic(raw):
            if not glob.glob(raw, recursive=True):
                missing.append((raw, "no file matches"))
        elif not os.path.exists(raw):
            missing.append((raw, "no such file or folder"))
    return missing


def place_index_path() -> Path:
    """Where the place index (gazetteer cache) of these source versions lives, as
    ``steppe.places.gazetteer.ensure_built`` names it."""
    from steppe.places.gazetteer import cache_key
    from steppe.places.sources import cache_dir, source_versions

    return cache_dir(None) / f"gazetteer-{cache_key(source_versions())}.sqlite"


def ensure_place_index(err: TextIO, quiet: bool = False) -> None:
    """Build the place index now if it is not built yet, saying so (it takes about half a minute,
    once); on a terminal the seconds go by on one line. Errors are left to the run itself."""
    from steppe.places.gazetteer import GazetteerError, ensure_built

    path = place_index_path()
    if path.exists():
        return
    if not quiet:
        err.write(f"steppe: building the place index once (about {PLACE_INDEX_SECONDS} s; later runs open it "
                  f"in under a second) in {path.parent}\n")
        err.flush()
    done = threading.Event()
    start = time.monotonic()
    ticker = None
    if not quiet and err.isatty():
        def tick() -> None:
            while True:  # at once, then every second until built
                err.write(f"\r  building the place index: {time.monotonic() - start:.0f} s "
                          f"of about {PLACE_INDEX_SECONDS}   ")
                err.flush()
                if done.wait(1.0):
                    return

        ticker = threading.Thread(target=tick, daemon=True)
        ticker.start()
    try:
        ensure_built()
    except GazetteerError:
        return  # the run reports it where it needs the index
    finally:
        done.set()
        if ticker is not None:
            ticker.join()
            err.write("\n")
    if not quiet:
        err.write(f"steppe: place index built in {time.monotonic() - start:.0f} s\n")
        err.flush()


_LOCK = re.compile(r'Could not set lock on file "(?P<file>[^"]*)": Conflicting lock is held in '
                   r'(?P<exe>.*?) \(PID (?P<pid>\d+)\)')
READ_COMMANDS = ("events", "export", "actors")


def _cmdline(pid: int) -> list[str]:
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return []
    return [a.decode("utf-8", "replace") for a in raw.split(b"\0") if a]


def _listening_port(pid: int) -> Optional[int]:
    """The TCP port process ``pid`` listens on (Linux /proc), or None when it cannot be seen."""
    try:
        inodes = {os.readlink(f"/proc/{pid}/fd/{fd}")[8:-1] for fd in os.listdir(f"/proc/{pid}/fd")}
    except OSError:
        return None
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            cols = line.split()
            if len(cols) > 9 and cols[3] == "0A" and cols[9] in inodes:  # 0A: LISTEN
                return int(cols[1].rsplit(":", 1)[1], 16)
    return None


def _server_url(argv: list[str], pid: int) -> Optional[str]:
    """The address `steppe serve` listens on: its --host, and the port it is seen listening on
    (else its --port); None when unknown."""
    def opt(name: str, default: str) -> str:
        for i, a in enumerate(argv):
            if a == name and i + 1 < len(argv):
                return argv[i + 1]
            if a.startswith(name + "="):
                return a.split("=", 1)[1]
        return default

    host, port = opt("--host", "127.0.0.1"), opt("--port", "8000")
    seen = _listening_port(pid)
    port = str(seen) if seen else port
    if port == "0":
        return None
    host = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    return f"http://{'[' + host + ']' if ':' in host else host}:{port}/"


def held_database(message: str, command: str) -> Optional[str]:
    """One line for DuckDB's "Conflicting lock is held" error: which process holds the database
    and what to do; None when ``message`` is another error."""
    m = _LOCK.search(message)
    if not m:
        return None
    db, pid = m.group("file"), int(m.group("pid"))
    argv = _cmdline(pid)
    serving = "serve" in argv and any(a.endswith(("steppe", "steppe.cli")) for a in argv)
    if serving:
        url = _server_url(argv, pid)
        where = url or "the address it printed at start"
        holder = f"`steppe serve` (PID {pid}, {where})"
        if command == "code":
            todo = (f"stop it (kill {pid}) and run this again, or send the articles to it "
                    f"(POST {url or '/'}articles with its STEPPE_TOKEN)")
        else:
            todo = f"stop it (kill {pid}) and run this again, or read through it ({url or '/'}events)"
    else:
        shown = " ".join(argv)[:120] if argv else m.group("exe")
        holder = f"another process (PID {pid}: {shown})"
        todo = f"wait for it to finish or stop it (kill {pid}), then run this again"
    note = ""
    if command in READ_COMMANDS:
        note = ("; this command already opens it read-only, and DuckDB refuses even that while another "
                "process has it open for writing")
    return f"{db} is held by {holder}: {todo}{note}"


__all__ = ["ensure_place_index", "held_database", "missing_paths", "place_index_path"]
