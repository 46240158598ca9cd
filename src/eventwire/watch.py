"""Follow news feeds (RSS and Atom, read with feedparser) and directories, ingesting each new
item once.

Politeness: every request carries Eventwire's User-Agent; a feed is asked for with the ETag and
Last-Modified it last answered (a 304 costs the server nothing); requests to one host are
spaced by ``delay`` seconds; robots.txt is obeyed for feeds and pages alike (a missing one
allows everything, an unreachable one nothing until the next round); a failing source is tried
again after a backoff that doubles up to a day, or after the Retry-After a server asks for.

What has been seen is kept in the store (:meth:`Store.seen`): a feed item by its id, a file by
its path, size and modification time, so a restart fetches nothing twice. An item is marked
seen after its article is stored; a crash in between fetches it once more, and storing is
idempotent, so nothing is lost or doubled.
"""

from __future__ import annotations

import calendar
import hashlib
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, date, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import feedparser

from eventwire.errors import FetchError
from eventwire.fetch import USER_AGENT, Response, request
from eventwire.inputs import MAX_BYTES
from eventwire.read import files, looks_like_html, read_file, readable
from eventwire.records import RawDocument, Skipped
from eventwire.store import Store

if TYPE_CHECKING:
    from eventwire.pipeline import Pipeline

Fetch = Callable[[str, int, dict[str, str]], Response]
FEED_TYPES = "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5"
MAX_FEED_BYTES = 10_000_000
MAX_BACKOFF_S = 86_400.0
ROBOTS_TTL_S = 86_400.0
ROBOTS_RETRY_S = 600.0  # after robots.txt could not be read: everything waits this long
SETTLE_S = 2.0  # a file changed more recently than this may still be being written
FULL_TEXT_CHARS = 1_500  # an entry's own content this long is the article; shorter, a teaser


@dataclass(frozen=True)
class SourceState:
    """What is remembered of a followed source between rounds and restarts."""

    source: str
    title: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    checked_at: float = 0.0
    failures: int = 0
    retry_at: float = 0.0
    note: str | None = None  # what the last round found, or why it failed


@dataclass(frozen=True)
class Item:
    """One new thing a source offers: its key among the source's items and what to read."""

    key: str
    read: Callable[[], list[RawDocument | Skipped]]


@dataclass
class Polite:
    """Requests that keep to robots.txt and space the requests to each host."""

    delay: float = 2.0
    fetch: Fetch = field(default=lambda url, limit, headers: request(url, limit, headers))
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    _last: dict[str, float] = field(default_factory=dict)
    _robots: dict[str, tuple[float, RobotFileParser | bool]] = field(default_factory=dict)

    def get(self, url: str, limit: int, headers: dict[str, str] | None = None) -> Response:
        """GET ``url`` when robots.txt allows it and the host's turn has come."""
        if not self.allowed(url):
            raise FetchError("disallowed by robots.txt")
        return self._spaced(url, limit, headers or {})

    def allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        fetched_at, rules = self._robots.get(origin, (None, None))
        ttl = ROBOTS_RETRY_S if rules is False else ROBOTS_TTL_S
        if fetched_at is None or self.clock() - fetched_at > ttl:
            rules = self._read_robots(origin)
            self._robots[origin] = (self.clock(), rules)
        return rules if isinstance(rules, bool) else rules.can_fetch(USER_AGENT, url)

    def _read_robots(self, origin: str) -> RobotFileParser | bool:
        """The site's rules; True (a 4xx: no rules) or False (unreachable or a 5xx: RFC 9309
        says assume everything is disallowed; asked again after ``ROBOTS_RETRY_S``)."""
        try:
            response = self._spaced(f"{origin}/robots.txt", 500_000, {})
        except FetchError:
            return False
        if 400 <= response.status < 500:
            return True
        if response.status >= 500:
            return False
        rules = RobotFileParser()
        rules.parse(response.body.decode("utf-8", "replace").splitlines())
        return rules

    def _spaced(self, url: str, limit: int, headers: dict[str, str]) -> Response:
        host = urlsplit(url).netloc
        wait = self._last.get(host, -self.delay) + self.delay - self.clock()
        if wait > 0:
            self.sleep(wait)
        try:
            return self.fetch(url, limit, headers)
        finally:
            self._last[host] = self.clock()


