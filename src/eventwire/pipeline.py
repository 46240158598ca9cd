"""The pipeline: raw document -> article -> candidate sentences -> parse -> mentions -> events.

Only sentences that contain a trigger word are parsed; the rest of the article is split and
scanned with regular expressions, which is what keeps Eventwire faster than running the
parser over every sentence.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from itertools import accumulate, pairwise

from spacy.language import Language
from spacy.tokens import Doc

from eventwire.actors import (
    ORGANISATION_CODES,
    SECTOR_LABELS,
    dictionary_key,
    load_actors,
    resolve_actor,
    same_party,
)
from eventwire.article import ExtractionError, extract_article
from eventwire.casualties import add_tolls, adds_to_toll, share
from eventwire.classifier import Prediction, load_classifier
from eventwire.coder import Coder, Mention, SentenceContext
from eventwire.copies import article_hash
from eventwire.dates import report_day
from eventwire.geocode import Gazetteer, chain_country, default_gazetteer, geocode
from eventwire.learned import classified_mention, sub_event_type
from eventwire.lexicon import Lexicon, load_lexicon
from eventwire.merge import Draft, merge_mentions
from eventwire.nlp import english_lemmas, irregular_forms, load_nlp
from eventwire.ontology import (
    ACLED_MODALITIES,
    ACLED_SUB_EVENTS,
    STATE_SECTORS,
    UNIDENTIFIED_ARMED_GROUP,
    UNIDENTIFIED_ARMED_GROUP_INTER,
    acled_coding,
    acled_types,
    cameo_root,
    contexts,
)
from eventwire.places import NamedPlace, named_places
from eventwire.records import (
    DISTRICT_OR_FINER,
    Actor,
    Article,
    ArticleResult,
    Attribution,
    Event,
    Evidence,
    Location,
    Quantity,
    RawDocument,
    Skipped,
    TollReport,
)
from eventwire.resolve import (
    ResolvedMention,
    host,
    is_known,
    resolve_mention,
)
from eventwire.sentences import Sentence, split_sentences
from eventwire.tallies import tallies
from eventwire.tolls import attribute_tolls, toll_reports
from eventwire.truecase import Truecaser

log = logging.getLogger(__name__)

_MODALITY_PRIORITY = ("asserted", "claimed", "future", "hypothetical", "negated")
# Places precise enough that two sites found at the same one are the same site.


# PLOVER types of the events ACLED codes: the classifier speaks for mentions of these.
CLASSIFIED_TYPES = frozenset(plover for _, plover, _ in ACLED_SUB_EVENTS.values())
# How sure the classifier must be to keep as an event a mention the rules found no party or
# toll for ("a car bomb exploded"): the rules' check stands below it ("Raja launched wave
# after wave of attacks ... fired a shot" is 0.76).
ENDORSE = 0.8


def candidate_sentences(
    sentences: list[Sentence], lexicon: Lexicon, predictions: list[Prediction]
) -> list[int]:
    """Indices of the sentences that may hold an event: those the classifier calls events and
    those with a trigger word (for the events outside its scope: talks, demands, aid)."""
    wanted = []
    for i, (sentence, predicted) in enumerate(zip(sentences, predictions, strict=True)):
        if predicted.is_event or lexicon.may_hold_event(sentence.text):
            wanted.append(i)
        elif log.isEnabledFor(logging.DEBUG):
            log.debug(
                "sentence %d not parsed: no event word with the company it needs, and the"
                " classifier's p(event) is %.2f: %s",
                i + 1,
                predicted.event,
                _shown(sentence.text),
            )
    return wanted


def _shown(text: str, width: int = 100) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."


def _classified(mention: Mention) -> bool:
    """Whether the mention is of an event the classifier speaks for (a casualty report only
    adds to one)."""
    return mention.type in CLASSIFIED_TYPES and not mention.casualty_only


def dateline_country(article: Article, gazetteer: Gazetteer) -> str | None:
    """The country of the article's dateline ("BAGHDAD (Reuters)" -> IRQ), if it has one."""
    if not article.dateline_place:
        return None
    place = geocode(article.dateline_place.split(",")[0], gazetteer=gazetteer)
    return place.country if place else None


