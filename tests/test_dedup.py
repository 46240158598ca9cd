"""Deduplication measured both ways: pairs of reports of one event merge, reports of other
events do not (``tests/data/dedup-pairs.jsonl``, written for the project), and the measures
themselves."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from eventwire.dedup import acled_reports, code_pairs, pair_outcomes, read_pairs, wrong_merges
from eventwire.read import read_jsonl
from eventwire.store import Store

PAIRS = Path(__file__).parent / "data" / "dedup-pairs.jsonl"


@pytest.fixture(scope="module")
def outcomes(pipeline):
    pairs = read_pairs(PAIRS)
    return pair_outcomes(pairs, code_pairs(pipeline, pairs))


def test_the_pair_corpus_holds_every_kind_of_pair() -> None:
    pairs = read_pairs(PAIRS)
    assert len(pairs) >= 200 and len({p.id for p in pairs}) == len(pairs)
    kinds = Counter((p.kind, p.same) for p in pairs)
    assert {k for k, _ in kinds} == {
        "syndicated", "rewrite", "follow-up", "same-place-day", "same-actors-other-day"
    }  # fmt: skip
    assert all(same == (kind in {"syndicated", "rewrite", "follow-up"}) for kind, same in kinds)


def test_other_events_are_not_merged(outcomes) -> None:
    negatives = [o for o in outcomes if not o.pair.same and o.coded]
    assert len(negatives) >= 60
    # one pair is known to merge: a car bomb and a grenade in Mogadishu that morning, both
    # "explosives" and neither telling a party or toll the other gives
    assert sum(o.merged for o in negatives) <= 1


def test_copies_always_merge_and_most_reports_of_one_event_do(outcomes) -> None:
    both = [o for o in outcomes if o.pair.same and o.coded]
    copies = [o for o in both if o.pair.kind == "syndicated"]
    assert copies and all(o.merged for o in copies)
    # floors under the figures bench/dedup.py reports, so that a change that loses merges fails
    assert sum(o.merged for o in both) / len(both) >= 0.5


def test_wrong_merges_count_reports_sharing_a_cluster(pipeline, tmp_path) -> None:
    text = "\n".join(
        [
            '{"id": "a", "published": "2025-03-04", "text": "Gunmen killed 12 villagers in'
            ' Dikwa on Tuesday, police said."}',
            '{"id": "b", "published": "2025-03-04", "text": "Gunmen killed 12 villagers in'
            ' Dikwa on Tuesday, police said. Residents fled."}',
            '{"id": "c", "published": "2025-03-04", "text": "Students marched in Nairobi on'
            ' Tuesday against fee increases."}',
        ]
    )
    store = Store(tmp_path / "events.db")
    for result in pipeline.run(read_jsonl(text, "t")):
        store.add(result, "notes")
    rates = wrong_merges(store)
    assert (rates[""].reports, rates[""].wrongly_merged) == (3, 2)
    assert rates["notes"].share == pytest.approx(2 / 3)


def test_acled_notes_repeated_word_for_word_are_read_once(tmp_path) -> None:
    header = "event_id_cnty,event_date,event_type,notes,iso3\n"
    rows = [
        'KEN1,2019-03-04,Protests,"On 4 March 2019, traders protested in Kisumu.",KEN',
        'KEN2,2019-03-04,Protests,"On 4 March 2019, traders protested in Kisumu.",KEN',
        'KEN3,2019-03-05,Protests,"On 5 March 2019, teachers protested in Nakuru.",KEN',
    ]
    path = tmp_path / "acled.csv"
    path.write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    reports = list(acled_reports([path]))
    assert [(r.id, str(r.published)) for r in reports] == [
        ("KEN1", "2019-03-04"),
        ("KEN3", "2019-03-05"),
    ]
