"""Code an archive on Apache Spark: ``eventwire spark-extract``.

Spark reads every input file as bytes (``binaryFile``: local paths, or any URI Hadoop reads,
such as ``hdfs://`` or ``s3a://``), and the project's own readers turn those bytes into
documents, so that each file gives the documents ``eventwire extract`` gets from it. The
documents are spread over the executors and coded a partition at a time by one
:class:`~eventwire.pipeline.Pipeline` per Python worker, loaded for its first partition and kept
for the others (PySpark reuses its workers).

What the job writes, in the folder ``out``:

* ``articles/``: JSON Lines, one coded article a line: the lines ``extract --format jsonl``
  prints, which ``eventwire load`` brings into a store;
* ``events/``: Parquet, one row per event, with the columns of :data:`EVENT_COLUMNS`;
* ``skipped/``: JSON Lines, ``{"origin": ..., "reason": ...}`` for each input not coded.

PySpark loads only inside the functions that start a job; the executors import this module
for :func:`read_file_bytes` and :func:`code_partition`. Run as a program (``python -m
eventwire.spark`` or ``spark-submit .../eventwire/spark.py``) it is ``eventwire
spark-extract``.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache, partial
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from eventwire.errors import OutputExists
from eventwire.read import read_directory, read_file
from eventwire.records import RawDocument, Skipped

if TYPE_CHECKING:
    from pyspark import RDD
    from pyspark.sql import DataFrame, Row, SparkSession

    from eventwire.pipeline import Pipeline

# binaryFile cannot hold a larger file in one row; such a file is skipped, not read.
MAX_FILE_BYTES = 2**31 - 1
PARTITIONS_PER_CORE = 3  # documents are spread this finely, so that no core waits on another

# The Parquet columns of ``events/``: the article's, then the event's as the store indexes
# them, then the whole event record as JSON.
EVENT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("article_id", "string"),
    ("coded_at", "timestamp"),
    ("title", "string"),
    ("published", "date"),
    ("outlet", "string"),
    ("byline", "string"),
    ("dateline", "string"),
    ("wire_agency", "string"),
    ("url", "string"),
    ("rank", "int"),
    ("event_id", "string"),
    ("type", "string"),
    ("mode", "string"),
    ("cameo_root", "string"),
    ("date", "date"),
    ("date_precision", "string"),
    ("modality", "string"),
    ("confidence", "double"),
    ("country", "string"),
    ("admin1", "string"),
    ("location", "string"),
    ("lat", "double"),
    ("lon", "double"),
    ("actor", "string"),
    ("actor_country", "string"),
    ("recipient", "string"),
    ("recipient_country", "string"),
    ("fatalities", "bigint"),
    ("injuries", "bigint"),
    ("acled_event_type", "string"),
    ("acled_sub_event_type", "string"),
    ("acled_fatalities", "bigint"),
    ("event", "string"),
)


@dataclass(frozen=True, slots=True)
class Settings:
    """How the executors code: what ``extract`` takes as options."""

    published: date | None = None
    model: str | None = None
    gazetteer: str | None = None


@dataclass(frozen=True, slots=True)
class Summary:
    articles: int
    events: int
    skipped: int
    seconds: float


def spark_session(master: str | None, **config: str) -> SparkSession:
    """The running Spark session, or a new one with ``config``: on ``master`` when given, else
    on the one ``spark-submit`` names, else ``local[*]``. Started from a plain Python program,
    the workers run this Python unless PYSPARK_PYTHON says otherwise."""
    from pyspark.sql import SparkSession

    if "PYSPARK_GATEWAY_PORT" not in os.environ:  # not under spark-submit
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("eventwire")
    if master:
        builder = builder.master(master)
    for key, value in config.items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


@cache
def pipeline(settings: Settings) -> Pipeline:
    """The pipeline of this worker process, loaded once and kept for every partition."""
    from eventwire.geocode import Gazetteer
    from eventwire.pipeline import Pipeline

    gazetteer = Gazetteer(Path(settings.gazetteer)) if settings.gazetteer else None
    return Pipeline(model=settings.model, gazetteer=gazetteer)


def read_file_bytes(
    content: bytes, origin: str, relative: str | None
) -> Iterator[RawDocument | Skipped]:
    """What the project's readers make of a file holding ``content``: ``origin`` is the name
    it is reported by, ``relative`` its path in the folder given as input (None for a file
    given itself, whose id is its name). The bytes are read from a file of the same name in a
    temporary folder; every origin names the input instead."""
    with tempfile.TemporaryDirectory(prefix="eventwire-") as folder:
        path = Path(folder, relative or PurePosixPath(origin).name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        read = read_directory(Path(folder)) if relative else read_file(path, path.name)
        for item in read:
            yield _renamed(item, str(path), origin)


def _renamed(item: RawDocument | Skipped, temporary: str, origin: str) -> RawDocument | Skipped:
    if not item.origin.startswith(temporary):
        return item
    named = origin + item.origin[len(temporary) :]
    if isinstance(item, Skipped):
        return Skipped(named, item.reason)
    return RawDocument(
        id=item.id,
        content=item.content,
        is_html=item.is_html,
        origin=named,
        title=item.title,
        url=item.url,
        published=item.published,
        outlet=item.outlet,
    )


def code_partition(
    settings: Settings, items: Iterable[RawDocument | Skipped]
) -> Iterator[tuple[str, str, int]]:
    """Code one partition: ``("article", JSON line, events)`` for each article and
    ``("skipped", JSON line, 0)`` for each input that could not be coded."""
    for item in pipeline(settings).run(items, settings.published):
        if isinstance(item, Skipped):
            line = json.dumps({"origin": item.origin, "reason": item.reason}, ensure_ascii=False)
            yield ("skipped", line, 0)
        else:
            yield ("article", json.dumps(item.to_dict(), ensure_ascii=False), len(item.events))


def event_rows(line: str) -> list[tuple[Any, ...]]:
    """The ``events/`` rows of one article's JSON line, in :data:`EVENT_COLUMNS` order."""
    record = json.loads(line)
    article = record["article"]
    head = (
        record["id"],
        datetime.fromisoformat(record["coded_at"]),
        article["title"],
        _day(article["published"]),
        article["outlet"],
        article["byline"],
        article["dateline"],
        article["wire_agency"],
        article["url"],
    )
    return [(*head, rank, *_event_columns(e)) for rank, e in enumerate(record["events"])]


