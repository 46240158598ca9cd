"""One event, many reports: near-copies, event clusters across articles, explained and
reversible merges, corroboration, conservative tolls and reported tallies."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from eventwire.clusters import Report, _copied, compare
from eventwire.copies import band_keys, signature, similarity
from eventwire.export import acled_row, flat_row
from eventwire.read import read_jsonl
from eventwire.sentences import split_sentences
from eventwire.store import EventFilter, Store
from eventwire.tallies import tallies

CORPUS = Path(__file__).parent / "data" / "clusters.jsonl"

STORY = (
    "A car bomb exploded at a crowded livestock market in the town on Tuesday, killing at "
    "least nine people and wounding 20, police said. The vehicle was parked near the entrance "
    "to the market, where herders and traders gather each morning, a police officer said."
)


def test_a_syndicated_copy_is_near_and_a_rewrite_is_not() -> None:
    copy = STORY + " Share this story with your friends."
    rewrite = (
        "At least 11 people died on Tuesday when a vehicle packed with explosives blew up at "
        "the main cattle market, a regional official said."
    )
    assert similarity(signature(STORY), signature(copy)) > 0.8
    assert similarity(signature(STORY), signature(rewrite)) < 0.2
    shared = set(band_keys(signature(STORY))) & set(band_keys(signature(copy)))
    assert shared  # a copy is found through the band index


def _report(**changes) -> Report:
    record = {
        "id": "e1",
        "type": "ASSAULT",
        "mode": "explosives",
        "date": "2025-06-10",
        "date_precision": "day",
        "location": {
            "name": "Baidoa",
            "country": "SOM",
            "admin1": "Bay",
            "lat": 3.11,
            "lon": 43.65,
            "precision": "exact",
        },
        "actor": {"text": "al-Shabaab", "name": "al-Shabaab", "country": "SOM", "sector": "REB"},
        "recipient": {"text": "civilians", "name": "civilians", "country": "SOM", "sector": "CVL"},
        "fatalities": {"count": 9, "text": "nine"},
    }
    record.update(changes)
    return Report.of(record, record["id"], None)


def test_reports_of_one_event_match_and_say_why() -> None:
    match = compare(_report(id="new"), _report())
    assert match is not None and match.cluster_id == "e1"
    assert set(match.matched) >= {"type", "day", "town", "actor", "mode", "fatalities"}


UNPLACED = {"location": None}


@pytest.mark.parametrize(
    "changes",
    [
        {"type": "PROTEST"},
        {"date": "2025-06-12"},  # two days apart at day precision
        {"location": {"country": "SOM", "lat": 2.04, "lon": 45.34, "precision": "exact"}},
        {"location": {"country": "KEN", "lat": 3.11, "lon": 43.65, "precision": "exact"}},
        {"actor": {"text": "ISIS", "name": "Islamic State", "country": "SOM", "sector": "REB"}},
        {"date": None},  # an undated report joins only copies of its own story
    ],
)
def test_reports_that_conflict_do_not_match(changes) -> None:
    assert compare(_report(id="new", **changes), _report()) is None


def test_a_place_and_a_day_alone_do_not_identify_an_event() -> None:
    bare = {"actor": None, "recipient": None, "fatalities": None, "mode": None}
    assert compare(_report(id="new", **bare), _report(**bare)) is None
    # the same kind of weapon in the same town that day is enough between two reports
    assert compare(_report(id="new", **{**bare, "mode": "explosives"}), _report()) is not None


def test_parties_of_other_kinds_tell_other_events() -> None:
    def protest(people: str, **changes) -> Report:
        crowd = {"text": people, "name": people, "country": "SOM", "sector": "CVL"}
        return _report(
            type="PROTEST", mode="demo", actor=crowd, recipient=None, fatalities=None, **changes
        )

    assert compare(protest("taxi drivers", id="new"), protest("taxi drivers")) is not None
    assert compare(protest("taxi drivers", id="new"), protest("street vendors")) is None


def test_without_a_town_only_named_parties_and_a_detail_identify() -> None:
    anywhere = {"location": {"country": "SOM", "lat": 6.0, "lon": 46.2, "precision": "country"}}
    match = compare(_report(id="new", **anywhere), _report(**anywhere))
    assert match is not None and {"actor", "fatalities"} <= set(match.matched)
    unnamed = {"actor": None, "recipient": None}
    assert compare(_report(id="new", **anywhere, **unnamed), _report(**anywhere)) is None
    assert compare(_report(id="new", **UNPLACED), _report(**anywhere)) is None  # no country


def test_a_template_with_another_name_is_no_copy() -> None:
    assert _copied(
        "KISMAYO, Somalia (Wire) - A car bomb killed nine people in Baidoa on Tuesday.",
        "A car bomb killed nine people in Baidoa on Tuesday.",
    )
    assert not _copied(
        "On 5 May, party activists held a rally in Sylhet demanding the release of detainees.",
        "On 5 May, party activists held a rally in Khulna demanding the release of detainees.",
    )


def test_coarse_dates_and_places_widen_the_window() -> None:
    weekly = _report(id="new", date="2025-06-14", date_precision="week")
    assert compare(weekly, _report()) is not None
    province = _report(
        id="new",
        location={"country": "SOM", "admin1": "Bay", "lat": 3.6, "lon": 44.1}
        | {"precision": "admin1"},
    )
    assert compare(province, _report()) is not None


def test_a_country_alone_is_no_match_of_place() -> None:
    country = {"country": "SOM", "lat": 6.0, "lon": 46.2, "precision": "country"}
    match = compare(_report(id="new", location=country), _report(location=country))
    assert match is None or not {"town", "district", "province"} & set(match.matched)


def test_tallies_are_kept_apart_from_events() -> None:
    text = (
        "The group has carried out more than 40 attacks in the region so far this year. "
        "At least 62 soldiers have been injured in the attacks, officials said. "
        "Gunmen killed two officers on Tuesday."
    )
    found = tallies(split_sentences(text))
    assert [(t.kind, t.count.count, t.what) for t in found] == [
        ("events", 40, "attacks"),
        ("casualties", 62, "soldiers"),
    ]


@pytest.fixture(scope="module")
def clustered(pipeline, tmp_path_factory) -> Store:
    store = Store(tmp_path_factory.mktemp("clusters") / "events.db")
    docs = list(read_jsonl(CORPUS.read_text(encoding="utf-8"), str(CORPUS)))
    for result in pipeline.run(docs):
        store.add(result)
    return store


def _gold() -> dict[str, dict[str, str]]:
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    return {r["id"]: r["gold"] for r in map(json.loads, lines)}


def test_every_event_once_with_all_its_reports(clustered: Store) -> None:
    gold = _gold()
    clusters: dict[str, list[str]] = defaultdict(list)  # cluster -> real events of its reports
    for row in clustered.db.execute(
        "SELECT e.cluster_id, e.type, a.doc_id FROM events e JOIN articles a ON a.id = e.article_id"
    ):
        real = gold[row["doc_id"]].get(row["type"])
        assert real is not None, f"{row['doc_id']}: a {row['type']} event that no report tells"
        clusters[row["cluster_id"]].append(real)
    wrong = sum(len(r) - Counter(r).most_common(1)[0][1] for r in clusters.values())
    per_event = Counter(Counter(r).most_common(1)[0][0] for r in clusters.values())
    duplicates = sum(n - 1 for n in per_event.values())
    real_events = {e for g in gold.values() for e in g.values()}
    # The Monitor's rewrite shares no weapon, party or toll with the other reports of the
    # bombing (a town and a day alone identify no event): it stays an event of its own.
    assert wrong == 0 and duplicates == 1
    assert set(per_event) == real_events


def test_copies_count_once_as_sources(clustered: Store) -> None:
    [bombing] = [
        e for e in clustered.events(EventFilter(min_sources=2)) if e["location"]["name"] == "Baidoa"
    ]
    assert bombing["cluster"]["reports"] == 3
    assert bombing["cluster"]["independent_sources"] == 2  # two outlets ran one wire story
    stories = clustered.db.execute("SELECT count(DISTINCT story_id) FROM articles").fetchone()[0]
    assert stories == 8  # nine articles, one a syndicated copy


def test_conflicting_tolls_are_kept_per_source(clustered: Store) -> None:
    [bombing] = [
        e for e in clustered.events(EventFilter(min_sources=2)) if e["location"]["name"] == "Baidoa"
    ]
    full = clustered.event(bombing["id"])
    assert full is not None
    by_outlet = {r["outlet"]: r["fatalities"]["count"] for r in full["reports"]}
    assert by_outlet == {
        "Coastline Wire": 9,
        "Horn Daily Online": 9,
        "Sahel and Horn Post": 14,
    }
    assert full["cluster"]["fatalities_range"] == [9, 14]
    assert full["acled"]["fatalities"] == 9  # the most conservative credible figure
    merged = [r["merged"] for r in full["reports"] if r["merged"]]
    assert merged and all("day" in m and "town" in m for m in merged)


def test_same_day_same_city_different_events_stay_apart(clustered: Store) -> None:
    baidoa = [e for e in clustered.events(EventFilter(since=None)) if e["location"]]
    baidoa = [e for e in baidoa if e["location"]["name"] == "Baidoa"]
    # the bombing (twice, see above), the police station attack, the traders' march
    assert len(baidoa) == 4
    assert sorted(e["cluster"]["reports"] for e in baidoa) == [1, 1, 1, 3]


def test_split_and_merge_are_reversible_and_sticky(clustered: Store, pipeline) -> None:
    [bombing] = [
        e for e in clustered.events(EventFilter(min_sources=2)) if e["location"]["name"] == "Baidoa"
    ]
    full = clustered.event(bombing["id"])
    assert full is not None
    post = next(r["event_id"] for r in full["reports"] if r["outlet"] == "Sahel and Horn Post")
    lead = full["id"]
    assert clustered.split(post) == post
    assert clustered.event(post)["cluster"]["reports"] == 1
    assert clustered.event(lead)["cluster"]["reports"] == 2
    forbidden = clustered.db.execute(
        "SELECT count(*) FROM merge_rules WHERE rule = 'forbid' AND event_id = ?", (post,)
    ).fetchone()[0]
    assert forbidden == 2
    assert clustered.merge(lead, post) == clustered.event(lead)["cluster"]["id"]
    after = clustered.event(post)
    assert after["cluster"]["reports"] == 3
    assert any(r["forced"] for r in after["reports"])


def test_reingesting_changes_nothing(clustered: Store, pipeline) -> None:
    before = clustered.counts()
    docs = list(read_jsonl(CORPUS.read_text(encoding="utf-8"), str(CORPUS)))
    assert not any(clustered.add(result) for result in pipeline.run(docs))
    assert clustered.counts() == before


def test_tallies_are_stored_with_their_article(clustered: Store) -> None:
    found = clustered.tallies("cw-baidoa-market-bombing")
    assert [(t["kind"], t["count"], t["what"]) for t in found] == [("events", 40, "attacks")]


def test_exports_carry_corroboration_and_every_outlet(clustered: Store) -> None:
    [bombing] = [
        e for e in clustered.events(EventFilter(min_sources=2)) if e["location"]["name"] == "Baidoa"
    ]
    assert flat_row(bombing)["independent_sources"] == 2
    row = acled_row(bombing)
    assert row is not None
    assert row["source"] == ("Coastline Wire; Horn Daily Online; Sahel and Horn Post")


def _memberships(store: Store) -> set[frozenset[str]]:
    clusters: dict[str, set[str]] = defaultdict(set)
    for row in store.db.execute("SELECT id, cluster_id FROM events"):
        clusters[row["cluster_id"]].add(row["id"])
    return {frozenset(c) for c in clusters.values()}


def test_recluster_repairs_a_store_built_with_looser_rules(pipeline, tmp_path) -> None:
    store = Store(tmp_path / "events.db")
    docs = list(read_jsonl(CORPUS.read_text(encoding="utf-8"), str(CORPUS)))
    for result in pipeline.run(docs):
        store.add(result)
    fresh = _memberships(store)
    # as the old rules did: every ASSAULT in Baidoa that day one event
    with store.db:
        store.db.execute(
            "UPDATE events SET cluster_id = 'lumped' WHERE type = 'ASSAULT' AND date = '2025-06-10'"
        )
    lumped = store.event("lumped")
    assert lumped is not None and lumped["cluster"]["reports"] == 5
    done = store.recluster()
    assert (done.clusters_before, done.split) == (len(fresh) - 2, 1)
    assert done.clusters_after == len(fresh)
    assert _memberships(store) == fresh
    merged = store.db.execute("SELECT count(*) FROM merges WHERE forced = 0").fetchone()[0]
    assert merged == sum(len(c) - 1 for c in fresh)


def test_recluster_keeps_what_users_split_and_merged(pipeline, tmp_path) -> None:
    store = Store(tmp_path / "events.db")
    docs = list(read_jsonl(CORPUS.read_text(encoding="utf-8"), str(CORPUS)))
    for result in pipeline.run(docs):
        store.add(result)
    [bombing] = [
        e for e in store.events(EventFilter(min_sources=2)) if e["location"]["name"] == "Baidoa"
    ]
    reports = {r["outlet"]: r["event_id"] for r in store.event(bombing["id"])["reports"]}
    monitor = store.db.execute(
        "SELECT e.id FROM events e JOIN articles a ON a.id = e.article_id"
        " WHERE a.doc_id = 'monitor-baidoa-market-blast'"
    ).fetchone()[0]
    store.split(reports["Sahel and Horn Post"])
    store.merge(reports["Coastline Wire"], monitor)
    users = _memberships(store)
    done = store.recluster()
    assert done.split == done.joined == 0
    assert _memberships(store) == users
