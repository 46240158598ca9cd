"""WARC archives are an input like any other: every page in them, nothing else."""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from eventwire.read import count_inputs, read_inputs
from eventwire.records import RawDocument, Skipped

PAGE = (
    "<html><head><title>Clashes in Kidal</title></head><body><p>KIDAL, May 2 - Armed men"
    " attacked an army post near Kidal on Thursday, killing three soldiers, the army said.</p>"
    "</body></html>"
)
LATIN = "<html><body><p>Des manifestants ont défilé à Bamako mardi.</p></body></html>"


def _response(
    writer: WARCWriter, uri: str, body: bytes, content_type: str, status: str = "200 OK"
) -> None:
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(uri, "response", payload=BytesIO(body), http_headers=headers)
    writer.write_record(record)


def write_warc(path: Path, gzip: bool = True) -> Path:
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gzip)
        request = StatusAndHeaders(
            "GET /a HTTP/1.1", [("Host", "news.example")], is_http_request=True
        )
        writer.write_record(
            writer.create_warc_record(
                "https://news.example/a", "request", payload=BytesIO(b""), http_headers=request
            )
        )
        _response(writer, "https://news.example/a", PAGE.encode(), "text/html; charset=utf-8")
        _response(
            writer, "https://news.example/logo.png", b"\x89PNG\r\n\x1a\n\x00\x00", "image/png"
        )
        _response(
            writer,
            "https://news.example/gone",
            b"<html><body>Not found</body></html>",
            "text/html",
            "404 Not Found",
        )
        _response(
            writer,
            "https://news.example/b",
            LATIN.encode("latin-1"),
            "text/html; charset=ISO-8859-1",
        )
        _response(writer, "https://news.example/c", b"\xff\xfe\x00\x00garbage", "text/html")
    return path


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_every_page_of_a_warc_is_read_and_nothing_else(tmp_path: Path, name: str) -> None:
    path = write_warc(tmp_path / name, gzip=name.endswith(".gz"))
    items = list(read_inputs([str(path)]))
    pages = [i for i in items if isinstance(i, RawDocument)]
    assert [p.id for p in pages] == ["https://news.example/a", "https://news.example/b"]
    assert pages[0].is_html and pages[0].url == pages[0].id and "Kidal" in pages[0].content
    assert "défilé" in pages[1].content  # decoded with the charset the response named
    [skip] = [i for i in items if isinstance(i, Skipped)]
    assert skip.origin.endswith("#https://news.example/c") and "not" in skip.reason


def test_a_warc_in_a_directory_is_read_and_its_total_is_unknown(tmp_path: Path) -> None:
    write_warc(tmp_path / "crawl.warc.gz")
    (tmp_path / "note.txt").write_text("Police arrested two men in Mopti on Monday.")
    ids = [i.id for i in read_inputs([str(tmp_path)]) if isinstance(i, RawDocument)]
    assert ids == ["https://news.example/a", "https://news.example/b", "note.txt"]
    assert count_inputs([str(tmp_path)]) is None
    assert count_inputs([str(tmp_path / "note.txt")]) == 1


def test_a_damaged_warc_keeps_the_pages_before_the_damage(tmp_path: Path) -> None:
    whole = write_warc(tmp_path / "crawl.warc", gzip=False).read_bytes()
    records = [m.start() for m in re.finditer(rb"WARC/1\.[01]\r\n", whole)]
    cut = tmp_path / "cut.warc"
    cut.write_bytes(whole[: records[2]] + b"WARC/1.0\r\nnonsense without end")
    items = list(read_inputs([str(cut)]))
    assert [i.id for i in items if isinstance(i, RawDocument)] == ["https://news.example/a"]
    assert isinstance(items[-1], Skipped) and "damaged WARC file after 1 pages" in items[-1].reason
