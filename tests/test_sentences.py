"""Rule-based sentence splitting with exact character offsets."""

from __future__ import annotations

import itertools

import pytest

from eventwire.sentences import Sentence, split_sentences

TEXTS = [
    "Gunmen stormed a checkpoint on Monday. Two guards were wounded.",
    "U.S. forces struck a depot near the border. Gen. Mara Duvall said the raid ended at "
    "4 a.m. local time. Mr. Okafor declined to comment.",
    '"We will not leave," the mayor said. "Nobody is safe here." Residents fled.\n\n'
    "A second paragraph starts here. It has two sentences.",
    "Is the ceasefire over? Nobody knows! (Officials disagreed.) Talks resume in Jan. 2025.",
    "One wrapped\nparagraph. Still the same one.\n\n\n\nAfter several blank lines.",
    "Prices rose 2.5 percent in March. The U.N. said aid was delayed.",
]


def _texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


@pytest.mark.parametrize("text", TEXTS)
def test_offsets_point_at_the_sentence_text(text: str) -> None:
    sentences = split_sentences(text)

    assert sentences
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.text


@pytest.mark.parametrize("text", TEXTS)
def test_sentences_are_in_order_and_do_not_overlap(text: str) -> None:
    sentences = split_sentences(text)

    for before, after in itertools.pairwise(sentences):
        assert before.end <= after.start


def test_offsets_in_a_later_paragraph() -> None:
    text = "First paragraph ends here.\n\nMilitants shelled the port. Ships left."

    sentences = split_sentences(text)

    assert sentences[1] == Sentence("Militants shelled the port.", 28, 55, 1)
    assert sentences[2] == Sentence("Ships left.", 56, 67, 1)


def test_simple_split() -> None:
    assert _texts("Gunmen stormed a checkpoint on Monday. Two guards were wounded.") == [
        "Gunmen stormed a checkpoint on Monday.",
        "Two guards were wounded.",
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "U.S. forces struck a depot near the border.",
        "The strike was ordered by the U.S. Central Command, officials said.",
        "Gen. Mara Duvall said the operation was over.",
        "Mr. Okafor and Mrs. Bello declined to comment.",
        "The raid ended at 4 a.m. Tuesday, police said.",
        "Dr. Ana Ruiz treated the wounded at St. Luke's clinic.",
        "Lt. Col. Pavel Orlov was detained in Jan. 2024.",
    ],
)
def test_abbreviations_do_not_split(sentence: str) -> None:
    assert _texts(sentence + " Nobody was hurt.") == [sentence, "Nobody was hurt."]


def test_decimal_numbers_do_not_split() -> None:
    assert _texts("Prices rose 2.5 percent in March. Traders were angry.") == [
        "Prices rose 2.5 percent in March.",
        "Traders were angry.",
    ]


def test_lower_case_after_a_full_stop_does_not_split() -> None:
    assert _texts("The convoy left at dawn. and returned at dusk.") == [
        "The convoy left at dawn. and returned at dusk."
    ]


def test_closing_quote_stays_with_its_sentence() -> None:
    text = '"We will not leave," the mayor said. "Nobody is safe here." Residents fled.'

    assert _texts(text) == [
        '"We will not leave," the mayor said.',
        '"Nobody is safe here."',
        "Residents fled.",
    ]


def test_curly_quotes_and_parentheses() -> None:
    text = "\u201cThe bridge is gone.\u201d (Engineers agreed.) Repairs start soon."

    assert _texts(text) == [
        "\u201cThe bridge is gone.\u201d",
        "(Engineers agreed.)",
        "Repairs start soon.",
    ]


def test_question_and_exclamation_marks_end_sentences() -> None:
    assert _texts("Is the ceasefire over? Nobody knows! Talks resume today.") == [
        "Is the ceasefire over?",
        "Nobody knows!",
        "Talks resume today.",
    ]


def test_paragraphs_are_numbered_and_never_share_a_sentence() -> None:
    text = "Shops closed early\n\nbecause of the curfew. Streets emptied.\n\nNight fell."

    sentences = split_sentences(text)

    assert [(s.text, s.paragraph) for s in sentences] == [
        ("Shops closed early", 0),
        ("because of the curfew.", 1),
        ("Streets emptied.", 1),
        ("Night fell.", 2),
    ]


def test_a_single_line_break_stays_inside_a_paragraph() -> None:
    sentences = split_sentences("One wrapped\nparagraph. Still the same one.")

    assert [(s.text, s.paragraph) for s in sentences] == [
        ("One wrapped\nparagraph.", 0),
        ("Still the same one.", 0),
    ]


def test_trailing_whitespace_is_not_part_of_the_last_sentence() -> None:
    [sentence] = split_sentences("Rain fell all day.   ")

    assert sentence == Sentence("Rain fell all day.", 0, 18, 0)


@pytest.mark.parametrize("text", ["", "\n\n", "\n"])
def test_no_text_gives_no_sentences(text: str) -> None:
    assert split_sentences(text) == []


def test_splitting_work_grows_with_the_paragraph_not_its_square(monkeypatch) -> None:
    """Doubling a paragraph about doubles the text looked at for abbreviations (counted, not
    timed): each full stop looks back a bounded way, not to the paragraph's start."""
    from eventwire import sentences

    looked_at: list[int] = []
    pattern = sentences._LAST_WORD

    class Counting:
        def search(self, text: str, pos: int = 0, endpos: int | None = None):
            end = len(text) if endpos is None else endpos
            looked_at.append(end - pos)
            return pattern.search(text, pos, end)

    monkeypatch.setattr(sentences, "_LAST_WORD", Counting())

    def work(count: int) -> int:
        looked_at.clear()
        text = " ".join(f"Gunmen killed {i} people, police said." for i in range(count))
        assert len(split_sentences(text)) == count
        return sum(looked_at)

    small, large = work(500), work(1000)
    assert large <= 2.2 * small
