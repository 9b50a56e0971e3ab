"""Running the same per-article pipeline wider: worker processes on one machine (``local``) and a
Dask distributed cluster (``dask_runner``). No coding logic of its own: workers run
``steppe.pipeline.Coder`` and the parent writes the store (one writer)."""
