"""The ``eventwire`` command line."""

from __future__ import annotations

import json
import logging
import sqlite3
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date, datetime
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from eventwire import __version__, filters
from eventwire.errors import EventwireError, UnknownValue
from eventwire.export import FORMATS, write
from eventwire.geocode import GAZETTEER_ENV, Gazetteer, default_gazetteer
from eventwire.geonames_dump import (
    DumpBuild,
    DumpError,
    build_from_dump,
    default_output_path,
    iso3_codes,
)
from eventwire.geonames_dump import Progress as BuildProgress
from eventwire.read import count_inputs, read_inputs
from eventwire.records import ArticleResult, RawDocument, Skipped
from eventwire.render import console, event_panel, events_table
from eventwire.store import DEFAULT_DB, SORTS, EventFilter, Store, StoreError

if TYPE_CHECKING:
    from eventwire.pipeline import Pipeline


class IsoDate(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: Any, ctx: Any) -> date:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.fail(f"{value!r} is not a date in YYYY-MM-DD form", param, ctx)


ISO_DATE = IsoDate()
db_option = click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_DB,
    show_default=True,
    help="The SQLite store.",
)
published_option = click.option(
    "--published", type=ISO_DATE, help="Publication date for inputs that carry none."
)
model_option = click.option(
    "--model",
    envvar="EVENTWIRE_SPACY_MODEL",
    default=None,
    help="Installed spaCy pipeline to use (default: the bundled en_core_web_sm 3.8).",
)


def folder_option(*names: str, **attrs: Any) -> Callable[[Any], Any]:
    """A ``click.option`` whose value is a folder's path."""
    return click.option(*names, type=click.Path(file_okay=False, path_type=Path), **attrs)


gazetteer_option = click.option(
    "--gazetteer",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar=GAZETTEER_ENV,
    show_envvar=True,
    help="Gazetteer file to geocode with, e.g. one from `eventwire gazetteer build`"
    " (default: the bundled one).",
)


def _pipeline(
    model: str | None, gazetteer: Path | None, classifier: Path | None = None
) -> Pipeline:
    """The pipeline, loaded here so that the commands that only read the store never load a
    parser. (A model, classifier or gazetteer that cannot be loaded is an EventwireError,
    which the command group reports in one line.)"""
    from eventwire.pipeline import Pipeline

    return Pipeline(
        model=model,
        gazetteer=_gazetteer(gazetteer),
        classifier=str(classifier) if classifier else None,
    )


def _gazetteer(path: Path | None) -> Gazetteer:
    return Gazetteer(path) if path else default_gazetteer()


def _skip_note(item: Skipped) -> None:
    click.echo(f"skipped {item.origin}: {item.reason}", err=True)


