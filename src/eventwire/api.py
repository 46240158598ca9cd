"""Eventwire's versioned REST API over the event store, and the web app that uses it.

``create_app(db_path)`` builds the FastAPI application. Reads go through a small pool of
read-only connections, one request at a time each; writes (``POST /v1/articles``) go through
one connection and one pipeline, one article at a time. Lists page by keyset: a page's
``next_cursor`` names the last event it showed, so pages stay stable while articles arrive.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import json
import os
import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import asynccontextmanager, contextmanager
from datetime import date
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeVar

import anyio
import anyio.to_thread
from fastapi import APIRouter, Depends, FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.concurrency import run_in_threadpool
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, StreamingResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field

from eventwire import __version__, filters
from eventwire.api_cache import CachedReads
from eventwire.errors import ExtractionError, UnknownValue
from eventwire.export import FORMATS, Format, Rendering, omissions, summary
from eventwire.inputs import ArticleRecord, InputError, document_from_json
from eventwire.models import (
    EventDetail,
    EventRecord,
    Evidence,
    Figure,
    Mark,
    Party,
    Place,
    StoredEvent,
)
from eventwire.ontology import ACLED_EVENT_TYPE, PLOVER_TYPES
from eventwire.records import ArticleResult, RawDocument
from eventwire.store import (
    MAX_NAME_SEARCH,
    SORTS,
    EventFilter,
    Page,
    SearchError,
    Store,
    StoreError,
    paged,
)

if TYPE_CHECKING:
    from eventwire.pipeline import Pipeline

TOKEN_ENV = "EVENTWIRE_API_TOKEN"
PRIVATE_ENV = "EVENTWIRE_PRIVATE"
STATIC_DIR = resources.files("eventwire") / "web" / "static"
# Paths the web app's client-side routes never take: unknown ones there are plain 404s.
RESERVED = ("v1", "static", "docs", "redoc", "openapi.json")
EXPORT_PAGE = 500  # events read per query while streaming an export
EXPORT_CHUNK = 64 * 1024  # characters sent at a time
# Response headers of an export: events written, events left out, and why in words.
EXPORT_WRITTEN = "X-Eventwire-Written"
EXPORT_LEFT_OUT = "X-Eventwire-Left-Out"
EXPORT_SUMMARY = "X-Eventwire-Export"

Record = dict[str, Any]
T = TypeVar("T")
PloverType = StrEnum("PloverType", {name: name for name in PLOVER_TYPES})  # type: ignore[misc]
Sort = Literal["-date", "date", "-fatalities", "fatalities"]

DESCRIPTION = """\
Events coded from news reports (PLOVER, with ACLED and CAMEO codings), one per real-world
event: each event is a cluster of the reports that tell it, shown through its most confident
report, with `cluster` (its id, reports, independent sources and outlets) and `source` (the
leading report's article).

Lists are paged by keyset: pass a page's `next_cursor` as `cursor` to get the next one.
`POST /v1/articles` needs `Authorization: Bearer <token>` and is off unless the server has a
token (`EVENTWIRE_API_TOKEN`). A private server (`serve --private`) asks for the token on every
request: as a bearer token, or as the password of HTTP Basic credentials.
"""


# --- connections -------------------------------------------------------------------------


class Stores:
    """The store as the app uses it: pooled read-only connections, and one writer with its
    pipeline (loaded on first use) behind a lock."""

    def __init__(self, path: Path, writable: bool) -> None:
        self.path = path
        # The writer migrates before any reader; without one the store must exist.
        self._writer = Store(path, check_same_thread=False) if writable else None
        if self._writer is not None:
            self._writer.optimize()
        self._idle: queue.SimpleQueue[Store] = queue.SimpleQueue()
        self._idle.put(Store(path, read_only=True, check_same_thread=False))
        self._write_lock = threading.Lock()
        self._pipeline: Pipeline | None = None
        # As many reading threads as cores: more only contend for the GIL.
        self.readers = anyio.CapacityLimiter(os.cpu_count() or 2)

    @contextmanager
    def reader(self) -> Iterator[Store]:
        """A read-only connection for this thread's exclusive use until the block ends."""
        try:
            store = self._idle.get_nowait()
        except queue.Empty:
            store = Store(self.path, read_only=True, check_same_thread=False)
        try:
            yield store
        finally:
            self._idle.put(store)

    def ingest(self, doc: RawDocument) -> tuple[bool, ArticleResult]:
        """Code ``doc`` and store it; whether it was new, and what was coded."""
        assert self._writer is not None, "ingestion is only routed with a token"
        with self._write_lock:
            if self._pipeline is None:
                from eventwire.pipeline import Pipeline  # the parser loads on the first POST

                self._pipeline = Pipeline()
            result = self._pipeline.process(doc)
            stored = self._writer.add(result, origin=result.article.url or result.article.id)
        return stored, result

    def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                return


def _stores(request: Request) -> Stores:
    return request.app.state.stores


async def _read(request: Request, work: Callable[[Store], T]) -> T:
    """``work(store)`` with a pooled read-only connection, in a worker thread: one hop per
    request (parameters are checked and responses encoded on the event loop), and no more
    threads at a time than :attr:`Stores.readers` allows."""
    stores = _stores(request)

    def run() -> T:
        with stores.reader() as store:
            return work(store)

    return await anyio.to_thread.run_sync(run, limiter=stores.readers)


# --- parameters ----------------------------------------------------------------------------


async def event_filter(
    since: Annotated[date | None, Query(description="Events on or after this date.")] = None,
    until: Annotated[date | None, Query(description="Events on or before this date.")] = None,
    country: Annotated[
        str | None,
        Query(
            max_length=100,
            description="The event's country or a participant's: an ISO 3166-1 alpha-3 or "
            "alpha-2 code, or a name (IRQ, iq, Iraq).",
        ),
    ] = None,
    admin1: Annotated[
        str | None,
        Query(max_length=200, description="First-order administrative division (any case)."),
    ] = None,
    event_type: Annotated[
        PloverType | None, Query(alias="type", description="PLOVER event type.")
    ] = None,
    acled_type: Annotated[
        str | None,
        Query(max_length=200, description="ACLED event type or sub-event type, e.g. Battles."),
    ] = None,
    actor: Annotated[
        str | None,
        Query(
            max_length=MAX_NAME_SEARCH, description="Text the actor's or recipient's name contains."
        ),
    ] = None,
    min_sources: Annotated[
        int | None,
        Query(ge=1, description="At least this many independent sources (copies count once)."),
    ] = None,
    q: Annotated[
        str | None,
        Query(
            min_length=1,
            max_length=1000,
            description="Full-text search of the reports' articles (FTS5).",
        ),
    ] = None,
    bbox: Annotated[
        str | None,
        Query(description="Events placed inside minlon,minlat,maxlon,maxlat (degrees)."),
    ] = None,
) -> EventFilter:
    """The event filters shared by the list, time series and export endpoints."""
    if since and until and since > until:
        raise HTTPException(422, "since is after until")
    try:
        country = filters.country_code(country) if country else None
        acled_type = filters.event_type(acled_type) if acled_type else None
        box = filters.bbox(bbox) if bbox is not None else None
    except UnknownValue as exc:
        raise HTTPException(422, str(exc)) from exc
    return EventFilter(
        since=since,
        until=until,
        country=country,
        type=event_type.value if event_type else None,
        actor=actor,
        search=q,
        min_sources=min_sources,
        admin1=admin1,
        acled_type=acled_type,
        bbox=box,
    )


Filter = Annotated[EventFilter, Depends(event_filter)]
Limit = Annotated[int, Query(ge=1, le=500, description="Most items to return (1 to 500).")]
Cursor = Annotated[
    str | None,
    Query(max_length=1000, description="The `next_cursor` of the previous page, for the next one."),
]


def _encode_cursor(*position: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(position).encode()).decode().rstrip("=")


def _decode_cursor(cursor: str, kind: str, size: int) -> list[Any]:
    """The position a cursor of ``kind`` with ``size`` values names, or a 400."""
    try:
        position = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (binascii.Error, ValueError, RecursionError):
        position = None
    valid = (
        isinstance(position, list)
        and len(position) == size + 1
        and all(type(v) in (int, float, str) for v in position)
        # SQLite's integers are 64-bit: a larger one is no position of ours
        and all(abs(v) < 2**63 for v in position if type(v) is int)
    )
    if not valid or position[0] != kind:
        raise HTTPException(400, f"invalid cursor for {kind}: pass a next_cursor unchanged")
    return position[1:]


# --- response shapes (for the OpenAPI description) -----------------------------------------


class Health(BaseModel):
    status: str = Field(description='"ok" when the store answers.')
    events: int = Field(description="Events (clusters of reports) stored.")
    articles: int = Field(description="Articles stored.")


class EventPage(BaseModel):
    items: list[StoredEvent] = Field(description="Event records with `cluster` and `source`.")
    next_cursor: str | None = Field(description="Cursor of the next page; null on the last.")
    count: int = Field(description="How many events match the filters in all.")


class ArticleFields(BaseModel):
    id: str = Field(description="The article's document id.")
    title: str | None
    outlet: str | None
    url: str | None
    published: str | None
    wire_agency: str | None


class ArticleSummary(ArticleFields):
    events: int = Field(description="Events coded from it.")


class ArticlePage(BaseModel):
    items: list[ArticleSummary]
    next_cursor: str | None = Field(description="Cursor of the next page; null on the last.")


class ArticleEvent(BaseModel):
    id: str
    type: str
    date: str | None
    cluster_id: str = Field(description="The event (cluster) the report belongs to.")
    actor: Party | None
    recipient: Party | None
    location: Place | None
    fatalities: Figure | None
    injuries: Figure | None
    evidence: list[Evidence]


class ArticleDetail(ArticleFields):
    byline: str | None
    dateline: str | None
    origin: str | None
    ingested_at: str
    text: str = Field(description="The clean text that evidence offsets point into.")
    events: list[ArticleEvent] = Field(description="The events coded from it.")
    marks: list[Mark] = Field(description="Where each event's fields stand in `text`.")
    tallies: list[Record] = Field(description="Roll-up figures it reports (not events).")


class ActorCount(BaseModel):
    name: str
    country: str | None
    sector: str | None
    events: int = Field(description="Events it leads as actor or recipient.")


class ActorList(BaseModel):
    items: list[ActorCount]


class PlaceCount(BaseModel):
    name: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    events: int


class PlaceList(BaseModel):
    items: list[PlaceCount]


class Period(BaseModel):
    period: str = Field(description="The day, or the Monday that starts the week.")
    type: str = Field(description="PLOVER type.")
    events: int
    fatalities: int = Field(
        description="Sum of the events' fatalities: the conservative ACLED figure (the lowest"
        " credible toll among a cluster's reports) where ACLED codes the event, else the"
        " leading report's fatalities.count."
    )


class Timeseries(BaseModel):
    interval: Literal["day", "week", "month"]
    items: list[Period]


class Ingested(BaseModel):
    stored: bool = Field(description="False when the same text was stored before.")
    events: list[EventRecord] = Field(description="The event records coded from it.")


def _as_stored(content: Record) -> JSONResponse:
    """Event records as the store holds them. Their response models document them (and the
    tests hold the two together) but do not re-check them: a store written by an earlier
    version keeps records of that version's shape, which must still be served, not a 500."""
    return JSONResponse(content)


# --- endpoints -----------------------------------------------------------------------------

v1 = APIRouter(prefix="/v1")


@v1.get("/health", response_model=Health)
async def health(request: Request) -> Record:
    """Whether the API and its store answer, with how many events and articles it holds."""

    def count(store: Store) -> Record:
        return {
            "status": "ok",
            "events": store.count_events(),
            "articles": store.counts(["articles"])["articles"],
        }

    return await _read(request, count)


@v1.get("/events", response_model=EventPage)
async def list_events(
    request: Request,
    where: Filter,
    sort: Annotated[
        Sort, Query(description="Order: newest (-date), oldest, deadliest or least deadly.")
    ] = "-date",
    limit: Limit = 100,
    cursor: Cursor = None,
) -> JSONResponse:
    """Events matching the filters, one per real-world event, a page at a time."""
    after = _decode_cursor(cursor, sort, len(SORTS[sort])) if cursor else None

    def page(store: Store) -> Record:
        items, last = store.page(where, sort, after, limit)
        return {
            "items": items,
            "next_cursor": _encode_cursor(sort, *last) if last else None,
            "count": store.count_events(where),
        }

    return _as_stored(await _read(request, page))


@v1.get(
    "/events/{event_id}",
    response_model=EventDetail,
    responses={404: {"description": "No such event."}},
)
async def get_event(
    request: Request,
    event_id: Annotated[str, PathParam(description="The id of the event or of any report.")],
) -> JSONResponse:
    """One event: its leading record, every report (with why it was merged), its sources,
    and `article_text`, the text its evidence offsets (`evidence[i].start/end`) point into."""
    found = await _read(request, lambda store: store.event(event_id))
    if found is None:
        raise HTTPException(404, f"no event {event_id}")
    return _as_stored(found)


@v1.get("/articles", response_model=ArticlePage)
async def list_articles(
    request: Request,
    q: Annotated[
        str | None, Query(min_length=1, max_length=1000, description="Full-text search (FTS5).")
    ] = None,
    limit: Limit = 100,
    cursor: Cursor = None,
) -> Record:
    """Stored articles, the latest stored first, a page at a time."""
    before = _decode_cursor(cursor, "articles", 1)[0] if cursor else None
    rows = await _read(request, lambda store: store.articles(q, before, limit + 1))
    last = rows[limit - 1]["key"] if len(rows) > limit else None
    return {
        "items": rows[:limit],
        "next_cursor": _encode_cursor("articles", last) if last is not None else None,
    }


@v1.get(
    "/articles/{doc_id:path}",
    response_model=ArticleDetail,
    responses={404: {"description": "No such article."}},
)
async def get_article(
    request: Request,
    doc_id: Annotated[str, PathParam(description="The article's document id.")],
) -> Record:
    """One article: its fields, clean text, the events coded from it and its tallies."""
    found = await _read(request, lambda store: store.article(doc_id))
    if found is None:
        raise HTTPException(404, f"no article {doc_id}")
    return found


@v1.get("/actors", response_model=ActorList)
async def list_actors(
    request: Request,
    q: Annotated[
        str | None,
        Query(min_length=1, max_length=MAX_NAME_SEARCH, description="Text the name contains."),
    ] = None,
    limit: Limit = 100,
) -> Record:
    """Actors by how many events they lead as actor or recipient, most first."""
    return {"items": await _read(request, lambda store: store.actors(q, limit))}


class EventTypes(BaseModel):
    plover: list[str] = Field(description="PLOVER event types: the `type` filter.")
    acled: dict[str, list[str]] = Field(
        description="ACLED event types, each with its sub-event types: the `acled_type` filter."
    )


@v1.get("/types", response_model=EventTypes)
async def event_types() -> Record:
    """The event types the filters take: PLOVER's, and ACLED's with their sub-event types."""
    acled: dict[str, list[str]] = {}
    for sub_event, event_type in ACLED_EVENT_TYPE.items():
        acled.setdefault(event_type, []).append(sub_event)
    return {"plover": list(PLOVER_TYPES), "acled": acled}


@v1.get("/places", response_model=PlaceList)
async def list_places(request: Request, limit: Limit = 100) -> Record:
    """Places by how many events happened there, most first."""
    return {"items": await _read(request, lambda store: store.places(limit))}


@v1.get("/timeseries", response_model=Timeseries)
async def timeseries(
    request: Request,
    where: Filter,
    interval: Annotated[
        Literal["day", "week", "month"],
        Query(description="Period: day, week (from Monday) or month."),
    ] = "day",
) -> Record:
    """Dated events matching the filters per period and PLOVER type, with their fatalities
    (the conservative ACLED figure where ACLED codes an event, else fatalities.count)."""
    items = await _read(request, lambda store: store.timeseries(where, interval))
    return {"interval": interval, "items": items}


def has_token(authorization: str, token: str) -> bool:
    """Whether an ``Authorization`` header carries ``token``: as a bearer token, or as the
    password of HTTP Basic credentials (what a browser sends after asking its user)."""
    scheme, _, given = authorization.partition(" ")
    if scheme.lower() == "basic":
        try:
            given = base64.b64decode(given, validate=True).decode().partition(":")[2]
        except ValueError:  # not base64, or not UTF-8
            return False
    elif scheme.lower() != "bearer":
        return False
    return hmac.compare_digest(given.encode(), token.encode())


def _authorize(request: Request) -> None:
    token: str | None = request.app.state.token
    if not token:
        raise HTTPException(
            403, f"ingestion is disabled: start the server with a token ({TOKEN_ENV})"
        )
    if not has_token(request.headers.get("authorization", ""), token):
        raise HTTPException(
            401, "a valid Authorization: Bearer token is needed", {"WWW-Authenticate": "Bearer"}
        )


async def _body(request: Request, limit: int) -> bytes:
    """The request body, or a 413 as soon as it is known to exceed ``limit`` bytes."""
    too_large = HTTPException(413, f"the body is larger than {limit} bytes")
    length = request.headers.get("content-length", "0")
    if not length.isdigit():
        raise HTTPException(400, "bad Content-Length")
    if int(length) > limit:
        raise too_large
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > limit:
            raise too_large
    return bytes(body)


@v1.post(
    "/articles",
    status_code=201,
    response_model=Ingested,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": ArticleRecord.model_json_schema()}},
        }
    },
    responses={
        401: {"description": "No or wrong bearer token."},
        403: {"description": "Ingestion is disabled (no token configured)."},
        413: {"description": "The body is too large."},
    },
)
async def post_article(request: Request) -> Record:
    """Code one article (`text` or `html`) and store it with its events."""
    _authorize(request)
    body = await _body(request, request.app.state.max_body_bytes)
    try:
        payload = json.loads(body)
    except ValueError as exc:  # not JSON, or not UTF-8
        raise HTTPException(422, f"invalid JSON: {exc}") from exc
    except RecursionError as exc:
        raise HTTPException(422, "invalid JSON: nested too deeply") from exc
    try:
        doc = document_from_json(payload, origin="api")
    except InputError as exc:
        raise HTTPException(422, str(exc)) from exc
    try:
        stored, result = await run_in_threadpool(_stores(request).ingest, doc)
    except ExtractionError as exc:
        raise HTTPException(422, str(exc)) from exc
    return {"stored": stored, "events": [event.to_dict() for event in result.events]}


