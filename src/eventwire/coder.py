"""Code event mentions from dependency parses.

Roles come from syntax, not word order: the actor is the subject of an active trigger or the
``by`` agent of a passive one; the recipient is the object or the passive subject. Participle
clauses of consequence ("..., wounding eight people") add casualties to the event they hang
from. Mentions that are background rather than news (plural tallies such as "the 66 attacks",
events told inside another noun's phrase, purpose clauses) are not coded.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Token

from eventwire import wordsets
from eventwire.actors import ARMED_SECTORS, resolve_actor
from eventwire.casualties import read_victims
from eventwire.dates import resolve_date
from eventwire.lexicon import (
    HOSTILE_TYPES,
    INTENT_GOVERNORS,
    NON_AGENT_CAUSES,
    NON_EVENT_OBJECTS,
    QUANTITY_NOUNS,
    REPORTING_VERBS,
    SPEECH_ACT_TYPES,
    WEAPON_MODES,
    Lexicon,
    Trigger,
)
from eventwire.modality import EVIDENTIAL_VERBS, intended, is_history, modality_of
from eventwire.places import (
    NamedPlace,
    inherited_places,
    is_place_phrase,
    named_places,
    names_capital,
    names_country,
    places_in,
    sentence_places,
)
from eventwire.records import Quantity
from eventwire.sites import Site, listed_at, site_list
from eventwire.syntax import (
    RELATIVE_PRONOUNS,
    Phrase,
    agent_of,
    antecedent,
    child_aux,
    child_of,
    content,
    counted_words,
    enumeration,
    in_parentheses,
    is_infinitive,
    is_passive,
    is_weapon,
    main_subject,
    owner_of_instrument,
    phrase,
    prep_objects,
    speaker_above,
    weapon_mode,
)

log = logging.getLogger(__name__)

# The words each rule reads, and what for, are in data/wordsets.toml.
FATAL_LEMMAS = wordsets.words("fatal_lemmas")
VICTIM_SUBJECT_LEMMAS = wordsets.words("victim_subject_lemmas")
INJURY_LEMMAS = wordsets.words("injury_lemmas")
CASUALTY_LEMMAS = FATAL_LEMMAS | INJURY_LEMMAS
AGREEMENT_OBJECTS = wordsets.words("agreement_objects")
COUNTABLE_PLURALS = wordsets.words("countable_plurals")
TALLY_MODIFIERS = wordsets.words("tally_modifiers")
DATE_PREPS = wordsets.words("date_preps")
BACKGROUND_PREPS = wordsets.words("background_preps")
LAUNCH_VERBS = wordsets.words("launch_verbs")
NOMINAL_DEPS = frozenset({"amod", "compound", "nsubj", "nsubjpass", "dobj", "pobj", "attr"})
MUTUAL_LEMMAS = wordsets.words("mutual_lemmas")
ANAPHORIC_NOUNS = wordsets.words("anaphoric_nouns")
CIRCUMSTANCE_PREPS = wordsets.words("circumstance_preps")
TWO_SIDED_NOUNS = wordsets.words("two_sided_nouns")
MATERIAL_TYPES = HOSTILE_TYPES | {"AID", "RETREAT", "COOPERATE"}
PARTNER_PREPS = wordsets.words("partner_preps")
CARRIER_NOUNS = wordsets.words("carrier_nouns")
PERSONAL_PRONOUNS = wordsets.words("personal_pronouns")
LABOUR_STRIKE = Trigger("strike", "NOUN", "PROTEST", "strike", frozenset())
MEETING_NOUNS = wordsets.words("meeting_nouns")
STANCE_PARTICIPLES = wordsets.words("stance_participles")
ORIGIN = wordsets.words("origin_preps")
ACCUSED_PREPS = wordsets.words("accused_preps")
ORDER_VERBS = wordsets.words("order_verbs")
SUPPORT_VERBS = wordsets.words("support_verbs")
STATE_VERBS = wordsets.words("state_verbs")
# Acts of moving forces, whose nouns name the mover with "of".
MOVEMENT_TYPES = frozenset({"MOBILIZE", "RETREAT"})
NO_COMMENT_VERBS = wordsets.words("no_comment_verbs")
GOAL_TYPES = frozenset({"PROTEST", "THREATEN", "REJECT", "REQUEST"})
GOAL_PREPS = wordsets.words("goal_preps")
GOAL_NOUNS = wordsets.words("goal_nouns")
RALLY_NOUNS = wordsets.words("rally_nouns")
THING_PREPS = wordsets.words("thing_preps")
DEMAND = Trigger("must", "VERB", "REQUEST", None, frozenset())
REPEL_VERBS = wordsets.words("repel_verbs")
DEFINITE = wordsets.words("definite_determiners")
LABOUR_WORDS = wordsets.words("labour_words")


@dataclass(slots=True)
class Mention:
    """One event mention in one sentence, before resolution."""

    type: str
    trigger: str
    mode: str | None
    sentence_index: int
    sentence_start: int
    sentence_end: int
    sentence_text: str
    trigger_start: int = 0
    actor: Phrase | None = None
    recipient: Phrase | None = None
    places: list[tuple[Phrase, bool]] = field(default_factory=list)  # (phrase, near)
    date_text: str | None = None
    date_reported: bool = False  # the date is the report's: "As reported on 19 March"
    fatalities: Quantity | None = None
    injuries: Quantity | None = None
    attribution: str | None = None
    claimed_by: Phrase | None = None
    modality: str = "asserted"
    casualty_only: bool = False
    nominal: bool = False
    anaphoric: bool = False  # "the attack": refers back to an event told before
    sites: list[Site] = field(default_factory=list)  # the list its first place heads
    sub_event_type: str | None = None  # ACLED's, where the classifier alone found the event
    # every place the sentence names, with its bracketed containers: the event's candidate
    # places where the parse ties none to it
    named_places: list[NamedPlace] = field(default_factory=list)


@dataclass(slots=True)
class SentenceContext:
    """What the coder remembers between sentences of one article."""

    last_speaker: str | None = None
    last_armed_group: str | None = None


@dataclass(slots=True)
class Sentence:
    """One parsed sentence being coded: where it lies, its triggers, and what the rules share."""

    doc: Doc
    index: int
    base: int  # the sentence's offset in the article
    context: SentenceContext
    found: dict[Token, Trigger]
    consumed: set[int] = field(default_factory=set)  # triggers another mention has taken in

    def phrase(self, token: Token) -> Phrase:
        """The noun phrase headed by ``token``, with article offsets."""
        return phrase(token, self.base)

    def mention(self, token: Token, trigger: Trigger) -> Mention:
        """A bare mention of ``trigger`` told by ``token``."""
        return Mention(
            type=trigger.type,
            trigger=trigger.lemma,
            mode=trigger.mode,
            sentence_index=self.index,
            sentence_start=self.base,
            sentence_end=self.base + len(self.doc.text),
            sentence_text=self.doc.text,
            trigger_start=self.base + token.idx,
            named_places=list(named_places(self.doc, self.base)),
        )

    def party(self, token: Token) -> Phrase:
        """The phrase of a participant, with pronouns and "the group" pointed at their referent."""
        found = self.phrase(token)
        lemma = token.lemma_.lower()
        appositive = child_of(token, "appos")
        if appositive is not None and not _names_party(found):
            role = self.phrase(appositive)  # "Kenzo Oshima, the UN relief coordinator"
            if _names_party(role):
                return replace(found, refers_to=role.text)
        if token.pos_ == "PRON" and lemma in PERSONAL_PRONOUNS:
            speaker = speaker_above(token) or main_subject(token)
            if speaker is not None and speaker.pos_ != "PRON":
                referent = self.phrase(speaker)
                return replace(
                    found,
                    refers_to=self.party(speaker).refers_to or referent.text,
                    named=referent.named,
                )
            return found
        if (
            lemma in ANAPHORIC_NOUNS
            and self.context.last_armed_group
            and any(c.lower_ in {"the", "this"} for c in token.children)
        ):
            return replace(found, refers_to=self.context.last_armed_group)
        return found


def _date_text(token: Token) -> str | None:
    """The words of the date the parse ties to ``token``, as written ("On November 20, 2019")."""
    doc = token.doc
    for prep, obj in prep_objects(token, DATE_PREPS):
        if obj.ent_type_ in {"DATE", "TIME"} or any(t.ent_type_ == "DATE" for t in obj.subtree):
            return doc[prep.i : obj.right_edge.i + 1].text
    for child in token.children:
        if child.dep_ in {"npadvmod", "tmod", "advmod", "nmod"} and child.ent_type_ == "DATE":
            return doc[child.left_edge.i : child.right_edge.i + 1].text
    return None


def inherited_date(token: Token) -> str | None:
    """The date of ``token`` or of the clause it is coordinated with or hangs from."""
    node: Token | None = token
    for _ in range(6):
        if node is None:
            return None
        found = _date_text(node)
        if found:
            return found
        if node.dep_ in {"conj", "advcl", "xcomp"} and node.head is not node:
            node = node.head
        else:
            return None
    return None


def _attribution(token: Token, context: SentenceContext) -> tuple[str | None, Token | None]:
    """Who reports the event: the subject of a reporting verb above the trigger, or of one
    tacked on after it ("..., residents said")."""
    return (
        _tacked_on_report(token)
        or _report_above(token, context)
        or _according_to(token)
        or (None, None)
    )


def _tacked_on_report(token: Token) -> tuple[str, Token] | None:
    """ "..., residents said": a reporting verb that hangs from the trigger tells its source."""
    for child in token.children:
        if (
            child.lemma_.lower() in REPORTING_VERBS
            and child.pos_ == "VERB"
            and (
                child.dep_ == "parataxis"
                or (child.dep_ == "advcl" and child_of(child, "mark") is None)
            )
        ):
            subject = child_of(child, "nsubj")
            if subject is not None:
                return phrase(subject, 0).text, child
    return None


def _report_above(token: Token, context: SentenceContext) -> tuple[str | None, Token] | None:
    """ "police said militants attacked": the subject of a reporting verb above is the source."""
    for ancestor in token.ancestors:
        if ancestor.lemma_.lower() in REPORTING_VERBS and ancestor.pos_ == "VERB":
            subject = child_of(ancestor, "nsubj")
            if subject is None:
                continue
            if subject.pos_ == "PRON" and subject.lemma_.lower() in {"she", "he"}:
                return context.last_speaker, ancestor
            return phrase(subject, 0).text, ancestor
    return None


def _according_to(token: Token) -> tuple[str, None] | None:
    """ "according to officials": the source named outside parentheses."""
    for tok in token.sent:
        if (
            tok.lower_ == "according"
            and tok.i + 1 < len(tok.doc)
            and tok.nbor(1).lower_ == "to"
            and not in_parentheses(tok)
        ):
            obj = child_of(tok.nbor(1), "pobj")
            if obj is not None:
                return phrase(obj, 0).text, None
    return None


def _goal_party(token: Token) -> Token | None:
    """The party a protest or threat is aimed at, named in what it is for: "to demand the
    resignation of President X", "in protest of the Russian government's refusal", "to
    protest against Sweden's decision", "unless Israel rescinded ..."."""
    goals = [
        c
        for c in token.children
        if c.dep_ in {"advcl", "xcomp", "acl"}
        or (c.dep_ == "prep" and c.lower_ in GOAL_PREPS)
        or (
            c.dep_ == "prep"
            and c.lower_ == "in"  # "in protest of", "in response to", not "in Oslo"
            and any(o.lemma_.lower() in GOAL_NOUNS for o in c.children if o.dep_ == "pobj")
        )
        or (
            c.dep_ == "prep"
            and c.lower_ in {"after", "following"}  # "rioted after a rally demanding ..."
            and any(
                o.lemma_.lower() in RALLY_NOUNS for o in c.children if o.dep_ in {"pobj", "dobj"}
            )
        )
    ]
    for goal in goals:
        condition = child_of(goal, "mark")
        if condition is not None and condition.lower_ in {"unless", "if"}:
            subject = child_of(goal, "nsubj")
            if subject is not None and _names_party(phrase(content(subject), 0)):
                return content(subject)
            continue
        for node in goal.subtree:
            if (
                node.dep_ in {"poss", "pobj", "dobj", "nsubj"}
                and node.pos_ in {"PROPN", "NOUN"}
                and _names_party(phrase(content(node), 0))
            ):
                return content(node)
    return None


