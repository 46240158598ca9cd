"""Following feeds and directories: each new item once, politely, across restarts."""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import ClassVar

import pytest
from click.testing import CliRunner

from eventwire.cli import main
from eventwire.fetch import Response
from eventwire.pipeline import Pipeline
from eventwire.store import Store
from eventwire.watch import (
    MAX_BACKOFF_S,
    ROBOTS_RETRY_S,
    Polite,
    SourceState,
    backoff,
    watch_round,
)

from .conftest import http_server

LONG = " ".join(
    ["GAO, Nov 3 - Gunmen attacked a convoy of trucks near Gao on Monday, killing five drivers,"
     " local officials said."] * 20
)  # fmt: skip
STORY = (
    "<html><body><article><p>MOPTI, Nov 3 - Soldiers arrested twelve suspected militants in a"
    " raid on a village near Mopti on Sunday, the army said in a statement.</p></article>"
    "</body></html>"
)


def item(n: int, link: str, description: str = "", content: str = "") -> str:
    encoded = f"<content:encoded><![CDATA[{content}]]></content:encoded>" if content else ""
    return (
        f"<item><title>Story {n}</title><link>{link}</link><guid>urn:story:{n}</guid>"
        f"<pubDate>Mon, 03 Nov 2025 10:00:00 GMT</pubDate><description>{description}</description>"
        f"{encoded}</item>"
    )


