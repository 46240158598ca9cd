"""Deduplication quality and the cost of incremental ingestion as the store grows.

1. Quality, on the in-house cluster corpus ``tests/data/clusters.jsonl`` (one bombing told by
   four outlets, one of them a syndicated copy, with a follow-up that raises the toll; a police
   station attack and a march in the same city on the same day; two air strikes in one province
   a week apart). Each article's gold names the real event its report tells:

   * duplicate-event rate: clusters beyond the first for one real event, over all clusters;
   * wrong-merge rate: reports in a cluster whose other reports tell another event, over all
     reports.

2. Cost: a store is filled with N synthetic events (random kinds, places and dates over three
   years, with random MinHash signatures for their articles), then the cluster corpus is
   ingested into it and the time per article is measured, for N = 1,000, 10,000 and 100,000.
   Candidate search uses the (type, date) and LSH band indexes, so the cost follows how many
   events of a kind fall in the search window, not the size of the store.

Run ``python bench/dedup.py`` (about a minute; ``--quick`` stops at 10,000).
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from eventwire.copies import PERMUTATIONS, band_keys
from eventwire.pipeline import Pipeline
from eventwire.read import read_jsonl
from eventwire.records import ArticleResult
from eventwire.store import Store

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "data" / "clusters.jsonl"
# Events spread over the countries a news feed covers; the corpus's own (SOM, SYR) among them.
COUNTRIES = ["SOM", "SYR", "AFG", "IRQ", "YEM", "NGA", "MLI", "UKR", "SDN", "COD", "MMR", "PAK",
             "IND", "MEX", "COL", "BRA", "ETH", "KEN", "LBY", "LBN", "ISR", "PSE", "TUR", "IRN",
             "RUS", "USA", "GBR", "FRA", "DEU", "CHN", "PHL", "IDN", "BFA", "NER", "CMR", "MOZ",
             "HTI", "VEN", "EGY", "TCD"]  # fmt: skip
TYPES = ["ASSAULT", "PROTEST", "COERCE", "CONSULT", "AGREE", "ACCUSE", "THREATEN", "AID"]


def coded_corpus(pipeline: Pipeline) -> tuple[list[ArticleResult], dict[str, dict[str, str]]]:
    text = CORPUS.read_text(encoding="utf-8")
    gold = {r["id"]: r["gold"] for r in map(json.loads, text.splitlines())}
    coded = pipeline.run(read_jsonl(text, str(CORPUS)))
    results = [r for r in coded if isinstance(r, ArticleResult)]
    return results, gold


def quality(store: Store, gold: dict[str, dict[str, str]]) -> tuple[float, float, int, int]:
    clusters: dict[str, list[str]] = defaultdict(list)
    for row in store.db.execute(
        "SELECT e.cluster_id, e.type, a.doc_id FROM events e JOIN articles a ON a.id = e.article_id"
    ):
        clusters[row["cluster_id"]].append(gold[row["doc_id"]].get(row["type"], "(none)"))
    reports = sum(len(r) for r in clusters.values())
    wrong = sum(len(r) - Counter(r).most_common(1)[0][1] for r in clusters.values())
    per_event = Counter(Counter(r).most_common(1)[0][0] for r in clusters.values())
    duplicates = sum(n - 1 for n in per_event.values())
    return duplicates / len(clusters), wrong / reports, len(clusters), reports


def fill(store: Store, first: int, count: int, rng: random.Random) -> None:
    """``count`` synthetic events, one per synthetic article, over 2023-2025."""
    start = date(2023, 1, 1)
    with store.db:
        for n in range(first, first + count):
            sig = np.array(
                [rng.getrandbits(32) for _ in range(PERMUTATIONS)], dtype=np.uint64
            ).tobytes()
            article_id = store.db.execute(
                "INSERT INTO articles (hash, doc_id, text, ingested_at, signature)"
                " VALUES (?, ?, '', '', ?)",
                (f"synthetic-{n}", f"synthetic-{n}", sig),
            ).lastrowid
            story = store.db.execute(
                "INSERT INTO stories (canonical_article_id) VALUES (?)", (article_id,)
            ).lastrowid
            store.db.execute("UPDATE articles SET story_id = ? WHERE id = ?", (story, article_id))
            store.db.executemany(
                "INSERT INTO article_bands VALUES (?, ?, ?)",
                [(band, key, article_id) for band, key in band_keys(sig)],
            )
            when = (start + timedelta(days=rng.randrange(3 * 365))).isoformat()
            kind = rng.choice(TYPES)
            country = rng.choice(COUNTRIES)
            lat, lon = rng.uniform(-30, 50), rng.uniform(-20, 100)
            record = {
                "id": f"synthetic-{n}",
                "type": kind,
                "date": when,
                "date_precision": "day",
                "location": {"country": country, "lat": lat, "lon": lon, "precision": "exact"},
                "actor": None,
                "recipient": None,
                "acled": None,
            }
            store.db.execute(
                "INSERT INTO events (id, article_id, rank, type, date, date_precision, modality,"
                " confidence, country, lat, lon, record, cluster_id)"
                " VALUES (?, ?, 0, ?, ?, 'day', 'asserted', 0.5, ?, ?, ?, ?, ?)",
                (
                    f"synthetic-{n}",
                    article_id,
                    kind,
                    when,
                    country,
                    lat,
                    lon,
                    json.dumps(record),
                    record["id"],
                ),
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="stop at 10,000 stored events")
    args = parser.parse_args()
    pipeline = Pipeline()
    results, gold = coded_corpus(pipeline)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "quality.db")
        for result in results:
            store.add(result)
        dup, wrong, clusters, reports = quality(store, gold)
        print(
            f"quality: {reports} reports in {clusters} clusters; "
            f"duplicate_event_rate={dup:.3f} wrong_merge_rate={wrong:.3f}"
        )
        store.close()
        rng = random.Random(7)
        sizes = [1_000, 10_000] + ([] if args.quick else [100_000])
        store = Store(Path(tmp) / "growth.db")
        filled = 0
        for size in sizes:
            fill(store, filled, size - filled, rng)
            filled = size
            store.db.execute("ANALYZE")
            # the bulk fill's write-ahead log is folded into the file before timing, so that
            # the first ingest does not pay for checkpointing it
            store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            times = []
            for result in results:
                started = time.perf_counter()
                store.add(result)
                times.append(time.perf_counter() - started)
            store.db.execute(
                "DELETE FROM articles WHERE doc_id NOT LIKE 'synthetic-%'"
            )  # cascade: the next size ingests the corpus again
            store.db.commit()
            ms = 1000 * sum(times) / len(times)
            print(f"ingest stored_events={size} ms_per_article={ms:.2f}")
        store.close()


if __name__ == "__main__":
    main()
