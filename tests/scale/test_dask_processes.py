"""`steppe code --scheduler` against a scheduler and a worker in their own processes on
127.0.0.1: a scheduler killed mid-run is one error line and exit status 1, and the articles merged
before are kept."""
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from steppe.store import Store

pytestmark = pytest.mark.model
DASK = Path(sys.executable).parent / "dask"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(predicate, seconds: float) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def listening(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


@pytest.mark.skipif(not DASK.exists(), reason="the dask command is not installed")
def test_a_killed_scheduler_is_one_error_line(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({
        "id": f"a{i}", "date": "2004-05-02",
        "text": f"Uzbek border guards detained {i} Kyrgyz traders on Saturday. Kyrgyzstan's foreign ministry "
                "protested to Tashkent on Sunday."}) + "\n" for i in range(600)), encoding="utf-8")
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("STEPPE_") or k == "STEPPE_CACHE_DIR"}
    quiet = dict(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=tmp_path)
    procs = [subprocess.Popen([str(DASK), "scheduler", "--host", "127.0.0.1", "--port", str(port),
                               "--no-dashboard"], **quiet)]
    try:
        assert wait_for(lambda: listening(port), 30)
        procs.append(subprocess.Popen([str(DASK), "worker", address, "--nworkers", "1", "--nthreads", "1",
                                       "--host", "127.0.0.1", "--no-dashboard"], **quiet))
        db = tmp_path / "c.duckdb"
        client = subprocess.Popen([sys.executable, "-m", "steppe.cli", "code", str(src), "--db", str(db),
                                   "--no-places", "--scheduler", address, "--partition-size", "20"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=tmp_path)
        # kill the scheduler once the first partition is written: the run is under way
        assert wait_for(lambda: any(tmp_path.glob("steppe-parts-*/.runs/*/events/part-*.parquet")), 60)
        procs[0].send_signal(signal.SIGKILL)
        out, err = client.communicate(timeout=90)
    finally:
        for p in procs:
            p.kill()
            p.wait(10)
    assert client.returncode == 1, err
    # one line, whichever way the loss showed (a cancelled future, a closed connection)
    assert err.splitlines() == [f"steppe code: error: lost the Dask cluster at {address} (the connection to the "
                                "scheduler was lost); what was merged is stored: run the same command again to "
                                "code the rest"], err
    with Store(str(db), read_only=True) as store:
        merged = store.counts()["articles"]
    assert 0 <= merged < 600  # what was merged before the loss is stored; the rest is for the next run