def _fold_coordinated(doc: Doc, coded: list[tuple[int, Mention]]) -> list[tuple[int, Mention]]:
    """ "Switched sides and joined the Taliban", "donated and delivered": verbs of one kind
    joined by "and" with one subject tell one act; the second lends the first what it lacks."""
    by_token = dict(coded)
    kept = []
    for i, mention in coded:
        token = doc[i]
        head = by_token.get(token.head.i) if token.dep_ == "conj" else None
        if (
            head is None
            or head.type != mention.type
            or child_of(token, "nsubj", "nsubjpass") is not None
        ):
            kept.append((i, mention))
            continue
        head.recipient = head.recipient or mention.recipient
        head.places = head.places or mention.places
        head.sites = head.sites or mention.sites
        head.date_text = head.date_text or mention.date_text
        head.fatalities = head.fatalities or mention.fatalities
        head.injuries = head.injuries or mention.injuries
        victims = head.recipient.start if head.recipient else None
        if mention.actor is not None and mention.actor.start != victims:
            head.actor = head.actor or mention.actor  # (a shared subject is the victims')
        head.mode = head.mode or mention.mode
        head.casualty_only = head.casualty_only and head.actor is None and head.mode is None
    return kept


def _killed_and_wounded(verb: Token) -> bool:
    """Whether one figure counts both the dead and the wounded: "were killed and wounded",
    "killed or injured 5 soldiers", where the two verbs share their victims."""
    first = verb.head if verb.dep_ == "conj" else verb
    lemmas = {first.lemma_.lower()}
    passive = child_of(first, "nsubjpass", "auxpass") is not None
    for second in first.conjuncts:
        if passive:
            shared = child_of(second, "nsubjpass", "nsubj") is None
        else:
            # "five people died and 12 others were injured": each verb has its own victims
            shared = (
                child_of(first, "dobj") is None and child_of(second, "nsubj", "nsubjpass") is None
            )
        if shared:
            lemmas.add(second.lemma_.lower())
    return bool(lemmas & FATAL_LEMMAS) and bool(lemmas & INJURY_LEMMAS)


def _is_background_noun(noun: Token) -> bool:
    """A nominal trigger that names another event in passing rather than reporting one."""
    node = noun
    while node.dep_ in {"pobj", "conj", "appos"} and node.head is not node:
        node = node.head
        if node.pos_ == "ADP":
            if node.lemma_.lower() == "since":
                return True
            if node.lemma_.lower() in BACKGROUND_PREPS:
                return _is_definite(noun)  # "after the bombing" points back; "after a march" is new
            governor = node.head
            if governor.pos_ in {"NOUN", "PROPN", "ADJ", "PRON"}:
                return True
            return bool(governor.pos_ == "VERB" and governor.dep_ in {"acl", "amod"})
    return noun.dep_ in {"compound", "amod", "poss"}


def _is_definite(noun: Token) -> bool:
    return any(c.dep_ in {"det", "poss"} and c.lower_ in DEFINITE for c in noun.children)


def _governing_verb(noun: Token) -> Token | None:
    if noun.dep_ in {"dobj", "nsubjpass", "nsubj", "attr"} and noun.head.pos_ in {"VERB", "AUX"}:
        return noun.head
    if noun.dep_ == "pobj" and noun.head.head.pos_ == "VERB":
        return noun.head.head
    return None


