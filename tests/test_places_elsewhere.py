"""Places outside the Afghan development set: original wire-style sentences about events in
twelve other countries (``tests/data/places_elsewhere.jsonl``), scored with ``eventwire eval``'s
own scorer against the places' coordinates."""

from __future__ import annotations

from pathlib import Path

from eventwire.evaluate import evaluate
from eventwire.goldsets import load_gold
from eventwire.pipeline import Pipeline
from eventwire.records import RawDocument

GOLD = Path(__file__).parent / "data" / "places_elsewhere.jsonl"


def test_places_in_other_countries_are_found(pipeline: Pipeline) -> None:
    items = load_gold(GOLD)
    predicted = {
        item.id: [
            event.to_dict()
            for event in pipeline.process(
                RawDocument(item.id, item.text, False, "test"), item.published
            ).events
        ]
        for item in items
    }

    report = evaluate(items, predicted)

    assert len(items) == 16
    assert report.score("location country").recall >= 0.9
    assert report.score("location admin1").recall >= 0.9
    assert report.score("location within 50 km").recall >= 0.85
