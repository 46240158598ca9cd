"""Whether a newly coded event reports a stored one again, and why.

Reports of one real-world event from different articles agree on its kind, its date within
what their precision allows, its place within a distance that their precision allows, and
its parties. Casualty figures are not compared: follow-up reports update them. A match
records which fields agreed, so every merge can be explained and undone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from eventwire.geocode import haversine_km
from eventwire.merge import same_party
from eventwire.records import Actor

# How far apart two dates may be for one event, by the coarser precision of the two.
DATE_WINDOW_DAYS = {"day": 1, "week": 7, "month": 31}
# How far apart two places may be, by the coarser precision of the two.
PLACE_KM = {"exact": 30.0, "near": 50.0, "admin2": 75.0, "admin1": 250.0}
_PRECISION_ORDER = ("exact", "near", "admin2", "admin1", "country")
SEARCH_DAYS = max(DATE_WINDOW_DAYS.values())
MIN_SCORE = 2.0


@dataclass(frozen=True, slots=True)
class Report:
    """One coded event as the comparison needs it: a stored one or one about to be stored."""

    event_id: str
    cluster_id: str
    story_id: int | None
    type: str
    date: date | None
    date_precision: str | None
    country: str | None
    lat: float | None
    lon: float | None
    place_precision: str | None
    actor: Actor | None
    recipient: Actor | None

    @classmethod
    def of(cls, record: dict[str, Any], cluster_id: str, story_id: int | None) -> Report:
        """A report from an event record (``Event.to_dict()``)."""
        location = record.get("location") or {}
        when = record.get("date")
        return cls(
            event_id=record["id"],
            cluster_id=cluster_id,
            story_id=story_id,
            type=record["type"],
            date=date.fromisoformat(when) if when else None,
            date_precision=record.get("date_precision"),
            country=location.get("country"),
            lat=location.get("lat"),
            lon=location.get("lon"),
            place_precision=location.get("precision"),
            actor=_actor(record.get("actor")),
            recipient=_actor(record.get("recipient")),
        )


@dataclass(frozen=True, slots=True)
class Match:
    """A stored event's cluster that a new report joins, with the fields that agreed."""

    cluster_id: str
    score: float
    matched: dict[str, str] = field(default_factory=dict)


def _actor(value: dict[str, Any] | None) -> Actor | None:
    if not value:
        return None
    return Actor(
        text=value.get("text") or "",
        name=value.get("name"),
        country=value.get("country"),
        sector=value.get("sector"),
    )


def compare(new: Report, old: Report) -> Match | None:
    """How ``new`` matches ``old``; None when they cannot be one event."""
    if new.type != old.type:
        return None
    matched: dict[str, str] = {"type": new.type}
    score = 0.0
    same_story = new.story_id is not None and new.story_id == old.story_id
    if same_story:
        matched["story"] = "copies of one story"
        score += 2.0
    if new.date and old.date:
        window = _date_window(new.date_precision, old.date_precision)
        if window is None or abs((new.date - old.date).days) > window:
            return None
        matched["date"] = (
            new.date.isoformat()
            if new.date == old.date
            else f"{new.date.isoformat()} ~ {old.date.isoformat()}"
        )
        score += 1.0
    elif not same_story:
        return None  # an undated report joins only the copies of its own story
    if new.country and old.country and new.country != old.country:
        return None
    if new.lat is not None and old.lat is not None and new.lon is not None and old.lon is not None:
        km = haversine_km(new.lat, new.lon, old.lat, old.lon)
        limit = _place_limit(new.place_precision, old.place_precision)
        if limit is not None and km > limit:
            return None
        if limit is not None:  # a country alone says nothing about being one place
            matched["place"] = f"{km:.0f} km apart"
            score += 1.0 if limit > PLACE_KM["near"] else 2.0
    for role, mine, theirs in (
        ("actor", new.actor, old.actor),
        ("recipient", new.recipient, old.recipient),
    ):
        same = same_party(mine, theirs)
        if same is False:
            return None
        if same:
            matched[role] = (mine.name or mine.text) if mine else ""
            score += 1.0
    if same_party(new.actor, old.recipient) or same_party(new.recipient, old.actor):
        return None  # the sides are swapped: another event between the same parties
    return Match(old.cluster_id, score, matched) if score >= MIN_SCORE else None


def best_match(
    new: Report, candidates: list[Report], forbidden: frozenset[str] = frozenset()
) -> Match | None:
    """The cluster ``new`` fits best; clusters in ``forbidden`` (split apart by a user) never."""
    found = [
        m for old in candidates if old.cluster_id not in forbidden and (m := compare(new, old))
    ]
    return max(found, key=lambda m: m.score, default=None)


def _date_window(a: str | None, b: str | None) -> int | None:
    windows = [DATE_WINDOW_DAYS.get(p or "day") for p in (a, b)]
    if None in windows:
        return None  # a year is too coarse to tell two events apart
    return max(w for w in windows if w is not None)


def _place_limit(a: str | None, b: str | None) -> float | None:
    coarser = max((p or "exact" for p in (a, b)), key=_PRECISION_ORDER.index)
    return PLACE_KM.get(coarser)


def search_window(when: date) -> tuple[date, date]:
    """The dates among which to look for earlier reports of an event on ``when``."""
    return when - timedelta(days=SEARCH_DAYS), when + timedelta(days=SEARCH_DAYS)
