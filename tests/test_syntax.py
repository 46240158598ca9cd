"""Helpers over spaCy's parse: phrases, voice, agents, lists, speakers, weapons."""

from __future__ import annotations

import pytest

from eventwire import syntax
from eventwire.pipeline import Pipeline


@pytest.fixture(scope="module")
def parse(pipeline: Pipeline):
    return pipeline.nlp


def _token(doc, text: str):
    return next(t for t in doc if t.text == text)


def test_a_passive_verb_its_agent_and_its_subject(parse) -> None:
    doc = parse("The convoy was attacked by gunmen near Kano.")
    attacked = _token(doc, "attacked")

    assert syntax.is_passive(attacked)
    assert syntax.agent_of(attacked).text == "gunmen"
    assert syntax.child_of(attacked, "nsubjpass").text == "convoy"
    assert syntax.child_of(attacked, "dobj") is None


def test_an_active_verb_is_not_passive(parse) -> None:
    doc = parse("Gunmen attacked the convoy near Kano.")
    assert not syntax.is_passive(_token(doc, "attacked"))


def test_a_phrase_keeps_its_article_offsets(parse) -> None:
    text = "Police said the local police chief was wounded."
    doc = parse(text)
    chief = _token(doc, "chief")

    found = syntax.phrase(chief, 1000)

    assert found.text == "the local police chief"
    assert text[found.start - 1000 : found.end - 1000] == found.text


def test_an_enumeration_lists_every_item(parse) -> None:
    doc = parse("Gunmen attacked Kano, Kaduna and Zaria on Monday.")
    assert [t.text for t in syntax.enumeration(_token(doc, "Kano"))] == ["Kano", "Kaduna", "Zaria"]


def test_counted_words_keep_the_number_with_the_noun(parse) -> None:
    doc = parse("Gunmen killed two soldiers and a policeman.")
    assert syntax.counted_words(_token(doc, "soldiers")) == "two soldiers"
    assert syntax.counted_words(_token(doc, "policeman")) == "a policeman"


def test_the_speaker_above_reported_speech(parse) -> None:
    doc = parse("The army said its jets hit the camp.")
    jets = _token(doc, "jets")
    assert syntax.speaker_above(jets).text == "army"
    assert syntax.main_subject(jets).text == "army"


def test_words_in_parentheses(parse) -> None:
    doc = parse("Police arrested Ali Musa (the mayor) on Friday.")
    assert syntax.in_parentheses(_token(doc, "mayor"))
    assert not syntax.in_parentheses(_token(doc, "Police"))


def test_weapons(parse) -> None:
    doc = parse("Rebels fired mortars at the base.")
    assert syntax.is_weapon(_token(doc, "mortars"))
    assert not syntax.is_weapon(_token(doc, "base"))
    assert syntax.weapon_mode(list(doc)) == "heavy-weapons"
    assert syntax.weapon_mode(list(parse("Farmers marched to the square."))) is None
