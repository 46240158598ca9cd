"""Event triggers and the word lists the coder reads.

Triggers live in ``data/triggers.csv`` (lemma, part of speech, the words a trigger needs beside
it, PLOVER type and mode), so that they can be reviewed and extended without code.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources

_WORD = re.compile(r"[a-z]+")
_NAMED = re.compile(r"\s[A-Z]")  # a capitalised word after the first: a name
_COMPOUND = re.compile(r"(?<![a-z])[a-z]++(?:-[a-z]++)+")  # "sit-in"; linear on long runs


@dataclass(frozen=True, slots=True)
class Trigger:
    lemma: str
    pos: str  # "VERB" or "NOUN"
    type: str
    mode: str | None
    needs: frozenset[str]  # lemmas one of which must govern (nouns) or complement (verbs) it


@dataclass(frozen=True, slots=True)
class Lexicon:
    triggers: dict[tuple[str, str], tuple[Trigger, ...]]  # senses, constrained ones first
    forms: frozenset[str]  # forms of the triggers that need no company, lower case
    # forms of triggers that need company ("give" aid) -> the forms of what they need
    companions: dict[str, frozenset[str]]
    lemma_of: dict[str, str]  # inflected form -> trigger lemma, for the lemmatiser's slips
    # forms of violence, protest and coercion, which can be events without a named doer
    open_forms: frozenset[str] = frozenset()
    actor_words: frozenset[str] = frozenset()  # generic actor nouns: "police", "officials"

    def may_hold_event(self, text: str) -> bool:
        """The cheap test that decides what is parsed: a trigger word with the company it
        needs, and, for verbal acts, someone named who could have done them."""
        lowered = text.lower()
        words = set(_WORD.findall(lowered))
        words.update(_COMPOUND.findall(lowered))
        found = words & self.forms
        found.update(
            form
            for form in words & self.companions.keys()
            if not self.companions[form].isdisjoint(words)
        )
        if not found:
            return False
        if not found.isdisjoint(self.open_forms):
            return True
        return bool(_NAMED.search(text)) or not self.actor_words.isdisjoint(words)

    def with_irregular_forms(self, lemmas: Mapping[str, Iterable[str]]) -> Lexicon:
        """The lexicon whose filter also knows irregular forms ("paid" for "pay"); ``lemmas``
        maps a form to its lemmas, as a lemmatiser's exception table does."""
        forms = set(self.forms)
        companions = {form: set(needed) for form, needed in self.companions.items()}
        open_forms, lemma_of = set(self.open_forms), dict(self.lemma_of)
        needs = {word for needed in self.companions.values() for word in needed}
        for form, bases in lemmas.items():
            for base in bases:
                if base in self.forms:
                    forms.add(form)
                    lemma_of.setdefault(form, self.lemma_of.get(base, base))
                if base in self.open_forms:
                    open_forms.add(form)
                if base in self.companions:
                    companions.setdefault(form, set()).update(self.companions[base])
                    lemma_of.setdefault(form, self.lemma_of.get(base, base))
                if base in needs:
                    for needed in companions.values():
                        if base in needed:
                            needed.add(form)
        return replace(
            self,
            forms=frozenset(forms),
            companions={f: frozenset(n) for f, n in companions.items() if f not in forms},
            lemma_of=lemma_of,
            open_forms=frozenset(open_forms),
        )

    def senses(self, lemma: str, pos: str, form: str = "") -> tuple[Trigger, ...]:
        """The trigger senses of a word, those that need company first."""
        kind = "VERB" if pos in {"VERB", "AUX"} else "NOUN"
        found = self.triggers.get((lemma, kind))
        if found is None and form:
            found = self.triggers.get((self.lemma_of.get(form, ""), kind))
        return found or ()


def inflections(lemma: str) -> set[str]:
    """Regular inflected forms of ``lemma`` (over-generating is harmless: it is a filter)."""
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    forms = {lemma, lemma + "s", lemma + "es", stem + "ed", stem + "ing", lemma + "d"}
    if lemma.endswith("y"):
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if re.search(r"[^aeiou][aeiou][bdgklmnprt]$", lemma):
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


