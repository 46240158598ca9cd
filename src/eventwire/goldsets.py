"""Gold-standard sets for evaluation: Eventwire's own gold JSON Lines and adapters for the
PLOVER Gold Standard Records, ACLED exports and the PITF atrocities file.

The gold format is one JSON object per line::

    {"id": "a1", "text": "...", "published": "2020-03-21" | null,
     "events": [{"type": "ASSAULT",
                 "acled": {"event_type": "...", "sub_event_type": "...", "inter1": 2,
                           "geo_precision": 2, "time_precision": 1},
                 "actor": {"country": "AFG", "sector": "REB"},
                 "recipient": {"country": "AFG", "sector": "MIL"},
                 "location": {"lat": 36.7, "lon": 67.1, "country": "AFG", "admin1": "Balkh"},
                 "date": "2020-03-21", "fatalities": 3, "injuries": 5}]}

Every field of an event is optional: a field the gold leaves out is not scored. The first event
of an item is its main event. ``fatalities`` is the figure ACLED's conventions give where the
gold comes from ACLED, and the reported count otherwise.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from eventwire.errors import GoldFormatError

# PLOVER v0.5 labels of the Gold Standard Records and the current type each maps to.
OLD_PLOVER_LABELS = {
    "FIGHT": "ASSAULT",
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
}
_SECTORS = frozenset({
    "COP", "GOV", "JUD", "LEG", "MIL", "PRM", "PTY", "REB", "SPY", "UAF", "UNK", "AGR", "BUS",
    "CRM", "CVL", "EDU", "ELI", "JRN", "LAB", "MED", "REF", "OPP", "PRE", "REL", "SOC",
})  # fmt: skip


@dataclass(frozen=True, slots=True)
class GoldParty:
    country: str | None = None
    sector: str | None = None
    text: str | None = None


@dataclass(frozen=True, slots=True)
class GoldEvent:
    type: str | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    inter1: int | None = None
    geo_precision: int | None = None  # ACLED's: 1 the town, 2 near it or a district, 3 a province
    time_precision: int | None = None  # ACLED's: 1 the day, 2 the week, 3 the month
    actor: GoldParty | None = None
    recipient: GoldParty | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    date: date | None = None
    fatalities: int | None = None
    injuries: int | None = None


@dataclass(frozen=True, slots=True)
class GoldItem:
    id: str
    text: str
    published: date | None = None
    events: list[GoldEvent] = field(default_factory=list)


# "21 March 2020", "31-12-19", "5-Aug-24", "31/12/2019"
_ACLED_DATES = ("%d %B %Y", "%d-%m-%y", "%d-%b-%y", "%d/%m/%Y")


def _date(value: Any) -> date | None:
    """An ISO date, or one of the forms ACLED exports write."""
    if not value:
        return None
    text = str(value).strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    for form in _ACLED_DATES:
        try:
            return datetime.strptime(text, form).date()
        except ValueError:
            continue
    raise GoldFormatError(f"{text!r} is not a date in a form ACLED writes")


def _int(value: Any) -> int | None:
    if value in (None, ""):
        return None
    try:
        return int(str(value).strip())
    except ValueError:
        return None


def _party(value: dict[str, Any] | None) -> GoldParty | None:
    if not value:
        return None
    return GoldParty(value.get("country"), value.get("sector"), value.get("text"))


def gold_event(record: dict[str, Any]) -> GoldEvent:
    """One event of Eventwire's gold format."""
    acled = record.get("acled") or {}
    location = record.get("location") or {}
    return GoldEvent(
        type=record.get("type"),
        acled_event_type=acled.get("event_type"),
        acled_sub_event_type=acled.get("sub_event_type"),
        inter1=_int(acled.get("inter1")),
        geo_precision=_int(acled.get("geo_precision")),
        time_precision=_int(acled.get("time_precision")),
        actor=_party(record.get("actor")),
        recipient=_party(record.get("recipient")),
        lat=location.get("lat"),
        lon=location.get("lon"),
        country=location.get("country"),
        admin1=location.get("admin1"),
        date=_date(record.get("date")),
        fatalities=_int(record.get("fatalities")),
        injuries=_int(record.get("injuries")),
    )


def read_gold(path: Path) -> Iterator[GoldItem]:
    """Items of a gold JSON Lines file."""
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                yield GoldItem(
                    id=str(record["id"]),
                    text=record["text"],
                    published=_date(record.get("published")),
                    events=[gold_event(e) for e in record.get("events") or []],
                )
            except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
                raise GoldFormatError(f"{path}:{number}: {exc}") from exc


def _plover_party(entries: Any) -> GoldParty | None:
    if not isinstance(entries, list) or not entries or not isinstance(entries[0], dict):
        return None  # a few records leave the target empty or put a context there
    first = entries[0]
    code = (first.get("code") or "").strip() or None
    sector = (first.get("sector") or "")[:3].upper()
    return GoldParty(code, sector if sector in _SECTORS else None, first.get("actorText"))


