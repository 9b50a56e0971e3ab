"""Typed errors. Each names the article (and sentence) it is about where there is one."""
from __future__ import annotations

from typing import Optional


class SteppeError(Exception):
    """Base class for steppe's errors."""


class ModelNotInstalled(SteppeError):
    pass


class ConfigError(SteppeError):
    pass


class InputError(SteppeError):
    """An input that cannot be read or used; ``origin`` names the file (and line)."""

    def __init__(self, origin: str, reason: str, article_id: Optional[str] = None):
        super().__init__(f"{origin}: {reason}")
        self.origin = origin
        self.reason = reason
        self.article_id = article_id


class DictionaryError(SteppeError):
    """A user dictionary line that cannot be parsed; names file and line."""

    def __init__(self, path: str, line: int, reason: str):
        super().__init__(f"{path} line {line}: {reason}")
        self.path = path
        self.line = line
        self.reason = reason


class StoreError(SteppeError):
    """The database cannot be opened or used."""
