"""Train the event classifier and validate it leave-one-country-out.

``eventwire train`` rebuilds the shipped model from ``../shared`` with a fixed seed. Validation
holds out each ACLED country in turn (every text from that country, whatever its source),
trains on the rest and scores the held-out country's notes: whether an event is found, the
ACLED sub-event type (weighted F1) and event type (accuracy). The detector's precision on
news prose is scored on a fixed fifth of the non-ACLED material that no fold trains on.
"""

from __future__ import annotations

import hashlib
import platform
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import sklearn
from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer
from sklearn.linear_model import SGDClassifier
from sklearn.metrics import accuracy_score, f1_score, precision_score, recall_score
from sklearn.pipeline import FeatureUnion, Pipeline, make_pipeline

from eventwire.classifier import EventClassifier, normalize
from eventwire.ontology import ACLED_EVENT_TYPE
from eventwire.trainsets import LabelledText
from eventwire.truecase import learn_casing

SEED = 20261203
# The detector's threshold: at 0.5, 80% of a held-out country's notes (Kenya) and 91% of
# held-out news prose events are found, with a precision of 0.99 on that prose; at 0.3 the
# recall is 92% and 95%, but the precision 0.96 ("Real Madrid attacked" is 0.33).
THRESHOLD = 0.5
HASH_FEATURES = 1 << 19
KEEP_WEIGHTS = 0.1


@dataclass(frozen=True, slots=True)
class FoldScore:
    held_out: str
    notes: int
    event_found: float  # share of the held-out notes the detector calls events
    sub_event_f1: float  # weighted over ACLED sub-event types
    event_type_accuracy: float


@dataclass(frozen=True, slots=True)
class Validation:
    folds: list[FoldScore]
    prose_precision: float  # detector on held-out news prose (non-ACLED material)
    prose_recall: float

    def mean(self, name: str) -> float:
        return float(np.mean([getattr(f, name) for f in self.folds]))

    def markdown(self) -> str:
        lines = [
            "| held-out country | notes | event found | sub-event weighted F1 | event type acc. |",
            "| --- | ---: | ---: | ---: | ---: |",
        ]
        for f in self.folds:
            lines.append(
                f"| {f.held_out} | {f.notes} | {f.event_found:.3f} | {f.sub_event_f1:.3f} | "
                f"{f.event_type_accuracy:.3f} |"
            )
        lines.append(
            f"| **mean** | | **{self.mean('event_found'):.3f}** | "
            f"**{self.mean('sub_event_f1'):.3f}** | **{self.mean('event_type_accuracy'):.3f}** |"
        )
        lines.append("")
        lines.append(
            f"Detector on held-out news prose: precision {self.prose_precision:.3f}, "
            f"recall {self.prose_recall:.3f}."
        )
        return "\n".join(lines)


def _vectorizer() -> FeatureUnion:
    """Word 1-2-grams and character 3-5-grams, hashed (no vocabulary to store or load) and
    weighted by TF-IDF."""

    def hashed(**options: object) -> Pipeline:
        return make_pipeline(
            HashingVectorizer(n_features=HASH_FEATURES, alternate_sign=False, norm=None, **options),
            TfidfTransformer(sublinear_tf=True),
        )

    return FeatureUnion(
        [
            ("words", hashed(ngram_range=(1, 2))),
            ("chars", hashed(analyzer="char_wb", ngram_range=(3, 5))),
        ]
    )


def _linear(seed: int, alpha: float = 2e-5) -> SGDClassifier:
    return SGDClassifier(
        loss="log_loss", alpha=alpha, class_weight="balanced", max_iter=30, tol=None,
        random_state=seed,
    )  # fmt: skip


def fit(
    items: list[LabelledText], seed: int = SEED, manifest: dict | None = None
) -> EventClassifier:
    """A classifier trained on ``items``: the detector on all, the typer on those typed."""
    vectorizer = _vectorizer()
    features = vectorizer.fit_transform([normalize(i.text) for i in items])
    detector = _linear(seed, alpha=1e-5).fit(features, [i.event for i in items])
    typed = [n for n, i in enumerate(items) if i.sub_event_type]
    typer = _linear(seed).fit(features[typed], [items[n].sub_event_type for n in typed])
    for model in (detector, typer):
        _prune(model)
    casing = learn_casing(i.text for i in items)
    return EventClassifier(vectorizer, detector, typer, THRESHOLD, manifest or {}, casing)


