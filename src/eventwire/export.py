"""Write event records in standard shapes: JSON Lines, flat CSV, ACLED-style CSV, GeoJSON.

Every format takes records as the store returns them (the published event record plus a
``source`` object) one at a time, so exports stream and never hold the whole store; the
command line and the API render them with the same :class:`Rendering`.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TextIO

from eventwire.acled import (
    civilian_targeting,
    country_codes,
    disorder_type,
    distinct_sources,
    inter_label,
    interaction_label,
    source_scale,
)
from eventwire.actors import ACLED_GENERIC_NAMES, load_actors
from eventwire.ontology import ACLED_MODALITIES

Record = dict[str, Any]

FLAT_COLUMNS = (
    "id", "type", "mode", "cameo_root", "date", "date_precision", "modality", "confidence",
    "actor_text", "actor_name", "actor_country", "actor_sector",
    "recipient_text", "recipient_name", "recipient_country", "recipient_sector",
    "location_text", "location_name", "country", "admin1", "latitude", "longitude",
    "geo_precision", "fatalities", "fatalities_text", "injuries", "injuries_text",
    "attribution", "claimed_by", "acled_event_type", "acled_sub_event_type", "evidence",
    "article", "outlet", "url", "published", "reports", "independent_sources",
)  # fmt: skip
# ACLED's columns, in ACLED's order and with ACLED's names.
ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip
# Why a format leaves an event out, and the kind of event where that matters ("CONSULT").
Omission = tuple[str, str | None]
NO_ACLED_EQUIVALENT = "with no ACLED equivalent"
NOT_HAPPENED = "not told as having happened"
UNDATED = "undated"
NO_COORDINATES = "without coordinates"


def get(record: Record | None, *path: str) -> Any:
    """The value at ``path`` in a nested record, or None where any step is missing."""
    value: Any = record
    for key in path:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def flat_row(record: Record) -> dict[str, Any]:
    """One event as a flat row of :data:`FLAT_COLUMNS`."""
    evidence = " | ".join(e["sentence"] for e in record.get("evidence") or [])
    return {
        "id": record["id"], "type": record["type"], "mode": record["mode"],
        "cameo_root": record["cameo_root"], "date": record["date"],
        "date_precision": record["date_precision"], "modality": record["modality"],
        "confidence": record["confidence"],
        "actor_text": get(record, "actor", "text"), "actor_name": get(record, "actor", "name"),
        "actor_country": get(record, "actor", "country"),
        "actor_sector": get(record, "actor", "sector"),
        "recipient_text": get(record, "recipient", "text"),
        "recipient_name": get(record, "recipient", "name"),
        "recipient_country": get(record, "recipient", "country"),
        "recipient_sector": get(record, "recipient", "sector"),
        "location_text": get(record, "location", "text"),
        "location_name": get(record, "location", "name"),
        "country": get(record, "location", "country"),
        "admin1": get(record, "location", "admin1"),
        "latitude": get(record, "location", "lat"), "longitude": get(record, "location", "lon"),
        "geo_precision": get(record, "location", "precision"),
        "fatalities": get(record, "fatalities", "count"),
        "fatalities_text": get(record, "fatalities", "text"),
        "injuries": get(record, "injuries", "count"),
        "injuries_text": get(record, "injuries", "text"),
        "attribution": get(record, "attribution", "text"),
        "claimed_by": get(record, "claimed_by", "text"),
        "acled_event_type": get(record, "acled", "event_type"),
        "acled_sub_event_type": get(record, "acled", "sub_event_type"),
        "evidence": evidence,
        "article": get(record, "source", "article"), "outlet": get(record, "source", "outlet"),
        "url": get(record, "source", "url"), "published": get(record, "source", "published"),
        "reports": get(record, "cluster", "reports"),
        "independent_sources": get(record, "cluster", "independent_sources"),
    }  # fmt: skip


def _country_name(iso3: str | None) -> str | None:
    country = load_actors().country(iso3)
    return country.name if country else iso3


def acled_omission(record: Record) -> Omission | None:
    """Why ACLED would not record an event: it is not told as having happened (by modality),
    no ACLED type fits it (by PLOVER type), or it has no date; None when ACLED would."""
    if record.get("modality") not in ACLED_MODALITIES:
        return NOT_HAPPENED, record.get("modality")
    if not record.get("acled"):
        return NO_ACLED_EQUIVALENT, record["type"]
    return None if record.get("date") else (UNDATED, None)


def _with_country(name: str | None, country: str | None) -> str | None:
    """ACLED's name of a generic actor carries its country: "Protesters (Kenya)"."""
    generic = name in ACLED_GENERIC_NAMES.values()
    return f"{name} ({country})" if generic and country else name