class _Commands(click.Group):
    """Commands whose Eventwire errors end in one line and exit status 1, not a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except EventwireError as exc:
            raise click.ClickException(str(exc)) from exc


@click.group(cls=_Commands)
@click.version_option(__version__, prog_name="eventwire")
@click.option(
    "--verbose",
    "-v",
    is_flag=True,
    help="Say on standard error why each sentence was passed over or each event word dropped.",
)
def main(verbose: bool) -> None:
    """Turn news reports into structured, sourced event records."""
    if verbose:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(name)s: %(message)s"))
        logger = logging.getLogger("eventwire")
        logger.addHandler(handler)
        logger.setLevel(logging.DEBUG)
        click.get_current_context().call_on_close(lambda: logger.removeHandler(handler))


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "jsonl", "table"]),
    default="json",
    show_default=True,
    help="json: pretty; jsonl: one line per article; table.",
)
@published_option
@model_option
@gazetteer_option
def extract(
    paths: tuple[str, ...],
    fmt: str,
    published: date | None,
    model: str | None,
    gazetteer: Path | None,
) -> None:
    """Read articles (files, directories, URLs, - for stdin) and print their events."""
    pipeline = _pipeline(model, gazetteer)
    results: list[dict[str, Any]] = []
    out = console()
    tally: Counter[str] = Counter()
    for item in pipeline.run(read_inputs(paths), published):
        tally["read"] += 1
        if isinstance(item, Skipped):
            tally["skipped"] += 1
            _skip_note(item)
            continue
        tally["undated"] += item.article.published is None
        record = item.to_dict()
        if fmt == "jsonl":
            click.echo(json.dumps(record, ensure_ascii=False))
        elif fmt == "table":
            rows = [
                {**e, "source": {"article": item.article.id, "outlet": item.article.outlet}}
                for e in record["events"]
            ]
            out.print(events_table(rows, title=f"{item.article.id}: {item.article.title or ''}"))
        else:
            results.append(record)
    if fmt == "json":
        payload: Any = results[0] if len(results) == 1 else results
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    _warn_if_undated(tally, "extract")
    _fail_if_nothing_read(tally)


def _warn_if_undated(tally: Counter[str], command: str) -> None:
    """Say so when articles came without a publication day: their relative dates ("on
    Tuesday") stay unresolved rather than guessed."""
    if tally["undated"]:
        again = " (ingest them again with it to re-code them)" if command == "ingest" else ""
        click.echo(
            f"warning: {tally['undated']} article(s) without a publication date: relative dates"
            f' in them ("on Tuesday") stay unresolved; give --published YYYY-MM-DD{again}',
            err=True,
        )


def _fail_if_nothing_read(tally: Counter[str]) -> None:
    """Exit with status 1 when every input was skipped: nothing was read."""
    if tally["skipped"] and tally["skipped"] == tally["read"]:
        click.echo("error: no input could be read", err=True)
        sys.exit(1)


def ingest_items(
    store: Store,
    pipeline: Pipeline,
    sources: tuple[str, ...],
    published: date | None,
    tally: Counter[str],
    recode: bool = False,
) -> None:
    """Process ``sources`` into ``store`` with a progress display, counting in ``tally`` as
    it goes, so that a caller stopped by an error or Ctrl-C can still report it."""
    reasons: list[Skipped] = []
    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("articles"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=console(stderr=True),
        transient=True,
    )
    try:
        with progress:
            task = progress.add_task("ingesting", total=count_inputs(sources))
            for item in pipeline.run(read_inputs(sources), published):
                tally["read"] += 1
                if isinstance(item, Skipped):
                    tally["skipped"] += 1
                    reasons.append(item)
                else:
                    tally["undated"] += item.article.published is None
                    outcome = store.put(item, origin=_origin(item), recode=recode)
                    tally[outcome] += 1
                    if outcome != "unchanged":
                        tally["events"] += len(item.events)
                progress.update(task, advance=1, description=f"ingesting {_label(item)}")
    finally:
        for item in reasons:
            _skip_note(item)


def ingest_reporting(
    store: Store,
    pipeline: Pipeline,
    sources: tuple[str, ...],
    published: date | None,
    db: Path,
    recode: bool = False,
) -> Counter[str]:
    """:func:`ingest_items` that always ends with its summary: after a store error (exit
    status 1) or Ctrl-C (exit status 130) too, each time saying that what was counted as
    stored is kept (every article is one transaction)."""
    tally: Counter[str] = Counter()
    try:
        ingest_items(store, pipeline, sources, published, tally, recode)
    except StoreError as exc:
        click.echo(_summary(tally, db), err=True)
        raise click.ClickException(f"{exc}; the articles before it are stored") from exc
    except KeyboardInterrupt:
        click.echo(_summary(tally, db), err=True)
        click.echo("interrupted: the articles counted as stored are kept", err=True)
        sys.exit(130)
    click.echo(_summary(tally, db), err=True)
    return tally


def _origin(result: ArticleResult) -> str:
    return result.article.url or result.article.id


def _label(item: ArticleResult | Skipped) -> str:
    return item.origin if isinstance(item, Skipped) else item.article.id


def _summary(tally: Counter[str], db: Path) -> str:
    return (
        f"{tally['read']} read, {tally['stored']} stored,"
        + (f" {tally['recoded']} re-coded," if tally["recoded"] else "")
        + f" {tally['unchanged']} unchanged,"
        f" {tally['skipped']} skipped; {tally['events']} events found; store: {db}"
    )


@main.command()
@click.argument("sources", nargs=-1, required=True)
@db_option
@published_option
@click.option(
    "--recode",
    is_flag=True,
    help="Code articles stored before anew (after a new model or rules); an article given a"
    " publication date it was stored without is re-coded anyway.",
)
@model_option
@gazetteer_option
def ingest(
    sources: tuple[str, ...],
    db: Path,
    published: date | None,
    recode: bool,
    model: str | None,
    gazetteer: Path | None,
) -> None:
    """Process articles (files, directories, URLs, - for stdin) into the local store."""
    pipeline = _pipeline(model, gazetteer)
    with Store(db) as store:
        tally = ingest_reporting(store, pipeline, sources, published, db, recode)
    _warn_if_undated(tally, "ingest")
    _fail_if_nothing_read(tally)


@main.command("spark-extract")
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "--out",
    required=True,
    help="Folder (a path or a Hadoop URI) to write articles/ (JSON Lines), events/ (Parquet)"
    " and skipped/ (JSON Lines) into.",
)
@click.option(
    "--master",
    help="Spark master URL: local[N], spark://HOST:7077, yarn, k8s://... (default: the one"
    " spark-submit gives, else local[*]).",
)
@click.option(
    "--partitions",
    type=click.IntRange(min=1),
    help="Partitions to spread the documents over (default: three per core).",
)
@click.option("--overwrite", is_flag=True, help="Replace what an earlier run wrote in --out.")
@published_option
@model_option
@gazetteer_option
def spark_extract(
    inputs: tuple[str, ...],
    out: str,
    master: str | None,
    partitions: int | None,
    overwrite: bool,
    published: date | None,
    model: str | None,
    gazetteer: Path | None,
) -> None:
    """Code files, folders or Hadoop URIs (HTML, text, JSON Lines, WARC) on Apache Spark, one
    model per worker, into JSON Lines and Parquet (needs the spark extra and Java 17+)."""
    from importlib.util import find_spec

    if find_spec("pyspark") is None:
        raise click.ClickException(
            "PySpark is not installed: pip install 'eventwire[spark]' (it needs Java 17+)"
        )
    from eventwire.spark import Settings, extract_on_spark

    settings = Settings(published, model, str(gazetteer) if gazetteer else None)
    done = extract_on_spark(inputs, out, settings, master, partitions, overwrite)
    click.echo(
        f"{done.articles} articles coded, {done.events} events found, {done.skipped} skipped"
        f" in {done.seconds:.1f} s; written to {out}",
        err=True,
    )
    _fail_if_nothing_read(Counter(read=done.articles + done.skipped, skipped=done.skipped))


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@db_option
@click.option(
    "--recode",
    is_flag=True,
    help="Let these records replace the coding of articles stored before (after re-coding an"
    " archive with a new model).",
)
def load(paths: tuple[Path, ...], db: Path, recode: bool) -> None:
    """Bring coded articles into the store, clustered as ingest does: spark-extract output
    folders or extract --format jsonl files. Loading again stores nothing twice."""
    from eventwire.rebuild import read_results

    tally: Counter[str] = Counter()
    with Store(db) as store:
        for path in paths:
            for item in read_results(path):
                tally["read"] += 1
                if isinstance(item, Skipped):
                    tally["skipped"] += 1
                    _skip_note(item)
                    continue
                outcome = store.put(item, origin=_origin(item), recode=recode)
                tally[outcome] += 1
                if outcome != "unchanged":
                    tally["events"] += len(item.events)
    click.echo(_summary(tally, db), err=True)
    _fail_if_nothing_read(tally)


