"""Document-level role filling, scored the MUC-4 way.

MUC-3/4 gold gives each report its incidents' perpetrators (individuals and organisations),
physical targets and human victims, each an entity with the strings that may name it. Eventwire
fills the roles from its attacks (PLOVER ASSAULT: attacks, bombings, killings, kidnappings,
arson), the incidents MUC-4 templates: an event's actor is a perpetrator, its recipient a victim
when the recipient is a party of some sector (people, forces, officials) and else a physical target
("the farm", "a power substation"). Matching is by head noun, as usual for MUC-4: a predicted
phrase fills a gold entity when its head noun is the head noun of one of the entity's strings.
A pronoun fills no role. Precision, recall and F1 are micro-averaged over documents and roles.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventwire.evaluate import FieldScore

ROLES = ("perpetrator", "target", "victim")
_GOLD_ROLES = {
    "perp_individual_id": "perpetrator",
    "perp_organization_id": "perpetrator",
    "phys_tgt_id": "target",
    "hum_tgt_name": "victim",
}
# the head of "members of the front", "the farm located near ...", "a man who ..." ends before
# the first preposition, relative word or punctuation
_HEAD_END = re.compile(
    r"\s(?:of|in|at|on|from|near|who|which|that|located|belonging|with|and)\s|[,(\[]",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W_]+")
# a pronoun fills no role: MUC-4 gold names its fillers
_PRONOUNS = frozenset({
    "i", "me", "we", "us", "you", "he", "him", "she", "her", "it", "they", "them", "who", "whom",
    "which", "that", "this", "these", "those",
})  # fmt: skip


@dataclass(frozen=True, slots=True)
class RoleDocument:
    """One report and its gold role fillers: per role, entities of alternative strings."""

    id: str
    text: str
    roles: dict[str, list[list[str]]]


@dataclass(slots=True)
class RoleReport:
    documents: int = 0
    scores: dict[str, FieldScore] = field(
        default_factory=lambda: {role: FieldScore(role) for role in ROLES}
    )

    @property
    def micro(self) -> FieldScore:
        total = FieldScore("micro")
        for s in self.scores.values():
            total.gold += s.gold
            total.predicted += s.predicted
            total.correct += s.correct
        return total


def read_muc4(path: Path) -> Iterator[RoleDocument]:
    """The documents of a MUC-4 JSON file (``{id: {"doc": text, "roles": {...}}}``)."""
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    for doc_id, entry in data.items():
        roles: dict[str, list[list[str]]] = {role: [] for role in ROLES}
        for key, role in _GOLD_ROLES.items():
            roles[role].extend(list(entity) for entity in entry["roles"].get(key, []))
        yield RoleDocument(doc_id, entry["doc"], roles)


def head_noun(phrase: str) -> str | None:
    """The head noun of a noun phrase, lower-cased: its last word before any modifier."""
    core = _HEAD_END.split(f" {phrase} ", maxsplit=1)[0]
    words = _WORD.findall(core)
    return words[-1].lower() if words else None


def predicted_roles(events: Iterable[dict[str, Any]]) -> dict[str, list[str]]:
    """The role fillers that a document's event records name (the words of the text)."""
    roles: dict[str, list[str]] = {role: [] for role in ROLES}
    for event in events:
        if event.get("type") != "ASSAULT":
            continue
        actor, recipient = event.get("actor") or {}, event.get("recipient") or {}
        if actor.get("text"):
            roles["perpetrator"].append(actor["text"])
        if recipient.get("text"):
            role = "victim" if recipient.get("sector") else "target"
            roles[role].append(recipient["text"])
    return roles


def _score_role(score: FieldScore, gold: list[list[str]], predicted: list[str]) -> None:
    heads = {h for h in (head_noun(p) for p in predicted) if h and h not in _PRONOUNS}
    score.predicted += len(heads)
    score.gold += len(gold)
    matched: set[str] = set()  # a predicted head fills one gold entity at most
    for entity in gold:
        entity_heads = {head_noun(s) for s in entity} - {None}
        hit = next((h for h in sorted(heads - matched) if h in entity_heads), None)
        if hit is not None:
            matched.add(hit)
    score.correct += len(matched)


def score_roles(
    documents: Iterable[RoleDocument], predictions: dict[str, list[dict[str, Any]]]
) -> RoleReport:
    """Score each document's predicted role fillers against its gold entities."""
    report = RoleReport()
    for doc in documents:
        report.documents += 1
        predicted = predicted_roles(predictions.get(doc.id, []))
        for role in ROLES:
            _score_role(report.scores[role], doc.roles[role], predicted[role])
    return report
