"""The REST API, over a store built from the bundled samples and the cluster corpus."""

from __future__ import annotations

import base64
import csv
import io
import json
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import eventwire.api
from eventwire.api import TOKEN_ENV, create_app
from eventwire.models import EventDetail, EventRecord, StoredEvent
from eventwire.pipeline import Pipeline
from eventwire.read import read_inputs
from eventwire.records import ArticleResult
from eventwire.serve import DB_ENV, app_from_environment
from eventwire.store import EventFilter, Store, StoreError

SAMPLES = Path(eventwire.api.__file__).parent / "samples"
CORPUS = Path(__file__).parent / "data" / "clusters.jsonl"
TOKEN = "s3cret-token"
BOMBING = "cw-baidoa-market-bombing"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline) -> Path:
    path = tmp_path_factory.mktemp("api") / "events.db"
    with Store(path) as store:
        for item in pipeline.run(read_inputs([str(SAMPLES), str(CORPUS)])):
            if isinstance(item, ArticleResult):
                store.add(item, origin=item.article.id)
    return path


@pytest.fixture(scope="module")
def store(db: Path) -> Iterator[Store]:
    with Store(db) as opened:
        yield opened


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[TestClient]:
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv(TOKEN_ENV, raising=False)
        app = create_app(db)
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def writer(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline) -> Iterator[TestClient]:
    """A client of an empty store that takes articles (with the session's pipeline)."""
    app = create_app(
        tmp_path_factory.mktemp("ingest") / "events.db", token=TOKEN, max_body_bytes=4000
    )
    app.state.stores._pipeline = pipeline
    with TestClient(app) as test_client:
        yield test_client