def acled_sources(record: Record) -> list[str]:
    """The outlets and wire agencies of every report of an event, each once."""
    cluster = record.get("cluster") or {}
    outlets = cluster.get("outlets") or [get(record, "source", "outlet")]
    return distinct_sources([*outlets, *(cluster.get("wire_agencies") or [])])


def acled_notes(record: Record) -> str:
    """The evidence sentences, then the note on the fatality figure where there is one."""
    sentences = [e["sentence"] for e in record.get("evidence") or []]
    return " ".join([*sentences, get(record, "acled", "fatalities_note") or ""]).strip()


def unix_time(iso: str | None) -> int | None:
    """Seconds since 1970 of an ISO 8601 time, as ACLED's ``timestamp``."""
    return int(datetime.fromisoformat(iso).timestamp()) if iso else None


def acled_row(record: Record) -> dict[str, Any]:
    """One event as a row of ACLED's columns (for an event :func:`acled_omission` keeps)."""
    acled, date_ = record["acled"], record["date"]
    location = record.get("location") or {}
    country = _country_name(location.get("country"))
    codes = country_codes(location.get("country"))
    event_type, sub_event_type = acled["event_type"], acled["sub_event_type"]
    actor1 = acled.get("actor1") or get(record, "actor", "name")
    actor2 = acled.get("actor2") or (get(record, "recipient", "name") if acled["inter2"] else None)
    sources = acled_sources(record)
    return {
        "event_id_cnty": record["id"], "event_date": date_, "year": date_[:4],
        "time_precision": acled["time_precision"],
        "disorder_type": disorder_type(event_type, sub_event_type),
        "event_type": event_type, "sub_event_type": sub_event_type,
        "actor1": _with_country(actor1, country),
        "assoc_actor_1": None,
        "inter1": inter_label(acled["inter1"]),
        "actor2": _with_country(actor2, country),
        "assoc_actor_2": None,
        "inter2": inter_label(acled["inter2"]),
        "interaction": interaction_label(acled["inter1"], acled["inter2"]),
        "civilian_targeting": civilian_targeting(event_type, sub_event_type, acled["inter2"]),
        "iso": codes.iso if codes else None, "region": codes.region if codes else None,
        "country": country, "admin1": location.get("admin1"),
        "admin2": location.get("admin2"), "admin3": None,
        "location": location.get("name"), "latitude": location.get("lat"),
        "longitude": location.get("lon"), "geo_precision": acled["geo_precision"],
        "source": "; ".join(sources) or None, "source_scale": source_scale(sources),
        "notes": acled_notes(record), "fatalities": acled["fatalities"], "tags": None,
        "timestamp": unix_time(get(record, "cluster", "updated")),
    }  # fmt: skip


def _csv_line(columns: tuple[str, ...], row: dict[str, Any]) -> str:
    buffer = io.StringIO()
    csv.DictWriter(buffer, fieldnames=columns).writerow(row)
    return buffer.getvalue()


def _csv_header(columns: tuple[str, ...]) -> str:
    return _csv_line(columns, {column: column for column in columns})


def _located(record: Record) -> bool:
    location = record.get("location") or {}
    return location.get("lat") is not None and location.get("lon") is not None


def geojson_omission(record: Record) -> Omission | None:
    """Why GeoJSON leaves an event out: it has no coordinates."""
    return None if _located(record) else (NO_COORDINATES, None)


def geojson_feature(record: Record) -> Record:
    """An event (one with coordinates) as a GeoJSON point feature with the flat row as
    properties."""
    location = record["location"]
    return {
        "type": "Feature",
        "id": record["id"],
        "geometry": {"type": "Point", "coordinates": [location["lon"], location["lat"]]},
        "properties": {
            key: value
            for key, value in flat_row(record).items()
            if key not in {"latitude", "longitude"}
        },
    }