class Coder:
    """Finds event mentions in parsed sentences."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon

    def triggers(self, doc: Doc) -> Iterator[tuple[Token, Trigger]]:
        for token in doc:
            if token.pos_ not in {"VERB", "NOUN"}:
                continue
            senses = self.lexicon.senses(token.lemma_.lower(), token.pos_, token.lower_)
            trigger = next((s for s in senses if _sense_fits(token, s)), None)
            if trigger is not None:
                yield token, trigger

    def code(self, doc: Doc, index: int, base: int, context: SentenceContext) -> list[Mention]:
        """Mentions in one parsed sentence; ``base`` is the sentence's offset in the article."""
        self._remember_armed_groups(doc, context)
        s = Sentence(doc, index, base, context, dict(self.triggers(doc)))
        coded: list[tuple[int, Mention]] = []
        for token, trigger in s.found.items():
            read = _verbal if token.pos_ == "VERB" else _nominal
            mention = read(s, token, trigger)
            if mention is not None:
                mention.sites = _sites(s, mention)
                mention.date_reported = _date_of_report(doc, mention.date_text)
                coded.append((token.i, mention))
        for verb in doc:
            if verb not in s.found and verb.pos_ == "VERB" and _obliged(verb):
                demand = _demand(s, verb)
                if demand is not None:
                    coded.append((verb.i, demand))
        self._remember_speaker(doc, context)
        mentions = [mention for i, mention in _fold_coordinated(doc, coded) if i not in s.consumed]
        _keep_others_places(mentions)
        return mentions

    @staticmethod
    def _remember_armed_groups(doc: Doc, context: SentenceContext) -> None:
        for ent in doc.ents:
            if ent.label_ == "ORG":
                resolved = resolve_actor(
                    ent.text, [t.lemma_.lower() for t in ent], ent.root.lemma_.lower()
                )
                if resolved is not None and resolved.sector in ARMED_SECTORS:
                    context.last_armed_group = ent.text

    def _remember_speaker(self, doc: Doc, context: SentenceContext) -> None:
        for token in doc:
            if token.lemma_.lower() in REPORTING_VERBS and token.pos_ == "VERB":
                subject = child_of(token, "nsubj")
                if (
                    subject is not None
                    and subject.pos_ != "PRON"
                    and any(t.ent_type_ == "PERSON" for t in subject.subtree)
                ):
                    context.last_speaker = phrase(subject, 0).text


def _keep_others_places(mentions: list[Mention]) -> None:
    """A place the parse ties to one event of the sentence is no candidate for another ("were
    attacked at an air base west of Baghdad, and a US plane responded")."""
    for mention in mentions:
        taken = [place for other in mentions if other is not mention for place, _ in other.places]
        mention.named_places = [
            n for n in mention.named_places if not any(n.covers(place) for place in taken)
        ]


def _sites(s: Sentence, mention: Mention) -> list[Site]:
    """The place list the mention's first place heads, or else the sentence's first."""
    sites = (
        site_list(s.doc, mention.places[0][0].start - s.base, s.base, names_country)
        if mention.places
        else []
    )
    start = listed_at(s.doc) if not sites else None
    return site_list(s.doc, start, s.base, names_country) if start is not None else sites


def _demand(s: Sentence, verb: Token) -> Mention | None:
    """ "Britain said Libya must hand over the suspects": a demand whatever is demanded."""
    if speaker_above(verb) is None:
        return None
    mention = s.mention(verb, DEMAND)
    _as_demand(s, mention, verb)
    mention.date_text = _date_text(verb) or _sentence_date(verb)
    mention.attribution, _ = _attribution(verb, s.context)
    return mention


def _as_demand(s: Sentence, mention: Mention, verb: Token) -> None:
    """ "Britain said Libya must hand over the suspects": the speaker demands it of the subject."""
    speaker, subject = speaker_above(verb), agent_of(verb)
    mention.type, mention.mode, mention.modality = "REQUEST", None, "asserted"
    mention.actor = s.party(speaker) if speaker is not None else None
    mention.recipient = s.party(subject) if subject is not None else None
    mention.fatalities = mention.injuries = None
    mention.casualty_only = False


def _attribute(s: Sentence, mention: Mention, token: Token) -> None:
    """Who reports the event, and whether an armed group's word claims it."""
    mention.attribution, reporter = _attribution(token, s.context)
    if reporter is not None:
        _claim(s, mention, reporter)


def _claim(s: Sentence, mention: Mention, reporter: Token) -> None:
    """A group saying it carried out an attack claims it; its word is a claim."""
    subject = child_of(reporter, "nsubj")
    if subject is None:
        return
    speaker = s.party(subject)
    resolved = resolve_actor(
        speaker.refers_to or speaker.text, list(speaker.lemmas), speaker.head_lemma
    )
    if resolved is None or resolved.sector not in ARMED_SECTORS:
        if reporter.lemma_.lower() == "claim" and mention.modality == "asserted":
            mention.modality = "claimed"
        return
    actor = mention.actor
    if actor is None or actor.refers_to or actor.head_lemma in {"it", "they", "we"}:
        mention.actor = speaker
        mention.claimed_by = speaker
        if mention.modality == "asserted":
            mention.modality = "claimed"


# Verbal events: who did what to whom, read from the verb's arguments.


def _dropped(s: Sentence, word: Token, why: str) -> None:
    """Say (at debug level) why ``word`` of sentence ``s`` tells no event."""
    log.debug("sentence %d: %r tells no event: %s", s.index + 1, word.text, why)


def _verbal(s: Sentence, verb: Token, trigger: Trigger) -> Mention | None:
    """A verb reports an event: its doer acts on its target, with the casualties it caused."""
    if _tells_no_event(s, verb, trigger):
        return _dropped(s, verb, "a thing made, said, planned or played, not done")
    modality = modality_of(verb)
    if modality == "purpose":
        return _dropped(s, verb, "a purpose ('to attack')")
    if _describes_name(verb):
        return _dropped(s, verb, "it describes a name")
    if is_history(verb):
        return _dropped(s, verb, "history, told as background")
    doer = _doer(verb)
    if _natural_cause(s, doer):
        return _dropped(s, verb, "a natural cause (a fire, a flood)")
    mention = s.mention(verb, trigger)
    mention.type, mention.mode, mention.modality = intended(trigger.type, trigger.mode, modality)
    doer = _verbal_actor(s, mention, doer)
    target = _verbal_target(s, verb, trigger, mention, doer)
    target = _take_target(s, verb, trigger, mention, target)
    if trigger.type != "ASSAULT":
        _addressee(s, verb, mention, target)
    casualty = verb.lemma_.lower() in CASUALTY_LEMMAS
    if casualty:
        _casualty_target(s, verb, mention)
        if mention.actor is None or mention.mode is None:
            _casualty_circumstances(s, verb, mention)
    _instrument(verb, mention)
    _participle_casualties(s, verb, mention)
    _left_casualties(verb, mention)
    mention.casualty_only = casualty and mention.actor is None and mention.mode is None
    _verbal_places(s, verb, mention)
    mention.date_text = mention.date_text or inherited_date(verb) or _sentence_date(verb)
    _attribute(s, mention, verb)
    if _obliged(verb):
        _as_demand(s, mention, verb)
    return mention


def _tells_no_event(s: Sentence, verb: Token, trigger: Trigger) -> bool:
    """A verb that names a thing, describes, or tells an act another trigger reports."""
    return (
        verb.dep_ in NOMINAL_DEPS
        or verb.i in s.consumed
        or _is_reduced_relative(verb)
        or _makes_a_thing(verb, trigger)
        or _intends_act(s, verb)
        or _orders_act(s, verb)
        or _told_by_speech_act(verb, s.found)
        or _declines_comment(verb, trigger)
        or _casualty_of_act(s, verb)
    )


def _makes_a_thing(verb: Token, trigger: Trigger) -> bool:
    """ "released a statement", "hit a record": a material verb whose object is no event."""
    obj = child_of(verb, "dobj")
    return (
        obj is not None
        and content(obj).lemma_.lower() in NON_EVENT_OBJECTS
        and trigger.type in MATERIAL_TYPES
    )


