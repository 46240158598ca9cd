"""Dependency-parse helpers the coder reads roles with: noun phrases, subjects and agents,
prepositional objects, instruments and the speakers of reported speech."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Span, Token

from eventwire import wordsets
from eventwire.lexicon import QUANTITY_NOUNS, REPORTING_VERBS, SUICIDE_WORDS, WEAPON_MODES
from eventwire.names import COMPASS

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
SPEECH_PRODUCTS = wordsets.words("speech_products")
RELATIVE_PRONOUNS = wordsets.words("relative_pronouns")
USE_VERBS = wordsets.words("use_verbs")
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


@dataclass(frozen=True, slots=True)
class Phrase:
    """A noun phrase of the sentence with article offsets and what resolution needs."""

    text: str
    start: int
    end: int
    lemmas: tuple[str, ...]
    head_lemma: str
    singular: bool
    is_place: bool = False
    named: str | None = None  # "PERSON" or "ORG" when it names one: "Lt. Gen. Prosper Avril"
    people: bool = False  # a people named by its demonym: "the Kurds", "Albanians"
    refers_to: str | None = None  # the named party a pronoun or "the group" stands for
    located_in: str | None = None  # "rebels in the Ivory Coast", "Albanians of Serbia"
    # places and peoples named in the phrase or its modifiers, with their entity labels:
    # "a camp for Congolese refugees" -> (("Congolese", "NORP"),)
    names: tuple[tuple[str, str], ...] = ()
    # those named in an apposition describing it: "Tripoli, the north Lebanese port"
    described_as: tuple[tuple[str, str], ...] = ()


def _collect(token: Token, stop_at_clauses: bool) -> Iterator[Token]:
    yield token
    for child in token.children:
        if stop_at_clauses and (
            child.dep_ in {"relcl", "acl", "appos", "advcl", "cc", "conj"}
            or (child.dep_ == "prep" and child.lower_ != "of")
        ):
            continue
        yield from _collect(child, stop_at_clauses)


def phrase(root: Token, base: int, stop_at_clauses: bool = True) -> Phrase:
    """The noun phrase headed by ``root``, without relative clauses and edge punctuation."""
    tokens = sorted(_collect(root, stop_at_clauses), key=lambda t: t.i)
    while len(tokens) > 1 and (tokens[-1].is_punct or tokens[-1].dep_ == "cc"):
        tokens.pop()
    while len(tokens) > 1 and tokens[0].is_punct:
        tokens.pop(0)
    span = root.doc[tokens[0].i : tokens[-1].i + 1]
    return Phrase(
        text=span.text,
        start=base + span.start_char,
        end=base + span.end_char,
        lemmas=tuple(t.lemma_.lower() for t in span),
        head_lemma=root.lemma_.lower(),
        singular=root.tag_ in {"NN", "NNP"} and not any(c.dep_ == "nummod" for c in root.children),
        is_place=root.ent_type_ in PLACE_LABELS,
        named=root.ent_type_ if root.ent_type_ in {"PERSON", "ORG"} else None,
        people=root.ent_type_ == "NORP" and root.tag_ in {"NNS", "NNPS"},
        located_in=next(
            (
                _entity_text(obj)
                for prep, obj in prep_objects(root, frozenset({"in", "of"}))
                if obj.ent_type_ in {"GPE", "LOC"}
            ),
            None,
        ),
        names=_names(root),
        described_as=tuple(n for c in root.children if c.dep_ == "appos" for n in _names(c)),
    )


NAME_LABELS = frozenset({"GPE", "LOC", "NORP"})
CLAUSES = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "conj", "appos"})


def _names(root: Token) -> tuple[tuple[str, str], ...]:
    """The place and people names inside the phrase headed by ``root``, its modifiers
    included and its clauses left out, in text order."""
    tokens = sorted(_collect_modifiers(root), key=lambda t: t.i)
    names: list[tuple[str, str]] = []
    for token in tokens:
        if token.ent_type_ in NAME_LABELS and token.ent_iob_ == "B":
            entity = next(e for e in token.doc.ents if e.start == token.i)
            if not (_inside_longer_name(entity) or _opposed(entity) or _where(entity)):
                names.append((entity.text, entity.label_))
    return tuple(names)


def _entity_text(token: Token) -> str:
    """The whole name a token is part of: "West Bank" for "Bank"."""
    return next((e.text for e in token.doc.ents if e.start <= token.i < e.end), token.text)


def _where(entity: Span) -> bool:
    """ "a checkpoint in Dera Ismail Khan": a place where the party is, which the event's
    place (geocoded with the article's focus) tells better than the name alone."""
    node = entity.root
    while node.dep_ in {"compound", "amod", "nmod", "appos", "conj"} and node.head is not node:
        node = node.head  # "in Dera Ismail Khan district": up to the district
    return (
        entity.label_ != "NORP"
        and node.dep_ == "pobj"
        and node.head.lower_ in {"in", "at", "near", "outside", "inside", "around", "across"}
    )


def _opposed(entity: Span) -> bool:
    """ "anti-Syria": a name its phrase stands against, not for."""
    before = entity.doc[max(entity.start - 2, 0) : entity.start]
    return before.text.lower().replace(" ", "") == "anti-"


def _inside_longer_name(entity: Span) -> bool:
    """Whether the entity is part of a longer proper name: "Madrid" in "Real Madrid", "Dera"
    in "Dera Ismail Khan"."""
    root = entity.root
    if root.dep_ == "compound" and root.head.pos_ == "PROPN" and root.head.i >= entity.end:
        return True
    return any(
        child.dep_ == "compound"
        and child.pos_ == "PROPN"
        and not entity.start <= child.i < entity.end
        and child.lower_ not in COMPASS  # "Western Cambodia" is still Cambodia
        for token in entity
        for child in token.children
    )


def _collect_modifiers(token: Token) -> Iterator[Token]:
    yield token
    for child in token.children:
        if child.dep_ not in CLAUSES:
            yield from _collect_modifiers(child)


def is_infinitive(clause: Token) -> bool:
    """Whether a verb is told with "to": "to disperse them", "agreed to withdraw"."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)


def child_of(token: Token, *deps: str) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def prep_objects(token: Token, preps: frozenset[str]) -> Iterator[tuple[Token, Token]]:
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lemma_.lower() in preps:
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    yield prep, obj
                    yield from ((prep, c) for c in obj.conjuncts)


def content(token: Token) -> Token:
    """Descend from a quantity noun to what it counts: "a number of militants" -> militants."""
    if token.lemma_.lower() in QUANTITY_NOUNS:
        for _, obj in prep_objects(token, frozenset({"of"})):
            return obj
    return token


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children) or (
        verb.tag_ == "VBN" and any(c.dep_ == "agent" for c in verb.children)
    )


def antecedent(pronoun: Token) -> Token:
    """The noun a relative pronoun stands for ("an aircraft that ... hit" -> aircraft)."""
    node = pronoun.head
    while node.dep_ not in {"relcl", "acl"} and node.head is not node:
        if node.dep_ not in {"conj", "ccomp", "xcomp"}:
            return pronoun
        node = node.head
    return node.head if node.dep_ in {"relcl", "acl"} else pronoun


def agent_of(verb: Token, depth: int = 0) -> Token | None:
    """The token that does what ``verb`` says, following coordination and participles."""
    if depth > 6:
        return None
    if is_passive(verb):
        # "were killed and 8 were wounded by a roadside bomb": coordinated verbs share the agent
        for clause in (verb, *verb.conjuncts):
            agent = child_of(clause, "agent")
            if agent is not None:
                return child_of(agent, "pobj")
        return None
    subject = child_of(verb, "nsubj", "csubj")
    if subject is not None:
        if subject.lemma_.lower() in RELATIVE_PRONOUNS:
            return antecedent(subject)
        return subject
    if verb.dep_ == "conj" and verb.head.pos_ == "NOUN" and verb.head.dep_ == "ROOT":
        # The parser took the first verb for a noun ("a sniper shot and killed"): its
        # modifiers name the doer.
        named = [c for c in verb.head.lefts if c.dep_ in {"compound", "nsubj"}]
        return named[-1] if named else None
    if verb.dep_ in {"conj", "advcl", "xcomp", "acomp"} and verb.head is not verb:
        return agent_of(verb.head, depth + 1)  # "it is willing to withdraw": through "willing"
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ != "NOUN":
        # "X and Y are guilty of violating the truce", "after shelling the town, troops ..."
        return agent_of(verb.head.head, depth + 1)
    if verb.dep_ in {"relcl", "acl"} and not is_passive(verb):
        head = verb.head
        if verb.tag_ == "VBN" and child_of(verb, "dobj") is not None:
            # a finite verb the parser hung on the last noun ("gunmen riding on motorbikes
            # shot dead five"): the doer heads the phrase that noun ends
            while head.dep_ in {"pobj", "prep", "acl"} and head.head is not head:
                head = head.head
            return head
        if head.lemma_.lower() in SPEECH_PRODUCTS and head.head.pos_ == "VERB":
            return agent_of(head.head, depth + 1)  # "issued a statement demanding ..."
        if head.lemma_.lower() in {"attempt", "bid"}:
            # "an attempt by rebels to seize the town", "their bid to oust him"
            by = next((child_of(p, "pobj") for p in head.children if p.lower_ == "by"), None)
            return by or child_of(head, "poss")
        return head
    return None


def owner_of_instrument(weapon: Token) -> Token | None:
    """Who used a weapon: "the United States responded using an AC-130" -> the United States."""
    head = weapon.head
    for clause in weapon.children:  # "an IED planted by the Taliban"
        if clause.dep_ == "acl" and child_of(clause, "agent") is not None:
            return agent_of(clause)
    if weapon.dep_ == "dobj" and head.lemma_.lower() in USE_VERBS:
        return agent_of(head)
    if (
        weapon.dep_ == "pobj"
        and head.lemma_.lower() in {"with", "using"}
        and head.head.pos_ == "VERB"
    ):
        return agent_of(head.head)
    return None


def weapon_mode(tokens: list[Token]) -> str | None:
    lemmas = [t.lemma_.lower() for t in tokens]
    if any(lemma in SUICIDE_WORDS for lemma in lemmas):
        return "suicide-attack"
    for lemma in lemmas:
        if lemma in WEAPON_MODES:
            return WEAPON_MODES[lemma]
    return None


def speaker_above(token: Token) -> Token | None:
    """The subject of the reporting verb a clause is reported under ("Turkey says it ...")."""
    for ancestor in token.ancestors:
        if ancestor.lemma_.lower() in REPORTING_VERBS and ancestor.pos_ == "VERB":
            # "X was quoted as saying he ...": the speaker may sit one clause up
            for clause in (ancestor, *ancestor.ancestors):
                subject = child_of(clause, "nsubj", "nsubjpass")
                if subject is not None and token not in subject.subtree:
                    return subject
    return None


def main_subject(token: Token) -> Token | None:
    """The subject of the sentence's main clause, when it is not ``token`` or a pronoun."""
    root = token.sent.root
    subject = child_of(root, "nsubj", "nsubjpass")
    if subject is None or subject.pos_ == "PRON" or token in subject.subtree:
        return None
    return content(subject)


def in_parentheses(token: Token) -> bool:
    """ "3 policemen (2 according to Taliban sources)": an aside, not the main account."""
    before = token.doc[token.sent.start : token.i].text
    return before.count("(") > before.count(")")


def child_aux(verb: Token, word: str) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == word for c in verb.children)


