"""Read the pages of a WARC file (a web crawl's archive, ISO 28500; plain or gzipped) as raw
documents, with warcio.

Each successful (200) response or resource record holding HTML or plain text is one document,
its id and URL the record's target URI. Requests, metadata, revisits, redirects and media are
not articles and are passed over; a page too large or undecodable is skipped with its reason,
and a damaged archive ends with one skip saying where it broke.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from eventwire.inputs import MAX_BYTES, InputError, decode
from eventwire.records import RawDocument, Skipped

SUFFIXES = (".warc", ".warc.gz")
PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
RECORD_TYPES = frozenset(
    {"warcinfo", "response", "resource", "request", "metadata", "revisit", "conversion",
     "continuation"}
)  # fmt: skip


def is_warc(path: Path) -> bool:
    return path.name.lower().endswith(SUFFIXES)


def _charset(content_type: str) -> str | None:
    for param in content_type.split(";")[1:]:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def decode_page(data: bytes, content_type: str) -> str:
    """The page's text: UTF-8 (or UTF-16 with a byte order mark), else the charset its
    Content-Type names; :class:`InputError` when neither reads it."""
    try:
        return decode(data)
    except InputError:
        charset = _charset(content_type)
        if not charset:
            raise
        try:
            return data.decode(charset)
        except (LookupError, UnicodeDecodeError) as exc:
            raise InputError(f"not {charset}") from exc


def _page(record, path: Path) -> RawDocument | Skipped | None:
    """The record as a document, a skip, or None when it is not a page at all."""
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    if record.rec_type == "response":
        if record.http_headers is None or not record.http_headers.get_statuscode().startswith("2"):
            return None
        content_type = record.http_headers.get_header("Content-Type") or ""
    elif record.rec_type == "resource":
        content_type = record.rec_headers.get_header("Content-Type") or ""
    else:
        return None
    if not content_type.lower().startswith(PAGE_TYPES) or not uri:
        return None
    origin = f"{path}#{uri}"
    data = record.content_stream().read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        return Skipped(origin, f"larger than {MAX_BYTES} bytes")
    try:
        text = decode_page(data, content_type)
    except InputError as exc:
        return Skipped(origin, str(exc))
    is_html = not content_type.lower().startswith("text/plain")
    return RawDocument(id=uri, content=text, is_html=is_html, origin=origin, url=uri)


def read_warc(path: Path) -> Iterator[RawDocument | Skipped]:
    """Every page in the archive at ``path``, in order."""
    pages = 0
    try:
        with path.open("rb") as handle:
            records = ArchiveIterator(handle)
            for record in records:
                if record.rec_type not in RECORD_TYPES:
                    raise ArchiveLoadFailed(f"unknown record type {record.rec_type!r}")
                page = _page(record, path)
                if page is not None:
                    pages += 1
                    yield page
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
        where = f" after {pages} pages" if pages else ""
        yield Skipped(str(path), f"damaged WARC file{where}: {exc}".strip())