def _intends_act(s: Sentence, verb: Token) -> bool:
    """ "threatened to attack", "threatened to hold a general strike": the act intended tells it."""
    return verb.lemma_.lower() in INTENT_GOVERNORS and any(
        c.dep_ == "xcomp"
        and (c in s.found or (c.lemma_.lower() in SUPPORT_VERBS and child_of(c, "dobj") in s.found))
        for c in verb.children
    )


def _orders_act(s: Sentence, verb: Token) -> bool:
    """ "ordered patrols", "ordered the arrest of": the act ordered tells it."""
    return verb.lemma_.lower() in ORDER_VERBS and child_of(verb, "dobj") in s.found


def _declines_comment(verb: Token, trigger: Trigger) -> bool:
    """ "declined to comment": a source's silence, not a refusal of anything."""
    return trigger.type == "REJECT" and any(
        c.dep_ == "xcomp" and c.lemma_.lower() in NO_COMMENT_VERBS for c in verb.children
    )


def _casualty_of_act(s: Sentence, verb: Token) -> bool:
    """ "..., killing eight": a casualty participle hanging from another trigger is its event's."""
    return (
        verb.lemma_.lower() in CASUALTY_LEMMAS
        and verb.dep_ in {"advcl", "conj"}
        and verb.head in s.found
        and verb.head.pos_ == "VERB"
    )


def _doer(verb: Token) -> Token | None:
    """The subject of an active verb, the agent of a passive; "11 people died" tells no doer."""
    if verb.lemma_.lower() in VICTIM_SUBJECT_LEMMAS:
        return None
    doer = child_of(verb, "nsubjpass") if _takes_stance(verb) else agent_of(verb)
    return content(doer) if doer is not None else None


def _natural_cause(s: Sentence, doer: Token | None) -> bool:
    """ "a fire broke out", "floods killed": a cause that names no party does no act; "a wave
    of bombings" is the bombings'."""
    return (
        doer is not None
        and doer.lemma_.lower() in NON_AGENT_CAUSES
        and not _names_party(s.phrase(doer))
        and not any(obj in s.found for _, obj in prep_objects(doer, frozenset({"of"})))
    )


def _verbal_actor(s: Sentence, mention: Mention, doer: Token | None) -> Token | None:
    """The doer is the actor, unless a cause, an event or a weapon tells it; returns the doer."""
    if doer is None:
        return None
    if doer.lemma_.lower() in NON_AGENT_CAUSES:
        mention.actor = s.phrase(doer)  # "Afghan forces fire"
        return None
    if doer in s.found and doer.pos_ == "NOUN":
        _absorb(s, mention, doer)  # "An air strike killed ...": the nominal event is this event
        return None
    if weapon_mode(list(doer.subtree)) and doer.lemma_.lower() in WEAPON_MODES:
        _weapon_subject(s, mention, doer)
    else:
        mention.actor = s.party(_named_doer(s, doer))
    return doer


def _absorb(s: Sentence, mention: Mention, noun: Token) -> None:
    """ "A Russian drone strike on Kharkiv killed ...": the verb takes in the noun's event."""
    event = _nominal(s, noun, s.found[noun], standalone=False)
    if event is None:
        return
    mention.mode = mention.mode or event.mode
    mention.actor = event.actor
    if mention.trigger in CASUALTY_LEMMAS and event.type == "ASSAULT":
        # (a killing in a raid is still violence, not a seizure)
        mention.type, mention.trigger = event.type, event.trigger
    mention.places.extend(event.places)
    mention.date_text = event.date_text


def _weapon_subject(s: Sentence, mention: Mention, weapon: Token) -> None:
    """ "an IED destroyed a tank": the weapon says how, and its owner did it."""
    mode = weapon_mode(list(weapon.subtree))
    mention.mode = mode if mention.mode in {None, "destroy"} else mention.mode
    platform = s.phrase(weapon)
    owner = owner_of_instrument(weapon)
    if owner is None and any(c.dep_ == "poss" and c.pos_ == "PRON" for c in weapon.children):
        owner = speaker_above(weapon)  # "the military said its jets hit"
    if owner is not None:
        mention.actor = s.party(content(owner))
    elif _names_party(platform):
        mention.actor = platform  # "a US military plane": the owner is in the phrase


def _named_doer(s: Sentence, doer: Token) -> Token:
    """ "operations by Afghan forces killed ...": a subject naming no party has its doer in "by"."""
    if _names_party(s.phrase(doer)):
        return doer
    return next((o for _, o in prep_objects(doer, frozenset({"by"}))), doer)


def _verbal_target(
    s: Sentence, verb: Token, trigger: Trigger, mention: Mention, doer: Token | None
) -> Token | None:
    """Whom the act was done to: its object, the subject of a passive, or a partner."""
    passive = _subject_acted_on(verb)
    target = _object_of(verb, passive)
    if target is not None and _repelled(s, verb, mention, target):
        target = None
    if target is not None and not passive and trigger.type == "ASSAULT" and is_weapon(target):
        _weapon_object(s, mention, target)
        target = None
    if verb.lemma_.lower() in MUTUAL_LEMMAS:
        target = _partner(verb, doer)
    elif _object_names_act(trigger, target, passive):
        target = None
    elif target is None and not passive:
        target = _prep_target(verb) or _counted_object(verb)
    if target is not None and (trigger.type == "MOBILIZE" or _own_forces(target)):
        target = None  # "mobilized army reservists", "offered its troops to Lebanon"
    if target is None and trigger.type in {"ASSAULT", "COERCE"} and not passive:
        target = _purpose_object(verb)  # "opened fire to disperse demonstrators"
    return target


def _subject_acted_on(verb: Token) -> bool:
    """ "were attacked", "11 people died": the subject is whom the act was done to."""
    return (is_passive(verb) and not _takes_stance(verb)) or (
        verb.lemma_.lower() in VICTIM_SUBJECT_LEMMAS
    )


def _object_of(verb: Token, passive: bool) -> Token | None:
    """The object, the subject of a passive, or what a stance is on: "opposed to mediation"."""
    if _takes_stance(verb):
        return next((obj for _, obj in prep_objects(verb, frozenset({"to"}))), None)
    if not passive:
        return child_of(verb, "dobj")
    subject = child_of(verb, "nsubjpass", "nsubj")
    if subject is None and verb.dep_ == "xcomp" and verb.head.lemma_.lower() in EVIDENTIAL_VERBS:
        return child_of(verb.head, "nsubjpass")  # "seven are said to have been killed"
    return subject


def _repelled(s: Sentence, verb: Token, mention: Mention, target: Token) -> bool:
    """ "Afghan forces repulsed their attack": the attacker acts on the defenders."""
    if verb.lemma_.lower() not in REPEL_VERBS or target not in s.found:
        return False
    attack = _nominal(s, target, s.found[target], standalone=False)
    if attack is None or attack.actor is None:
        return False
    mention.actor, mention.recipient = attack.actor, mention.actor
    mention.mode = mention.mode or attack.mode
    return True


def _weapon_object(s: Sentence, mention: Mention, weapon: Token) -> None:
    """ "fired tear gas at protesters", "hit a Taliban-planted IED": the object is the weapon."""
    mention.mode = weapon_mode(list(weapon.subtree)) or mention.mode
    device = s.phrase(weapon)
    if _names_party(device) and not (mention.actor and _names_party(mention.actor)):
        mention.actor = device


def _object_names_act(trigger: Trigger, target: Token | None, passive: bool) -> bool:
    """ "staged a sit-in", "took control": the object names the act, not whom it was done to."""
    return bool(
        trigger.needs
        and "@party" not in trigger.needs
        and not passive
        and (target is None or _object_words(target) & trigger.needs)
    )


