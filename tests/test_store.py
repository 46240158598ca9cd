"""The SQLite event store, fed with records built by hand (no NLP)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

import eventwire.store
from eventwire.records import (
    AcledCoding,
    Actor,
    Article,
    ArticleResult,
    Event,
    Evidence,
    Location,
    Quantity,
    RawDocument,
)
from eventwire.store import MIGRATIONS, EventFilter, SearchError, Store, StoreError

STRIKE_TEXT = (
    "A drone strike hit a pickup truck near Tikrit on Monday, killing four suspected militants, "
    "security officials said.\n\n"
    "Turkey's foreign minister is due to meet Iraqi officials to discuss border security."
)
PROTEST_TEXT = "Traders protested against a new market levy in Nairobi on Thursday."
STRIKE_SENTENCE = STRIKE_TEXT.split("\n\n")[0]


def _strike_article(**changes: Any) -> Article:
    fields: dict[str, Any] = {
        "id": "tikrit-strike.txt",
        "text": STRIKE_TEXT,
        "title": "Drone strike near Tikrit kills four",
        "published": date(2024, 5, 7),
        "outlet": "Tigris Daily",
        "byline": "Noor Hadi",
        "dateline": "TIKRIT, Iraq (Coastline Wire) -",
        "wire_agency": "Coastline Wire",
        "url": "https://example.org/tikrit-strike",
    } | changes
    return Article(**fields)


def _air_strike() -> Event:
    return Event(
        id="ev-air",
        type="ASSAULT",
        mode="aerial",
        actor=Actor("US aircraft", "Military Forces of United States", "USA", "MIL", 1),
        recipient=Actor("suspected militants", "suspected militants", None, "REB", 2),
        location=Location(
            "near Tikrit", "Tikrit", "IRQ", "Salah ad Din", 34.6, 43.68, "near", 91700
        ),
        date=date(2024, 5, 6),
        date_precision="day",
        date_text="on Monday",
        fatalities=Quantity(4, "four"),
        evidence=[Evidence(STRIKE_SENTENCE, 0, len(STRIKE_SENTENCE))],
        confidence=0.85,
        acled=AcledCoding("Explosions/Remote violence", "Air/drone strike", 1, 2, 12, 4, 2, 1),
    )


def _visit() -> Event:
    return Event(
        id="ev-visit",
        type="CONSULT",
        actor=Actor("Turkey's foreign minister", "Government of Turkey", "TUR", "GOV", 1),
        recipient=Actor("Iraqi officials", "Government of Iraq", "IRQ", "GOV", 1),
        modality="future",
    )


def _protest() -> Event:
    return Event(
        id="ev-protest",
        type="PROTEST",
        actor=Actor("Traders", "Traders", None, "BUS"),
        location=Location("Nairobi", "Nairobi", "KEN", "Nairobi Area", -1.28, 36.82, "exact"),
        date=date(2024, 5, 2),
        date_precision="day",
        acled=AcledCoding("Protests", "Peaceful protest", 6, None, 60, 0, 1, 1),
    )


CODED_AT = datetime(2024, 6, 12, 9, 30, tzinfo=UTC)


def _strike_result() -> ArticleResult:
    return ArticleResult(_strike_article(), [_air_strike(), _visit()], coded_at=CODED_AT)


def _protest_result() -> ArticleResult:
    article = Article(
        id="nairobi-levy.txt",
        text=PROTEST_TEXT,
        title="Traders protest market levy",
        published=date(2024, 5, 3),
        outlet="Rift Courier",
    )
    return ArticleResult(article, [_protest()])


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "events.db") as opened:
        yield opened


@pytest.fixture
def filled(store: Store) -> Store:
    assert store.add(_strike_result(), origin="wire/tikrit-strike.txt")
    assert store.add(_protest_result())
    return store


def _ids(store: Store, **where: Any) -> list[str]:
    return [record["id"] for record in store.events(EventFilter(**where))]


# --- adding ---------------------------------------------------------------------------------


def test_new_store_is_empty(store: Store) -> None:
    assert store.counts() == {"articles": 0, "events": 0, "evidence": 0, "sources": 0}


def test_add_stores_the_article_and_its_events(store: Store) -> None:
    assert store.add(_strike_result()) is True

    assert store.counts() == {"articles": 1, "events": 2, "evidence": 1, "sources": 2}


def test_adding_the_same_text_again_changes_nothing(store: Store) -> None:
    assert store.add(_strike_result()) is True
    before = store.counts()

    assert store.add(_strike_result()) is False
    again = ArticleResult(_strike_article(id="copy.txt", title="Other title"), [_protest()])
    assert store.add(again) is False

    assert store.counts() == before
    assert _ids(store) == ["ev-air", "ev-visit"]


def test_a_different_text_is_a_new_article(store: Store) -> None:
    store.add(_strike_result())

    changed = ArticleResult(_strike_article(text=STRIKE_TEXT + " Updated."), [])

    assert store.add(changed) is True
    assert store.counts()["articles"] == 2


def test_stored_record_is_the_event_record_with_its_source(filled: Store) -> None:
    [record] = filled.events(EventFilter(type="ASSAULT"))

    source = record.pop("source")
    cluster = record.pop("cluster")
    assert record == _air_strike().to_dict()
    assert cluster == {
        "id": record["id"],
        "reports": 1,
        "independent_sources": 1,
        "outlets": ["Tigris Daily"],
        "wire_agencies": ["Coastline Wire"],
        "updated": "2024-06-12T09:30:00+00:00",
    }
    assert source == {
        "article": "tikrit-strike.txt",
        "title": "Drone strike near Tikrit kills four",
        "outlet": "Tigris Daily",
        "url": "https://example.org/tikrit-strike",
        "published": "2024-05-07",
    }


# --- schema versions ------------------------------------------------------------------------


def test_an_event_of_several_reports_takes_the_lowest_toll_and_says_why(store: Store) -> None:
    told_five = replace(_air_strike(), id="ev-five", confidence=0.9, fatalities=Quantity(5, "5"))
    told_five.acled = replace(told_five.acled, fatalities=5)
    told_three = replace(told_five, id="ev-three", confidence=0.5, fatalities=Quantity(3, "3"))
    told_three.acled = replace(told_five.acled, fatalities=3)
    later = datetime(2024, 6, 13, tzinfo=UTC)
    store.add(ArticleResult(_strike_article(), [told_five], coded_at=CODED_AT))
    other = replace(_strike_article(), id="other.txt", text=PROTEST_TEXT, wire_agency="AFP")
    store.add(ArticleResult(other, [told_three], coded_at=later))
    store.merge("ev-five", "ev-three")

    found = store.event("ev-five")

    assert found is not None and found["id"] == "ev-five"  # the lead tells 5 killed
    assert found["acled"]["fatalities"] == 3
    assert found["acled"]["fatalities_note"] == (
        "Fatalities coded as 3, the lowest credible toll among the 2 reports of the event"
        " (this report's figure: 5)."
    )
    assert found["cluster"]["wire_agencies"] == ["AFP", "Coastline Wire"]
    assert datetime.fromisoformat(found["cluster"]["updated"]) > later  # merged after


def test_schema_version_is_the_number_of_migrations(store: Store) -> None:
    assert store.version == len(MIGRATIONS)


def test_reopening_keeps_data_and_does_not_migrate_again(tmp_path: Path) -> None:
    path = tmp_path / "events.db"
    with Store(path) as first:
        first.add(_strike_result())

    with Store(path) as second:  # a re-run of migration 1 would fail on CREATE TABLE
        assert second.version == len(MIGRATIONS)
        assert second.counts()["events"] == 2


def test_a_new_migration_is_applied_once_to_an_old_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "events.db"
    with Store(path) as old:
        old.add(_strike_result())
    monkeypatch.setattr(
        eventwire.store, "MIGRATIONS", (*MIGRATIONS, "CREATE TABLE notes (body TEXT)")
    )

    with Store(path) as upgraded:
        assert upgraded.version == len(MIGRATIONS) + 1
        assert upgraded.counts()["events"] == 2
        upgraded.db.execute("INSERT INTO notes VALUES ('checked')")
        upgraded.db.commit()
    with Store(path) as reopened:
        assert reopened.version == len(MIGRATIONS) + 1
        assert [tuple(row) for row in reopened.db.execute("SELECT body FROM notes")] == [
            ("checked",)
        ]


def test_unopenable_path_raises_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError):
        Store(tmp_path / "no-such-folder" / "events.db")


def test_file_that_is_not_a_database_raises_store_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"These are reporter notes, not a database. " * 20)

    with pytest.raises(StoreError):
        Store(path)


# --- one transaction per article ------------------------------------------------------------


class _BrokenEvent(Event):
    def to_dict(self) -> dict[str, Any]:
        raise RuntimeError("cannot serialise this event")


def _fts_hits(store: Store, word: str) -> int:
    query = "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?"
    return int(store.db.execute(query, (word,)).fetchone()[0])


def test_failure_while_adding_events_leaves_no_partial_article(store: Store) -> None:
    broken = ArticleResult(_strike_article(), [_air_strike(), _BrokenEvent(id="ev-bad", type="X")])

    with pytest.raises(RuntimeError, match="cannot serialise"):
        store.add(broken)

    assert store.counts() == {"articles": 0, "events": 0, "evidence": 0, "sources": 0}
    assert _fts_hits(store, "Tikrit") == 0
    assert store.add(_strike_result()) is True  # the failed article did not block its hash
    assert store.counts()["events"] == 2


def test_duplicate_event_id_rolls_back_the_whole_article(store: Store) -> None:
    duplicate = ArticleResult(_strike_article(), [_air_strike(), _air_strike()])

    with pytest.raises(StoreError, match="UNIQUE constraint") as raised:
        store.add(duplicate)
    assert isinstance(raised.value.__cause__, sqlite3.IntegrityError)

    assert store.counts() == {"articles": 0, "events": 0, "evidence": 0, "sources": 0}


def test_failure_keeps_earlier_articles(filled: Store) -> None:
    before = filled.counts()
    text = "Fishermen blocked the harbour mouth at dawn."
    broken = ArticleResult(
        Article(id="harbour.txt", text=text), [_BrokenEvent(id="ev-bad", type="X")]
    )

    with pytest.raises(RuntimeError):
        filled.add(broken)

    assert filled.counts() == before


# --- queries --------------------------------------------------------------------------------


def test_events_are_newest_first_and_undated_last(filled: Store) -> None:
    assert _ids(filled) == ["ev-air", "ev-protest", "ev-visit"]


def test_limit(filled: Store) -> None:
    assert _ids(filled, limit=2) == ["ev-air", "ev-protest"]


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        ({"since": date(2024, 5, 3)}, ["ev-air"]),
        ({"until": date(2024, 5, 3)}, ["ev-protest"]),
        ({"since": date(2024, 5, 2), "until": date(2024, 5, 2)}, ["ev-protest"]),
        ({"since": date(2024, 5, 7)}, []),
    ],
)
def test_date_filters_are_inclusive_and_skip_undated_events(
    filled: Store, where: dict[str, Any], expected: list[str]
) -> None:
    assert _ids(filled, **where) == expected


@pytest.mark.parametrize(
    ("country", "expected"),
    [
        ("IRQ", ["ev-air", "ev-visit"]),  # where it happened, or a party's country
        ("irq", ["ev-air", "ev-visit"]),
        ("USA", ["ev-air"]),
        ("TUR", ["ev-visit"]),
        ("KEN", ["ev-protest"]),
        ("FRA", []),
    ],
)
def test_country_filter(filled: Store, country: str, expected: list[str]) -> None:
    assert _ids(filled, country=country) == expected


@pytest.mark.parametrize(
    ("event_type", "expected"),
    [
        ("ASSAULT", ["ev-air"]),
        ("assault", ["ev-air"]),
        ("Explosions/Remote violence", ["ev-air"]),
        ("Air/drone strike", ["ev-air"]),
        ("Protests", ["ev-protest"]),
        ("Peaceful protest", ["ev-protest"]),
        ("CONSULT", ["ev-visit"]),
        ("Battles", []),
    ],
)
def test_type_filter_accepts_plover_and_acled_types(
    filled: Store, event_type: str, expected: list[str]
) -> None:
    assert _ids(filled, type=event_type) == expected


@pytest.mark.parametrize(
    ("actor", "expected"),
    [
        ("Military Forces", ["ev-air"]),
        ("militants", ["ev-air"]),  # recipient
        ("turkey", ["ev-visit"]),
        ("Iraq", ["ev-visit"]),
        ("Traders", ["ev-protest"]),
        ("Hezbollah", []),
        ("%", []),  # LIKE wildcards in the text match only themselves
        ("T_aders", []),
    ],
)
def test_actor_filter_matches_actor_or_recipient(
    filled: Store, actor: str, expected: list[str]
) -> None:
    assert _ids(filled, actor=actor) == expected


def test_a_name_search_over_200_characters_is_refused(filled: Store) -> None:
    with pytest.raises(SearchError, match="at most 200"):
        _ids(filled, actor="a" * 50_001)  # beyond SQLite's LIKE pattern limit, too
    with pytest.raises(SearchError, match="at most 200"):
        filled.actors(search="a" * 201)


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("Tikrit", ["ev-air", "ev-visit"]),
        ("levy", ["ev-protest"]),
        ("protest", ["ev-protest"]),  # porter stemming finds "protested"
        ("drone AND minister", ["ev-air", "ev-visit"]),
        ("earthquake", []),
    ],
)
def test_full_text_search(filled: Store, search: str, expected: list[str]) -> None:
    assert _ids(filled, search=search) == expected


def test_filters_combine(filled: Store) -> None:
    assert _ids(filled, country="IRQ", type="ASSAULT", search="Tikrit") == ["ev-air"]
    assert _ids(filled, country="KEN", search="Tikrit") == []


@pytest.mark.parametrize("query", ['"unbalanced quote', "AND", "title:", "drone OR"])
def test_bad_search_query_raises_store_error(filled: Store, query: str) -> None:
    with pytest.raises(StoreError):
        filled.events(EventFilter(search=query))


# --- one event ------------------------------------------------------------------------------


def test_event_returns_sources_and_the_article_text(filled: Store) -> None:
    found = filled.event("ev-air")

    assert found is not None
    assert found["id"] == "ev-air"
    assert found["article_text"] == STRIKE_TEXT
    assert found["sources"] == [
        {
            "outlet": "Tigris Daily",
            "url": "https://example.org/tikrit-strike",
            "wire_agency": "Coastline Wire",
            "doc_id": "tikrit-strike.txt",
            "title": "Drone strike near Tikrit kills four",
            "published": "2024-05-07",
        }
    ]


def test_event_evidence_points_into_the_article_text(filled: Store) -> None:
    found = filled.event("ev-air")

    assert found is not None
    [evidence] = found["evidence"]
    assert found["article_text"][evidence["start"] : evidence["end"]] == evidence["sentence"]


def test_unknown_event_is_none(filled: Store) -> None:
    assert filled.event("ev-missing") is None


def _ingest_all(path: str, results: list, order: int) -> int:
    store = Store(path)
    added = sum(store.add(r) for r in (results if order % 2 == 0 else results[::-1]))
    store.close()
    return added


def test_concurrent_writers_store_each_article_once(pipeline, tmp_path) -> None:
    """Several processes ingesting overlapping input: no writer fails, each article and
    its events are stored once (the existence check runs under the write lock)."""
    import multiprocessing

    texts = [
        f"Gunmen killed {n} villagers in Dikwa on Tuesday, police said. Residents fled {n} km."
        for n in range(3, 15)
    ]
    docs = [
        RawDocument(f"d{n}", t, False, "t", published=date(2025, 3, 5)) for n, t in enumerate(texts)
    ]
    results = list(pipeline.run(docs))
    path = str(tmp_path / "events.db")
    Store(path).close()
    with multiprocessing.get_context("fork").Pool(4) as pool:
        added = pool.starmap(_ingest_all, [(path, results, i) for i in range(4)])
    assert sum(added) == len(texts)
    store = Store(path)
    assert store.db.execute("SELECT count(*) FROM articles").fetchone()[0] == len(texts)
    events = store.db.execute("SELECT count(*) FROM events").fetchone()[0]
    assert events == sum(len(r.events) for r in results) > 0


def test_a_store_that_cannot_be_written_is_a_clear_error(pipeline, tmp_path) -> None:
    store = Store(tmp_path / "events.db")
    [result] = pipeline.run(
        [RawDocument("d1", "Gunmen killed 12 villagers in Dikwa on Tuesday.", False, "t")]
    )
    store.db.execute("PRAGMA query_only = ON")  # as a full disk or a read-only file refuses
    with pytest.raises(StoreError, match="cannot store d1"):
        store.add(result)
    assert store.db.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
