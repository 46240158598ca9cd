"""Resolve a coded mention's phrases: actors to country and sector, places to coordinates,
date expressions to calendar dates."""

from __future__ import annotations

import calendar
import logging
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from eventwire.actors import ORGANISATION_CODES, load_actors, resolve_actor
from eventwire.coder import Mention
from eventwire.dates import ResolvedDate, resolve_date
from eventwire.geocode import Gazetteer, geocode
from eventwire.lexicon import FIGURATIVE_CONTEXT
from eventwire.ontology import STATE_SECTORS
from eventwire.records import Actor, Claim, Location, coarseness
from eventwire.sites import Site
from eventwire.syntax import Phrase

log = logging.getLogger(__name__)

# Events that ended this long before publication are background told as context, not news.
HISTORY_DAYS = 31


def _end_of(when: ResolvedDate) -> date:
    """The last day a resolved date can stand for."""
    assert when.date is not None
    if when.precision == "year":
        return date(when.date.year, 12, 31)
    if when.precision == "month":
        return date(
            when.date.year, when.date.month, calendar.monthrange(when.date.year, when.date.month)[1]
        )
    if when.precision == "week":
        return when.date + timedelta(days=6)
    return when.date


@dataclass(slots=True)
class ResolvedMention:
    mention: Mention
    actor: Actor | None
    recipient: Actor | None
    location: Location | None
    date: ResolvedDate | None
    claimed_by: Claim | None = None
    supporting: bool = False  # adds evidence to an event but never starts one
    sites: list[Location | None] = field(default_factory=list)  # each place of a listed several
    # told in a sentence the classifier calls an event: starts one if it joins none
    endorsed: bool = False


def _actor(phrase: Phrase | None, state_sector: str = "GOV") -> Actor | None:
    """The resolved participant; its ``text`` stays the words of this mention."""
    if phrase is None:
        return None
    if phrase.refers_to:
        referent = resolve_actor(
            phrase.refers_to, phrase.refers_to.lower().split(), None, state_sector
        )
        if referent is not None:
            return replace(referent, text=phrase.text)
    resolved = resolve_actor(phrase.text, list(phrase.lemmas), phrase.head_lemma, state_sector)
    if resolved is not None and phrase.located_in:
        # "ethnic Albanians in south Serbia", "opposition groups in Zimbabwe": a non-state
        # party of no named nation belongs to the country it is in ("Somali traders in
        # Nairobi" stay Somali); "the Kurds of Syria" are a people there
        place = geocode(phrase.located_in)
        if place is not None and place.country:
            if resolved.sector not in STATE_SECTORS and resolved.country is None:
                resolved = replace(resolved, country=place.country)
            elif phrase.people:
                resolved = Actor(text=phrase.text, country=place.country, sector="ETH")
    if (resolved is None or resolved.country is None) and "ethnic" not in phrase.lemmas:
        # "the regional capital Juba", "a camp for Congolese refugees": the country of a
        # place or people the phrase names (an ethnic people is no state's)
        country = _country_of_names(phrase.names)
        if country is not None:
            resolved = replace(resolved or Actor(text=phrase.text), country=country)
    return resolved or Actor(text=phrase.text)


def _country_of_names(names: tuple[tuple[str, str], ...]) -> str | None:
    for name, label in names:
        if label == "NORP":  # a people: "Congolese", never a place ("Jewish" Oblast)
            people = resolve_actor(name, name.lower().split())
            found = people.country if people is not None else None
        else:
            place = geocode(name)
            found = place.country if place is not None else None
        if found:
            return found
    return None


def is_organisation(actor: Actor | None) -> bool:
    """An intergovernmental or international non-governmental body."""
    return actor is not None and actor.country in ORGANISATION_CODES


def is_known(actor: Actor | None) -> bool:
    return actor is not None and bool(actor.country or actor.sector)


# Acts that can be reported by whom they were done to alone ("was indicted", "was expelled").
DONE_TO_TYPES = frozenset({"ASSAULT", "PROTEST", "COERCE", "ACCUSE", "SANCTION"})


