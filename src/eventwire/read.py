"""Read raw documents from files, directories, JSON Lines, WARC archives, URLs and standard
input.

Every input yields either a :class:`RawDocument` or a :class:`Skipped` with a one-line reason;
a bad input never stops the batch.
"""

from __future__ import annotations

import codecs
import itertools
import json
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

from eventwire.fetch import FetchError, fetch
from eventwire.inputs import MAX_BYTES, UTF16_BOMS, InputError, decode, document_from_json
from eventwire.records import RawDocument, Skipped
from eventwire.warc import is_warc, read_warc

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
TEXT_SUFFIXES = frozenset({".txt", ".text"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
SUPPORTED = HTML_SUFFIXES | TEXT_SUFFIXES | JSONL_SUFFIXES
CHUNK = 1 << 20

Item = RawDocument | Skipped


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:1000].lower()
    return head.startswith("<") and (
        "<html" in head
        or "<!doctype" in head
        or "<body" in head
        or "<p" in head
        or "<article" in head
        or "<div" in head
    )


def read_jsonl(text: str, origin: str) -> Iterator[Item]:
    """Every record of JSON Lines ``text``; only "\\n" ends one (U+2028 and friends may stand
    unescaped inside JSON strings)."""
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            yield _record(line, f"{origin}:{number}")


def _record(line: str, where: str) -> Item:
    try:
        return document_from_json(json.loads(line), where)
    except json.JSONDecodeError as exc:
        return Skipped(where, f"invalid JSON ({exc.msg})")
    except RecursionError:
        return Skipped(where, "JSON nested too deeply")
    except InputError as exc:
        return Skipped(where, str(exc))


def lines(chunks: Iterable[bytes]) -> Iterator[bytes | None]:
    """The lines of a byte stream given in chunks, split at b"\\n" only; ``None`` for a line
    over ``MAX_BYTES``, which is read past and never held."""
    pending, over = bytearray(), False
    for chunk in chunks:
        start = 0
        while True:
            end = chunk.find(b"\n", start)
            if not over:
                pending += chunk[start:] if end < 0 else chunk[start:end]
                if len(pending) > MAX_BYTES:
                    pending, over = bytearray(), True
            if end < 0:
                break
            yield None if over else bytes(pending)
            pending, over = bytearray(), False
            start = end + 1
    if pending or over:
        yield None if over else bytes(pending)


def read_jsonl_stream(chunks: Iterable[bytes], origin: str) -> Iterator[Item]:
    """Every record of a JSON Lines stream, however long the stream; each line is capped at
    ``MAX_BYTES`` and decoded on its own, so one bad line costs only itself."""
    seen = False
    for number, line in enumerate(lines(chunks), start=1):
        where = f"{origin}:{number}"
        if line is None:
            seen = True
            yield Skipped(where, f"line larger than {MAX_BYTES} bytes")
            continue
        try:
            text = line.removeprefix(codecs.BOM_UTF8) if number == 1 else line
            text = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            seen = True
            yield Skipped(where, f"not UTF-8 (byte {exc.start})")
            continue
        if text.strip():
            seen = True
            yield _record(text, where)
    if not seen:
        yield Skipped(origin, "empty")


def _streamed(head: bytes, handle: BinaryIO, origin: str) -> Iterator[Item]:
    """The records of a JSON Lines stream whose first ``head`` bytes are already read."""
    chunks = itertools.chain([head], iter(lambda: handle.read(CHUNK), b""))
    return read_jsonl_stream(chunks, origin)


def _read_whole(head: bytes, handle: BinaryIO, origin: str) -> str | Skipped:
    """An input whose first ``head`` bytes are already read, whole and decoded, or why it
    cannot be: over the cap, binary, empty, not UTF-8."""
    data = head + handle.read(MAX_BYTES + 1 - len(head))
    if len(data) > MAX_BYTES:
        return Skipped(origin, f"larger than {MAX_BYTES} bytes")
    try:
        return decode(data)
    except InputError as exc:
        return Skipped(origin, str(exc))


def read_text(text: str, doc_id: str, origin: str) -> RawDocument:
    return RawDocument(id=doc_id, content=text, is_html=looks_like_html(text), origin=origin)


def read_file(path: Path, doc_id: str) -> Iterator[Item]:
    origin = str(path)
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            # a FIFO would block, a device (/dev/zero) never end
            yield Skipped(origin, "not a regular file")
            return
        if is_warc(path):
            yield from read_warc(path)
            return
        with path.open("rb") as handle:
            head = handle.read(CHUNK)
            if path.suffix.lower() in JSONL_SUFFIXES and not head.startswith(UTF16_BOMS):
                yield from _streamed(head, handle, origin)
                return
            text = _read_whole(head, handle, origin)
    except OSError as exc:
        yield Skipped(origin, exc.strerror or type(exc).__name__)
        return
    if isinstance(text, Skipped):
        yield text
    elif path.suffix.lower() in JSONL_SUFFIXES:
        yield from read_jsonl(text, origin)
    else:
        doc = read_text(text, doc_id, origin)
        if path.suffix.lower() in HTML_SUFFIXES and not doc.is_html:
            doc = replace(doc, is_html=True)
        yield doc


def files(root: Path) -> Iterator[Path]:
    """What a directory holds to read, in order: everything but folders and hidden names."""
    for path in sorted(root.rglob("*")):
        hidden = any(part.startswith(".") for part in path.relative_to(root).parts)
        if not hidden and not path.is_dir():
            yield path


def readable(path: Path) -> bool:
    """Whether a file's name says it is something the readers read."""
    return path.suffix.lower() in SUPPORTED or is_warc(path)


def read_directory(root: Path) -> Iterator[Item]:
    for path in files(root):
        if not readable(path):
            yield Skipped(str(path), f"unsupported file type {path.suffix or '(none)'}")
            continue
        yield from read_file(path, path.relative_to(root).as_posix())


def read_url(url: str) -> Item:
    try:
        text, content_type = fetch(url, MAX_BYTES)
    except FetchError as exc:
        return Skipped(url, str(exc))
    if not text.strip():
        return Skipped(url, "empty")
    is_html = "html" in content_type or looks_like_html(text)
    return RawDocument(id=url, content=text, is_html=is_html, origin=url, url=url)


def read_stdin() -> Iterator[Item]:
    """Standard input: JSON Lines (streamed, when it starts with "{") or one article."""
    stdin = sys.stdin.buffer
    head = stdin.read(CHUNK)
    if head.lstrip().startswith(b"{"):
        yield from _streamed(head, stdin, "<stdin>")
        return
    text = _read_whole(head, stdin, "<stdin>")
    if isinstance(text, Skipped):
        yield text
    elif text.lstrip().startswith("{"):  # JSON Lines in UTF-16
        yield from read_jsonl(text, "<stdin>")
    else:
        yield read_text(text, "stdin", "<stdin>")


def count_inputs(sources: Iterable[str]) -> int | None:
    """How many items :func:`read_inputs` will yield for ``sources`` (a JSON Lines file
    counts its non-blank lines), for a progress bar; None when it cannot be known in advance
    (standard input, a WARC archive). Unreadable paths count as the one skip they will be."""
    total = 0
    for source in sources:
        if source == "-":
            return None
        path = Path(source)
        found = (
            [path]
            if source.startswith(("http://", "https://")) or not path.is_dir()
            else files(path)
        )
        for file in found:
            if is_warc(file):
                return None
            total += _count_file(file) if file.suffix.lower() in JSONL_SUFFIXES else 1
    return total


def _count_file(path: Path) -> int:
    """The records of a JSON Lines file (its non-blank lines), or 1: what it will yield."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return 1
        with path.open("rb") as handle:
            count = sum(1 for line in handle if line.strip())
    except OSError:
        return 1
    return max(count, 1)


def read_inputs(sources: Iterable[str]) -> Iterator[Item]:
    """Yield a document or a skip for everything named by ``sources`` (paths, URLs, ``-``)."""
    for source in sources:
        if source == "-":
            yield from read_stdin()
        elif source.startswith(("http://", "https://")):
            yield read_url(source)
        else:
            path = Path(source)
            if path.is_dir():
                yield from read_directory(path)
            elif path.exists():
                yield from read_file(path, path.name)
            else:
                yield Skipped(source, "no such file or directory")
