"""Reading inputs: files, directories, JSON Lines, URLs, and bad inputs that never stop a batch."""

from __future__ import annotations

import io
import json
import os
import sys
import time
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

import eventwire.fetch
import eventwire.read
from eventwire.fetch import FetchError, fetch
from eventwire.read import count_inputs, read_inputs, read_jsonl, read_url
from eventwire.records import RawDocument, Skipped

from .conftest import http_server

STORY = (
    "Harbour pilots in Port Halden refused to guide cargo ships into the port on Monday, "
    "saying the port authority had cut their night allowance without notice.\n"
)
OTHER_STORY = "Farmers blocked the ring road outside Varna with tractors for a second day.\n"
PAGE = (
    "<!DOCTYPE html><html><head><title>Pilots halt port traffic</title></head>"
    "<body><article><p>Harbour pilots halted traffic in Port Halden on Monday.</p>"
    "</article></body></html>"
)


def _items(*sources: object) -> list[RawDocument | Skipped]:
    return list(read_inputs([str(s) for s in sources]))


def _docs(items: list[RawDocument | Skipped]) -> list[RawDocument]:
    return [i for i in items if isinstance(i, RawDocument)]


def _skips(items: list[RawDocument | Skipped]) -> list[Skipped]:
    return [i for i in items if isinstance(i, Skipped)]


