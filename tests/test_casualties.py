"""Casualty figures read from the words of news copy, and ACLED's counting conventions."""

from __future__ import annotations

import pytest

from eventwire.casualties import acled_count, read_quantity, words_to_int
from eventwire.records import Quantity


@pytest.mark.parametrize(
    ("words", "number"),
    [
        ("8", 8),
        ("1,200", 1200),
        ("eight", 8),
        ("Eleven", 11),
        ("twenty-five", 25),
        ("twenty five", 25),
        ("two hundred", 200),
        ("a hundred", 100),
        ("one hundred and twenty", 120),
        ("two thousand five hundred", 2500),
        ("three million", 3_000_000),
    ],
)
def test_words_to_int(words: str, number: int) -> None:
    assert words_to_int(words) == number


@pytest.mark.parametrize("words", ["", "several", "twenty-something", "zero"])
def test_words_to_int_gives_none_for_non_numbers(words: str) -> None:
    assert words_to_int(words) is None


@pytest.mark.parametrize(
    ("phrase", "count", "text"),
    [
        ("8 civilians", 8, "8"),
        ("1,200 people", 1200, "1,200"),
        ("eight soldiers", 8, "eight"),
        ("twenty-five fishermen", 25, "twenty-five"),
        ("two hundred villagers", 200, "two hundred"),
        ("at least 62 people", 62, "at least 62"),
        ("more than 100 protesters", 100, "more than 100"),
        ("up to 30 fighters", 30, "up to 30"),
        ("an estimated 300 migrants", 300, "an estimated 300"),
    ],
)
def test_numbers_in_digits_and_words(phrase: str, count: int, text: str) -> None:
    assert read_quantity(phrase) == Quantity(count, text)


@pytest.mark.parametrize(
    ("phrase", "count", "text"),
    [
        ("10 to 15 people", 10, "10 to 15"),
        ("10-15 people", 10, "10-15"),
        ("three or four guards", 3, "three or four"),
    ],
)
def test_ranges_count_their_lower_bound(phrase: str, count: int, text: str) -> None:
    assert read_quantity(phrase) == Quantity(count, text)


@pytest.mark.parametrize(
    ("phrase", "text"),
    [
        ("a number of people", "a number of"),
        ("dozens of civilians", "dozens of"),
        ("Dozens of civilians", "Dozens of"),
        ("hundreds of protesters", "hundreds of"),
        ("scores of villagers", "scores of"),
        ("several police officers", "several"),
        ("many residents", "many"),
    ],
)
def test_vague_words_keep_their_text_without_a_count(phrase: str, text: str) -> None:
    assert read_quantity(phrase) == Quantity(None, text)


@pytest.mark.parametrize("phrase", ["a soldier", "the commander", "a local journalist"])
def test_singular_noun_counts_one(phrase: str) -> None:
    assert read_quantity(phrase, singular=True) == Quantity(1, phrase)


@pytest.mark.parametrize("phrase", ["a soldier", "civilians", "the residents"])
def test_no_number_and_not_singular_gives_none(phrase: str) -> None:
    assert read_quantity(phrase) is None


def test_a_number_beats_the_singular_flag() -> None:
    assert read_quantity("two soldiers", singular=True) == Quantity(2, "two")


def test_a_dozen_is_twelve() -> None:
    assert read_quantity("a dozen people") == Quantity(12, "a dozen")


def test_some_before_a_number_is_a_qualifier() -> None:
    assert read_quantity("some 20 people") == Quantity(20, "some 20")


def test_acled_count_of_nothing_is_zero() -> None:
    assert acled_count(None) == 0


@pytest.mark.parametrize("count", [0, 1, 62])
def test_acled_count_keeps_a_given_number(count: int) -> None:
    assert acled_count(Quantity(count, str(count))) == count


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("a number of", 3),
        ("several", 3),
        ("a few", 3),
        ("many", 10),
        ("scores of", 10),
        ("dozens of", 12),
        ("Dozens of", 12),
        ("hundreds of", 100),
        ("thousands of", 1000),
    ],
)
def test_acled_count_conventions_for_vague_words(text: str, count: int) -> None:
    assert acled_count(Quantity(None, text)) == count


def test_acled_count_of_unknown_vague_words_is_three() -> None:
    assert acled_count(Quantity(None, "an unspecified toll")) == 3


def test_vague_phrase_round_trips_through_acled_count() -> None:
    assert acled_count(read_quantity("dozens of mourners")) == 12


def test_a_collective_counts_its_members() -> None:
    assert read_quantity("a family of four in Jos", singular=True) == Quantity(4, "four")
    assert read_quantity("a total of 12 people") == Quantity(12, "12")
    assert read_quantity("a member of the police", singular=True).count == 1