def has_substance(mention: Mention, actor: Actor | None, recipient: Actor | None) -> bool:
    """Evidence or nothing: a mention starts an event only when it names who acted (a party
    the dictionary knows, or a person or organisation named in full), or (for
    acts done to someone: violence, protest, coercion, charges, sanctions) whom it hit or
    what it cost."""
    if is_known(actor):
        return True
    named = mention.actor.named if mention.actor is not None else None
    if mention.type != "ASSAULT" and (
        named == "PERSON" or (named == "ORG" and recipient is not None and recipient.country)
    ):
        # A person, or an organisation acting towards a party of known country; not "Real
        # Madrid attacked" (armed groups are in the dictionary) nor a firm's pledge to staff
        return True
    if mention.type in DONE_TO_TYPES and (
        is_known(recipient) or mention.fatalities or mention.injuries
    ):
        return True
    if mention.type == "COERCE" and mention.mode == "arrest":
        # "A missionary was arrested in Lebanon": someone named, and a place
        return recipient is not None and bool(mention.places)
    # A protest needs no named protesters: "a march against fuel prices" in a known place.
    return mention.type == "PROTEST" and bool(mention.places or mention.date_text)


def _location(mention: Mention, focus: Counter[str], gazetteer: Gazetteer) -> Location | None:
    """The most precise place the mention names: the place list's first site when the text
    lists several or says what contains it, else the most precise place phrase, else a place
    the sentence names (see ``_named_in_sentence``), else the sentence's first listed place."""
    site = mention.sites[0] if mention.sites else None

    def named(place: Phrase | Site) -> tuple[str, tuple[str, ...]]:
        """A name with its containers in brackets, or a container standing for the name."""
        found = next(
            (n for n in mention.named_places if n.says_more and n.covers_offset(place.start)), None
        )
        return (found.phrase.text, found.within) if found else (place.text, ())

    def listed() -> Location | None:
        assert site is not None
        near = any(n for p, n in mention.places if p.start == site.start)
        text, within = (site.text, site.within) if site.within else named(site)
        return geocode(text, focus, near=near, gazetteer=gazetteer, within=within)

    if site is not None and (len(mention.sites) > 1 or site.within):
        found = listed()
        if found is not None:
            return found
    best: Location | None = None
    for place, near in mention.places:
        text, within = named(place)
        found = geocode(
            text, _described(place, focus), near=near, gazetteer=gazetteer, within=within
        )
        if found and (best is None or coarseness(found.precision) < coarseness(best.precision)):
            best = found
    if best is None:
        best = _named_in_sentence(mention, focus, gazetteer)
    elif best.precision in {"country", "admin1"}:
        # "in Nigeria's second city of Kano", "the town of Hawija in Iraq's Kirkuk": a finer
        # place the sentence names inside the one the parse tied to the event
        finer = _named_in_sentence(mention, focus, gazetteer, inside=best)
        best = finer or best
    if best is None and site is not None and not (len(mention.sites) > 1 or site.within):
        best = listed()
    if best is None and mention.places and focus:
        # "in Chaki Wardak district": a place the gazetteer does not know, in the country the
        # story is about; kept with its words at country precision
        state = load_actors().country(focus.most_common(1)[0][0])
        country = geocode(state.name, gazetteer=gazetteer) if state else None
        if country is not None and country.precision == "country":
            best = replace(country, text=mention.places[0][0].text)
    return best


def _named_in_sentence(
    mention: Mention, focus: Counter[str], gazetteer: Gazetteer, inside: Location | None = None
) -> Location | None:
    """Where the parse ties no place to the event, the place its sentence names: of those the
    gazetteer knows, one in the countries the story is about, the most precise, the first.
    With ``inside``, only a place finer than that one and within it."""
    tried = [place for place, _ in mention.places]  # "Qarabagh" of "Qarabagh-e Sufla village"
    found = [
        location
        for named in mention.named_places
        if not any(p.start <= named.phrase.start < p.end for p in tried)
        and (
            location := geocode(named.phrase.text, focus, gazetteer=gazetteer, within=named.within)
        )
    ]
    if inside is not None:
        found = [
            loc
            for loc in found
            if loc.country == inside.country
            and coarseness(loc.precision) < coarseness(inside.precision)
            and (inside.precision == "country" or loc.admin1 == inside.admin1)
        ]
    if not found:
        return None
    return min(
        found,
        key=lambda loc: (not focus.get(loc.country or ""), coarseness(loc.precision)),
    )


