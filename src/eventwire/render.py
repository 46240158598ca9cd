"""Render events for people: terminal tables and a single event with its evidence."""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

Record = dict[str, Any]


def _party(party: Record | None) -> str:
    if not party:
        return "-"
    label = party.get("name") or party.get("text") or "-"
    tags = "/".join(x for x in (party.get("country"), party.get("sector")) if x)
    return f"{label} [{tags}]" if tags else label


def _place(location: Record | None) -> str:
    if not location:
        return "-"
    parts = [location.get("name"), location.get("admin1"), location.get("country")]
    return ", ".join(p for p in parts if p) + f" ({location.get('precision')})"


def _casualties(record: Record) -> str:
    parts = []
    for key, label in (("fatalities", "killed"), ("injuries", "injured")):
        value = record.get(key)
        if value:
            words = value["text"].removesuffix(" of")  # "Dozens of" -> "Dozens"
            parts.append(f"{value['count'] if value['count'] is not None else words} {label}")
    return ", ".join(parts) or "-"


def _acled_fatalities(record: Record) -> list[tuple[str, str]]:
    """The ACLED figure of an event ACLED codes, with why it differs from the toll told."""
    acled = record.get("acled")
    if not acled:
        return []
    note = acled.get("fatalities_note")
    return [("ACLED fatalities", str(acled["fatalities"]) + (f" \u2014 {note}" if note else ""))]


def _kind(record: Record) -> str:
    kind = record["type"] + (f"/{record['mode']}" if record.get("mode") else "")
    acled = record.get("acled")
    return kind + (f"\n{acled['sub_event_type']}" if acled else "")


_TEXT_COLUMNS = ("event", "actor \u2192 recipient", "place", "casualties", "source")


WIDE = 120  # narrower than this, events are listed as blocks: seven columns would break words


class EventsView:
    """Events for the terminal, laid out for the width there is: a table of when, what, who to
    whom, where, casualties and source; on a narrow terminal a block per event, so that no
    word is broken."""

    def __init__(self, records: Iterable[Record], title: str | None = None) -> None:
        self.records = list(records)
        self.title = title

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if options.max_width >= WIDE:
            yield _table(self.records, self.title)
            return
        if self.title:
            yield Text(self.title, style="bold")
        for record in self.records:
            yield _block(record)


def events_table(records: Iterable[Record], title: str | None = None) -> EventsView:
    """The events as :class:`EventsView` lays them out."""
    return EventsView(records, title)


def _block(record: Record) -> Text:
    """One event in three lines: id, date and kind; the parties; place, toll and source."""
    source = record.get("source") or {}
    kind = _kind(record).replace("\n", " \u2014 ")
    block = Text()
    block.append(record["id"], style="bold")
    block.append(f"  {_date(record)}  {kind}\n")
    block.append(f"  {_party(record.get('actor'))} \u2192 {_party(record.get('recipient'))}\n")
    where = (source.get("outlet") or source.get("article") or "-") + _corroboration(record)
    block.append(
        f"  {_place(record.get('location'))} \u00b7 {_casualties(record)} \u00b7 "
        + where.replace("\n", ", ")
        + "\n"
    )
    return block


def _date(record: Record) -> str:
    date = record.get("date") or "-"
    if record.get("date_precision") not in {None, "day"}:
        date += f" ({record['date_precision']})"
    return date


def _table(records: list[Record], title: str | None) -> Table:
    """Ids and dates are never broken; each text column is at least as wide as its longest word
    and takes the rest of the width by how much it holds, wrapping at spaces."""
    rows = []
    for record in records:
        source = record.get("source") or {}
        rows.append(
            (
                record["id"],
                _date(record),
                _kind(record),
                f"{_party(record.get('actor'))}\n\u2192 {_party(record.get('recipient'))}",
                _place(record.get("location")),
                _casualties(record),
                (source.get("outlet") or source.get("article") or "-") + _corroboration(record),
            )
        )
    table = Table(title=title, show_lines=True, expand=True)
    table.add_column("id", no_wrap=True)
    table.add_column("date", no_wrap=True)
    for column in _TEXT_COLUMNS:
        table.add_column(column)  # measured: at least its longest word, wrapped at spaces
    for row in rows:
        table.add_row(*row)
    return table


def _corroboration(record: Record) -> str:
    cluster = record.get("cluster") or {}
    reports = cluster.get("reports") or 1
    if reports < 2:
        return ""
    return f"\n{reports} reports, {cluster.get('independent_sources')} independent"


