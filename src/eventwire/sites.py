"""Lists of places and what contains them: "in Kot, Khogyani and Dih Bala districts,
Nangarhar" names three sites in one province; "in Charbolak district, Balkh" one site in Balkh;
"in the Naqal Abad area of Nad Ali district, Helmand" one area within a district within a
province.

The dependency parser of a small model attaches such lists unreliably, so they are read from
the tokens: capitalised names, joined by commas and "and", each with an optional alias in
brackets and an optional division noun, and linked to a wider place by "of" or by a bare name
after a comma.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from eventwire import wordsets

SITE_NOUNS = wordsets.mapping("site_nouns")
PLURAL_NOUNS = frozenset(k for k, v in SITE_NOUNS.items() if k != v and k.endswith("s"))
# Words inside transliterated names, and the hyphen, a token of its own in "Pul-e Khumri".
_NAME_LINKS = wordsets.words("name_links") | {"-"}
_SEAT_WORDS = wordsets.words("seat_phrase_words")
_OUTSKIRTS = wordsets.words("outskirts_nouns")
_LIST_PREPS = wordsets.words("list_preps")
_NOT_PLACES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
_QUOTES = frozenset({"'", '"', "\u2018", "\u2019", "\u201c", "\u201d"})


@dataclass(frozen=True, slots=True)
class Site:
    """One place of a list, with the wider places named as containing it, nearest first."""

    text: str
    start: int
    end: int
    within: tuple[str, ...] = ()


@dataclass(slots=True)
class _Item:
    start: int  # token indices of the name, noun included
    end: int
    noun: str | None = None
    plural: bool = False
    of_link: bool = False  # "the X area of <this>"
    after_and: bool = False
    within: list[str] = field(default_factory=list)


def site_list(
    doc: Doc, start_char: int, base: int, is_country: Callable[[str], bool]
) -> list[Site]:
    """The sites of the place list that begins at ``start_char`` in ``doc``.

    ``is_country`` tells whether a name is a country's: a country after a comma is always the
    container ("in Mosul, Iraq"). A list without "and" or a plural noun names one site; the
    names after its first are containers ("in Qalat city, Zabul").
    """
    token = next((t for t in doc if t.idx >= start_char), None)
    if token is None:
        return []
    items = _items(doc, _list_start(doc, token.i))
    if not items:
        return []
    coordinated = any(i.after_and or i.plural for i in items)
    sites: list[_Item] = []
    pending: list[_Item] = []  # the sites the next container contains
    for n, item in enumerate(items):
        name = _name(doc, item)
        previous = items[n - 1] if n else None
        container = previous is not None and (
            item.of_link
            or (is_country(name) and not item.after_and)
            or (previous.noun is not None and item.noun is None and not item.after_and)
            or (not coordinated and not item.after_and)
        )
        if container:
            # with its noun, which tells a district from its namesake town ("Farah city")
            wider = f"{name} {item.noun}" if item.noun else name
            for site in pending:
                site.within.append(wider)
        else:
            pending = [*pending, item] if previous is None or previous in sites else [item]
            sites.append(item)
    return [
        Site(
            doc[s.start : s.end].text,
            base + doc[s.start].idx,
            base + doc[s.end - 1].idx + len(doc[s.end - 1].text),
            tuple(s.within),
        )
        for s in sites
    ]


def _list_start(doc: Doc, i: int) -> int:
    """Where the list that token ``i`` belongs to begins: the parser may tie only its last
    item to the event ("in Dara i Pech district and Asadabad city")."""
    j = i
    while j > 0 and _in_list(doc[j - 1]):
        j -= 1
    while j < i and not _is_name_word(doc[j]):
        j += 1
    return j


def _in_list(token: Token) -> bool:
    return (
        _is_name_word(token)
        or token.lower_ in _NAME_LINKS | SITE_NOUNS.keys() | {",", "and", "(", ")", "the"}
        or token.text in _QUOTES
    )


def listed_at(doc: Doc) -> int | None:
    """Where the first place list of a sentence begins ("... by Taliban militants in Shinwar
    district, Nangarhar"), for events whose parse ties no place to them; None if none does.

    Names after "according to" and dates ("in March") are not places."""
    for token in doc:
        if token.lower_ not in _LIST_PREPS or token.dep_ != "prep":
            continue
        if any(a.lower_ == "according" for a in token.ancestors):
            continue
        i = token.i + 1
        while i < len(doc) and (doc[i].lower_ == "the" or doc[i].text in _QUOTES):
            i += 1
        if i + 1 < len(doc) and doc[i].lower_ in _OUTSKIRTS and doc[i + 1].lower_ == "of":
            i += 2  # "in the limits of Qalat city"
        elif i < len(doc) and doc[i].lower_ == "of":
            i += 1  # "outside of Farah city"
        if i < len(doc) and _is_name_word(doc[i]) and doc[i].ent_type_ not in _NOT_PLACES:
            return doc[i].idx
    return None


def _name(doc: Doc, item: _Item) -> str:
    """The item's name without its division noun and seat words, if the item ends with them
    ("Sangin district", "Ghoryan district center"; but "Kash Rod (Delaram) district", whose
    noun follows the alias)."""
    end = item.end
    while end > item.start + 1 and doc[end - 1].lower_ in _SEAT_WORDS:
        end -= 1
    with_noun = item.noun is not None and doc[end - 1].lower_ in SITE_NOUNS
    return doc[item.start : end - with_noun].text


def _is_name_word(token: Token) -> bool:
    text = token.text.strip("'\u2019\u2018")
    return bool(text) and (text[0].isupper() or (text[0].isdigit() and token.is_alpha is False))


def _name_end(doc: Doc, i: int) -> int:
    """The end of the capitalised name that starts at token ``i`` (``i`` when none does)."""
    j = i
    while j < len(doc):
        token = doc[j]
        if token.text in _QUOTES:
            j += 1
            continue
        if _is_name_word(token):
            j += 1
            continue
        k = j
        while k < len(doc) and doc[k].lower_ in _NAME_LINKS:
            k += 1  # "Pul-e Khumri", "Dara i Pech"
        if j == i or k == j or k == len(doc) or not _is_name_word(doc[k]):
            break
        j = k
    while j > i and doc[j - 1].text in _QUOTES:
        j -= 1
    return j


def _items(doc: Doc, i: int) -> list[_Item]:
    items: list[_Item] = []
    after_and = of_link = False
    while i < len(doc):
        if doc[i].lower_ == "the":
            i += 1
        while i < len(doc) and doc[i].text in _QUOTES:
            i += 1
        end = _name_end(doc, i)
        if end == i:
            break
        item = _Item(i, end, after_and=after_and, of_link=of_link)
        j = end
        while j < len(doc) and doc[j].text in _QUOTES:
            j += 1  # "the 'Shaklan Sarak' area"
        if j < len(doc) and doc[j].text == "(":  # an alias: "Dih Bala (Hasakmina)"
            close = next(
                (k for k in range(j + 1, min(j + 8, len(doc))) if doc[k].text == ")"), None
            )
            if close is not None:
                j = close + 1
        if j < len(doc) and doc[j].lower_ in SITE_NOUNS:
            item.noun = SITE_NOUNS[doc[j].lower_]
            item.plural = doc[j].lower_ in PLURAL_NOUNS
            written = j == end and not item.plural
            if written:
                item.end = j + 1  # "Sangin district" as written; "Tarinkot districts" is a name
            j += 1
            while j < len(doc) and doc[j].lower_ in _SEAT_WORDS:
                j += 1  # "Ghoryan district center": the district's seat, a town
                if written:
                    item.end = j
        items.append(item)
        after_and = of_link = False
        if j + 1 < len(doc) and doc[j].lower_ == "of" and _is_name_word(doc[j + 1]):
            of_link, i = True, j + 1
        elif j < len(doc) and doc[j].text == ",":
            i = j + 1
            while i < len(doc) and doc[i].text in _QUOTES:
                i += 1  # "the 'Qul Mulla,' 'Haidar Adi,' and ...": the quote closes after
            if i < len(doc) and doc[i].lower_ in {"and", "&"}:
                after_and, i = True, i + 1
        elif j < len(doc) and doc[j].lower_ in {"and", "&"}:
            after_and, i = True, j + 1
        else:
            break
    _share_plural_nouns(items)
    return items


def _share_plural_nouns(items: list[_Item]) -> None:
    """ "Kot, Khogyani and Dih Bala districts": the plural noun is every bare name's."""
    own = [item.noun for item in items]
    for n, item in enumerate(items):
        if not item.plural:
            continue
        k = n - 1
        while k >= 0 and own[k] is None and not items[k].of_link:
            if k and own[k - 1] is not None and not items[k].after_and:
                break  # "Alishing district, Laghman, and ...": Laghman contains, not listed
            items[k].noun = item.noun
            k -= 1
