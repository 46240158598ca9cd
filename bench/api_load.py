"""Latency and throughput of the REST API over a large store, under concurrent clients.

A store of 100,000 synthetic events is written directly (as ``bench/dedup.py`` does): realistic
records spread over 40 countries, the 16 PLOVER types and three years, about one in six told
by two to four reports from other outlets. The API is then served by uvicorn on 127.0.0.1 in a
subprocess while 50 concurrent clients (asyncio and httpx) send, for 20 seconds:

* ``filtered``: a page of events of one country and type in a date range (limit 100);
* ``first_page``: the newest 100 events, unfiltered;
* ``second_page``: the next 100, through the first page's cursor;
* ``event``: one event by id, with its reports and article text;
* ``timeseries``: one country's events per week.

Each query's latency percentiles and rate are printed, then
``api_load filtered_page_p95_ms=...``. ``--think`` gives each client a random pause (up to
twice the given mean, in ms) between requests, as people browsing would; without it every
client sends its next request as soon as its last is answered, so latency is mostly queueing.

``--wrk`` adds two runs of ``wrk`` (Debian package) over distinct filtered pages, without and
with a one-second mean pause per connection: ``wrk`` is written in C, so unlike the Python
clients it leaves the two cores to the server.

Run ``python bench/api_load.py`` (about a minute; ``--quick``: 10,000 events for 5 seconds).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import httpx

from eventwire.ontology import PLOVER_TYPES
from eventwire.store import Store

COUNTRIES = ["SOM", "SYR", "AFG", "IRQ", "YEM", "NGA", "MLI", "UKR", "SDN", "COD", "MMR", "PAK",
             "IND", "MEX", "COL", "BRA", "ETH", "KEN", "LBY", "LBN", "ISR", "PSE", "TUR", "IRN",
             "RUS", "USA", "GBR", "FRA", "DEU", "CHN", "PHL", "IDN", "BFA", "NER", "CMR", "MOZ",
             "HTI", "VEN", "EGY", "TCD"]  # fmt: skip
OUTLETS = [f"Outlet {n}" for n in range(30)]
AGENCIES = ["Coastline Wire", "Levant Wire", None, None, None]
SECTORS = ["MIL", "COP", "GOV", "REB", "CVL", "PTY"]
VIOLENT = {"ASSAULT": ("Violence against civilians", "Attack"), "PROTEST": ("Protests",
           "Peaceful protest"), "COERCE": ("Strategic developments", "Arrests")}  # fmt: skip
START = date(2023, 1, 1)
DAYS = 3 * 365
CLIENTS = 50


def _place(rng: random.Random, country: str) -> dict[str, object]:
    """One of 25 fixed places in ``country``."""
    n = rng.randrange(25)
    seed = random.Random(f"{country}{n}")
    return {
        "text": f"Town {n}",
        "name": f"Town {n}",
        "country": country,
        "admin1": f"Province {n % 8}",
        "lat": round(seed.uniform(-30, 50), 5),
        "lon": round(seed.uniform(-20, 100), 5),
        "precision": "exact",
        "geonames_id": None,
    }


def _party(rng: random.Random, country: str) -> dict[str, object]:
    sector = rng.choice(SECTORS)
    return {"text": f"{sector} of {country}", "name": f"{sector} {country} {rng.randrange(5)}",
            "country": country, "sector": sector}  # fmt: skip


def _record(rng: random.Random, event_id: str) -> dict:
    kind = rng.choice(PLOVER_TYPES)
    country = rng.choice(COUNTRIES)
    when = START + timedelta(days=rng.randrange(DAYS))
    killed = rng.randrange(30) if kind == "ASSAULT" and rng.random() < 0.6 else None
    sentence = f"Something of kind {kind.lower()} happened in Town on {when:%A}, officials said."
    acled = VIOLENT.get(kind)
    return {
        "id": event_id, "type": kind, "mode": None, "context": [], "cameo_root": None,
        "actor": _party(rng, country), "recipient": _party(rng, country),
        "location": _place(rng, country), "date": when.isoformat(), "date_precision": "day",
        "date_text": when.strftime("%A"),
        "fatalities": {"count": killed, "text": str(killed)} if killed is not None else None,
        "injuries": None, "attribution": {"text": "officials"}, "claimed_by": None,
        "toll_reports": [], "modality": "asserted",
        "evidence": [{"sentence": sentence, "start": 0, "end": len(sentence)}],
        "confidence": round(rng.uniform(0.4, 0.95), 2),
        "acled": {"event_type": acled[0], "sub_event_type": acled[1], "inter1": 1, "inter2": 7,
                  "interaction": 17, "fatalities": killed or 0, "geo_precision": 1,
                  "time_precision": 1} if acled else None,
    }  # fmt: skip


def _add_report(store: Store, n: int, record: dict, cluster_id: str, rng: random.Random) -> None:
    """One synthetic article (its own story) telling ``record``, a report of ``cluster_id``."""
    db = store.db
    outlet = rng.choice(OUTLETS)
    sentence = record["evidence"][0]["sentence"]
    db.execute("INSERT INTO stories (id, canonical_article_id) VALUES (?, ?)", (n, n))
    db.execute(
        "INSERT INTO articles (id, hash, doc_id, title, text, published, outlet, wire_agency,"
        " url, ingested_at, story_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?)",
        (n, f"synthetic-{n}", f"synthetic-{n}", f"Report {n}", sentence, record["date"], outlet,
         rng.choice(AGENCIES), f"https://example.org/{n}", n),
    )  # fmt: skip
    location, actor, recipient, acled = (
        record["location"],
        record["actor"],
        record["recipient"],
        record["acled"] or {},
    )
    db.execute(
        "INSERT INTO events (id, article_id, rank, type, date, date_precision, modality,"
        " confidence, country, admin1, location, lat, lon, actor, actor_country, recipient,"
        " recipient_country, fatalities, acled_event_type, acled_sub_event_type, record,"
        " cluster_id) VALUES (?, ?, 0, ?, ?, 'day', 'asserted', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
        " ?, ?, ?, ?, ?)",
        (record["id"], n, record["type"], record["date"], record["confidence"],
         location["country"], location["admin1"], location["name"], location["lat"],
         location["lon"], actor["name"], actor["country"], recipient["name"],
         recipient["country"], (record["fatalities"] or {}).get("count"),
         acled.get("event_type"), acled.get("sub_event_type"), json.dumps(record), cluster_id),
    )  # fmt: skip
    db.execute("INSERT INTO evidence VALUES (?, ?, 0, ?)", (record["id"], sentence, len(sentence)))
    db.execute(
        "INSERT INTO sources VALUES (?, ?, ?, ?, NULL)",
        (record["id"], n, outlet, f"https://example.org/{n}"),
    )


def fill(path: Path, events: int, rng: random.Random) -> int:
    """Write ``events`` synthetic events (clusters) to a new store; returns the reports."""
    reports = 0
    with Store(path) as store, store.db:
        for n in range(events):
            record = _record(rng, f"synthetic-{n}")
            _add_report(store, reports, record, record["id"], rng)
            reports += 1
            if rng.random() < 1 / 6:  # more reports of the same event, from other outlets
                for _ in range(rng.randrange(1, 4)):
                    other = {**record, "id": f"synthetic-{n}-{reports}"}
                    other["confidence"] = round(rng.uniform(0.4, 0.95), 2)
                    _add_report(store, reports, other, record["id"], rng)
                    reports += 1
    return reports


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve(path: Path, port: int) -> subprocess.Popen[bytes]:
    """uvicorn serving the store at ``path`` (no access log) in a subprocess, once it answers."""
    code = (
        "import uvicorn; from eventwire.api import create_app;"
        f" uvicorn.run(create_app({str(path)!r}), host='127.0.0.1', port={port},"
        " log_level='warning', access_log=False)"
    )
    server = subprocess.Popen([sys.executable, "-c", code])
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/v1/health", timeout=1).raise_for_status()
            return server
        except httpx.HTTPError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("the server did not start")


Query = Callable[[random.Random], tuple[str, dict[str, object]]]


def queries(base: str, events: int) -> dict[str, Query]:
    first = httpx.get(f"{base}/v1/events", params={"limit": 100}, timeout=30).json()
    cursor = first["next_cursor"]

    def filtered(rng: random.Random) -> tuple[str, dict[str, object]]:
        since = START + timedelta(days=rng.randrange(DAYS - 365))
        return "/v1/events", {
            "country": rng.choice(COUNTRIES),
            "type": rng.choice(PLOVER_TYPES),
            "since": since.isoformat(),
            "until": (since + timedelta(days=365)).isoformat(),
            "limit": 100,
        }

    return {
        "filtered": filtered,
        "first_page": lambda rng: ("/v1/events", {"limit": 100}),
        "second_page": lambda rng: ("/v1/events", {"limit": 100, "cursor": cursor}),
        "event": lambda rng: (f"/v1/events/synthetic-{rng.randrange(events)}", {}),
        "timeseries": lambda rng: (
            "/v1/timeseries",
            {"interval": "week", "country": rng.choice(COUNTRIES)},
        ),
    }


async def load(
    base: str, kinds: dict[str, Query], seconds: float, think_ms: float
) -> dict[str, list[float]]:
    """Latencies (s) per query kind from :data:`CLIENTS` clients sending for ``seconds``."""
    latencies: dict[str, list[float]] = defaultdict(list)
    names = list(kinds)
    limits = httpx.Limits(max_connections=CLIENTS, max_keepalive_connections=CLIENTS)

    async def client(number: int, http: httpx.AsyncClient, deadline: float) -> None:
        rng = random.Random(number)
        turn = number
        while time.perf_counter() < deadline:
            name = names[turn % len(names)]
            turn += 1
            path, params = kinds[name](rng)
            started = time.perf_counter()
            response = await http.get(path, params=params)
            latencies[name].append(time.perf_counter() - started)
            response.raise_for_status()
            if think_ms:
                await asyncio.sleep(rng.uniform(0, 2 * think_ms) / 1000)

    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as http:
        deadline = time.perf_counter() + seconds
        await asyncio.gather(*(client(n, http, deadline) for n in range(CLIENTS)))
    return latencies


def _percentile(values: list[float], share: float) -> float:
    return 1000 * statistics.quantiles(values, n=100, method="inclusive")[round(share * 100) - 1]


WRK_SCRIPT = """
local countries = {%(countries)s}
local types = {%(types)s}
math.randomseed(7)
request = function()
  local since = os.time{year=%(year)d, month=1, day=1} + math.random(0, %(span)d) * 86400
  local path = string.format(
    "/v1/events?country=%%s&type=%%s&since=%%s&until=%%s&limit=100",
    countries[math.random(#countries)], types[math.random(#types)],
    os.date("!%%Y-%%m-%%d", since), os.date("!%%Y-%%m-%%d", since + 365 * 86400))
  return wrk.format("GET", path)
end
%(delay)s
done = function(summary, latency, requests)
  io.write(string.format("p50=%%.1f p95=%%.1f p99=%%.1f ms rps=%%.1f\\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, summary.requests / (summary.duration / 1e6)))
end
"""


def wrk_filtered(base: str, seconds: float, think_ms: float, folder: Path) -> str:
    """Distinct filtered pages from 50 connections of ``wrk`` (a C load generator that takes
    next to no CPU from the server): with no pause, or with a random pause of ``think_ms`` on
    average between a connection's requests."""
    delay = f"delay = function() return math.random(0, {2 * think_ms:.0f}) end" if think_ms else ""
    script = folder / f"filtered-{think_ms:.0f}.lua"
    script.write_text(
        WRK_SCRIPT
        % {
            "countries": ", ".join(f'"{c}"' for c in COUNTRIES),
            "types": ", ".join(f'"{t}"' for t in PLOVER_TYPES),
            "year": START.year,
            "span": DAYS - 365,
            "delay": delay,
        }
    )
    done = subprocess.run(
        ["wrk", "-t2", f"-c{CLIENTS}", f"-d{seconds:.0f}s", "-s", str(script), base],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10,000 events for 5 seconds")
    parser.add_argument("--think", type=float, default=0, help="mean pause between requests, ms")
    parser.add_argument(
        "--db", type=Path, help="keep the generated store here, or reuse the one found there"
    )
    parser.add_argument(
        "--wrk", action="store_true", help="also load distinct filtered pages with wrk"
    )
    args = parser.parse_args()
    events, seconds = (10_000, 5.0) if args.quick else (100_000, 20.0)
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or Path(tmp) / "load.db"
        if not path.exists():
            started = time.perf_counter()
            reports = fill(path, events, random.Random(7))
            took = time.perf_counter() - started
            print(f"store: {events} events, {reports} reports, written in {took:.1f} s")
        port = _free_port()
        server = serve(path, port)
        try:
            base = f"http://127.0.0.1:{port}"
            kinds = queries(base, events)
            client_cpu = time.process_time()
            latencies = asyncio.run(load(base, kinds, seconds, args.think))
            client_cpu = time.process_time() - client_cpu
            if args.wrk:
                for think in (0.0, 1000.0):
                    line = wrk_filtered(base, seconds, think, Path(tmp))
                    print(f"wrk filtered, {CLIENTS} connections, pause {think:.0f} ms: {line}")
        finally:
            server.terminate()
            server.wait()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    requests = sum(len(values) for values in latencies.values())
    print(
        f"{CLIENTS} clients for {seconds:.0f} s, think time {args.think:.0f} ms;"
        f" {requests / seconds:.0f} requests/s in all; CPU per request: server"
        f" {1000 * (usage.ru_utime + usage.ru_stime) / requests:.1f} ms (start-up included),"
        f" clients {1000 * client_cpu / requests:.1f} ms"
    )
    for name, values in latencies.items():
        print(
            f"{name:12} n={len(values):6} rps={len(values) / seconds:7.1f}"
            f" p50={_percentile(values, 0.5):7.1f} p95={_percentile(values, 0.95):7.1f}"
            f" p99={_percentile(values, 0.99):7.1f} ms"
        )
    print(f"api_load filtered_page_p95_ms={_percentile(latencies['filtered'], 0.95):.1f}")


if __name__ == "__main__":
    main()
