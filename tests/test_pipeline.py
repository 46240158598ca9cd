"""The whole pipeline on the bundled samples and the project's own wire-style fixtures."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from eventwire.cli import samples_dir
from eventwire.pipeline import Pipeline, focus_countries
from eventwire.read import read_inputs
from eventwire.records import ArticleResult, RawDocument, Skipped

from .conftest import FIXTURES

BOILERPLATE = (
    "See also",
    "Share this",
    "Leave a Reply",
    "Required fields",
    "email address",
    "covers Iraq",
    "Reporting by",
    "All rights reserved",
    "Most read",
)


@pytest.fixture(scope="module")
def samples(pipeline: Pipeline) -> dict[str, ArticleResult]:
    results = {}
    for item in pipeline.run(read_inputs([str(samples_dir())])):
        assert not isinstance(item, Skipped), item
        results[item.article.id] = item
    return results


@pytest.fixture(scope="module")
def erbil(pipeline: Pipeline) -> dict[str, ArticleResult]:
    paths = [str(FIXTURES / "wire-erbil.txt"), str(FIXTURES / "wire-erbil.html")]
    return {r.article.id: r for r in pipeline.run(read_inputs(paths))}


@pytest.mark.parametrize("name", ["wire-erbil.txt", "wire-erbil.html"])
def test_two_attacks_with_actors_places_dates_and_casualties(erbil, name):
    result = erbil[name]
    assert result.article.published == date(2025, 3, 5)
    rockets, drone = result.events[:2]
    assert (rockets.type, rockets.mode) == ("ASSAULT", "heavy-weapons")
    assert rockets.location.name == "Erbil International Airport"
    assert rockets.date == date(2025, 3, 3)
    assert rockets.injuries.count == 2
    assert rockets.acled.sub_event_type == "Shelling/artillery/missile attack"
    assert (drone.type, drone.mode) == ("ASSAULT", "drone")
    assert drone.actor.country == "USA"
    assert drone.recipient.sector == "REB"
    assert drone.fatalities.count == 2
    assert drone.date == date(2025, 3, 4)
    assert drone.location.country == "IRQ" and drone.location.precision == "near"
    assert drone.acled.sub_event_type == "Air/drone strike"


@pytest.mark.parametrize("name", ["wire-erbil.txt", "wire-erbil.html"])
def test_background_and_boilerplate_make_no_events(erbil, name):
    result = erbil[name]
    assert len(result.events) == 2  # "40 times since January" and 2014 are background
    assert result.article.wire_agency == "Meridian News"
    assert result.article.byline == "Rana Haddad, Tom Fenwick"
    for junk in BOILERPLATE:
        assert junk not in result.article.text
        for event in result.events:
            assert all(junk not in e.sentence for e in event.evidence)


def test_text_and_html_copies_agree(erbil):
    text, html = erbil["wire-erbil.txt"], erbil["wire-erbil.html"]
    assert text.article.text == html.article.text
    assert [e.to_dict() for e in text.events] == [e.to_dict() for e in html.events]


def test_every_evidence_span_points_into_the_article(samples, erbil):
    for result in [*samples.values(), *erbil.values()]:
        for event in result.events:
            assert event.evidence
            for evidence in event.evidence:
                assert result.article.text[evidence.start : evidence.end] == evidence.sentence


@pytest.mark.parametrize(
    "name", ["about-subscribe.html", "casablanca-derby.txt", "mn-2025-09-18-jakarta-ride-hailing"]
)
def test_pages_without_political_events(samples, name):
    assert samples[name].events == []


def _main(result: ArticleResult):
    return result.events[0]


def test_market_bombing(samples):
    event = _main(samples["mogadishu-market-bombing.html"])
    assert (event.type, event.mode) == ("ASSAULT", "explosives")
    assert event.location.name == "Mogadishu"
    assert event.date == date(2025, 3, 3)
    assert (event.fatalities.count, event.injuries.count) == (9, 23)
    assert "Shabaab" in (event.actor.name or "")
    assert event.acled.sub_event_type == "Remote explosive/landmine/IED"


def test_air_strike_with_competing_accounts(samples):
    result = samples["borno-air-strike.html"]
    strikes = [e for e in result.events if e.type == "ASSAULT"]
    assert len(strikes) == 1  # residents' and the military's accounts are one event
    [strike] = strikes
    assert strike.actor.country == "NGA" and strike.actor.sector == "MIL"
    assert strike.fatalities.count == 14 and strike.fatalities.text == "at least 14"
    assert strike.location.name == "Damboa" and strike.location.precision == "near"
    assert strike.date == date(2025, 6, 8)


def test_checkpoint_attack(samples):
    event = _main(samples["dera-ismail-khan-checkpoint-attack.txt"])
    assert event.actor.sector == "UAF"
    assert (event.fatalities.count, event.injuries.count) == (5, 3)
    assert event.location.name == "Dera Ismail Khan"
    assert event.acled.event_type == "Battles"


def test_arrests(samples):
    event = _main(samples["culiacan-arrests.txt"])
    assert (event.type, event.mode) == ("COERCE", "arrest")
    assert event.actor.country == "MEX"
    assert event.location.name == "Culiacán"
    assert event.date == date(2025, 1, 21)


def test_agreement(samples):
    event = _main(samples["taiz-roads-agreement.txt"])
    assert event.acled.sub_event_type == "Agreement"
    assert {event.actor.country, event.recipient.country} == {"YEM"}
    assert event.date == date(2025, 4, 26)


def test_protests_and_police_action(samples):
    result = samples["nairobi-fuel-protest.html"]
    protests = [e for e in result.events if e.type == "PROTEST"]
    assert {e.location.name for e in protests} >= {"Nairobi", "Kisumu"}
    assert any(e.type == "COERCE" and e.mode == "arrest" for e in result.events)
    assert any(e.mode == "crowd-control" and e.actor.sector == "COP" for e in result.events)


def test_meeting(samples):
    event = _main(samples["baghdad-turkish-visit.txt"])
    assert event.type == "CONSULT"
    assert event.actor.country == "TUR"
    assert event.location.name == "Baghdad"


def test_sit_in(samples):
    event = _main(samples["ew-2025-05-14-rabat-teachers"])
    assert event.type == "PROTEST"
    assert event.location.name == "Rabat"
    assert event.acled.sub_event_type == "Peaceful protest"


def test_drone_strike_from_jsonl(samples):
    event = _main(samples["mn-2024-12-07-kharkiv-drones"])
    assert (event.type, event.mode, event.actor.country) == ("ASSAULT", "drone", "RUS")
    assert event.location.name == "Kharkiv"


def test_event_ids_are_stable(pipeline, erbil):
    again = next(iter(pipeline.run(read_inputs([str(FIXTURES / "wire-erbil.txt")]))))
    assert [e.id for e in again.events] == [e.id for e in erbil["wire-erbil.txt"].events]


def test_unreadable_input_does_not_stop_the_batch(pipeline, tmp_path: Path):
    (tmp_path / "a.txt").write_bytes(b"\x00\x01\x02bad")  # binary
    (tmp_path / "b.txt").write_text("Police arrested two men in Kano on Friday.")
    out = list(pipeline.run(read_inputs([str(tmp_path)]), date(2025, 3, 8)))
    assert isinstance(out[0], Skipped)
    assert isinstance(out[1], ArticleResult) and out[1].events


def test_batched_run_equals_one_by_one(pipeline, samples):
    small = Pipeline(chunk_size=3)
    for item in small.run(read_inputs([str(samples_dir())])):
        expected = samples[item.article.id]
        assert [e.to_dict() for e in item.events] == [e.to_dict() for e in expected.events]
    docs = [d for d in read_inputs([str(samples_dir())]) if not isinstance(d, Skipped)]
    for doc in docs:
        alone = pipeline.process(doc)
        assert [e.id for e in alone.events] == [e.id for e in samples[doc.id].events]


def test_the_groups_an_article_names_count_toward_its_focus() -> None:
    focus = focus_countries(None, ["Taliban fighters attacked a post in Ghor on Monday."])
    assert focus.most_common(1)[0][0] == "AFG"
    named = focus_countries(None, ["Houthi fighters attacked a Saudi border post."])
    assert named.most_common(1)[0][0] == "SAU"  # a country named outweighs a group's


def test_focus_counts_countries_of_several_words_and_possessives() -> None:
    from eventwire.pipeline import focus_countries

    focus = focus_countries(None, ["Rebels in the Ivory Coast rejected Burundi's offer."])
    assert focus["CIV"] == 1 and focus["BDI"] == 1


@pytest.mark.parametrize(
    ("text", "killed", "place"),
    [
        ("On 4 March 2024, a trader was killed in Garissa town, police said.", 1, "Garissa"),
        (
            "Three soldiers were killed and two wounded near Djibo on 9 May 2021.",
            3,
            "Djibo",
        ),
    ],
)
def test_a_casualty_report_alone_is_an_event(pipeline, text: str, killed: int, place: str) -> None:
    doc = RawDocument(id="casualties", content=text, is_html=False, origin="test")
    [event] = pipeline.process(doc).events
    assert event.type == "ASSAULT" and event.date is not None
    assert event.fatalities.count == killed and event.location.name == place


def test_a_later_toll_joins_the_event_it_counts(pipeline) -> None:
    text = (
        "A bomb exploded at a bus station in Mardan on Friday, killing six people, police said"
        " on Saturday, adding that two of the wounded died in hospital overnight."
    )
    doc = RawDocument(id="toll", content=text, is_html=False, origin="test")
    assert len(pipeline.process(doc, date(2025, 3, 8)).events) == 1