def _described(place: Phrase, focus: Counter[str]) -> Counter[str]:
    """The article's focus, outweighed by the country an apposition gives the place: "Tripoli,
    the north Lebanese port" is Lebanon's Tripoli in a story about Libya."""
    country = _country_of_names(place.described_as)
    return focus + Counter({country: sum(focus.values()) + 1}) if country else focus


def is_figurative(mention: Mention, actor: Actor | None, recipient: Actor | None) -> bool:
    """Sport, business and other figurative uses: no known participant, and such words near."""
    known = any(a is not None and (a.country or a.sector) for a in (actor, recipient))
    words = {w.strip(".,;:\"'").lower() for w in mention.sentence_text.split()}
    return not known and bool(words & FIGURATIVE_CONTEXT)


def _dropped(mention: Mention, why: str) -> None:
    log.debug("sentence %d: %r dropped: %s", mention.sentence_index + 1, mention.trigger, why)


def resolve_mention(
    mention: Mention, published: date | None, focus: Counter[str], gazetteer: Gazetteer
) -> ResolvedMention | None:
    """Resolve ``mention``; None when it turns out to be no political event."""
    state_sector = "MIL" if mention.type in {"ASSAULT", "MOBILIZE"} else "GOV"
    actor = _actor(mention.actor, state_sector)
    recipient = _actor(mention.recipient, state_sector)
    if (mention.type, mention.mode) == ("COERCE", "deport") and is_organisation(recipient):
        # PLOVER: forcing an organisation out of a country is an expulsion (SANCTION), the
        # deportation of persons a coercion
        mention = replace(mention, type="SANCTION", mode="expel")
    if mention.modality == "negated":
        return _dropped(mention, "negated ('did not attack')")
    if is_figurative(mention, actor, recipient):
        return _dropped(mention, "figurative (a war of words, a sports 'attack')")
    supporting = mention.casualty_only or not has_substance(mention, actor, recipient)
    when = resolve_date(mention.date_text, published) if mention.date_text else None
    if when is not None and mention.date_reported and when.precision == "day":
        # the day it was reported: it happened then or in the days before (ACLED's week)
        when = replace(when, precision="week")
    if when is not None and when.span_start:
        return _dropped(mention, f"{mention.date_text!r} is a period summarised, not one event")
    if (
        when is not None
        and when.date
        and published
        and _end_of(when) < published - timedelta(days=HISTORY_DAYS)
    ):
        return _dropped(mention, f"{mention.date_text!r} is history, {HISTORY_DAYS}+ days before")
    if when is not None and when.date is None and when.precision is None and published:
        when = None
    claim = (
        Claim(
            mention.claimed_by.text, _actor(mention.claimed_by).name if mention.claimed_by else None
        )
        if mention.claimed_by
        else None
    )
    location = _location(mention, focus, gazetteer)
    if (
        recipient is not None
        and location is not None
        and location.country
        and mention.recipient is not None
        and mention.recipient.text == location.text
    ):
        # a city attacked is the target and the place: the place's country, as geocoded
        # ("shelled Tripoli, the north Lebanese port")
        recipient = replace(recipient, country=location.country)
    sites = (
        [
            geocode(site.text, focus, gazetteer=gazetteer, within=site.within)
            for site in mention.sites
        ]
        if len(mention.sites) > 1
        else []
    )
    return ResolvedMention(mention, actor, recipient, location, when, claim, supporting, sites)


def host(location: Location | None, named: Actor | None = None) -> Actor | None:
    """The country an act is directed at when the text names only where it happens: "arrived
    in Amman on a visit", "lifted the curfew in Montenegro" (PLOVER's convention). A target
    named without kind or country ("the convoy") keeps its words and takes the place's
    country. It has no sector: a place's country is no party (see ``actors.same_party``)."""
    if location is None or not location.country:
        return named
    if named is not None:
        return replace(named, country=location.country)
    country = load_actors().country(location.country)
    return Actor(
        text=location.text, name=country.name if country else None, country=location.country
    )
