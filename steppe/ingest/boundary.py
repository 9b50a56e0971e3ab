"""The one way in: every source of articles becomes ``Article`` / ``Skipped`` records here.

``ingest(source, opts)`` reads a source and passes every article through
``steppe.ingest.checks.validate`` (text, encoding, length, publication date), so the CLI, the
Python API, ``POST /articles``, the worker processes and the Dask partitions see the same
records, reasons and flags. Sources:

- ``Paths(paths, stdin)``: files, folders, JSONL files and ``-`` (stdin), as ``steppe code`` reads them;
- ``JsonlRange(path, offset, first_line, lines)``: a line range of a JSONL file (a Dask partition);
- ``Objects(items)``: Python strings, dicts in the input schema or ``Article`` records;
- ``Body(obj, origin)``: one decoded JSON object (an HTTP body), read as a JSONL line is.

The language check (``check_language``) comes after a run's duplicate ids are set aside, so it is
applied by the job (``steppe.job``), with the same reason everywhere.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator, Mapping, Optional, TextIO, Union

from steppe.ingest.checks import ReadOptions, validate
from steppe.ingest.language import language_filter
from steppe.ingest.readers import content_hash, jsonl_article, read_inputs, read_jsonl_stream
from steppe.records import Article, Skipped

Item = Union[Article, Skipped]


@dataclass(frozen=True)
class Paths:
    paths: tuple[str, ...]
    stdin: Optional[TextIO] = field(default=None, compare=False)


@dataclass(frozen=True)
class JsonlRange:
    path: str
    offset: int = 0  # text-mode position of the first line (TextIOWrapper.tell cookie)
    first_line: int = 1
    lines: int = 0


@dataclass(frozen=True)
class Objects:
    items: Iterable[Any] = field(compare=False)


@dataclass(frozen=True)
class Body:
    obj: Any
    origin: str = "<body>"


Source = Union[Paths, JsonlRange, Objects, Body]


def ingest(source: Source, opts: ReadOptions = ReadOptions()) -> Iterator[Item]:
    """The validated ``Article`` / ``Skipped`` records of ``source``, in order."""
    if isinstance(source, Paths):
        yield from read_inputs(source.paths, opts, stdin=source.stdin)
    elif isinstance(source, JsonlRange):
        yield from read_jsonl_range(source, opts)
    elif isinstance(source, Objects):
        for n, item in enumerate(source.items):
            yield from_object(item, n, opts)
    elif isinstance(source, Body):
        item = jsonl_article(source.obj, source.origin)
        yield item if isinstance(item, Skipped) else validate(item, opts)
    else:
        raise TypeError(f"not a source of articles: {type(source).__name__}")


def read_jsonl_range(part: JsonlRange, opts: ReadOptions) -> Iterator[Item]:
    """The records of ``part.lines`` lines of a JSONL file from ``part.offset``, with the line
    numbers (and so the origins) a read of the whole file gives them."""
    try:
        with open(part.path, encoding="utf-8", errors="replace", newline="") as fh:
            fh.seek(part.offset)
            lines = (fh.readline() for _ in range(part.lines))
            # blank lines before the range keep the reader's line numbers (it skips blank lines)
            stream = itertools.chain(itertools.repeat("\n", part.first_line - 1), lines)
            yield from read_jsonl_stream(stream, part.path, opts)  # type: ignore[arg-type]
    except OSError as exc:
        yield Skipped(part.path, f"cannot read: {exc.strerror or exc}")


def from_object(item: Any, n: int, opts: ReadOptions = ReadOptions()) -> Item:
    """A Python value as a validated Article: a string (id: a hash of the text), a mapping in
    the input schema (read as a JSONL line is, origin ``<article N>``) or an ``Article``."""
    if isinstance(item, Article):
        return validate(item, opts)
    if isinstance(item, str):
        return validate(Article(id=content_hash(item), text=item, origin=f"<text {n}>"), opts)
    if isinstance(item, Mapping):
        art = jsonl_article(dict(item), f"<article {n}>")
        return art if isinstance(art, Skipped) else validate(art, opts)
    return Skipped(f"<article {n}>", f"expected str, dict or Article, got {type(item).__name__}")


def check_language(items: Iterable[Item], lang: Optional[str]) -> Iterator[Item]:
    """Articles that do not look English become Skipped (with the reason), unless ``lang`` is 'en'."""
    return iter(items) if lang is not None else language_filter(items)


__all__ = ["Body", "JsonlRange", "Objects", "Paths", "Source", "check_language", "from_object", "ingest",
           "read_jsonl_range"]