@main.command()
@click.argument("sources", nargs=-1, required=True)
@db_option
@click.option(
    "--interval",
    type=click.FloatRange(min=10),
    default=900.0,
    show_default=True,
    help="Seconds between looks at each source (a failing one waits longer, up to a day).",
)
@click.option(
    "--delay",
    type=click.FloatRange(min=0),
    default=2.0,
    show_default=True,
    help="Seconds between two requests to one host.",
)
@click.option("--once", is_flag=True, help="Look at each source once and stop (for cron).")
@model_option
@gazetteer_option
def watch(
    sources: tuple[str, ...],
    db: Path,
    interval: float,
    delay: float,
    once: bool,
    model: str | None,
    gazetteer: Path | None,
) -> None:
    """Follow RSS/Atom feeds (URLs) and directories, ingesting each new item once; what has
    been seen is kept in the store, so a restart fetches nothing twice. Ctrl-C stops."""
    from eventwire.watch import Polite, is_feed, watch_round

    for source in sources:
        if not is_feed(source) and not Path(source).is_dir():
            raise click.BadParameter(f"{source} is neither a feed URL nor a directory")
    pipeline = _pipeline(model, gazetteer)
    polite = Polite(delay=delay)
    with Store(db) as store:
        try:
            while True:
                for tally in watch_round(
                    store, pipeline, polite, list(sources), interval, time.time()
                ):
                    for item in tally.skipped:
                        _skip_note(item)
                    wait = max(0.0, tally.retry_at - time.time()) / 60
                    click.echo(
                        f"{datetime.now().strftime('%H:%M:%S')} {tally.source}: {tally.note};"
                        f" {tally.stored} stored, {tally.events} events,"
                        f" {len(tally.skipped)} skipped; next look in {wait:.0f} min",
                        err=True,
                    )
                if once:
                    return
                due = min(store.watch_state(s)["retry_at"] for s in sources)
                time.sleep(min(max(1.0, due - time.time()), interval))
        except KeyboardInterrupt:
            click.echo(f"stopped; what was stored is kept in {db}", err=True)
            sys.exit(130)


