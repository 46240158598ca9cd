"""How well a store tells reports of one event from reports of others, measured both ways.

* Wrong merges: reports that each tell a distinct event (ACLED notes: every row is its own
  event) are ingested into one store; a report is wrongly merged when one of its events shares
  a cluster with another report's.
* Missed merges: pairs of reports of one event (syndicated copies, rewrites, follow-ups) must
  merge and pairs of reports of similar events (same town and day, same parties on another
  day) must not; each pair is ingested into a store of its own.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from eventwire.goldsets import read_acled
from eventwire.inputs import document_from_json
from eventwire.pipeline import Pipeline
from eventwire.records import ArticleResult, RawDocument
from eventwire.store import Store


@dataclass(frozen=True, slots=True)
class Pair:
    """Two reports, and whether they tell one event of kind ``type``."""

    id: str
    kind: str
    same: bool
    type: str
    a: RawDocument
    b: RawDocument


@dataclass(frozen=True, slots=True)
class PairOutcome:
    pair: Pair
    coded: bool  # both reports yield an event of the pair's type
    merged: bool  # such events of the two share a cluster


@dataclass(frozen=True, slots=True)
class WrongMerges:
    reports: int  # reports that yield an event
    wrongly_merged: int  # of them, those with an event clustered with another report's
    clusters: int

    @property
    def share(self) -> float:
        return self.wrongly_merged / self.reports if self.reports else 0.0


def read_pairs(path: Path) -> list[Pair]:
    """A pair corpus: JSON Lines of ``{"id", "kind", "same", "type", "a": {...}, "b": {...}}``,
    each report with ``id``, ``text`` and optionally ``published``, ``outlet``, ``title``."""
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            a, b = (document_from_json(r[side], str(path)) for side in ("a", "b"))
            pairs.append(Pair(r["id"], r["kind"], bool(r["same"]), r["type"], a, b))
    return pairs


def code_pairs(pipeline: Pipeline, pairs: list[Pair]) -> dict[str, ArticleResult]:
    """Every report of ``pairs`` coded, by report id."""
    documents = [doc for pair in pairs for doc in (pair.a, pair.b)]
    return {r.article.id: r for r in pipeline.run(documents) if isinstance(r, ArticleResult)}


def pair_outcomes(pairs: list[Pair], coded: dict[str, ArticleResult]) -> list[PairOutcome]:
    """Ingest each pair's coded reports (first ``a``, then ``b``) into a store of its own and
    see whether their events of the pair's type were merged."""
    outcomes = []
    for pair in pairs:
        with Store(":memory:") as store:
            for doc in (pair.a, pair.b):
                if doc.id in coded:
                    store.add(coded[doc.id])
            clusters = [
                {
                    row["cluster_id"]
                    for row in store.db.execute(
                        "SELECT e.cluster_id FROM events e JOIN articles a"
                        " ON a.id = e.article_id WHERE a.doc_id = ? AND e.type = ?",
                        (doc.id, pair.type),
                    )
                }
                for doc in (pair.a, pair.b)
            ]
        outcomes.append(PairOutcome(pair, all(clusters), bool(clusters[0] & clusters[1])))
    return outcomes


def acled_reports(paths: Iterable[Path]) -> Iterator[RawDocument]:
    """ACLED notes as reports, each published on its event's day; a note repeated word for word
    (ACLED's own duplicates) is read once."""
    seen: set[str] = set()
    for path in paths:
        for item in read_acled(path):
            if item.text in seen:
                continue
            seen.add(item.text)
            when = item.events[0].date if item.events else None
            yield RawDocument(item.id, item.text, False, path.name, published=when)


def wrong_merges(store: Store) -> dict[str, WrongMerges]:
    """In a store whose every article tells events of its own, how many articles have an event
    that shares a cluster with another article's: by the articles' origin, and in all ("")."""
    articles_of: dict[str, set[int]] = defaultdict(set)
    by_origin: dict[str, set[int]] = defaultdict(set)
    for row in store.db.execute(
        "SELECT e.cluster_id, e.article_id, a.origin FROM events e"
        " JOIN articles a ON a.id = e.article_id"
    ):
        articles_of[row["cluster_id"]].add(row["article_id"])
        for origin in ("", row["origin"] or "?"):
            by_origin[origin].add(row["article_id"])
    wrong = {a for ids in articles_of.values() if len(ids) > 1 for a in ids}
    return {
        origin: WrongMerges(
            len(ids),
            len(ids & wrong),
            len({c for c, members in articles_of.items() if members & ids}),
        )
        for origin, ids in sorted(by_origin.items())
    }
