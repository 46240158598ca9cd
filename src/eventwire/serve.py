"""Run the API and web app with uvicorn."""

from __future__ import annotations

from pathlib import Path

import uvicorn

from eventwire.api import create_app


def run(
    db_path: Path | str, host: str = "127.0.0.1", port: int = 8000, token: str | None = None
) -> None:
    """Serve the store at ``db_path`` on ``host:port`` (this machine only, by default) until
    interrupted. ``token`` enables ``POST /v1/articles`` (see :func:`create_app`)."""
    uvicorn.run(create_app(db_path, token=token), host=host, port=port, log_level="info")
