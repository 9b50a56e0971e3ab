def test_the_store_never_draws_duckdbs_progress_bar(tmp_path):
    # DuckDB draws a progress bar on stderr for a query longer than 2 s (an export slice at 10M
    # mentions); library code never prints, on the store's connection or its cursors
    from steppe.store.db import Store

    store = Store(str(tmp_path / "s.duckdb"))
    for con in (store.con, store.cursor().con):
        assert con.execute("SELECT current_setting('enable_progress_bar')").fetchone()[0] is False
    store.close()
