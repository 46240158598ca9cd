"""Deduplication measured both ways, and the cost of incremental ingestion as the store grows.

1. Wrong merges on real reports of distinct events: every ACLED note in ``../shared/train/acled``
   and the Afghanistan development set (each row its own event; a note repeated word for word,
   ACLED's own duplicates, is read once) is ingested, published on its event's day, into one
   store. A note is wrongly merged when one of its events shares a cluster with another
   note's. Skipped when ``../shared`` is absent.
2. Missed merges on ``tests/data/dedup-pairs.jsonl``: 216 pairs of reports written for the
   project (syndicated copies, rewrites, follow-ups days later with new tolls; and hard
   negatives: another event in the same town on the same day, the same parties on another
   day), each pair ingested into a store of its own. Recall is the share of same-event pairs
   whose events of the pair's type were merged, over the pairs where the coder found such an
   event in both reports (and over all pairs).
3. Calibration: both rates at several thresholds of the evidence score
   (``clusters.THRESHOLD``), the ACLED store re-clustered for each (``Store.recluster``).
4. The in-house cluster corpus ``tests/data/clusters.jsonl``: duplicate-event and wrong-merge
   rates over its nine articles.
5. Cost: a store is filled with N synthetic events (random kinds, places and dates over three
   years, with random MinHash signatures for their articles), then the cluster corpus is
   ingested into it and the time per article is measured, for N = 1,000, 10,000 and 100,000.

Run ``python bench/dedup.py`` (a few minutes; ``--quick`` skips the sweep and stops the growth
at 10,000).
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

from eventwire import clusters
from eventwire.copies import PERMUTATIONS, band_keys
from eventwire.dedup import acled_reports, code_pairs, pair_outcomes, read_pairs, wrong_merges
from eventwire.pipeline import Pipeline
from eventwire.read import read_jsonl
from eventwire.records import ArticleResult
from eventwire.store import Store

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "data" / "clusters.jsonl"
PAIRS = ROOT / "tests" / "data" / "dedup-pairs.jsonl"
SHARED = ROOT.parent / "shared"
THRESHOLDS = (2.0, 2.5, 3.0, 3.5, 4.0, 5.0)
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


def acled_store(pipeline: Pipeline, path: Path) -> Store | None:
    """The ACLED notes ingested into one store, or None without ``../shared``."""
    files = sorted((SHARED / "train" / "acled").glob("*.csv"))
    files += sorted((SHARED / "eval" / "acled-dev").glob("*.csv"))
    if not files:
        return None
    documents = list(acled_reports(files))
    origin = {doc.id: doc.origin for doc in documents}
    store = Store(path)
    for result in pipeline.run(documents):
        if isinstance(result, ArticleResult):
            store.add(result, origin[result.article.id])
    return store


def report_rates(store: Store | None, pipeline: Pipeline, thresholds: list[float]) -> None:
    pairs = read_pairs(PAIRS)
    coded = code_pairs(pipeline, pairs)
    chosen = clusters.THRESHOLD
    print(
        "| threshold | ACLED notes wrongly merged | by set | same-event pairs merged"
        " (both coded) | (all) | hard negatives merged |"
    )
    print("| ---: | ---: | --- | ---: | ---: | ---: |")
    for threshold in thresholds:
        clusters.THRESHOLD = threshold
        wrong = ""
        by_set = ""
        if store is not None:
            store.recluster()
            rates = wrong_merges(store)
            wrong = f"{rates[''].wrongly_merged}/{rates[''].reports} = {rates[''].share:.3f}"
            by_set = ", ".join(f"{o.split('-')[1]} {r.share:.3f}" for o, r in rates.items() if o)
        outcomes = pair_outcomes(pairs, coded)
        same = [o for o in outcomes if o.pair.same]
        both = [o for o in same if o.coded]
        negatives = [o for o in outcomes if not o.pair.same and o.coded]
        merged = sum(o.merged for o in both)
        print(
            f"| {threshold}{' (shipped)' if threshold == chosen else ''} | {wrong} | {by_set}"
            f" | {merged}/{len(both)} = {merged / len(both):.3f}"
            f" | {sum(o.merged for o in same)}/{len(same)}"
            f" | {sum(o.merged for o in negatives)}/{len(negatives)} |"
        )
        kinds = Counter(o.pair.kind for o in both if o.merged)
        totals = Counter(o.pair.kind for o in both)
        print(
            "|  |  |  | " + ", ".join(f"{k} {kinds[k]}/{n}" for k, n in totals.items()) + " |  |  |"
        )
    clusters.THRESHOLD = chosen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="no sweep; growth stops at 10,000")
    args = parser.parse_args()
    pipeline = Pipeline()
    results, gold = coded_corpus(pipeline)
    with tempfile.TemporaryDirectory() as tmp:
        acled = acled_store(pipeline, Path(tmp) / "acled.db")
        if acled is None:
            print(f"{SHARED} is absent: no wrong-merge rate on ACLED notes")
        sweep = [clusters.THRESHOLD] if args.quick else sorted({*THRESHOLDS, clusters.THRESHOLD})
        report_rates(acled, pipeline, sweep)
        store = Store(Path(tmp) / "quality.db")
        for result in results:
            store.add(result)
        dup, wrong, n_clusters, reports = quality(store, gold)
        print(
            f"in-house corpus: {reports} reports in {n_clusters} clusters; "
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