def read_plover_gsr(path: Path) -> Iterator[GoldItem]:
    """The PLOVER Gold Standard Records, with the v0.5 labels mapped to the current types.

    Their dates are placeholders and their places carry no coordinates, so neither is scored.
    """
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise GoldFormatError(f"{path}: {exc}") from exc
    for record in records:
        label = record.get("event")
        if not label or label == "DOCUMENT" or not record.get("text"):
            continue
        yield GoldItem(
            id=record["id"],
            text=record["text"],
            events=[
                GoldEvent(
                    type=OLD_PLOVER_LABELS.get(label, label),
                    actor=_plover_party(record.get("source")),
                    recipient=_plover_party(record.get("target")),
                    fatalities=_int(record.get("dead")),
                    injuries=_int(record.get("injured")),
                )
            ],
        )


def read_acled(path: Path) -> Iterator[GoldItem]:
    """An ACLED export: each row's ``notes`` is the text, the rest is the coding."""
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if not row.get("notes"):
                continue
            yield GoldItem(
                id=row.get("event_id_cnty") or row.get("data_id") or str(len(row)),
                text=row["notes"],
                events=[
                    GoldEvent(
                        acled_event_type=row.get("event_type") or None,
                        acled_sub_event_type=row.get("sub_event_type") or None,
                        inter1=_int(row.get("inter1")),
                        geo_precision=_int(row.get("geo_precision")),
                        time_precision=_int(row.get("time_precision")),
                        lat=float(row["latitude"]) if row.get("latitude") else None,
                        lon=float(row["longitude"]) if row.get("longitude") else None,
                        country=row.get("iso3") or None,
                        admin1=row.get("admin1") or None,
                        date=_date(row.get("event_date")),
                        fatalities=_int(row.get("fatalities")),
                    )
                ],
            )


def _degrees(cells: list[str]) -> float | None:
    """A PITF coordinate: degrees, minutes, seconds and a direction (N, S, E, W)."""
    degrees, minutes, seconds, direction = (c.strip() for c in cells)
    try:
        value = int(degrees) + int(minutes or 0) / 60 + int(seconds or 0) / 3600
    except ValueError:
        return None
    return -value if direction.upper() in {"S", "W"} else value


# PITF rows whose description is only a pointer to a daily casualty tally ("Daily death total
# reported in Arabic-language http://..."): no event is told in their words
_TALLY_ONLY = re.compile(r"daily death total\b", re.IGNORECASE)
# a Factiva accession number ("LBA0000020130122e91m0011n") holds its article's publication day
_ACCESSION = re.compile(r"\b[A-Z][A-Z0-9]{2,}?((?:19|20)\d{6})e[0-9a-z]{8,9}\b")


def _first_published(citation: str) -> date | None:
    """The earliest publication day among the Factiva articles a PITF row cites."""
    days = []
    for match in _ACCESSION.finditer(citation):
        try:
            days.append(datetime.strptime(match.group(1), "%Y%m%d").date())
        except ValueError:
            continue
    return min(days, default=None)


def read_pitf(path: Path) -> Iterator[GoldItem]:
    """The PITF worldwide atrocities file (tab separated, a disclaimer and a row of column
    groups before the header): each description is the text of one attack on non-combatants,
    with its place (degrees, minutes, seconds), start date and deaths reported, published on
    the day of the first article it cites. Rows that only point at a tally tell no event and
    are left out."""
    with path.open(encoding="utf-8", errors="replace", newline="") as handle:
        rows = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        header: list[str] | None = None
        for number, row in enumerate(rows, start=1):
            if header is None:
                header = row if "Event Type" in row and "Description" in row else None
                continue
            cell = dict(zip(header, row, strict=False))  # the named, unrepeated columns
            text = " ".join(cell.get("Description", "").replace("\\", "").split()).strip('"')
            if len(text) <= 40 or _TALLY_ONLY.match(text):
                continue
            at = header.index("Degrees")  # latitude's four cells, then longitude's
            lat, lon = _degrees(row[at : at + 4]), _degrees(row[at + 4 : at + 8])
            try:
                day = date(
                    int(cell["Start Year"]), int(cell["Start Month"]), int(cell["Start Day"])
                )
            except (KeyError, ValueError):
                day = None
            yield GoldItem(
                id=f"pitf-{number}",
                text=text,
                published=_first_published(cell.get("Citation", "")),
                events=[
                    GoldEvent(
                        type="ASSAULT",
                        lat=lat if lon is not None else None,
                        lon=lon if lat is not None else None,
                        country=cell.get("Country", "").strip() or None,
                        date=day,
                        fatalities=_int(cell.get("Deaths Number")),
                    )
                ],
            )


def load_gold(path: Path, kind: str = "auto") -> list[GoldItem]:
    """Read a gold set; ``kind`` is ``gold``, ``plover``, ``acled``, ``pitf`` or ``auto`` (by
    content)."""
    if kind == "auto":
        head = path.read_text(encoding="utf-8", errors="replace")[:4096].lstrip()
        if head.startswith("["):
            kind = "plover"
        elif head.startswith("{"):
            kind = "gold"
        elif "notes" in head.splitlines()[0] and "sub_event_type" in head.splitlines()[0]:
            kind = "acled"
        elif "Political Instability Task Force" in head and "Event Type" in head:
            kind = "pitf"
        else:
            raise GoldFormatError(f"{path}: not a gold JSONL, PLOVER GSR, ACLED or PITF file")
    readers = {"gold": read_gold, "plover": read_plover_gsr, "acled": read_acled, "pitf": read_pitf}
    return list(readers[kind](path))
