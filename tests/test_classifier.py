"""The shipped event classifier: the weights the manifest describes, what it says of sentences
of each family, and what the pipeline does with it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from eventwire.classifier import (
    MANIFEST,
    MODEL_DIR,
    WEIGHTS,
    ClassifierError,
    EventClassifier,
    file_hash,
    load_classifier,
    normalize,
    weights_digest,
)
from eventwire.ontology import ACLED_EVENT_TYPE


@pytest.fixture(scope="module")
def classifier() -> EventClassifier:
    return load_classifier()


def test_the_shipped_weights_are_those_the_manifest_describes(classifier) -> None:
    manifest = json.loads((MODEL_DIR / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["sha256"] == file_hash(MODEL_DIR / WEIGHTS)
    assert manifest["weights_digest"] == weights_digest(
        classifier.vectorizer, classifier.detector, classifier.typer
    )
    assert manifest["built_by"] == "eventwire train" and isinstance(manifest["seed"], int)
    assert manifest["held_out"] is None  # the shipped model learns from every country
    assert any("ACLED" in source for source in manifest["sources"])
    assert (MODEL_DIR / WEIGHTS).stat().st_size < 30 * 2**20
    assert set(classifier.typer.classes_) <= set(ACLED_EVENT_TYPE)


def test_altered_weights_are_refused(tmp_path: Path) -> None:
    shutil.copytree(MODEL_DIR, tmp_path / "model")
    with (tmp_path / "model" / WEIGHTS).open("r+b") as handle:
        handle.seek(100)
        byte = handle.read(1)
        handle.seek(100)
        handle.write(bytes([byte[0] ^ 0xFF]))
    with pytest.raises(ClassifierError, match="SHA-256"):
        EventClassifier.load(tmp_path / "model")
    with pytest.raises(ClassifierError, match="eventwire train"):
        EventClassifier.load(tmp_path / "absent")


def test_note_openings_and_digits_are_not_read() -> None:
    assert normalize("On 4 May 2021, [size=no report] rebels shelled Bunia.") == (
        "rebels shelled Bunia."
    )
    assert normalize("Police  fired 12 rounds") == "Police fired 00 rounds"


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("Hundreds of teachers marched peacefully to the education ministry demanding back pay.",
         "Protests"),
        ("A crowd of youths burned tyres, blocked the highway and pelted passing cars with stones.",
         "Riots"),
        ("Gunmen on motorbikes shot dead four villagers and set fire to their granaries.",
         "Violence against civilians"),
        ("Soldiers and insurgents exchanged fire for several hours near the border post.",
         "Battles"),
        ("A roadside bomb exploded under a military truck, wounding three soldiers.",
         "Explosions/Remote violence"),
    ],
)  # fmt: skip
def test_each_family_is_an_event_of_its_type(classifier, text: str, event_type: str) -> None:
    (prediction,) = classifier.predict([text])
    assert prediction.is_event
    assert ACLED_EVENT_TYPE[prediction.sub_event_type] == event_type


@pytest.mark.parametrize(
    "text",
    [
        "The central bank left its main interest rate unchanged at its quarterly meeting.",
        "Subscribe to our newsletter for the day's top stories in your inbox.",
        "The minister said the new road would open to traffic before the rainy season.",
    ],
)
def test_sentences_without_events_are_not_events(classifier, text: str) -> None:
    (prediction,) = classifier.predict([text])
    assert not prediction.is_event


def test_an_event_the_rules_have_no_word_for_is_kept_with_no_party_named(code) -> None:
    (event,) = code("Two men were found dead in a ditch outside Kisumu on Monday.")
    assert event.type == "ASSAULT" and event.acled is not None
    assert event.location is not None and event.location.country == "KEN"
    assert event.actor is None or event.actor.text is None  # never a verb of the sentence


def test_the_training_script_rebuilds_the_shipped_weights(shared_dir, tmp_path: Path) -> None:
    from eventwire.training import SEED, train
    from eventwire.trainsets import read_training_material

    manifest = json.loads((MODEL_DIR / MANIFEST).read_text(encoding="utf-8"))
    train(read_training_material(shared_dir), tmp_path, seed=manifest.get("seed", SEED))
    rebuilt = json.loads((tmp_path / MANIFEST).read_text(encoding="utf-8"))
    assert rebuilt["weights_digest"] == manifest["weights_digest"]
    assert rebuilt["casing_sha256"] == manifest["casing_sha256"]
