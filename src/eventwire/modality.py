"""Whether an event is asserted, negated, possible, intended or a purpose, and PLOVER's
reading of intentions: cooperative intentions are AGREE, hostile ones THREATEN."""

from __future__ import annotations

from spacy.tokens import Token

from eventwire import wordsets
from eventwire.lexicon import (
    COOPERATIVE_TYPES,
    DENIAL_VERBS,
    FUTURE_MODALS,
    HOSTILE_TYPES,
    HYPOTHETICAL_MODALS,
    INTENT_ADJECTIVES,
    INTENT_GOVERNORS,
    NEGATIONS,
)
from eventwire.syntax import (
    SUBJECTS,
    USE_VERBS,
    is_infinitive,
    is_passive,
    is_weapon,
    speaker_above,
)

ASPECTUAL_VERBS = wordsets.words("aspectual_verbs")
EVIDENTIAL_VERBS = wordsets.words("evidential_verbs")
HISTORY_ADVERBS = wordsets.words("history_adverbs")

THREAT_MODES: dict[object, str] = {
    "ASSAULT": "violence", "MOBILIZE": "violence", "PROTEST": "restrict", "COERCE": "restrict",
    ("COERCE", "arrest"): "arrest", "SANCTION": "relations", ("SANCTION", "expel"): "expel",
}  # fmt: skip


def modality_of(token: Token) -> str:
    """Whether a verbal trigger is asserted, negated, hypothetical, future, or a purpose; an
    act promised "unless" the other side yields is an ultimatum."""
    found = _modality(token)
    if found == "future" and _on_condition(token):
        return "ultimatum"
    return found


def _on_condition(token: Token) -> bool:
    """ "will withdraw its force unless the rebels disarm": the act hangs on the other side."""
    clauses = [token, token.head] if token.dep_ in {"xcomp", "ccomp"} else [token]
    return any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless" for m in c.children)
        for clause in clauses
        for c in clause.children
    )


def _modality(token: Token) -> str:
    children = list(token.children)
    if any(c.dep_ == "neg" or c.lower_ in NEGATIONS for c in children):
        return "negated"
    for subject in (c for c in children if c.dep_ in SUBJECTS):
        if subject.lower_ in {"nobody", "none"} or any(
            d.dep_ == "det" and d.lower_ == "no" for d in subject.children
        ):
            return "negated"
    if any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in children):
        return "hypothetical"
    modals = {c.lower_ for c in children if c.dep_ == "aux"}
    if "would" in modals and speaker_above(token) is not None:
        return "future"  # "Iraq said it would allow": the future of reported speech
    if modals & HYPOTHETICAL_MODALS:
        # "may halt", "could strike" -- but "could have killed" looks back, not forward
        return "possible" if "have" not in modals else "hypothetical"
    if any(c.dep_ == "aux" and c.lower_ in FUTURE_MODALS for c in children):
        return "future"
    infinitive = is_infinitive(token)
    head = token.head
    if token.dep_ in {"xcomp", "ccomp", "pcomp"} and head.lemma_.lower() in DENIAL_VERBS:
        return "negated"
    if token.dep_ == "xcomp" and head.lemma_.lower() == "fail":
        return "negated"  # "failed to reach agreement": it did not happen
    if infinitive or token.dep_ == "xcomp":
        governor = head.lemma_.lower()
        if governor in INTENT_GOVERNORS or governor in INTENT_ADJECTIVES:
            return "negated" if _modality(head) == "negated" else "future"
        if head.pos_ == "AUX" and any(
            c.lemma_.lower() in INTENT_ADJECTIVES for c in head.children if c.dep_ == "acomp"
        ):
            return "future"  # "is willing to withdraw"
        if token.dep_ == "xcomp" and governor in ASPECTUAL_VERBS:
            return "asserted"  # "continued to send arms", "began to withdraw"
        if token.dep_ == "xcomp" and governor in EVIDENTIAL_VERBS and is_passive(head):
            return "asserted"  # "seven are said to have been killed": reported, not meant
        if token.dep_ in {"advcl", "xcomp", "acl", "relcl"} and infinitive:
            if _done_with_weapon(head) or governor in {"attempt", "bid"}:
                # "used tear gas to disperse them": the means tells the act; "an attempt to
                # assassinate the governor was foiled": an attack, though it failed
                return "asserted"
            return "purpose"
    return "asserted"


def _done_with_weapon(verb: Token) -> bool:
    """ "used tear gas", "fired water cannon": a weapon put to use, so what it was used for
    was done, not only meant."""
    weapon = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if weapon is None:
        return False
    if verb.lemma_.lower() == "open" and weapon.lemma_.lower() == "fire":
        return True  # "opened fire to disperse them"
    return verb.lemma_.lower() in USE_VERBS and is_weapon(weapon)


def intended(event_type: str, mode: str | None, modality: str) -> tuple[str, str | None, str]:
    """PLOVER's reading of intentions and refusals: a cooperative act told as an intention is
    AGREE, a hostile one THREATEN; refusing a cooperative act is REJECT."""
    if modality == "possible":
        if event_type in HOSTILE_TYPES:  # "may halt mediation", "could strike": a warning
            return (
                "THREATEN",
                THREAT_MODES.get((event_type, mode), THREAT_MODES[event_type]),
                ("asserted"),
            )
        return event_type, mode, "hypothetical"
    if modality == "ultimatum":  # "will withdraw its troops unless ...": a threat
        return (
            "THREATEN",
            THREAT_MODES.get((event_type, mode), THREAT_MODES.get(event_type)),
            ("asserted"),
        )
    if modality == "future":
        if event_type in COOPERATIVE_TYPES:
            return "AGREE", None, "asserted"
        if event_type in HOSTILE_TYPES:
            return (
                "THREATEN",
                THREAT_MODES.get((event_type, mode), THREAT_MODES[event_type]),
                ("asserted"),
            )
    if modality == "negated" and event_type in COOPERATIVE_TYPES:
        return "REJECT", None, "asserted"
    return event_type, mode, modality


def is_history(verb: Token) -> bool:
    """ "have killed civilians before", "has been hit repeatedly": history, not this event."""
    return any(c.dep_ == "advmod" and c.lower_ in HISTORY_ADVERBS for c in verb.children)