# --- exports -------------------------------------------------------------------------------


def _all_events(stores: Stores, where: EventFilter) -> Iterator[Record]:
    """Every event matching ``where``, newest first, read a page per query, each with a
    pooled connection held only for that query."""

    def fetch(after: list[Any] | None) -> Page:
        with stores.reader() as store:
            return store.page(where, after=after, limit=EXPORT_PAGE)

    return paged(fetch)


def _chunked(pieces: Iterable[str]) -> Iterator[str]:
    """``pieces`` joined into chunks of about :data:`EXPORT_CHUNK` characters."""
    chunk: list[str] = []
    size = 0
    for piece in pieces:
        chunk.append(piece)
        size += len(piece)
        if size >= EXPORT_CHUNK:
            yield "".join(chunk)
            chunk, size = [], 0
    yield "".join(chunk)


def _export_counts(fmt: Format, stores: Stores, where: EventFilter) -> dict[str, str]:
    """The headers that tell what an export writes and leaves out, and why: a format that
    leaves events out reads the matching events once before streaming them."""
    left_out = omissions(fmt, _all_events(stores, where))
    with stores.reader() as store:
        written = store.count_events(where) - left_out.total()
    return {
        EXPORT_WRITTEN: str(written),
        EXPORT_LEFT_OUT: str(left_out.total()),
        EXPORT_SUMMARY: summary(written, left_out),
    }


