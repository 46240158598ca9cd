"""The local event store: one SQLite file, with schema migrations and full-text search.

Each article is written in one transaction, so a crash never leaves half an article. An
article is keyed by the hash of its clean text: ingesting it again changes nothing.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from eventwire.pipeline import article_hash
from eventwire.records import ArticleResult

DEFAULT_DB = Path("eventwire.db")

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
    limit: int | None = None


class StoreError(RuntimeError):
    """The store cannot be opened or queried."""


class Store:
    """Eventwire's SQLite store."""

    def __init__(self, path: Path | str = DEFAULT_DB) -> None:
        self.path = Path(path)
        try:
            self.db = sqlite3.connect(self.path)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open {self.path}: {exc}") from exc
        self.db.row_factory = sqlite3.Row
        try:
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.execute("PRAGMA journal_mode = WAL")
            self.migrate()
        except sqlite3.DatabaseError as exc:
            self.db.close()
            raise StoreError(f"cannot use {self.path}: {exc}") from exc

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

    def has_article(self, text_hash: str) -> bool:
        found = self.db.execute("SELECT 1 FROM articles WHERE hash = ?", (text_hash,))
        return found.fetchone() is not None

    def add(self, result: ArticleResult, origin: str | None = None) -> bool:
        """Store an article and its events in one transaction; False if it was already there."""
        article = result.article
        text_hash = article_hash(article)
        with self.db:
            if self.has_article(text_hash):
                return False
            cursor = self.db.execute(
                "INSERT INTO articles (hash, doc_id, origin, title, text, published, outlet,"
                " byline, dateline, wire_agency, url, ingested_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
                    datetime.now(UTC).isoformat(timespec="seconds"),
                ),
            )
            article_id = cursor.lastrowid
            for rank, event in enumerate(result.events):
                record = event.to_dict()
                location, actor, recipient = event.location, event.actor, event.recipient
                self.db.execute(
                    "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                    " ?, ?, ?, ?, ?, ?)",
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
                    ),
                )
                self.db.executemany(
                    "INSERT INTO evidence VALUES (?, ?, ?, ?)",
                    [(event.id, e.sentence, e.start, e.end) for e in event.evidence],
                )
                self.db.execute(
                    "INSERT INTO sources VALUES (?, ?, ?, ?, ?)",
                    (event.id, article_id, article.outlet, article.url, article.wire_agency),
                )
        return True

    def _rows(self, sql: str, params: Sequence[Any]) -> list[sqlite3.Row]:
        try:
            return self.db.execute(sql, params).fetchall()
        except sqlite3.OperationalError as exc:
            raise StoreError(str(exc)) from exc

    def events(self, where: EventFilter = EventFilter()) -> list[dict[str, Any]]:
        """Stored events matching ``where``, newest first, each with its article's metadata."""
        clauses, params = [], []
        if where.since:
            clauses.append("e.date >= ?")
            params.append(where.since.isoformat())
        if where.until:
            clauses.append("e.date <= ?")
            params.append(where.until.isoformat())
        if where.country:
            clauses.append("(e.country = ? OR e.actor_country = ? OR e.recipient_country = ?)")
            params.extend([where.country.upper()] * 3)
        if where.type:
            clauses.append("(e.type = ? OR e.acled_event_type = ? OR e.acled_sub_event_type = ?)")
            params.extend([where.type.upper(), where.type, where.type])
        if where.actor:
            clauses.append("(e.actor LIKE ? OR e.recipient LIKE ?)")
            params.extend([f"%{where.actor}%"] * 2)
        if where.search:
            clauses.append(
                "e.article_id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"
            )
            params.append(where.search)
        sql = (
            "SELECT e.record, a.doc_id, a.title, a.outlet, a.url, a.published"
            " FROM events e JOIN articles a ON a.id = e.article_id"
            + (" WHERE " + " AND ".join(clauses) if clauses else "")
            + " ORDER BY e.date IS NULL, e.date DESC, a.id, e.rank"
            + (" LIMIT ?" if where.limit else "")
        )
        if where.limit:
            params.append(where.limit)
        return [_with_source(row) for row in self._rows(sql, params)]

    def event(self, event_id: str) -> dict[str, Any] | None:
        """One event with its sources and the text of the article its evidence points into."""
        rows = self._rows(
            "SELECT e.record, a.doc_id, a.title, a.outlet, a.url, a.published, a.text"
            " FROM events e JOIN articles a ON a.id = e.article_id WHERE e.id = ?",
            (event_id,),
        )
        if not rows:
            return None
        found = _with_source(rows[0])
        found["article_text"] = rows[0]["text"]
        found["sources"] = [
            dict(r)
            for r in self._rows(
                "SELECT s.outlet, s.url, s.wire_agency, a.doc_id, a.title, a.published"
                " FROM sources s JOIN articles a ON a.id = s.article_id WHERE s.event_id = ?",
                (event_id,),
            )
        ]
        return found

    def counts(self) -> dict[str, int]:
        return {
            table: int(self.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
            for table in ("articles", "events", "evidence", "sources")
        }


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