def home_location(article: Article, iso3: str | None, gazetteer: Gazetteer) -> Location | None:
    """The country the story is filed from or about as a place at country precision, named by
    the dateline's place or by the country's name as the text writes it."""
    country = load_actors().country(iso3)
    place = gazetteer.country(iso3) if iso3 else None
    if country is None or place is None:
        return None
    found = re.search(rf"\b{re.escape(country.name)}\b", article.text, re.IGNORECASE)
    text = found.group() if found else article.dateline_place or country.name
    return Location(
        text=text, name=place.name, country=iso3, lat=place.lat, lon=place.lon,
        precision="country", geonames_id=place.geonames_id,
    )  # fmt: skip


def story_places(
    located: Iterable[tuple[NamedPlace, Location | None, Evidence]],
    taken: Iterable[tuple[int, int]],
) -> dict[str, tuple[Location, Evidence]]:
    """Per country, the one place finer than a country that the article names there outside
    the place phrases events have taken (``taken``: their spans), with the sentence that names
    it: where an event's sentences give only the country ("killed 18 people in northeastern
    Nigeria"), the story may tell where elsewhere ("witnesses in Dikwa said"). Linear in the
    places and spans (a long article names thousands)."""
    starts = {start for span in taken for start in range(*span)}
    found: dict[str, dict[tuple[str, str | None], tuple[Location, Evidence]]] = {}
    for place, location, sentence in located:
        if (
            location is not None
            and location.country is not None
            and location.precision != "country"
            and place.phrase.start not in starts
        ):
            found.setdefault(location.country, {}).setdefault(
                (location.name, location.admin1), (location, sentence)
            )
    return {
        country: next(iter(places.values()))
        for country, places in found.items()
        if len(places) == 1
    }


def focus_countries(
    reported_from: str | None, texts: Iterable[str], groups: bool = True
) -> Counter[str]:
    """Countries the article is about: its dateline's, the countries its sentences name, and
    (unless ``groups`` is false) those of the groups they name ("Taliban" speaks of
    Afghanistan)."""
    focus: Counter[str] = Counter()
    if reported_from:
        focus[reported_from] += 2
    actors = load_actors()
    for text in texts:
        words = text.replace(",", " ").replace(".", " ").split()
        i = 0
        while i < len(words):
            if not words[i][:1].isupper():
                i += 1
                continue
            for size in (4, 3, 2, 1):  # "Ivory Coast", "Burundi's", "Boko Haram"
                key = dictionary_key(" ".join(words[i : i + size]))
                country = actors.countries.get(key)
                group = actors.organizations.get(key)
                if country is not None:
                    focus[country.iso3] += 1
                elif (
                    groups
                    and group is not None
                    and group.country is not None
                    and group.country not in ORGANISATION_CODES  # not a country
                    and not group.person
                ):
                    focus[group.country] += 0.5  # a group counts for less than a name
                else:
                    continue
                i += size
                break
            else:
                i += 1
    return focus


def place_countries(docs: Iterable[tuple[int, Doc]], gazetteer: Gazetteer) -> Counter[str]:
    """The countries of the places the article's sentences (each its offset and parse) name
    that lie in one country only (a province, a district, a town without namesakes abroad)
    or whose containers agree on one ("Kain (Kain, Yatenga)"), each counting half a
    country's name."""
    found: Counter[str] = Counter()
    for base, doc in docs:
        for named in named_places(doc, base):
            if named.within:
                country = chain_country(named.phrase.text, named.within, gazetteer)
            else:
                places = gazetteer.lookup(named.phrase.text)
                countries = {p.country for p in places if p.kind != "facility"}
                country = countries.pop() if len(countries) == 1 else None
            if country is not None:
                found[country] += 0.5
    return found


def _confidence(draft: Draft) -> float:
    first = draft.first
    filled = sum(x is not None for x in (draft.actor, draft.recipient, draft.location, first.date))
    score = 0.45 + 0.1 * filled + 0.05 * min(len(draft.mentions) - 1, 2)
    if first.mention.nominal:
        score -= 0.05
    return round(min(score, 0.95), 2)


def _with_country(actor: Actor | None, country: str | None) -> Actor | None:
    """A party named without its country belongs to the country where it acts: a state body
    ("police", "security forces") by name too, others ("students", "rebels in the Ivory
    Coast", "ethnic Albanians") by country only."""
    if actor is None or actor.country or not country or actor.sector is None:
        return actor
    if actor.sector not in STATE_SECTORS:
        return replace(actor, country=country)
    state = load_actors().country(country)
    label = SECTOR_LABELS.get(actor.sector or "")
    name = f"{label} of {state.name}" if state and label else actor.name
    return replace(actor, country=country, name=name, acled_name=name)