def _jsonl(*records: object) -> str:
    return "".join(
        (r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in records
    )


# --- single files ---------------------------------------------------------------------------


def test_text_file_becomes_a_plain_text_document(tmp_path: Path) -> None:
    path = tmp_path / "pilots.txt"
    path.write_text(STORY, encoding="utf-8")

    [doc] = _items(path)

    assert doc == RawDocument(id="pilots.txt", content=STORY, is_html=False, origin=str(path))


def test_html_file_becomes_an_html_document(tmp_path: Path) -> None:
    path = tmp_path / "pilots.html"
    path.write_text(PAGE, encoding="utf-8")

    [doc] = _items(path)

    assert isinstance(doc, RawDocument)
    assert doc.is_html
    assert doc.content == PAGE


def test_html_suffix_marks_a_fragment_as_html(tmp_path: Path) -> None:
    path = tmp_path / "fragment.htm"
    path.write_text("Pilots halted traffic on <b>Monday</b>.", encoding="utf-8")

    [doc] = _items(path)

    assert isinstance(doc, RawDocument)
    assert doc.is_html


def test_text_file_holding_a_page_is_read_as_html(tmp_path: Path) -> None:
    path = tmp_path / "saved-page.txt"
    path.write_text(PAGE, encoding="utf-8")

    [doc] = _items(path)

    assert isinstance(doc, RawDocument)
    assert doc.is_html


def test_utf8_byte_order_mark_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeff".encode() + STORY.encode("utf-8"))

    [doc] = _items(path)

    assert isinstance(doc, RawDocument)
    assert doc.content == STORY


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_utf16_with_its_byte_order_mark_is_decoded(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "wide.txt"
    data = STORY.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    path.write_bytes(data)

    [doc] = _items(path)

    assert isinstance(doc, RawDocument) and doc.content == STORY


# --- directories ----------------------------------------------------------------------------


def test_directory_is_read_recursively_and_skips_hidden_and_unsupported(tmp_path: Path) -> None:
    (tmp_path / "wires" / "east").mkdir(parents=True)
    (tmp_path / ".drafts").mkdir()
    (tmp_path / "a-pilots.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "wires" / "east" / "b-page.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / ".hidden-note.txt").write_text(OTHER_STORY, encoding="utf-8")
    (tmp_path / ".drafts" / "draft.txt").write_text(OTHER_STORY, encoding="utf-8")
    (tmp_path / "c-scan.pdf").write_bytes(b"%PDF-1.4 not really")
    (tmp_path / "d-README").write_text("notes for editors", encoding="utf-8")

    items = _items(tmp_path)

    docs = _docs(items)
    assert [d.id for d in docs] == ["a-pilots.txt", "wires/east/b-page.html"]
    assert [d.is_html for d in docs] == [False, True]
    assert {(Path(s.origin).name, s.reason) for s in _skips(items)} == {
        ("c-scan.pdf", "unsupported file type .pdf"),
        ("d-README", "unsupported file type (none)"),
    }
    assert not any(".hidden" in i.origin or ".drafts" in i.origin for i in items)


# --- JSON Lines -----------------------------------------------------------------------------


def test_jsonl_records_become_documents_with_their_metadata(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text(
        _jsonl(
            {
                "id": "wire-001",
                "text": STORY,
                "title": "Pilots halt port traffic",
                "url": "https://example.org/wire-001",
                "published": "2024-05-06T08:30:00Z",
                "outlet": "Coastline Wire",
            },
            {"id": 2, "text": OTHER_STORY},
        ),
        encoding="utf-8",
    )

    first, second = _items(path)

    assert first == RawDocument(
        id="wire-001",
        content=STORY,
        is_html=False,
        origin=f"{path}:1",
        title="Pilots halt port traffic",
        url="https://example.org/wire-001",
        published=date(2024, 5, 6),
        outlet="Coastline Wire",
    )
    assert isinstance(second, RawDocument)
    assert (second.id, second.origin, second.published) == ("2", f"{path}:2", None)


def test_jsonl_record_with_html_is_an_html_document() -> None:
    [doc] = read_jsonl(_jsonl({"id": "p1", "html": PAGE}), "mem")

    assert isinstance(doc, RawDocument)
    assert doc.is_html
    assert doc.content == PAGE


def test_jsonl_html_wins_over_text_and_blank_html_falls_back_to_text() -> None:
    both, blank = read_jsonl(
        _jsonl(
            {"id": "p1", "html": PAGE, "text": STORY}, {"id": "p2", "html": "  ", "text": STORY}
        ),
        "mem",
    )

    assert isinstance(both, RawDocument)
    assert isinstance(blank, RawDocument)
    assert (both.content, both.is_html) == (PAGE, True)
    assert (blank.content, blank.is_html) == (STORY, False)


NOT_A_DATE = '"published" must be a date'


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"id": "w1", "text": "Pilots struck', "invalid JSON"),
        (json.dumps({"text": STORY}), 'record has no "id"'),
        (json.dumps({"id": "w3", "title": "No body"}), 'record has no "text" or "html"'),
        (json.dumps({"id": "w4", "text": "   "}), 'record has no "text" or "html"'),
        (json.dumps(["w5", STORY]), "record is not a JSON object"),
        (json.dumps({"id": "w6", "text": STORY, "published": "2024-02-30"}), NOT_A_DATE),
        (json.dumps({"id": "w7", "text": STORY, "published": "last Tuesday"}), NOT_A_DATE),
        (json.dumps({"id": "w8", "text": STORY, "title": {"en": "x"}}), '"title" must be'),
        (json.dumps({"id": "w9", "text": STORY, "outlet": ["x", "y"]}), '"outlet" must be'),
        (json.dumps({"id": "w10", "text": STORY, "url": 42}), '"url" must be'),
        (json.dumps({"id": "w11", "text": STORY, "published": 20240301}), '"published" must'),
        (json.dumps({"id": ["w12"], "text": STORY}), '"id" must be'),
        (json.dumps({"id": True, "text": STORY}), '"id" must be a string or a number'),
        (json.dumps({"id": " ", "text": STORY}), '"id" is empty'),
        (json.dumps({"id": "w13", "text": STORY, "url": "javascript:alert(1)"}), '"url" must be'),
        (json.dumps({"id": "w14", "text": STORY, "title": "x" * 5000}), '"title" must have'),
        (json.dumps({"id": "w15", "text": ["Pilots struck."]}), '"text" must be a'),
        ("[" * 100_000 + "]" * 100_000, "JSON nested too deeply"),
    ],
)
def test_bad_jsonl_record_is_skipped_and_the_next_one_is_read(line: str, reason: str) -> None:
    items = list(read_jsonl(_jsonl(line, {"id": "after", "text": OTHER_STORY}), "batch.jsonl"))

    assert len(items) == 2
    skipped, after = items
    assert isinstance(skipped, Skipped)
    assert skipped.origin == "batch.jsonl:1"
    assert skipped.reason.startswith(reason)
    assert isinstance(after, RawDocument)
    assert (after.id, after.origin) == ("after", "batch.jsonl:2")


def test_blank_jsonl_lines_are_ignored_but_keep_line_numbers() -> None:
    text = "\n" + _jsonl({"id": "a", "text": STORY}) + "   \n" + _jsonl({"id": "b", "text": STORY})

    items = list(read_jsonl(text, "f.jsonl"))

    assert [(i.id, i.origin) for i in _docs(items)] == [("a", "f.jsonl:2"), ("b", "f.jsonl:4")]
    assert not _skips(items)


def test_jsonl_record_containing_a_unicode_line_separator_is_one_record() -> None:
    record = {"id": "ls", "text": "Pilots walked out.\u2028The port closed at noon."}

    items = list(read_jsonl(_jsonl(record, {"id": "next", "text": STORY}), "f.jsonl"))

    assert [(i.id, i.origin) for i in _docs(items)] == [("ls", "f.jsonl:1"), ("next", "f.jsonl:2")]
    assert not _skips(items)


# --- bad files ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\t\n", "empty"),
        ("bom-only.txt", b"\xef\xbb\xbf", "empty"),
        ("image.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary content"),
        ("latin1.txt", "Caf\u00e9 owners in Li\u00e8ge".encode("latin-1"), "not UTF-8 (byte 3)"),
        ("empty.jsonl", b"", "empty"),
    ],
)
def test_unreadable_file_is_skipped_with_a_reason(
    tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)

    assert _items(path) == [Skipped(str(path), reason)]


