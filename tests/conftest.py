"""Shared fixtures: one loaded pipeline for the whole session, and the optional ../shared."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from unittest import mock

import pytest

from eventwire.pipeline import Pipeline
from eventwire.records import Event, RawDocument

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is absent: the shared development material is not checked out")
    return SHARED


@pytest.fixture
def code(pipeline: Pipeline):
    """Code a piece of text as one article: ``code("...", published=date(...))``."""

    def run(text: str, published: date | None = date(2025, 3, 5)) -> list[Event]:
        doc = RawDocument(id="t", content=text, is_html=False, origin="test")
        return pipeline.process(doc, published).events

    return run


@contextmanager
def http_server(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """A local HTTP server answering with ``handler``, reached without any proxy; its base
    URL."""
    proxies = {
        name: ""
        for upper in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY")
        for name in (upper, upper.lower())
    }
    with mock.patch.dict(os.environ, proxies):
        httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        thread = threading.Thread(target=httpd.serve_forever, args=(0.01,), daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{httpd.server_address[1]}"
        finally:
            httpd.shutdown()
            httpd.server_close()
            thread.join(timeout=5)
