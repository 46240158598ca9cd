"""Terminal output: tables that keep ids whole at any width, evidence marked without colour."""

from __future__ import annotations

import io

from rich.console import Console

from eventwire.render import events_table, highlighted

RECORD = {
    "id": "4f0c375be77b-12",
    "type": "ASSAULT",
    "mode": "explosives",
    "date": "2025-06-12",
    "date_precision": "day",
    "actor": {"text": "al-Shabaab militants", "name": "Al-Shabaab", "country": "SOM"},
    "recipient": {"text": "a police convoy", "name": None, "country": "SOM", "sector": "COP"},
    "location": {"name": "Baidoa", "admin1": "Bay", "country": "SOM", "precision": "exact"},
    "fatalities": {"count": 7, "text": "seven"},
    "injuries": None,
    "acled": {"sub_event_type": "Remote explosive/landmine/IED"},
    "source": {"outlet": "Horn Observer"},
}


def _render(width: int) -> str:
    out = io.StringIO()
    Console(file=out, width=width, color_system=None).print(events_table([RECORD] * 3))
    return out.getvalue()


def test_ids_dates_and_words_stay_whole_at_80_and_160_columns() -> None:
    for width in (80, 160):
        text = _render(width)
        assert text.count("4f0c375be77b-12") == 3 and text.count("2025-06-12") == 3
        assert max(len(line) for line in text.splitlines()) <= width
        for word in ("ASSAULT/explosives", "Remote", "explosive/landmine/IED", "Al-Shabaab"):
            assert text.count(word) == 3, (width, word)


def test_a_narrow_terminal_gets_a_block_per_event_and_a_wide_one_a_table() -> None:
    narrow, wide = _render(80), _render(160)
    assert "\u2503" not in narrow and narrow.splitlines()[0].startswith("4f0c375be77b-12")
    assert "\u2503 id" in wide


def test_plain_evidence_is_marked_with_brackets() -> None:
    text = "Police said. A bomb hit a convoy in Baidoa. Seven died."
    marked = highlighted(text, [(13, 43)], plain=True)
    assert marked.plain == "Police said. [[A bomb hit a convoy in Baidoa.]] Seven died."
    assert highlighted(text, [(13, 43)]).plain == text  # in colour, the text is unchanged
