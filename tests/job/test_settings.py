"""Settings once: one precedence (defaults < steppe.toml < STEPPE_* < flags), checked wherever
they are made; a hash of what changes codings is stored with each article and a resumed run
re-codes exactly the articles coded with other settings."""
import dataclasses

import pytest

from steppe.config import Settings, load_settings, make_settings
from steppe.errors import ConfigError
from steppe.fingerprint import settings_hash
from steppe.ingest import Paths
from steppe.job import Job
from steppe.records import ArticleResult, Skipped
from steppe.store import Store
from steppe.ingest.readers import content_hash


def test_precedence_defaults_file_environment_flags(tmp_path):
    cfg = tmp_path / "steppe.toml"
    cfg.write_text("[steppe]\nbatch_size = 8\nmax_chars = 5000\nplaces = false\nmin_confidence = 0.2\n")
    env = {"STEPPE_MAX_CHARS": "6000", "STEPPE_PLACES": "yes", "STEPPE_WORKERS": "3"}
    s = load_settings(str(cfg), env=env, max_chars=7000)
    assert (s.batch_size, s.min_confidence) == (8, 0.2)  # file over defaults
    assert (s.places, s.workers) == (True, 3)  # environment over file
    assert s.max_chars == 7000  # flags over environment
    assert load_settings(str(cfg), env={}).max_chars == 5000


@pytest.mark.parametrize("where", ["file", "env", "flag", "python"])
def test_a_bad_value_is_refused_the_same_way_from_everywhere(tmp_path, where):
    cfg = tmp_path / "steppe.toml"
    cfg.write_text("[steppe]\nworkers = -2\n" if where == "file" else "")
    env = {"STEPPE_WORKERS": "-2"} if where == "env" else {}
    with pytest.raises(ConfigError, match=r"^--workers must be 0 \(one per core\) or more, not -2$"):
        if where == "python":
            Settings(workers=-2)
        else:
            load_settings(str(cfg), env=env, **({"workers": -2} if where == "flag" else {}))


def test_booleans_are_read_strictly():
    assert load_settings(env={"STEPPE_PLACES": "off"}).places is False
    with pytest.raises(ConfigError, match="setting 'places': cannot use 'maybe'"):
        load_settings(env={"STEPPE_PLACES": "maybe"})


def test_make_settings_takes_a_settings_value():
    given = Settings(places=False)
    assert make_settings(settings=given) is given
    assert make_settings(settings=given, batch_size=4) == dataclasses.replace(given, batch_size=4)


def test_the_hash_covers_what_changes_codings_only(tmp_path):
    base = Settings()
    assert settings_hash(base) == settings_hash(Settings(db="other.duckdb", batch_size=4, workers=3, lang="en"))
    for changed in (Settings(places=False), Settings(place_demonyms=True), Settings(implied_actors=True),
                    Settings(entailed_agents=False),
                    Settings(min_confidence=0.5), Settings(calibrated_confidence=False)):
        assert settings_hash(changed) != settings_hash(base), changed
    d = tmp_path / "actors.txt"
    d.write_text("ARNOR [ARN]\n")
    first = settings_hash(Settings(dicts=(str(d),)))
    assert first != settings_hash(base)
    d.write_text("ARNOR [ARNGOV]\n")  # the same path with other contents is another setting
    assert settings_hash(Settings(dicts=(str(d),))) != first


class HashingFake:
    """Stands in for steppe.pipeline.Coder (no model): records what it coded."""

    def __init__(self, settings, log):
        self.digest, self.log = settings_hash(settings), log

    def code_stream(self, items):
        for a in items:
            if isinstance(a, Skipped):
                yield a
                continue
            self.log.append(a.id)
            yield ArticleResult(a, content_hash(a.text), settings_hash=self.digest)


def test_resume_recodes_exactly_the_articles_coded_with_other_settings(tmp_path, monkeypatch):
    log = []
    monkeypatch.setattr("steppe.pipeline.cached_coder", lambda settings: HashingFake(settings, log))
    paths = []
    for name in ("a", "b", "c"):
        p = tmp_path / f"{name}.txt"
        p.write_text(f"Kazakh police detained ten men in {name}lmaty on Monday, and the ministry said so.")
        paths.append(str(p))
    with_places, without = Settings(), Settings(places=False)
    with Store(str(tmp_path / "r.duckdb")) as store:
        assert Job(with_places).run([Paths(tuple(paths))], store=store).articles == 3
        assert Job(with_places).run([Paths(tuple(paths))], store=store).unchanged == 3
        log.clear()
        Job(without).run([Paths((paths[0],))], store=store)  # a re-coded with places off
        assert log == ["a"]
        log.clear()
        summary = Job(without).run([Paths(tuple(paths))], store=store)
        assert log == ["b", "c"] and summary.unchanged == 1  # a already has these settings
        stored = {r["article_id"]: r["settings_hash"] for r in store.query("SELECT article_id, settings_hash FROM articles")}
        assert stored == dict.fromkeys("abc", settings_hash(without))
        log.clear()
        assert Job(without, resume=False).run([Paths(tuple(paths))], store=store).articles == 3  # --force
        assert log == ["a", "b", "c"]
