"""Fetching a page: status, size cap, charset, User-Agent, internal addresses."""

from __future__ import annotations

from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler

import pytest

from eventwire.errors import FetchError
from eventwire.fetch import USER_AGENT, fetch, is_internal

from .conftest import http_server

SEEN: dict[str, str] = {}


PAGES: dict[str, tuple[int, str, bytes]] = {
    "/latin": (200, "text/html; charset=iso-8859-1", "<p>Caf\u00e9 raid</p>".encode("latin-1")),
    "/plain": (200, "text/plain", b"Police fired tear gas."),
    "/big": (200, "text/plain", b"x" * 5000),
    "/broken": (200, "text/plain; charset=utf-8", b"caf\xe9 raid"),
    "/gone": (410, "text/plain", b"gone"),
}


class _Pages(BaseHTTPRequestHandler):

    def do_GET(self) -> None:
        SEEN["user-agent"] = self.headers.get("User-Agent", "")
        status, kind, body = PAGES.get(self.path, (404, "text/plain", b"missing"))
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # quiet test output
        pass


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with http_server(_Pages) as url:
        yield url


def test_a_page_with_its_type_and_an_honest_user_agent(site: str) -> None:
    assert fetch(f"{site}/plain", 1000) == ("Police fired tear gas.", "text/plain")
    assert SEEN["user-agent"] == USER_AGENT and USER_AGENT.startswith("Eventwire/")


def test_the_declared_charset_decodes_the_page(site: str) -> None:
    text, kind = fetch(f"{site}/latin", 1000)
    assert text == "<p>Caf\u00e9 raid</p>" and kind.startswith("text/html")


@pytest.mark.parametrize(
    ("path", "limit", "reason"),
    [
        ("/gone", 1000, "HTTP 410"),
        ("/missing", 1000, "HTTP 404"),
        ("/big", 4000, "larger than 4000 bytes"),
        ("/broken", 1000, "cannot decode body as utf-8"),
    ],
)
def test_failures_are_fetch_errors_with_one_line_reasons(
    site: str, path: str, limit: int, reason: str
) -> None:
    with pytest.raises(FetchError, match=reason):
        fetch(f"{site}{path}", limit)


def test_nothing_listening_is_a_fetch_error() -> None:
    with pytest.raises(FetchError):
        fetch("http://127.0.0.1:9/", 1000, timeout=2)


@pytest.mark.parametrize(
    ("host", "internal"),
    [
        ("127.0.0.1", True),
        ("localhost", True),
        ("::1", True),
        ("10.1.2.3", True),
        ("192.168.0.10", True),
        ("169.254.169.254", True),  # cloud metadata: link-local
        ("8.8.8.8", False),
        ("no-such-host.invalid", False),  # cannot be reached either
    ],
)
def test_internal_addresses(host: str, internal: bool) -> None:
    assert is_internal(host) is internal