def _event_columns(event: dict[str, Any]) -> tuple[Any, ...]:
    place = event["location"] or {}
    actor, recipient = event["actor"] or {}, event["recipient"] or {}
    acled = event["acled"] or {}
    return (
        event["id"],
        event["type"],
        event["mode"],
        event["cameo_root"],
        _day(event["date"]),
        event["date_precision"],
        event["modality"],
        float(event["confidence"]),
        place.get("country"),
        place.get("admin1"),
        place.get("name"),
        place.get("lat"),
        place.get("lon"),
        actor.get("name") or actor.get("text"),
        actor.get("country"),
        recipient.get("name") or recipient.get("text"),
        recipient.get("country"),
        (event["fatalities"] or {}).get("count"),
        (event["injuries"] or {}).get("count"),
        acled.get("event_type"),
        acled.get("sub_event_type"),
        acled.get("fatalities"),
        json.dumps(event, ensure_ascii=False),
    )


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _hadoop_path(spark: SparkSession, where: str) -> tuple[Any, Any]:
    """Hadoop's path for ``where`` and its file system."""
    jvm = spark.sparkContext._jvm
    assert jvm is not None
    path = jvm.org.apache.hadoop.fs.Path(where)
    return path, path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())


def _located(spark: SparkSession, source: str) -> tuple[str, bool] | None:
    """The input's fully qualified URI and whether it is a folder; None when it is missing."""
    path, fs = _hadoop_path(spark, source)
    if not fs.exists(path):
        return None
    status = fs.getFileStatus(path)
    return status.getPath().toString(), status.isDirectory()


def _origin(source: str, relative: str) -> str:
    """How ``extract`` names the file at ``relative`` in the input ``source``."""
    if "://" in source:
        return source.rstrip("/") + ("/" + relative if relative else "")
    return str(Path(source, relative))


def _file_items(source: str, root: str, is_dir: bool, row: Row) -> Iterator[RawDocument | Skipped]:
    relative = row.path[len(root) :].lstrip("/") if is_dir else ""
    yield from read_file_bytes(row.content, _origin(source, relative), relative or None)


def _too_large(source: str, root: str, is_dir: bool, row: Row) -> Skipped:
    relative = row.path[len(root) :].lstrip("/") if is_dir else ""
    return Skipped(_origin(source, relative), f"larger than {MAX_FILE_BYTES} bytes")


