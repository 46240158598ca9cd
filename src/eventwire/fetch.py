"""Fetch a news page over HTTP with a timeout, a size limit and an honest User-Agent."""

from __future__ import annotations

import httpx

from eventwire import __version__

USER_AGENT = f"Eventwire/{__version__} (+https://github.com/eventwire/eventwire; news event coder)"
TIMEOUT_S = 20.0


class FetchError(Exception):
    """A page could not be fetched; the message is the one-line reason."""


def fetch(url: str, max_bytes: int, timeout: float = TIMEOUT_S) -> tuple[str, str]:
    """Return ``(text, content_type)`` of ``url``; raise :class:`FetchError` on any failure."""
    headers = {"User-Agent": USER_AGENT, "Accept": "text/html,text/plain;q=0.9,*/*;q=0.1"}
    try:
        with (
            httpx.Client(timeout=timeout, follow_redirects=True, headers=headers) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                raise FetchError(f"HTTP {response.status_code}")
            content_type = response.headers.get("content-type", "")
            body = bytearray()
            for chunk in response.iter_bytes():
                body.extend(chunk)
                if len(body) > max_bytes:
                    raise FetchError(f"larger than {max_bytes} bytes")
            encoding = response.encoding or "utf-8"
    except httpx.HTTPError as exc:
        raise FetchError(f"{type(exc).__name__}: {exc}") from exc
    try:
        return bytes(body).decode(encoding), content_type
    except (UnicodeDecodeError, LookupError) as exc:
        raise FetchError(f"cannot decode body as {encoding}") from exc
