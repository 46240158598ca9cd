"""The local event store: one SQLite file, with schema migrations and full-text search.

Each article is written in one transaction, so a crash never leaves half an article. An
article is keyed by the hash of its clean text: ingesting it again changes nothing.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal

from eventwire.clusters import Report, assign, best_match, search_window
from eventwire.copies import COPY_SIMILARITY, article_hash, band_keys, signature, similarity
from eventwire.errors import SearchError, StoreError
from eventwire.marks import marks
from eventwire.ontology import PLOVER_TYPES
from eventwire.records import ArticleResult, Event, coded_now

DEFAULT_DB = Path("eventwire.db")
BUSY_TIMEOUT_S = 60.0  # how long a writer waits for another to finish its article

# Rebuilds the summary rows of the clusters whose ids ``{ids}`` gives (a list or a SELECT):
# each cluster's leading report (the most confident, then the first stored) with the keys it
# is filtered and sorted by, how many reports and independent sources it has (copies of one
# story, or of one wire agency's story, count once), and the most conservative credible death
# toll among its reports. ``fatalities`` is the toll its record shows: that ACLED figure for
# an event ACLED codes, else the leading report's count. Migration 3 is built from it: change
# it only together with a new migration that replaces the triggers.
_REFRESH_CLUSTERS = """
    DELETE FROM clusters WHERE id IN ({ids});
    INSERT INTO clusters (id, lead, article_id, rank, undated, day, type, country, admin1,
        location, lat, lon, actor, actor_country, actor_sector, recipient, recipient_country,
        recipient_sector, acled_event_type, acled_sub_event_type, fatalities, reports,
        independent, outlets, conservative)
    SELECT s.cluster_id, l.id, l.article_id, l.rank, l.date IS NULL, ifnull(l.date, ''), l.type,
        l.country, l.admin1, l.location, l.lat, l.lon, l.actor, l.actor_country,
        json_extract(l.record, '$.actor.sector'), l.recipient, l.recipient_country,
        json_extract(l.record, '$.recipient.sector'), l.acled_event_type,
        l.acled_sub_event_type,
        CASE WHEN l.acled_event_type IS NULL THEN ifnull(l.fatalities, 0)
            ELSE ifnull(s.conservative, 0) END,
        s.reports, s.independent, s.outlets, s.conservative
    FROM (
        SELECT e.cluster_id, count(*) AS reports,
            json_group_array(DISTINCT a.outlet) AS outlets,
            count(DISTINCT coalesce(lower(a.wire_agency), 'story ' || a.story_id)) AS independent,
            min(CASE WHEN json_extract(e.record, '$.acled.fatalities') > 0
                THEN json_extract(e.record, '$.acled.fatalities') END) AS conservative
        FROM events e JOIN articles a ON a.id = e.article_id
        WHERE e.cluster_id IN ({ids})
        GROUP BY e.cluster_id
    ) s
    JOIN events l ON l.id = (
        SELECT x.id FROM events x WHERE x.cluster_id = s.cluster_id
        ORDER BY x.confidence DESC, x.article_id, x.rank LIMIT 1
    );
