"""Shared fixtures: one loaded pipeline for the whole session, and the optional ../shared."""

from __future__ import annotations

from datetime import date
from pathlib import Path

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