def highlighted(text: str, spans: Iterable[tuple[int, int]], plain: bool = False) -> Text:
    """``text`` with the given character spans highlighted: in colour, or (``plain``, for a
    pipe or a file, where colour is lost) between ``[[`` and ``]]``."""
    if plain:
        marked, last = [], 0
        for start, end in sorted(spans):
            if start < last:
                continue  # one span inside another: marked once
            marked += [text[last:start], "[[", text[start:end], "]]"]
            last = end
        return Text("".join([*marked, text[last:]]))
    rich_text = Text(text)
    for start, end in spans:
        rich_text.stylize("bold black on yellow", start, end)
    return rich_text


def event_panel(record: Record, plain: bool = False) -> Group:
    """One event: every field with the words it came from, its evidence (marked in colour, or
    with ``[[ ]]`` when ``plain``) and its sources."""
    fields = Table.grid(padding=(0, 2))
    fields.add_column(style="bold")
    fields.add_column()
    rows = [
        ("type", _kind(record).replace("\n", " \u2014 ACLED: ")),
        ("modality", record["modality"]),
        (
            "date",
            f"{record.get('date') or '-'} ({record.get('date_precision') or '-'})"
            f"  \u2190 \u201c{record.get('date_text') or ''}\u201d",
        ),
        (
            "actor",
            f"{_party(record.get('actor'))}  \u2190 \u201c"
            f"{(record.get('actor') or {}).get('text', '')}\u201d",
        ),
        (
            "recipient",
            f"{_party(record.get('recipient'))}  \u2190 \u201c"
            f"{(record.get('recipient') or {}).get('text', '')}\u201d",
        ),
        (
            "place",
            f"{_place(record.get('location'))}  \u2190 \u201c"
            f"{(record.get('location') or {}).get('text', '')}\u201d",
        ),
        ("casualties", _casualties(record)),
        *_acled_fatalities(record),
        ("attribution", (record.get("attribution") or {}).get("text") or "-"),
        ("claimed by", (record.get("claimed_by") or {}).get("text") or "-"),
        ("confidence", str(record["confidence"])),
    ]
    for name, value in rows:
        fields.add_row(name, value)
    parts: list[Any] = [Panel(fields, title=f"event {record['id']}")]
    text = record.get("article_text")
    if text:
        spans = [(e["start"], e["end"]) for e in record.get("evidence") or []]
        title = "article, evidence " + ("between [[ ]]" if plain else "highlighted")
        parts.append(Panel(highlighted(text, spans, plain), title=title))
    else:
        for evidence in record.get("evidence") or []:
            parts.append(Text(f"\u201c{evidence['sentence']}\u201d"))
    reports = record.get("reports")
    if reports:
        parts.append(_reports_table(record, reports))
    else:
        source = record.get("source") or {}
        listing = Table("outlet", "article", "published", "url", title="source", expand=True)
        listing.add_row(
            source.get("outlet") or "-",
            source.get("title") or source.get("article") or "-",
            source.get("published") or "-",
            source.get("url") or "-",
        )
        parts.append(listing)
    return Group(*parts)


def _reports_table(record: Record, reports: list[Record]) -> Table:
    """Every report of the event: its source, its own figures and why it was merged."""
    cluster = record.get("cluster") or {}
    title = f"{len(reports)} reports, {cluster.get('independent_sources', 1)} independent sources"
    if cluster.get("fatalities_range"):
        low, high = cluster["fatalities_range"]
        title += f"; killed: {low}" + (f" to {high}" if high != low else "")
    listing = Table(
        "report", "outlet", "published", "killed", "merged because", title=title, expand=True
    )
    for report in reports:
        merged = report.get("merged")
        listing.add_row(
            report["event_id"],
            f"{report.get('outlet') or '-'}\n{report.get('url') or report.get('article')}",
            report.get("published") or "-",
            (report.get("fatalities") or {}).get("text") or "-",
            "; ".join(f"{k}: {v}" for k, v in merged.items()) if merged else "(first report)",
        )
    return listing


PIPE_WIDTH = 160  # a table written to a pipe or a file: wide enough not to wrap most cells


def console(stderr: bool = False) -> Console:
    """A console for the terminal, or for a pipe: no colour there and a fixed, generous width
    (``COLUMNS`` when set) instead of 80."""
    out = Console(stderr=stderr, soft_wrap=False)
    if not out.is_terminal and "COLUMNS" not in os.environ:
        out = Console(stderr=stderr, soft_wrap=False, width=PIPE_WIDTH)
    return out
