"""Answer repeated reads from memory while the store is unchanged.

Dashboards ask the same questions again and again (the first page of events, this week's
series for one country). An ASGI middleware keeps the complete responses of successful
``GET /v1/...`` requests (exports excepted: they stream) keyed by path and query string, and
drops them all as soon as the store changes. A change is seen through SQLite's
``PRAGMA data_version`` on a connection of its own that never writes: the number moves whenever
any other connection, in this process or another (an ``eventwire ingest`` running beside the
server), commits.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Any

from eventwire.store import connect_read_only

Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[MutableMapping[str, Any], Receive, Send], Awaitable[None]]

MAX_ENTRIES = 512
MAX_BODY = 2_000_000  # larger answers are not kept
MAX_BYTES = 64_000_000  # all answers kept together, whatever query strings clients send


class CachedReads:
    """ASGI middleware: complete answers to repeated ``GET /v1`` reads, from memory."""

    def __init__(
        self,
        app: ASGIApp,
        db_path: Path,
        max_entries: int = MAX_ENTRIES,
        max_bytes: int = MAX_BYTES,
    ) -> None:
        self.app = app
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.bytes = 0
        self._watch = connect_read_only(db_path, check_same_thread=False)
        self._lock = threading.Lock()
        # (path, query) -> (store version, messages, body bytes)
        self._entries: OrderedDict[tuple[str, bytes], tuple[int, list[Message], int]] = (
            OrderedDict()
        )
        self.hits = 0

    def _version(self) -> int:
        with self._lock:
            return int(self._watch.execute("PRAGMA data_version").fetchone()[0])

    def close(self) -> None:
        self._watch.close()

    async def __call__(self, scope: MutableMapping[str, Any], receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if (
            scope["type"] != "http"
            or scope["method"] != "GET"
            or not path.startswith("/v1/")
            or path.startswith("/v1/export")
        ):
            await self.app(scope, receive, send)
            return
        key = (path, scope.get("query_string", b""))
        version = self._version()
        cached = self._entries.get(key)
        if cached is not None and cached[0] == version:
            self._entries.move_to_end(key)
            self.hits += 1
            for message in cached[1]:
                await send(message)
            return
        sent: list[Message] = []
        size = 0

        async def keep(message: Message) -> None:
            nonlocal size
            sent.append(message)
            size += len(message.get("body", b""))
            await send(message)

        await self.app(scope, receive, keep)
        if sent and sent[0].get("status") == 200 and size <= MAX_BODY:
            old = self._entries.pop(key, None)
            self.bytes += size - (old[2] if old else 0)
            self._entries[key] = (version, sent, size)
            while len(self._entries) > self.max_entries or self.bytes > self.max_bytes:
                self.bytes -= self._entries.popitem(last=False)[1][2]