def _get(client: TestClient, url: str, **params: Any) -> Any:
    response = client.get(url, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def _ids(items: list[dict[str, Any]]) -> list[str]:
    return [item["id"] for item in items]


def _walk(client: TestClient, limit: int, **params: Any) -> list[str]:
    """Every event id, page by page."""
    ids: list[str] = []
    cursor = None
    while True:
        page = _get(client, "/v1/events", limit=limit, cursor=cursor, **params)
        assert len(page["items"]) <= limit
        ids.extend(_ids(page["items"]))
        cursor = page["next_cursor"]
        if cursor is None:
            return ids


# --- events --------------------------------------------------------------------------------


def test_health_counts_events_and_articles(client: TestClient, store: Store) -> None:
    health = _get(client, "/v1/health")
    assert health == {
        "status": "ok",
        "events": len(store.events()),
        "articles": store.counts()["articles"],
    }


def test_the_first_page_is_the_store_s_newest_events(client: TestClient, store: Store) -> None:
    page = _get(client, "/v1/events")
    assert page["items"] == store.events()
    assert page["count"] == len(store.events()) > 20
    assert page["next_cursor"] is None
    assert all({"cluster", "source"} <= set(item) for item in page["items"])


@pytest.mark.parametrize(
    ("params", "where"),
    [
        ({"country": "som"}, EventFilter(country="SOM")),
        ({"type": "ASSAULT"}, EventFilter(type="ASSAULT")),
        (
            {"acled_type": "Explosions/Remote violence"},
            EventFilter(type="Explosions/Remote violence"),
        ),
        (
            {"since": "2025-06-09", "until": "2025-06-12"},
            EventFilter(since=date(2025, 6, 9), until=date(2025, 6, 12)),
        ),
        ({"actor": "shabaab"}, EventFilter(actor="shabaab")),
        ({"q": "livestock"}, EventFilter(search="livestock")),
        (
            {"country": "SOM", "type": "ASSAULT", "min_sources": 2},
            EventFilter(country="SOM", type="ASSAULT", min_sources=2),
        ),
    ],
)
def test_filters_match_the_store(
    client: TestClient, store: Store, params: dict[str, Any], where: EventFilter
) -> None:
    page = _get(client, "/v1/events", **params)
    expected = store.events(where)
    assert expected and page["items"] == expected
    assert page["count"] == len(expected)


def test_filtered_events_meet_the_conditions(client: TestClient) -> None:
    som = _get(client, "/v1/events", country="SOM", type="ASSAULT")["items"]
    assert som and all(e["type"] == "ASSAULT" for e in som)
    assert all("SOM" in {e["location"]["country"], e["actor"]["country"]} for e in som)
    dated = _get(client, "/v1/events", since="2025-06-09", until="2025-06-12")["items"]
    assert dated and all("2025-06-09" <= e["date"] <= "2025-06-12" for e in dated)
    admin1 = _get(client, "/v1/events", admin1="bay")["items"]
    assert admin1 and all(e["location"]["admin1"] == "Bay" for e in admin1)


def test_bbox_keeps_the_events_placed_inside(client: TestClient) -> None:
    baidoa = _get(client, "/v1/events", bbox="43,2.5,44,3.5")["items"]
    assert baidoa and all(e["location"]["name"] == "Baidoa" for e in baidoa)
    assert _get(client, "/v1/events", bbox="-10,-10,-9,-9")["items"] == []


def test_min_sources_keeps_corroborated_events(client: TestClient) -> None:
    two = _get(client, "/v1/events", min_sources=2)["items"]
    assert all(e["cluster"]["independent_sources"] >= 2 for e in two)
    assert {e["location"]["name"] for e in two} == {"Baidoa", "Idlib"}  # the bombing; a strike
    [bombing] = [e for e in two if e["location"]["name"] == "Baidoa"]
    assert bombing["type"] == "ASSAULT" and bombing["cluster"]["reports"] == 3
    assert _get(client, "/v1/events", min_sources=3)["items"] == []


@pytest.mark.parametrize("sort", ["-date", "date", "-fatalities", "fatalities"])
def test_cursor_pages_walk_every_event_once(client: TestClient, sort: str) -> None:
    everything = _get(client, "/v1/events", sort=sort, limit=500)
    walked = _walk(client, 4, sort=sort)
    assert walked == _ids(everything["items"])
    assert len(walked) == len(set(walked)) == everything["count"]


def test_cursor_pages_of_a_filter(client: TestClient, store: Store) -> None:
    assert _walk(client, 2, country="SOM") == _ids(store.events(EventFilter(country="SOM")))


def test_sort_orders(client: TestClient) -> None:
    def dates(sort: str) -> list[str | None]:
        return [e["date"] for e in _get(client, "/v1/events", sort=sort)["items"]]

    def shown_toll(event: dict[str, Any]) -> int:
        if event["acled"]:
            return event["acled"]["fatalities"]
        return (event["fatalities"] or {}).get("count") or 0

    newest, oldest = dates("-date"), dates("date")
    for order, descending in ((newest, True), (oldest, False)):
        known = [d for d in order if d]
        assert known == sorted(known, reverse=descending)
        assert order[len(known) :] == [None] * (len(order) - len(known))  # undated last
    deadliest = [shown_toll(e) for e in _get(client, "/v1/events", sort="-fatalities")["items"]]
    assert deadliest == sorted(deadliest, reverse=True) and deadliest[0] > 0
    least = [shown_toll(e) for e in _get(client, "/v1/events", sort="fatalities")["items"]]
    assert least == sorted(least)


def test_one_event_with_its_reports_and_evidence(client: TestClient) -> None:
    [lead] = [
        e
        for e in _get(client, "/v1/events", min_sources=2)["items"]
        if e["location"]["name"] == "Baidoa"
    ]
    event = _get(client, f"/v1/events/{lead['id']}")
    assert event["id"] == lead["id"]
    assert len(event["reports"]) == 3 and len(event["sources"]) == 3
    assert all("merged" in report for report in event["reports"])
    assert sum(report["merged"] is not None for report in event["reports"]) == 2
    assert event["cluster"]["fatalities_range"][0] <= event["cluster"]["fatalities_range"][1]
    text = event["article_text"]
    assert event["evidence"]
    for span in event["evidence"]:
        assert 0 <= span["start"] < span["end"] <= len(text)
        assert text[span["start"] : span["end"]] == span["sentence"]
    other_report = event["reports"][-1]["event_id"]
    assert _get(client, f"/v1/events/{other_report}")["id"] == lead["id"]
    marked = {m["label"]: text[m["start"] : m["end"]] for m in event["marks"]}
    assert marked["PLACE"] == event["location"]["text"]
    assert marked["KILLED"] == event["fatalities"]["text"]
    assert {m["event"] for m in event["marks"]} == {lead["id"]}


def test_an_unknown_event_is_a_json_404(client: TestClient) -> None:
    response = client.get("/v1/events/no-such-event")
    assert response.status_code == 404
    assert "no-such-event" in response.json()["detail"]


# --- articles, actors, places, time series ---------------------------------------------------


def test_articles_page_by_cursor(client: TestClient, store: Store) -> None:
    seen: list[str] = []
    cursor = None
    while True:
        page = _get(client, "/v1/articles", limit=4, cursor=cursor)
        seen.extend(_ids(page["items"]))
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == len(set(seen)) == store.counts()["articles"]
    first = _get(client, "/v1/articles", limit=1)["items"][0]
    assert set(first) == {"id", "title", "outlet", "url", "published", "wire_agency", "events"}
    found = _get(client, "/v1/articles", q="livestock")["items"]
    assert BOMBING in _ids(found) and len(found) < len(seen)


def test_one_article_with_text_events_and_tallies(client: TestClient, store: Store) -> None:
    article = _get(client, f"/v1/articles/{BOMBING}")
    assert article["outlet"] == "Coastline Wire" and article["published"] == "2025-06-10"
    assert article["text"].startswith("A car bomb exploded")
    assert [e["type"] for e in article["events"]] == ["ASSAULT"]
    [event] = article["events"]
    assert event["location"]["name"] == "Baidoa" and event["evidence"]
    marks = article["marks"]
    assert marks and {m["event"] for m in marks} == {event["id"]}
    assert [m["start"] for m in marks] == sorted(m["start"] for m in marks)
    assert all(article["text"][m["start"] : m["end"]].strip() for m in marks)
    assert article["tallies"] == store.tallies(BOMBING) != []
    assert client.get("/v1/articles/none-such").status_code == 404


def test_actors_count_the_events_they_lead(client: TestClient, store: Store) -> None:
    expected: Counter[str] = Counter()
    for event in store.events():
        names = {
            (event[role] or {}).get("name") or (event[role] or {}).get("text")
            for role in ("actor", "recipient")
        }
        expected.update(name for name in names if name)
    actors = _get(client, "/v1/actors", limit=500)["items"]
    assert {a["name"]: a["events"] for a in actors} == dict(expected)
    assert [a["events"] for a in actors] == sorted((a["events"] for a in actors), reverse=True)
    shabaab = _get(client, "/v1/actors", q="shabaab")["items"]
    assert [a["name"] for a in shabaab] == ["al-Shabaab"] and shabaab[0]["sector"] == "REB"


def test_places_count_the_events_there(client: TestClient, store: Store) -> None:
    keys = ("name", "country", "admin1", "lat", "lon")
    expected = Counter(
        tuple(e["location"][key] for key in keys)
        for e in store.events()
        if e["location"] and e["location"]["name"]
    )
    places = _get(client, "/v1/places", limit=500)["items"]
    assert {tuple(p[key] for key in keys): p["events"] for p in places} == dict(expected)
    baidoa = next(p for p in places if p["name"] == "Baidoa")
    assert baidoa["country"] == "SOM" and baidoa["events"] == 4  # the bombing twice, see clusters
    assert len(_get(client, "/v1/places", limit=2)["items"]) == 2


@pytest.mark.parametrize("interval", ["day", "week", "month"])
def test_timeseries_counts_dated_events(client: TestClient, store: Store, interval: str) -> None:
    series = _get(client, "/v1/timeseries", interval=interval)
    assert series["interval"] == interval
    dated = [e for e in store.events() if e["date"]]
    assert sum(p["events"] for p in series["items"]) == len(dated)
    periods = [date.fromisoformat(p["period"]) for p in series["items"]]
    if interval == "week":
        assert all(day.weekday() == 0 for day in periods)
    if interval == "month":
        assert all(day.day == 1 for day in periods)
        months = {(e["date"][:7] + "-01") for e in dated}
        assert {p["period"] for p in series["items"]} == months
    som = _get(client, "/v1/timeseries", interval=interval, country="SOM", type="ASSAULT")
    assert sum(p["fatalities"] for p in som["items"]) >= 9
    assert {p["type"] for p in som["items"]} == {"ASSAULT"}


def test_weeks_start_on_monday(client: TestClient) -> None:
    days = _get(client, "/v1/timeseries", since="2025-06-09", until="2025-06-15")["items"]
    weeks = _get(client, "/v1/timeseries", interval="week", since="2025-06-09", until="2025-06-15")
    assert {p["period"] for p in weeks["items"]} == {"2025-06-09"}
    assert sum(p["events"] for p in weeks["items"]) == sum(p["events"] for p in days)


# --- exports -------------------------------------------------------------------------------


def test_exports_stream_every_event(client: TestClient, store: Store) -> None:
    events = store.events()
    shapes = {
        "jsonl": ("application/x-ndjson", lambda text: len(text.splitlines()), len(events)),
        "csv": (
            "text/csv; charset=utf-8",
            lambda text: len(list(csv.DictReader(io.StringIO(text)))),
            len(events),
        ),
        "acled.csv": (
            "text/csv; charset=utf-8",
            lambda text: len(list(csv.DictReader(io.StringIO(text)))),
            sum(bool(e["acled"] and e["date"]) for e in events),
        ),
        "geojson": (
            "application/geo+json",
            lambda text: len(json.loads(text)["features"]),
            sum(bool(e["location"] and e["location"]["lat"] is not None) for e in events),
        ),
    }
    for name, (media_type, rows, expected) in shapes.items():
        response = client.get(f"/v1/export.{name}")
        assert response.status_code == 200
        assert response.headers["content-type"] == media_type
        assert f'filename="eventwire-events.{name}"' in response.headers["content-disposition"]
        assert rows(response.text) == expected > 0, name


def test_an_export_says_what_it_wrote_and_left_out(client: TestClient, store: Store) -> None:
    events = store.events(EventFilter(limit=None))
    for name in ("acled.csv", "geojson", "jsonl"):
        response = client.get(f"/v1/export.{name}")
        written, left_out = (
            int(response.headers[f"x-eventwire-{h}"]) for h in ("written", "left-out")
        )
        assert written + left_out == len(events)
        assert response.headers["x-eventwire-export"].startswith(
            f"wrote {written} of {len(events)} events"
        )
    acled = client.get("/v1/export.acled.csv")
    assert int(acled.headers["x-eventwire-written"]) == len(
        list(csv.DictReader(io.StringIO(acled.text)))
    )
    assert int(acled.headers["x-eventwire-left-out"]) > 0
    assert "with no ACLED equivalent" in acled.headers["x-eventwire-export"]


def test_exports_take_the_filters(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(eventwire.api, "EXPORT_PAGE", 2)  # several queries per export
    lines = client.get("/v1/export.jsonl", params={"country": "SOM"}).text.splitlines()
    som = _get(client, "/v1/events", country="SOM")["items"]
    assert [json.loads(line) for line in lines] == som


# --- ingestion -----------------------------------------------------------------------------

ARTICLE = {
    "id": "nairobi-arrests",
    "text": "Police arrested 12 protesters in Nairobi on Monday during a march over fuel prices.",
    "title": "Protesters arrested in Nairobi",
    "published": "2025-03-04",
    "outlet": "Rift Times",
}
BEARER = {"Authorization": f"Bearer {TOKEN}"}


def test_posting_is_disabled_without_a_token(client: TestClient) -> None:
    response = client.post("/v1/articles", json=ARTICLE, headers=BEARER)
    assert response.status_code == 403
    assert TOKEN_ENV in response.json()["detail"]


@pytest.mark.parametrize(
    "headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {TOKEN}"}]
)
def test_posting_needs_the_token(writer: TestClient, headers: dict[str, str]) -> None:
    response = writer.post("/v1/articles", json=ARTICLE, headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


def test_the_token_may_come_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(TOKEN_ENV, TOKEN)
    with TestClient(create_app(tmp_path / "events.db")) as enabled:
        response = enabled.post("/v1/articles", json=ARTICLE)
        assert response.status_code == 401  # enabled, but this request has no token


def test_posting_stores_an_article_once(writer: TestClient) -> None:
    response = writer.post("/v1/articles", json=ARTICLE, headers=BEARER)
    assert response.status_code == 201
    body = response.json()
    assert body["stored"] is True
    arrest = next(e for e in body["events"] if e["type"] == "COERCE")
    assert _get(writer, f"/v1/events/{arrest['id']}")["source"]["outlet"] == "Rift Times"
    again = writer.post("/v1/articles", json=ARTICLE, headers=BEARER)
    assert again.status_code == 201 and again.json()["stored"] is False
    assert _get(writer, "/v1/health")["articles"] == 1


def test_a_large_body_is_refused_unread(writer: TestClient) -> None:
    big = {**ARTICLE, "text": "word " * 1000}
    assert writer.post("/v1/articles", json=big, headers=BEARER).status_code == 413
    chunks = iter([json.dumps(big).encode()[i : i + 1000] for i in range(0, 5100, 1000)])
    streamed = writer.post("/v1/articles", content=chunks, headers=BEARER)  # no Content-Length
    assert streamed.status_code == 413


@pytest.mark.parametrize(
    "body",
    [
        b"{not json",
        b'["a list"]',
        b'{"id": "x"}',
        b'{"text": "no id"}',
        b'{"id": "x", "text": 5}',
        b'{"id": "x", "text": "Riot police cleared the square.", "url": "javascript:alert(1)"}',
        b"[" * 1500 + b"]" * 1500,  # deeper than Python's JSON reader goes
    ],
)
def test_a_bad_article_is_a_422(writer: TestClient, body: bytes) -> None:
    response = writer.post(
        "/v1/articles", content=body, headers={**BEARER, "Content-Type": "application/json"}
    )
    assert response.status_code == 422 and response.json()["detail"]


# --- bad requests ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/v1/events?since=yesterday",
        "/v1/events?until=2025-13-01",
        "/v1/events?since=2025-06-10&until=2025-06-01",
        "/v1/events?country=Somalya",  # a name it cannot place: 422 with a suggestion
        "/v1/events?type=RIOT",
        "/v1/events?min_sources=0",
        "/v1/events?bbox=1,2,3",
        "/v1/events?bbox=a,b,c,d",
        "/v1/events?bbox=10,0,0,10",
        "/v1/events?bbox=0,0,200,10",
        "/v1/events?bbox=nan,0,1,1",
        "/v1/events?sort=size",
        "/v1/events?limit=0",
        "/v1/events?limit=501",
        "/v1/events?limit=ten",
        "/v1/events?cursor=not-a-cursor",
        "/v1/events?cursor=WyJhcnRpY2xlcyIsIDFd",  # an articles cursor
        "/v1/events?q=%22unclosed",
        "/v1/events?q=AND",
        "/v1/events?q=nosuchcolumn:word",
        "/v1/articles?q=%22unclosed",
        "/v1/articles?cursor=%%%",
        # a position past SQLite's integers
        "/v1/articles?cursor=WyJhcnRpY2xlcyIsIDExODA1OTE2MjA3MTc0MTEzMDM0MjRd",
        "/v1/events?actor=" + "a%" * 30_000,
        "/v1/events?cursor=" + "W" * 5_000,
        "/v1/articles?limit=-1",
        "/v1/actors?limit=1000",
        "/v1/places?limit=0",
        "/v1/timeseries?interval=year",
        "/v1/timeseries?since=june",
        "/v1/export.csv?bbox=1",
        "/v1/export.jsonl?q=%22unclosed",
        "/v1/export.geojson?sort=size&limit=0&country=1",
    ],
)
def test_bad_parameters_are_explained(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code in (400, 422), (url, response.text)
    assert response.json()["detail"]


@pytest.mark.parametrize("url", ["/v1/events", "/v1/events", "/", "/v1/nothing-here"])
def test_every_answer_carries_the_security_headers(client: TestClient, url: str) -> None:
    headers = client.get(url).headers  # twice for the list: once coded, once from the cache
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["content-security-policy"] == "frame-ancestors 'none'"
    assert headers["x-frame-options"] == "DENY"


def test_the_cursor_of_another_order_is_refused(client: TestClient) -> None:
    cursor = _get(client, "/v1/events", limit=1)["next_cursor"]
    response = client.get("/v1/events", params={"cursor": cursor, "sort": "fatalities"})
    assert response.status_code == 400 and "cursor" in response.json()["detail"]


def test_a_store_failure_is_a_json_500(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> list[dict[str, Any]]:
        raise StoreError("disk I/O error")

    monkeypatch.setattr(Store, "places", broken)
    response = client.get("/v1/places")
    assert response.status_code == 500 and response.json() == {"detail": "disk I/O error"}


# --- documentation and the web app ---------------------------------------------------------


def test_openapi_describes_every_endpoint_and_parameter(client: TestClient) -> None:
    spec = _get(client, "/openapi.json")
    assert spec["info"]["title"] == "Eventwire API" and spec["info"]["version"]
    operations = [op for path in spec["paths"].values() for op in path.values()]
    assert len(operations) == 14
    for op in operations:
        assert op.get("description"), op["operationId"]
        for parameter in op.get("parameters", []):
            assert parameter.get("description"), (op["operationId"], parameter["name"])
    assert client.get("/docs").status_code == 200


def test_the_web_app_is_served_with_its_client_routes(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "index.html").write_text("<!doctype html><title>Eventwire</title>")
    (tmp_path / "app.js").write_text("console.log('eventwire')")
    monkeypatch.setattr(eventwire.api, "STATIC_DIR", tmp_path)
    with TestClient(create_app(db)) as web:
        for path in ("/", "/events/abc-1", "/articles/x/y"):
            response = web.get(path)
            assert response.status_code == 200 and "<title>Eventwire" in response.text
        assert web.get("/static/app.js").text == "console.log('eventwire')"
        assert web.get("/static/missing.js").status_code == 404
        unknown = web.get("/v1/unknown")
        assert unknown.status_code == 404 and unknown.json() == {"detail": "Not Found"}


def test_without_the_web_app_the_root_points_to_the_docs(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(eventwire.api, "STATIC_DIR", tmp_path / "absent")
    with TestClient(create_app(db)) as bare:
        assert bare.get("/").json()["docs"] == "/docs"
        assert bare.get("/events/abc-1").status_code == 404


def test_repeated_reads_follow_every_change_to_the_store(
    tmp_path: Path, pipeline: Pipeline
) -> None:
    app = create_app(tmp_path / "events.db", token=TOKEN)
    app.state.stores._pipeline = pipeline
    with TestClient(app) as fresh:
        assert _get(fresh, "/v1/events")["count"] == 0
        assert _get(fresh, "/v1/events")["count"] == 0  # answered again, from memory
        assert fresh.post("/v1/articles", json=ARTICLE, headers=BEARER).status_code == 201
        assert _get(fresh, "/v1/events")["count"] > 0


def test_a_worker_process_builds_its_app_from_the_environment(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DB_ENV, str(db))
    with TestClient(app_from_environment()) as worker:
        assert worker.get("/v1/health").json()["status"] == "ok"


# --- who may read -----------------------------------------------------------------------------


def test_without_a_token_the_store_must_exist_and_is_never_created(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(TOKEN_ENV, raising=False)
    with pytest.raises(StoreError, match="no store at"):
        create_app(tmp_path / "typo.db")
    assert not (tmp_path / "typo.db").exists()


def test_a_private_server_asks_for_the_token_on_every_request(db: Path) -> None:
    basic = base64.b64encode(f"analyst:{TOKEN}".encode()).decode()
    paths = ("/v1/events", "/v1/export.csv", "/v1/health", "/", "/docs", "/openapi.json")
    with TestClient(create_app(db, token=TOKEN, private=True)) as private:
        for path in paths:
            assert private.get(path, headers=BEARER).status_code == 200, path
            assert private.get(path, headers={"Authorization": f"Basic {basic}"}).status_code == 200
            for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic !!"}):
                denied = private.get(path, headers=headers)  # after a cached answer, too
                assert denied.status_code == 401, (path, headers)
                assert denied.headers["www-authenticate"].startswith("Basic realm=")
                assert denied.headers["x-content-type-options"] == "nosniff"
    with pytest.raises(ValueError, match="needs a token"):
        create_app(db, private=True)


# --- generated parameters -----------------------------------------------------------------------

HOSTILE = st.one_of(
    st.text(max_size=40),
    st.sampled_from("aZ09-").map(lambda c: c * 50_000),
    st.integers(min_value=-(2**80), max_value=2**80).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.dates().map(str),
    st.sampled_from(['"', "NEAR(", "*", "a OR", "%", "_", "[", "\\", "\x00", "..", "/", " "]),
    st.binary(max_size=24).map(lambda b: base64.urlsafe_b64encode(b).decode()),
)


def _operations() -> list[tuple[str, list[dict[str, Any]]]]:
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv(TOKEN_ENV, raising=False)
        spec = FastAPI_openapi()
    return [(path, ops["get"].get("parameters", [])) for path, ops in spec.items() if "get" in ops]


def FastAPI_openapi() -> dict[str, Any]:
    return eventwire.api.FastAPI(routes=eventwire.api.v1.routes).openapi()["paths"]


def _value(parameter: dict[str, Any]) -> st.SearchStrategy[str]:
    schema = parameter.get("schema", {})
    options = [schema, *schema.get("anyOf", [])]
    known = [str(v) for option in options for v in option.get("enum", [])]
    return st.one_of(HOSTILE, st.sampled_from(known)) if known else HOSTILE


@pytest.mark.parametrize(("path", "parameters"), _operations(), ids=lambda v: str(v)[:30])
def test_no_generated_parameter_gets_a_500(
    client: TestClient, path: str, parameters: list[dict[str, Any]]
) -> None:
    """Every GET route of the OpenAPI document, with generated values for its parameters."""

    @settings(max_examples=60, deadline=None, database=None, derandomize=True)
    @given(st.data())
    def check(data: st.DataObject) -> None:
        url, query = path, {}
        for parameter in parameters:
            if parameter["in"] == "path":
                url = url.replace("{" + parameter["name"] + "}", quote(data.draw(HOSTILE), safe=""))
            elif data.draw(st.booleans()):
                query[parameter["name"]] = data.draw(_value(parameter))
        assume(len(url) + sum(len(quote(v)) for v in query.values()) < 60_000)  # client's limit
        response = client.get(url, params=query)
        assert response.status_code < 500, (url, query, response.text[:200])

    check()


@settings(max_examples=40, deadline=None, database=None, derandomize=True)
@given(
    st.one_of(
        st.dictionaries(
            st.sampled_from(["id", "text", "html", "title", "url", "published", "outlet", "x"]),
            st.recursive(
                st.none() | st.booleans() | st.integers() | st.floats() | HOSTILE,
                lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner),
                max_leaves=6,
            ),
        ),
        st.binary(max_size=60).map(lambda b: b.decode("latin-1")),
    )
)
def test_no_generated_article_gets_a_500(writer: TestClient, body: Any) -> None:
    content = body.encode("utf-8") if isinstance(body, str) else json.dumps(body).encode()
    response = writer.post(
        "/v1/articles", content=content, headers={**BEARER, "Content-Type": "application/json"}
    )
    assert response.status_code in (201, 413, 422), response.text[:200]


def test_served_events_are_what_the_response_models_document(client: TestClient) -> None:
    """The event routes serve stored records without re-checking them (see api._as_stored):
    here every one is checked against the models /openapi.json documents."""
    page = _get(client, "/v1/events", limit=500)
    assert page["items"]
    for item in page["items"]:
        StoredEvent.model_validate(item)
        EventDetail.model_validate(_get(client, f"/v1/events/{item['id']}"))
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    assert set(EventRecord.model_fields) <= set(schemas["StoredEvent"]["properties"])


def test_a_country_may_be_named_and_a_typo_gets_a_suggestion(client: TestClient) -> None:
    by_name = _get(client, "/v1/events", country="Somalia")
    assert by_name["items"] and by_name == _get(client, "/v1/events", country="SOM")
    typo = client.get("/v1/events", params={"country": "Somalya"})
    assert typo.status_code == 422 and "did you mean Somalia (SOM)" in typo.json()["detail"]


def test_the_event_types_the_filters_take(client: TestClient) -> None:
    types = _get(client, "/v1/types")
    assert types["plover"][0] == "AGREE" and "ASSAULT" in types["plover"]
    assert "Air/drone strike" in types["acled"]["Explosions/Remote violence"]
    assert sum(len(subs) for subs in types["acled"].values()) == 25
    for name in ("Battles", "Armed clash"):
        assert client.get("/v1/events", params={"acled_type": name}).status_code == 200
