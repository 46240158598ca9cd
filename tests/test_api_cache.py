"""The read cache answers repeats from memory and never holds more than its byte budget."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

from eventwire.api_cache import CachedReads


def _app(calls: list[bytes]):
    async def app(scope, receive, send) -> None:
        calls.append(scope["query_string"])
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"x" * 1000})

    return app


def _get(cache: CachedReads, query: bytes) -> None:
    scope = {"type": "http", "method": "GET", "path": "/v1/events", "query_string": query}

    async def receive():
        return {"type": "http.request"}

    async def send(message) -> None:
        return None

    asyncio.run(cache(scope, receive, send))


def test_repeats_come_from_memory_and_junk_queries_cannot_grow_it(tmp_path: Path) -> None:
    db = tmp_path / "events.db"
    sqlite3.connect(db).close()
    calls: list[bytes] = []
    cache = CachedReads(_app(calls), db, max_entries=512, max_bytes=10_000)
    _get(cache, b"limit=1")
    _get(cache, b"limit=1")
    assert (len(calls), cache.hits) == (1, 1)
    for n in range(600):  # every query string a new key, as a client adding &junk=N
        _get(cache, f"limit=1&junk={n}".encode())
    assert cache.bytes <= 10_000
    assert len(cache._entries) == 10
    cache.close()