def build_events(
    draft: Draft,
    event_id: str,
    focus_country: str | None = None,
    tolls: list[TollReport] | None = None,
    toll_claimed: bool = False,
    prediction: Prediction | None = None,
    home_place: Location | None = None,
    published: date | None = None,
) -> list[Event]:
    """The published event records of a draft: one, or one per place when the text tells of
    the same fighting at several places at once ("in Kot, Khogyani and Dih Bala districts").

    ``focus_country`` is the country the story is filed from or about, used for state bodies
    named without a country and for ACLED's external-forces rule when the event has no place.
    ``tolls`` are the death tolls that named sources give for it; ``toll_claimed`` says its
    own toll is known only from a party's report of it. ``prediction`` is the classifier's
    reading of the sentence that first tells the event. ``home_place`` is the event's place
    when its text ties none, or only a country, to it: the one finer place the story names in
    that country (see ``story_places``), else the story's country as a place. ``published``
    is the article's day, the event's when the text gives it none (see ``dates.report_day``).
    """
    event = _build_event(
        draft, event_id, focus_country, tolls, toll_claimed, prediction, home_place, published
    )
    sites = _distinct([site or event.location for site in draft.first.sites])
    if event.acled is None or len(sites) < 2:
        return [event]
    return [
        _at_site(event, site, len(sites), k, focus_country, draft) for k, site in enumerate(sites)
    ]


def _distinct(sites: list[Location | None]) -> list[Location | None]:
    """The sites at different places. Villages the gazetteer lacks, all placed at their
    district ("in the 'Qul Mulla,' 'Haidar Adi,' and Tarik Nawer areas of Nad Ali district"),
    are one place and one event, as ACLED codes them; sites known only by their province
    ("in Kot, Khogyani and Dih Bala districts, Nangarhar") stay apart."""
    seen: dict[tuple[object, ...], Location | None] = {}
    for n, site in enumerate(sites):
        placed = site is not None and site.precision in DISTRICT_OR_FINER
        key = (site.name, site.country, site.lat, site.lon) if placed and site else (n,)
        seen.setdefault(key, site)
    return list(seen.values())


def _at_site(
    event: Event,
    location: Location | None,
    count: int,
    k: int,
    focus_country: str | None,
    draft: Draft,
) -> Event:
    """The ``k``-th of ``count`` places of an event, with its share of the casualties: ACLED
    divides a toll told for several places evenly, the remainder to the first."""
    assert event.acled is not None
    shared = replace(
        event,
        id=f"{event.id}.{k + 1}",
        location=location,
        fatalities=share(event.fatalities, count, k),
        injuries=share(event.injuries, count, k),
    )
    country = location.country if location and location.country else focus_country
    acled = acled_coding(
        shared, draft.first.mention.trigger, country, sub_event_type=event.acled.sub_event_type
    )
    if acled is not None and event.acled.fatalities == 0:
        shared.acled = replace(acled, fatalities=0, fatalities_note=event.acled.fatalities_note)
    elif acled is not None:
        note = acled.fatalities_note or split_note(event.fatalities, acled.fatalities, count)
        shared.acled = replace(acled, fatalities_note=note)
    return shared


def split_note(toll: Quantity | None, share: int, places: int) -> str | None:
    """ACLED's note on a toll divided between the places of an event: "Fatalities split
    across 2 locations (5 in all)."; None when there is nothing to divide."""
    if toll is None or toll.count is None or places < 2 or share == toll.count:
        return None
    return f"Fatalities split across {places} locations ({toll.count} in all)."


