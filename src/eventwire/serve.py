"""Run the API and web app with uvicorn."""

from __future__ import annotations

import os
from pathlib import Path

import uvicorn
from fastapi import FastAPI

from eventwire.api import PRIVATE_ENV, TOKEN_ENV, create_app

DB_ENV = "EVENTWIRE_DB"


def run(
    db_path: Path | str,
    host: str = "127.0.0.1",
    port: int = 8000,
    token: str | None = None,
    workers: int = 1,
    private: bool = False,
) -> None:
    """Serve the store at ``db_path`` on ``host:port`` (this machine only, by default) until
    interrupted. ``token`` enables ``POST /v1/articles``, and with ``private`` guards every
    request (see :func:`create_app`). With
    several ``workers`` (processes: each has its own connections and cache), reads scale
    with the cores."""
    if workers == 1:
        app = create_app(db_path, token=token, private=private)
        uvicorn.run(app, host=host, port=port, log_level="info")
        return
    create_app(db_path, token=token, private=private)  # migrate once, before the workers
    os.environ[DB_ENV] = str(Path(db_path).resolve())
    os.environ[PRIVATE_ENV] = "1" if private else "0"
    if token is not None:
        os.environ[TOKEN_ENV] = token
    uvicorn.run(
        "eventwire.serve:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="info",
    )


def app_from_environment() -> FastAPI:
    """The app of one worker process, over the store named by ``EVENTWIRE_DB``."""
    return create_app(os.environ[DB_ENV])
