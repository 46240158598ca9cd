"""Acceptance on the founding example, ../shared/fixtures/seed-article.*, when it is present."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.read import read_inputs
from eventwire.records import ArticleResult

JUNK = (
    "See also",
    "Leave a Reply",
    "Required fields",
    "Our standards",
    "licensing",
    "Phil Stewart has reported",
    "Reporting by",
    "National Security Correspondent",
)


@pytest.fixture(scope="module")
def seed(pipeline, shared_dir) -> dict[str, ArticleResult]:
    fixtures = shared_dir / "fixtures"
    paths = [str(fixtures / "seed-article.html"), str(fixtures / "seed-article.txt")]
    return {r.article.id: r for r in pipeline.run(read_inputs(paths))}


def _pair(result: ArticleResult):
    missile = next(e for e in result.events if e.mode == "heavy-weapons")
    strike = next(e for e in result.events if e.mode == "aerial")
    return missile, strike


def test_missile_attack_on_ain_al_asad(seed):
    missile, _ = _pair(seed["seed-article.html"])
    assert missile.type == "ASSAULT"
    assert missile.acled.event_type == "Explosions/Remote violence"
    assert missile.acled.sub_event_type == "Shelling/artillery/missile attack"
    assert (missile.recipient.country, missile.recipient.sector) == ("USA", "MIL")
    assert missile.location.country == "IRQ" and "Anbar" in missile.location.admin1
    assert missile.location.lat == pytest.approx(33.79, abs=0.05)
    assert missile.location.lon == pytest.approx(42.44, abs=0.05)
    assert missile.date == date(2023, 11, 21)
    assert missile.injuries.count == 8


def test_ac130_strike(seed):
    _, strike = _pair(seed["seed-article.html"])
    assert strike.type == "ASSAULT" and strike.mode == "aerial"
    assert strike.acled.sub_event_type == "Air/drone strike"
    assert (strike.actor.country, strike.actor.sector) == ("USA", "MIL")
    assert strike.recipient.sector == "REB" and "Iran" in strike.recipient.text
    assert strike.date == date(2023, 11, 21)
    assert strike.fatalities.text == "a number of" and strike.fatalities.count is None
    assert strike.attribution.text in {"US officials", "Pentagon spokeswoman Sabrina Singh"}


def test_background_makes_no_new_events(seed):
    result = seed["seed-article.html"]
    assert len(result.events) == 2
    on_the_day = [e for e in result.events if e.date == date(2023, 11, 21)]
    assert len(on_the_day) == 2


def test_no_boilerplate_in_text_or_evidence(seed):
    for result in seed.values():
        for junk in JUNK:
            assert junk not in result.article.text
            assert all(junk not in ev.sentence for e in result.events for ev in e.evidence)
        assert result.article.wire_agency == "Reuters"


def test_text_copy_gives_the_same_events_without_dates(seed, pipeline, shared_dir):
    html, text = seed["seed-article.html"], seed["seed-article.txt"]
    assert [(e.type, e.mode) for e in text.events] == [(e.type, e.mode) for e in html.events]
    assert all(e.date is None for e in text.events)
    doc = next(iter(read_inputs([str(shared_dir / "fixtures" / "seed-article.txt")])))
    dated = pipeline.process(doc, date(2023, 11, 22))
    assert [e.date for e in dated.events] == [date(2023, 11, 21)] * 2
