"""A LocalCluster shared by the scale tests: 2 worker processes (each with its nanny) on 127.0.0.1."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="package")  # closed after the last scale test
def local_cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None, silence_logs=50) as c:
        yield c
