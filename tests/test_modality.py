"""Modality: whether a parsed event word tells an act done, denied, possible, promised or
meant, and how PLOVER reads intentions."""

from __future__ import annotations

import pytest

from eventwire.modality import intended, is_history, modality_of
from eventwire.pipeline import Pipeline


@pytest.fixture(scope="module")
def word(pipeline: Pipeline):
    """The first token of ``text`` whose lemma is ``lemma``, parsed."""

    def find(text: str, lemma: str):
        return next(t for t in pipeline.nlp(text) if t.lemma_.lower() == lemma)

    return find


@pytest.mark.parametrize(
    ("text", "lemma", "modality"),
    [
        ("Police arrested the protesters on Monday.", "arrest", "asserted"),
        ("Police did not arrest the protesters.", "arrest", "negated"),
        ("Nobody attacked the convoy.", "attack", "negated"),
        ("The ministry denied attacking the village.", "attack", "negated"),
        ("The two sides failed to reach an agreement.", "reach", "negated"),
        ("If the army attacks the town, the rebels will retreat.", "attack", "hypothetical"),
        ("The rebels could attack the town.", "attack", "possible"),
        ("The rebels could have attacked the town.", "attack", "hypothetical"),
        ("The government will withdraw its troops.", "withdraw", "future"),
        ("Iraq said it would allow the inspectors in.", "allow", "future"),
        ("The rebels plan to attack the town.", "attack", "future"),
        (
            "The government will withdraw its troops unless the rebels disarm.",
            "withdraw",
            "ultimatum",
        ),
        ("Farmers marched to protest the new tax.", "protest", "purpose"),
        ("The army continued to shell the town.", "shell", "asserted"),
        ("Police used tear gas to disperse the crowd.", "disperse", "asserted"),
        ("Police opened fire to disperse the crowd.", "disperse", "asserted"),
    ],
)
def test_modality_of(word, text: str, lemma: str, modality: str) -> None:
    assert modality_of(word(text, lemma)) == modality


@pytest.mark.parametrize(
    ("reading", "expected"),
    [
        (("ASSAULT", "firearms", "asserted"), ("ASSAULT", "firearms", "asserted")),
        (("AID", None, "future"), ("AGREE", None, "asserted")),  # a promise of aid
        (("COOPERATE", None, "negated"), ("REJECT", None, "asserted")),  # a refusal
        (("AID", None, "possible"), ("AID", None, "hypothetical")),
        (("ASSAULT", None, "negated"), ("ASSAULT", None, "negated")),
    ],
)
def test_intended(reading: tuple[str, str | None, str], expected: tuple) -> None:
    assert intended(*reading) == expected


@pytest.mark.parametrize("modality", ["future", "possible", "ultimatum"])
def test_a_hostile_act_announced_is_a_threat(modality: str) -> None:
    event_type, _, told = intended("ASSAULT", None, modality)
    assert (event_type, told) == ("THREATEN", "asserted")


def test_is_history(word) -> None:
    assert is_history(word("Gunmen have killed civilians before.", "kill"))
    assert not is_history(word("Gunmen killed civilians on Monday.", "kill"))