@cache
def load_lexicon() -> Lexicon:
    """The trigger lexicon, with the set of word forms that mark candidate sentences."""
    senses: dict[tuple[str, str], list[Trigger]] = {}
    forms: set[str] = set()
    companions: dict[str, set[str]] = {}
    open_forms: set[str] = set()
    lemma_of: dict[str, str] = {}
    source = resources.files("eventwire") / "data" / "triggers.csv"
    with source.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            trigger = Trigger(
                lemma=row["lemma"],
                pos=row["pos"],
                type=row["type"],
                mode=row["mode"] or None,
                needs=frozenset(filter(None, row["needs"].split("|"))),
            )
            senses.setdefault((trigger.lemma, trigger.pos), []).append(trigger)
            own = {f.lower() for f in inflections(trigger.lemma) | set(row["forms"].split())}
            needed = _companion_forms(trigger.needs)
            if trigger.type in OPEN_TYPES:
                open_forms |= own
            for form in own:
                lemma_of.setdefault(form, trigger.lemma)
                if needed is None:
                    forms.add(form)
                else:
                    companions.setdefault(form, set()).update(needed)
    forms.add("must")  # "X said Y must ...": a demand, whatever the verb
    triggers = {
        key: tuple(sorted(found, key=lambda t: not t.needs)) for key, found in senses.items()
    }
    agents = resources.files("eventwire") / "data" / "actors" / "agents.csv"
    with agents.open(encoding="utf-8") as handle:
        actor_words = {
            form
            for row in csv.DictReader(handle)
            for word in row["word"].lower().split()
            for form in inflections(word)
        }
    return Lexicon(
        triggers=triggers,
        forms=frozenset(forms),
        companions={f: frozenset(n) for f, n in companions.items() if f not in forms},
        lemma_of=lemma_of,
        open_forms=frozenset(open_forms),
        actor_words=frozenset(actor_words),
    )


# Event types that can stand without a named doer (casualties, a protest in a named place).
OPEN_TYPES = frozenset({"ASSAULT", "PROTEST", "COERCE"})


def _companion_forms(needs: frozenset[str]) -> set[str] | None:
    """Word forms whose presence a trigger needs; None when it needs nothing checkable by
    words alone (no needs, or a party as its object)."""
    if not needs or "@party" in needs:
        return None
    found: set[str] = set()
    for need in needs:
        found |= {need[1:]} if need.startswith("@") else inflections(need)
    return found


# Weapons and platforms: the mode they give an ASSAULT, and whether they can be an agent's tool.
WEAPON_MODES: dict[str, str] = {
    "aircraft": "aerial", "plane": "aerial", "jet": "aerial", "warplane": "aerial",
    "helicopter": "aerial", "gunship": "aerial", "bomber": "aerial", "fighter-jet": "aerial",
    "airstrike": "aerial", "air": "aerial", "ac-130": "aerial", "f-16": "aerial",
    "drone": "drone", "uav": "drone",
    "missile": "heavy-weapons", "rocket": "heavy-weapons", "artillery": "heavy-weapons",
    "mortar": "heavy-weapons", "shell": "heavy-weapons", "tank": "heavy-weapons",
    "howitzer": "heavy-weapons", "projectile": "heavy-weapons",
    "bomb": "explosives", "ied": "explosives", "explosive": "explosives", "mine": "explosives",
    "landmine": "explosives", "grenade": "explosives", "device": "explosives",
    "car-bomb": "explosives",
    "gun": "firearms", "rifle": "firearms", "gunfire": "firearms", "bullet": "firearms",
    "pistol": "firearms", "sniper": "firearms", "gunman": "firearms", "machine-gun": "firearms",
    "knife": "primitive", "machete": "primitive", "axe": "primitive", "stone": "primitive",
    "rock": "primitive", "arson": "primitive",
    "tear": "crowd-control", "teargas": "crowd-control", "baton": "crowd-control",
    "cannon": "crowd-control", "rubber": "crowd-control",
}  # fmt: skip
SUICIDE_WORDS = frozenset({"suicide", "self-detonate", "bomber"})