def _prune(model: SGDClassifier, keep: float = KEEP_WEIGHTS) -> None:
    """Keep the largest ``keep`` share of the weights and store them sparse: the smallest
    nine tenths change no held-out score (Kenya: sub-event F1 0.562 with all, 0.563 without)
    and would make the file ten times larger."""
    weights = model.coef_
    magnitudes = np.abs(weights[weights != 0])
    if magnitudes.size:
        floor = np.quantile(magnitudes, 1 - keep)
        model.coef_ = np.where(np.abs(weights) >= floor, weights, 0.0)
    model.sparsify()
    # column-major: scikit-learn multiplies by coef_.T, which is then row-major and cheap to
    # multiply by (the typer reads 20 sentences in 0.3 ms, not 7 ms as row-major)
    model.coef_ = model.coef_.tocsc()


def _held_out_prose(item: LabelledText) -> bool:
    """A fixed fifth of the non-ACLED material, never trained on during validation."""
    if item.source == "acled":
        return False
    return hashlib.sha256(item.text.encode("utf-8")).digest()[0] < 52


def validate(items: list[LabelledText], seed: int = SEED) -> Validation:
    """Leave-one-country-out over the countries of the ACLED notes."""
    countries = sorted({i.country for i in items if i.source == "acled" and i.country})
    prose = [i for i in items if _held_out_prose(i)]
    folds = []
    detected: list[bool] = []
    truth: list[bool] = []
    for country in countries:
        train = [i for i in items if i.country != country and not _held_out_prose(i)]
        test = [i for i in items if i.country == country and i.source == "acled"]
        model = fit(train, seed)
        found = model.predict([i.text for i in test])
        gold = [i.sub_event_type or "" for i in test]
        got = [p.sub_event_type for p in found]
        folds.append(
            FoldScore(
                held_out=country,
                notes=len(test),
                event_found=float(np.mean([p.is_event for p in found])),
                sub_event_f1=float(f1_score(gold, got, average="weighted", zero_division=0)),
                event_type_accuracy=float(
                    accuracy_score(
                        [ACLED_EVENT_TYPE.get(g) for g in gold],
                        [ACLED_EVENT_TYPE.get(g) for g in got],
                    )
                ),
            )
        )
        detected += [p.is_event for p in model.predict([i.text for i in prose])]
        truth += [i.event for i in prose]
    return Validation(
        folds,
        float(precision_score(truth, detected, zero_division=0)),
        float(recall_score(truth, detected, zero_division=0)),
    )


def _counts(items: Iterable[LabelledText]) -> dict[str, int]:
    return dict(sorted(Counter(i.source for i in items).items()))


def train(
    items: list[LabelledText], output: Path, hold_out: str | None = None, seed: int = SEED,
    validation: Validation | None = None,
) -> EventClassifier:  # fmt: skip
    """Train on ``items`` (from which country ``hold_out``, if named, has been left out) and
    write the model with its manifest into ``output``."""
    if not items:
        raise ValueError("no training material")
    manifest = {
        "built_by": "eventwire train",
        "seed": seed,
        "held_out": hold_out,
        "training_texts": _counts(items),
        "sources": [
            "ACLED exports: Afghanistan 2020-03, Kenya 2019, Burkina Faso 1997-2020, "
            "Bangladesh 2022-2024 (ACLED terms of use)",
            "PITF worldwide atrocities 2013-2015",
            "ConfliBERT fine-tuning sets: CAMEO quad classes, IndiaPoliceEvents sentences",
        ],
        "scikit_learn": sklearn.__version__,
        "python": platform.python_version(),
    }
    if validation is not None:
        manifest["validation"] = {
            "protocol": "leave-one-country-out over the ACLED countries",
            "folds": [_fold_dict(f) for f in validation.folds],
            "mean_event_found": round(validation.mean("event_found"), 4),
            "mean_sub_event_f1": round(validation.mean("sub_event_f1"), 4),
            "mean_event_type_accuracy": round(validation.mean("event_type_accuracy"), 4),
            "prose_precision": round(validation.prose_precision, 4),
            "prose_recall": round(validation.prose_recall, 4),
        }
    model = fit(items, seed, manifest)
    model.save(output)
    return model


def _fold_dict(fold: FoldScore) -> dict[str, object]:
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in asdict(fold).items()}
