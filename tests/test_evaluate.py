"""The evaluation harness: gold formats, field scores, the report and the command."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventwire.cli import main
from eventwire.evaluate import evaluate, markdown
from eventwire.goldsets import GoldEvent, GoldFormatError, GoldItem, GoldParty, load_gold
from eventwire.ontology import PLOVER_TYPES

GOLD = [
    {
        "id": "g1",
        "text": "Police arrested two men in Kano on Friday.",
        "published": "2025-03-08",
        "events": [
            {
                "type": "COERCE",
                "actor": {"country": "NGA", "sector": "COP"},
                "location": {"lat": 12.0, "lon": 8.517, "country": "NGA"},
                "date": "2025-03-07",
                "acled": {"sub_event_type": "Arrests"},
            }
        ],
    },
    {
        "id": "g2",
        "text": "Protesters marched in Abuja on Saturday against fuel prices.",
        "published": "2025-03-09",
        "events": [{"type": "PROTEST", "date": "2025-03-08"}],
    },
    {"id": "g3", "text": "The weather in Lagos was fine.", "events": [{"type": "CONSULT"}]},
]


@pytest.fixture
def gold_file(tmp_path: Path) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(g) for g in GOLD) + "\n")
    return path


def test_gold_jsonl_is_read(gold_file):
    items = load_gold(gold_file)
    assert [i.id for i in items] == ["g1", "g2", "g3"]
    assert items[0].events[0].actor == GoldParty("NGA", "COP")
    assert items[0].published == date(2025, 3, 8)


def test_unknown_format_is_a_clear_error(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text("just words\n")
    with pytest.raises(GoldFormatError):
        load_gold(path)


def test_scores_count_precision_and_recall():
    items = [
        GoldItem("a", "t", events=[GoldEvent(type="ASSAULT", fatalities=3)]),
        GoldItem("b", "t", events=[GoldEvent(type="PROTEST", fatalities=0)]),
        GoldItem("c", "t", events=[GoldEvent(type="COERCE")]),
    ]
    predictions = {
        "a": [{"type": "ASSAULT", "fatalities": {"count": 3, "text": "three"}}],
        "b": [{"type": "ASSAULT", "fatalities": {"count": 2, "text": "two"}}],
    }
    report = evaluate(items, predictions)
    kind = report.score("event type")
    assert (kind.gold, kind.predicted, kind.correct) == (3, 2, 1)
    assert kind.precision == pytest.approx(0.5) and kind.recall == pytest.approx(1 / 3)
    assert report.score("fatalities").correct == 1
    assert report.confusion[("PROTEST", "ASSAULT")] == 1
    assert report.confusion[("COERCE", "(none)")] == 1


def test_acled_gold_is_scored_against_acled_figures():
    items = [
        GoldItem("a", "t", events=[GoldEvent(acled_sub_event_type="Armed clash", fatalities=3)])
    ]
    predicted = {
        "a": [
            {
                "type": "ASSAULT",
                "fatalities": {"count": None, "text": "several"},
                "acled": {"sub_event_type": "Armed clash", "fatalities": 3},
            }
        ]
    }
    report = evaluate(items, predicted)
    assert report.score("fatalities").correct == 1
    assert report.score("ACLED sub-event type").correct == 1


def test_acled_precisions_are_scored():
    items = [GoldItem("a", "t", events=[GoldEvent(geo_precision=2, time_precision=1)])]
    predicted = {"a": [{"type": "ASSAULT", "acled": {"geo_precision": 2, "time_precision": 2}}]}
    report = evaluate(items, predicted)
    assert report.score("ACLED geo_precision").correct == 1
    assert report.score("ACLED time_precision").correct == 0


def test_acled_export_rows_are_read(tmp_path):
    path = tmp_path / "acled.csv"
    path.write_text(
        "event_id_cnty,event_date,time_precision,event_type,sub_event_type,inter1,iso3,admin1,"
        "latitude,longitude,geo_precision,notes,fatalities\n"
        "XYZ1,4 March 2025,2,Battles,Armed clash,2,NGA,Borno,11.08,13.69,2,"
        '"As reported on 4 March 2025, gunmen clashed with soldiers in Gwoza.",3\n'
    )
    [item] = load_gold(path)
    [event] = item.events
    assert (event.time_precision, event.geo_precision, event.admin1) == (2, 2, "Borno")
    assert (event.date, event.fatalities, event.inter1) == (date(2025, 3, 4), 3, 2)


PITF_HEADER = ["Event Type", "Start Day", "Start Month", "Start Year", "Country",
               *["Degrees", "Minutes", "Seconds", "Direction"] * 2,
               "Deaths Number", "Description", "Citation"]  # fmt: skip


def _pitf_row(description: str, citation: str) -> str:
    cells = ["Incident", "14", "05", "2014", "NGA", "11", "30", "0", "N", "13", "15", "0", "E",
             "6", description, citation]  # fmt: skip
    return "\t".join(cells)


def test_pitf_rows_are_read_with_the_day_their_first_source_appeared(tmp_path):
    path = tmp_path / "pitf.tsv"
    rows = [
        "Disclaimer: coded from news reports.",
        "\tPlace\tPerpetrators",
        "\t".join(PITF_HEADER),
        _pitf_row(
            "Gunmen on motorbikes shot dead six traders at a market in Dikwa on Wednesday,"
            " residents said.",
            "XYZW000020140516e8a5000bc, ABCD000020140515e8a5000aa",
        ),
        _pitf_row("Daily death total reported in Arabic-language http://example.org/tally", ""),
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    [item] = load_gold(path, "pitf")  # the tally pointer tells no event
    [event] = item.events
    assert item.published == date(2014, 5, 15)  # the earlier of the two articles cited
    assert (event.date, event.fatalities, event.country) == (date(2014, 5, 14), 6, "NGA")
    assert (round(event.lat, 2), round(event.lon, 2)) == (11.5, 13.25)


def test_distance_within_thresholds():
    items = [GoldItem("a", "t", events=[GoldEvent(type="ASSAULT", lat=33.31, lon=44.36)])]
    near = {"a": [{"type": "ASSAULT", "location": {"lat": 33.5, "lon": 44.36}}]}
    report = evaluate(items, near)
    assert report.score("location within 10 km").correct == 0
    assert report.score("location within 50 km").correct == 1


@pytest.mark.parametrize(
    ("gold", "predicted", "same"),
    [
        ("Urozgan", "Oruzgan", True),  # one province, two transliterations
        ("Wardak", "Vardak", True),
        ("Al Anbar", "Anbar", True),
        ("Paktia", "Paktika", False),  # neighbouring provinces
        ("Kunar", "Kunduz", False),
        ("Helmand", None, False),
    ],
)
def test_provinces_agree_across_transliterations(gold, predicted, same):
    items = [GoldItem("a", "t", events=[GoldEvent(type="ASSAULT", admin1=gold)])]
    report = evaluate(items, {"a": [{"type": "ASSAULT", "location": {"admin1": predicted}}]})
    assert report.score("location admin1").correct == int(same)


def test_markdown_report_has_scores_confusion_and_errors():
    items = [GoldItem("a", "Some sentence.", events=[GoldEvent(type="ASSAULT")])]
    text = markdown(evaluate(items, {"a": [{"type": "PROTEST"}]}), "Test")
    assert "| event type | 1 | 1 | 0 |" in text
    assert "Confusion" in text and "| ASSAULT |" in text
    assert "Some sentence." in text and "gold ASSAULT, predicted PROTEST" in text


def test_eval_command_runs_eventwire_and_writes_the_report(gold_file, tmp_path):
    report = tmp_path / "report.md"
    result = CliRunner().invoke(
        main, ["eval", str(gold_file), "--report", str(report)], catch_exceptions=False
    )
    assert result.exit_code == 0
    assert "event type" in result.stdout
    text = report.read_text()
    assert "| event type | 3 |" in text
    assert "g3" in text  # the item with no event is among the errors


def test_eval_against_saved_output(gold_file, tmp_path):
    saved = tmp_path / "out.jsonl"
    saved.write_text(json.dumps({"id": "g1", "events": [{"type": "COERCE"}]}) + "\n")
    report = tmp_path / "report.md"
    result = CliRunner().invoke(
        main,
        ["eval", str(gold_file), "--against", str(saved), "--report", str(report)],
        catch_exceptions=False,
    )
    assert result.exit_code == 0
    assert "| event type | 3 | 1 | 1 |" in report.read_text()


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("eval/plover-gsr/PLOVER_GSR_CAMEO.txt", "plover"),
        ("eval/acled-dev/acled-afghanistan-2020-03.csv", "acled"),
    ],
)
def test_development_sets_load(shared_dir, path, kind):
    items = load_gold(shared_dir / path)
    assert len(items) > 300
    assert all(item.text and item.events for item in items)
    if kind == "plover":
        types = {item.events[0].type for item in items}
        assert types <= set(PLOVER_TYPES)
        assert "FIGHT" not in types and "DEMAND" not in types
    else:
        assert all(item.events[0].acled_sub_event_type for item in items)
        assert all(item.events[0].date for item in items)
