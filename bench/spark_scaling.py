"""Scaling of ``spark-extract``: articles per second with one and with two local Spark workers
on the same corpus, against the pipeline in one plain Python process.

The corpus is, by default, ``--articles`` wire-style articles from ``bench/throughput.py``'s
generator, written as 16 JSON Lines files; ``--texts PATH`` times real articles instead
(anything ``eventwire extract`` reads, or a MUC-4 JSON file such as
``../shared/train/conflibert/muc4/dev.json``; skipped cleanly when it is absent).

For each of ``local[1]`` and ``local[2]`` a new Spark session is started and the whole corpus
is coded by a first job, which also starts the Python workers and loads the model into each,
then by ``--repeat`` timed jobs (reading, coding, and writing the JSON Lines, Parquet and
skipped outputs), of which the fastest counts: the machine may be busy with other work. The
last line is ``spark_scaling local1_per_s=X local2_per_s=Y speedup=Y/X``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from throughput import corpus, real_documents

from eventwire.pipeline import Pipeline
from eventwire.records import RawDocument
from eventwire.spark import Settings, run_job, spark_session

PUBLISHED = date(2025, 3, 5)
FILES = 16


def write_corpus(docs: list[RawDocument], folder: Path) -> None:
    """``docs`` as JSON Lines files in ``folder``, spread over up to :data:`FILES` files."""
    folder.mkdir(parents=True)
    files = min(FILES, len(docs))
    for n in range(files):
        lines = [json.dumps({"id": d.id, "text": d.content}) for d in docs[n::files]]
        (folder / f"part-{n:02d}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def in_process(docs: list[RawDocument]) -> tuple[float, float]:
    """Seconds to load the pipeline, and articles per second it codes in this process."""
    start = time.perf_counter()
    pipeline = Pipeline()
    loaded = time.perf_counter() - start
    start = time.perf_counter()
    for _ in pipeline.run(docs, PUBLISHED):
        pass
    return loaded, len(docs) / (time.perf_counter() - start)


def on_spark(workers: int, corpus_dir: Path, out: Path, repeat: int) -> float:
    """Articles per second with ``workers`` local workers: the best of ``repeat`` timed jobs,
    after a first job that starts the workers and loads the model into them."""
    start = time.perf_counter()
    spark = spark_session(f"local[{workers}]", **{"spark.ui.showConsoleProgress": "false"})
    spark.sparkContext.setLogLevel("ERROR")
    started = time.perf_counter() - start
    settings = Settings(published=PUBLISHED)
    try:
        jobs = [
            run_job(spark, [str(corpus_dir)], str(out / f"local-{workers}-{n}"), settings)
            for n in range(repeat + 1)
        ]
    finally:
        spark.stop()
    first, best = jobs[0], min(jobs[1:], key=lambda job: job.seconds)
    rate = best.articles / best.seconds
    print(
        f"local[{workers}]: session {started:.1f} s; first job (model loading in the workers)"
        f" {first.seconds:.1f} s; then {best.articles} articles, {best.events} events in"
        f" {best.seconds:.1f} s (best of {repeat}): {rate:.1f} articles/s",
        flush=True,
    )
    return rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=400, help="corpus size (default 400)")
    parser.add_argument("--texts", type=Path, help="time these real articles instead")
    parser.add_argument("--repeat", type=int, default=2, help="timed jobs per setting (best)")
    args = parser.parse_args()
    if args.texts is not None and not args.texts.exists():
        print(f"skipped: {args.texts} is absent", file=sys.stderr)
        return
    if args.texts is not None:
        docs = real_documents(args.texts)[: args.articles]
    else:
        docs = [
            RawDocument(id=f"bench-{i}", content=t, is_html=False, origin="bench")
            for i, t in enumerate(corpus(args.articles))
        ]
    loaded, plain = in_process(docs)
    print(f"corpus: {len(docs)} articles; in one process: model loaded in {loaded:.1f} s,")
    print(f"  Pipeline.run {plain:.1f} articles/s", flush=True)
    with tempfile.TemporaryDirectory(prefix="eventwire-bench-") as folder:
        root = Path(folder)
        write_corpus(docs, root / "corpus")
        rates = {n: on_spark(n, root / "corpus", root / "out", args.repeat) for n in (1, 2)}
        shutil.rmtree(root / "out")
    print(
        f"spark_scaling local1_per_s={rates[1]:.1f} local2_per_s={rates[2]:.1f}"
        f" speedup={rates[2] / rates[1]:.2f}"
    )


if __name__ == "__main__":
    main()
