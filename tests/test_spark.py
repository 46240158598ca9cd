"""``spark-extract`` on Spark in local mode writes what ``extract`` prints for the same inputs,
and ``load`` brings it into a store as ``ingest`` would have stored them.

Java and PySpark come from ``scripts/ensure_spark.sh`` (run here when either is missing); the
tests skip, saying why, only where that script cannot provide them.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from eventwire.cli import main
from eventwire.spark import EVENT_COLUMNS

from .test_rebuild import articles_folder, store_contents
from .test_warc import write_warc

ENSURE = Path(__file__).resolve().parents[1] / "scripts" / "ensure_spark.sh"


def _missing() -> str | None:
    importlib.invalidate_caches()
    if shutil.which("java") is None:
        return "java"
    if importlib.util.find_spec("pyspark") is None:
        return "pyspark"
    return None


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    """One local Spark session, two workers, for the whole module."""
    if _missing():
        run = subprocess.run(
            ["bash", str(ENSURE)],
            capture_output=True,
            text=True,
            env={**os.environ, "VENV": sys.prefix},
        )
        if missing := _missing():
            pytest.skip(
                f"{missing} is missing and {ENSURE.name} could not install it: {run.stderr}"
            )
    from eventwire.spark import spark_session

    session = spark_session("local[2]", **{"spark.ui.showConsoleProgress": "false"})
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """A folder of articles (the samples, JSON Lines among them, and a near-copy of one), a
    WARC archive, and a path that is not there."""
    root = tmp_path_factory.mktemp("inputs")
    warc = write_warc(root / "crawl.warc.gz")
    return [str(articles_folder(root)), str(warc), str(root / "missing.html")]


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


@pytest.fixture(scope="module")
def coded(spark: Any, inputs: list[str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("spark") / "out"
    result = invoke("spark-extract", *inputs, "--out", str(out), "--master", "local[2]")
    assert result.exit_code == 0, result.output
    assert "articles coded" in result.stderr
    return out


@pytest.fixture(scope="module")
def extracted(inputs: list[str]) -> Result:
    result = invoke("extract", "--format", "jsonl", *inputs)
    assert result.exit_code == 0, result.output
    return result


def _lines(folder: Path) -> list[str]:
    return [
        line for part in sorted(folder.glob("part-*")) for line in part.read_text().splitlines()
    ]


def _uncoded(lines: list[str]) -> list[dict[str, Any]]:
    """The records of ``lines`` without the time they were coded, in id order."""
    records = [json.loads(line) for line in lines]
    assert all(r.pop("coded_at") for r in records)
    return sorted(records, key=lambda r: r["id"])


def test_the_articles_are_the_lines_extract_prints(coded: Path, extracted: Result) -> None:
    spark_lines = _lines(coded / "articles")
    assert len(spark_lines) == len(extracted.stdout.splitlines()) > 10
    assert _uncoded(spark_lines) == _uncoded(extracted.stdout.splitlines())


def test_every_input_not_coded_is_written_with_its_reason(coded: Path, extracted: Result) -> None:
    skipped = sorted(tuple(json.loads(line).values()) for line in _lines(coded / "skipped"))
    noted = sorted(
        tuple(line.removeprefix("skipped ").split(": ", 1))
        for line in extracted.stderr.splitlines()
        if line.startswith("skipped ")
    )
    assert skipped == noted
    assert any(origin.endswith("missing.html") for origin, _ in skipped)
    assert any("#https://news.example/c" in origin for origin, _ in skipped)


def test_the_events_are_parquet_rows_with_their_article(coded: Path, spark: Any) -> None:
    table = spark.read.parquet(str(coded / "events"))
    assert tuple(table.columns) == tuple(name for name, _ in EVENT_COLUMNS)
    records = {r["id"]: r for r in map(json.loads, _lines(coded / "articles"))}
    rows = table.collect()
    assert sorted(r.event_id for r in rows) == sorted(
        e["id"] for r in records.values() for e in r["events"]
    )
    for row in rows:
        record = records[row.article_id]
        assert json.loads(row.event) == record["events"][row.rank]
        assert (row.published.isoformat() if row.published else None) == record["article"][
            "published"
        ]
        assert row.url == record["article"]["url"] and row.type == json.loads(row.event)["type"]


def test_an_output_is_replaced_only_when_asked_to(coded: Path, inputs: list[str]) -> None:
    again = invoke("spark-extract", inputs[1], "--out", str(coded))
    assert again.exit_code == 1 and "--overwrite" in again.output


def test_load_gives_the_store_ingest_gives(coded: Path, inputs: list[str], tmp_path: Path) -> None:
    ingested, loaded = tmp_path / "ingested.db", tmp_path / "loaded.db"
    assert invoke("ingest", *inputs, "--db", str(ingested)).exit_code == 0
    first = invoke("load", str(coded), "--db", str(loaded))
    assert first.exit_code == 0, first.output
    contents = store_contents(loaded)
    assert contents == store_contents(ingested) and contents["merges"] > 0
    again = invoke("load", str(coded), "--db", str(loaded))
    assert again.exit_code == 0 and " 0 stored," in again.stderr
    assert store_contents(loaded) == contents
