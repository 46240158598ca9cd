"""Whether a newly coded event reports a stored one again, and on what evidence.

Two reports are one event only on positive evidence of identity. The same kind of event and
compatible dates are necessary, never sufficient; what identifies an event is its place at a
town or district, the named parties it has on both sides, and details such as its toll, its
target or its weapon. Each agreement adds its weight (:data:`WEIGHTS`) and the reports join
when the sum reaches :data:`THRESHOLD`; any conflict (another country, province or town,
another named party, the sides swapped) rules a match out whatever else agrees. The weights
are calibrated on reports of distinct events (ACLED notes of four countries) and on pairs of
reports of one event and of similar ones (``bench/dedup.py``). Casualty figures never
conflict: follow-up reports update them. A match records which fields agreed, so every merge
can be explained and undone.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cache
from typing import Any

from eventwire.actors import load_actors, same_party, singular
from eventwire.geocode import haversine_km
from eventwire.names import fold
from eventwire.ontology import STATE_SECTORS
from eventwire.records import DISTRICT_OR_FINER, Actor, coarseness

# How far apart two dates may be for one event, by the coarser precision of the two.
DATE_WINDOW_DAYS = {"day": 1, "week": 7, "month": 31}
# How far apart two places may be, by the coarser precision of the two.
PLACE_KM = {"exact": 30.0, "near": 50.0, "admin2": 75.0, "admin1": 250.0}
SAME_TOWN_KM = 5.0
SEARCH_DAYS = max(DATE_WINDOW_DAYS.values())
_WORD = re.compile(r"[^\W_]+")

# What each kind of agreement weighs as evidence that two reports tell one event, near the
# log-likelihood ratio of the agreement between reports of one event and reports of distinct
# events of the same kind, country and weeks (see ``bench/dedup.py``).
WEIGHTS = {
    # the first sentence of evidence told again word for word, and the whole text near the
    # same: a copy; either alone is weaker (a template, a background paragraph)
    "sentence": 2.5,
    "story": 1.5,
    "town": 1.5,  # the same town or district
    "district": 0.0,  # a town and a district around it: neither for nor against
    "other town": -1.0,  # two towns named, a few kilometres apart
    "province": 0.25,  # the same first-level division, one of them no finer
    "day": 1.0,  # the same day, both reports giving it
    "other day": -1.5,  # consecutive days, both reports giving theirs
    "actor": 1.0,  # the same named party (an organisation, not "gunmen" or "students")
    "recipient": 1.0,
    "actor kind": 0.5,  # the same kind of party ("teachers", "Military Forces of Kenya")
    "recipient kind": 0.5,
    "other party": -1.5,  # parties of different kinds ("teachers" and "street vendors")
    "other side": -1.0,  # a party on another side ("police" and "militants")
    "fatalities": 2.0,  # the same toll, of at least three
    "injuries": 1.5,
    "small toll": 0.5,  # the same one or two killed or hurt: common to many events
    "mode": 0.5,  # the same weapon or form of protest
    "other mode": -1.0,  # another weapon or form
}
DISTINCT_TOLL = 3
THRESHOLD = 3.0


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
    place: str | None = None
    admin1: str | None = None
    mode: str | None = None
    fatalities: int | None = None
    injuries: int | None = None
    lead: str | None = None  # the first sentence of evidence

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
            place=location.get("name"),
            admin1=location.get("admin1"),
            mode=record.get("mode"),
            fatalities=_count(record.get("fatalities")),
            injuries=_count(record.get("injuries")),
            lead=next((e["sentence"] for e in record.get("evidence") or ()), None),
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


def _count(value: dict[str, Any] | None) -> int | None:
    count = (value or {}).get("count")
    return count if isinstance(count, int) and count > 0 else None


@cache
def _organisations() -> frozenset[str]:
    return frozenset(o.name for o in load_actors().organizations.values() if not o.person)


def named(party: Actor | None) -> str | None:
    """The organisation a party is, when the text names one ("al-Shabaab", "the Awami
    League"); None for "gunmen", "students", "police" or a country standing for its state."""
    if party is None or not party.name or party.name not in _organisations():
        return None
    return party.name


# Parties that say nothing of who they are.
_ANYONE = frozenset({"people", "person", "civilian", "man", "woman", "resident", "victim"})


def kind(party: Actor | None) -> str | None:
    """The kind of an unnamed party: its head noun ("junior doctors" and "young doctors" are
    doctors) or the state it acts for ("Military Forces of Kenya"); None when it says
    nothing of who it is ("people", "gunmen", a country standing for the place)."""
    if party is None or not party.name or party.sector in (None, "UAF"):
        return None
    if party.sector in STATE_SECTORS:
        return f"the state of {party.country}"  # reports mix "troops", "police", "government"
    head = singular(party.name.split()[-1])
    return None if head in _ANYONE else head


def _copied(a: str, b: str) -> bool:
    """Whether the shorter of two sentences stands in the longer nearly word for word (a
    syndicated copy with a dateline put before it, a word changed)."""
    grams = [_trigrams(text) for text in (a, b)]
    shorter = min(len(g) for g in grams)
    if shorter < 5 or len(grams[0] & grams[1]) < 0.8 * shorter:
        return False
    # another name or number is another event told in the same words (a template)
    short, long = sorted((set(_WORD.findall(text)) for text in (a, b)), key=len)
    return not any(w[0].isupper() or w[0].isdigit() for w in short - long)


def _trigrams(text: str) -> set[tuple[str, ...]]:
    words = _WORD.findall(text.lower())
    return set(zip(words, words[1:], words[2:], strict=False))


def evidence(new: Report, old: Report) -> dict[str, str] | None:
    """What identifies ``new`` with ``old``, each agreement named with what agreed; None when
    they cannot be one event."""
    if new.type != old.type:
        return None
    found: dict[str, str] = {}
    same_story = new.story_id is not None and new.story_id == old.story_id
    if same_story:
        found["story"] = "copies of one story"
    if new.date and old.date:
        window = _date_window(new.date_precision, old.date_precision)
        if window is None or abs((new.date - old.date).days) > window:
            return None
        if new.date_precision == old.date_precision == "day":
            if new.date == old.date:
                found["day"] = new.date.isoformat()
            else:
                found["other day"] = f"{new.date.isoformat()} / {old.date.isoformat()}"
    elif not same_story:
        return None  # an undated report joins only the copies of its own story
    if new.country != old.country and not same_story:
        return None  # never across countries, nor between a country and none
    place = _place(new, old)
    if place is None:
        return None
    found.update(place)
    if new.lead and old.lead and _copied(new.lead, old.lead):
        found["sentence"] = new.lead
    names: dict[str, tuple[str | None, str | None]] = {}
    for role, mine, theirs in (
        ("actor", new.actor, old.actor),
        ("recipient", new.recipient, old.recipient),
    ):
        name, other = names[role] = named(mine), named(theirs)
        if name and other and name != other:
            return None  # two named parties: two events
        kinds = (kind(mine), kind(theirs))
        if name and name == other:
            found[role] = name
        elif same_party(mine, theirs) is False:
            found["other side"] = f"{mine.name} / {theirs.name}"  # type: ignore[union-attr]
        elif None not in kinds and kinds[0] == kinds[1]:
            found[f"{role} kind"] = kinds[0]  # type: ignore[assignment]
        elif None not in kinds:
            found["other party"] = f"{mine.name} / {theirs.name}"  # type: ignore[union-attr]
    (new_actor, old_actor), (new_recipient, old_recipient) = names["actor"], names["recipient"]
    if new_actor and new_recipient and (new_actor, new_recipient) == (old_recipient, old_actor):
        return None  # the sides are swapped: another event between the same parties
    if new.mode and old.mode:
        found["mode" if new.mode == old.mode else "other mode"] = f"{new.mode} / {old.mode}"
    for key, mine, theirs in (
        ("fatalities", new.fatalities, old.fatalities),
        ("injuries", new.injuries, old.injuries),
    ):
        if mine is not None and mine == theirs:
            found[key if mine >= DISTINCT_TOLL else "small toll"] = str(mine)
    return found


def _place(new: Report, old: Report) -> dict[str, str] | None:
    """How the two places agree ({} when they say nothing either way); None on a conflict."""
    if new.admin1 and old.admin1 and fold(new.admin1) != fold(old.admin1):
        return None
    if None in (new.lat, new.lon, old.lat, old.lon):
        return {}
    limit = _place_limit(new.place_precision, old.place_precision)
    if limit is None:
        return {}  # a country alone says nothing about being one place
    km = haversine_km(new.lat, new.lon, old.lat, old.lon)  # type: ignore[arg-type]
    if km > limit:
        return None
    local = {new.place_precision, old.place_precision} <= DISTRICT_OR_FINER
    same_name = (
        new.place is not None and old.place is not None and fold(new.place) == fold(old.place)
    )
    if same_name or (local and km <= SAME_TOWN_KM):
        return {"town": new.place or f"{km:.0f} km apart"}
    if local and {new.place_precision, old.place_precision} <= {"exact", "near"}:
        return {"other town": f"{new.place} / {old.place}, {km:.0f} km apart"}
    if local:
        return {"district": f"{new.place} / {old.place}, {km:.0f} km apart"}
    if new.admin1 and old.admin1:
        return {"province": new.admin1}
    return {}


def identified(found: dict[str, str]) -> bool:
    """Whether ``found`` holds what identifies an event: a copy of the report, the same town or
    district, or else the same named parties with a detail they agree on (a toll, or a weapon
    between the same two parties); similar wording, a day and a country are not enough."""
    copy = {"story", "sentence"} <= found.keys() and "other day" not in found
    if copy or found.keys() & {"town", "district"}:
        return True
    named = found.keys() & {"actor", "recipient"}
    toll = found.keys() & {"fatalities", "injuries"}
    return bool(named and toll) or (len(named) == 2 and "mode" in found)


def score(found: dict[str, str]) -> float:
    """The weight of the evidence ``found``."""
    return sum(WEIGHTS[key] for key in found)


def compare(new: Report, old: Report) -> Match | None:
    """How ``new`` matches ``old``; None when the evidence does not show one event."""
    found = evidence(new, old)
    if found is None or not identified(found) or (weight := score(found)) < THRESHOLD:
        return None
    return Match(old.cluster_id, weight, {"type": new.type, **found})


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
    coarser = max((p or "exact" for p in (a, b)), key=coarseness)
    return PLACE_KM.get(coarser)


def _day(report: Report) -> date:
    return report.date or date.min


def search_window(when: date) -> tuple[date, date]:
    """The dates among which to look for earlier reports of an event on ``when``."""
    return when - timedelta(days=SEARCH_DAYS), when + timedelta(days=SEARCH_DAYS)


@dataclass(frozen=True, slots=True)
class Assignment:
    """The cluster a report belongs to after :func:`assign`, and the match that put it there
    (None when it starts its own or a user's rule put it there)."""

    cluster_id: str
    match: Match | None = None


def assign(
    reports: list[Report],
    article_of: dict[str, int],
    forbid: dict[str, set[str]],
    force: list[tuple[str, str]],
) -> dict[str, Assignment]:
    """Cluster ``reports`` afresh, in their order (as they were ingested), as :meth:`Store.add`
    would: each joins the best match among the reports before it, never a cluster holding
    another report of its own article (``article_of``) or one a user split it from
    (``forbid``); then the user's merges (``force``: pairs of event ids) are made again."""
    dated: dict[tuple[str, str | None], list[Report]] = {}  # by kind and country, by date
    by_story: dict[int, list[Report]] = {}
    of_article: dict[int, set[str]] = {}
    result: dict[str, Assignment] = {}
    for report in reports:
        candidates = list(by_story.get(report.story_id, [])) if report.story_id else []
        if report.date:
            low, high = search_window(report.date)
            ordered = dated.get((report.type, report.country), [])
            start = bisect_left(ordered, low, key=_day)
            end = bisect_right(ordered, high, key=_day)
            candidates += [r for r in ordered[start:end] if r.story_id != report.story_id]
        article = article_of[report.event_id]
        forbidden = of_article.get(article, set()) | {
            result[other].cluster_id for other in forbid.get(report.event_id, ()) if other in result
        }
        match = best_match(report, candidates, frozenset(forbidden))
        cluster = match.cluster_id if match else report.event_id
        result[report.event_id] = Assignment(cluster, match)
        of_article.setdefault(article, set()).add(cluster)
        placed = replace(report, cluster_id=cluster)
        if report.date:
            insort(dated.setdefault((report.type, report.country), []), placed, key=_day)
        if report.story_id:
            by_story.setdefault(report.story_id, []).append(placed)
    for kept, moved in force:
        if kept in result and moved in result:
            target, source = result[kept].cluster_id, result[moved].cluster_id
            for event_id, assigned in result.items():
                if assigned.cluster_id == source and source != target:
                    result[event_id] = Assignment(target)
    return result