"""

# Each migration moves the schema one version up; PRAGMA user_version records where it is.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        hash TEXT NOT NULL UNIQUE,
        doc_id TEXT NOT NULL,
        origin TEXT,
        title TEXT,
        text TEXT NOT NULL,
        published TEXT,
        outlet TEXT,
        byline TEXT,
        dateline TEXT,
        wire_agency TEXT,
        url TEXT,
        ingested_at TEXT NOT NULL
    );
    CREATE TABLE events (
        id TEXT PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        rank INTEGER NOT NULL,
        type TEXT NOT NULL,
        mode TEXT,
        date TEXT,
        date_precision TEXT,
        modality TEXT NOT NULL,
        confidence REAL NOT NULL,
        country TEXT,
        admin1 TEXT,
        location TEXT,
        lat REAL,
        lon REAL,
        actor TEXT,
        actor_country TEXT,
        recipient TEXT,
        recipient_country TEXT,
        fatalities INTEGER,
        injuries INTEGER,
        acled_event_type TEXT,
        acled_sub_event_type TEXT,
        record TEXT NOT NULL
    );
    CREATE INDEX events_date ON events(date);
    CREATE INDEX events_country ON events(country);
    CREATE INDEX events_type ON events(type);
    CREATE INDEX events_article ON events(article_id);
    CREATE TABLE evidence (
        event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        sentence TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL
    );
    CREATE INDEX evidence_event ON evidence(event_id);
    CREATE TABLE sources (
        event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        outlet TEXT,
        url TEXT,
        wire_agency TEXT
    );
    CREATE INDEX sources_event ON sources(event_id);
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, content='articles', content_rowid='id', tokenize='porter unicode61'
    );
    CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
    END;
    CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
    END;
    """,
    # Stories (copies of one text), event clusters (reports of one event), merge explanations,
    # user merge rules and reported tallies.
    """
    CREATE TABLE stories (id INTEGER PRIMARY KEY, canonical_article_id INTEGER NOT NULL);
    ALTER TABLE articles ADD COLUMN story_id INTEGER REFERENCES stories(id);
    ALTER TABLE articles ADD COLUMN signature BLOB;
    INSERT INTO stories (id, canonical_article_id) SELECT id, id FROM articles;
    UPDATE articles SET story_id = id;
    CREATE INDEX articles_story ON articles(story_id);
    CREATE TABLE article_bands (
        band INTEGER NOT NULL,
        key TEXT NOT NULL,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE
    );
    CREATE INDEX article_bands_key ON article_bands(band, key);
    ALTER TABLE events ADD COLUMN cluster_id TEXT;
    UPDATE events SET cluster_id = id;
    CREATE INDEX events_cluster ON events(cluster_id);
    CREATE INDEX events_type_country_date ON events(type, country, date);
    CREATE TABLE merges (
        event_id TEXT PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
        cluster_id TEXT NOT NULL,
        score REAL,
        matched TEXT NOT NULL,
        forced INTEGER NOT NULL DEFAULT 0,
        at TEXT NOT NULL
    );
    CREATE TABLE merge_rules (
        event_id TEXT NOT NULL,
        other_id TEXT NOT NULL,
        rule TEXT NOT NULL CHECK (rule IN ('force', 'forbid')),
        PRIMARY KEY (event_id, other_id)
    );
    CREATE TABLE tallies (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        count INTEGER,
        count_text TEXT NOT NULL,
        what TEXT NOT NULL,
        text TEXT NOT NULL,
        sentence TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL
    );
    CREATE INDEX tallies_article ON tallies(article_id);
    """,
    # A summary row per event cluster (its leading report's keys, counts and toll), kept up to
    # date by triggers, so listing, filtering and paging never regroup the whole store.
    """
    CREATE TABLE clusters (
        id TEXT PRIMARY KEY,
        lead TEXT NOT NULL,
        article_id INTEGER NOT NULL,
        rank INTEGER NOT NULL,
        undated INTEGER NOT NULL,
        day TEXT NOT NULL,
        type TEXT NOT NULL,
        country TEXT,
        admin1 TEXT,
        location TEXT,
        lat REAL,
        lon REAL,
        actor TEXT,
        actor_country TEXT,
        actor_sector TEXT,
        recipient TEXT,
        recipient_country TEXT,
        recipient_sector TEXT,
        acled_event_type TEXT,
        acled_sub_event_type TEXT,
        fatalities INTEGER NOT NULL,
        reports INTEGER NOT NULL,
        independent INTEGER NOT NULL,
        outlets TEXT NOT NULL,
        conservative INTEGER
    );
    """
    + _REFRESH_CLUSTERS.format(ids="SELECT cluster_id FROM events")
    + """
    CREATE INDEX clusters_newest ON clusters(day DESC, article_id, rank);
    CREATE INDEX clusters_oldest ON clusters(undated, day, article_id, rank);
    CREATE INDEX clusters_deadliest ON clusters(fatalities DESC, day DESC, article_id, rank);
    CREATE INDEX clusters_least_deadly ON clusters(fatalities, day DESC, article_id, rank);
    CREATE INDEX clusters_country ON clusters(country, type, day);
    CREATE INDEX clusters_actor_country ON clusters(actor_country, type, day);
    CREATE INDEX clusters_recipient_country ON clusters(recipient_country, type, day);
    CREATE INDEX clusters_type ON clusters(type, day);
    CREATE INDEX clusters_actor ON clusters(actor, actor_country, actor_sector);
    CREATE INDEX clusters_recipient
        ON clusters(recipient, recipient_country, recipient_sector, actor);
    CREATE INDEX clusters_place ON clusters(location, country, admin1, lat, lon);
    CREATE INDEX articles_doc ON articles(doc_id);
    """
    + f"""
    CREATE TRIGGER clusters_event_insert AFTER INSERT ON events BEGIN
        {_REFRESH_CLUSTERS.format(ids="NEW.cluster_id")}
    END;
    CREATE TRIGGER clusters_event_update AFTER UPDATE ON events BEGIN
        {_REFRESH_CLUSTERS.format(ids="OLD.cluster_id, NEW.cluster_id")}
    END;
    CREATE TRIGGER clusters_event_delete AFTER DELETE ON events BEGIN
        {_REFRESH_CLUSTERS.format(ids="OLD.cluster_id")}
    END;
    CREATE TRIGGER clusters_article_update AFTER UPDATE OF outlet, wire_agency, story_id
    ON articles BEGIN
        {_REFRESH_CLUSTERS.format(ids="SELECT cluster_id FROM events WHERE article_id = NEW.id")}
    END;
    """,
    # The time series groups by day and type: one covering index reads them in order.
    """
    CREATE INDEX clusters_day_type ON clusters(day, type, fatalities);
    """,
    # What `eventwire watch` remembers of the feeds and directories it follows.
    """
    CREATE TABLE watch_sources (
        source TEXT PRIMARY KEY,
        title TEXT,
        etag TEXT,
        last_modified TEXT,
        checked_at REAL NOT NULL,
        failures INTEGER NOT NULL,
        retry_at REAL NOT NULL,
        note TEXT
    );
    CREATE TABLE watch_seen (
        source TEXT NOT NULL,
        item TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (source, item)
    ) WITHOUT ROWID;
    """,
)


@dataclass(frozen=True, slots=True)
class EventFilter:
    """What ``events`` returns: every condition given must hold."""

    since: date | None = None
    until: date | None = None
    country: str | None = None
    type: str | None = None
    actor: str | None = None
    search: str | None = None
    min_sources: int | None = None  # independent sources: copies of one wire story count once
    limit: int | None = None
    admin1: str | None = None
    acled_type: str | None = None  # ACLED event type or sub-event type
    bbox: tuple[float, float, float, float] | None = None  # min lon, min lat, max lon, max lat


# Orders events can be listed in: (expression, descending) keys over the ``clusters`` summary,
# the last ones unique, so that a page can start after any event (keyset pagination). An
# undated event's ``day`` is '', so newest first puts undated events last.
SortKey = tuple[str, bool]
_NEWEST: tuple[SortKey, ...] = (("c.day", True), ("c.article_id", False), ("c.rank", False))
SORTS: dict[str, tuple[SortKey, ...]] = {
    "-date": _NEWEST,
    "date": (("c.undated", False), ("c.day", False), ("c.article_id", False), ("c.rank", False)),
    "-fatalities": (("c.fatalities", True), *_NEWEST),
    "fatalities": (("c.fatalities", False), *_NEWEST),
}
PERIODS = {
    "day": "c.day",
    "week": "date(c.day, '-6 days', 'weekday 1')",  # the Monday the week starts on
    "month": "date(c.day, 'start of month')",
}


