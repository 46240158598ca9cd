"""Code event mentions from dependency parses.

Roles come from syntax, not word order: the actor is the subject of an active trigger or the
``by`` agent of a passive one; the recipient is the object or the passive subject. Participle
clauses of consequence ("..., wounding eight people") add casualties to the event they hang
from. Mentions that are background rather than news (plural tallies such as "the 66 attacks",
events told inside another noun's phrase, purpose clauses) are not coded.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Token

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
from eventwire.modality import intended, is_history, modality_of
from eventwire.places import (
    inherited_places,
    is_place_phrase,
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

FATAL_LEMMAS = frozenset({"kill", "murder", "execute", "behead", "massacre", "killing", "die"})
VICTIM_SUBJECT_LEMMAS = frozenset({"die"})
INJURY_LEMMAS = frozenset({"wound", "injure", "hurt"})
CASUALTY_LEMMAS = FATAL_LEMMAS | INJURY_LEMMAS
AGREEMENT_OBJECTS = frozenset(
    {
        "agreement",
        "deal",
        "accord",
        "treaty",
        "ceasefire",
        "truce",
        "pact",
        "memorandum",
        "protocol",
        "declaration",
        "cease-fire",
    }
)
COUNTABLE_PLURALS = frozenset(
    {
        "negotiation",
        "investigation",
        "consultation",
        "talk",
        "clash",
        "sanction",
        "protest",
        "demonstration",
        "riot",
        "fighting",
        "rally",
        "strike",
        "airstrike",
        "patrol",
    }
)
DATE_PREPS = frozenset({"on", "in", "during", "since", "at", "by", "until", "overnight"})
BACKGROUND_PREPS = frozenset(
    {"following", "after", "since", "before", "amid", "despite", "like", "unlike"}
)
LAUNCH_VERBS = frozenset(
    {
        "launch",
        "carry",
        "conduct",
        "stage",
        "mount",
        "execute",
        "claim",
        "perpetrate",
        "order",
        "hold",
        "organize",
        "organise",
        "renew",
        "resume",
        "start",
        "begin",
        "undertake",
        "continue",
        "open",
        "complete",
        "finish",
        # speech acts and measures delivered: "issued an ultimatum", "lodged a protest"
        "issue",
        "repeat",
        "reiterate",
        "voice",
        "lodge",
        "file",
        "deliver",
        "level",
        "announce",
        "declare",
        "impose",
        "reimpose",
        "extend",
        "tighten",
    }
)
NOMINAL_DEPS = frozenset({"amod", "compound", "nsubj", "nsubjpass", "dobj", "pobj", "attr"})
MUTUAL_LEMMAS = frozenset({"sign", "meet", "clash", "negotiate", "cooperate", "agree"})
ANAPHORIC_NOUNS = frozenset(
    {
        "group",
        "militant",
        "movement",
        "organization",
        "organisation",
        "insurgent",
        "faction",
        "militia",
        "rebel",
        "fighter",
    }
)
CIRCUMSTANCE_PREPS = frozenset({"in", "during", "by", "following", "after", "amid", "when"})
TWO_SIDED_NOUNS = frozenset({"clash", "fighting", "battle", "fight", "gunfight", "skirmish"})
MATERIAL_TYPES = HOSTILE_TYPES | {"AID", "RETREAT", "COOPERATE"}
PARTNER_PREPS = frozenset(
    {"to", "with", "against", "from", "on", "toward", "towards", "for", "into"}
)
# Nouns that carry a nominal event told as their modifier: "a mediation mission".
CARRIER_NOUNS = frozenset(
    {
        "effort",
        "mission",
        "process",
        "campaign",
        "operation",
        "drive",
        "attempt",
        "bid",
        "initiative",
        "round",
    }
)
PERSONAL_PRONOUNS = frozenset({"it", "they", "we", "he", "she", "its", "their", "his", "her"})
LABOUR_STRIKE = Trigger("strike", "NOUN", "PROTEST", "strike", frozenset())
MEETING_NOUNS = frozenset(
    {
        "talk",
        "meeting",
        "agreement",
        "deal",
        "accord",
        "treaty",
        "ceasefire",
        "truce",
        "mediation",
        "negotiation",
        "consultation",
        "visit",
    }
)
# Participles that tell a stance with "to": "is opposed to", "is committed to".
STANCE_PARTICIPLES = frozenset({"oppose", "commit"})
# Prepositions that tell where a party comes from.
ORIGIN = frozenset({"from"})
# What an accusation is about: "complained to the UN over Israeli raids".
ACCUSED_PREPS = frozenset({"over", "about", "against"})
# Verbs whose object, an act, is done through the one who orders it.
ORDER_VERBS = frozenset({"order", "authorize", "authorise"})
# Verbs that carry out the act their object names: "hold a strike", "launch an offensive".
SUPPORT_VERBS = frozenset(
    {"hold", "stage", "launch", "mount", "carry", "conduct", "begin", "start", "call", "impose",
     "organize", "organise", "resume", "make"}
)  # fmt: skip
# Verbs that put a party in a state named by "on": "remained on alert", "went on strike".
STATE_VERBS = frozenset({"remain", "stay", "go", "put", "place", "keep"})
# Acts of moving forces, whose nouns name the mover with "of".
MOVEMENT_TYPES = frozenset({"MOBILIZE", "RETREAT"})
# What a source "declines to" do when it only keeps silent.
NO_COMMENT_VERBS = REPORTING_VERBS | {"comment", "elaborate"}
GOAL_TYPES = frozenset({"PROTEST", "THREATEN", "REJECT", "REQUEST"})
GOAL_PREPS = frozenset({"against", "over", "for"})  # "against the war", "over the ban"
GOAL_NOUNS = frozenset({"protest", "response", "opposition", "defiance", "solidarity"})
RALLY_NOUNS = frozenset({"demonstration", "protest", "rally", "march", "strike", "sit-in"})
THING_PREPS = frozenset(
    {
        "of",
        "from",
        "to",
        "for",
        "with",
        "by",
        "against",
        "on",
        "between",
        "among",
        "into",
        "over",
        "about",
    }
)
DEMAND = Trigger("must", "VERB", "REQUEST", None, frozenset())
REPEL_VERBS = frozenset({"repulse", "repel", "foil", "thwart", "fend"})
DEFINITE = frozenset({"the", "this", "that", "its", "their"})
LABOUR_WORDS = frozenset(
    {
        "worker",
        "union",
        "teacher",
        "employee",
        "staff",
        "doctor",
        "nurse",
        "driver",
        "miner",
        "general",
        "nationwide",
        "wage",
        "pay",
        "hunger",
    }
)


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


@dataclass(slots=True)
class SentenceContext:
    """What the coder remembers between sentences of one article."""

    last_speaker: str | None = None
    last_armed_group: str | None = None


def _date_text(token: Token) -> str | None:
    for prep, obj in prep_objects(token, DATE_PREPS):
        if obj.ent_type_ in {"DATE", "TIME"} or any(t.ent_type_ == "DATE" for t in obj.subtree):
            return " ".join([prep.text, *(t.text for t in obj.subtree)])
    for child in token.children:
        if child.dep_ in {"npadvmod", "tmod", "advmod", "nmod"} and child.ent_type_ == "DATE":
            return " ".join(t.text for t in child.subtree)
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
    for ancestor in token.ancestors:
        if ancestor.lemma_.lower() in REPORTING_VERBS and ancestor.pos_ == "VERB":
            subject = child_of(ancestor, "nsubj")
            if subject is None:
                continue
            if subject.pos_ == "PRON" and subject.lemma_.lower() in {"she", "he"}:
                return context.last_speaker, ancestor
            return phrase(subject, 0).text, ancestor
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
    return None, None


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
            shared = child_of(first, "dobj") is None and child_of(second, "nsubj") is None
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
        found = dict(self.triggers(doc))
        consumed: set[int] = set()
        coded: list[tuple[int, Mention]] = []
        for token, trigger in found.items():
            if token.pos_ == "VERB":
                mention = self._verbal(token, trigger, found, consumed, index, base, context)
            else:
                mention = self._nominal(token, trigger, found, index, base, context)
            if mention is not None:
                mention.sites = self._sites(doc, mention, base)
                mention.date_reported = _date_of_report(doc, mention.date_text)
                coded.append((token.i, mention))
        for verb in doc:
            if verb not in found and verb.pos_ == "VERB" and _obliged(verb):
                demand = self._demand(verb, index, base, context)
                if demand is not None:
                    coded.append((verb.i, demand))
        self._remember_speaker(doc, context)
        return [mention for i, mention in _fold_coordinated(doc, coded) if i not in consumed]

    @staticmethod
    def _sites(doc: Doc, mention: Mention, base: int) -> list[Site]:
        """The place list the mention's first place heads, or else the sentence's first."""
        sites = (
            site_list(doc, mention.places[0][0].start - base, base, names_country)
            if mention.places
            else []
        )
        start = listed_at(doc) if not sites else None
        return site_list(doc, start, base, names_country) if start is not None else sites

    def _demand(
        self, verb: Token, index: int, base: int, context: SentenceContext
    ) -> Mention | None:
        """ "Britain said Libya must hand over the suspects": a demand whatever is demanded."""
        if speaker_above(verb) is None:
            return None
        mention = self._base(verb, DEMAND, index, base)
        self._as_demand(mention, verb, base, context)
        mention.date_text = _date_text(verb) or _sentence_date(verb)
        mention.attribution, _ = _attribution(verb, context)
        return mention

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

    def _base(self, token: Token, trigger: Trigger, index: int, base: int) -> Mention:
        sent = token.doc
        return Mention(
            type=trigger.type,
            trigger=trigger.lemma,
            mode=trigger.mode,
            sentence_index=index,
            sentence_start=base,
            sentence_end=base + len(sent.text),
            sentence_text=sent.text,
            trigger_start=base + token.idx,
        )

    def _verbal(
        self,
        verb: Token,
        trigger: Trigger,
        found: dict[Token, Trigger],
        consumed: set[int],
        index: int,
        base: int,
        context: SentenceContext,
    ) -> Mention | None:
        lemma = verb.lemma_.lower()
        if verb.dep_ in NOMINAL_DEPS or verb.i in consumed or _is_reduced_relative(verb):
            return None
        obj = child_of(verb, "dobj")
        obj = content(obj) if obj is not None else None
        if (
            obj is not None
            and obj.lemma_.lower() in NON_EVENT_OBJECTS
            and trigger.type in MATERIAL_TYPES
        ):
            return None  # "released a statement", "hit a record"
        if lemma in INTENT_GOVERNORS and any(
            c.dep_ == "xcomp"
            and (c in found or (c.lemma_.lower() in SUPPORT_VERBS and child_of(c, "dobj") in found))
            for c in verb.children
        ):
            # "threatened to attack", "agreed to withdraw", "threatened to hold a general
            # strike": the act carries it
            return None
        if lemma in ORDER_VERBS and (child_of(verb, "dobj") in found):
            return None  # "ordered patrols", "ordered the arrest of": the act ordered is it
        if _told_by_speech_act(verb, found):
            return None  # "demanded that X release", "accused X of attacking": its content
        if trigger.type == "REJECT" and any(
            c.dep_ == "xcomp" and c.lemma_.lower() in NO_COMMENT_VERBS for c in verb.children
        ):
            return None  # "declined to comment": a source's silence, not a refusal of anything
        # A casualty participle hanging from another trigger belongs to that event.
        if (
            lemma in CASUALTY_LEMMAS
            and verb.dep_ in {"advcl", "conj"}
            and verb.head in found
            and verb.head.pos_ == "VERB"
        ):
            return None
        modality = modality_of(verb)
        if modality == "purpose" or _describes_name(verb) or is_history(verb):
            return None
        mention = self._base(verb, trigger, index, base)
        mention.type, mention.mode, mention.modality = intended(
            trigger.type, trigger.mode, modality
        )
        stance = _takes_stance(verb)
        passive = (is_passive(verb) and not stance) or lemma in VICTIM_SUBJECT_LEMMAS
        # "11 people died": the subject of "die" is its victim, never its doer
        if lemma in VICTIM_SUBJECT_LEMMAS:
            actor_token = None
        else:
            actor_token = child_of(verb, "nsubjpass") if stance else agent_of(verb)
        if actor_token is not None:
            actor_token = content(actor_token)
            if actor_token.lemma_.lower() in NON_AGENT_CAUSES:
                cause = phrase(actor_token, base)
                if not _names_party(cause):
                    return None  # a fire or a flood, not "Afghan forces fire"
                mention.actor = cause
                actor_token = None
            if actor_token in found and actor_token.pos_ == "NOUN":
                # "An air strike killed ...": the nominal event is this event.
                self._absorb(mention, actor_token, found, index, base, context)
                actor_token = None
        if actor_token is not None:
            weapon = weapon_mode(list(actor_token.subtree))
            if weapon and actor_token.lemma_.lower() in WEAPON_MODES:
                # "an IED destroyed a tank": the weapon says how, more than the verb
                mention.mode = weapon if mention.mode in {None, "destroy"} else mention.mode
                platform = phrase(actor_token, base)
                owner = owner_of_instrument(actor_token)
                if owner is None and any(
                    c.dep_ == "poss" and c.pos_ == "PRON" for c in actor_token.children
                ):
                    owner = speaker_above(actor_token)  # "the military said its jets hit"
                if owner is not None:
                    mention.actor = self._party(content(owner), base, context)
                elif _names_party(platform):
                    mention.actor = platform  # "a US military plane": the owner is in the phrase
            else:
                doer = actor_token
                if not _names_party(phrase(doer, base)):
                    # "operations by Afghan forces killed ...": the doer is in the by-phrase
                    doer = next((o for _, o in prep_objects(doer, frozenset({"by"}))), doer)
                mention.actor = self._party(doer, base, context)
        target = child_of(verb, "nsubjpass", "nsubj") if passive else child_of(verb, "dobj")
        if stance:  # "opposed to French mediation"
            target = next((obj for _, obj in prep_objects(verb, frozenset({"to"}))), None)
        if lemma in REPEL_VERBS and target is not None and target in found:
            # "Afghan forces repulsed their attack": the attack is the event, its attacker the
            # actor and the defenders its target.
            attack = self._nominal(
                target, found[target], found, index, base, context, standalone=False
            )
            if attack is not None and attack.actor is not None:
                defenders, mention.actor = mention.actor, attack.actor
                mention.recipient = defenders
                mention.mode = mention.mode or attack.mode
                target = None
        if target is not None and not passive and trigger.type == "ASSAULT" and is_weapon(target):
            mention.mode = weapon_mode(list(target.subtree)) or mention.mode
            weapon = phrase(target, base)
            if _names_party(weapon) and not (mention.actor and _names_party(mention.actor)):
                mention.actor = weapon  # "their vehicle hit a Taliban-planted IED"
            target = None  # "fired tear gas at protesters": the object is the weapon
        if lemma in MUTUAL_LEMMAS:
            target = _partner(verb, actor_token)
        elif (
            trigger.needs
            and "@party" not in trigger.needs
            and not passive
            and (target is None or _object_words(target) & trigger.needs)
        ):
            # "staged a sit-in", "took control": the object names the act (but "forced the
            # agency out": a particle met the need, and the object is whom it was done to)
            target = None
        elif target is None and not passive:
            for _, pobj in prep_objects(
                verb, frozenset({"on", "against", "at", "with", "toward", "towards"})
            ):
                if pobj.ent_type_ not in {"DATE", "TIME"}:
                    target = pobj
                    break
            target = target or _counted_object(verb)
        if target is not None and (trigger.type == "MOBILIZE" or _own_forces(target)):
            target = None  # "mobilized army reservists", "offered its troops to Lebanon"
        if target is None and trigger.type in {"ASSAULT", "COERCE"} and not passive:
            target = _purpose_object(verb)  # "opened fire to disperse demonstrators"
        if target is not None:
            victims = target
            target = content(target)
            if target.lemma_.lower() in RELATIVE_PRONOUNS:
                target = antecedent(target)
            target_phrase = self._party(target, base, context)
            if is_place_phrase(target, target_phrase):
                mention.places.append((target_phrase, False))
            else:
                mention.recipient = target_phrase
                if trigger.type == "ASSAULT" and names_capital(target):
                    mention.places.append((target_phrase, False))  # "shelled Kabul"
                # "a missionary from Calgary": where a party comes from is not where it was hit
                mention.places.extend(
                    places_in(target, base, ORIGIN) or places_in(victims, base, ORIGIN)
                )
            self._count_victims(lemma, victims, target, mention)
        if not _names_party(mention.recipient) and trigger.type != "ASSAULT":
            # A verbal act is addressed to a party, not to "a formula" or "a meeting".
            other = _other_party(verb, target, accusation=mention.type == "ACCUSE")
            if other is None and mention.type in GOAL_TYPES:
                other = _goal_party(verb)
            mention.recipient = self._party(other, base, context) if other is not None else None
        if (
            lemma in CASUALTY_LEMMAS
            and verb.dep_ == "advcl"
            and not _names_party(mention.recipient)
        ):
            # "fired rockets at the rebels' camps, killing 50": those hit are the act's target
            struck = _struck(verb.head)
            if struck is not None:
                mention.recipient = self._party(struck, base, context)
        if lemma in CASUALTY_LEMMAS and (mention.actor is None or mention.mode is None):
            # "killed in clashes with X", "wounded following an attack by Y on a checkpoint",
            # "killed 30 jihadists in an air strike": the casualties belong to that event.
            for obj in _circumstances(verb):
                if obj.pos_ in {"VERB", "AUX"}:
                    # "killed when militants fired a rocket", "when a bomb exploded", "when
                    # their vehicle hit an IED"
                    doer = agent_of(obj)
                    if (
                        mention.actor is None
                        and obj in found
                        and obj.lemma_.lower() not in REPEL_VERBS  # defenders did not attack
                        and doer is not None
                        and _names_party(phrase(doer, base))
                    ):
                        mention.actor = self._party(doer, base, context)
                        consumed.add(obj.i)  # "when militants fired a rocket": one event
                    mention.date_text = mention.date_text or _date_text(obj)
                    weapons = [
                        t for t in (doer, child_of(obj, "dobj")) if t is not None and is_weapon(t)
                    ]
                    if weapons:
                        mention.mode = mention.mode or weapon_mode(list(weapons[0].subtree))
                        device = phrase(weapons[0], base)
                        if mention.actor is None and _names_party(device):
                            mention.actor = device
                        break
                    continue
                if obj in found and obj.pos_ == "NOUN":
                    event = self._nominal(
                        obj, found[obj], found, index, base, context, standalone=False
                    )
                    if event is not None:
                        mention.actor = mention.actor or event.actor or event.recipient
                        mention.mode = mention.mode or event.mode
                        # "wounded in the raid": casualties of an event told before
                        mention.anaphoric = mention.anaphoric or (index > 0 and _is_definite(obj))
                        mention.places.extend(event.places)
                        mention.date_text = mention.date_text or event.date_text
                    break
        for weapon_token in _instrument_tokens(verb):
            mention.mode = mention.mode or weapon_mode([weapon_token])
        if lemma == "fire" and mention.mode is None:
            mention.mode = "firearms"
        self._casualties(verb, mention, found, consumed)
        if lemma in CASUALTY_LEMMAS and mention.actor is None and mention.mode is None:
            mention.casualty_only = True
        obj = child_of(verb, "dobj")
        if obj is not None and not mention.places:
            # "strengthened its forces in Lebanon", "lifted a state of emergency in Darfur"
            for thing in (obj, *(o for _, o in prep_objects(obj, frozenset({"of"})))):
                mention.places.extend(places_in(thing, base))
        mention.places.extend(
            inherited_places(verb, base)
            or ([] if mention.casualty_only or mention.places else sentence_places(verb, base))
        )
        mention.date_text = mention.date_text or inherited_date(verb) or _sentence_date(verb)
        attribution, reporter = _attribution(verb, context)
        mention.attribution = attribution
        if reporter is not None:
            self._claim(mention, reporter, base, context)
        if _obliged(verb):
            self._as_demand(mention, verb, base, context)
        return mention

    def _as_demand(
        self, mention: Mention, verb: Token, base: int, context: SentenceContext
    ) -> None:
        """ "Britain said Libya must hand over the suspects": the speaker demands it of the
        subject."""
        speaker, subject = speaker_above(verb), agent_of(verb)
        mention.type, mention.mode, mention.modality = "REQUEST", None, "asserted"
        mention.actor = self._party(speaker, base, context) if speaker is not None else None
        mention.recipient = self._party(subject, base, context) if subject is not None else None
        mention.fatalities = mention.injuries = None
        mention.casualty_only = False

    def _party(self, token: Token, base: int, context: SentenceContext) -> Phrase:
        """The phrase of a participant, with pronouns and "the group" pointed at their referent."""
        found = phrase(token, base)
        lemma = token.lemma_.lower()
        appositive = child_of(token, "appos")
        if appositive is not None and not _names_party(found):
            role = phrase(appositive, base)  # "Kenzo Oshima, the UN relief coordinator"
            if _names_party(role):
                return replace(found, refers_to=role.text)
        if token.pos_ == "PRON" and lemma in PERSONAL_PRONOUNS:
            speaker = speaker_above(token) or main_subject(token)
            if speaker is not None and speaker.pos_ != "PRON":
                referent = phrase(speaker, base)
                return replace(
                    found,
                    refers_to=self._party(speaker, base, context).refers_to or referent.text,
                    named=referent.named,
                )
            return found
        if (
            lemma in ANAPHORIC_NOUNS
            and context.last_armed_group
            and any(c.lower_ in {"the", "this"} for c in token.children)
        ):
            return replace(found, refers_to=context.last_armed_group)
        return found

    def _absorb(
        self,
        mention: Mention,
        noun: Token,
        found: dict[Token, Trigger],
        index: int,
        base: int,
        context: SentenceContext,
    ) -> None:
        """Take what a nominal event says ("A Russian drone strike on Kharkiv on Friday
        killed ...") into the mention of the verb it is the subject of."""
        event = self._nominal(noun, found[noun], found, index, base, context, standalone=False)
        if event is None:
            return
        mention.mode = mention.mode or event.mode
        mention.actor = event.actor
        if mention.trigger in CASUALTY_LEMMAS and event.type == "ASSAULT":
            # (a killing in a raid is still violence, not a seizure)
            mention.type, mention.trigger = event.type, event.trigger
        mention.places.extend(event.places)
        mention.date_text = event.date_text

    def _claim(
        self, mention: Mention, reporter: Token, base: int, context: SentenceContext
    ) -> None:
        """A group saying it carried out an attack claims it; its word is a claim."""
        subject = child_of(reporter, "nsubj")
        if subject is None:
            return
        speaker = self._party(subject, base, context)
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

    @staticmethod
    def _count_victims(lemma: str, victims: Token, counted: Token, mention: Mention) -> None:
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

    def _casualties(
        self, verb: Token, mention: Mention, found: dict[Token, Trigger], consumed: set[int]
    ) -> None:
        participles = [c for c in verb.children if c.dep_ in {"advcl", "conj"}]
        participles += [
            g
            for c in participles
            if c.lemma_.lower() in CASUALTY_LEMMAS
            for g in c.children
            if g.dep_ == "conj"
        ]
        for child in participles:
            child_lemma = child.lemma_.lower()
            if child_lemma in CASUALTY_LEMMAS:
                obj = child_of(child, "dobj") or child_of(child, "nsubjpass")
                if obj is None and child.dep_ == "conj":
                    # "two policemen were shot and killed": the victims of the first verb
                    obj = child_of(verb, "nsubjpass") or child_of(verb, "dobj")
                if obj is None or _killed_and_wounded(child) or _killed_and_wounded(verb):
                    continue
                counted = content(obj) if obj.lemma_.lower() in QUANTITY_NOUNS else obj
                quantity = read_victims(
                    [counted_words(t) for t in enumeration(obj)], counted.tag_ in {"NN", "NNP"}
                )
                if quantity is None:
                    continue
                if child_lemma in FATAL_LEMMAS and mention.fatalities is None:
                    mention.fatalities = quantity
                elif child_lemma in INJURY_LEMMAS and mention.injuries is None:
                    mention.injuries = quantity
                if child in found:
                    consumed.add(child.i)

    def _nominal(
        self,
        noun: Token,
        trigger: Trigger,
        found: dict[Token, Trigger],
        index: int,
        base: int,
        context: SentenceContext,
        standalone: bool = True,
    ) -> Mention | None:
        lemma = noun.lemma_.lower()
        anchor = _carrier(noun)
        governor = _governing_verb(anchor)
        if trigger.needs and (
            governor is None
            or governor.lemma_.lower() not in trigger.needs
            or governor.dep_ in {"acl", "amod"}
        ):
            return None
        if standalone:
            if noun.tag_ == "NNS" and (
                lemma not in COUNTABLE_PLURALS
                or any(
                    c.dep_ in {"nummod", "amod"}
                    and c.lemma_.lower() not in {"fresh", "new"}
                    and c.ent_type_ not in {"NORP", "GPE", "ORG"}  # "Palestinian riots"
                    for c in noun.children
                )
            ):
                return None  # a tally ("the 66 attacks") or a generic plural
            if any(c.dep_ == "nummod" for c in noun.children):
                return None
            if _is_background_noun(anchor):
                return None
            if (
                governor is not None
                and governor in found
                and governor.pos_ == "VERB"
                and found[governor].type == trigger.type
            ):
                return None  # the verb's mention tells this event
            if not _reported_position(anchor, governor, trigger) and _date_text(anchor) is None:
                return None  # named in passing ("linked them to its bombing of Gaza")
        modifiers = [c for c in noun.children if c.dep_ in {"compound", "amod", "nmod"}]
        mode = trigger.mode or weapon_mode(modifiers)
        labour = lemma == "strike" and any(m.lemma_.lower() in LABOUR_WORDS for m in noun.subtree)
        if labour and trigger.type == "ASSAULT":
            trigger = LABOUR_STRIKE  # "a general strike", "the teachers' strike"
        mention = self._base(noun, trigger, index, base)
        mention.nominal = True
        mention.mode = mode
        if labour:
            mention.mode = "hunger" if any(t.lower_ == "hunger" for t in noun.lefts) else "strike"
        if governor is not None:
            modality = modality_of(governor)
            if modality == "purpose":
                return None
            mention.type, mention.mode, mention.modality = intended(
                mention.type, mention.mode, modality
            )
        actor_token = child_of(noun, "poss") or child_of(anchor, "poss")
        actor_token = next((o for _, o in prep_objects(noun, frozenset({"by"}))), actor_token)
        if governor is not None and governor.lemma_.lower() in ORDER_VERBS:
            # "the governor ordered patrols by police": the act is the one who ordered it
            actor_token = agent_of(governor)
        named_before = any(t.ent_type_ in {"NORP", "GPE", "ORG"} for t in noun.lefts)
        # "launched an offensive", "arrived on a visit" -- but not "fired after a march"
        purposive = anchor.dep_ == "pobj" and anchor.head.lower_ in {"on", "for"}
        if (
            actor_token is None
            and governor is not None
            and not named_before
            and (anchor.dep_ == "dobj" or purposive)
            and child_of(governor, "nsubjpass") is None
        ):
            # "launched a mediation effort", "arrived on a visit", "the US sped up the
            # withdrawal of its forces": the doer of the verb
            actor_token = agent_of(governor)
        if actor_token is None and mention.type in MOVEMENT_TYPES:
            # "the withdrawal of US forces began", "the deployment of NATO troops": who moves
            actor_token = next((o for _, o in prep_objects(noun, frozenset({"of"}))), None)
        held = _held_in_state(anchor, governor)
        if held is not None and actor_token is None and mention.type in MOVEMENT_TYPES:
            actor_token = held  # "troops were put on alert"
        elif held is not None:
            mention.recipient = self._party(content(held), base, context)  # "X was put under
            # investigation", "placed under house arrest"
        if actor_token is not None:
            mention.actor = self._party(content(actor_token), base, context)
        else:
            named = [
                t
                for left in noun.lefts
                for t in left.subtree
                if t.ent_type_ in {"NORP", "GPE", "ORG"}
            ]
            if named:
                mention.actor = phrase(named[0], base)
        target_preps = {"on", "against", "targeting", "of"}
        if lemma in TWO_SIDED_NOUNS:
            target_preps |= {"with", "between"}  # "clashes with the Taliban"
        for _, obj in prep_objects(noun, frozenset(target_preps)):
            if lemma in {"talk", "meeting", "agreement", "deal"}:
                break
            if obj == actor_token:
                continue
            if obj.ent_type_ in {"DATE", "TIME"}:
                continue  # "a visit on Wednesday"
            target_phrase = phrase(content(obj), base)
            if is_place_phrase(obj, target_phrase):
                mention.places.append((target_phrase, False))
            elif mention.recipient is None:
                mention.recipient = target_phrase
        if lemma in MEETING_NOUNS:
            # "talks with the rebels", "a mediation effort between the Emirates and Saudi Arabia"
            for clause in {noun, anchor}:
                for _, obj in prep_objects(clause, frozenset({"with", "between"})):
                    mention.recipient = self._party(obj, base, context)
                    break
        if not _names_party(mention.recipient) and mention.type != "ASSAULT":
            # "paid compensation to 67 British nationals", "an offer from Kabul"
            other = _other_party(governor, noun) if governor is not None else None
            doers = [actor_token, *(o for _, o in prep_objects(noun, frozenset({"by"})))]
            if other is not None and not any(_same_group(other, d) for d in doers):
                mention.recipient = self._party(other, base, context)
        if not _names_party(mention.recipient) and mention.type in GOAL_TYPES:
            goal = _goal_party(noun) or (_goal_party(governor) if governor is not None else None)
            if goal is not None:
                mention.recipient = self._party(goal, base, context)
        mention.places.extend(places_in(noun, base))
        mention.date_text = (
            _date_text(noun)
            or (_date_text(governor) if governor is not None else None)
            or _sentence_date(noun)
        )
        if governor is not None:
            mention.places.extend(places_in(governor, base))
        mention.attribution, reporter = _attribution(noun, context)
        if reporter is not None:
            self._claim(mention, reporter, base, context)
        # "the attack" points back to an event told before; "their first meeting with Obama"
        # or "the withdrawal of US forces" tells its own.
        mention.anaphoric = (
            _is_definite(noun) and mention.actor is None and (mention.recipient is None)
        )
        return mention


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
    """ "a ceremony hosted by Oman": a participle that describes a noun."""
    return verb.dep_ == "acl" and verb.tag_ == "VBN"


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
    "Reported on 4 March"): when it was known, not when it happened."""
    if not date_text:
        return False
    for entity in doc.ents:
        if entity.label_ == "DATE" and entity.text in date_text:
            prep = entity.root.head
            return prep.dep_ == "prep" and prep.head.lemma_.lower() == "report"
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
