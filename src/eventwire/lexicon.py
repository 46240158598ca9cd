"""Event triggers and the word lists the coder reads.

Triggers live in ``data/triggers.csv`` (lemma, part of speech, the words a trigger needs beside
it, PLOVER type and mode) and the word lists in ``data/wordsets.toml`` (see
:mod:`eventwire.wordsets`), so that they can be reviewed and extended without code.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources

from eventwire import wordsets

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


WEAPON_MODES: dict[str, str] = wordsets.mapping("weapon_modes")
SUICIDE_WORDS = wordsets.words("suicide_words")
NON_AGENT_CAUSES = wordsets.words("non_agent_causes")
FIGURATIVE_CONTEXT = wordsets.words("figurative_context")
REPORTING_VERBS = wordsets.words("reporting_verbs")
INTENT_VERBS = wordsets.words("intent_verbs")
THREAT_VERBS = wordsets.words("threat_verbs")
INTENT_ADJECTIVES = wordsets.words("intent_adjectives")
# PLOVER's families: cooperative acts told as intentions are AGREE, hostile ones THREATEN.
COOPERATIVE_TYPES = frozenset(
    {"AID", "RETREAT", "CONCEDE", "COOPERATE", "CONSULT", "SUPPORT", "AGREE"}
)
HOSTILE_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST"})
# Verbs whose content is the event ("agreed to withdraw", "threatened to strike").
INTENT_GOVERNORS = INTENT_VERBS | THREAT_VERBS
# Verbs that are the event themselves, whose content is only what they are about.
SPEECH_ACT_TYPES = frozenset({"REQUEST", "REJECT", "ACCUSE"})
HYPOTHETICAL_MODALS = wordsets.words("hypothetical_modals")
FUTURE_MODALS = wordsets.words("future_modals")
NEGATIONS = wordsets.words("negations")
DENIAL_VERBS = wordsets.words("denial_verbs")
QUANTITY_NOUNS = wordsets.words("quantity_nouns")
NON_EVENT_OBJECTS = wordsets.words("non_event_objects")