def _resolved(resolve: Callable[[str], Any]) -> Callable[..., Any]:
    """A click callback reading an option through ``resolve`` (see :mod:`eventwire.filters`):
    the value as the store names it, or a usage error that says what is valid."""

    def callback(ctx: click.Context, param: click.Parameter, value: str | None) -> Any:
        try:
            return resolve(value) if value is not None else None
        except UnknownValue as exc:
            raise click.BadParameter(str(exc)) from exc

    return callback


FILTER_OPTIONS = (
    click.option("--since", type=ISO_DATE, help="Events on or after this date."),
    click.option("--until", type=ISO_DATE, help="Events on or before this date."),
    click.option(
        "--country",
        callback=_resolved(filters.country_code),
        help="Country of the place or a participant: ISO-3 or ISO-2 code, or name (Iraq).",
    ),
    click.option("--admin1", help="First-level division of the place (any case)."),
    click.option(
        "--type",
        "event_type",
        callback=_resolved(filters.event_type),
        help="PLOVER type, or ACLED event or sub-event type (any case).",
    ),
    click.option("--actor", help="Text in the actor's or recipient's name."),
    click.option("--search", help="Full-text search over the articles (SQLite FTS5 syntax)."),
    click.option(
        "--min-sources",
        type=click.IntRange(min=1),
        help="Events told by at least this many independent sources (copies count once).",
    ),
    click.option(
        "--bbox",
        callback=_resolved(filters.bbox),
        metavar="MINLON,MINLAT,MAXLON,MAXLAT",
        help="Events placed inside this box (degrees).",
    ),
    click.option(
        "--sort",
        type=click.Choice(sorted(SORTS)),
        default="-date",
        show_default=True,
        help="-date newest first, date oldest, -fatalities deadliest, fatalities least.",
    ),
)


