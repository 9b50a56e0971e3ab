"""Readers: files, folders, JSONL and stdin in; ``Article`` or ``Skipped`` records out.

Nothing else in steppe touches input files. Every input ends as an Article or as a Skipped
record naming the file (and line for JSONL) and the reason.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Optional, TextIO, Union

from steppe.ingest.html import extract_html
from steppe.records import Article, Skipped

SUPPORTED = (".txt", ".jsonl", ".html", ".htm")
DEFAULT_MAX_CHARS = 1_000_000

Item = Union[Article, Skipped]


@dataclass(frozen=True)
class ReadOptions:
    date: Optional[str] = None  # publication date for articles that have none
    max_chars: int = DEFAULT_MAX_CHARS  # longer texts are truncated and flagged


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def decode_bytes(data: bytes) -> tuple[str, tuple[str, ...]]:
    """Decode bytes as UTF-8 (with BOM handling); repair invalid input and flag it."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), ()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), ("utf-16",)
    try:
        return data.decode("utf-8"), ()
    except UnicodeDecodeError:
        pass
    # latin-1 text is the common case of non-UTF-8 news text; it decodes any byte sequence,
    # so prefer it only when the bytes look like text (few C0 control characters).
    controls = sum(1 for b in data if b < 9 or 13 < b < 32)
    if controls <= len(data) // 100:
        return data.decode("latin-1"), ("latin-1",)
    return data.decode("utf-8", errors="replace"), ("invalid-utf8",)


def looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    return b"\x00" in head


def _finish(article: Article, opts: ReadOptions) -> Item:
    text = article.text
    if not text or not text.strip():
        return Skipped(article.origin or article.id, "empty text", article.id)
    flags = article.flags
    if len(text) > opts.max_chars:
        text = text[: opts.max_chars]
        flags = flags + (f"truncated-to-{opts.max_chars}-chars",)
    date = article.date or opts.date
    if text is article.text and flags is article.flags and date == article.date:
        return article
    return Article(
        id=article.id, text=text, title=article.title, date=date, url=article.url,
        source=article.source, origin=article.origin, flags=flags,
    )


def read_text_file(path: Path, opts: ReadOptions) -> Iterator[Item]:
    data = path.read_bytes()
    if looks_binary(data):
        yield Skipped(str(path), "binary file (NUL bytes), not text")
        return
    text, flags = decode_bytes(data)
    if path.suffix.lower() in (".html", ".htm"):
        page = extract_html(text)
        yield _finish(Article(id=path.stem, text=page.text, title=page.title, date=page.date,
                              origin=str(path), flags=flags), opts)
        return
    yield _finish(Article(id=path.stem, text=text, origin=str(path), flags=flags), opts)


def _jsonl_article(obj: object, origin: str) -> Item:
    if not isinstance(obj, dict):
        return Skipped(origin, "not a JSON object")
    text = obj.get("text")
    if not isinstance(text, str):
        return Skipped(origin, "missing or non-string 'text' field", _str_or_none(obj.get("id")))
    art_id = _str_or_none(obj.get("id")) or content_hash(text)
    return Article(
        id=art_id, text=text, title=_str_or_none(obj.get("title")),
        date=_str_or_none(obj.get("date")), url=_str_or_none(obj.get("url")),
        source=_str_or_none(obj.get("source")), origin=origin,
    )


def _str_or_none(value: object) -> Optional[str]:
    if value is None:
        return None
    return value if isinstance(value, str) else str(value)


def read_jsonl_stream(stream: TextIO, name: str, opts: ReadOptions) -> Iterator[Item]:
    for lineno, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        origin = f"{name} line {lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Skipped(origin, f"malformed JSON: {exc.msg}")
            continue
        item = _jsonl_article(obj, origin)
        yield item if isinstance(item, Skipped) else _finish(item, opts)


def read_jsonl_file(path: Path, opts: ReadOptions) -> Iterator[Item]:
    with open(path, "rb") as fh:
        head = fh.read(8192)
    if looks_binary(head):
        yield Skipped(str(path), "binary file (NUL bytes), not JSON lines")
        return
    with open(path, encoding="utf-8", errors="replace", newline="") as stream:
        yield from read_jsonl_stream(stream, str(path), opts)


def read_stdin(stream: TextIO, opts: ReadOptions) -> Iterator[Item]:
    """Stdin holds JSON lines when its first non-blank character is '{', else one article."""
    data = stream.read()
    if data.lstrip().startswith("{"):
        yield from read_jsonl_stream(io.StringIO(data), "<stdin>", opts)
    else:
        yield _finish(Article(id=content_hash(data), text=data, origin="<stdin>"), opts)


def iter_paths(paths: Iterable[str]) -> Iterator[Union[Path, Skipped]]:
    """Expand folders (sorted, recursive) into supported files; name missing paths."""
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs.sort()
                for f in sorted(files):
                    fp = Path(root) / f
                    if fp.suffix.lower() in SUPPORTED:
                        yield fp
        elif p.is_file():
            yield p
        else:
            yield Skipped(raw, "no such file or folder")


def read_inputs(paths: Iterable[str], opts: ReadOptions = ReadOptions(),
                stdin: Optional[TextIO] = None) -> Iterator[Item]:
    """Every input path (or ``-`` for stdin) as Article / Skipped records, in order."""
    for raw in paths:
        if raw == "-":
            if stdin is None:
                yield Skipped("-", "stdin requested but none given")
            else:
                yield from read_stdin(stdin, opts)
            continue
        for p in iter_paths([raw]):
            if isinstance(p, Skipped):
                yield p
                continue
            suffix = p.suffix.lower()
            try:
                if suffix == ".jsonl":
                    yield from read_jsonl_file(p, opts)
                elif suffix in SUPPORTED or p.is_file():
                    yield from read_text_file(p, opts)
            except OSError as exc:
                yield Skipped(str(p), f"cannot read: {exc.strerror or exc}")
