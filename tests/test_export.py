"""Export writers: JSON Lines, flat CSV, ACLED-style CSV and GeoJSON."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from datetime import date
from typing import Any

import pytest

from eventwire.export import ACLED_COLUMNS, FLAT_COLUMNS, FORMATS, flat_row, write
from eventwire.records import AcledCoding, Actor, Event, Evidence, Location, Quantity

Record = dict[str, Any]

SOURCE = {
    "article": "kismayo-clash.txt",
    "title": "Clashes near Kismayo leave six dead",
    "outlet": "Jubba Monitor",
    "url": "https://example.org/kismayo-clash",
    "published": "2024-06-12",
}


def _record(event: Event, source: Record | None = None) -> Record:
    """An event as the store returns it: the published record plus its source."""
    return event.to_dict() | {"source": source or SOURCE}


def _clash() -> Record:
    sentence = "Fighters clashed with soldiers outside Kismayo on Tuesday, killing six people."
    return _record(
        Event(
            id="ev-clash",
            type="ASSAULT",
            mode="firearms",
            cameo_root="19",
            actor=Actor("al-Shabaab fighters", "Al-Shabaab", "SOM", "REB", 2),
            recipient=Actor("government soldiers", "Military Forces of Somalia", "SOM", "MIL", 1),
            location=Location(
                "outside Kismayo", "Kismayo", "SOM", "Lower Juba", -0.3582, 42.5454, "near"
            ),
            date=date(2024, 6, 11),
            date_precision="day",
            date_text="on Tuesday",
            fatalities=Quantity(6, "six"),
            injuries=Quantity(None, "dozens"),
            evidence=[Evidence(sentence, 0, len(sentence))],
            confidence=0.9,
            acled=AcledCoding("Battles", "Armed clash", 2, 1, 12, 6, 2, 1),
        )
    )


def _statement() -> Record:
    """No place, no date and no ACLED coding."""
    return _record(
        Event(
            id="ev-statement",
            type="CONSULT",
            actor=Actor("elders", "elders", None, "CVL"),
            modality="future",
        )
    )


def _undated_protest() -> Record:
    """ACLED coding and a place, but no date."""
    return _record(
        Event(
            id="ev-protest",
            type="PROTEST",
            actor=Actor("students", "students", None, "EDU"),
            location=Location("Garowe", "Garowe", "SOM", "Nugaal", 8.4054, 48.4845, "exact"),
            acled=AcledCoding("Protests", "Peaceful protest", 6, None, 60, 0, 1, None),
        )
    )


RECORDS = [_statement(), _clash(), _undated_protest()]


def _write(name: str, records: Iterable[Record]) -> tuple[str, int]:
    out = io.StringIO()
    rendering = write(name, records, out)
    return out.getvalue(), rendering.count


def _csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


# --- JSON Lines -----------------------------------------------------------------------------


def test_jsonl_round_trips() -> None:
    text, count = _write("jsonl", RECORDS)

    assert count == 3
    assert text.endswith("\n")
    assert [json.loads(line) for line in text.splitlines()] == RECORDS


def test_jsonl_keeps_non_ascii_text_readable() -> None:
    record = _record(Event(id="ev-é", type="PROTEST"), {**SOURCE, "outlet": "Le Républicain"})

    text, _ = _write("jsonl", [record])

    assert "Le Républicain" in text
    assert json.loads(text) == record


# --- flat CSV -------------------------------------------------------------------------------


def test_csv_has_the_flat_columns_header() -> None:
    text, count = _write("csv", RECORDS)

    assert next(csv.reader(io.StringIO(text))) == list(FLAT_COLUMNS)
    assert count == 3
    assert len(_csv_rows(text)) == 3


def test_csv_row_flattens_the_record() -> None:
    text, _ = _write("csv", [_clash()])

    [row] = _csv_rows(text)
    assert row["id"] == "ev-clash"
    assert row["actor_name"] == "Al-Shabaab"
    assert row["recipient_country"] == "SOM"
    assert row["location_name"] == "Kismayo"
    assert (row["latitude"], row["longitude"]) == ("-0.3582", "42.5454")
    assert (row["fatalities"], row["fatalities_text"]) == ("6", "six")
    assert (row["injuries"], row["injuries_text"]) == ("", "dozens")
    assert row["acled_sub_event_type"] == "Armed clash"
    assert row["evidence"].startswith("Fighters clashed with soldiers")
    assert (row["article"], row["outlet"], row["published"]) == (
        "kismayo-clash.txt",
        "Jubba Monitor",
        "2024-06-12",
    )


def test_csv_writes_missing_values_as_empty_cells() -> None:
    text, _ = _write("csv", [_statement()])

    [row] = _csv_rows(text)
    assert row["date"] == ""
    assert row["location_name"] == ""
    assert row["actor_country"] == ""


def test_flat_row_has_exactly_the_flat_columns() -> None:
    assert tuple(flat_row(_clash())) == FLAT_COLUMNS


def test_flat_row_joins_several_evidence_sentences() -> None:
    record = _clash()
    record["evidence"] = [
        {"sentence": "Fighting broke out at dawn.", "start": 0, "end": 27},
        {"sentence": "Six people died.", "start": 28, "end": 44},
    ]

    assert flat_row(record)["evidence"] == "Fighting broke out at dawn. | Six people died."


# --- ACLED CSV ------------------------------------------------------------------------------


def test_acled_csv_uses_acled_column_names() -> None:
    text, _ = _write("acled-csv", RECORDS)

    header = next(csv.reader(io.StringIO(text)))
    assert header == list(ACLED_COLUMNS)
    assert {"event_date", "event_type", "sub_event_type", "actor1", "inter1", "fatalities"} <= set(
        header
    )


def test_acled_csv_skips_events_without_coding_or_date() -> None:
    text, count = _write("acled-csv", RECORDS)

    rows = _csv_rows(text)
    assert count == 1
    assert [row["event_id_cnty"] for row in rows] == ["ev-clash"]


def test_acled_csv_header_is_acleds_31_columns_in_order() -> None:
    text, _ = _write("acled-csv", RECORDS)

    assert next(csv.reader(io.StringIO(text))) == [
        "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
        "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2",
        "inter2", "interaction", "civilian_targeting", "iso", "region", "country", "admin1",
        "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "source",
        "source_scale", "notes", "fatalities", "tags", "timestamp",
    ]  # fmt: skip


def test_acled_csv_row_values() -> None:
    record = _clash() | {
        "cluster": {
            "outlets": ["Jubba Monitor"],
            "wire_agencies": ["AFP"],
            "updated": "2024-06-12T09:30:00+00:00",
        }
    }
    text, _ = _write("acled-csv", [record])

    [row] = _csv_rows(text)
    assert (row["event_date"], row["year"], row["time_precision"]) == ("2024-06-11", "2024", "1")
    assert row["disorder_type"] == "Political violence"
    assert (row["event_type"], row["sub_event_type"]) == ("Battles", "Armed clash")
    assert (row["actor1"], row["inter1"]) == ("Al-Shabaab", "Rebel group")
    assert (row["actor2"], row["inter2"], row["interaction"]) == (
        "Military Forces of Somalia",
        "State forces",
        "State forces-Rebel group",
    )
    assert row["civilian_targeting"] == ""
    assert (row["iso"], row["region"], row["country"]) == ("706", "Eastern Africa", "Somalia")
    assert (row["admin1"], row["location"]) == ("Lower Juba", "Kismayo")
    assert (row["latitude"], row["longitude"], row["geo_precision"]) == ("-0.3582", "42.5454", "2")
    assert (row["source"], row["source_scale"]) == ("Jubba Monitor; AFP", "")  # scale unknown
    assert row["fatalities"] == "6"
    assert row["notes"].startswith("Fighters clashed with soldiers")
    assert row["timestamp"] == "1718184600"
    assert (row["assoc_actor_1"], row["admin3"], row["tags"]) == ("", "", "")


@pytest.mark.parametrize(
    ("iso3", "iso", "region"),
    [
        ("KEN", "404", "Eastern Africa"),
        ("BFA", "854", "Western Africa"),
        ("BGD", "50", "South Asia"),
        ("AFG", "4", "Caucasus and Central Asia"),
        ("IRQ", "368", "Middle East"),
        ("MOZ", "508", "Southern Africa"),
        ("MEX", "484", "Central America"),
        ("UKR", "804", "Europe"),
    ],
)
def test_acled_csv_iso_and_region(iso3: str, iso: str, region: str) -> None:
    record = _clash()
    record["location"] = {**record["location"], "country": iso3}

    [row] = _csv_rows(_write("acled-csv", [record])[0])

    assert (row["iso"], row["region"]) == (iso, region)


@pytest.mark.parametrize(
    ("event_type", "sub_event_type", "inter2", "disorder", "targeting"),
    [
        ("Battles", "Armed clash", 1, "Political violence", ""),
        ("Violence against civilians", "Attack", 7, "Political violence", "Civilian targeting"),
        ("Explosions/Remote violence", "Air/drone strike", 7, "Political violence",
         "Civilian targeting"),
        ("Explosions/Remote violence", "Air/drone strike", 2, "Political violence", ""),
        ("Protests", "Peaceful protest", None, "Demonstrations", ""),
        ("Protests", "Excessive force against protesters", 6,
         "Political violence; Demonstrations", "Civilian targeting"),
        ("Riots", "Mob violence", 7, "Political violence", "Civilian targeting"),
        ("Riots", "Violent demonstration", 7, "Demonstrations", ""),
        ("Strategic developments", "Arrests", 7, "Strategic developments", ""),
    ],
)  # fmt: skip
def test_acled_csv_disorder_type_and_civilian_targeting(
    event_type: str, sub_event_type: str, inter2: int | None, disorder: str, targeting: str
) -> None:
    record = _clash()
    record["acled"] = record["acled"] | {
        "event_type": event_type, "sub_event_type": sub_event_type, "inter2": inter2
    }  # fmt: skip

    [row] = _csv_rows(_write("acled-csv", [record])[0])

    assert (row["disorder_type"], row["civilian_targeting"]) == (disorder, targeting)


@pytest.mark.parametrize(
    ("outlets", "agencies", "source", "scale"),
    [
        (["BBC News"], ["Reuters"], "BBC News; Reuters", "International"),
        (["Jubba Monitor", "the AFP"], ["AFP"], "Jubba Monitor; the AFP", ""),
        ([], [], "Jubba Monitor", ""),  # no cluster outlets: the record's own source
    ],
)
def test_acled_csv_source_and_scale(
    outlets: list[str], agencies: list[str], source: str, scale: str
) -> None:
    record = _clash() | {"cluster": {"outlets": outlets, "wire_agencies": agencies}}

    [row] = _csv_rows(_write("acled-csv", [record])[0])

    assert (row["source"], row["source_scale"]) == (source, scale)


def test_acled_csv_protest_names_protesters_by_country() -> None:
    record = _undated_protest() | {"date": "2024-06-01"}
    record["acled"] = record["acled"] | {"actor1": "Protesters"}  # as acled_coding names them

    [row] = _csv_rows(_write("acled-csv", [record])[0])

    assert (row["actor1"], row["inter1"], row["interaction"]) == (
        "Protesters (Somalia)",
        "Protesters",
        "Protesters only",
    )
    assert (row["actor2"], row["inter2"], row["disorder_type"]) == ("", "", "Demonstrations")


def test_acled_csv_notes_end_with_the_fatality_note() -> None:
    record = _clash()
    note = "Fatalities coded as 0 (VoJ reported 6 killed, a claim by a party to the fighting)."
    record["acled"] = record["acled"] | {"fatalities": 0, "fatalities_note": note}

    [row] = _csv_rows(_write("acled-csv", [record])[0])

    assert row["fatalities"] == "0"
    assert row["notes"].startswith("Fighters clashed with soldiers")
    assert row["notes"].endswith(" " + note)


def _consult(n: int) -> Record:
    return _record(Event(id=f"ev-consult-{n}", type="CONSULT", date=date(2024, 6, 1)))


def _accuse(n: int) -> Record:
    return _record(Event(id=f"ev-accuse-{n}", type="ACCUSE", date=date(2024, 6, 1)))


def test_acled_csv_counts_what_it_leaves_out_and_why() -> None:
    records = [
        _clash(), _consult(1), _accuse(1), _accuse(2), _statement(), _undated_protest(),
    ]  # fmt: skip
    out = io.StringIO()

    rendering = write("acled-csv", records, out)

    assert rendering.count == 1
    assert rendering.summary() == (
        "wrote 1 of 6 events; left out 3 with no ACLED equivalent (ACCUSE 2, CONSULT 1),"
        " 1 not told as having happened (future 1), 1 undated"
    )


def test_formats_that_keep_every_event_leave_nothing_out() -> None:
    rendering = write("csv", RECORDS, io.StringIO())

    assert rendering.summary() == "wrote 3 of 3 events"
    assert write("geojson", RECORDS, io.StringIO()).summary() == (
        "wrote 2 of 3 events; left out 1 without coordinates"
    )


def test_acled_unidentified_attacker_gets_acled_name() -> None:
    record = _clash()
    record["actor"] = None
    record["acled"] = {**record["acled"], "inter1": 3, "actor1": "Unidentified Armed Group"}

    text, _ = _write("acled-csv", [record])

    [row] = _csv_rows(text)
    assert row["actor1"] == "Unidentified Armed Group"


def test_acled_csv_with_nothing_to_write_is_a_header_only() -> None:
    text, count = _write("acled-csv", [_statement(), _undated_protest()])

    assert count == 0
    assert text.strip() == ",".join(ACLED_COLUMNS)


# --- GeoJSON --------------------------------------------------------------------------------


def test_geojson_is_a_feature_collection_of_points_in_lon_lat_order() -> None:
    text, count = _write("geojson", RECORDS)

    collection = json.loads(text)
    assert collection["type"] == "FeatureCollection"
    assert count == len(collection["features"]) == 2
    clash, protest = collection["features"]
    assert clash["type"] == "Feature"
    assert clash["id"] == "ev-clash"
    assert clash["geometry"] == {"type": "Point", "coordinates": [42.5454, -0.3582]}
    assert protest["geometry"]["coordinates"] == [48.4845, 8.4054]


def test_geojson_skips_events_without_coordinates() -> None:
    text, _ = _write("geojson", RECORDS)

    ids = [feature["id"] for feature in json.loads(text)["features"]]
    assert "ev-statement" not in ids


def test_geojson_properties_are_the_flat_row_without_coordinates() -> None:
    text, _ = _write("geojson", [_clash()])

    [feature] = json.loads(text)["features"]
    properties = feature["properties"]
    assert set(properties) == set(FLAT_COLUMNS) - {"latitude", "longitude"}
    assert properties["location_name"] == "Kismayo"
    assert properties["fatalities"] == 6


@pytest.mark.parametrize("records", [[], [_statement()]])
def test_geojson_without_located_events_is_still_valid(records: list[Record]) -> None:
    text, count = _write("geojson", records)

    assert count == 0
    assert json.loads(text) == {"type": "FeatureCollection", "features": []}


def test_geojson_place_with_a_latitude_only_is_skipped() -> None:
    record = _clash()
    record["location"] = {**record["location"], "lon": None}

    text, count = _write("geojson", [record, _undated_protest()])

    assert count == 1
    assert [f["id"] for f in json.loads(text)["features"]] == ["ev-protest"]


# --- registry -------------------------------------------------------------------------------


def test_the_formats() -> None:
    assert sorted(FORMATS) == ["acled-csv", "csv", "geojson", "jsonl"]
    assert [f.suffix for f in FORMATS.values()] == ["jsonl", "csv", "acled.csv", "geojson"]


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_every_writer_streams_a_generator(name: str) -> None:
    text, count = _write(name, (record for record in RECORDS))

    assert text
    assert count >= 1