@dataclass(frozen=True)
class Format:
    """An export format: its text is ``head``, one ``line`` per event it keeps (joined by
    ``separator``), then ``tail``. ``omits`` says why it leaves an event out, if it does."""

    suffix: str  # the file name's, and the API route's (/v1/export.SUFFIX)
    media_type: str
    note: str
    line: Callable[[Record], str]
    omits: Callable[[Record], Omission | None] | None = None  # None: it keeps every event
    head: str = ""
    separator: str = ""
    tail: str = ""


FORMATS: dict[str, Format] = {
    "jsonl": Format(
        "jsonl",
        "application/x-ndjson",
        "JSON Lines: one event record (with `cluster` and `source`) per line.",
        lambda record: json.dumps(record, ensure_ascii=False) + "\n",
    ),
    "csv": Format(
        "csv",
        "text/csv; charset=utf-8",
        "CSV: one flat row per event.",
        lambda record: _csv_line(FLAT_COLUMNS, flat_row(record)),
        head=_csv_header(FLAT_COLUMNS),
    ),
    "acled-csv": Format(
        "acled.csv",
        "text/csv; charset=utf-8",
        "ACLED CSV: the dated events ACLED would record, in ACLED's 31 columns and order.",
        lambda record: _csv_line(ACLED_COLUMNS, acled_row(record)),
        acled_omission,
        head=_csv_header(ACLED_COLUMNS),
    ),
    "geojson": Format(
        "geojson",
        "application/geo+json",
        "GeoJSON FeatureCollection of the events that have coordinates.",
        lambda record: json.dumps(geojson_feature(record), ensure_ascii=False),
        geojson_omission,
        head='{"type": "FeatureCollection", "features": [\n',
        separator=",\n",
        tail="\n]}\n",
    ),
}


def omissions(fmt: Format, records: Iterable[Record]) -> Counter[Omission]:
    """How many of ``records`` the format leaves out, and why."""
    if fmt.omits is None:
        return Counter()
    return Counter(why for record in records if (why := fmt.omits(record)) is not None)


def summary(written: int, left_out: Counter[Omission]) -> str:
    """What an export wrote and left out: "wrote 13 of 25 events; left out 8 with no ACLED
    equivalent (CONSULT 5, ACCUSE 3), 4 undated"."""
    total = written + sum(left_out.values())
    text = f"wrote {written} of {total} event{'' if total == 1 else 's'}"
    reasons: dict[str, Counter[str]] = {}
    for (why, kind), count in left_out.items():
        reasons.setdefault(why, Counter())[kind or ""] += count
    parts = []
    for why, kinds in sorted(reasons.items(), key=lambda item: -item[1].total()):
        detail = ", ".join(f"{kind} {count}" for kind, count in kinds.most_common() if kind)
        parts.append(f"{kinds.total()} {why}" + (f" ({detail})" if detail else ""))
    return text + ("; left out " + ", ".join(parts) if parts else "")


class Rendering:
    """The text of an export, piece by piece as it is iterated (the command line writes the
    pieces to a file, the API streams them), counting the events written and left out."""

    def __init__(self, fmt: Format, records: Iterable[Record]) -> None:
        self.format = fmt
        self.records = records
        self.count = 0
        self.left_out: Counter[Omission] = Counter()

    def __iter__(self) -> Iterator[str]:
        yield self.format.head
        for record in self.records:
            why = self.format.omits(record) if self.format.omits else None
            if why is not None:
                self.left_out[why] += 1
                continue
            yield (self.format.separator if self.count else "") + self.format.line(record)
            self.count += 1
        yield self.format.tail

    def summary(self) -> str:
        """What was written and left out (see :func:`summary`)."""
        return summary(self.count, self.left_out)


def write(name: str, records: Iterable[Record], out: TextIO) -> Rendering:
    """Write ``records`` to ``out`` in the format called ``name``; the rendering tells how many
    were written (``count``) and left out (``left_out``)."""
    rendering = Rendering(FORMATS[name], records)
    for piece in rendering:
        out.write(piece)
    return rendering
