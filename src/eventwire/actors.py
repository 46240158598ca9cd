"""Resolve actor phrases to a canonical name, ISO-3 country, PLOVER sector and ACLED inter code.

The dictionary lives in ``data/actors/`` as plain CSV files that users can review and extend:
``countries.csv`` (names, aliases, adjectives, capitals), ``organizations.csv`` (named state
bodies, armed groups, parties, IGOs and NGOs), ``people.csv`` (leaders news names, with their
country and role) and ``agents.csv`` (generic nouns such as "militants" or "police"). A phrase
resolves by the organisation or person it names, else by the country words and the agent noun
it contains ("US officials" -> USA, GOV).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from functools import cache
from importlib import resources
from itertools import pairwise

from eventwire.names import fold
from eventwire.records import Actor

_PATRON = re.compile(
    r"([\w'\u2019. ]+?)\s*-?\s*(?:backed|aligned|allied|linked|sponsored|supported|affiliated)\b",
    re.IGNORECASE,
)
_LEADING = re.compile(
    r"^(?:the|a|an|some|several|two|three|four|five|\d+|at least|about)\s+", re.IGNORECASE
)
_AGAINST = re.compile(r"\banti-\w+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['\u2019]s?$")


def dictionary_key(name: str) -> str:
    """A dictionary name as phrases are looked up: folded, possessives dropped from every
    word ("Lord's Resistance Army" -> "lord resistance army")."""
    return fold(" ".join(_POSSESSIVE.sub("", word) for word in name.split()))


SECTOR_LABELS = {
    "MIL": "Military Forces",
    "COP": "Police Forces",
    "GOV": "Government",
    "LEG": "Legislature",
    "JUD": "Judiciary",
    "SPY": "Intelligence Services",
}
MAX_NGRAM = 7
ARMED_SECTORS = frozenset({"REB", "PRM", "UAF"})  # parties to the fighting
# PLOVER codes that stand in the country field for bodies belonging to no one country.
ORGANISATION_CODES = frozenset({"IGO", "NGO"})
# ACLED's names for unnamed parties, by inter code.
ACLED_GENERIC_NAMES = {5: "Rioters", 6: "Protesters", 7: "Civilians"}


@dataclass(frozen=True, slots=True)
class Country:
    iso3: str
    name: str


# Parties and state bodies, whose names recur as words of other countries' titles.
TITLE_SECTORS = frozenset({"PTY", "GOV", "LEG", "JUD"})


@dataclass(frozen=True, slots=True)
class Organization:
    name: str
    country: str | None
    sector: str | None
    inter: int | None
    acled_name: str | None
    person: bool = False  # a leader: a country named beside them says whom they act for


@dataclass(frozen=True, slots=True)
class Agent:
    sector: str
    inter: int | None


@dataclass(frozen=True, slots=True)
class ActorDictionary:
    countries: dict[str, Country]  # folded name, alias, adjective or capital -> country
    capitals: frozenset[str]
    organizations: dict[str, Organization]  # folded alias -> organisation
    exact_aliases: dict[str, Organization]  # short upper-case aliases matched case-sensitively
    agents: dict[str, Agent]  # lemma -> agent type
    by_iso3: dict[str, Country]
    # folded first name -> (folded surname, person), for misspelt surnames ("Mitterand")
    people_by_first_name: dict[str, list[tuple[str, Organization]]]

    def country(self, iso3: str | None) -> Country | None:
        return self.by_iso3.get(iso3) if iso3 else None


def _rows(name: str) -> Iterator[dict[str, str]]:
    source = resources.files("eventwire") / "data" / "actors" / name
    with source.open(encoding="utf-8") as handle:
        yield from csv.DictReader(handle)


def _split(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split("|") if part.strip()]


def _int(value: str | None) -> int | None:
    return int(value) if value and value.strip().isdigit() else None


@cache
def load_actors() -> ActorDictionary:
    """The bundled actor dictionary (loaded once)."""
    countries: dict[str, Country] = {}
    by_iso3: dict[str, Country] = {}
    capitals: set[str] = set()
    for row in _rows("countries.csv"):
        country = Country(row["iso3"], row["name"])
        by_iso3[country.iso3] = country
        for word in [row["name"], *_split(row["aliases"]), *_split(row["adjectives"])]:
            countries.setdefault(dictionary_key(word), country)
        for capital in _split(row["capital"]):
            capitals.add(fold(capital))
            countries.setdefault(fold(capital), country)
    organizations: dict[str, Organization] = {}
    exact: dict[str, Organization] = {}
    for row in _rows("organizations.csv"):
        org = Organization(
            name=row["name"],
            country=row["country"] or None,
            sector=row["sector"] or None,
            inter=_int(row["inter"]),
            acled_name=row["acled_name"] or None,
        )
        for alias in [row["name"], *_split(row["aliases"])]:
            if len(alias) <= 4 and alias.isupper():
                exact[alias] = org
            else:
                organizations.setdefault(dictionary_key(alias), org)
    by_first_name: dict[str, list[tuple[str, Organization]]] = {}
    for row in _rows("people.csv"):
        person = Organization(
            name=row["name"],
            country=row["country"] or None,
            sector=row["sector"] or None,
            inter=1 if row["sector"] in {"GOV", "MIL"} else None,
            acled_name=None,
            person=True,
        )
        for alias in [row["name"], *_split(row["aliases"])]:
            organizations.setdefault(dictionary_key(alias), person)
        names = dictionary_key(row["name"]).split()
        if len(names) >= 2:
            by_first_name.setdefault(names[0], []).append((names[-1], person))
    agents = {
        row["word"].strip().lower(): Agent(row["sector"], _int(row["inter"]))
        for row in _rows("agents.csv")
    }
    return ActorDictionary(
        countries, frozenset(capitals), organizations, exact, agents, by_iso3, by_first_name
    )


def _ngrams(words: list[str]) -> Iterator[tuple[int, int]]:
    """Spans (start, end) of ``words``, longest first."""
    for size in range(min(MAX_NGRAM, len(words)), 0, -1):
        for start in range(len(words) - size + 1):
            yield start, start + size


def _find_organization(
    words: list[str], actors: ActorDictionary
) -> tuple[Organization, int] | tuple[None, int]:
    """The organisation the words name, with where its name starts."""
    for start, end in _ngrams(words):
        span = words[start:end]
        if len(span) == 1 and span[0] in actors.exact_aliases:
            return actors.exact_aliases[span[0]], start
        org = actors.organizations.get(fold(" ".join(span)))
        if org:
            return org, start
    return None, 0


def _misspelt_person(words: list[str], actors: ActorDictionary) -> Organization | None:
    """A listed person named with the right first name and a surname one slip away:
    "Francois Mitterand", "Laurent Gbago"."""
    if not any(fold(w) in actors.people_by_first_name for w in words[:-1]):
        return None  # the common case, decided by cached folds alone
    folded = [dictionary_key(w) for w in words]
    for first, surname in pairwise(folded):
        for known, person in actors.people_by_first_name.get(first, ()):
            if len(surname) >= 5 and SequenceMatcher(None, surname, known).ratio() >= 0.9:
                return person
    return None


def _find_country(words: list[str], actors: ActorDictionary) -> Country | None:
    for start, end in _ngrams(words):
        key = fold(" ".join(words[start:end]))
        if key in actors.capitals and end - start != len(words):
            continue  # a capital stands for its state only alone: not "Real Madrid"
        if key in actors.countries and (end - start > 1 or words[start][:1].isupper()):
            return actors.countries[key]
    return None


_PATRON_AFTER = re.compile(
    r",?\s*\b(?:backed|supported|sponsored|armed|funded)\s+by\s+(.+)$", re.IGNORECASE
)


def split_patron(text: str) -> tuple[str, str | None]:
    """Separate a sponsor from the actor.

    >>> split_patron("Iran-backed militants")
    ('militants', 'Iran')
    """
    after = _PATRON_AFTER.search(text)
    if after:  # "militants backed by Iran"
        return text[: after.start()].strip(), after.group(1).strip()
    match = _PATRON.search(text)
    if not match:
        return text, None
    return (text[: match.start()] + text[match.end() :]).strip(), match.group(1).strip()


def singular(word: str) -> str:
    """A plural noun's singular, for the lemmatiser's misses ("Gunmen" as a proper noun)."""
    word = word.lower()
    if word.endswith("men"):
        return word[:-3] + "man"
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def display_name(text: str) -> str:
    return _LEADING.sub("", _LEADING.sub("", text.strip())).strip()


def resolve_actor(
    text: str, lemmas: list[str], head_lemma: str | None = None, state_sector: str = "GOV"
) -> Actor | None:
    """Resolve an actor phrase.

    ``lemmas`` are the lower-case lemmas of the phrase's words and ``head_lemma`` that of its
    head noun; ``state_sector`` is the sector of a country named alone ("Russia struck" is its
    military, "Russia said" its government). Returns None when nothing names or types an actor.
    """
    actors = load_actors()
    own_text, patron = split_patron(text)
    # "an anti-Syria journalist" is no one's of Syria
    own_text = " ".join(_AGAINST.sub("", own_text).split())
    # Hyphens split words ("Taliban-planted"); folding joins them back for "al-Shabaab".
    words = [_POSSESSIVE.sub("", w) for w in re.findall(r"[\w][\w'.\u2019]*", own_text)]
    org, start = _find_organization(words, actors)
    org = org or _misspelt_person(words, actors)
    if org and not org.person and org.sector in TITLE_SECTORS:
        named = _find_country(words[:start], actors)
        if named is not None and named.iso3 != org.country:
            # "Serbian Labour Minister X": another country's party or state body inside a
            # title of this country is only a word of the title
            org = None
    if org and org.person:
        # "Georgian President Eduard Shevardnadze": the phrase's country outranks the list's
        named = _find_country(words, actors)
        if named is not None and named.iso3 != org.country:
            org = replace(org, country=named.iso3)
    if org:
        return Actor(
            text=text,
            name=org.name,
            country=org.country,
            sector=org.sector,
            inter=org.inter,
            acled_name=org.acled_name or org.name,
        )
    # "ethnic Albanians in Serbia": the adjective names a people, not the state they act for
    ethnic = "ethnic" in lemmas
    country = None if ethnic else _find_country(words, actors)
    agent = actors.agents.get(head_lemma or "") or actors.agents.get(singular(head_lemma or ""))
    if agent is None:
        agent = next(
            (
                actors.agents.get(lemma) or actors.agents[singular(lemma)]
                for lemma in reversed(lemmas)
                if lemma in actors.agents or singular(lemma) in actors.agents
            ),
            None,
        )
    if ethnic and agent is None:
        agent = Agent("ETH", None)
    if country is None and agent is None:
        return None
    if agent is None:
        # A country standing alone acts through its government ("Washington said", "Iran fired").
        agent = Agent(state_sector, 1)
    if country and agent.sector in SECTOR_LABELS:
        name = f"{SECTOR_LABELS[agent.sector]} of {country.name}"
        acled = name
    elif agent.inter in ACLED_GENERIC_NAMES or agent.sector == "UAF":
        name = display_name(own_text)
        acled = ACLED_GENERIC_NAMES.get(agent.inter or 0, "Unidentified Armed Group")
    else:
        name = display_name(text)
        patron_country = _find_country(patron.split(), actors) if patron else None
        acled = f"{display_name(own_text).title()}" + (
            f" (backed by {patron_country.name})" if patron_country else ""
        )
    return Actor(
        text=text,
        name=name,
        country=country.iso3 if country else None,
        sector=agent.sector,
        inter=agent.inter,
        acled_name=acled,
    )


_SIDES = {
    "GOV": "state",
    "MIL": "state",
    "COP": "state",
    "SPY": "state",
    "LEG": "state",
    "JUD": "state",
    "REB": "armed",
    "PRM": "armed",
    "UAF": "armed",
    "CRM": "armed",
}


def _side(actor: Actor) -> str | None:
    return _SIDES.get(actor.sector or "", "civilian" if actor.sector else None)


def same_party(a: Actor | None, b: Actor | None) -> bool | None:
    """True/False when both are known and agree or not; None when either is unknown.

    Reports describe one party in different words ("the United States", "American forces";
    "militants", "a militia"), so parties agree when they are on the same side (state, armed
    group, civilians) and their countries do not differ.
    """
    if a is None or b is None or not a.sector or not b.sector or "UAF" in (a.sector, b.sector):
        # a party of unknown kind, only a place's country (see resolve.host), or gunmen
        # whom no one has named: they could be anyone
        return None
    if a.name and b.name and a.name == b.name:
        return True
    if a.country and b.country and a.country != b.country:
        return False
    side_a, side_b = _side(a), _side(b)
    if side_a and side_b:
        return side_a == side_b
    return a.country is not None and a.country == b.country