def filter_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The event filters every listing shares: the same as the API's and the web app's."""
    for option in reversed(FILTER_OPTIONS):
        command = option(command)
    return command


def _where(limit: int | None = None, **chosen: Any) -> tuple[EventFilter, str]:
    """The filter and the order that :data:`FILTER_OPTIONS` chose."""
    sort = chosen.pop("sort")
    chosen["type"] = chosen.pop("event_type")
    return EventFilter(limit=limit, **chosen), sort


@main.command()
@db_option
@filter_options
@click.option("--limit", type=click.IntRange(min=1), help="At most this many events.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
)
def events(db: Path, limit: int | None, fmt: str, **chosen: Any) -> None:
    """List stored events: one per real-world event, however many reports tell it."""
    where, sort = _where(limit, **chosen)
    with Store(db, read_only=True) as store:
        try:
            found, _ = store.page(where, sort, limit=where.limit)
        except StoreError as exc:
            raise click.ClickException(f"bad query: {exc}") from exc
    if fmt == "json":
        click.echo(json.dumps(found, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        write("csv", found, sys.stdout)
    else:
        console().print(events_table(found, title=f"{len(found)} events"))


@main.command()
@click.argument("event_id")
@db_option
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
def show(event_id: str, db: Path, fmt: str) -> None:
    """One event with its evidence, every report of it and why they were merged."""
    with Store(db, read_only=True) as store:
        found = store.event(event_id)
    if found is None:
        raise click.ClickException(f"no event {event_id!r} in {db}")
    if fmt == "json":
        click.echo(json.dumps(found, ensure_ascii=False, indent=2))
    else:
        out = console()
        out.print(event_panel(found, plain=not out.is_terminal))


@main.command()
@click.argument("event_id")
@db_option
def split(event_id: str, db: Path) -> None:
    """Take one report out of the event it was merged into; it is never merged back."""
    with Store(db) as store:
        try:
            store.split(event_id)
        except StoreError as exc:
            raise click.ClickException(str(exc)) from exc
    click.echo(f"{event_id} is now an event of its own")


@main.command()
@db_option
def recluster(db: Path) -> None:
    """Decide again which reports tell one event, under the current rules (for a store built
    with older ones); splits and merges made by hand are kept."""
    with Store(db) as store:
        done = store.recluster()
    click.echo(
        f"{done.events} reports: {done.clusters_before} events before, {done.clusters_after} now;"
        f" {done.split} events split, {done.joined} joined"
    )


@main.command()
@click.argument("event_id")
@click.argument("other_id")
@db_option
def merge(event_id: str, other_id: str, db: Path) -> None:
    """Force two reports (and the events they belong to) into one event."""
    with Store(db) as store:
        try:
            cluster = store.merge(event_id, other_id)
        except StoreError as exc:
            raise click.ClickException(str(exc)) from exc
    click.echo(f"{event_id} and {other_id} are one event ({cluster})")


@main.command()
@click.argument("article", required=False)
@db_option
def tallies(article: str | None, db: Path) -> None:
    """Reported tallies ("66 attacks since October 17"), kept apart from events."""
    with Store(db, read_only=True) as store:
        found = store.tallies(article)
    for tally in found:
        count = tally["count"] if tally["count"] is not None else tally["count_text"]
        click.echo(
            f"{tally['article']}\t{tally['kind']}\t{count}\t{tally['what']}\t{tally['text']}"
        )


@main.command()
@db_option
@filter_options
@click.option(
    "--format", "fmt", type=click.Choice(sorted(FORMATS)), default="jsonl", show_default=True
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (default: standard output).",
)
def export(db: Path, fmt: str, output: Path | None, **chosen: Any) -> None:
    """Export the events matching the filters (all by default): jsonl, csv, acled-csv (ACLED's
    31 columns) or geojson, streamed a page of events at a time; standard error tells how many
    were written, and how many a format left out and why."""
    where, sort = _where(**chosen)
    with Store(db, read_only=True) as store:
        records = store.each_event(where, sort=sort)
        if output is None:
            rendering = write(fmt, records, sys.stdout)
        else:
            with output.open("w", encoding="utf-8", newline="") as handle:
                rendering = write(fmt, records, handle)
    click.echo(f"{rendering.summary()} as {fmt}", err=True)


def _predict(pipeline: Pipeline, docs: Iterable[RawDocument]) -> dict[str, list[dict[str, Any]]]:
    return {
        r.article.id: [e.to_dict() for e in r.events]
        for r in pipeline.run(docs)
        if isinstance(r, ArticleResult)
    }


def _evaluate_roles(
    gold: Path, against: Path | None, limit: int | None, pipeline: Callable[[], Pipeline]
) -> None:
    """Score document-level role filling on a MUC-4 file."""
    from eventwire.roles import read_muc4, score_roles

    try:
        documents = list(read_muc4(gold))[:limit]
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise click.ClickException(f"{gold}: not a MUC-4 JSON file ({exc})") from exc
    if against is not None:
        predictions = read_predictions(against)
    else:
        docs = (RawDocument(d.id, d.text, is_html=False, origin=str(gold)) for d in documents)
        predictions = _predict(pipeline(), docs)
    report = score_roles(documents, predictions)
    table = Table(
        "role", "gold", "predicted", "precision", "recall", "F1",
        title=f"{gold.name}: {report.documents} documents, head-noun match",
    )  # fmt: skip
    for s in [*report.scores.values(), report.micro]:
        table.add_row(
            s.name, str(s.gold), str(s.predicted),
            f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}",
        )  # fmt: skip
    console().print(table)


@main.command("eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--against",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Score this `extract --format jsonl` output instead of running Eventwire.",
)
@click.option(
    "--gold-format",
    type=click.Choice(["auto", "gold", "plover", "acled", "pitf", "muc4"]),
    default="auto",
    show_default=True,
    help="How GOLD is written; muc4 scores role filling (perpetrator, target, victim).",
)
@click.option(
    "--report",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the Markdown report here.",
)
@click.option("--limit", type=click.IntRange(min=1), help="Score only the first N items.")
@folder_option(
    "--classifier",
    envvar="EVENTWIRE_CLASSIFIER",
    help="Event classifier folder, e.g. one `eventwire train --hold-out` wrote"
    " (default: the shipped one).",
)
@model_option
@gazetteer_option
def evaluate_command(
    gold: Path,
    against: Path | None,
    gold_format: str,
    report: Path | None,
    limit: int | None,
    classifier: Path | None,
    model: str | None,
    gazetteer: Path | None,
) -> None:
    """Score extraction against a gold set (Eventwire gold JSONL, PLOVER GSR, ACLED CSV, PITF
    atrocities TSV or MUC-4 JSON)."""
    from eventwire.evaluate import evaluate, markdown
    from eventwire.goldsets import GoldFormatError, load_gold

    if gold_format == "muc4":
        _evaluate_roles(gold, against, limit, lambda: _pipeline(model, gazetteer, classifier))
        return
    try:
        items = load_gold(gold, gold_format)[:limit]
    except GoldFormatError as exc:
        raise click.ClickException(str(exc)) from exc
    if against is not None:
        predictions = read_predictions(against)
    else:
        pipeline = _pipeline(model, gazetteer, classifier)
        docs = (
            RawDocument(
                id=i.id, content=i.text, is_html=False, origin=str(gold), published=i.published
            )
            for i in items
        )
        predictions = _predict(pipeline, docs)
    result = evaluate(items, predictions)
    table = Table(
        "field",
        "gold",
        "correct",
        "precision",
        "recall",
        "F1",
        title=f"{gold.name}: {len(result.items)} items",
    )
    for s in result.scores.values():
        table.add_row(
            s.name,
            str(s.gold),
            str(s.correct),
            f"{s.precision:.3f}",
            f"{s.recall:.3f}",
            f"{s.f1:.3f}",
        )
    console().print(table)
    click.echo(
        f"event found: {result.found:.3f}; event type weighted F1: {result.weighted_type_f1:.3f}"
    )
    if report is not None:
        report.write_text(
            markdown(result, f"Eventwire evaluation on {gold.name}"), encoding="utf-8"
        )
        click.echo(f"report written to {report}", err=True)


def read_predictions(path: Path) -> dict[str, list[dict[str, Any]]]:
    """Events by article id from ``extract --format jsonl`` output."""
    found: dict[str, list[dict[str, Any]]] = {}
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                try:
                    record = json.loads(line)
                    found[str(record["id"])] = record.get("events") or []
                except (json.JSONDecodeError, KeyError, TypeError) as exc:
                    raise click.ClickException(f"{path}:{number}: {exc}") from exc
    return found


def default_shared_dir() -> Path:
    """``../shared`` beside the working directory, where the training material lives."""
    return Path.cwd().parent / "shared"


@main.command()
@folder_option(
    "--data",
    default=default_shared_dir,
    show_default="../shared",
    help="The shared folder with train/ and eval/acled-dev/.",
)
@folder_option(
    "--output",
    default=lambda: _model_dir(),
    show_default="the package's data/classifier",
    help="Folder to write the model and its manifest into.",
)
@click.option("--hold-out", metavar="ISO3", help="Leave this country's material out.")
@click.option(
    "--validate/--no-validate",
    default=True,
    show_default=True,
    help="Score leave-one-country-out first and record it in the manifest.",
)
@click.option("--seed", type=int, help="Random seed (default: the one the shipped model has).")
def train(data: Path, output: Path, hold_out: str | None, validate: bool, seed: int | None) -> None:
    """Train the event classifier from labelled material and write it with its manifest."""
    from eventwire import training  # scikit-learn's training side loads only here
    from eventwire.classifier import WEIGHTS, file_hash
    from eventwire.trainsets import read_training_material

    if not (data / "train").is_dir():
        raise click.ClickException(f"{data}: no train/ folder (is ../shared there?)")
    seed = training.SEED if seed is None else seed
    items = read_training_material(data)
    if hold_out:
        items = [i for i in items if i.country != hold_out]
    validation = None
    if validate:
        click.echo(f"validating leave-one-country-out on {len(items)} texts ...", err=True)
        validation = training.validate(items, seed)
        click.echo(validation.markdown())
    training.train(items, output, hold_out, seed, validation)
    sha = file_hash(output / WEIGHTS)
    click.echo(f"model written to {output} (sha256 {sha[:12]})", err=True)


def _model_dir() -> Path:
    from eventwire.classifier import MODEL_DIR  # NumPy and joblib load only for train

    return MODEL_DIR


def samples_dir() -> Path:
    return Path(str(resources.files("eventwire") / "samples"))


@main.command()
@db_option
@model_option
@gazetteer_option
def demo(db: Path, model: str | None, gazetteer: Path | None) -> None:
    """Ingest the bundled sample articles and show the events found."""
    pipeline = _pipeline(model, gazetteer)
    with Store(db) as store:
        ingest_reporting(store, pipeline, (str(samples_dir()),), None, db)
        found = store.events(EventFilter())
    out = console()
    out.print(events_table(found, title=f"Eventwire demo: {len(found)} events in {db}"))
    if found:
        click.echo(
            f"Next: eventwire show {found[0]['id']} --db {db}"
            f"\n  or: eventwire serve --db {db}  (the web app and API on http://127.0.0.1:8000/)",
            err=True,
        )


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to bind.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option(
    "--token",
    envvar="EVENTWIRE_API_TOKEN",
    help="Enable POST /v1/articles for clients that send this bearer token.",
)
@click.option(
    "--private",
    is_flag=True,
    help="Ask for the token on every request: programs send it as a bearer token, browsers"
    " ask their user once (HTTP Basic, any user name, the token as password).",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Server processes; reads scale with the cores.",
)
def serve(db: Path, host: str, port: int, token: str | None, private: bool, workers: int) -> None:
    """Serve the web app and the REST API (OpenAPI at /docs) over the store. Without a token
    the store is only read (and must exist)."""
    from eventwire.serve import run  # the web stack loads only for this command

    if private and not token:
        raise click.UsageError("--private needs --token (or EVENTWIRE_API_TOKEN)")
    if host not in ("127.0.0.1", "localhost", "::1") and not private:
        posting = "POST needs the token" if token else "POST is disabled (no --token)"
        click.echo(
            f"warning: serving on {host}: anyone who can reach this machine can read the store"
            f" ({posting}; --private asks for the token on reads too)",
            err=True,
        )
    click.echo(f"Eventwire at http://{host}:{port}/ (API docs at /docs); Ctrl-C to stop", err=True)
    run(db, host=host, port=port, token=token, workers=workers, private=private)


@main.group("gazetteer")
def gazetteer_group() -> None:
    """Build a full-size gazetteer from a GeoNames dump, or describe the one in use."""


class _BuildError(click.ClickException):
    exit_code = 2


def _country_codes(ctx: click.Context, param: click.Parameter, value: str | None) -> frozenset[str]:
    codes = frozenset(c.strip().upper() for c in (value or "").split(",") if c.strip())
    unknown = sorted(codes - iso3_codes().keys())
    if unknown:
        raise click.BadParameter(f"unknown ISO-2 code(s): {', '.join(unknown)}")
    return codes


@gazetteer_group.command("build")
@click.option(
    "--geonames",
    "dump",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="GeoNames dump: allCountries.zip, a country file such as AF.zip, cities500.zip,"
    " or the .txt inside one.",
)
@click.option(
    "--min-population",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Leave out populated places smaller than this (0: keep every one).",
)
@click.option(
    "--countries",
    metavar="CC,CC",
    callback=_country_codes,
    help="Only these countries' places (ISO-2 codes, e.g. AF,IQ); country rows are all kept.",
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help=f"File to write (default: {default_output_path()}).",
)
def gazetteer_build(
    dump: Path, min_population: int, countries: frozenset[str], output: Path | None
) -> None:
    """Build a gazetteer from a GeoNames dump; use it with --gazetteer or EVENTWIRE_GAZETTEER."""
    output = output or default_output_path()
    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        TimeElapsedColumn(),
        console=console(stderr=True),
        transient=True,
    )
    try:
        with progress:
            built = build_from_dump(
                dump,
                output,
                min_population=min_population,
                countries=countries,
                progress=_progress_report(progress),
            )
    except (DumpError, OSError, sqlite3.Error) as exc:
        raise _BuildError(str(exc)) from exc
    _print_build(built)


def _progress_report(progress: Progress) -> BuildProgress:
    tasks: dict[str, TaskID] = {}

    def report(stage: str, done: int, total: int) -> None:
        if stage not in tasks:
            tasks[stage] = progress.add_task(stage, total=total or None)
        progress.update(tasks[stage], completed=done)

    return report


def _print_build(built: DumpBuild) -> None:
    click.echo(f"wrote {built.output}")
    for kind in ("country", "admin1", "admin2", "city", "facility"):
        click.echo(f"  {kind:9s} {built.counts.get(kind, 0):>10,d}")
    click.echo(f"  {'names':9s} {built.names:>10,d}")
    for note in built.notes:
        click.echo(f"  note: {note}")
    click.echo(f"{built.size / 1_000_000:,.1f} MB in {built.seconds:,.1f} s")
    click.echo(f"use it with: export {GAZETTEER_ENV}={built.output}  (or --gazetteer PATH)")


@gazetteer_group.command("info")
@gazetteer_option
def gazetteer_info(gazetteer: Path | None) -> None:
    """Describe the gazetteer in use: its sources, counts, options and build date."""
    found = _gazetteer(gazetteer)
    click.echo(f"path: {found.path}")
    for key, value in found.meta().items():
        click.echo(f"{key}: {value}")
