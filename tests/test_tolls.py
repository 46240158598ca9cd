"""Death tolls given by named sources, and tolls that add up across sentences and lists."""

from __future__ import annotations

import pytest

from eventwire.records import Quantity
from eventwire.sentences import split_sentences
from eventwire.tolls import attribute_tolls, toll_reports


@pytest.mark.parametrize(
    ("sentence", "source", "count", "party", "corroborating"),
    [
        ("The Voice of Jihad site reported 4 dead.", "The Voice of Jihad site", 4, True, False),
        ("Figures differ (VoJ also reported 2).", "VoJ", 2, True, True),
        ("Taliban sources claimed 9 soldiers were killed.", "Taliban sources", 9, True, False),
        ("Amaq said 12 people were killed.", "Amaq", 12, True, False),
        ("Local officials said 3 soldiers were killed.", "Local officials", 3, False, False),
        ("The Herald reported unknown fatalities.", "The Herald", None, False, False),
        # the one number grammar: words and every qualifier, as casualty figures read them
        ("Amaq said nine soldiers were killed.", "Amaq", 9, True, False),
        ("Police said more than 14 people were killed.", "Police", 14, False, False),
    ],
)
def test_toll_reports(
    sentence: str, source: str, count: int | None, party: bool, corroborating: bool
) -> None:
    (report,) = toll_reports(split_sentences(sentence))
    assert report.source == source
    assert report.killed.count == count
    assert (report.party is not None) == party
    assert report.corroborating is corroborating


def test_reports_without_a_toll_are_not_tolls() -> None:
    text = "Officials said the road was closed. The ministry reported heavy rain."
    assert toll_reports(split_sentences(text)) == []


def _reports(text: str):
    return toll_reports(split_sentences(text))


def test_a_partisan_figure_alone_makes_the_toll_a_claim() -> None:
    text = "Three guards died in the raid. The Voice of Jihad reported 3 fatalities."
    tolls = attribute_tolls([Quantity(3, "Three")], [0], _reports(text))
    assert tolls.claimed == {0}
    assert [r.source for r in tolls.reports[0]] == ["The Voice of Jihad"]


def test_a_corroborated_figure_is_no_claim() -> None:
    text = "Three guards died in the raid. The Voice of Jihad also reported 3 fatalities."
    assert attribute_tolls([Quantity(3, "Three")], [0], _reports(text)).claimed == set()


def test_a_partisan_figure_that_differs_leaves_the_toll_alone() -> None:
    text = "Two guards died in the raid. The Voice of Jihad reported 5 fatalities."
    tolls = attribute_tolls([Quantity(2, "Two")], [0], _reports(text))
    assert tolls.claimed == set()
    assert len(tolls.reports[0]) == 1  # kept beside the event as the party's figure


def test_a_partisan_figure_that_sums_several_events_claims_them_all() -> None:
    text = "Two guards died at a post. Four soldiers died elsewhere. Amaq reported 6 fatalities."
    tolls = attribute_tolls([Quantity(2, "Two"), Quantity(4, "Four")], [0, 27], _reports(text))
    assert tolls.claimed == {0, 1}


def test_vague_tolls_match_vague_claims() -> None:
    text = "A number of soldiers died. The Voice of Jihad reported unknown fatalities."
    tolls = attribute_tolls([Quantity(None, "A number of")], [0], _reports(text))
    assert tolls.claimed == {0}


def test_acled_figure_of_a_claimed_toll_is_zero(code) -> None:
    (event,) = code(
        "Two soldiers were killed when Taliban fighters attacked a checkpoint in Kunduz on "
        "Monday. The Voice of Jihad reported 2 fatalities."
    )
    assert event.fatalities == Quantity(2, "Two")
    assert event.toll_reports[0].party == "Taliban"
    assert event.acled is not None and event.acled.fatalities == 0


def test_an_independent_figure_keeps_the_acled_count(code) -> None:
    (event,) = code(
        "Two soldiers were killed when Taliban fighters attacked a checkpoint in Kunduz on "
        "Monday. The Voice of Jihad reported 5 fatalities."
    )
    assert event.acled is not None and event.acled.fatalities == 2


def test_later_sentences_add_deaths_they_mark_as_more(code) -> None:
    (event,) = code(
        "Gunmen attacked a police post in Kunduz on Monday, killing two officers. "
        "One civilian was also killed in the attack."
    )
    assert event.fatalities is not None and event.fatalities.count == 3


def test_a_restated_toll_is_not_added(code) -> None:
    (event,) = code(
        "Gunmen attacked a police post in Kunduz on Monday, killing two officers. "
        "The two officers were killed as they slept, a police spokesman said."
    )
    assert event.fatalities is not None and event.fatalities.count == 2


def test_a_list_of_victims_adds_up(code) -> None:
    (event,) = code(
        "On Monday, 4 soldiers, 2 police officers and 3 civilians were killed when militants "
        "attacked a convoy in Kunduz."
    )
    assert event.fatalities is not None and event.fatalities.count == 9


def test_one_person_with_two_roles_is_one(code) -> None:
    (event,) = code("On Monday, 1 cleric and teacher was killed by gunmen in Kabul.")
    assert event.fatalities is not None and event.fatalities.count == 1


@pytest.mark.parametrize(
    "text",
    [
        "On Monday, 1 policeman was killed or wounded by a sniper in Kunduz.",
        "On Monday, 12 soldiers were killed and wounded when militants attacked a post in Kunduz.",
        "On Monday, militants killed and wounded 5 soldiers in Kunduz.",
    ],
)
def test_one_figure_for_dead_and_wounded_gives_no_death_toll(code, text: str) -> None:
    (event,) = code(text)
    assert event.fatalities is None
    assert event.acled is not None and event.acled.fatalities == 0


def test_separate_figures_for_dead_and_wounded(code) -> None:
    (event,) = code("On Monday, militants killed 3 soldiers and wounded 2 in Kunduz.")
    assert event.fatalities.count == 3 and event.injuries.count == 2


def test_victims_in_addition_to_others_add_up(code) -> None:
    (event,) = code(
        "On Monday, gunmen shot and killed a district chief in addition to 3 of his guards "
        "in Kunduz."
    )
    assert event.fatalities is not None and event.fatalities.count == 4


def test_the_abbreviation_is_is_the_group(code) -> None:
    (event,) = code("On Monday, 5 IS militants were killed by an army air strike in Kunar.")
    assert event.fatalities is not None and event.fatalities.count == 5
    assert event.recipient is not None and event.recipient.name == "Islamic State"
