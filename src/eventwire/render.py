"""Render events for people: terminal tables and a single event with its evidence."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.console import Console, Group
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


def _kind(record: Record) -> str:
    kind = record["type"] + (f"/{record['mode']}" if record.get("mode") else "")
    acled = record.get("acled")
    return kind + (f"\n{acled['sub_event_type']}" if acled else "")


def events_table(records: Iterable[Record], title: str | None = None) -> Table:
    """A table of events: when, what, who to whom, where, casualties, where it came from."""
    table = Table(title=title, show_lines=True, expand=True)
    for column in (
        "id",
        "date",
        "event",
        "actor \u2192 recipient",
        "place",
        "casualties",
        "source",
    ):
        table.add_column(column, overflow="fold")
    for record in records:
        source = record.get("source") or {}
        date = record.get("date") or "-"
        if record.get("date_precision") not in {None, "day"}:
            date += f" ({record['date_precision']})"
        table.add_row(
            record["id"],
            date,
            _kind(record),
            f"{_party(record.get('actor'))}\n\u2192 {_party(record.get('recipient'))}",
            _place(record.get("location")),
            _casualties(record),
            (source.get("outlet") or source.get("article") or "-") + _corroboration(record),
        )
    return table


def _corroboration(record: Record) -> str:
    cluster = record.get("cluster") or {}
    reports = cluster.get("reports") or 1
    if reports < 2:
        return ""
    return f"\n{reports} reports, {cluster.get('independent_sources')} independent"


def highlighted(text: str, spans: Iterable[tuple[int, int]]) -> Text:
    """``text`` with the given character spans highlighted."""
    rich_text = Text(text)
    for start, end in spans:
        rich_text.stylize("bold black on yellow", start, end)
    return rich_text


def event_panel(record: Record) -> Group:
    """One event: every field with the words it came from, its evidence and its sources."""
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
        parts.append(Panel(highlighted(text, spans), title="article, evidence highlighted"))
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


def console(stderr: bool = False) -> Console:
    return Console(stderr=stderr, soft_wrap=False, width=None)
