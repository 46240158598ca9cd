"""Score extracted events against a gold set, field by field, and write a Markdown report.

Each gold item's main event is compared with the predicted event of the same type (PLOVER
type, else ACLED event type), or else with the item's most salient predicted event. For every
field the gold codes: precision is the share of predicted values that are right, recall the
share of gold values found, F1 their harmonic mean. An item with no predicted event counts as
missed for every field.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from eventwire.export import get
from eventwire.geocode import haversine_km
from eventwire.goldsets import GoldEvent, GoldItem
from eventwire.names import name_key, skeleton

Record = dict[str, Any]
NEAR_KM = (10.0, 50.0)


def _distance(gold: GoldEvent, predicted: Record) -> float | None:
    lat, lon = get(predicted, "location", "lat"), get(predicted, "location", "lon")
    if gold.lat is None or gold.lon is None or lat is None or lon is None:
        return None
    return haversine_km(gold.lat, gold.lon, lat, lon)


def _within(km: float) -> Callable[[GoldEvent, Record], tuple[Any, Any, bool | None]]:
    def check(gold: GoldEvent, predicted: Record) -> tuple[Any, Any, bool | None]:
        if gold.lat is None:
            return None, None, None
        distance = _distance(gold, predicted)
        shown = None if distance is None else f"{distance:.0f} km"
        return f"{gold.lat:.3f},{gold.lon:.3f}", shown, distance is not None and distance <= km

    return check


def _fatalities(gold: GoldEvent, predicted: Record) -> Any:
    # ACLED gold is scored against ACLED's figure, other gold against the count reported.
    if gold.acled_event_type or gold.acled_sub_event_type:
        return get(predicted, "acled", "fatalities")
    return get(predicted, "fatalities", "count")


def _same_division(a: Any, b: Any) -> bool:
    """Whether two names of a province agree, across transliterations: gold sets and
    gazetteers spell one province differently ("Urozgan", "Oruzgan"; "Wardak", "Vardak")."""
    if a is None or b is None:
        return False
    loose = skeleton(str(a))
    return name_key(str(a)) == name_key(str(b)) or (len(loose) >= 2 and loose == skeleton(str(b)))


Check = tuple[Callable[[GoldEvent], Any], Callable[..., Any], Callable[[Any, Any], bool]]
# field name -> (gold value, predicted value, equality)
FIELDS: dict[str, Check] = {
    "event type": (lambda g: g.type, lambda g, p: get(p, "type"), lambda a, b: a == b),
    "ACLED event type": (lambda g: g.acled_event_type,
                         lambda g, p: get(p, "acled", "event_type"), lambda a, b: a == b),
    "ACLED sub-event type": (lambda g: g.acled_sub_event_type,
                             lambda g, p: get(p, "acled", "sub_event_type"),
                             lambda a, b: a == b),
    "ACLED inter1": (lambda g: g.inter1, lambda g, p: get(p, "acled", "inter1"),
                     lambda a, b: a == b),
    "ACLED geo_precision": (lambda g: g.geo_precision,
                            lambda g, p: get(p, "acled", "geo_precision"), lambda a, b: a == b),
    "ACLED time_precision": (lambda g: g.time_precision,
                             lambda g, p: get(p, "acled", "time_precision"),
                             lambda a, b: a == b),
    "actor country": (lambda g: g.actor and g.actor.country,
                      lambda g, p: get(p, "actor", "country"), lambda a, b: a == b),
    "actor sector": (lambda g: g.actor and g.actor.sector,
                     lambda g, p: get(p, "actor", "sector"), lambda a, b: a == b),
    "recipient country": (lambda g: g.recipient and g.recipient.country,
                          lambda g, p: get(p, "recipient", "country"), lambda a, b: a == b),
    "recipient sector": (lambda g: g.recipient and g.recipient.sector,
                         lambda g, p: get(p, "recipient", "sector"), lambda a, b: a == b),
    "location country": (lambda g: g.country, lambda g, p: get(p, "location", "country"),
                         lambda a, b: a == b),
    "location admin1": (lambda g: g.admin1, lambda g, p: get(p, "location", "admin1"),
                        _same_division),
    "date": (lambda g: g.date.isoformat() if g.date else None, lambda g, p: get(p, "date"),
             lambda a, b: a == b),
    "fatalities": (lambda g: g.fatalities, _fatalities, lambda a, b: a == b),
    "injuries": (lambda g: g.injuries, lambda g, p: get(p, "injuries", "count"),
                 lambda a, b: a == b),
}  # fmt: skip


@dataclass
class FieldScore:
    name: str
    gold: int = 0
    predicted: int = 0
    correct: int = 0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class ItemResult:
    item: GoldItem
    predicted: Record | None
    errors: list[tuple[str, Any, Any]] = field(default_factory=list)


@dataclass
class Report:
    scores: dict[str, FieldScore]
    items: list[ItemResult]
    confusion: Counter[tuple[str, str]]

    def score(self, name: str) -> FieldScore:
        return self.scores[name]

    @property
    def found(self) -> float:
        """The share of gold items for which any event was found."""
        if not self.items:
            return 0.0
        return sum(r.predicted is not None for r in self.items) / len(self.items)

    @property
    def weighted_type_f1(self) -> float:
        """F1 of the type (PLOVER, else ACLED sub-event) per gold label, weighted by support."""
        support: Counter[str] = Counter()
        right: Counter[str] = Counter()
        guessed: Counter[str] = Counter()
        for (gold, got), n in self.confusion.items():
            support[gold] += n
            guessed[got] += n
            if gold == got:
                right[gold] += n
        total = sum(support.values())
        f1 = 0.0
        for label, n in support.items():
            p = right[label] / guessed[label] if guessed[label] else 0.0
            r = right[label] / n
            f1 += n * (2 * p * r / (p + r) if p + r else 0.0)
        return f1 / total if total else 0.0


def choose(gold: GoldEvent, predicted: list[Record]) -> Record | None:
    """The predicted event to compare with ``gold``."""
    if not predicted:
        return None
    if gold.type:
        same = [p for p in predicted if p.get("type") == gold.type]
        if same:
            return same[0]
    if gold.acled_event_type:
        same = [p for p in predicted if get(p, "acled", "event_type") == gold.acled_event_type]
        if same:
            return same[0]
    return predicted[0]


def evaluate(items: Iterable[GoldItem], predictions: dict[str, list[Record]]) -> Report:
    """Score ``predictions`` (item id -> predicted events, most salient first)."""
    scores = {name: FieldScore(name) for name in FIELDS}
    scores.update(
        {
            f"location within {km:.0f} km": FieldScore(f"location within {km:.0f} km")
            for km in NEAR_KM
        }
    )
    checks = {f"location within {km:.0f} km": _within(km) for km in NEAR_KM}
    results: list[ItemResult] = []
    confusion: Counter[tuple[str, str]] = Counter()
    for item in items:
        if not item.events:
            continue
        gold = item.events[0]
        predicted = choose(gold, predictions.get(item.id, []))
        result = ItemResult(item, predicted)
        label = gold.type or gold.acled_sub_event_type
        if label:
            got = (
                (get(predicted, "type") if gold.type else get(predicted, "acled", "sub_event_type"))
                if predicted
                else None
            )
            confusion[(label, got or "(none)")] += 1
        for name, (gold_value, predicted_value, same) in FIELDS.items():
            expected = gold_value(gold)
            if expected is None:
                continue
            score = scores[name]
            score.gold += 1
            value = predicted_value(gold, predicted) if predicted else None
            if value is not None:
                score.predicted += 1
            if value is not None and same(expected, value):
                score.correct += 1
            else:
                result.errors.append((name, expected, value))
        for name, check in checks.items():
            expected, value, ok = check(gold, predicted or {})
            if ok is None:
                continue
            score = scores[name]
            score.gold += 1
            score.predicted += value is not None
            score.correct += bool(ok)
            if not ok:
                result.errors.append((name, expected, value))
        results.append(result)
    return Report({k: v for k, v in scores.items() if v.gold}, results, confusion)


def _cell(value: Any) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ") if value is not None else "-"


def markdown(report: Report, title: str, worst: int = 25) -> str:
    """The report as Markdown: field scores, the type confusion table and the worst errors."""
    lines = [
        f"# {title}",
        "",
        f"{len(report.items)} gold items; an event found for {report.found:.3f} of them; "
        f"event type weighted F1 {report.weighted_type_f1:.3f}.",
        "",
        "| field | gold | predicted | correct | precision | recall | F1 |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for s in report.scores.values():
        lines.append(
            f"| {s.name} | {s.gold} | {s.predicted} | {s.correct} | "
            f"{s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} |"
        )
    labels = sorted({g for g, _ in report.confusion})
    predicted = sorted({p for _, p in report.confusion})
    if labels:
        lines += [
            "",
            "## Confusion of event types (rows: gold, columns: predicted)",
            "",
            "| gold \\ predicted | " + " | ".join(predicted) + " |",
            "| --- |" + " ---: |" * len(predicted),
        ]
        for label in labels:
            row = [str(report.confusion.get((label, p), "") or "") for p in predicted]
            lines.append(f"| {label} | " + " | ".join(row) + " |")
    lines += ["", f"## The {worst} worst errors", ""]
    ranked = sorted((r for r in report.items if r.errors), key=lambda r: -len(r.errors))
    for result in ranked[:worst]:
        lines.append(f"- **{_cell(result.item.id)}**: {_cell(result.item.text)}")
        for name, expected, value in result.errors:
            lines.append(f"  - {name}: gold {_cell(expected)}, predicted {_cell(value)}")
    return "\n".join(lines) + "\n"
