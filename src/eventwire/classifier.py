"""The learned event classifier: whether a sentence reports an event in Eventwire's scope, and
of which ACLED sub-event type.

Two linear models over word and character n-grams share one vectorizer: a detector (event or
not) and a typer (ACLED's 25 sub-event types). Both are trained by :mod:`eventwire.training`
from real coded events and ship in the package (``data/classifier``), with a manifest that
records how they were made and the SHA-256 of the weights, checked before they are loaded.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import joblib
import numpy as np

from eventwire.errors import ClassifierError
from eventwire.truecase import read_casing, write_casing

MODEL_DIR = Path(__file__).parent / "data" / "classifier"
WEIGHTS = "model.joblib"
MANIFEST = "manifest.json"
CASING = "casing.txt.gz"

# ACLED's note opening ("On 21 March 2020,", "Around 5 May,") and size tags: coding apparatus,
# not report text.
_LEAD = re.compile(
    r"^\s*(?:on|between|from|around|since|as reported on|during|in)\b[^,.;]{0,60}?"
    r"\b(?:\d{4}|\d{1,2}(?:st|nd|rd|th)?|night|week|month)\b[^,.;]{0,20},\s*",
    re.IGNORECASE,
)
_TAG = re.compile(r"\[[^\]]{0,80}\]")
_DIGIT = re.compile(r"\d")


def normalize(text: str) -> str:
    """The text as the classifier reads it: no note opening or size tag, digits as 0."""
    text = _LEAD.sub("", _TAG.sub(" ", text), count=1)
    return " ".join(_DIGIT.sub("0", text).split())


@dataclass(frozen=True, slots=True)
class Prediction:
    """What the classifier says of one text."""

    event: float  # probability that the text reports an event in scope
    sub_event_type: str  # the most probable ACLED sub-event type, were it an event
    confidence: float  # the typer's probability of that type
    is_event: bool  # event probability at or above the shipped threshold


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def weights_digest(vectorizer: Any, detector: Any, typer: Any) -> str:
    """SHA-256 of what the models compute with: IDF weights, coefficients, intercepts and
    labels. Unlike the file's hash it does not depend on how a process pickles equal
    strings, so a rebuild in another process can be checked against it."""
    digest = hashlib.sha256()
    for _, part in vectorizer.transformer_list:
        digest.update(np.ascontiguousarray(part[-1].idf_).tobytes())
    for model in (detector, typer):
        coef = model.coef_
        for array in (coef.data, coef.indices, coef.indptr, model.intercept_):
            digest.update(np.ascontiguousarray(array).tobytes())
        digest.update("\n".join(map(str, model.classes_)).encode("utf-8"))
    return digest.hexdigest()


@dataclass(frozen=True)
class EventClassifier:
    vectorizer: Any  # sklearn FeatureUnion of TF-IDF word and character n-grams
    detector: Any  # binary linear model with predict_proba
    typer: Any  # multi-class linear model with predict_proba
    threshold: float
    manifest: dict[str, Any]
    casing: dict[str, str] = field(default_factory=dict)  # truecasing table (eventwire.truecase)

    @classmethod
    def load(cls, path: Path | str | None = None) -> EventClassifier:
        """Load a classifier folder (the shipped one by default) after checking its hash."""
        folder = Path(path) if path is not None else MODEL_DIR
        weights, manifest_path = folder / WEIGHTS, folder / MANIFEST
        if not weights.is_file() or not manifest_path.is_file():
            raise ClassifierError(f"{folder}: no {WEIGHTS} and {MANIFEST} (run `eventwire train`)")
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        if file_hash(weights) != manifest.get("sha256"):
            raise ClassifierError(f"{weights}: SHA-256 differs from the one in {MANIFEST}")
        casing: dict[str, str] = {}
        if "casing_sha256" in manifest:
            table = folder / CASING
            if not table.is_file() or file_hash(table) != manifest["casing_sha256"]:
                raise ClassifierError(f"{table}: missing or SHA-256 differs from {MANIFEST}")
            casing = read_casing(table)
        vectorizer, detector, typer = joblib.load(weights)
        return cls(vectorizer, detector, typer, float(manifest["threshold"]), manifest, casing)

    def save(self, folder: Path) -> Path:
        """Write weights and manifest (with the weights' hash) into ``folder``."""
        folder.mkdir(parents=True, exist_ok=True)
        weights = folder / WEIGHTS
        joblib.dump((self.vectorizer, self.detector, self.typer), weights, compress=("xz", 6))
        manifest = dict(self.manifest)
        if self.casing:
            write_casing(folder / CASING, self.casing)
            manifest["casing_sha256"] = file_hash(folder / CASING)
        manifest = {
            **manifest,
            "threshold": self.threshold,
            "sha256": file_hash(weights),
            "weights_digest": weights_digest(self.vectorizer, self.detector, self.typer),
        }
        (folder / MANIFEST).write_text(
            json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8"
        )
        return weights

    def predict(self, texts: Sequence[str]) -> list[Prediction]:
        """One prediction per text."""
        if not texts:
            return []
        features = self.vectorizer.transform([normalize(t) for t in texts])
        events = self.detector.predict_proba(features)[:, 1]
        types = self.typer.predict_proba(features)
        best = np.argmax(types, axis=1)
        labels = self.typer.classes_
        return [
            Prediction(
                event=round(float(p), 4),
                sub_event_type=str(labels[k]),
                confidence=round(float(types[n, k]), 4),
                is_event=bool(p >= self.threshold),
            )
            for n, (p, k) in enumerate(zip(events, best, strict=True))
        ]


@lru_cache(maxsize=4)
def load_classifier(path: str | None = None) -> EventClassifier:
    """The classifier at ``path``, ``$EVENTWIRE_CLASSIFIER`` or the shipped one (cached)."""
    return EventClassifier.load(path or os.environ.get("EVENTWIRE_CLASSIFIER") or None)