def _export_route(fmt: Format) -> Callable[..., StreamingResponse]:
    def export(request: Request, where: Filter) -> StreamingResponse:
        counts = _export_counts(fmt, _stores(request), where)  # a bad filter fails here
        chunks = _chunked(Rendering(fmt, _all_events(_stores(request), where)))
        return StreamingResponse(
            chunks,
            media_type=fmt.media_type,
            headers={
                "Content-Disposition": f'attachment; filename="eventwire-events.{fmt.suffix}"',
                **counts,
            },
        )

    export.__doc__ = (
        f"{fmt.note} Every event matching the filters, newest first. The headers"
        f" `{EXPORT_WRITTEN}` and `{EXPORT_LEFT_OUT}` count the events written and left out,"
        f" `{EXPORT_SUMMARY}` says why they were left out."
    )
    return export


for _format in FORMATS.values():
    v1.add_api_route(
        f"/export.{_format.suffix}",
        _export_route(_format),
        methods=["GET"],
        response_class=StreamingResponse,
        responses={200: {"content": {_format.media_type: {}}}},
        summary=f"Export {_format.suffix}",
    )


# --- the app -------------------------------------------------------------------------------


def _store_error(request: Request, exc: Exception) -> JSONResponse:
    status = 400 if isinstance(exc, SearchError) else 500
    return JSONResponse({"detail": str(exc)}, status_code=status)


