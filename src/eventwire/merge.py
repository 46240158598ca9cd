"""Merge the mentions of one article into events.

An event told in several sentences becomes one event with all its evidence. A mention joins an
existing event when nothing conflicts (type, participants, date, mode, place) and it agrees on
something; casualty reports without a doer join an event but never start one. Fields are
filled from later mentions only where the event has none.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from eventwire.actors import same_party
from eventwire.geocode import distance_km
from eventwire.records import Actor, Evidence, Location, coarseness
from eventwire.resolve import ResolvedMention

if TYPE_CHECKING:
    from eventwire.coder import Mention

log = logging.getLogger(__name__)

SAME_PLACE_KM = 100.0
NEAR_PLACE_KM = 250.0  # "an air base west of Baghdad" can lie a long way out


@dataclass(slots=True)
class Draft:
    """An event being assembled from mentions."""

    mentions: list[ResolvedMention] = field(default_factory=list)

    @property
    def first(self) -> ResolvedMention:
        return self.mentions[0]

    def value(self, name: str) -> object:
        return next((getattr(m, name) for m in self.mentions if getattr(m, name) is not None), None)

    @property
    def actor(self) -> Actor | None:
        return self.value("actor")  # type: ignore[return-value]

    @property
    def recipient(self) -> Actor | None:
        return self.value("recipient")  # type: ignore[return-value]

    @property
    def location(self) -> Location | None:
        places = [m.location for m in self.mentions if m.location is not None]
        return min(places, key=lambda p: coarseness(p.precision), default=None)

    @property
    def mode(self) -> str | None:
        return next((m.mention.mode for m in self.mentions if m.mention.mode), None)

    def evidence(self) -> list[Evidence]:
        seen: dict[int, Evidence] = {}
        for m in self.mentions:
            mention = m.mention
            seen.setdefault(
                mention.sentence_start,
                Evidence(mention.sentence_text, mention.sentence_start, mention.sentence_end),
            )
        return sorted(seen.values(), key=lambda e: e.start)


def score(draft: Draft, candidate: ResolvedMention) -> float | None:
    """How well ``candidate`` fits ``draft``; None when they cannot be one event."""
    mention = candidate.mention
    if mention.type != draft.first.mention.type:
        return None
    points = 0.0
    # A perpetrator's claim, or a second account in the same sentence, may describe the
    # victims differently ("residents said civilians ... the military said fighters").
    same_sentence = any(m.mention.sentence_index == mention.sentence_index for m in draft.mentions)
    other_account = mention.modality == "claimed" or (
        same_sentence
        and mention.attribution is not None
        and draft.first.mention.attribution not in {None, mention.attribution}
    )
    if same_sentence and not (other_account or candidate.supporting or mention.anaphoric):
        return None  # one sentence that tells several events yields several
    # Casualties fall on either side: "12 militants were killed when forces repulsed their
    # attack" belongs to the militants' attack.
    casualties_only = (
        candidate.mention.casualty_only or candidate.mention.anaphoric
    ) and candidate.actor is None
    for mine, theirs in ((draft.actor, candidate.actor), (draft.recipient, candidate.recipient)):
        same = same_party(mine, theirs)
        if same is False:
            if (other_account or casualties_only) and mine is draft.recipient:
                continue
            return None
        points += 2.0 if same else 0.0
    if other_account:
        points += 0.5
    # An actor on one side must not be the recipient on the other.
    if not casualties_only and (
        same_party(draft.actor, candidate.recipient) or same_party(draft.recipient, candidate.actor)
    ):
        return None
    draft_dates = {m.date.date for m in draft.mentions if m.date and m.date.date}
    if candidate.date and candidate.date.date and draft_dates:
        if candidate.date.date not in draft_dates:
            return None
        points += 1.0
    if mention.mode and draft.mode:
        if mention.mode != draft.mode:
            return None
        points += 1.0
    here, there = draft.location, candidate.location
    if here and there:
        if here.country and there.country and here.country != there.country:
            return None
        km = distance_km(here, there)
        precisions = {here.precision, there.precision}
        limit = NEAR_PLACE_KM if "near" in precisions else SAME_PLACE_KM
        if km is not None and km > limit and not precisions & {"country", "admin1"}:
            return None
        points += 1.0
    return points


def _typed_before(drafts: list[Draft], event_type: str) -> bool:
    return any(d.first.mention.type == event_type for d in drafts)


def merge_mentions(mentions: list[ResolvedMention]) -> list[Draft]:
    """Group an article's mentions into event drafts.

    Mentions that can start an event go first, in text order; casualty reports, references
    back ("the attack") and other supporting mentions then join the events they fit, so a
    casualty told before its cause ("three were killed when a bomb ...") is not lost.
    """
    drafts: list[Draft] = []
    leading = [m for m in mentions if not (m.supporting or m.mention.anaphoric)]
    following = [m for m in mentions if m.supporting or m.mention.anaphoric]
    for candidate in leading + following:
        scored = [(score(d, candidate), i) for i, d in enumerate(drafts)]
        fitting = [(s, -i) for s, i in scored if s is not None]
        mention = candidate.mention
        starts_event = not (candidate.supporting or mention.anaphoric) and (
            candidate.actor is not None
            or candidate.recipient is not None
            or mention.fatalities
            or mention.injuries
            or not mention.nominal
        )
        # a casualty report in an article that tells no event is one of its own ("a man was
        # killed in Watamu on Tuesday"): the dead are evidence that something was done. Where
        # an event is told, a report that fits none is more likely its later toll ("three of
        # the wounded died overnight") than another event.
        casualties = candidate.supporting and not mention.anaphoric and not mention.nominal
        if casualties and not drafts and (mention.fatalities or mention.injuries):
            starts_event = True
        if fitting:
            best, neg_index = max(fitting)
            ties = [f for f in fitting if f[0] == best]
            if best > 0 or not starts_event:
                if len(ties) > 1 and best == 0 and not mention.anaphoric:
                    # joins nothing for sure: drop rather than guess
                    _dropped(mention, f"it fits {len(ties)} events equally")
                    continue
                # Among equals the earliest: "the attack" means the story's main event.
                drafts[-neg_index].mentions.append(candidate)
                continue
        if starts_event or (candidate.endorsed and not _typed_before(drafts, mention.type)):
            # the classifier's word keeps an event the rules found no party for, unless the
            # article already tells one of its type, which it more likely tells again
            drafts.append(Draft([candidate]))
        else:
            _dropped(mention, "it adds to no event and names no party, toll or act of its own")
    return drafts


def _dropped(mention: Mention, why: str) -> None:
    log.debug("sentence %d: %r dropped: %s", mention.sentence_index + 1, mention.trigger, why)