def _prep_target(verb: Token) -> Token | None:
    """ "fired on the convoy", "clashed with police": a target told by a preposition."""
    for _, pobj in prep_objects(
        verb, frozenset({"on", "against", "at", "with", "toward", "towards"})
    ):
        if pobj.ent_type_ not in {"DATE", "TIME"}:
            return pobj
    return None


def _take_target(
    s: Sentence, verb: Token, trigger: Trigger, mention: Mention, target: Token | None
) -> Token | None:
    """The target is the place struck or the party hit, with its victims; returns its word."""
    if target is None:
        return None
    victims, target = target, content(target)
    if target.lemma_.lower() in RELATIVE_PRONOUNS:
        target = antecedent(target)
    hit = s.party(target)
    if is_place_phrase(target, hit):
        mention.places.append((hit, False))
    else:
        mention.recipient = hit
        if trigger.type == "ASSAULT" and names_capital(target):
            mention.places.append((hit, False))  # "shelled Kabul"
        # "a missionary from Calgary": where a party comes from is not where it was hit
        mention.places.extend(
            places_in(target, s.base, ORIGIN) or places_in(victims, s.base, ORIGIN)
        )
    _count_victims(_casualty_lemma(verb), victims, target, mention)
    return target


def _casualty_lemma(verb: Token) -> str:
    """The verb's lemma, "kill" where it kills: "shot dead 40 protesters", "stabbed to death"."""
    if verb.i + 1 < len(verb.doc) and verb.nbor(1).lower_ == "dead":
        return "kill"  # "shot dead five traders", whichever word the parser hangs "dead" on
    for child in verb.children:
        if child.lower_ == "dead" or (
            child.lower_ == "to" and any(g.lower_ == "death" for g in child.children)
        ):
            return "kill"
    return verb.lemma_.lower()


def _count_victims(lemma: str, victims: Token, counted: Token, mention: Mention) -> None:
    """ "killed 12 soldiers": the object of a casualty verb counts the dead or the wounded."""
    if lemma not in CASUALTY_LEMMAS or mention.modality == "negated":
        return
    if _killed_and_wounded(victims.head):
        return  # "29 soldiers were killed and wounded": how many died is not told
    parts = [counted_words(t) for t in enumeration(victims)]
    quantity = read_victims(parts, counted.tag_ in {"NN", "NNP"})
    if quantity is not None:
        if lemma in FATAL_LEMMAS:
            mention.fatalities = quantity
        else:
            mention.injuries = quantity


def _addressee(s: Sentence, verb: Token, mention: Mention, target: Token | None) -> None:
    """A verbal act is addressed to a party, not to "a formula" or "a meeting"."""
    if _names_party(mention.recipient):
        return
    other = _other_party(verb, target, accusation=mention.type == "ACCUSE")
    if other is None and mention.type in GOAL_TYPES:
        other = _goal_party(verb)
    mention.recipient = s.party(other) if other is not None else None


def _casualty_target(s: Sentence, verb: Token, mention: Mention) -> None:
    """ "fired rockets at the rebels' camps, killing 50": those hit are the act's target."""
    if verb.dep_ != "advcl" or _names_party(mention.recipient):
        return
    struck = _struck(verb.head)
    if struck is not None:
        mention.recipient = s.party(struck)


def _casualty_circumstances(s: Sentence, verb: Token, mention: Mention) -> None:
    """ "killed in clashes with X", "killed when a bomb exploded": casualties are that event's."""
    for obj in _circumstances(verb):
        if obj.pos_ in {"VERB", "AUX"}:
            if _circumstance_clause(s, mention, obj):
                break
        elif obj in s.found and obj.pos_ == "NOUN":
            _circumstance_event(s, mention, obj)
            break


def _circumstance_clause(s: Sentence, mention: Mention, clause: Token) -> bool:
    """ "killed when militants fired a rocket": the clause's doer and weapon; True if armed."""
    doer = agent_of(clause)
    if (
        mention.actor is None
        and clause in s.found
        and clause.lemma_.lower() not in REPEL_VERBS  # defenders did not attack
        and doer is not None
        and _names_party(s.phrase(doer))
    ):
        mention.actor = s.party(doer)
        s.consumed.add(clause.i)  # "when militants fired a rocket": one event
    mention.date_text = mention.date_text or _date_text(clause)
    weapons = [t for t in (doer, child_of(clause, "dobj")) if t is not None and is_weapon(t)]
    if not weapons:
        return False
    mention.mode = mention.mode or weapon_mode(list(weapons[0].subtree))
    device = s.phrase(weapons[0])
    if mention.actor is None and _names_party(device):
        mention.actor = device  # "when their vehicle hit an IED"
    return True


def _circumstance_event(s: Sentence, mention: Mention, noun: Token) -> None:
    """ "wounded following an attack by Y on a checkpoint": the event's doer and setting."""
    event = _nominal(s, noun, s.found[noun], standalone=False)
    if event is None:
        return
    mention.actor = mention.actor or event.actor or event.recipient
    mention.mode = mention.mode or event.mode
    # "wounded in the raid": casualties of an event told before
    mention.anaphoric = mention.anaphoric or (s.index > 0 and _is_definite(noun))
    mention.places.extend(event.places)
    mention.date_text = mention.date_text or event.date_text


def _instrument(verb: Token, mention: Mention) -> None:
    """ "attacked with rockets", "using a drone": how it was done; "fired" means firearms."""
    for weapon_token in _instrument_tokens(verb):
        mention.mode = mention.mode or weapon_mode([weapon_token])
    if verb.lemma_.lower() == "fire" and mention.mode is None:
        mention.mode = "firearms"


def _participle_casualties(s: Sentence, verb: Token, mention: Mention) -> None:
    """ "..., killing eight people", "were shot and killed": a participle counts the act's toll."""
    for child in _casualty_participles(verb):
        quantity = _participle_victims(verb, child)
        if quantity is None:
            continue
        lemma = child.lemma_.lower()
        if lemma in FATAL_LEMMAS and mention.fatalities is None:
            mention.fatalities = quantity
        elif lemma in INJURY_LEMMAS and mention.injuries is None:
            mention.injuries = quantity
        if child in s.found:
            s.consumed.add(child.i)


def _left_casualties(verb: Token, mention: Mention) -> None:
    """ "..., leaving 12 people dead", "left 20 injured": the toll an act leaves behind."""
    for leave in (c for c in verb.children if c.dep_ == "advcl" and c.lemma_.lower() == "leave"):
        victims = child_of(leave, "dobj")
        state = (child_of(leave, "oprd") or child_of(victims, "amod")) if victims else None
        if victims is None or state is None:
            continue
        quantity = read_victims([counted_words(t) for t in enumeration(victims)])
        lemma = state.lemma_.lower()
        if lemma == "dead" and mention.fatalities is None:
            mention.fatalities = quantity
        elif lemma in INJURY_LEMMAS | {"injured", "wounded"} and mention.injuries is None:
            mention.injuries = quantity


def _casualty_participles(verb: Token) -> list[Token]:
    """ "..., killing two and wounding five": the casualty verbs that hang from an act."""
    clauses = [c for c in verb.children if c.dep_ in {"advcl", "conj"}]
    clauses += [
        g
        for c in clauses
        if c.lemma_.lower() in CASUALTY_LEMMAS
        for g in c.children
        if g.dep_ == "conj"
    ]
    return [c for c in clauses if c.lemma_.lower() in CASUALTY_LEMMAS]


def _participle_victims(verb: Token, participle: Token) -> Quantity | None:
    """ "killing eight people": how many a casualty participle's victims are, when told."""
    obj = child_of(participle, "dobj") or child_of(participle, "nsubjpass")
    if obj is None and participle.dep_ == "conj":
        # "two policemen were shot and killed": the victims of the first verb
        obj = child_of(verb, "nsubjpass") or child_of(verb, "dobj")
    if obj is None or _killed_and_wounded(participle) or _killed_and_wounded(verb):
        return None
    counted = content(obj) if obj.lemma_.lower() in QUANTITY_NOUNS else obj
    return read_victims([counted_words(t) for t in enumeration(obj)], counted.tag_ in {"NN", "NNP"})