def backoff(state: SourceState, now: float, interval: float, retry_after: float | None) -> float:
    """When a source that has just failed for the ``state.failures``-th time is tried again."""
    wait = interval * 2 ** (state.failures - 1)
    return now + min(max(wait, retry_after or 0.0), MAX_BACKOFF_S)


def _retry_after(response: Response) -> float | None:
    value = response.headers.get("retry-after", "")
    return float(value) if value.isdigit() else None


def _published(entry: feedparser.FeedParserDict) -> date | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return datetime.fromtimestamp(calendar.timegm(parsed), UTC).date() if parsed else None


def _entry_key(entry: feedparser.FeedParserDict) -> str:
    key = entry.get("id") or entry.get("link")
    if key:
        return str(key)
    words = f"{entry.get('title', '')}\n{entry.get('summary', '')}"
    return "sha1:" + hashlib.sha1(words.encode()).hexdigest()


def _own_content(entry: feedparser.FeedParserDict) -> str:
    """The longest body the entry carries itself (full-text feeds), else its summary."""
    bodies = [c.get("value", "") for c in entry.get("content", [])]
    return max([*bodies, entry.get("summary", "")], key=len)


def entry_document(
    entry: feedparser.FeedParserDict, outlet: str | None, polite: Polite
) -> RawDocument | Skipped:
    """The article an entry announces: the entry's own full text, else its page, else (page
    refused or gone) the teaser the feed gives, which is all there is to code."""
    link = entry.get("link")
    doc_id = str(link or _entry_key(entry))
    own = _own_content(entry)
    doc = RawDocument(
        id=doc_id,
        content=own,
        is_html=looks_like_html(own) or "<" in own,
        origin=doc_id,
        title=entry.get("title"),
        url=link if link and link.startswith(("http://", "https://")) else None,
        published=_published(entry),
        outlet=outlet,
    )
    if len(own) >= FULL_TEXT_CHARS or not doc.url:
        return doc if own.strip() else Skipped(doc_id, "the entry has no text and no link")
    try:
        response = polite.get(doc.url, MAX_BYTES, {"Accept": "text/html,text/plain;q=0.9"})
        if response.status >= 400:
            raise FetchError(f"HTTP {response.status}")
        page = response.text()
    except FetchError as exc:
        if own.strip():
            return doc
        return Skipped(doc_id, str(exc))
    kind = response.headers.get("content-type", "")
    return replace(doc, content=page, is_html="html" in kind or looks_like_html(page))


@dataclass(frozen=True)
class Polled:
    """What one look at a source found."""

    state: SourceState
    items: list[Item]


