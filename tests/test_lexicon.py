"""The trigger lexicon's sentence filter."""

from __future__ import annotations

from eventwire.lexicon import load_lexicon
from eventwire.nlp import irregular_forms


def test_filter_knows_irregular_forms_of_what_a_trigger_needs() -> None:
    text = "Kenya paid compensation to Somali traders on Monday."
    lexicon = load_lexicon()
    assert not lexicon.may_hold_event(text)  # "compensation" needs "pay", and "paid" is irregular
    assert lexicon.with_irregular_forms({"paid": ["pay"]}).may_hold_event(text)


def test_irregular_forms_come_from_the_model(pipeline) -> None:
    assert "pay" in irregular_forms(pipeline.nlp)["paid"]
    assert pipeline.lexicon.may_hold_event("Kenya paid compensation to Somali traders.")
