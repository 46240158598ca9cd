"""Write event records in standard shapes: JSON Lines, flat CSV, ACLED-style CSV, GeoJSON.

Every format takes records as the store returns them (the published event record plus a
``source`` object) one at a time, so exports stream and never hold the whole store; the
command line and the API render them with the same :class:`Rendering`.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, TextIO

from eventwire.actors import load_actors

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
# ACLED's own column names, in ACLED's order, for the columns Eventwire can fill.
ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "iso3", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
    "geo_precision", "source", "source_scale", "notes", "fatalities", "timestamp",
)  # fmt: skip


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


def acled_row(record: Record) -> dict[str, Any] | None:
    """One event as an ACLED row, or None when ACLED would not record it or it has no date."""
    acled = record.get("acled")
    if not acled or not record.get("date"):
        return None
    actor, recipient, location = (
        record.get("actor") or {},
        record.get("recipient") or {},
        (record.get("location") or {}),
    )
    source = record.get("source") or {}
    return {
        "event_id_cnty": record["id"], "event_date": record["date"],
        "year": record["date"][:4], "time_precision": acled["time_precision"],
        "event_type": acled["event_type"], "sub_event_type": acled["sub_event_type"],
        "actor1": acled.get("actor1") or actor.get("name"),
        "assoc_actor_1": None, "inter1": acled["inter1"],
        "actor2": acled.get("actor2") or recipient.get("name"), "assoc_actor_2": None,
        "inter2": acled["inter2"], "interaction": acled["interaction"],
        "iso3": location.get("country"), "country": _country_name(location.get("country")),
        "admin1": location.get("admin1"), "admin2": location.get("admin2"), "admin3": None,
        "location": location.get("name"), "latitude": location.get("lat"),
        "longitude": location.get("lon"), "geo_precision": acled["geo_precision"],
        "source": "; ".join(get(record, "cluster", "outlets") or [source.get("outlet") or ""])
        or None,
        "source_scale": None,
        "notes": " ".join(e["sentence"] for e in record.get("evidence") or []),
        "fatalities": acled["fatalities"], "timestamp": None,
    }  # fmt: skip


def _csv_line(columns: tuple[str, ...], row: dict[str, Any]) -> str:
    buffer = io.StringIO()
    csv.DictWriter(buffer, fieldnames=columns).writerow(row)
    return buffer.getvalue()


def _csv_header(columns: tuple[str, ...]) -> str:
    return _csv_line(columns, {column: column for column in columns})


def geojson_feature(record: Record) -> Record | None:
    """An event as a GeoJSON point feature with the flat row as properties, or None when it
    has no coordinates."""
    location = record.get("location") or {}
    if location.get("lat") is None or location.get("lon") is None:
        return None
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


def _feature(record: Record) -> str | None:
    feature = geojson_feature(record)
    return None if feature is None else json.dumps(feature, ensure_ascii=False)


@dataclass(frozen=True)
class Format:
    """An export format: its text is ``head``, one ``line`` per event it keeps (joined by
    ``separator``), then ``tail``."""

    suffix: str  # the file name's, and the API route's (/v1/export.SUFFIX)
    media_type: str
    note: str
    line: Callable[[Record], str | None]  # None: this format leaves the event out
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
        "ACLED-style CSV: the events ACLED would record, in ACLED's columns.",
        lambda record: (row := acled_row(record)) and _csv_line(ACLED_COLUMNS, row),
        head=_csv_header(ACLED_COLUMNS),
    ),
    "geojson": Format(
        "geojson",
        "application/geo+json",
        "GeoJSON FeatureCollection of the events that have coordinates.",
        _feature,
        head='{"type": "FeatureCollection", "features": [\n',
        separator=",\n",
        tail="\n]}\n",
    ),
}


class Rendering:
    """The text of an export, piece by piece as it is iterated (the command line writes the
    pieces to a file, the API streams them), counting the events written."""

    def __init__(self, fmt: Format, records: Iterable[Record]) -> None:
        self.format = fmt
        self.records = records
        self.count = 0

    def __iter__(self) -> Iterator[str]:
        yield self.format.head
        for record in self.records:
            line = self.format.line(record)
            if line is not None:
                yield (self.format.separator if self.count else "") + line
                self.count += 1
        yield self.format.tail


def write(name: str, records: Iterable[Record], out: TextIO) -> int:
    """Write ``records`` to ``out`` in the format called ``name``; how many were written."""
    rendering = Rendering(FORMATS[name], records)
    for piece in rendering:
        out.write(piece)
    return rendering.count