def test_oversized_file_is_skipped_and_a_file_at_the_limit_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(eventwire.read, "MAX_BYTES", 40)
    at_limit = tmp_path / "a-short.txt"
    at_limit.write_text("x" * 40, encoding="utf-8")
    too_big = tmp_path / "b-long.txt"
    too_big.write_text("x" * 41, encoding="utf-8")

    items = _items(tmp_path)

    assert [d.id for d in _docs(items)] == ["a-short.txt"]
    assert _skips(items) == [Skipped(str(too_big), "larger than 40 bytes")]


def test_missing_path_is_skipped(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "story.txt"

    assert _items(missing) == [Skipped(str(missing), "no such file or directory")]


def test_bad_inputs_never_stop_the_batch(tmp_path: Path) -> None:
    good_first = tmp_path / "first.txt"
    good_first.write_text(STORY, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x00\x01\x02")
    bad_lines = tmp_path / "lines.jsonl"
    bad_lines.write_text(
        _jsonl("{not json", {"id": "from-jsonl", "text": OTHER_STORY}), encoding="utf-8"
    )
    good_last = tmp_path / "last.txt"
    good_last.write_text(OTHER_STORY, encoding="utf-8")

    items = _items(good_first, tmp_path / "missing.txt", empty, binary, bad_lines, good_last)

    assert [d.id for d in _docs(items)] == ["first.txt", "from-jsonl", "last.txt"]
    assert len(_skips(items)) == 4


def test_stdin_jsonl_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    data = _jsonl({"id": "s1", "text": STORY}, "oops", {"id": "s2", "text": OTHER_STORY})
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data.encode("utf-8"))))

    items = list(read_inputs(["-"]))

    assert [d.id for d in _docs(items)] == ["s1", "s2"]
    assert [s.origin for s in _skips(items)] == ["<stdin>:2"]


def test_special_files_are_skipped_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # reading it would block for ever
    items = _items(fifo, Path("/dev/zero"))  # reading it would never end
    assert [(s.origin, s.reason) for s in _skips(items)] == [
        (str(fifo), "not a regular file"),
        ("/dev/zero", "not a regular file"),
    ]


def test_stdin_over_the_limit_is_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(eventwire.read, "MAX_BYTES", 1000)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"word " * 1000)))
    [skipped] = list(read_inputs(["-"]))
    assert isinstance(skipped, Skipped) and skipped.reason == "larger than 1000 bytes"


# --- URLs -----------------------------------------------------------------------------------

BIG_BODY = b"<html><body><p>" + b"Pilots waited on the quay. " * 200 + b"</p></body></html>"


ROUTES = {  # path -> (Content-Type, body); anything else is a 404
    "/story.html": ("text/html; charset=utf-8", PAGE.encode("utf-8")),
    "/notes": ("text/plain; charset=utf-8", STORY.encode("utf-8")),
    "/blank": ("text/plain", b"   \n"),
    "/big": ("text/html", BIG_BODY),
}
SLOW_CHUNKS = 6  # /slow sends its body a chunk every 0.2 s


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path.startswith("/redirect?to="):
            self.send_response(302)
            self.send_header("Location", self.path.removeprefix("/redirect?to="))
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if self.path == "/slow":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            try:
                for _ in range(SLOW_CHUNKS):
                    self.wfile.write(b"word ")
                    self.wfile.flush()
                    time.sleep(0.2)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up, as it should
            return
        if self.path not in ROUTES:
            self.send_error(404, "Not Found")
            return
        content_type, body = ROUTES[self.path]
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # quiet test output
        pass


@pytest.fixture
def server() -> Iterator[str]:
    with http_server(_Handler) as url:
        yield url


def test_a_slow_server_is_given_up_at_the_deadline(server: str) -> None:
    with pytest.raises(FetchError, match="took longer than"):
        fetch(f"{server}/slow", 10_000, timeout=0.5)