@dataclass(frozen=True, slots=True)
class Reclustered:
    """What :meth:`Store.recluster` changed."""

    events: int
    clusters_before: int
    clusters_after: int
    split: int  # clusters whose reports now lie in more than one
    joined: int  # clusters that now hold reports of more than one earlier cluster

    @classmethod
    def between(cls, before: dict[str, str], after: dict[str, str]) -> Reclustered:
        old: dict[str, set[str]] = {}
        new: dict[str, set[str]] = {}
        for event_id, cluster in before.items():
            old.setdefault(cluster, set()).add(after[event_id])
            new.setdefault(after[event_id], set()).add(cluster)
        return cls(
            events=len(before),
            clusters_before=len(old),
            clusters_after=len(new),
            split=sum(len(parts) > 1 for parts in old.values()),
            joined=sum(len(parts) > 1 for parts in new.values()),
        )


Page = tuple[list[dict[str, Any]], list[Any] | None]
Put = Literal["stored", "recoded", "unchanged"]


def paged(fetch: Callable[[list[Any] | None], Page]) -> Iterator[dict[str, Any]]:
    """Every record of a keyset-paged query: ``fetch(after)`` gives a page (see
    :meth:`Store.page`) and where the next one starts, or None after the last."""
    after: list[Any] | None = None
    while True:
        records, after = fetch(after)
        yield from records
        if after is None:
            return


def read_only_disk(path: Path) -> bool:
    """Whether the store at ``path`` cannot be written: its folder or the file itself."""
    folder = path.resolve().parent
    return not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK))


def connect_read_only(path: Path, check_same_thread: bool = True) -> sqlite3.Connection:
    """Open an existing store so that nothing can be written, not even its journal files:
    on a read-only disk, where SQLite cannot make the WAL index, it is opened as immutable."""
    if not path.is_file():
        raise StoreError(f"no store at {path} (ingest articles into it first)")
    uri = path.resolve().as_uri()
    for mode in ("?mode=ro", "?mode=ro&immutable=1"):
        db = sqlite3.connect(
            uri + mode, uri=True, check_same_thread=check_same_thread, timeout=BUSY_TIMEOUT_S
        )
        try:
            db.execute("PRAGMA query_only = ON")
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return db
        except sqlite3.OperationalError as exc:
            db.close()
            if "unable to open" not in str(exc) or not read_only_disk(path):
                raise StoreError(f"cannot open {path}: {exc}") from exc
        except sqlite3.DatabaseError as exc:
            db.close()
            raise StoreError(f"cannot use {path}: {exc}") from exc
    raise StoreError(f"cannot open {path}: the disk is read-only and the store cannot be read")


MAX_NAME_SEARCH = 200


