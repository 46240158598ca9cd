"""Coded articles come back whole from their JSON records, and ``load`` stores them as
``ingest`` stores the articles they were coded from: once, clustered the same."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from eventwire.cli import main, samples_dir
from eventwire.pipeline import Pipeline
from eventwire.read import read_inputs
from eventwire.rebuild import article_result, read_results, record_files
from eventwire.records import ArticleResult, Skipped


def articles_folder(root: Path) -> Path:
    """The bundled samples and a rewrite of one of them (a copy of its story, whose events
    join the original's clusters)."""
    folder = root / "articles"
    shutil.copytree(samples_dir(), folder)
    original = (folder / "culiacan-arrests.txt").read_text(encoding="utf-8")
    rewrite = original.replace(
        "Mexico's federal Security Cabinet said.",
        "the federal Security Cabinet said in a statement.",
    )
    assert rewrite != original
    (folder / "culiacan-arrests-rewrite.txt").write_text(rewrite, encoding="utf-8")
    return folder


def store_contents(path: Path) -> dict[str, Any]:
    """What a store holds, without its row ids, times and the names of its clusters and
    stories (which follow the order articles came in): clusters and stories as sets."""
    db = sqlite3.connect(path)

    def rows(sql: str) -> list[tuple[Any, ...]]:
        return sorted(db.execute(sql).fetchall(), key=repr)

    def groups(sql: str) -> list[list[str]]:
        found: dict[Any, list[str]] = {}
        for key, member in db.execute(sql):
            found.setdefault(key, []).append(member)
        return sorted(sorted(members) for members in found.values())

    doc = "(SELECT doc_id FROM articles a WHERE a.id = article_id)"
    try:
        return {
            "articles": rows(
                "SELECT hash, doc_id, origin, title, text, published, outlet, byline, dateline,"
                " wire_agency, url, signature FROM articles"
            ),
            "events": rows(
                f"SELECT id, {doc}, rank, type, mode, date, date_precision, modality, confidence,"
                " country, admin1, location, lat, lon, actor, actor_country, recipient,"
                " recipient_country, fatalities, injuries, acled_event_type,"
                " acled_sub_event_type, record FROM events"
            ),
            "evidence": rows("SELECT * FROM evidence"),
            "sources": rows(f"SELECT event_id, {doc}, outlet, url, wire_agency FROM sources"),
            "tallies": rows(
                f"SELECT {doc}, kind, count, count_text, what, text, sentence, start, end"
                " FROM tallies"
            ),
            "clusters": groups("SELECT cluster_id, id FROM events"),
            "stories": groups("SELECT story_id, doc_id FROM articles"),
            "merges": len(rows("SELECT * FROM merges")),
        }
    finally:
        db.close()


@pytest.fixture(scope="module")
def results(pipeline: Pipeline) -> list[ArticleResult]:
    coded = list(pipeline.run(read_inputs([str(samples_dir())])))
    return [r for r in coded if isinstance(r, ArticleResult)]


def test_a_record_rebuilds_the_coded_article_it_was_written_from(
    results: list[ArticleResult],
) -> None:
    assert sum(len(r.events) for r in results) > 10
    for result in results:
        record = json.loads(json.dumps(result.to_dict(), ensure_ascii=False))
        rebuilt = article_result(record)
        assert rebuilt.to_dict() == result.to_dict()
        assert rebuilt.coded_at == result.coded_at


def test_lines_that_are_no_coded_article_are_skipped_with_their_reason(
    tmp_path: Path, results: list[ArticleResult]
) -> None:
    good = json.dumps(results[0].to_dict())
    path = tmp_path / "coded.jsonl"
    path.write_text(f'{good}\n\n{{"id": "x"}}\nnot json\n{good}\n', encoding="utf-8")
    items = list(read_results(path))
    assert [type(i).__name__ for i in items] == [
        "ArticleResult",
        "Skipped",
        "Skipped",
        "ArticleResult",
    ]
    skips = [i for i in items if isinstance(i, Skipped)]
    assert skips[0].origin == f"{path}:3" and "KeyError" in skips[0].reason
    assert skips[1].origin == f"{path}:4" and "invalid JSON" in skips[1].reason


def test_a_spark_output_folder_is_read_from_its_articles(tmp_path: Path) -> None:
    for name in ("articles/part-00000-x-c000.txt", "articles/_SUCCESS", "articles/.part.crc"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("{}\n")
    (tmp_path / "skipped").mkdir()
    (tmp_path / "skipped" / "part-00000-y-c000.txt").write_text("{}\n")
    assert record_files(tmp_path) == [tmp_path / "articles/part-00000-x-c000.txt"]


def test_load_stores_what_ingest_stores_and_nothing_twice(tmp_path: Path) -> None:
    runner = CliRunner()
    folder = str(articles_folder(tmp_path))
    extracted = runner.invoke(main, ["extract", "--format", "jsonl", folder])
    assert extracted.exit_code == 0, extracted.output
    coded = tmp_path / "coded.jsonl"
    coded.write_text(extracted.stdout, encoding="utf-8")
    ingested, loaded = tmp_path / "ingested.db", tmp_path / "loaded.db"
    assert runner.invoke(main, ["ingest", folder, "--db", str(ingested)]).exit_code == 0
    articles = len(extracted.stdout.splitlines())
    first = runner.invoke(main, ["load", str(coded), "--db", str(loaded)])
    assert first.exit_code == 0, first.output
    assert f"{articles} read, {articles} stored" in first.stderr
    contents = store_contents(loaded)
    assert contents == store_contents(ingested)
    assert contents["merges"] > 0  # the rewrite's events joined the original's clusters
    again = runner.invoke(main, ["load", str(coded), "--db", str(loaded)])
    assert again.exit_code == 0, again.output
    assert f"0 stored, {articles} unchanged" in again.stderr
    assert store_contents(loaded) == contents