def _build_event(
    draft: Draft,
    event_id: str,
    focus_country: str | None,
    tolls: list[TollReport] | None,
    toll_claimed: bool,
    prediction: Prediction | None = None,
    home_place: Location | None = None,
    published: date | None = None,
) -> Event:
    first = draft.first
    mention = first.mention
    dated = (
        next((m.date for m in draft.mentions if m.date and m.date.date), None)
        or next((m.date for m in draft.mentions if m.date), None)
        or (report_day(published) if published else None)
    )
    location = draft.location
    if location is None or (
        location.precision == "country"
        and home_place is not None
        and home_place.precision != "country"
        and home_place.country == location.country
    ):
        location = home_place or location
    country = location.country if location and location.country else focus_country
    modalities = {m.mention.modality for m in draft.mentions}
    modality = next(m for m in _MODALITY_PRIORITY if m in modalities)
    actor = draft.actor
    if actor is None and mention.type == "ASSAULT" and draft.mode != "crowd-control":
        actor = unidentified_attacker(location)
    elif actor is None and (mention.type, draft.mode) == ("COERCE", "arrest"):
        actor = arresting_authority(location)
    recipient = draft.recipient
    if not is_known(recipient):
        # "shelled the regional capital Juba", "lifted the curfew in Montenegro"
        recipient = host(location, recipient)
    attribution_text = next(
        (m.mention.attribution for m in draft.mentions if m.mention.attribution), None
    )
    event = Event(
        id=event_id,
        type=mention.type,
        mode=draft.mode,
        actor=_with_country(actor, country),
        recipient=_with_country(recipient, country),
        location=location,
        date=dated.date if dated else None,
        date_precision=dated.precision if dated else None,
        date_text=dated.text or None if dated else None,
        fatalities=_toll(draft),
        injuries=next((m.mention.injuries for m in draft.mentions if m.mention.injuries), None),
        attribution=Attribution(attribution_text) if attribution_text else None,
        claimed_by=next((m.claimed_by for m in draft.mentions if m.claimed_by), None),
        toll_reports=tolls or [],
        modality=modality,  # type: ignore[arg-type]
        evidence=draft.evidence(),
        confidence=_confidence(draft),
    )
    sub_event = _sub_event(event, mention, prediction)
    event.cameo_root = cameo_root(event.type, event.mode)
    event.context = contexts(event.type, event.actor, event.recipient)
    if modality in ACLED_MODALITIES:
        claimed = toll_claimed or _claimed_toll(draft, event, country)
        event.acled = acled_coding(event, mention.trigger, country, claimed, sub_event)
    return event


def _sub_event(event: Event, mention: Mention, prediction: Prediction | None) -> str | None:
    """The event's ACLED sub-event type: the rules' reading, or the classifier's where it
    differs (see ``learned.sub_event_type``), in which case the event takes the PLOVER type
    and mode that type reads as."""
    ruled = acled_types(event, mention.trigger)
    rules = ruled[1] if ruled else None
    typed = mention.sub_event_type
    if typed is None and mention.type in CLASSIFIED_TYPES:
        typed = sub_event_type(rules, prediction)
    if typed is None or typed == rules:
        return rules
    _, plover_type, mode = ACLED_SUB_EVENTS[typed]
    if plover_type != event.type:
        event.type, event.mode = plover_type, mode
    elif mode is not None:
        event.mode = mode
    return typed


def unidentified_attacker(location: Location | None) -> Actor | None:
    """Who struck when the text does not say: ACLED's "Unidentified Armed Group" of the country
    the attack happened in (PLOVER's coders do the same), with no words of the text, for none
    name it. Its country is filled in, like any party's, from the event's place
    (``_with_country``)."""
    if location is None or not location.country:
        return None
    return Actor(
        text=None,
        name=UNIDENTIFIED_ARMED_GROUP,
        sector="UAF",
        inter=UNIDENTIFIED_ARMED_GROUP_INTER,
        acled_name=UNIDENTIFIED_ARMED_GROUP,
    )


def arresting_authority(location: Location | None) -> Actor | None:
    """Who arrests when the text does not say: the police of the country the arrest was
    made in (ACLED's and PLOVER's coders do the same), with no words of the text; named
    "Police Forces of ..." by ``_with_country`` as any police named without a country."""
    if location is None or not location.country:
        return None
    return Actor(text=None, sector="COP", inter=1)


def _toll(draft: Draft) -> Quantity | None:
    """The event's death toll: the first figure told, plus the deaths that later sentences add
    ("1 soldier was also killed", "8 others were killed", "in another attack, 4 were killed")."""
    told = [m.mention for m in draft.mentions if m.mention.fatalities]
    if not told:
        return None
    first = told[0]
    parts = [first.fatalities]
    seen = {first.sentence_start}
    for mention in told[1:]:
        if mention.sentence_start in seen:
            continue
        seen.add(mention.sentence_start)
        if adds_to_toll(mention.sentence_text) or (
            mention.fatalities != first.fatalities
            and not first.attribution
            and not mention.attribution  # another source's figure for the same deaths
        ):
            parts.append(mention.fatalities)
    return add_tolls(parts)  # type: ignore[arg-type]


