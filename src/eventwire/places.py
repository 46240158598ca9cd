"""Find the place phrases of an event mention in its parse: "in central Nairobi", "west of
Baghdad" (only near), "the town of Al-Qaim", "Mogadishu's Hodan district"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from eventwire import wordsets
from eventwire.actors import load_actors
from eventwire.names import fold
from eventwire.syntax import PLACE_LABELS, Phrase, child_of, phrase, prep_objects, speaker_above

LOCATION_PREPS = wordsets.words("location_preps")
DIRECTION_WORDS = wordsets.words("direction_words")
ADMIN_NOUNS = wordsets.words("admin_nouns")
FACILITY_HEADS = wordsets.words("facility_heads")
GENERIC_PLACES = wordsets.words("generic_places")


def places_in(
    token: Token, base: int, skip: frozenset[str] = frozenset()
) -> list[tuple[Phrase, bool]]:
    """Places named in the prepositional phrases of ``token`` ("in central Nairobi", "during a
    raid on a house in Culiacan", "west of Baghdad"), each with whether it is only "near";
    prepositions in ``skip`` are passed over."""
    found: list[tuple[Phrase, bool]] = []
    for prep in token.children:
        if prep.dep_ not in {"prep", "agent"} or prep.lower_ in {"of", "according"} | skip:
            continue  # "according to a health worker in Damboa" places the source, not the event
        near = prep.lemma_.lower() in {"near", "outside"}
        for node in prep.subtree:
            if _marks_vicinity(node):
                near = True
            if node.dep_ == "pobj" and _locative(node):
                found.extend((place, near) for place in _place_phrases(node, base))
    return found


def _marks_vicinity(token: Token) -> bool:
    """ "west of", "10 km from", "on the outskirts of": the place named is only nearby."""
    lemma = token.lemma_.lower()
    if lemma in {"near", "outside", "outskirts", "vicinity"}:
        return True
    return lemma in DIRECTION_WORDS and any(
        c.dep_ == "prep" and c.lower_ in {"of", "from"} for c in token.children
    )


def _locative(pobj: Token) -> bool:
    """Whether a prepositional object sits under a locative preposition."""
    return pobj.head.lemma_.lower() in LOCATION_PREPS or (
        pobj.head.lemma_.lower() == "of"
        and pobj.head.head.lemma_.lower()
        in DIRECTION_WORDS
        | {"town", "city", "village", "province", "district", "region", "state", "outskirts"}
    )


def _place_phrase(node: Token, base: int) -> Phrase | None:
    """The place name headed by ``node``: a named place ("Dera Ismail Khan district"), a named
    facility ("the Ain al-Asad air base"), or the name in "the town of Al-Qaim"."""
    if node.ent_type_ in {"DATE", "TIME"}:
        return None
    lemma = node.lemma_.lower()
    start = node.i
    subtree = set(node.subtree)
    while (
        start > 0
        and node.doc[start - 1] in subtree
        and (node.doc[start - 1].pos_ == "PROPN" or node.doc[start - 1].text == "-")
    ):
        start -= 1
    named = start < node.i
    if (
        node.ent_type_ in PLACE_LABELS
        or node.pos_ == "PROPN"
        or (named and lemma in ADMIN_NOUNS | GENERIC_PLACES)
    ):
        span = node.doc[start : node.i + 1]
        return Phrase(
            span.text,
            base + span.start_char,
            base + span.end_char,
            tuple(t.lemma_.lower() for t in span),
            lemma,
            True,
            True,
        )
    if lemma in FACILITY_HEADS and lemma not in GENERIC_PLACES:
        candidate = phrase(node, base)
        if any(t[:1].isupper() for t in candidate.text.split()[1:]):
            return candidate
    return _place_phrase_in_of(node, base)


def _place_phrases(node: Token, base: int) -> list[Phrase]:
    """Candidate place names for one prepositional object, most specific first: "Mogadishu's
    Hodan district" gives the district, then Mogadishu."""
    found = [p for p in [_place_phrase(node, base)] if p is not None]
    for child in node.children:
        if child.dep_ == "poss" and (child.pos_ == "PROPN" or child.ent_type_ in PLACE_LABELS):
            owner = _place_phrase(child, base)
            if owner is not None:
                found.append(owner)
    return found


def _place_phrase_in_of(node: Token, base: int) -> Phrase | None:
    """ "the town of Damboa" -> Damboa."""
    for _prep, obj in prep_objects(node, frozenset({"of"})):
        if obj.pos_ == "PROPN" or obj.ent_type_ in PLACE_LABELS:
            return _place_phrase(obj, base)
    return None


def entity_phrase(ent: Span, base: int) -> Phrase:
    return Phrase(
        ent.text,
        base + ent.start_char,
        base + ent.end_char,
        tuple(t.lemma_.lower() for t in ent),
        ent.root.lemma_.lower(),
        True,
        True,
    )


_NAME = r"(?:[A-Z][\w'\u2019-]*)(?:\s[A-Z][\w'\u2019-]*){0,3}"
_KIND = (
    r"(?:town|city|village|area|community|district|upazila|union|county|province|state|"
    r"local government area|local government council|lga|sub-county|constituency)"
)
_DIVISION = (
    r"(?i:State|Province|District|Region|County|Governorate|Division|Department|Prefecture|"
    r"Municipality|Oblast|Upazila|Constituency|Local Government Area|Local Government Council|"
    r"LGA)"
)
# "Zoura (Kongoussi, Bam)", "Basurhat town (Noakhali, Chittagong)": a name, then the places
# that contain it in brackets, nearest first
_BRACKETED = re.compile(rf"\b({_NAME})(?:\s(?i:{_KIND}))?\s\(([^()]{{2,80}})\)")
# "Ogume community, Ndokwa West Local Government Area of Delta State", "Sewry District of
# Zabol Province", "Potiskum, Yobe State": a name, then divisions called so
_CONTAINED = re.compile(
    rf"\b({_NAME})(?:\s(?i:{_KIND}))?((?:(?:,\s|\s(?:of|in)\s(?:the\s)?){_NAME}\s{_DIVISION}\b)"
    r"{1,2})"
)
_CONTAINER = re.compile(rf"({_NAME}\s{_DIVISION})\b")
# "the second city of Kano", "the village of Koena": a place called by its kind
_KIND_OF = re.compile(
    rf"\b(?i:city|town|village|district|province|region|county|state|area)\sof\s({_NAME})"
)
# "the Iraqi capital": a country's capital named by the country's adjective
_CAPITAL = re.compile(r"\bthe\s(?:[a-z]+\s)?([A-Z][\w'-]+)\scapital\b")


@dataclass(frozen=True, slots=True)
class NamedPlace:
    """A place a sentence names, with the containers written after it in brackets."""

    phrase: Phrase
    within: tuple[str, ...] = ()  # nearest first: "Zoura (Kongoussi, Bam)" -> Kongoussi, Bam
    end: int = 0  # where the name and its brackets end, in the article

    @property
    def says_more(self) -> bool:
        """Whether it tells more than its name alone: containers, or a capital's country."""
        return bool(self.within) or self.phrase.text.endswith("capital")

    def covers(self, phrase: Phrase) -> bool:
        """Whether ``phrase`` is this name or one of its containers."""
        return self.covers_offset(phrase.start)

    def covers_offset(self, offset: int) -> bool:
        return self.phrase.start <= offset < max(self.end, self.phrase.end)


def named_places(doc: Doc, base: int) -> tuple[NamedPlace, ...]:
    """Every place the sentence names, in order, with its bracketed containers: where the
    parse ties no place to the event, these are its candidates. A name in brackets after
    another is that one's container, no candidate of its own. Read once per sentence: the
    article's focus and each of its mentions share the reading."""
    key = ("eventwire.named_places", base)
    if key not in doc.user_data:
        doc.user_data[key] = tuple(_read_named_places(doc, base))
    return doc.user_data[key]


def _read_named_places(doc: Doc, base: int) -> list[NamedPlace]:
    found: list[NamedPlace] = []
    bracketed = [
        (m, tuple(part.strip() for part in m.group(2).split(",") if part.strip()))
        for m in _BRACKETED.finditer(doc.text)
    ]
    contained = [
        (m, tuple(c.group(1) for c in _CONTAINER.finditer(m.group(2))))
        for m in _CONTAINED.finditer(doc.text)
    ]
    for match, within in sorted([*bracketed, *contained], key=lambda item: item[0].start()):
        if any(n.covers_offset(base + match.start(1)) for n in found):
            continue
        words = tuple(w.lower() for w in match.group(1).split())
        name = Phrase(match.group(1), base + match.start(1), base + match.end(1), words,
                      words[-1], True, True)  # fmt: skip
        found.append(NamedPlace(name, within, base + match.end()))
    # a division called so ("Nasarawa State", "Baghlan Province"), whatever the entity
    # recognizer took it for, and a place called by its kind ("the second city of Kano")
    for match in [*_CONTAINER.finditer(doc.text), *_KIND_OF.finditer(doc.text)]:
        if not any(n.covers_offset(base + match.start(1)) for n in found):
            words = tuple(w.lower() for w in match.group(1).split())
            name = Phrase(match.group(1), base + match.start(1), base + match.end(1), words,
                          words[-1], True, True)  # fmt: skip
            found.append(NamedPlace(name, (), name.end))
    for match in _CAPITAL.finditer(doc.text):
        if fold(match.group(1)) in load_actors().countries:
            words = tuple(w.lower() for w in match.group().split())
            name = Phrase(match.group(), base + match.start(), base + match.end(), words,
                          "capital", True, True)  # fmt: skip
            found.append(NamedPlace(name, (), name.end))
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS or (
            names_country(ent.text) and fold(ent.text) not in load_actors().capitals
        ):
            continue  # a country named is most often a party, and the story's country a fallback
        phrase = entity_phrase(ent, base)
        if not any(n.covers(phrase) for n in found):
            found.append(NamedPlace(phrase, (), phrase.end))
    return sorted(found, key=lambda named: named.phrase.start)


def sentence_places(token: Token, base: int) -> list[tuple[Phrase, bool]]:
    """The sentence's one named place outside its reporting source, if it names exactly one."""
    excluded: set[Token] = set()
    speaker = speaker_above(token)
    if speaker is not None:
        excluded.update(speaker.subtree)
    for tok in token.doc:
        if tok.lower_ == "according":
            excluded.update(tok.subtree)
    places = [
        e
        for e in token.doc.ents
        if e.label_ in PLACE_LABELS and e.root not in excluded and not names_country(e.text)
    ]
    return [(entity_phrase(places[0], base), False)] if len(places) == 1 else []


def inherited_places(token: Token, base: int) -> list[tuple[Phrase, bool]]:
    """Places of ``token``'s clause, or of the clause it is coordinated with or hangs from."""
    node = token
    for _ in range(6):
        found = places_in(node, base)
        if found:
            return found
        shares_subject = node.dep_ in {"advcl", "xcomp"} or (
            node.dep_ == "conj" and child_of(node, "nsubj", "nsubjpass") is None
        )
        if shares_subject and node.head is not node:
            node = node.head
        else:
            break
    return []


def is_place_phrase(token: Token, candidate: Phrase) -> bool:
    if token.ent_type_ in {"GPE", "LOC", "FAC"} and token.ent_type_ != "GPE":
        return True
    if token.ent_type_ == "GPE" and token.ent_iob_ != "O":
        ent = _entity(token)
        # A city or region attacked is a place; a country attacked is a participant.
        return (
            ent is not None
            and ent.label_ == "GPE"
            and token.lemma_.lower() not in {"country", "nation"}
            and not names_country(ent.text)
        )
    return (
        candidate.head_lemma
        in {
            "base",
            "airport",
            "airbase",
            "camp",
            "village",
            "town",
            "city",
            "checkpoint",
            "outpost",
            "airfield",
            "capital",  # "the Iraqi capital"
        }
        and any(word[:1].isupper() for word in candidate.text.split()[1:])
    )


def names_country(text: str) -> bool:
    return fold(text.removeprefix("the ").removeprefix("The ")) in load_actors().countries


def names_capital(token: Token) -> bool:
    """Whether ``token`` is in a capital's name: attacked, it is a city as well as the party
    ("shelled Kabul"), elsewhere its government ("Kabul denied it")."""
    if token.ent_type_ != "GPE":
        return False
    ent = _entity(token)
    return ent is not None and fold(ent.text) in load_actors().capitals


def _entity(token: Token) -> Span | None:
    return next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