def _verbal_places(s: Sentence, verb: Token, mention: Mention) -> None:
    """Where: the object's places ("its forces in Lebanon"), else the clause's or sentence's."""
    obj = child_of(verb, "dobj")
    if obj is not None and not mention.places:
        # "strengthened its forces in Lebanon", "lifted a state of emergency in Darfur"
        for thing in (obj, *(o for _, o in prep_objects(obj, frozenset({"of"})))):
            mention.places.extend(places_in(thing, s.base))
    mention.places.extend(
        inherited_places(verb, s.base)
        or ([] if mention.casualty_only or mention.places else sentence_places(verb, s.base))
    )


# Nominal events: "the attack on the convoy", "talks with the rebels".


def _nominal(s: Sentence, noun: Token, trigger: Trigger, standalone: bool = True) -> Mention | None:
    """A noun names an event: its doer, its target, and the verb that governs it."""
    governor = _governing_verb(_carrier(noun))
    if trigger.needs and not _needs_governor(trigger, governor):
        return _dropped(s, noun, f"it needs a verb such as {', '.join(sorted(trigger.needs))}")
    if standalone and _named_in_passing(s, noun, trigger):
        return _dropped(s, noun, "named in passing")
    modality = modality_of(governor) if governor is not None else None
    if modality == "purpose":
        return _dropped(s, noun, "a purpose ('to attack')")
    mention = _noun_mention(s, noun, trigger)
    if modality is not None:
        mention.type, mention.mode, mention.modality = intended(
            mention.type, mention.mode, modality
        )
    doer = _nominal_actor(s, noun, mention)
    _noun_targets(s, noun, mention, doer)
    if noun.lemma_.lower() in MEETING_NOUNS:
        _meeting_partner(s, noun, mention)
    if mention.type != "ASSAULT":
        _nominal_addressee(s, noun, mention, doer)
    if mention.type in GOAL_TYPES:
        _nominal_goal(s, noun, mention)
    _nominal_setting(s, noun, mention)
    _attribute(s, mention, noun)
    # "the attack" points back to an event told before; "their first meeting with Obama"
    # or "the withdrawal of US forces" tells its own.
    mention.anaphoric = _is_definite(noun) and mention.actor is None and mention.recipient is None
    return mention


def _needs_governor(trigger: Trigger, governor: Token | None) -> bool:
    """ "took control": a noun sense that needs a verb is told by a finite one of those verbs."""
    return (
        governor is not None
        and governor.lemma_.lower() in trigger.needs
        and governor.dep_ not in {"acl", "amod"}
    )


def _named_in_passing(s: Sentence, noun: Token, trigger: Trigger) -> bool:
    """A tally, a background event, one its verb tells, or one named in passing is no news."""
    anchor = _carrier(noun)
    governor = _governing_verb(anchor)
    return (
        _is_tally(noun)
        or _is_background_noun(anchor)
        or _told_by_governor(s, governor, trigger)
        # named in passing ("linked them to its bombing of Gaza")
        or (not _reported_position(anchor, governor, trigger) and _date_text(anchor) is None)
    )


def _is_tally(noun: Token) -> bool:
    """ "the 66 attacks", "attacks": a counted or generic plural is a tally, not one event."""
    plural = noun.tag_ == "NNS" and (
        noun.lemma_.lower() not in COUNTABLE_PLURALS
        or any(
            c.dep_ == "nummod" or (c.dep_ == "amod" and c.lemma_.lower() in TALLY_MODIFIERS)
            for c in noun.children
        )
    )
    return plural or any(c.dep_ == "nummod" for c in noun.children)


def _told_by_governor(s: Sentence, governor: Token | None, trigger: Trigger) -> bool:
    """ "attacked in an attack": a verb trigger of the same type tells the noun's event."""
    return (
        governor is not None
        and governor in s.found
        and governor.pos_ == "VERB"
        and s.found[governor].type == trigger.type
    )


def _noun_mention(s: Sentence, noun: Token, trigger: Trigger) -> Mention:
    """ "a suicide attack": modifiers tell the mode; "a general strike" is labour's, not war's."""
    modifiers = [c for c in noun.children if c.dep_ in {"compound", "amod", "nmod"}]
    mode = trigger.mode or weapon_mode(modifiers)
    labour = noun.lemma_.lower() == "strike" and any(
        m.lemma_.lower() in LABOUR_WORDS for m in noun.subtree
    )
    if labour and trigger.type == "ASSAULT":
        trigger = LABOUR_STRIKE  # "a general strike", "the teachers' strike"
    mention = s.mention(noun, trigger)
    mention.nominal = True
    mention.mode = mode
    if labour:
        mention.mode = "hunger" if any(t.lower_ == "hunger" for t in noun.lefts) else "strike"
    return mention


def _nominal_actor(s: Sentence, noun: Token, mention: Mention) -> Token | None:
    """Who does what a noun names, or who is held in its state; returns the doer's word."""
    anchor = _carrier(noun)
    governor = _governing_verb(anchor)
    doer = _noun_doer(noun)
    movement = mention.type in MOVEMENT_TYPES
    if doer is None and movement:
        # "the withdrawal of US forces began", "the deployment of NATO troops": who moves
        doer = next((o for _, o in prep_objects(noun, frozenset({"of"}))), None)
    held = _held_in_state(anchor, governor)
    if held is not None and doer is None and movement:
        doer = held  # "troops were put on alert"
    elif held is not None:
        # "X was put under investigation", "placed under house arrest"
        mention.recipient = s.party(content(held))
    if doer is not None:
        mention.actor = s.party(content(doer))
    else:
        mention.actor = _named_modifier(s, noun)
    return doer


def _noun_doer(noun: Token) -> Token | None:
    """ "Israel's raid", "the raid by Israel", "X launched an offensive": the noun's doer."""
    anchor = _carrier(noun)
    governor = _governing_verb(anchor)
    doer = child_of(noun, "poss") or child_of(anchor, "poss")
    doer = next((o for _, o in prep_objects(noun, frozenset({"by"}))), doer)
    if governor is not None and governor.lemma_.lower() in ORDER_VERBS:
        # "the governor ordered patrols by police": the act is the one who ordered it
        doer = agent_of(governor)
    if doer is None and governor is not None and _done_by_governor(noun, anchor, governor):
        doer = agent_of(governor)
    return doer


def _done_by_governor(noun: Token, anchor: Token, governor: Token) -> bool:
    """ "launched a mediation effort", "arrived on a visit": the verb's doer does the act."""
    named_before = any(t.ent_type_ in {"NORP", "GPE", "ORG"} for t in noun.lefts)
    # "launched an offensive", "arrived on a visit" -- but not "fired after a march"
    purposive = anchor.dep_ == "pobj" and anchor.head.lower_ in {"on", "for"}
    return (
        not named_before
        and (anchor.dep_ == "dobj" or purposive)
        and child_of(governor, "nsubjpass") is None
    )


def _named_modifier(s: Sentence, noun: Token) -> Phrase | None:
    """ "a Taliban attack", "Israeli raids": a party named before the noun does it."""
    named = [
        t for left in noun.lefts for t in left.subtree if t.ent_type_ in {"NORP", "GPE", "ORG"}
    ]
    return s.phrase(named[0]) if named else None


def _noun_targets(s: Sentence, noun: Token, mention: Mention, doer: Token | None) -> None:
    """ "an attack on the convoy", "clashes with the Taliban": the place or party acted on."""
    lemma = noun.lemma_.lower()
    if lemma in {"talk", "meeting", "agreement", "deal"}:
        return
    target_preps = {"on", "against", "targeting", "of"}
    if lemma in TWO_SIDED_NOUNS:
        target_preps |= {"with", "between"}  # "clashes with the Taliban"
    for _, obj in prep_objects(noun, frozenset(target_preps)):
        if obj == doer or obj.ent_type_ in {"DATE", "TIME"}:
            continue  # "a visit on Wednesday"
        target = s.phrase(content(obj))
        if is_place_phrase(obj, target):
            mention.places.append((target, False))
        elif mention.recipient is None:
            mention.recipient = target


