"""Readers for the labelled material the event classifier is trained on.

The material lives outside the repository (``../shared/train`` and the ACLED development set);
nothing read here is ever written into the project. Each reader yields
:class:`LabelledText`: a text, whether it reports an event in Eventwire's scope (violence,
protest, arrests and the other events ACLED codes), its ACLED sub-event type where the source
codes one, and the country it comes from, which is what leave-one-country-out splits on.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from eventwire import goldsets
from eventwire.actors import dictionary_key, load_actors
from eventwire.lexicon import load_lexicon

csv.field_size_limit(1 << 24)


@dataclass(frozen=True, slots=True)
class LabelledText:
    text: str
    event: bool  # reports an event in scope
    sub_event_type: str | None  # ACLED's, where the source codes it
    country: str | None  # ISO-3, where known
    source: str  # "acled", "pitf", "cameo", "india-police"


def acled_files(root: Path) -> list[Path]:
    """The ACLED exports under ``root`` (``train/acled`` and ``eval/acled-dev``)."""
    found = sorted((root / "train" / "acled").glob("*.csv"))
    found += sorted((root / "eval" / "acled-dev").glob("*.csv"))
    return found


def _iso3(row: dict[str, str]) -> str | None:
    if row.get("iso3"):
        return row["iso3"]
    country = load_actors().countries.get(dictionary_key(row.get("country") or ""))
    return country.iso3 if country else None


def read_acled_notes(path: Path) -> Iterator[LabelledText]:
    """An ACLED export: every row's ``notes`` reports the event coded in the row."""
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row.get("notes") and row.get("sub_event_type"):
                yield LabelledText(row["notes"], True, row["sub_event_type"], _iso3(row), "acled")


def read_pitf(path: Path) -> Iterator[LabelledText]:
    """PITF atrocities: each row's description, written from news, reports one attack on
    non-combatants (its sub-event is not coded: PITF's categories are not ACLED's)."""
    for item in goldsets.read_pitf(path):
        yield LabelledText(item.text, True, None, item.events[0].country, "pitf")


def read_cameo_classes(path: Path) -> Iterator[LabelledText]:
    """News sentences with CAMEO's quad class (0 neutral, 1 verbal and 2 material
    cooperation, 3 verbal and 4 material conflict): material conflict is an event in scope,
    the rest are not."""
    with path.open(encoding="utf-8", errors="replace") as handle:
        for line in handle:
            text, _, label = line.rstrip("\n").rpartition("\t")
            if text.strip() and label.strip().isdigit():
                yield LabelledText(text.strip(), label.strip() == "4", None, None, "cameo")


def read_india_police(path: Path) -> Iterator[LabelledText]:
    """Times of India sentences labelled with the police actions they report (killing,
    arrest, failure to act, force): a killing, an arrest or force used is an event in scope.
    A sentence with no label reports no police action, but may report a riot or a killing by
    others: only those without an event word of the lexicon are taken as reporting none."""
    lexicon = load_lexicon()
    with path.open(encoding="utf-8", errors="replace") as handle:
        for line in handle:
            parts = line.rstrip("\n").split("\t")
            text = parts[0].strip()
            if len(parts) < 6 or len(text) < 25:
                continue
            kill, arrest, _fail, force, _any = (p.strip() == "1" for p in parts[1:6])
            event = kill or arrest or force
            if not event and lexicon.may_hold_event(text):
                continue
            sub_event = "Arrests" if arrest and not (kill or force) else None
            yield LabelledText(text, event, sub_event, "IND", "india-police")


def read_training_material(root: Path) -> list[LabelledText]:
    """Everything the classifier learns from, read from a ``shared`` folder."""
    train = root / "train"
    items: list[LabelledText] = []
    for path in acled_files(root):
        items.extend(read_acled_notes(path))
    for path in sorted((train / "pitf").glob("*.tsv")):
        items.extend(read_pitf(path))
    conflibert = train / "conflibert"
    readers = (
        (conflibert / "cameo_class" / "train.tsv", read_cameo_classes),
        (conflibert / "IndiaPoliceEvents_sents" / "train.tsv", read_india_police),
    )
    for path, reader in readers:
        if path.exists():
            items.extend(reader(path))
    return items