def poll_feed(
    state: SourceState,
    polite: Polite,
    interval: float,
    now: float,
    seen: Callable[[list[str]], set[str]],
) -> Polled:
    """Ask a feed for what is new since it last answered (conditionally) and list the entries
    not seen before, oldest first; a failure schedules the retry."""
    headers = {"Accept": FEED_TYPES}
    if state.etag:
        headers["If-None-Match"] = state.etag
    if state.last_modified:
        headers["If-Modified-Since"] = state.last_modified
    retry_after = None
    try:
        response = polite.get(state.source, MAX_FEED_BYTES, headers)
        retry_after = _retry_after(response)
        if response.status == 304:
            ok = replace(state, checked_at=now, failures=0, retry_at=now + interval)
            return Polled(replace(ok, note="not modified"), [])
        if response.status >= 400:
            raise FetchError(f"HTTP {response.status}")
        feed = feedparser.parse(response.body, response_headers=response.headers)
        if feed.bozo and not feed.entries:
            raise FetchError(f"not a feed: {feed.get('bozo_exception', 'unreadable')}")
    except FetchError as exc:
        failed = replace(state, checked_at=now, failures=state.failures + 1, note=str(exc))
        return Polled(replace(failed, retry_at=backoff(failed, now, interval, retry_after)), [])
    outlet = feed.feed.get("title") or state.title
    entries = {_entry_key(e): e for e in reversed(feed.entries)}
    known = seen(list(entries))
    items = [
        Item(key, lambda e=entry: [entry_document(e, outlet, polite)])
        for key, entry in entries.items()
        if key not in known
    ]
    fresh = replace(
        state,
        title=outlet,
        etag=response.headers.get("etag"),
        last_modified=response.headers.get("last-modified"),
        checked_at=now,
        failures=0,
        retry_at=now + interval,
        note=f"{len(feed.entries)} entries, {len(items)} new",
    )
    return Polled(fresh, items)


def _directory_files(root: Path, now: float) -> Iterator[tuple[str, Path]]:
    """The readable files under ``root`` that have settled, keyed by path, size and time."""
    for path in files(root):
        if not readable(path):
            continue
        try:
            info = path.stat()
        except OSError:
            continue
        if now - info.st_mtime >= SETTLE_S:
            name = path.relative_to(root).as_posix()
            yield f"{name}|{info.st_size}|{info.st_mtime_ns}", path


def poll_directory(
    state: SourceState, interval: float, now: float, seen: Callable[[list[str]], set[str]]
) -> Polled:
    """The files under a directory that are new or changed since they were last read."""
    root = Path(state.source)
    if not root.is_dir():
        failed = replace(state, checked_at=now, failures=state.failures + 1, note="not a directory")
        return Polled(replace(failed, retry_at=backoff(failed, now, interval, None)), [])
    found = dict(_directory_files(root, now))
    known = seen(list(found))
    items = [
        Item(key, lambda p=path: list(read_file(p, p.relative_to(root).as_posix())))
        for key, path in found.items()
        if key not in known
    ]
    note = f"{len(found)} files, {len(items)} new"
    return Polled(
        replace(state, checked_at=now, failures=0, retry_at=now + interval, note=note), items
    )


def is_feed(source: str) -> bool:
    return source.startswith(("http://", "https://"))


@dataclass
class Tally:
    """What a round did with one source."""

    source: str
    note: str | None
    new: int = 0
    stored: int = 0
    events: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    retry_at: float = 0.0


def watch_round(
    store: Store, pipeline: Pipeline, polite: Polite, sources: list[str], interval: float,
    now: float,
) -> list[Tally]:  # fmt: skip
    """Look at every source that is due, ingest what is new, and remember it; a source not
    due yet is left alone and reported waiting."""
    tallies = []
    for source in sources:
        saved = store.watch_state(source)
        state = SourceState(**saved) if saved else SourceState(source)
        if state.retry_at > now:
            tallies.append(Tally(source, f"waiting (last: {state.note})", retry_at=state.retry_at))
            continue
        seen = partial(store.seen, source)
        if is_feed(source):
            polled = poll_feed(state, polite, interval, now, seen)
        else:
            polled = poll_directory(state, interval, now, seen)
        tally = Tally(
            source, polled.state.note, new=len(polled.items), retry_at=polled.state.retry_at
        )
        for item in polled.items:
            for result in pipeline.run(item.read()):
                if isinstance(result, Skipped):
                    tally.skipped.append(result)
                elif (
                    store.put(result, origin=result.article.url or result.article.id) != "unchanged"
                ):
                    tally.stored += 1
                    tally.events += len(result.events)
            store.mark_seen(source, item.key)
        store.save_watch_state(asdict(polled.state))
        tallies.append(tally)
    return tallies