# Causes that are not actors: a story about them is not a political event.
NON_AGENT_CAUSES = frozenset({
    "fire", "wildfire", "blaze", "flame", "flood", "flooding", "storm", "earthquake", "quake",
    "landslide", "mudslide", "accident", "crash", "collision", "cyclone", "hurricane", "typhoon",
    "tornado", "avalanche", "heatwave", "heat", "disease", "outbreak", "virus", "lightning",
    "drought", "tsunami", "eruption", "volcano", "wave", "wind", "rain", "snow", "illness",
    "cancer", "stroke", "infection", "cholera", "epidemic", "pandemic", "covid-19",
})  # fmt: skip

# Words that mark sport, business and other figurative uses of conflict verbs.
FIGURATIVE_CONTEXT = frozenset({
    "match", "game", "goal", "season", "league", "cup", "championship", "title", "tournament",
    "striker", "midfielder", "coach", "club", "team", "price", "market", "share", "shares",
    "stock", "investor", "rival", "sales", "profit", "brand", "customer", "election-campaign",
    "ad", "advert", "polls", "fans", "player", "players", "final", "semifinal", "derby",
})  # fmt: skip

REPORTING_VERBS = frozenset({
    "say", "tell", "report", "announce", "add", "confirm", "state", "claim", "allege", "note",
    "write", "post", "publish", "insist", "explain", "acknowledge", "describe", "disclose",
    "reveal", "estimate", "indicate", "show", "declare", "reiterate", "conclude", "stress",
    "emphasize", "emphasise", "argue", "assert", "maintain", "remind", "admit", "predict",
})  # fmt: skip
INTENT_VERBS = frozenset(
    {
        "plan",
        "intend",
        "prepare",
        "aim",
        "want",
        "seek",
        "hope",
        "expect",
        "schedule",
        "set",
        "agree",
        "promise",
        "pledge",
    }
)
THREAT_VERBS = frozenset({"threaten", "vow", "warn", "swear"})
# "willing to withdraw", "ready to talks": adjectives of intent.
INTENT_ADJECTIVES = frozenset(
    {"willing", "ready", "prepared", "committed", "determined", "eager", "set"}
)
# PLOVER's families: cooperative acts told as intentions are AGREE, hostile ones THREATEN.
COOPERATIVE_TYPES = frozenset(
    {"AID", "RETREAT", "CONCEDE", "COOPERATE", "CONSULT", "SUPPORT", "AGREE"}
)
HOSTILE_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST"})
# Verbs whose content is the event ("agreed to withdraw", "threatened to strike").
INTENT_GOVERNORS = INTENT_VERBS | THREAT_VERBS
# Verbs that are the event themselves, whose content is only what they are about.
SPEECH_ACT_TYPES = frozenset({"REQUEST", "REJECT", "ACCUSE"})
HYPOTHETICAL_MODALS = frozenset({"could", "would", "might", "may", "should"})
FUTURE_MODALS = frozenset({"will", "shall", "'ll"})
NEGATIONS = frozenset({"not", "n't", "never", "no"})
DENIAL_VERBS = frozenset({"deny", "reject", "dismiss", "refute"})
# Nouns that stand for a quantity of the noun after "of": "a number of militants".
QUANTITY_NOUNS = frozenset({
    "number", "dozen", "dozens", "score", "scores", "hundred", "hundreds", "thousand",
    "thousands", "handful", "group", "couple", "total", "lot", "lots", "several", "many",
})  # fmt: skip
# Objects after which a trigger verb is not an event ("released a statement", "hit a record").
NON_EVENT_OBJECTS = frozenset({
    "statement", "report", "video", "footage", "figure", "data", "record", "document", "album",
    "film", "song", "book", "result", "results", "photo", "image", "list", "details", "plan",
    "target", "targets", "note", "letter", "milestone", "high", "low", "deadline",
})  # fmt: skip