def _contains(text: str) -> str:
    """The LIKE pattern (escape character backslash) for names that contain ``text`` as
    written: its own ``%`` and ``_`` match only themselves."""
    if len(text) > MAX_NAME_SEARCH:
        raise SearchError(f"a name to look for is at most {MAX_NAME_SEARCH} characters")
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class Store:
    """Eventwire's SQLite store."""

    def __init__(
        self,
        path: Path | str = DEFAULT_DB,
        *,
        read_only: bool = False,
        check_same_thread: bool = True,
    ) -> None:
        """Open and migrate the store. A ``read_only`` connection neither migrates nor writes;
        without ``check_same_thread`` one may pass from thread to thread (one at a time)."""
        self.path = Path(path)
        if read_only:
            self.db = self._open_read_only(check_same_thread)
            return
        try:
            self.db = sqlite3.connect(
                self.path, check_same_thread=check_same_thread, timeout=BUSY_TIMEOUT_S
            )
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open {self.path}: {self._why(exc)}") from exc
        self.db.row_factory = sqlite3.Row
        try:
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.execute("PRAGMA journal_mode = WAL")
            self.migrate()
        except sqlite3.DatabaseError as exc:
            self.db.close()
            raise StoreError(f"cannot use {self.path}: {self._why(exc)}") from exc

    def _why(self, exc: sqlite3.Error) -> str:
        """SQLite's reason, or plain words when the disk or the file cannot be written."""
        if read_only_disk(self.path):
            return (
                "the disk or the file is read-only, so it can only be read"
                " (events, show, export and serve without a token still work)"
            )
        return str(exc)

    def _open_read_only(self, check_same_thread: bool) -> sqlite3.Connection:
        """A connection that cannot write, to a store that must exist; a store written by an
        older Eventwire is brought up to date first (which needs it writable)."""
        db = connect_read_only(self.path, check_same_thread)
        try:
            version = int(db.execute("PRAGMA user_version").fetchone()[0])
        except sqlite3.DatabaseError as exc:
            db.close()
            raise StoreError(f"cannot use {self.path}: {exc}") from exc
        if version >= len(MIGRATIONS):
            db.row_factory = sqlite3.Row
            return db
        db.close()
        Store(self.path).close()  # migrates, or says why it cannot
        return self._open_read_only(check_same_thread)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def migrate(self) -> None:
        """Bring the schema up to date, one migration per transaction."""
        for number, script in enumerate(MIGRATIONS, start=1):
            if self.version >= number:
                continue
            self.db.executescript(f"BEGIN; {script}; PRAGMA user_version = {number}; COMMIT;")

    def add(self, result: ArticleResult, origin: str | None = None, recode: bool = False) -> bool:
        """:meth:`put`, True when it wrote the article (new or re-coded)."""
        return self.put(result, origin, recode) != "unchanged"

    def put(self, result: ArticleResult, origin: str | None = None, recode: bool = False) -> Put:
        """Store an article, its events and tallies in one transaction: ``"stored"``, or
        ``"unchanged"`` when it was already there. An article stored before is coded anew
        (``"recoded"``: its old events and tallies give way to these; event ids stay) with
        ``recode``, or when it now comes with a publication day it was stored without or with
        another. A failure to write (a full disk, a read-only file) is a :class:`StoreError`,
        and leaves the store as it was."""
        try:
            return self._put(result, origin, recode)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot store {result.article.id}: {exc}") from exc

    def _put(self, result: ArticleResult, origin: str | None, recode: bool) -> Put:
        """The article joins the story of a stored near-copy, and each event joins the cluster of
        a stored report of the same event (or starts its own); every merge is recorded with
        the fields that matched.
        """
        article = result.article
        text_hash = article_hash(article.text)
        with self.db:
            # the write lock first, so that two writers cannot both find the article missing
            self.db.execute("BEGIN IMMEDIATE")
            stored = self.db.execute(
                "SELECT id, published, story_id FROM articles WHERE hash = ?", (text_hash,)
            ).fetchone()
            if stored is not None:
                published = article.published.isoformat() if article.published else None
                if not (recode or (published and published != stored["published"])):
                    return "unchanged"
                self.db.execute("DELETE FROM articles WHERE id = ?", (stored["id"],))
                self.db.execute(
                    "DELETE FROM stories WHERE id = ?"
                    " AND NOT EXISTS (SELECT 1 FROM articles WHERE story_id = ?)",
                    (stored["story_id"], stored["story_id"]),
                )
            sig = signature(article.text)
            story_id = self._story_of_copy(sig)
            cursor = self.db.execute(
                "INSERT INTO articles (hash, doc_id, origin, title, text, published, outlet,"
                " byline, dateline, wire_agency, url, ingested_at, story_id, signature)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    text_hash,
                    article.id,
                    origin,
                    article.title,
                    article.text,
                    article.published.isoformat() if article.published else None,
                    article.outlet,
                    article.byline,
                    article.dateline,
                    article.wire_agency,
                    article.url,
                    result.coded_at.isoformat(),
                    story_id,
                    sig,
                ),
            )
            article_id = int(cursor.lastrowid or 0)
            if story_id is None:
                story_id = int(
                    self.db.execute(
                        "INSERT INTO stories (canonical_article_id) VALUES (?)", (article_id,)
                    ).lastrowid
                    or 0
                )
                self.db.execute(
                    "UPDATE articles SET story_id = ? WHERE id = ?", (story_id, article_id)
                )
            self.db.executemany(
                "INSERT INTO article_bands VALUES (?, ?, ?)",
                [(band, key, article_id) for band, key in band_keys(sig)],
            )
            taken: set[str] = set()  # one article's events are different events
            for rank, event in enumerate(result.events):
                record = event.to_dict()
                match = best_match(
                    Report.of(record, event.id, story_id),
                    self._candidates(record, story_id),
                    frozenset(taken),
                )
                cluster_id = match.cluster_id if match else event.id
                taken.add(cluster_id)
                self._insert_event(event, record, article_id, rank, cluster_id)
                if match:
                    self.db.execute(
                        "INSERT INTO merges VALUES (?, ?, ?, ?, 0, ?)",
                        (event.id, cluster_id, match.score, json.dumps(match.matched), _now()),
                    )
                self.db.execute(
                    "INSERT INTO sources VALUES (?, ?, ?, ?, ?)",
                    (event.id, article_id, article.outlet, article.url, article.wire_agency),
                )
            self.db.executemany(
                "INSERT INTO tallies VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        article_id,
                        t.kind,
                        t.count.count,
                        t.count.text,
                        t.what,
                        t.text,
                        t.evidence.sentence,
                        t.evidence.start,
                        t.evidence.end,
                    )
                    for t in result.tallies
                ],
            )
        return "stored" if stored is None else "recoded"

    def _story_of_copy(self, sig: bytes) -> int | None:
        """The story of the stored article this text is a near-copy of, if any."""
        keys = band_keys(sig)
        rows = self.db.execute(
            "SELECT DISTINCT a.id, a.story_id, a.signature FROM article_bands b"
            " JOIN articles a ON a.id = b.article_id WHERE "
            + " OR ".join(["(b.band = ? AND b.key = ?)"] * len(keys)),
            [value for pair in keys for value in pair],
        ).fetchall()
        scored = [
            (similarity(sig, row["signature"]), -row["id"], row["story_id"])
            for row in rows
            if row["signature"] is not None
        ]
        best = max(scored, default=None)
        return best[2] if best and best[0] >= COPY_SIMILARITY else None

    def _candidates(self, record: dict[str, Any], story_id: int) -> list[Report]:
        """Stored reports that may tell the same event: the copies of its own story, and
        reports of its kind in its country (or, without one, with none) within the widest date
        window. Indexed lookups, so the cost follows how many such events fall in those weeks,
        not the size of the store."""
        select = (
            "SELECT e.id, e.record, e.cluster_id, a.story_id FROM events e"
            " JOIN articles a ON a.id = e.article_id WHERE e.type = ?"
        )
        rows = self.db.execute(select + " AND a.story_id = ?", (record["type"], story_id))
        found = {r["id"]: r for r in rows}
        if record["date"]:
            low, high = search_window(date.fromisoformat(record["date"]))
            country = (record.get("location") or {}).get("country")
            rows = self.db.execute(
                select + " AND e.country IS ? AND e.date BETWEEN ? AND ?",
                (record["type"], country, low.isoformat(), high.isoformat()),
            )
            found.update((r["id"], r) for r in rows)
        return [
            Report.of(json.loads(r["record"]), r["cluster_id"], r["story_id"])
            for r in found.values()
        ]

    def _insert_event(
        self, event: Event, record: dict[str, Any], article_id: int, rank: int, cluster_id: str
    ) -> None:
        location, actor, recipient = event.location, event.actor, event.recipient
        self.db.execute(
            "INSERT INTO events (id, article_id, rank, type, mode, date, date_precision,"
            " modality, confidence, country, admin1, location, lat, lon, actor, actor_country,"
            " recipient, recipient_country, fatalities, injuries, acled_event_type,"
            " acled_sub_event_type, record, cluster_id)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                event.id,
                article_id,
                rank,
                event.type,
                event.mode,
                record["date"],
                event.date_precision,
                event.modality,
                event.confidence,
                location.country if location else None,
                location.admin1 if location else None,
                location.name if location else None,
                location.lat if location else None,
                location.lon if location else None,
                actor.name or actor.text if actor else None,
                actor.country if actor else None,
                recipient.name or recipient.text if recipient else None,
                recipient.country if recipient else None,
                event.fatalities.count if event.fatalities else None,
                event.injuries.count if event.injuries else None,
                event.acled.event_type if event.acled else None,
                event.acled.sub_event_type if event.acled else None,
                json.dumps(record, ensure_ascii=False),
                cluster_id,
            ),
        )
        self.db.executemany(
            "INSERT INTO evidence VALUES (?, ?, ?, ?)",
            [(event.id, e.sentence, e.start, e.end) for e in event.evidence],
        )

    def _rows(self, sql: str, params: Sequence[Any]) -> list[sqlite3.Row]:
        try:
            return self.db.execute(sql, params).fetchall()
        except sqlite3.OperationalError as exc:
            raise StoreError(str(exc)) from exc

    def _check_search(self, query: str) -> None:
        """Raise :class:`SearchError` if ``query`` is not valid FTS5 syntax."""
        try:
            self.db.execute(
                "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? LIMIT 1", (query,)
            ).fetchall()
        except sqlite3.OperationalError as exc:
            raise SearchError(f"bad search query {query!r}: {exc}") from exc

    def _filter(self, where: EventFilter) -> tuple[list[str], list[Any]]:
        """SQL conditions on the cluster summary ``c`` for ``where`` (all but its limit)."""
        clauses: list[str] = []
        params: list[Any] = []
        if where.since:
            clauses.append("c.day >= ?")
            params.append(where.since.isoformat())
        if where.until:
            clauses.append("c.day > '' AND c.day <= ?")
            params.append(where.until.isoformat())
        if where.country:
            clauses.append("(c.country = ? OR c.actor_country = ? OR c.recipient_country = ?)")
            params.extend([where.country.upper()] * 3)
        if where.type:
            # No ACLED label is a PLOVER name, so a PLOVER name needs the type index alone.
            if where.type.upper() in PLOVER_TYPES:
                clauses.append("c.type = ?")
                params.append(where.type.upper())
            else:
                clauses.append("(c.acled_event_type = ? OR c.acled_sub_event_type = ?)")
                params.extend([where.type] * 2)
        if where.acled_type:
            clauses.append("(c.acled_event_type = ? OR c.acled_sub_event_type = ?)")
            params.extend([where.acled_type] * 2)
        if where.admin1:
            clauses.append("c.admin1 = ? COLLATE NOCASE")
            params.append(where.admin1)
        if where.actor:
            clauses.append("(c.actor LIKE ? ESCAPE '\\' OR c.recipient LIKE ? ESCAPE '\\')")
            params.extend([_contains(where.actor)] * 2)
        if where.bbox:
            min_lon, min_lat, max_lon, max_lat = where.bbox
            clauses.append("c.lon BETWEEN ? AND ? AND c.lat BETWEEN ? AND ?")
            params.extend([min_lon, max_lon, min_lat, max_lat])
        if where.search:
            self._check_search(where.search)
            clauses.append(
                "c.id IN (SELECT m.cluster_id FROM events m WHERE m.article_id IN"
                " (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?))"
            )
            params.append(where.search)
        if where.min_sources:
            clauses.append("c.independent >= ?")
            params.append(where.min_sources)
        return clauses, params

    def events(self, where: EventFilter = EventFilter()) -> list[dict[str, Any]]:
        """Stored events matching ``where``, newest first: one per real-world event, told by
        its most confident report, with how many reports and independent sources it has."""
        records, _ = self.page(where, limit=where.limit)
        return records

    def each_event(
        self, where: EventFilter = EventFilter(), page_size: int = 500, sort: str = "-date"
    ) -> Iterator[dict[str, Any]]:
        """Every event matching ``where`` in the order ``sort``, read a page per query: a
        store of any size streams in constant memory."""
        return paged(lambda after: self.page(where, sort, after=after, limit=page_size))

    def page(
        self,
        where: EventFilter = EventFilter(),
        sort: str = "-date",
        after: Sequence[Any] | None = None,
        limit: int | None = 100,
    ) -> tuple[list[dict[str, Any]], list[Any] | None]:
        """Up to ``limit`` events matching ``where`` in the order ``sort`` (a key of
        :data:`SORTS`) that come after the event whose sort key is ``after``; and the sort key
        of the last one when more follow, to ask for the next page with."""
        keys = SORTS[sort]
        clauses, params = self._filter(where)
        if after is not None:
            if len(after) != len(keys):
                raise ValueError(f"a {sort} position has {len(keys)} values, not {len(after)}")
            clause, values = _after(keys, after)
            clauses.append(clause)
            params.extend(values)
        order = ", ".join(f"{expr}{' DESC' if desc else ''}" for expr, desc in keys)
        columns = ", ".join(f"{expr} AS k{n}" for n, (expr, _) in enumerate(keys))
        sql = (
            f"{_LEADS_SQL}, {columns} {_LEADS_FROM}"
            + (" WHERE " + " AND ".join(clauses) if clauses else "")
            + f" ORDER BY {order}"
            + (" LIMIT ?" if limit else "")
        )
        rows = self._rows(sql, [*params, limit + 1] if limit else params)
        more = bool(limit) and len(rows) > limit
        rows = rows[:limit] if limit else rows
        last = [rows[-1][f"k{n}"] for n in range(len(keys))] if more else None
        return [_clustered(row) for row in rows], last

    def optimize(self) -> None:
        """Gather statistics for the query planner when the event summary has none, or has
        more than doubled since they were gathered."""
        stats = (
            self.db.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone()
            and self.db.execute(
                "SELECT stat FROM sqlite_stat1 WHERE tbl = 'clusters' LIMIT 1"
            ).fetchone()
        )
        analyzed = int(stats[0].split()[0]) if stats else 0
        if self.count_events() > 2 * analyzed:
            self.db.execute("ANALYZE")
            self.db.commit()

    def count_events(self, where: EventFilter = EventFilter()) -> int:
        """How many events (clusters) match ``where``, whatever its limit."""
        clauses, params = self._filter(where)
        sql = "SELECT count(*) FROM clusters c" + (
            " WHERE " + " AND ".join(clauses) if clauses else ""
        )
        return int(self._rows(sql, params)[0][0])

    def timeseries(self, where: EventFilter = EventFilter(), interval: str = "day") -> list[dict]:
        """Dated events matching ``where`` per period (a key of :data:`PERIODS`; weeks start
        on Monday) and PLOVER type: how many, and the sum of their fatalities (the ACLED
        figure each record shows where ACLED codes it, else its leading report's count)."""
        clauses, params = self._filter(where)
        period = PERIODS[interval]
        sql = (
            f"SELECT {period} AS period, c.type, count(*) AS events,"
            " sum(c.fatalities) AS fatalities FROM clusters c"
            " WHERE " + " AND ".join(["c.day > ''", *clauses]) + " GROUP BY period, c.type"
            " ORDER BY period, c.type"
        )
        return [dict(row) for row in self._rows(sql, params)]

    def articles(
        self, search: str | None = None, before: int | None = None, limit: int = 100
    ) -> list[dict[str, Any]]:
        """Stored articles, the latest stored first, each with its store ``key`` (to page
        with: pass the last one as ``before``) and how many events it reports."""
        clauses, params = [], []
        if search:
            self._check_search(search)
            clauses.append("a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
            params.append(search)
        if before is not None:
            clauses.append("a.id < ?")
            params.append(before)
        sql = (
            "SELECT a.id AS key, a.doc_id AS id, a.title, a.outlet, a.url, a.published,"
            " a.wire_agency, (SELECT count(*) FROM events e WHERE e.article_id = a.id) AS events"
            " FROM articles a"
            + (" WHERE " + " AND ".join(clauses) if clauses else "")
            + " ORDER BY a.id DESC LIMIT ?"
        )
        return [dict(row) for row in self._rows(sql, [*params, limit])]

    def article(self, doc_id: str) -> dict[str, Any] | None:
        """The latest stored article with this document id: its fields, text, events and
        reported tallies."""
        rows = self._rows(
            "SELECT id AS key, doc_id AS id, title, outlet, url, published, wire_agency, byline,"
            " dateline, origin, ingested_at, text FROM articles WHERE doc_id = ?"
            " ORDER BY key DESC LIMIT 1",  # "id" would be the document id here
            (doc_id,),
        )
        if not rows:
            return None
        found = dict(rows[0])
        rows = self._rows(
            "SELECT id, type, date, cluster_id, record FROM events WHERE article_id = ?"
            " ORDER BY rank",
            (found.pop("key"),),
        )
        records = [json.loads(row["record"]) for row in rows]
        found["events"] = [
            {"id": row["id"], "type": row["type"], "date": row["date"],
             "cluster_id": row["cluster_id"], **_brief(record)}
            for row, record in zip(rows, records, strict=True)
        ]  # fmt: skip
        found["marks"] = marks(found["text"], records)
        found["tallies"] = self.tallies(doc_id)
        return found

    def actors(self, search: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
        """Actors by how many events (clusters) they lead as actor or recipient, most first;
        ``search`` keeps the names that contain it."""
        like = " AND {role} LIKE ? ESCAPE '\\'" if search else ""
        sql = (
            "SELECT name, max(country) AS country, max(sector) AS sector, sum(n) AS events FROM"
            " (SELECT actor AS name, max(actor_country) AS country, max(actor_sector) AS sector,"
            " count(*) AS n FROM clusters WHERE actor IS NOT NULL"
            + like.format(role="actor")
            + " GROUP BY actor UNION ALL SELECT recipient, max(recipient_country),"
            " max(recipient_sector), count(*) FROM clusters"
            " WHERE recipient IS NOT NULL AND recipient IS NOT actor"
            + like.format(role="recipient")
            + " GROUP BY recipient) GROUP BY name ORDER BY events DESC, name LIMIT ?"
        )
        params = [_contains(search)] * 2 if search else []
        return [dict(row) for row in self._rows(sql, [*params, limit])]

    def places(self, limit: int = 100) -> list[dict[str, Any]]:
        """Places by how many events (clusters) happened there, most first."""
        return [
            dict(row)
            for row in self._rows(
                "SELECT location AS name, country, admin1, lat, lon, count(*) AS events"
                " FROM clusters WHERE location IS NOT NULL"
                " GROUP BY location, country, admin1, lat, lon ORDER BY events DESC, name LIMIT ?",
                (limit,),
            )
        ]

    def event(self, event_id: str) -> dict[str, Any] | None:
        """One real-world event (by the id of any of its reports, or of its cluster): its
        leading report, every report with its source and figures, why they were merged,
        and the text of the article the leading report's evidence points into."""
        cluster = self._rows(
            "SELECT cluster_id FROM events WHERE id = ? OR cluster_id = ? LIMIT 1",
            (event_id, event_id),
        )
        if not cluster:
            return None
        cluster_id = cluster[0]["cluster_id"]
        rows = self._rows(
            f"{_LEADS_SQL}, a.text {_LEADS_FROM} WHERE c.id = ?",
            (cluster_id,),
        )
        found = _clustered(rows[0])
        found["article_text"] = rows[0]["text"]
        found["marks"] = marks(found["article_text"], [found])
        found["reports"] = [
            {
                "event_id": r["id"],
                "article": r["doc_id"],
                "title": r["title"],
                "outlet": r["outlet"],
                "url": r["url"],
                "wire_agency": r["wire_agency"],
                "published": r["published"],
                "story": r["story_id"],
                "fatalities": (record := json.loads(r["record"]))["fatalities"],
                "injuries": record["injuries"],
                "attribution": record["attribution"],
                "merged": json.loads(r["matched"]) if r["matched"] else None,
                "forced": bool(r["forced"]),
            }
            for r in self._rows(
                "SELECT e.id, e.record, a.doc_id, a.title, a.outlet, a.url, a.wire_agency,"
                " a.published, a.story_id, m.matched, m.forced FROM events e"
                " JOIN articles a ON a.id = e.article_id LEFT JOIN merges m ON m.event_id = e.id"
                " WHERE e.cluster_id = ? ORDER BY a.id, e.rank",
                (cluster_id,),
            )
        ]
        found["sources"] = [
            {
                "outlet": report["outlet"],
                "url": report["url"],
                "wire_agency": report["wire_agency"],
                "doc_id": report["article"],
                "title": report["title"],
                "published": report["published"],
            }
            for report in found["reports"]
        ]
        counts = [r["fatalities"]["count"] for r in found["reports"] if r["fatalities"]]
        found["cluster"]["fatalities_range"] = [min(counts), max(counts)] if counts else None
        return found

    def split(self, event_id: str) -> str:
        """Take one report out of its event: it becomes an event of its own, and is never
        merged back with the reports it left. Returns its new cluster id."""
        with self.db:
            row = self.db.execute(
                "SELECT cluster_id FROM events WHERE id = ?", (event_id,)
            ).fetchone()
            if row is None:
                raise StoreError(f"no event {event_id}")
            others = [
                r[0]
                for r in self.db.execute(
                    "SELECT id FROM events WHERE cluster_id = ? AND id != ? ORDER BY id",
                    (row["cluster_id"], event_id),
                )
            ]
            if not others:
                return event_id
            if row["cluster_id"] == event_id:  # the rest keep a cluster id of their own
                self.db.execute(
                    "UPDATE events SET cluster_id = ? WHERE cluster_id = ? AND id != ?",
                    (others[0], event_id, event_id),
                )
                self.db.execute(
                    "UPDATE merges SET cluster_id = ? WHERE cluster_id = ?", (others[0], event_id)
                )
            self.db.execute("UPDATE events SET cluster_id = ? WHERE id = ?", (event_id, event_id))
            self.db.execute("DELETE FROM merges WHERE event_id = ?", (event_id,))
            self.db.executemany(
                "INSERT OR REPLACE INTO merge_rules VALUES (?, ?, 'forbid')",
                [pair for other in others for pair in ((event_id, other), (other, event_id))],
            )
        return event_id

    def merge(self, event_id: str, other_id: str) -> str:
        """Force two reports (and the events they belong to) into one event; returns its
        cluster id."""
        with self.db:
            rows = {
                r["id"]: r["cluster_id"]
                for r in self.db.execute(
                    "SELECT id, cluster_id FROM events WHERE id IN (?, ?)", (event_id, other_id)
                )
            }
            missing = [e for e in (event_id, other_id) if e not in rows]
            if missing:
                raise StoreError(f"no event {missing[0]}")
            target, moved = rows[event_id], rows[other_id]
            if target == moved:
                return target
            members = [
                r[0]
                for r in self.db.execute("SELECT id FROM events WHERE cluster_id = ?", (moved,))
            ]
            self.db.execute(
                "UPDATE events SET cluster_id = ? WHERE cluster_id = ?", (target, moved)
            )
            self.db.execute(
                "UPDATE merges SET cluster_id = ? WHERE cluster_id = ?", (target, moved)
            )
            self.db.executemany(
                "INSERT OR REPLACE INTO merges VALUES (?, ?, NULL, ?, 1, ?)",
                [(m, target, json.dumps({"forced": "merged by a user"}), _now()) for m in members],
            )
            self.db.execute(
                "DELETE FROM merge_rules WHERE (event_id = ? AND other_id = ?)"
                " OR (event_id = ? AND other_id = ?)",
                (event_id, other_id, other_id, event_id),
            )
            self.db.execute(
                "INSERT OR REPLACE INTO merge_rules VALUES (?, ?, 'force')", (event_id, other_id)
            )
        return target

    def recluster(self) -> Reclustered:
        """Decide every event's cluster again under the current rules, as if the store were
        ingested afresh in the same order, keeping the splits and merges users made; for a
        store built under older rules. One transaction: a crash changes nothing."""
        with self.db:
            rows = self.db.execute(
                "SELECT e.id, e.article_id, e.record, e.cluster_id, a.story_id FROM events e"
                " JOIN articles a ON a.id = e.article_id ORDER BY e.article_id, e.rank"
            ).fetchall()
            forbid: dict[str, set[str]] = {}
            force: list[tuple[str, str]] = []
            for rule in self.db.execute("SELECT event_id, other_id, rule FROM merge_rules"):
                if rule["rule"] == "forbid":
                    forbid.setdefault(rule["event_id"], set()).add(rule["other_id"])
                else:
                    force.append((rule["event_id"], rule["other_id"]))
            reports = [Report.of(json.loads(r["record"]), r["id"], r["story_id"]) for r in rows]
            assigned = assign(reports, {r["id"]: r["article_id"] for r in rows}, forbid, force)
            before = {r["id"]: r["cluster_id"] for r in rows}
            changed = [
                (a.cluster_id, event_id)
                for event_id, a in assigned.items()
                if a.cluster_id != before[event_id]
            ]
            self.db.executemany("UPDATE events SET cluster_id = ? WHERE id = ?", changed)
            self.db.execute("DELETE FROM merges WHERE forced = 0")
            self.db.executemany(
                "INSERT OR IGNORE INTO merges VALUES (?, ?, ?, ?, 0, ?)",
                [
                    (event_id, a.cluster_id, a.match.score, json.dumps(a.match.matched), _now())
                    for event_id, a in assigned.items()
                    if a.match
                ],
            )
            self.db.execute(
                "UPDATE merges SET cluster_id ="
                " (SELECT e.cluster_id FROM events e WHERE e.id = merges.event_id)"
            )
        return Reclustered.between(before, {e: a.cluster_id for e, a in assigned.items()})

    def watch_state(self, source: str) -> dict[str, Any] | None:
        """What ``eventwire watch`` remembers of a source (see :class:`watch.SourceState`)."""
        rows = self._rows("SELECT * FROM watch_sources WHERE source = ?", (source,))
        return dict(rows[0]) if rows else None

    def save_watch_state(self, state: dict[str, Any]) -> None:
        columns = ", ".join(state)
        with self.db:
            self.db.execute(
                f"INSERT OR REPLACE INTO watch_sources ({columns})"
                f" VALUES ({', '.join('?' * len(state))})",
                tuple(state.values()),
            )

    def seen(self, source: str, items: Sequence[str]) -> set[str]:
        """Which of a source's ``items`` have been read before."""
        found: set[str] = set()
        for start in range(0, len(items), 500):
            chunk = items[start : start + 500]
            found.update(
                row["item"]
                for row in self._rows(
                    "SELECT item FROM watch_seen WHERE source = ? AND item IN"
                    f" ({', '.join('?' * len(chunk))})",
                    (source, *chunk),
                )
            )
        return found

    def mark_seen(self, source: str, item: str) -> None:
        with self.db:
            self.db.execute(
                "INSERT OR IGNORE INTO watch_seen (source, item, at) VALUES (?, ?, ?)",
                (source, item, _now()),
            )

    def tallies(self, article_doc_id: str | None = None) -> list[dict[str, Any]]:
        """Reported tallies, of one article or of all."""
        sql = (
            "SELECT a.doc_id AS article, t.kind, t.count, t.count_text, t.what, t.text,"
            " t.sentence, t.start, t.end FROM tallies t JOIN articles a ON a.id = t.article_id"
        )
        params: tuple[Any, ...] = ()
        if article_doc_id is not None:
            sql += " WHERE a.doc_id = ?"
            params = (article_doc_id,)
        return [dict(r) for r in self._rows(sql + " ORDER BY a.id, t.start", params)]

    def counts(
        self, tables: Sequence[str] = ("articles", "events", "evidence", "sources")
    ) -> dict[str, int]:
        """Rows in each of ``tables`` (the store's own table names)."""
        return {
            table: int(self.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
            for table in tables
        }


def _now() -> str:
    return coded_now().isoformat()


# The columns :func:`_clustered` reads, from a cluster summary ``c``, its leading report ``e``
# and that report's article ``a``.
# ``told`` gathers, from all the cluster's reports, the wire agencies they credit and when the
# latest was stored or merged in.
_LEADS_SQL = (
    "SELECT e.record, c.id AS cluster_id, c.reports, c.independent, c.conservative, c.outlets,"
    " a.doc_id, a.title, a.outlet, a.url, a.published,"
    " (SELECT json_object('agencies', json_group_array(DISTINCT r.wire_agency),"
    " 'stored', max(r.ingested_at), 'merged', max(g.at))"
    " FROM events m JOIN articles r ON r.id = m.article_id"
    " LEFT JOIN merges g ON g.event_id = m.id WHERE m.cluster_id = c.id) AS told"
)
_LEADS_FROM = (
    "FROM clusters c JOIN events e ON e.id = c.lead JOIN articles a ON a.id = c.article_id"
)


def _after(keys: Sequence[SortKey], values: Sequence[Any]) -> tuple[str, list[Any]]:
    """The condition that a row comes after the one whose sort key is ``values``: a range on
    the first key, which an index can seek to, and the exact comparison."""
    (first, first_desc), terms, params = keys[0], [], [values[0]]
    for n, (expr, desc) in enumerate(keys):
        ties = [f"{tied} = ?" for tied, _ in keys[:n]]
        terms.append("(" + " AND ".join([*ties, f"{expr} {'<' if desc else '>'} ?"]) + ")")
        params.extend(values[: n + 1])
    bound = f"{first} {'<=' if first_desc else '>='} ?"
    return f"({bound} AND (" + " OR ".join(terms) + "))", params


def _brief(record: dict[str, Any]) -> dict[str, Any]:
    """The fields of a record that say what happened, and its evidence, for a list of an
    article's events."""
    keys = ("actor", "recipient", "location", "fatalities", "injuries", "evidence")
    return {key: record.get(key) for key in keys}


def _clustered(row: sqlite3.Row) -> dict[str, Any]:
    """A cluster's leading report, with the cluster's counts and its ACLED toll: the most
    conservative credible figure among its reports (a party's claim counts for none)."""
    record = _with_source(row)
    told = json.loads(row["told"])
    record["cluster"] = {
        "id": row["cluster_id"],
        "reports": row["reports"],
        "independent_sources": row["independent"],
        "outlets": sorted(o for o in json.loads(row["outlets"]) if o),
        "wire_agencies": sorted(agency for agency in told["agencies"] if agency),
        "updated": max(filter(None, (told["stored"], told["merged"]))),
    }
    if record.get("acled"):
        record["acled"] = _cluster_toll(record["acled"], row["conservative"] or 0, row["reports"])
    return record


def _cluster_toll(acled: dict[str, Any], conservative: int, reports: int) -> dict[str, Any]:
    """The leading report's ACLED coding with the event's figure: the most conservative
    credible one among its reports, and a note where that is another report's."""
    note = acled.get("fatalities_note")
    if conservative != acled["fatalities"]:
        note = (
            f"Fatalities coded as {conservative}, the lowest credible toll among the {reports}"
            f" reports of the event (this report's figure: {acled['fatalities']})."
        )
    return {**acled, "fatalities": conservative, "fatalities_note": note}


def _with_source(row: sqlite3.Row) -> dict[str, Any]:
    record: dict[str, Any] = json.loads(row["record"])
    record["source"] = {
        "article": row["doc_id"],
        "title": row["title"],
        "outlet": row["outlet"],
        "url": row["url"],
        "published": row["published"],
    }
    return record
