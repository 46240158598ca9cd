"""Name normalisation shared by the gazetteer builder and the resolvers.

Place and actor names reach us in many spellings: ``Ain al-Asad``, ``Ayn al Asad``,
``Al-Asad``, ``Kyiv``/``Kyïv``. :func:`name_key` folds them to one lookup key by removing
diacritics, case, punctuation and Arabic article variants, so that a single dictionary
lookup finds every spelling.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Arabic definite-article spellings, and their sun-letter assimilations, as written in English.
_ARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ath", "adh"})
# Transliteration variants folded to one spelling.
_VARIANTS = {
    "ayn": "ain", "ein": "ain", "abou": "abu",
    # "North Darfur" and "Northern Darfur" are one province
    "northern": "north", "southern": "south", "eastern": "east", "western": "west",
}  # fmt: skip
# Generic words that name the kind of facility rather than the facility itself.
FACILITY_WORDS = frozenset(
    {
        "air", "base", "airbase", "airfield", "airport", "international", "military", "airstrip",
        "force", "field", "naval", "station", "camp", "port", "crossing", "border", "dam",
        "garrison", "outpost", "plant", "nuclear", "power", "refugee", "bridge", "harbour",
        "harbor", "hydroelectric",
    }
)  # fmt: skip

# Letters that Unicode does not decompose into a base letter plus a mark.
_UNDECOMPOSABLE = str.maketrans(
    {
        "ł": "l",
        "Ł": "L",
        "\u0131": "i",  # dotless i
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "þ": "th",
    }
)
# Words that name a part of a place by its direction: "Western Cambodia", "northern Iraq".
COMPASS = frozenset(
    {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
     "northeast", "northwest", "southeast", "southwest", "upper", "lower"}
)  # fmt: skip
_APOSTROPHES = re.compile(r"[\u2018\u2019\u02bc\u02bf\u02be`'\u00b4]")
_NON_WORD = re.compile(r"[^0-9a-z]+")


@lru_cache(maxsize=1 << 16)  # the same names and words recur across articles
def fold(text: str) -> str:
    """Lower-case ASCII form of ``text`` with diacritics and apostrophes removed."""
    text = _APOSTROPHES.sub("", text).translate(_UNDECOMPOSABLE)
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = decomposed.encode("ascii", "ignore").decode("ascii")
    return _NON_WORD.sub(" ", ascii_text.lower()).strip()


def name_tokens(text: str) -> list[str]:
    """Folded tokens of a name, with article variants dropped and spellings unified."""
    tokens = [_VARIANTS.get(tok, tok) for tok in fold(text).split()]
    kept = [tok for tok in tokens if tok not in _ARTICLES]
    return kept or tokens


def name_key(text: str) -> str:
    """The lookup key of a name: "Ain al-Asad" and "Ayn Al Asad" both give "ain asad"."""
    return " ".join(name_tokens(text))


def core_tokens(text: str) -> frozenset[str]:
    """The distinctive tokens of a facility name, without words such as ``air base``."""
    tokens = name_tokens(text)
    return frozenset(tok for tok in tokens if tok not in FACILITY_WORDS)


_LOOSE_DROP = re.compile(r"[aeiouyhw]")
_DOUBLED = re.compile(r"(.)\1+")


def skeleton(text: str) -> str:
    """The consonant skeleton of a name, for transliteration variants of division names:
    "Uruzgan", "Urozgan" and "Oruzgan" all give "rzgn", "Wardak" and "Vardak" "rdk",
    "Nahri Saraj" and "Nahri Sarraj" "nrsrj".

    Far too loose for a general lookup; used only among the divisions of a country or
    province already known."""
    consonants = _LOOSE_DROP.sub("", name_key(text).replace("v", "w").replace(" ", ""))
    return _DOUBLED.sub(r"\1", consonants)
