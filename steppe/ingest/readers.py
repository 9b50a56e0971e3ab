"""Readers: files, folders, JSONL and stdin in; ``Article`` or ``Skipped`` records out.

Nothing else in steppe touches input files. Every input ends as an Article or as a Skipped
record naming the file (and line for JSONL) and the reason.
"""
from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import os
import re
from pathlib import Path
from typing import Iterable, Iterator, Optional, TextIO, Union

from steppe.ingest.checks import INVALID, ReadOptions, repair_text, validate
from steppe.ingest.html import extract_html
from steppe.records import Article, Skipped

SUPPORTED = (".txt", ".jsonl", ".html", ".htm")

Item = Union[Article, Skipped]


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF8_SHAPED = re.compile(rb"[\xc2-\xf4][\x80-\xbf]{1,3}")
_HIGH = bytes(range(0x80, 0x100))
_C0 = bytes([*range(0, 9), *range(14, 32)])  # control characters other than whitespace
_C1 = bytes(range(0x80, 0xA0))  # controls in latin-1, quotes and dashes in cp1252


def _count(data: bytes, which: bytes) -> int:
    return len(data) - len(data.translate(None, which))


def decode_bytes(data: bytes) -> tuple[str, tuple[str, ...]]:
    """Decode bytes as UTF-8 (BOM dropped), UTF-16 (with a BOM), else latin-1 / cp1252 when the
    bytes look like text in those, else UTF-8 with U+FFFD for the invalid bytes, flagged
    ``invalid-utf8``. Flags name what the reader had to do; any byte string decodes."""
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16"), ("utf-16",)
        except UnicodeDecodeError:  # odd length, unpaired surrogate
            return data.decode("utf-16", errors="replace"), ("utf-16", INVALID)
    if data.startswith(_UTF8_BOM):
        data = data[3:]
    try:
        return data.decode("utf-8"), ()
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    # UTF-8 with damage (a stray byte, a character cut short), not latin-1: most high bytes are
    # in UTF-8-shaped runs (a lead byte and continuation bytes, whole or cut short)
    shaped = _UTF8_SHAPED.findall(data)
    high = _count(data, _HIGH)
    if shaped and 2 * sum(map(len, shaped)) >= high:
        return text, (INVALID,)
    # latin-1 is the common case of non-UTF-8 news text, cp1252 (quotes and dashes in
    # 0x80-0x9F) its Windows variant; either decodes almost any bytes, so take them only when
    # the bytes look like text: few C0 controls, accented letters a minority of the text
    controls = _count(data, _C0)
    if controls <= len(data) // 100 and high <= max(1, len(data) * 3 // 10):
        if not _count(data, _C1):
            return data.decode("latin-1"), ("latin-1",)
        try:
            return data.decode("cp1252"), ("cp1252",)
        except UnicodeDecodeError:
            pass
    return text, (INVALID,)


def looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    return b"\x00" in head


def read_text_file(path: Path, opts: ReadOptions) -> Iterator[Item]:
    data = path.read_bytes()
    if looks_binary(data):
        yield Skipped(str(path), "binary file (NUL bytes), not text")
        return
    text, flags = decode_bytes(data)
    if path.suffix.lower() in (".html", ".htm"):
        page = extract_html(text)
        yield validate(Article(id=path.stem, text=page.text, title=page.title, date=page.date,
                              origin=str(path), flags=flags), opts)
        return
    yield validate(Article(id=path.stem, text=text, origin=str(path), flags=flags), opts)


def jsonl_article(obj: object, origin: str) -> Item:
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


def read_jsonl_stream(stream: Iterable[str], name: str, opts: ReadOptions,
                      flags: tuple[str, ...] = ()) -> Iterator[Item]:
    """One Article per JSON line; a line that is not a JSON object with a string ``text`` is
    Skipped as ``NAME line N``. Undecodable bytes read with errors="surrogateescape" are
    replaced and the article flagged ``invalid-utf8``; a UTF-8 BOM before line 1 is dropped."""
    for lineno, line in enumerate(stream, start=1):
        if lineno == 1:
            line = line.lstrip("\ufeff")
        if not line.strip():
            continue
        origin = f"{name} line {lineno}"
        try:
            obj = json.loads(line)
        except ValueError as exc:  # JSONDecodeError; integers past Python's digit limit
            yield Skipped(origin, f"malformed JSON: {getattr(exc, 'msg', exc)}")
            continue
        except RecursionError:
            yield Skipped(origin, "malformed JSON: nested too deeply")
            continue
        item = jsonl_article(obj, origin)
        if isinstance(item, Article) and flags:
            item = dataclasses.replace(item, flags=flags)
        yield item if isinstance(item, Skipped) else validate(item, opts)


def read_jsonl_file(path: Path, opts: ReadOptions) -> Iterator[Item]:
    with open(path, "rb") as fh:
        head = fh.read(8192)
    if head.startswith(_UTF16_BOMS):
        with open(path, encoding="utf-16", errors="replace", newline="") as stream:
            yield from read_jsonl_stream(stream, str(path), opts, ("utf-16",))
        return
    if looks_binary(head):
        yield Skipped(str(path), "binary file (NUL bytes), not JSON lines")
        return
    with open(path, encoding="utf-8", errors="surrogateescape", newline="") as stream:
        yield from read_jsonl_stream(stream, str(path), opts)


def read_stdin(stream: TextIO, opts: ReadOptions) -> Iterator[Item]:
    """Stdin holds JSON lines when its first non-blank character is '{', else one article.
    Read as bytes when it has a buffer (decoded as files are), else as text."""
    buffer = getattr(stream, "buffer", None)
    raw = buffer.read() if buffer is not None else None
    flags: tuple[str, ...] = ()
    if raw is None:
        data = stream.read()
    elif raw.startswith(_UTF16_BOMS):
        data, flags = decode_bytes(raw)
    else:
        data = raw.removeprefix(_UTF8_BOM).decode("utf-8", errors="surrogateescape")
    if data.lstrip().startswith("{"):
        yield from read_jsonl_stream(io.StringIO(data), "<stdin>", opts, flags)
        return
    if raw is not None:
        data, flags = decode_bytes(raw)
    yield validate(Article(id=content_hash(data), text=data, origin="<stdin>", flags=flags), opts)


def iter_paths(paths: Iterable[str]) -> Iterator[Union[Path, Skipped]]:
    """Expand folders (sorted, recursive) into supported files; name missing paths."""
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = False
            for root, dirs, files in os.walk(p):
                dirs.sort()
                for f in sorted(files):
                    fp = Path(root) / f
                    if fp.suffix.lower() in SUPPORTED:
                        found = True
                        yield fp
            if not found:
                yield Skipped(raw, f"folder holds no {', '.join(SUPPORTED)} files")
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