class Site:
    """What the test server serves, and what it was asked for."""

    items: ClassVar[list[str]] = []
    etag = '"v1"'
    status = 200
    retry_after: str | None = None
    asked: ClassVar[Counter[str]] = Counter()
    conditional: ClassVar[list[str]] = []


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        Site.asked[self.path] += 1
        if self.path == "/robots.txt":
            return self._send(200, "text/plain", b"User-agent: *\nDisallow: /private/\n")
        if self.path == "/feed.xml":
            Site.conditional.append(self.headers.get("If-None-Match", ""))
            if Site.status != 200:
                extra = {"Retry-After": Site.retry_after} if Site.retry_after else {}
                return self._send(Site.status, "text/plain", b"busy", extra)
            if self.headers.get("If-None-Match") == Site.etag:
                return self._send(304, "text/plain", b"")
            body = (
                '<?xml version="1.0"?><rss version="2.0"'
                ' xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
                f"<title>Sahel Courier</title>{''.join(Site.items)}</channel></rss>"
            )
            return self._send(200, "application/rss+xml", body.encode(), {"ETag": Site.etag})
        if self.path == "/story/1":
            return self._send(200, "text/html; charset=utf-8", STORY.encode())
        self._send(404, "text/plain", b"missing")

    def _send(self, status: int, kind: str, body: bytes, extra: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def site() -> Iterator[str]:
    with http_server(_Handler) as url:
        Site.items = [
            item(1, f"{url}/story/1", "Soldiers arrested twelve suspected militants."),
            item(2, f"{url}/story/2", content=LONG),
            item(3, f"{url}/private/3", "MOPTI, Nov 2 - Protesters marched in Mopti on Saturday."),
        ]
        Site.etag, Site.status, Site.retry_after = '"v1"', 200, None
        Site.asked, Site.conditional = Counter(), []
        yield url


def test_a_feed_is_read_once_politely_and_a_restart_fetches_nothing_again(
    site: str, tmp_path: Path, pipeline: Pipeline
) -> None:
    feed, db = f"{site}/feed.xml", tmp_path / "events.db"
    with Store(db) as store:
        [tally] = watch_round(store, pipeline, Polite(delay=0), [feed], 60, time.time())
        assert (tally.new, tally.stored, tally.skipped) == (3, 3, [])
        assert tally.note == "3 entries, 3 new" and tally.events > 0
        story = store.article(f"{site}/story/1")
        assert story is not None and "twelve suspected militants" in story["text"]
        assert story["outlet"] == "Sahel Courier" and story["published"] == "2025-11-03"
        assert "Gunmen attacked a convoy" in store.article(f"{site}/story/2")["text"]
        # robots.txt forbids the page: the feed's own teaser is what is coded
        assert "Protesters marched" in store.article(f"{site}/private/3")["text"]
    assert Site.asked == {"/robots.txt": 1, "/feed.xml": 1, "/story/1": 1}  # story 2 is full text

    Site.items.append(item(4, f"{site}/story/4", "SEGOU - A bridge was blown up on Friday."))
    Site.etag = '"v2"'
    polite = Polite(delay=0)
    with Store(db) as store:  # a new process: state and seen items come from the store
        [tally] = watch_round(store, pipeline, polite, [feed], 60, time.time() + 61)
        assert (tally.new, tally.note) == (1, "4 entries, 1 new")
        [again] = watch_round(store, pipeline, polite, [feed], 60, time.time() + 200)
        assert (again.new, again.note) == (0, "not modified")
    assert Site.conditional == ["", '"v1"', '"v2"']
    assert Site.asked["/story/1"] == 1 and Site.asked["/story/4"] == 1  # gone: its teaser kept
    assert Site.asked["/robots.txt"] == 2  # once per process


def test_a_source_not_due_is_left_alone(site: str, tmp_path: Path, pipeline: Pipeline) -> None:
    feed = f"{site}/feed.xml"
    with Store(tmp_path / "events.db") as store:
        now = time.time()
        watch_round(store, pipeline, Polite(delay=0), [feed], 60, now)
        [waiting] = watch_round(store, pipeline, Polite(delay=0), [feed], 60, now + 30)
        assert waiting.note == "waiting (last: 3 entries, 3 new)" and waiting.new == 0
    assert Site.asked["/feed.xml"] == 1


def test_a_failing_feed_backs_off_and_honours_retry_after(
    site: str, tmp_path: Path, pipeline: Pipeline
) -> None:
    Site.status, Site.retry_after = 503, "600"
    feed = f"{site}/feed.xml"
    with Store(tmp_path / "events.db") as store:
        now = time.time()
        [tally] = watch_round(store, pipeline, Polite(delay=0), [feed], 60, now)
        assert tally.note == "HTTP 503" and tally.retry_at == pytest.approx(now + 600)
        state = store.watch_state(feed)
        assert state["failures"] == 1
        [waiting] = watch_round(store, pipeline, Polite(delay=0), [feed], 60, now + 300)
        assert waiting.note == "waiting (last: HTTP 503)"
        Site.status = 200
        [tally] = watch_round(store, pipeline, Polite(delay=0), [feed], 60, now + 601)
        assert tally.stored == 3 and store.watch_state(feed)["failures"] == 0


def test_backoff_doubles_up_to_a_day() -> None:
    waits = [backoff(SourceState("s", failures=n), 0.0, 900, None) for n in range(1, 9)]
    assert waits[:4] == [900, 1800, 3600, 7200] and waits[-1] == MAX_BACKOFF_S


def test_requests_to_one_host_are_spaced_and_robots_is_read_once() -> None:
    now, slept, asked = [100.0], [], []

    def fetch(url: str, limit: int, headers: dict[str, str]) -> Response:
        asked.append(url)
        body = b"User-agent: *\nDisallow: /no/\n" if url.endswith("robots.txt") else b"ok"
        return Response(200, {}, body, "utf-8")

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    polite = Polite(delay=5.0, fetch=fetch, clock=lambda: now[0], sleep=sleep)
    polite.get("https://a.example/1", 100)
    polite.get("https://a.example/2", 100)
    polite.get("https://b.example/1", 100)
    with pytest.raises(Exception, match=r"robots\.txt"):
        polite.get("https://a.example/no/3", 100)
    assert asked == [
        "https://a.example/robots.txt",
        "https://a.example/1",
        "https://a.example/2",
        "https://b.example/robots.txt",
        "https://b.example/1",
    ]
    assert slept == [5.0, 5.0, 5.0]  # robots, page 1, page 2 on a.example; b.example's own pace


def test_a_directory_is_followed_file_by_file_and_a_changed_file_read_again(
    tmp_path: Path, pipeline: Pipeline
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    first = inbox / "a.txt"
    first.write_text("Police arrested four men in Kano on Monday, a police spokesman said.")
    (inbox / "picture.png").write_bytes(b"\x89PNG")
    old = time.time() - 60
    os.utime(first, (old, old))
    with Store(tmp_path / "events.db") as store:
        source = str(inbox)
        [tally] = watch_round(store, pipeline, Polite(delay=0), [source], 60, time.time())
        assert (tally.new, tally.stored, tally.note) == (1, 1, "1 files, 1 new")
        fresh = inbox / "b.txt"
        fresh.write_text("Protesters blocked a road in Kaduna on Tuesday, residents said.")
        [tally] = watch_round(store, pipeline, Polite(delay=0), [source], 60, time.time() + 61)
        assert (tally.new, tally.stored) == (1, 1)  # b.txt, settled by then
        first.write_text("Police arrested five men in Kano on Monday, a police spokesman said.")
        os.utime(first, (old + 1, old + 1))
        [tally] = watch_round(store, pipeline, Polite(delay=0), [source], 60, time.time() + 122)
        assert (tally.new, tally.stored) == (1, 1)
        assert "five men" in store.article("a.txt")["text"]


def test_the_watch_command_runs_once_and_refuses_what_it_cannot_follow(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    note = inbox / "a.txt"
    note.write_text("Police arrested four men in Kano on Monday, a police spokesman said.")
    os.utime(note, (time.time() - 60,) * 2)
    db = tmp_path / "events.db"
    result = CliRunner().invoke(main, ["watch", str(inbox), "--db", str(db), "--once"])
    assert result.exit_code == 0, result.output
    assert f"{inbox}: 1 files, 1 new; 1 stored" in result.output
    again = CliRunner().invoke(main, ["watch", str(inbox), "--db", str(db), "--once"])
    assert f"{inbox}: waiting (last: 1 files, 1 new); 0 stored" in again.output

    bad = CliRunner().invoke(main, ["watch", str(tmp_path / "nowhere"), "--db", str(db)])
    assert bad.exit_code == 2 and "neither a feed URL nor a directory" in bad.output


def test_a_robots_txt_that_fails_is_asked_again_after_minutes_not_a_day() -> None:
    now, answers = [0.0], [503, 200]

    def fetch(url: str, limit: int, headers: dict[str, str]) -> Response:
        status = answers.pop(0) if url.endswith("robots.txt") else 200
        return Response(status, {}, b"", "utf-8")

    polite = Polite(delay=0, fetch=fetch, clock=lambda: now[0], sleep=lambda s: None)
    assert not polite.allowed("https://a.example/1")
    now[0] += 60
    assert not polite.allowed("https://a.example/1")  # still waiting
    now[0] += ROBOTS_RETRY_S
    assert polite.allowed("https://a.example/1") and answers == []