def test_a_redirect_into_the_local_network_is_refused(
    server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # "localhost" stands for a public host here: only 127.0.0.1 counts as internal
    monkeypatch.setattr(eventwire.fetch, "is_internal", lambda host: host == "127.0.0.1")
    public = server.replace("127.0.0.1", "localhost")
    with pytest.raises(FetchError, match="internal address"):
        fetch(f"{public}/redirect?to={server}/notes", 10_000)
    # a redirect within the address the user named is followed
    text, _ = fetch(f"{server}/redirect?to={server}/notes", 10_000)
    assert text == STORY


def test_url_page_is_fetched_as_html(server: str) -> None:
    url = f"{server}/story.html"

    doc = read_url(url)

    assert doc == RawDocument(id=url, content=PAGE, is_html=True, origin=url, url=url)


def test_url_plain_text_is_not_html(server: str) -> None:
    doc = read_url(f"{server}/notes")

    assert isinstance(doc, RawDocument)
    assert (doc.content, doc.is_html) == (STORY, False)


def test_url_not_found_is_skipped(server: str) -> None:
    url = f"{server}/gone.html"

    assert read_url(url) == Skipped(url, "HTTP 404")


def test_url_with_blank_body_is_skipped(server: str) -> None:
    url = f"{server}/blank"

    assert read_url(url) == Skipped(url, "empty")


def test_url_larger_than_the_limit_is_skipped(server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(eventwire.read, "MAX_BYTES", 1000)
    url = f"{server}/big"

    assert read_url(url) == Skipped(url, "larger than 1000 bytes")


def test_url_failures_do_not_stop_the_batch(server: str) -> None:
    items = _items(f"{server}/gone.html", f"{server}/story.html", f"{server}/notes")

    assert isinstance(items[0], Skipped)
    assert [d.id for d in _docs(items)] == [f"{server}/story.html", f"{server}/notes"]


def test_a_lone_surrogate_in_a_record_becomes_a_replacement_character() -> None:
    line = '{"id": "s1", "text": "Police fired tear gas \\ud800 at the crowd.", "title": "\\udfff"}'

    [doc] = read_jsonl(line, "mem")

    assert isinstance(doc, RawDocument)
    assert doc.content == "Police fired tear gas \ufffd at the crowd." and doc.title == "\ufffd"


def test_a_jsonl_file_over_the_cap_is_read_record_by_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cap holds per record, not per file: a batch of any length is read, a line over it
    is skipped alone (and never held in memory), as is a line that is not UTF-8."""
    monkeypatch.setattr(eventwire.read, "MAX_BYTES", 300)
    monkeypatch.setattr(eventwire.read, "CHUNK", 64)  # lines cross chunk boundaries
    short = [json.dumps({"id": f"r{i}", "text": f"Pilots struck in port {i}."}) for i in range(30)]
    long = json.dumps({"id": "long", "text": "x" * 400})
    batch = tmp_path / "batch.jsonl"
    batch.write_bytes(
        "\n".join([*short[:10], long, *short[10:20]]).encode()
        + b'\n{"id": "bad", "text": "\xff"}\n'
        + "\n".join(short[20:]).encode()
    )
    assert batch.stat().st_size > 3 * 300

    items = _items(batch)

    assert [d.id for d in _docs(items)] == [f"r{i}" for i in range(30)]
    assert _skips(items) == [
        Skipped(f"{batch}:11", "line larger than 300 bytes"),
        Skipped(f"{batch}:22", "not UTF-8 (byte 23)"),
    ]


def test_stdin_jsonl_over_the_cap_is_streamed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(eventwire.read, "MAX_BYTES", 200)
    monkeypatch.setattr(eventwire.read, "CHUNK", 50)
    records = [json.dumps({"id": i, "text": f"Dockers left berth {i}."}) for i in range(20)]
    data = "\n".join(records).encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))

    items = list(read_inputs(["-"]))

    assert [d.id for d in _docs(items)] == [str(i) for i in range(20)] and not _skips(items)


def test_the_count_of_inputs_is_what_reading_them_yields(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY)
    (tmp_path / "b.html").write_text(PAGE)
    (tmp_path / "c.jsonl").write_text(_jsonl({"id": 1, "text": STORY}, "oops") + "\n\n")
    (tmp_path / "d.pdf").write_bytes(b"%PDF")
    (tmp_path / ".hidden.txt").write_text(STORY)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "e.txt").write_text(OTHER_STORY)
    sources = [str(tmp_path), str(tmp_path / "a.txt"), str(tmp_path / "missing.txt")]

    assert count_inputs(sources) == len(list(read_inputs(sources))) == 8
    assert count_inputs(["-"]) is None
