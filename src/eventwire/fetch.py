"""Fetch a news page over HTTP with a deadline, a size limit and an honest User-Agent.

A redirect may not lead from a public address to a loopback, private or link-local one (a
page cannot send the fetcher into the network it runs in); a URL naming such an address itself
is the user's choice and is fetched.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass

import httpx

from eventwire import __version__
from eventwire.errors import FetchError

USER_AGENT = f"Eventwire/{__version__} (+https://github.com/eventwire/eventwire; news event coder)"
TIMEOUT_S = 20.0  # for the whole fetch, however slowly the server sends


def is_internal(host: str) -> bool:
    """Whether ``host`` is or resolves to a loopback, private, link-local or reserved address."""
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except (OSError, UnicodeError):
        return False  # it cannot be reached either
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])
        if ip.is_loopback or ip.is_private or ip.is_link_local or ip.is_reserved:
            return True
    return False


@dataclass(frozen=True)
class Response:
    """What a server answered: status, headers (lower-case names) and the body's bytes."""

    status: int
    headers: dict[str, str]
    body: bytes
    encoding: str  # the charset the headers name, or UTF-8

    def text(self) -> str:
        try:
            return self.body.decode(self.encoding)
        except (LookupError, UnicodeDecodeError) as exc:
            raise FetchError(f"cannot decode body as {self.encoding}") from exc


def request(
    url: str, max_bytes: int, headers: dict[str, str] | None = None, timeout: float = TIMEOUT_S
) -> Response:
    """GET ``url`` with our User-Agent and ``headers``; any status is an answer. Raise
    :class:`FetchError` when there is none: the network, the deadline, the size limit, or a
    redirect into an internal network."""
    sent = {"User-Agent": USER_AGENT, **(headers or {})}
    deadline = time.monotonic() + timeout
    inside = is_internal(httpx.URL(url).host)

    def guard(response: httpx.Response) -> None:
        if inside or not response.has_redirect_location:
            return
        target = response.url.join(response.headers["location"])
        if is_internal(target.host):
            raise FetchError(f"redirect to an internal address ({target.host}) refused")

    try:
        with (
            httpx.Client(
                timeout=timeout,
                follow_redirects=True,
                headers=sent,
                event_hooks={"response": [guard]},
            ) as client,
            client.stream("GET", url) as response,
        ):
            body = bytearray()
            for chunk in response.iter_bytes():
                body.extend(chunk)
                if len(body) > max_bytes:
                    raise FetchError(f"larger than {max_bytes} bytes")
                if time.monotonic() > deadline:
                    raise FetchError(f"took longer than {timeout:.0f} s")
            found = {name.lower(): value for name, value in response.headers.items()}
            return Response(response.status_code, found, bytes(body), response.encoding or "utf-8")
    except httpx.HTTPError as exc:
        raise FetchError(f"{type(exc).__name__}: {exc}") from exc


def fetch(url: str, max_bytes: int, timeout: float = TIMEOUT_S) -> tuple[str, str]:
    """Return ``(text, content_type)`` of ``url``; raise :class:`FetchError` on any failure."""
    accept = {"Accept": "text/html,text/plain;q=0.9,*/*;q=0.1"}
    response = request(url, max_bytes, accept, timeout)
    if response.status >= 400:
        raise FetchError(f"HTTP {response.status}")
    return response.text(), response.headers.get("content-type", "")