def _claimed_toll(draft: Draft, event: Event, country: str | None) -> bool:
    """Whether the death toll is known only from a party's own word: the side that did the
    killing said it, or the only source that gives the figure speaks for an armed party. A
    source named without its country ("the regional governor") belongs, like any party, to
    the country of the event (``country``)."""
    told = [m.mention.attribution for m in draft.mentions if m.mention.fatalities]
    if not told or event.actor is None or any(source is None for source in told):
        return False
    sources = [
        _with_country(resolve_actor(source, source.lower().split()), country) for source in told
    ]
    return all(same_party(source, event.actor) for source in sources)


def _salience(draft: Draft) -> tuple[int, int]:
    """Earlier first: news puts the main event in its opening words."""
    return (min(m.mention.trigger_start for m in draft.mentions), -len(draft.mentions))


@dataclass
class Pipeline:
    """Eventwire's extraction pipeline; create once and reuse (models load on first use)."""

    model: str | None = None
    gazetteer: Gazetteer | None = None
    classifier: str | None = None  # a classifier folder (default: the shipped one)
    batch_size: int = 64
    chunk_size: int = 32  # articles whose candidate sentences are parsed together

    def __post_init__(self) -> None:
        self.nlp: Language = load_nlp(self.model)
        self.lexicon = load_lexicon().with_irregular_forms(irregular_forms(self.nlp))
        self.coder = Coder(self.lexicon)
        self.event_classifier = load_classifier(self.classifier)
        self.truecase = Truecaser(self.event_classifier.casing, english_lemmas(self.nlp))
        self.gazetteer = self.gazetteer or default_gazetteer()
        load_actors()

    def _result(
        self,
        article: Article,
        sentences: list[Sentence],
        parsed: list[tuple[int, Doc]],
        predictions: list[Prediction],
    ) -> ArticleResult:
        """One article's events, most salient first, and its reported tallies."""
        events = self._code(article, sentences, parsed, predictions)
        return ArticleResult(article, events, tallies(sentences))

    def _mentions(
        self, doc: Doc, index: int, base: int, context: SentenceContext, prediction: Prediction
    ) -> list[Mention]:
        """The mentions of one parsed sentence: the rules', or where they code no event the
        classifier calls one, the classifier's, with its parties from the parse."""
        mentions = self.coder.code(doc, index, base, context)
        if not prediction.is_event or mentions or next(self.coder.triggers(doc), None):
            # where the rules saw event words, they read them: as events, or as none
            # (background, history, intent, sport)
            return mentions
        found = classified_mention(doc, index, base, prediction)
        return [found] if found is not None else []

    def _code(
        self,
        article: Article,
        sentences: list[Sentence],
        parsed: list[tuple[int, Doc]],
        predictions: list[Prediction],
    ) -> list[Event]:
        """Code, resolve and merge the parsed candidate sentences of one article."""
        assert self.gazetteer is not None
        reported_from = dateline_country(article, self.gazetteer)
        texts = [doc.text for _, doc in parsed]
        places = place_countries(
            ((sentences[index].start, doc) for index, doc in parsed), self.gazetteer
        )
        focus = focus_countries(reported_from, texts) + places
        context = SentenceContext()
        mentions = []
        for index, doc in parsed:
            base = sentences[index].start
            found = self._mentions(doc, index, base, context, predictions[index])
            if not found:
                log.debug("sentence %d codes no event: %s", index + 1, _shown(doc.text))
            mentions.extend(found)
        resolved: list[ResolvedMention] = []
        for mention in mentions:
            result = resolve_mention(mention, article.published, focus, self.gazetteer)
            if result is not None:
                sure = predictions[mention.sentence_index].event >= ENDORSE
                result.endorsed = mention.sub_event_type is not None or (
                    sure and _classified(mention)
                )
                # the classifier's own mention adds to an event told before, if one fits
                result.supporting = result.supporting or mention.sub_event_type is not None
                resolved.append(result)
        drafts = sorted(merge_mentions(resolved), key=_salience)
        # A sentence's type speaks for its one event; where the rules tell several events
        # in one sentence ("police arrested ... after protesters marched"), they type them.
        told = Counter(m.sentence_index for m in mentions if _classified(m))
        typing = {i: p for i, p in enumerate(predictions) if told[i] <= 1}
        key = article_hash(article.text)[:12]
        # Where an event names no place, it is taken to be where the story was filed from, or
        # else the country the story is most about.
        home = dateline_country(article, self.gazetteer) or (
            focus.most_common(1)[0][0] if focus else None
        )
        # as a place, only a country the text gives: a group's home is no event's place
        # ("al Shabaab" attacks in Kenya)
        named = focus_countries(reported_from, texts, groups=False) + places
        place_home = reported_from or (named.most_common(1)[0][0] if named else None)
        home_place = home_location(article, place_home, self.gazetteer)
        taken = [
            (phrase.start, phrase.end)
            for d in drafts
            for m in d.mentions
            for phrase, _ in m.mention.places
        ]
        unplaced = any(d.location is None or d.location.precision == "country" for d in drafts)
        located = [
            (
                n,
                geocode(n.phrase.text, focus, gazetteer=self.gazetteer, within=n.within),
                Evidence(sentences[index].text, sentences[index].start, sentences[index].end),
            )
            for index, doc in (parsed if unplaced else [])
            for n in named_places(doc, sentences[index].start)
        ]

        named_in = story_places(located, taken)

        def fallback(draft: Draft) -> tuple[Location | None, Evidence | None]:
            """Where an event whose sentences give no place, or only a country, happened:
            the one finer place the story names in that country, else the story's country."""
            country = draft.location.country if draft.location else place_home
            return named_in.get(country or "") or (home_place, None)

        tolls = attribute_tolls(
            [_toll(d) for d in drafts],
            [d.evidence()[0].start for d in drafts],
            toll_reports(sentences),
        )
        events = []
        for n, d in enumerate(drafts):
            place, told = fallback(d)
            for event in build_events(
                d,
                f"{key}-{n + 1}",
                home,
                tolls.reports[n],
                n in tolls.claimed,
                typing.get(d.first.mention.sentence_index),
                place,
                article.published,
            ):
                if told is not None and event.location is place and told not in event.evidence:
                    event.evidence = sorted([*event.evidence, told], key=lambda e: e.start)
                events.append(event)
        return events

    def process(self, doc: RawDocument, published: date | None = None) -> ArticleResult:
        """:meth:`run` on one document: its article and events, or :class:`ExtractionError`
        with the reason it was skipped."""
        (item,) = self.run([doc], published)
        if isinstance(item, Skipped):
            raise ExtractionError(item.reason)
        return item

    def _results(self, articles: list[Article]) -> list[ArticleResult]:
        """Code several articles: the classifier reads all their sentences in one batch and
        the parser all the sentences selected."""
        split = [split_sentences(article.text) for article in articles]
        flat = self.event_classifier.predict([s.text for sentences in split for s in sentences])
        offsets = list(accumulate((len(sentences) for sentences in split), initial=0))
        predictions = [flat[start:end] for start, end in pairwise(offsets)]
        wanted = [
            candidate_sentences(sentences, self.lexicon, predicted)
            for sentences, predicted in zip(split, predictions, strict=True)
        ]
        # capitals-only sentences are parsed with their words' usual casing (same offsets)
        texts = [
            self.truecase(sentences[i].text)
            for sentences, w in zip(split, wanted, strict=True)
            for i in w
        ]
        docs = iter(self.nlp.pipe(texts, batch_size=self.batch_size))
        return [
            self._result(article, sentences, [(i, next(docs)) for i in w], predicted)
            for article, sentences, w, predicted in zip(
                articles, split, wanted, predictions, strict=True
            )
        ]

    def run(
        self, items: Iterable[RawDocument | Skipped], published: date | None = None
    ) -> Iterator[ArticleResult | Skipped]:
        """Process a stream of read inputs; documents that fail become :class:`Skipped`.

        Articles are handled in chunks so that the parser sees the candidate sentences of many
        articles in one batch; results keep the input order.
        """
        chunk: list[RawDocument | Skipped] = []
        for item in items:
            chunk.append(item)
            if len(chunk) >= self.chunk_size:
                yield from self._run_chunk(chunk, published)
                chunk = []
        if chunk:
            yield from self._run_chunk(chunk, published)

    def _run_chunk(
        self, items: list[RawDocument | Skipped], published: date | None
    ) -> Iterator[ArticleResult | Skipped]:
        prepared: list[Article | Skipped] = []
        for item in items:
            if isinstance(item, Skipped):
                prepared.append(item)
                continue
            try:
                prepared.append(extract_article(item, published))
            except ExtractionError as exc:
                prepared.append(Skipped(item.origin, str(exc)))
        results = iter(self._results([a for a in prepared if isinstance(a, Article)]))
        for entry in prepared:
            yield entry if isinstance(entry, Skipped) else next(results)