def _meeting_partner(s: Sentence, noun: Token, mention: Mention) -> None:
    """ "talks with the rebels", "a mediation effort between the Emirates and Saudi Arabia"."""
    for clause in {noun, _carrier(noun)}:
        for _, obj in prep_objects(clause, frozenset({"with", "between"})):
            mention.recipient = s.party(obj)
            break


def _nominal_addressee(s: Sentence, noun: Token, mention: Mention, doer: Token | None) -> None:
    """ "paid compensation to 67 British nationals", "an offer from Kabul": whom the act is for."""
    governor = _governing_verb(_carrier(noun))
    if _names_party(mention.recipient) or governor is None:
        return
    other = _other_party(governor, noun)
    doers = [doer, *(o for _, o in prep_objects(noun, frozenset({"by"})))]
    if other is not None and not any(_same_group(other, d) for d in doers):
        mention.recipient = s.party(other)


def _nominal_goal(s: Sentence, noun: Token, mention: Mention) -> None:
    """ "a protest against Sweden's decision": whom a protest or threat is aimed at."""
    if _names_party(mention.recipient):
        return
    governor = _governing_verb(_carrier(noun))
    goal = _goal_party(noun) or (_goal_party(governor) if governor is not None else None)
    if goal is not None:
        mention.recipient = s.party(goal)


def _nominal_setting(s: Sentence, noun: Token, mention: Mention) -> None:
    """Where and when: told by the noun, else by its governing verb or the sentence."""
    governor = _governing_verb(_carrier(noun))
    mention.places.extend(places_in(noun, s.base))
    mention.date_text = (
        _date_text(noun)
        or (_date_text(governor) if governor is not None else None)
        or _sentence_date(noun)
    )
    if governor is not None:
        mention.places.extend(places_in(governor, s.base))
        _left_casualties(governor, mention)  # "clashes broke out, leaving four dead"


def _told_by_speech_act(verb: Token, found: dict[Token, Trigger]) -> bool:
    """The content of a demand, refusal or accusation, not an event of its own."""
    head = verb.head
    if verb.dep_ == "pcomp":
        head = head.head  # "accused X of attacking"
    elif verb.dep_ == "acl" and head.pos_ == "NOUN":
        pass  # "its demand that Israel ease restrictions"
    elif verb.dep_ not in {"xcomp", "ccomp"}:
        return False
    return head in found and found[head].type in SPEECH_ACT_TYPES and head is not verb


def _describes_name(verb: Token) -> bool:
    """A clause that describes a party ("ISIS, which in 2014 took control ...", "al Shabaab,
    the group fighting the government", "anyone attacking police") is not news."""
    node = verb
    while node.dep_ in {"conj", "xcomp"} and node.head is not node:
        node = node.head
    if node.dep_ not in {"relcl", "acl"}:
        return False
    if node.head.pos_ in {"PROPN", "PRON"} or node.head.dep_ == "appos":
        return True
    # A non-restrictive relative clause (", which ...") describes; it does not report.
    first = node.doc[min(t.i for t in node.subtree)]
    return first.lower_ in RELATIVE_PRONOUNS and first.i > 0 and first.nbor(-1).text == ","


def _is_reduced_relative(verb: Token) -> bool:
    """ "a ceremony hosted by Oman": a participle that describes a noun. One with an object of
    its own is a finite verb the parser took for one ("gunmen riding on motorbikes shot dead
    five people")."""
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and child_of(verb, "dobj") is None


def _sense_fits(token: Token, trigger: Trigger) -> bool:
    """Whether the words around ``token`` give it this sense."""
    if token.pos_ == "VERB":
        obj = child_of(token, "dobj")
        return _needs_met(token, trigger, content(obj) if obj is not None else None)
    if not trigger.needs:
        return True
    governor = _governing_verb(_carrier(token))
    return governor is not None and governor.lemma_.lower() in trigger.needs


def _carrier(noun: Token) -> Token:
    """The noun that carries a nominal event in the sentence: "a mediation mission"."""
    if noun.dep_ == "compound" and noun.head.lemma_.lower() in CARRIER_NOUNS:
        return noun.head
    return noun


def _needs_met(verb: Token, trigger: Trigger, obj: Token | None) -> bool:
    """A verb sense's needs: an object among the listed words, an object that names a party
    (``@party``), or a particle or preposition (``@from``, ``@for``)."""
    if not trigger.needs:
        return True
    particles = {n[1:] for n in trigger.needs if n.startswith("@") and n != "@party"}
    if particles & {c.lower_ for c in verb.children if c.dep_ in {"prep", "prt", "agent"}}:
        return True
    if obj is None:
        return False
    if _object_words(obj) & trigger.needs:
        return True
    if "@party" in trigger.needs:
        party = phrase(obj, 0)
        return resolve_actor(party.text, list(party.lemmas), party.head_lemma) is not None
    return False


def _same_group(token: Token, other: Token | None) -> bool:
    """Whether two tokens are one coordinated group: "police and paramilitary soldiers"."""
    return other is not None and (token == other or token in other.conjuncts)


def _object_words(obj: Token) -> set[str]:
    """The words an object is known by: "curfew", "a state of emergency", "army reservists"."""
    words = {obj.lemma_.lower(), obj.lower_}
    words |= {c.lemma_.lower() for c in obj.children if c.dep_ == "compound"}
    return words | {o.lemma_.lower() for _, o in prep_objects(obj, frozenset({"of"}))}


def _partner(verb: Token, actor: Token | None) -> Token | None:
    """The other party of a mutual act: "X and Y signed", "X met Y", "X clashed with Y"."""
    if actor is not None:
        for conj in actor.conjuncts:
            return conj
    obj = child_of(verb, "dobj")
    if obj is not None and obj.lemma_.lower() not in AGREEMENT_OBJECTS:
        return obj
    for _, pobj in prep_objects(verb, frozenset({"with", "between"})):
        return pobj
    return None


def _sentence_date(token: Token) -> str | None:
    """The sentence's date when it has exactly one date expression (durations do not count)."""
    dates = [e for e in token.doc.ents if e.label_ == "DATE" and resolve_date(e.text, None)]
    if len(dates) > 1:  # "on Sunday, a monitoring group said on Monday": not the telling
        dates = [e for e in dates if not _dates_the_report(e.root)]
    return dates[0].text if len(dates) == 1 else None


def _date_of_report(doc: Doc, date_text: str | None) -> bool:
    """Whether the event's date is that of a report of it ("As reported on 19 March 2020",
    "Reported on 4 March", "..., the military said on Wednesday"): when it was known, not when
    it happened."""
    if not date_text:
        return False
    for entity in doc.ents:
        if entity.label_ == "DATE" and entity.text in date_text:
            prep = entity.root.head
            reported = prep.dep_ == "prep" and prep.head.lemma_.lower() == "report"
            return reported or _dates_the_report(entity.root)
    return False


def _dates_the_report(token: Token) -> bool:
    """ "..., a monitoring group said on Monday": the date of the telling, not of the event."""
    prep = token.head
    return (
        prep.dep_ == "prep"
        and prep.head.lemma_.lower() in REPORTING_VERBS
        and prep.head.pos_ == "VERB"
    )