def _web(app: FastAPI) -> None:
    """Serve the web app from :data:`STATIC_DIR` (its client routes too), or else point
    ``/`` at the API's documentation."""
    static = Path(str(STATIC_DIR))
    index = static / "index.html"
    if static.is_dir():
        app.mount("/static", StaticFiles(directory=static), name="static")
    if (static / "docs" / "swagger-ui-bundle.js").is_file():

        @app.get("/docs", include_in_schema=False)
        def docs() -> HTMLResponse:
            """Swagger UI from the package's own copy: the documentation works offline."""
            return get_swagger_ui_html(
                openapi_url="/openapi.json",
                title="Eventwire API",
                swagger_js_url="/static/docs/swagger-ui-bundle.js",
                swagger_css_url="/static/docs/swagger-ui.css",
                swagger_favicon_url="data:,",
            )

    if not index.is_file():

        @app.get("/", include_in_schema=False)
        def about() -> Record:
            return {"name": "Eventwire API", "version": __version__, "docs": "/docs"}

        return

    @app.get("/{path:path}", include_in_schema=False)
    def web_app(path: str) -> FileResponse:
        if path.split("/", 1)[0] in RESERVED:
            raise HTTPException(404, "Not Found")
        return FileResponse(index)


def create_app(
    db_path: Path | str,
    token: str | None = None,
    max_body_bytes: int = 2_000_000,
    private: bool | None = None,
) -> FastAPI:
    """The API over the store at ``db_path``. ``POST /v1/articles`` needs ``token`` (or
    ``$EVENTWIRE_API_TOKEN``) as a bearer token, and is refused with 403 when neither is set;
    without a token the store is only read, and must exist. ``private`` (or
    ``$EVENTWIRE_PRIVATE=1``) asks for the token on every request, reads and the web app
    included."""
    token = token if token is not None else os.environ.get(TOKEN_ENV)
    private = private if private is not None else os.environ.get(PRIVATE_ENV) == "1"
    if private and not token:
        raise ValueError("a private server needs a token")
    stores = Stores(Path(db_path), writable=bool(token))

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> Any:
        yield
        stores.close()

    app = FastAPI(
        title="Eventwire API",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None if (Path(str(STATIC_DIR)) / "docs").is_dir() else "/docs",
    )
    app.state.stores = stores
    app.state.token = token
    app.state.max_body_bytes = max_body_bytes
    app.add_exception_handler(StoreError, _store_error)
    app.include_router(v1)
    _web(app)
    app.add_middleware(CachedReads, db_path=Path(db_path))
    if private:
        app.add_middleware(TokenRequired, token=token)  # outside the cache: it answers first
    app.add_middleware(SecurityHeaders)
    return app


class TokenRequired:
    """ASGI middleware of a private server: every request needs the token, as a bearer token
    (programs) or as the password of HTTP Basic credentials, which browsers ask their user for
    once and then send with every request of the web app, downloads included."""

    def __init__(self, app: Any, token: str) -> None:
        self.app = app
        self.token = token

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers", []))
        if has_token(headers.get(b"authorization", b"").decode("latin-1"), self.token):
            await self.app(scope, receive, send)
            return
        denied = JSONResponse(
            {"detail": "this server is private: send its token"},
            status_code=401,
            headers={"WWW-Authenticate": 'Basic realm="Eventwire", charset="UTF-8"'},
        )
        await denied(scope, receive, send)


class SecurityHeaders:
    """ASGI middleware: every answer says not to guess its type, not to be framed by other
    sites, and not to pass its address on to other origins."""

    HEADERS = (
        (b"x-content-type-options", b"nosniff"),
        (b"content-security-policy", b"frame-ancestors 'none'"),
        (b"x-frame-options", b"DENY"),
        (b"referrer-policy", b"same-origin"),
    )

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *self.HEADERS]}
            await send(message)

        await self.app(scope, receive, send_with_headers)