def is_weapon(token: Token) -> bool:
    return token.lemma_.lower() in WEAPON_MODES or token.lemma_.lower() in {"gas", "cannon"}


def enumeration(head: Token) -> list[Token]:
    """The heads of a list of counted people: "6 commandos, 5 soldiers and 15 militants".

    Besides the conjuncts of ``head``, the parser may attach later items as numbered appositions
    or as further subjects of the same verb; each of those is an item too.
    """
    items = [head]
    numbered = [c for c in head.children if c.dep_ == "appos" and child_of(c, "nummod")]
    if head.dep_ in {"nsubjpass", "dobj"}:
        numbered += [
            c
            for c in head.head.children
            if c.dep_ == head.dep_ and c.i > head.i and child_of(c, "nummod")
        ]
        numbered += [
            obj
            for prep in head.head.children
            if prep.dep_ == "prep" and prep.lower_ == "in"
            for addition in prep.children
            if addition.lower_ == "addition"
            for to in addition.children
            if to.lower_ == "to"
            for obj in to.children
            if obj.dep_ == "pobj"  # "killed 1 member in addition to 3 of his guards"
        ]
    for item in [*head.conjuncts, *numbered]:
        for token in (item, *item.conjuncts):
            if token not in items:
                items.append(token)
    return sorted(items, key=lambda t: t.i)


def counted_words(item: Token) -> str:
    """The words of one item of a list up to its noun ("2 police commandos"), or through
    what it counts ("a number of militants")."""
    counted = child_of(item, "prep")
    end = counted.right_edge.i if counted is not None and counted.lower_ == "of" else item.i
    return item.doc[item.left_edge.i : end + 1].text
