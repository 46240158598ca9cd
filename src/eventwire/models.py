"""The published record, described once: pydantic models of an article record (a line of
``extract --format jsonl``) and of the stored events the API serves.

The JSON Schema in ``schema/event-record.schema.json`` is generated from :class:`CodedArticle`
(``python -m eventwire.models``; a test keeps the file equal to what the models give), and the
API documents its answers with these models. Only pydantic and the record types load here.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from eventwire.marks import LABELS
from eventwire.ontology import PLOVER_TYPES
from eventwire.records import Precision

SCHEMA_ID = "https://eventwire.example/schema/event-record.schema.json"

Iso3 = Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
Count = Annotated[int, Field(ge=0)]
PloverType = Literal[PLOVER_TYPES]  # type: ignore[valid-type]


class Model(BaseModel):
    """A part of the record: every key always present (null when unknown), no other keys."""

    model_config = ConfigDict(extra="forbid")


class Party(Model):
    text: str | None = Field(description="The words of the article that name the party.")
    name: str | None = Field(description="Canonical name.")
    country: Iso3 | None = Field(description="ISO 3166-1 alpha-3 (or IGO/NGO).")
    sector: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] | None = Field(
        description="PLOVER sector code (GOV, MIL, COP, REB, CVL, ...)."
    )


class Place(Model):
    text: str = Field(description="The words that name the place.")
    name: str | None = Field(description="The gazetteer's name.")
    country: Iso3 | None
    admin1: str | None = Field(description="First-level division (province, state).")
    admin2: str | None = Field(
        description="Second-level division (district), where the gazetteer knows it: one "
        "built from a GeoNames dump."
    )
    lat: Annotated[float, Field(ge=-90, le=90)] | None
    lon: Annotated[float, Field(ge=-180, le=180)] | None
    precision: Precision | None = Field(
        description="How finely the words place the event: the spot, near it, a district, a "
        "province or only the country."
    )
    geonames_id: int | None


class Figure(Model):
    count: Count | None = Field(description="Null when the words give no number.")
    text: str = Field(description="The words that give the figure, e.g. 'a number of'.")


class Attribution(Model):
    text: str = Field(description="Who reports the event.")


class Claim(Model):
    text: str = Field(description="The words that name who claimed the act.")
    name: str | None = Field(description="Canonical name of the claimant.")


class Evidence(Model):
    sentence: str
    start: Count = Field(description="Offset of the sentence in the article text.")
    end: Count


class TollReport(Model):
    source: str = Field(description="Who gives the figure.")
    killed: Figure
    party: str | None = Field(description="The armed side the source speaks for: a claim.")
    corroborating: bool = Field(description="The source is said to repeat another's figure.")
    evidence: Evidence


class Acled(Model):
    event_type: Literal[
        "Battles",
        "Explosions/Remote violence",
        "Violence against civilians",
        "Protests",
        "Riots",
        "Strategic developments",
    ]
    sub_event_type: str
    actor1: str | None = Field(description="ACLED-style name of the first actor.")
    actor2: str | None = Field(description="ACLED-style name of the second actor.")
    inter1: Annotated[int, Field(ge=1, le=8)] | None
    inter2: Annotated[int, Field(ge=1, le=8)] | None
    interaction: int | None
    fatalities: Count = Field(description="ACLED's figure: the most conservative credible one.")
    fatalities_note: str | None = Field(
        description="Why `fatalities` differs from the toll the record reports, in a sentence "
        "(a party's claim, a vague or ranged figure, a toll split between places, or a lower "
        "figure from another report of the event); null when they agree."
    )
    geo_precision: Literal[1, 2, 3] | None
    time_precision: Literal[1, 2, 3] | None


class EventRecord(Model):
    """One coded event. Every field points at the words it came from (``evidence``)."""

    id: str
    type: PloverType = Field(description="PLOVER event type.")
    mode: str | None = Field(description="PLOVER mode of the event type.")
    context: list[str] = Field(description="PLOVER contexts.")
    cameo_root: Annotated[str, Field(pattern=r"^[0-2][0-9]$")] | None = Field(
        description="CAMEO root code derived from the type and mode."
    )
    actor: Party | None
    recipient: Party | None
    location: Place | None
    date: date | None
    date_precision: Literal["day", "week", "month", "year"] | None
    date_text: str | None = Field(
        description="The words the date was resolved from; null when the report gives no day "
        "and the date is the article's publication day (precision week)."
    )
    fatalities: Figure | None
    injuries: Figure | None
    attribution: Attribution | None
    claimed_by: Claim | None
    toll_reports: list[TollReport] = Field(
        description="Death tolls that named sources give for the event. A figure from a party "
        "to the fighting is that party's claim (`party`); `corroborating` marks a source said "
        "to repeat another's figure."
    )
    modality: Literal["asserted", "negated", "hypothetical", "future", "claimed"]
    evidence: list[Evidence] = Field(min_length=1)
    confidence: Annotated[float, Field(ge=0, le=1)]
    acled: Acled | None


class Tally(Model):
    kind: Literal["events", "casualties"]
    count: Figure
    what: str
    text: str
    evidence: Evidence


class ArticleFields(Model):
    title: str | None
    text: str = Field(description="Clean article text; evidence offsets point into it.")
    published: date | None
    outlet: str | None
    byline: str | None
    dateline: str | None
    wire_agency: str | None
    url: str | None


class CodedArticle(Model):
    """One line of `eventwire extract --format jsonl`: an article and the events coded from
    it. Every field of an event points at the words it came from; unknown is null."""

    id: str = Field(description="The input's id, or its file name.")
    coded_at: datetime = Field(description="When the article was coded (UTC).")
    article: ArticleFields
    events: list[EventRecord] = Field(description="Ordered by salience, the main event first.")
    tallies: list[Tally] = Field(
        description="Roll-up statements that count many events or their casualties over a "
        'period ("66 attacks since October 17"): kept as reported tallies, never as events.'
    )


# --- as stored and served --------------------------------------------------------------------


class Cluster(Model):
    id: str = Field(description="The event's id: the cluster of its reports.")
    reports: int = Field(description="Reports merged into the event.")
    independent_sources: int = Field(description="Of them, not copies of one another.")
    outlets: list[str]
    wire_agencies: list[str] = Field(description="The wire agencies its reports credit.")
    updated: datetime = Field(
        description="When the event last changed in the store: the latest time one of its "
        "reports was coded and stored, or merged into it."
    )


class Source(Model):
    article: str = Field(description="Document id of the leading report's article.")
    title: str | None
    outlet: str | None
    url: str | None
    published: date | None


class StoredEvent(EventRecord):
    """An event as the store serves it: its leading report's record, the cluster of all its
    reports, and the article that report came from."""

    cluster: Cluster
    source: Source


class ClusterDetail(Cluster):
    fatalities_range: list[int] | None = Field(
        description="Lowest and highest death toll its reports give."
    )


class Report(Model):
    event_id: str
    article: str
    title: str | None
    outlet: str | None
    url: str | None
    wire_agency: str | None
    published: date | None
    story: int | None = Field(description="Near-copies of one wire story share it.")
    fatalities: Figure | None
    injuries: Figure | None
    attribution: Attribution | None
    merged: dict[str, str] | None = Field(description="The fields that agreed when merged.")
    forced: bool = Field(description="Merged or split by hand.")


class ReportSource(Model):
    outlet: str | None
    url: str | None
    wire_agency: str | None
    doc_id: str
    title: str | None
    published: date | None


class Mark(Model):
    """Where a coded field's words stand in the article: ``text[start:end]``."""

    start: int
    end: int
    label: Literal[LABELS]  # type: ignore[valid-type]
    event: str = Field(description="The id of the event (report) the field belongs to.")


class EventDetail(StoredEvent):
    """One real-world event: its leading report, every report with its source and figures, why
    they were merged, and the text the evidence offsets point into."""

    cluster: ClusterDetail
    article_text: str
    marks: list[Mark] = Field(description="Where the fields stand in `article_text`.")
    reports: list[Report]
    sources: list[ReportSource]


def record_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of :class:`CodedArticle`."""
    schema = CodedArticle.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}


if __name__ == "__main__":
    print(json.dumps(record_schema(), indent=2, ensure_ascii=False))