def read_sources(spark: SparkSession, sources: Iterable[str]) -> RDD[RawDocument | Skipped]:
    """Everything ``sources`` (files, folders, URIs) hold, as documents and skips. Folders are
    read recursively; Hadoop leaves out names that begin with "." (as ``extract`` does) or
    "_"."""
    context = spark.sparkContext
    parts: list[RDD[RawDocument | Skipped]] = []
    missing: list[RawDocument | Skipped] = []
    for source in sources:
        found = _located(spark, source)
        if found is None:
            missing.append(Skipped(source, "no such file or directory"))
            continue
        root, is_dir = found
        files: DataFrame = (
            spark.read.format("binaryFile").option("recursiveFileLookup", "true").load(root)
        )
        fits = files["length"] <= MAX_FILE_BYTES
        where = (source, root, is_dir)
        parts.append(
            files.where(fits).select("path", "content").rdd.flatMap(partial(_file_items, *where))
        )
        parts.append(files.where(~fits).select("path").rdd.map(partial(_too_large, *where)))
    parts.append(context.parallelize(missing, 1))
    return context.union(parts)


def _schema(columns: tuple[tuple[str, str], ...]) -> str:
    return ", ".join(f"`{name}` {kind}" for name, kind in columns)


def _count(coded: tuple[str, str, int]) -> tuple[int, int, int]:
    kind, _, events = coded
    return (1, events, 0) if kind == "article" else (0, 0, 1)


def _add(a: tuple[int, int, int], b: tuple[int, int, int]) -> tuple[int, int, int]:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def _is(kind: str, coded: tuple[str, str, int]) -> bool:
    return coded[0] == kind


def _line(coded: tuple[str, str, int]) -> tuple[str]:
    return (coded[1],)


def _event_rows(coded: tuple[str, str, int]) -> list[tuple[Any, ...]]:
    return event_rows(coded[1])


def run_job(
    spark: SparkSession,
    sources: Iterable[str],
    out: str,
    settings: Settings = Settings(),
    partitions: int | None = None,
    overwrite: bool = False,
) -> Summary:
    """Read ``sources``, code them on the cluster and write ``articles/``, ``events/`` and
    ``skipped/`` under ``out``; ``partitions`` (default: three per core) is how finely the
    documents are spread."""
    from pyspark import StorageLevel

    path, fs = _hadoop_path(spark, out)
    if not overwrite and fs.exists(path):
        raise OutputExists(f"{out} exists: remove it, or replace it with --overwrite")
    started = time.perf_counter()
    count = partitions or spark.sparkContext.defaultParallelism * PARTITIONS_PER_CORE
    documents = read_sources(spark, sources).repartition(count)
    coded = documents.mapPartitions(partial(code_partition, settings))
    coded.persist(StorageLevel.MEMORY_AND_DISK)
    try:
        articles, events, skipped = coded.map(_count).fold((0, 0, 0), _add)
        mode = "overwrite" if overwrite else "errorifexists"
        lines = coded.filter(partial(_is, "article"))
        spark.createDataFrame(lines.map(_line), "value string").write.mode(mode).text(
            f"{out}/articles"
        )
        rows = lines.flatMap(_event_rows)
        spark.createDataFrame(rows, _schema(EVENT_COLUMNS)).write.mode(mode).parquet(
            f"{out}/events"
        )
        skips = coded.filter(partial(_is, "skipped")).map(_line)
        spark.createDataFrame(skips, "value string").write.mode(mode).text(f"{out}/skipped")
    finally:
        coded.unpersist()
    return Summary(articles, events, skipped, time.perf_counter() - started)


def extract_on_spark(
    sources: Iterable[str],
    out: str,
    settings: Settings = Settings(),
    master: str | None = None,
    partitions: int | None = None,
    overwrite: bool = False,
) -> Summary:
    """:func:`run_job` in the running Spark session, or in one started for it and stopped
    after it."""
    from pyspark.sql import SparkSession

    running = SparkSession.getActiveSession()
    spark = spark_session(master)
    try:
        return run_job(spark, sources, out, settings, partitions, overwrite)
    finally:
        if running is None:
            spark.stop()


if __name__ == "__main__":
    from eventwire.cli import main

    main(["spark-extract", *sys.argv[1:]], prog_name="eventwire")
