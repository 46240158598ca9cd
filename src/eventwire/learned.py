"""Where the classifier and the rules meet: the classifier decides whether a sentence reports
an event and of what ACLED type; the parse decides who, whom, where and when.

A sentence the classifier calls an event that the rules coded nothing of gets a mention of
its own, with its parties taken from the main clause (unknown where the parse names none).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from eventwire.classifier import Prediction
from eventwire.coder import Mention, Sentence, SentenceContext, inherited_date
from eventwire.lexicon import NON_AGENT_CAUSES, REPORTING_VERBS, Trigger
from eventwire.ontology import ACLED_SUB_EVENTS
from eventwire.places import inherited_places, sentence_places
from eventwire.syntax import agent_of, child_of, is_passive, prep_objects

# Sub-event types that the rules read from a word of the text ("airstrike", "grenade",
# "shelled", "raped", "kidnapped"): rare in the training material, so the rules' reading
# stands unless the classifier is sure of another.
LEXICAL_SUB_EVENTS = frozenset(
    {
        "Air/drone strike",
        "Shelling/artillery/missile attack",
        "Suicide bomb",
        "Chemical weapon",
        "Grenade",
        "Remote explosive/landmine/IED",
        "Sexual violence",
        "Abduction/forced disappearance",
        "Disrupted weapons use",
        "Government regains territory",
        "Non-state actor overtakes territory",
        "Non-violent transfer of territory",
        "Headquarters or base established",
        "Agreement",
        "Arrests",
        "Protest with intervention",  # the rules read the intervention: "fired tear gas"
        "Excessive force against protesters",
    }
)
SURE = 0.8  # the classifier's probability above which its type overrules a lexical reading
CONFIDENT = 0.5  # and the probability it needs to overrule any other reading of the rules
_RECIPIENT_PREPS = frozenset({"with", "against", "on", "at", "upon"})


def sub_event_type(rules: str | None, prediction: Prediction | None) -> str | None:
    """The ACLED sub-event type of a mention: the classifier's where it calls the sentence an
    event, except where the rules read a rare, lexically marked type it is not sure against."""
    if prediction is None or not prediction.is_event or rules is None:
        return rules
    needed = SURE if rules in LEXICAL_SUB_EVENTS else CONFIDENT
    return prediction.sub_event_type if prediction.confidence >= needed else rules


def _main_verb(doc: Doc) -> Token | None:
    """The verb of the sentence's main clause, below a reporting verb ("police said ...")."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None:
        return None
    if root.lemma_.lower() in REPORTING_VERBS:
        told = child_of(root, "ccomp")
        if told is not None:
            root = told
    if root.pos_ in {"VERB", "AUX"}:
        return root
    return next((t for t in doc if t.pos_ == "VERB"), root)


def _recipient(verb: Token) -> Token | None:
    if is_passive(verb):
        return child_of(verb, "nsubjpass")
    direct = child_of(verb, "dobj")
    if direct is not None:
        return direct
    return next((obj for _, obj in prep_objects(verb, _RECIPIENT_PREPS)), None)


def classified_mention(doc: Doc, index: int, base: int, prediction: Prediction) -> Mention | None:
    """A mention for a sentence the classifier calls an event and the rules did not code."""
    verb = _main_verb(doc)
    if verb is None:
        return None
    _, plover_type, mode = ACLED_SUB_EVENTS[prediction.sub_event_type]
    actor, recipient = agent_of(verb), _recipient(verb)
    if actor is not None and actor.lemma_.lower() in NON_AGENT_CAUSES:
        return None  # "a wildfire killed three": no party acted
    if actor is not None and (actor.pos_ == "PRON" or verb.lemma_ == "be"):
        actor = None  # "they", "two children were among the dead": no doer named
    sentence = Sentence(doc, index, base, SentenceContext(), found={})
    trigger = Trigger(verb.lemma_.lower(), verb.pos_, plover_type, mode, frozenset())
    mention = sentence.mention(verb, trigger)
    mention.actor = sentence.phrase(actor) if actor is not None else None
    mention.recipient = sentence.phrase(recipient) if recipient is not None else None
    mention.places = inherited_places(verb, base) or sentence_places(verb, base)
    mention.date_text = inherited_date(verb)
    mention.sub_event_type = prediction.sub_event_type
    return mention
