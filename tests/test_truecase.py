"""Truecasing of text written in capitals: usual forms learned from mixed-case text, English
words lower-cased, names and acronyms kept as names, offsets unchanged."""

from __future__ import annotations

from pathlib import Path

from eventwire.truecase import Truecaser, learn_casing, read_casing, shouting, write_casing

TRAINING = [
    "Police said Rebels of the Popular Front attacked a convoy near Kisumu.",
    "The Popular Front denied that its fighters attacked the convoy in Kisumu.",
    "Witnesses said the Popular Front had withdrawn from Kisumu by noon.",
]
LEMMAS = frozenset(
    {"farm", "burn", "guerrilla", "attack", "say", "near", "the", "of", "a", "and"}
)  # as nlp.english_lemmas gives them: WordNet lemmas and stop words


def test_capitals_are_told_from_headlines_and_mixed_text() -> None:
    assert shouting("GUERRILLAS ATTACKED THE FARM NEAR FLORES, POLICE SAID.")
    assert not shouting("Guerrillas attacked the farm near Flores, police said.")
    assert not shouting("UN, EU")  # too few letters to tell


def test_usual_forms_are_learned_away_from_sentence_starts() -> None:
    casing = learn_casing(TRAINING)
    assert casing["popular"] == "Popular" and casing["kisumu"] == "Kisumu"
    assert casing["the"] == "the"
    assert "police" not in casing  # twice at a sentence's start, once inside: too rare
    assert "rebels" not in casing  # in one text only


def test_a_sentence_in_capitals_gets_usual_casing_of_the_same_length() -> None:
    truecase = Truecaser(learn_casing(TRAINING), LEMMAS)
    text = "GUERRILLAS OF THE POPULAR FRONT (FPL) BURNED A FARM NEAR KISUMU AND OQUELI."
    cased = truecase(text)
    assert cased == "Guerrillas of the Popular Front (FPL) burned a farm near Kisumu and Oqueli."
    assert len(cased) == len(text)


def test_vowelless_words_keep_their_capitals_and_mixed_text_is_untouched() -> None:
    truecase = Truecaser({}, LEMMAS)
    assert truecase("THE FMLN ATTACKED THE FARM.") == "The FMLN attacked the farm."
    mixed = "The FMLN attacked the farm near Flores."
    assert truecase(mixed) is mixed


def test_a_casing_table_is_written_as_the_same_bytes_and_read_back(tmp_path: Path) -> None:
    casing = learn_casing(TRAINING)
    write_casing(tmp_path / "a.gz", casing)
    write_casing(tmp_path / "b.gz", dict(reversed(list(casing.items()))))
    assert (tmp_path / "a.gz").read_bytes() == (tmp_path / "b.gz").read_bytes()
    assert read_casing(tmp_path / "a.gz") == casing
