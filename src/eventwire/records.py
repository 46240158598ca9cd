"""Typed records passed between pipeline stages.

Every stage is a pure function from one of these records to the next:
``RawDocument -> Article -> [EventMention] -> [Event] -> ArticleResult``.
``to_dict`` gives the published JSON shape, which ``models.CodedArticle`` describes.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from typing import Any, Literal

Precision = Literal["exact", "near", "admin2", "admin1", "country"]
PRECISIONS: tuple[Precision, ...] = ("exact", "near", "admin2", "admin1", "country")
# Places that name a town or a district: close enough to tell one event from another.
DISTRICT_OR_FINER: frozenset[str] = frozenset(PRECISIONS[:3])


def coarseness(precision: str | None) -> int:
    """The rank of a place's precision, finest first: ``exact`` 0 to ``country`` 4; no
    precision counts as a country."""
    return PRECISIONS.index(precision or "country")  # type: ignore[arg-type]


def coded_now() -> datetime:
    """The time now in UTC, to the second: when a record is coded or stored."""
    return datetime.now(UTC).replace(microsecond=0)


DatePrecision = Literal["day", "week", "month", "year"]
Modality = Literal["asserted", "negated", "hypothetical", "future", "claimed"]


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One input as read: HTML or plain text with whatever metadata came with it."""

    id: str
    content: str
    is_html: bool
    origin: str
    title: str | None = None
    url: str | None = None
    published: date | None = None
    outlet: str | None = None


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that could not be used, with a one-line reason."""

    origin: str
    reason: str


@dataclass(frozen=True, slots=True)
class Dateline:
    place: str
    agency: str | None
    text: str


@dataclass(frozen=True, slots=True)
class Article:
    """Clean article text and its metadata. Evidence offsets point into ``text``."""

    id: str
    text: str
    title: str | None = None
    published: date | None = None
    outlet: str | None = None
    byline: str | None = None
    dateline: str | None = None
    dateline_place: str | None = None
    wire_agency: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Actor:
    text: str | None  # the words that name the party; None where the text names none
    name: str | None = None
    country: str | None = None
    sector: str | None = None
    inter: int | None = None
    acled_name: str | None = None

    def public(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "name": self.name,
            "country": self.country,
            "sector": self.sector,
        }


@dataclass(frozen=True, slots=True)
class Location:
    text: str
    name: str | None = None
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: Precision | None = None
    geonames_id: int | None = None
    admin2: str | None = None  # known from gazetteers built from a GeoNames dump


@dataclass(frozen=True, slots=True)
class Quantity:
    """A casualty figure: ``count`` is None when the words give no number ("a number of")."""

    count: int | None
    text: str


@dataclass(frozen=True, slots=True)
class Attribution:
    text: str


@dataclass(frozen=True, slots=True)
class Claim:
    text: str
    name: str | None = None


@dataclass(frozen=True, slots=True)
class Evidence:
    sentence: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class TollReport:
    """A death toll as one named source gives it: "VoJ reported 3 fatalities".

    ``party`` names the armed side the source speaks for, when it speaks for one: its figure
    is a claim. ``corroborating`` marks a source said to repeat a figure ("also reported").
    """

    source: str
    killed: Quantity
    party: str | None
    corroborating: bool
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Tally:
    """A roll-up statement: a count of many events or of their casualties over a period
    ("66 attacks since October 17"). ``kind`` is "events" or "casualties"."""

    kind: str
    count: Quantity
    what: str
    text: str
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class AcledCoding:
    event_type: str
    sub_event_type: str
    inter1: int | None
    inter2: int | None
    interaction: int | None
    fatalities: int
    geo_precision: int | None
    time_precision: int | None
    actor1: str | None = None  # ACLED-style actor names
    actor2: str | None = None
    fatalities_note: str | None = None  # why ``fatalities`` is not the toll the report gives


@dataclass(slots=True)
class Event:
    """One coded event: the published record."""

    id: str
    type: str
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    cameo_root: str | None = None
    actor: Actor | None = None
    recipient: Actor | None = None
    location: Location | None = None
    date: date | None = None
    date_precision: DatePrecision | None = None
    date_text: str | None = None
    fatalities: Quantity | None = None
    injuries: Quantity | None = None
    attribution: Attribution | None = None
    claimed_by: Claim | None = None
    toll_reports: list[TollReport] = field(default_factory=list)
    modality: Modality = "asserted"
    evidence: list[Evidence] = field(default_factory=list)
    confidence: float = 0.5
    acled: AcledCoding | None = None

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["actor"] = self.actor.public() if self.actor else None
        out["recipient"] = self.recipient.public() if self.recipient else None
        out["date"] = self.date.isoformat() if self.date else None
        return out


@dataclass(frozen=True, slots=True)
class ArticleResult:
    article: Article
    events: list[Event]
    tallies: list[Tally] = field(default_factory=list)
    coded_at: datetime = field(default_factory=coded_now)

    def to_dict(self) -> dict[str, Any]:
        article = self.article
        return {
            "id": article.id,
            "coded_at": self.coded_at.isoformat(),
            "article": {
                "title": article.title,
                "text": article.text,
                "published": article.published.isoformat() if article.published else None,
                "outlet": article.outlet,
                "byline": article.byline,
                "dateline": article.dateline,
                "wire_agency": article.wire_agency,
                "url": article.url,
            },
            "events": [event.to_dict() for event in self.events],
            "tallies": [asdict(tally) for tally in self.tallies],
        }
