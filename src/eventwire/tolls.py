"""Death tolls that a named source gives: "VoJ reported 3 fatalities", "Taliban sources said
2 soldiers were killed".

A figure from a party to the fighting (an armed group, or an outlet that speaks for one such as
the Taliban's Voice of Jihad) is that party's claim. When it is the only source of an event's
toll, the toll is a claim and ACLED's figure for it is 0. A source said to repeat another's
figure ("VoJ also reported 1") corroborates it and claims nothing of its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from eventwire.actors import ARMED_SECTORS, resolve_actor
from eventwire.casualties import COUNT_WORDS, DIGITS, QUALIFIER, read_quantity
from eventwire.records import Evidence, Quantity, TollReport
from eventwire.sentences import Sentence

_NUMBER = rf"(?:{DIGITS}(?:\s*-\s*\d+)?|{COUNT_WORDS}|unknown)"
_REPORT = re.compile(
    r"(?:^|(?<=[\s(]))"
    r"(?P<source>[A-Z][\w'\u2019.-]*(?:(?:\s+(?:of|al|el|ul|the))?\s+[A-Z][\w'\u2019.-]*){0,4}"
    r"(?:\s+(?:sources|media|officials|spokesman|spokesperson|site|website|channel|agency))?)"
    r"\s+(?P<also>also\s+)?(?:reported|claimed|said|put\s+the\s+(?:death\s+)?toll\s+at)"
    rf"\s+(?:that\s+)?(?P<figure>{QUALIFIER}?"
    rf"{_NUMBER}(?:\s+(?:fatalities|fatality|deaths|dead|killed|people\s+killed)\b"
    r"|(?=\s*[).;,])"
    r"|(?:\s+[A-Za-z'\u2019-]+){1,5}?\s+(?:were|was|had\s+been)\s+killed\b))"
)


def toll_reports(sentences: Iterable[Sentence]) -> list[TollReport]:
    """Every death toll in the text that a named source is said to give."""
    reports = []
    for sentence in sentences:
        for match in _REPORT.finditer(sentence.text):
            killed = read_quantity(match["figure"])
            if killed is None:
                continue
            source = match["source"]
            actor = resolve_actor(source, source.lower().split())
            armed = actor is not None and actor.sector in ARMED_SECTORS
            reports.append(
                TollReport(
                    source=source,
                    killed=killed,
                    party=(actor.acled_name or actor.name) if armed and actor else None,
                    corroborating=match["also"] is not None,
                    evidence=Evidence(sentence.text, sentence.start, sentence.end),
                )
            )
    return reports


@dataclass(frozen=True, slots=True)
class TollAttribution:
    """Which events each toll report speaks of, and whose tolls rest only on a party's claim."""

    reports: list[list[TollReport]]  # per event
    claimed: frozenset[int]  # events whose toll only a party's own report gives


def attribute_tolls(
    tolls: list[Quantity | None], told_at: list[int], reports: list[TollReport]
) -> TollAttribution:
    """Tie each toll report to the events it counts.

    ``tolls`` and ``told_at`` give each event's toll and where the text first tells it. A report
    speaks of the events with the same toll; else of the events told before it when their
    tolls add up to its figure ("3 soldiers were killed ... 4 were killed in another attack ...
    VoJ reported 7"); else of the last event told before it.
    """
    owned: list[list[TollReport]] = [[] for _ in tolls]
    claims: set[int] = set()
    confirmed: set[int] = set()
    for report in reports:
        covered = _counted_by(report, tolls, told_at)
        if covered:
            (claims if report.party and not report.corroborating else confirmed).update(covered)
        else:
            before = [i for i, at in enumerate(told_at) if at <= report.evidence.start]
            covered = [max(before, key=told_at.__getitem__)] if before else []
        for i in covered:
            owned[i].append(report)
    return TollAttribution(owned, frozenset(claims - confirmed))


def _counted_by(report: TollReport, tolls: list[Quantity | None], told_at: list[int]) -> list[int]:
    figure = report.killed.count
    same = [i for i, toll in enumerate(tolls) if toll is not None and toll.count == figure]
    if same or figure is None:
        return same
    earlier = [
        i
        for i, toll in enumerate(tolls)
        if toll is not None and told_at[i] <= report.evidence.start
    ]
    counts = [tolls[i].count for i in earlier]  # type: ignore[union-attr]
    if len(earlier) > 1 and None not in counts and sum(counts) == figure:  # type: ignore[arg-type]
        return earlier
    return []