def _reported_position(noun: Token, governor: Token | None, trigger: Trigger) -> bool:
    """Whether a nominal event is reported as news: as a subject ("Clashes erupted"), as what
    someone launched or held ("staged a protest"), or as a headline fragment."""
    if noun.dep_ in {"nsubj", "nsubjpass", "ROOT"}:
        return True
    if (
        noun.dep_ == "pobj"
        and noun.head.head.pos_ == "VERB"
        and noun.tag_ == "NN"
        and any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in noun.children)
    ):
        return True  # "after a march against fuel prices": a new event told in passing
    if noun.dep_ == "pobj" and governor is not None:
        governed_by = governor.lemma_.lower()
        if noun.head.lower_ in {"on", "under"} and governed_by in STATE_VERBS:
            return True  # "troops remained on alert", "was put under investigation"
        if noun.head.lower_ in {"for", "into"} and governed_by in trigger.needs:
            return True  # "negotiators return to Geneva for talks"
    return (
        noun.dep_ == "dobj"
        and governor is not None
        and governor.lemma_.lower() in LAUNCH_VERBS | trigger.needs
    )


def _circumstances(verb: Token) -> Iterator[Token]:
    """What casualties happened in: "killed in clashes", "wounded following an attack" (the
    parser may make "following" a verb; coordinated verbs share it), "killed when a bomb
    exploded", "killed 30 fighters in an air strike" (the parser may hang it on the victims)."""
    clauses = [verb, *verb.conjuncts]
    victims = [c for clause in clauses for c in clause.children if c.dep_ in {"dobj", "nsubjpass"}]
    for clause in clauses + victims:
        for child in clause.children:
            if child.dep_ == "advcl" and any(
                m.dep_ in {"mark", "advmod"} and m.lower_ in {"when", "as", "after"}
                for m in child.children
            ):
                yield child
            if child.lower_ in CIRCUMSTANCE_PREPS and child.dep_ in {
                "prep",
                "xcomp",
                "advcl",
                "agent",
            }:
                for obj in child.children:
                    if obj.dep_ in {"pobj", "dobj"}:
                        yield obj
                        yield from obj.conjuncts


def _instrument_tokens(verb: Token) -> Iterator[Token]:
    for _, obj in prep_objects(verb, frozenset({"with", "by", "using"})):
        yield obj
    agent = child_of(verb, "agent")
    if agent is not None:
        for obj in agent.children:
            if obj.dep_ == "pobj" and obj.lemma_.lower() in WEAPON_MODES:
                yield obj
    for child in verb.children:
        if child.dep_ in {"xcomp", "advcl"} and child.lemma_.lower() == "use":
            obj = child_of(child, "dobj")
            if obj is not None:
                yield obj


def _other_party(verb: Token, target: Token | None, accusation: bool = False) -> Token | None:
    """Whom a verbal act is addressed to when its object is a thing: "gave the Ivory Coast
    aid", "complained to the United Nations", "welcomed Reagan's statement". An accusation is
    directed at the accused before the audience: "complained to the UN over Israeli raids"."""
    clauses = [verb, *(c for c in verb.children if c.dep_ == "xcomp")]  # "offered to hand over to"
    candidates = (
        [obj for clause in clauses for _, obj in prep_objects(clause, ACCUSED_PREPS)]
        if accusation
        else []
    )
    candidates += [c for clause in clauses for c in clause.children if c.dep_ == "dative"]
    candidates += [
        obj
        for clause in clauses
        for _, obj in prep_objects(clause, PARTNER_PREPS)
        if obj.ent_type_ not in {"DATE", "TIME"} and obj.pos_ in {"NOUN", "PROPN"}
    ]
    # "demanded that the US cancel the sale": the party asked is the subject of what is asked
    candidates += [
        subject
        for clause in clauses
        for c in clause.children
        if c.dep_ == "ccomp" and (subject := child_of(c, "nsubj", "nsubjpass")) is not None
    ]
    objects = [target] if target is not None else []
    objects += [o for clause in clauses for o in clause.children if o.dep_ == "dobj"]
    candidates += [c for thing in objects for c in _owners(thing)]
    # "sent material to help defend Saudi Arabia": whom the act is for
    for clause in clauses:
        for purpose in (c for c in clause.children if c.dep_ == "advcl" and is_infinitive(c)):
            candidates += [o for c in (purpose, *purpose.children) if (o := child_of(c, "dobj"))]
    # "called off the strike after talks with the government": the other side of the talks
    candidates += [
        obj for clause in clauses for _, obj in prep_objects(clause, frozenset({"after"}))
    ]
    # then whose the things named are: "conceded to demands from UNITA", "hack into the
    # computers of army officers"
    candidates += [c for thing in candidates if thing not in objects for c in _owners(thing)]
    for candidate in candidates:
        party = phrase(content(candidate), 0)
        if candidate.pos_ != "PRON" and _names_party(party):
            return content(candidate)
    return None


def _obliged(verb: Token) -> bool:
    """ "Libya must hand over", "the US must be ready to mediate": a duty laid on the doer."""
    node = verb
    for _ in range(3):
        if child_aux(node, "must"):
            return True
        if node.dep_ not in {"xcomp", "acomp"}:
            return False
        node = node.head
    return False


def _counted_object(verb: Token) -> Token | None:
    """The object of "kidnapped up to 16 advisers" where the parser took "up" for a particle
    and "to 16 advisers" for a prepositional phrase."""
    up = next((c for c in verb.children if c.dep_ == "prt" and c.lower_ == "up"), None)
    if up is None:
        return None
    return next(
        (
            obj
            for head in (verb, up)
            for _, obj in prep_objects(head, frozenset({"to"}))
            if any(c.dep_ == "nummod" for c in obj.children)
        ),
        None,
    )


def _takes_stance(verb: Token) -> bool:
    """ "X is opposed to Y", "X is committed to opening up": a passive form with no agent
    whose subject is the one taking the stance."""
    return (
        verb.lemma_.lower() in STANCE_PARTICIPLES
        and is_passive(verb)
        and child_of(verb, "agent") is None
        and any(c.dep_ == "prep" and c.lower_ == "to" for c in verb.children)
    )


def _held_in_state(noun: Token, governor: Token | None) -> Token | None:
    """Who is put in the state a noun names: "X was put under investigation"."""
    if governor is None or noun.dep_ != "pobj" or noun.head.lower_ not in {"on", "under"}:
        return None
    return child_of(governor, "nsubjpass")


def _own_forces(thing: Token) -> bool:
    """ "its troops", "their forces": what a party sends or offers, not whom it acts on."""
    owner = child_of(thing, "poss")
    return (
        owner is not None
        and owner.pos_ == "PRON"
        and thing.lemma_.lower() in {"troop", "force", "soldier", "army", "unit", "police"}
    )


def _purpose_object(verb: Token) -> Token | None:
    """The object of what an act was done for: "opened fire to disperse demonstrators"."""
    for clause in verb.children:
        if clause.dep_ in {"advcl", "xcomp"} and is_infinitive(clause):
            return child_of(clause, "dobj")
    return None


def _struck(verb: Token) -> Token | None:
    """The party an act was aimed at: "fired at X", "launched rocket fire against X"."""
    things = [verb, *(o for o in verb.children if o.dep_ == "dobj")]
    things += [c for thing in things[1:] for c in thing.conjuncts]
    for thing in things:
        for _, obj in prep_objects(thing, frozenset({"against", "on", "at"})):
            if _names_party(phrase(content(obj), 0)):
                return content(obj)
    return None


def _owners(thing: Token) -> list[Token]:
    """Whose a thing is or whom it concerns: "Reagan's statement", "military aid to
    Mozambique"."""
    owners = [c for c in thing.children if c.dep_ == "poss"]
    owners += [obj for _, obj in prep_objects(thing, THING_PREPS)]
    clauses = [clause for clause in thing.children if clause.dep_ == "acl"]
    # "the demonstration staged by students", "crimes committed by Croat forces"
    owners += [a for clause in clauses if (a := agent_of(clause)) is not None and a != thing]
    # "an invitation to attend a meeting of the factions": what the thing asks for
    return owners + [o for clause in clauses if (o := child_of(clause, "dobj")) is not None]


def _names_party(candidate: Phrase | None) -> bool:
    if candidate is None:
        return False
    resolved = resolve_actor(candidate.text, list(candidate.lemmas), None)
    return resolved is not None and bool(resolved.country or resolved.sector)
