"""`steppe code --scheduler` with a pause point, to kill things at: ``python -m
tests.scale.killable_client PAUSE_AFTER MARKER GO -- ARGS...`` runs ``steppe code ARGS...``
(the CLI itself: its exit status and error lines), with one thing added: once PAUSE_AFTER
inputs are merged (and so, with ``--batch-size 4`` and PAUSE_AFTER past 4, at least one batch
is stored), it writes the file MARKER and waits (at most 60 s) for the file GO to exist. The test kills something at that
point, which it knows exactly, then lets the client go on, or kills the client there.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

from steppe.cli import main
from steppe.config import Settings
from steppe.job import Job

SETTINGS = Settings(places=False, batch_size=4)  # what `steppe code --no-places --batch-size 4` runs
ARGS = ["--no-places", "--batch-size", "4", "--partition-size", "2"]


def pause_hook(pause_after: int, marker: str, go: str):
    def on_progress(progress) -> None:
        if progress.done >= pause_after and not Path(marker).exists():
            Path(marker).write_text(str(progress.done), encoding="utf-8")
            end = time.monotonic() + 60
            while not Path(go).exists() and time.monotonic() < end:
                time.sleep(0.02)
    return on_progress


def with_pause(run, hook):
    def paused_run(self, sources, store=None, sinks=(), on_progress=None):
        def both(progress) -> None:
            hook(progress)
            if on_progress is not None:
                on_progress(progress)
        return run(self, sources, store=store, sinks=sinks, on_progress=both)
    return paused_run


if __name__ == "__main__":
    pause_after, marker, go, sep, *cli_args = sys.argv[1:]
    assert sep == "--", "usage: PAUSE_AFTER MARKER GO -- ARGS..."
    Job.run = with_pause(Job.run, pause_hook(int(pause_after), marker, go))
    sys.exit(main(["code", *cli_args]))
