"""The command line: extract, ingest, events, show, export and demo."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventwire.cli import main
from eventwire.export import ACLED_COLUMNS

from .conftest import FIXTURES, http_server

ERBIL_TXT = str(FIXTURES / "wire-erbil.txt")
ERBIL_HTML = str(FIXTURES / "wire-erbil.html")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def invoke(runner: CliRunner, *args: str, input: str | None = None):
    result = runner.invoke(main, list(args), input=input, catch_exceptions=False)
    return result


@pytest.fixture
def db(runner: CliRunner, tmp_path: Path) -> Path:
    path = tmp_path / "store.db"
    result = invoke(runner, "ingest", ERBIL_TXT, "--db", str(path))
    assert result.exit_code == 0, result.output
    return path


def test_extract_json_for_one_article(runner):
    result = invoke(runner, "extract", ERBIL_HTML)
    record = json.loads(result.stdout)
    assert record["id"] == "wire-erbil.html"
    assert record["article"]["published"] == "2025-03-05"
    assert [e["mode"] for e in record["events"][:2]] == ["heavy-weapons", "drone"]


def test_extract_jsonl_gives_one_line_per_article(runner):
    result = invoke(runner, "extract", "--format", "jsonl", ERBIL_TXT, ERBIL_HTML)
    lines = result.stdout.strip().splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["wire-erbil.txt", "wire-erbil.html"]


def test_extract_table(runner):
    result = invoke(runner, "extract", "--format", "table", ERBIL_TXT)
    assert result.exit_code == 0
    assert "ASSAULT" in result.stdout and "Erbil" in result.stdout


def test_extract_from_stdin_with_published_date(runner):
    text = "Police arrested two journalists in Minsk on Tuesday, a rights group said."
    result = invoke(runner, "extract", "-", "--published", "2025-03-06", input=text)
    [event] = json.loads(result.stdout)["events"]
    assert event["date"] == "2025-03-04"


def test_bad_inputs_are_reported_and_the_batch_goes_on(runner, tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01binary")
    (tmp_path / "empty.txt").write_text("   ")
    result = invoke(
        runner,
        "extract",
        "--format",
        "jsonl",
        str(tmp_path / "bad.txt"),
        str(tmp_path / "empty.txt"),
        str(tmp_path / "missing.txt"),
        ERBIL_TXT,
    )
    assert result.exit_code == 0
    assert "binary content" in result.stderr and "empty" in result.stderr
    assert "no such file" in result.stderr
    assert len(result.stdout.strip().splitlines()) == 1


@pytest.mark.parametrize("command", ["extract", "ingest"])
def test_nothing_read_is_a_failure(runner, tmp_path, command):
    args = [command, str(tmp_path / "missing.txt")]
    if command == "ingest":
        args += ["--db", str(tmp_path / "store.db")]
    result = runner.invoke(main, args)
    assert result.exit_code == 1
    assert "no such file" in result.stderr and "no input could be read" in result.stderr


def test_bad_date_option_is_a_usage_error(runner):
    result = runner.invoke(main, ["extract", ERBIL_TXT, "--published", "5 March"])
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output


def test_ingest_is_idempotent(runner, db):
    again = invoke(runner, "ingest", ERBIL_TXT, "--db", str(db))
    assert "0 stored, 1 unchanged" in again.stderr
    listed = json.loads(invoke(runner, "events", "--db", str(db), "--format", "json").stdout)
    assert len(listed) == 2


def test_events_filters(runner, db):
    def ids(*args: str) -> list[str]:
        out = invoke(runner, "events", "--db", str(db), "--format", "json", *args).stdout
        return [e["id"] for e in json.loads(out)]

    everything = ids()
    assert len(everything) == 2
    assert len(ids("--type", "Air/drone strike")) == 1
    assert len(ids("--since", "2025-03-04")) == 1
    assert len(ids("--until", "2025-03-03")) == 1
    assert ids("--country", "IRQ") == everything
    assert ids("--country", "NGA") == []
    assert len(ids("--actor", "United States")) == 1
    assert ids("--search", "rocket launcher") == everything
    assert ids("--search", "ceasefire") == []
    assert len(ids("--limit", "1")) == 1


def test_events_csv_and_table(runner, db):
    rows = list(
        csv.DictReader(
            io.StringIO(invoke(runner, "events", "--db", str(db), "--format", "csv").stdout)
        )
    )
    assert {r["type"] for r in rows} == {"ASSAULT"}
    assert "ASSAULT" in invoke(runner, "events", "--db", str(db)).stdout


def test_bad_search_syntax_is_a_clear_error(runner, db):
    result = runner.invoke(main, ["events", "--db", str(db), "--search", '"unbalanced'])
    assert result.exit_code == 1
    assert "bad query" in result.output


def test_show_event_with_evidence_and_sources(runner, db):
    listed = json.loads(invoke(runner, "events", "--db", str(db), "--format", "json").stdout)
    event_id = listed[0]["id"]
    shown = json.loads(invoke(runner, "show", event_id, "--db", str(db), "--format", "json").stdout)
    assert shown["id"] == event_id and shown["evidence"]
    [source] = shown["sources"]
    assert (source["doc_id"], source["wire_agency"], source["outlet"]) == (
        "wire-erbil.txt",
        "Meridian News",
        None,  # a text file names no outlet
    )
    text = invoke(runner, "show", event_id, "--db", str(db)).stdout
    assert "[[" + shown["evidence"][0]["sentence"][:30] in text.replace("\n", " ")
    missing = runner.invoke(main, ["show", "nope", "--db", str(db)])
    assert missing.exit_code == 1 and "no event" in missing.output


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "acled-csv", "geojson"])
def test_export_formats(runner, db, tmp_path, fmt):
    out = tmp_path / f"export.{fmt}"
    result = invoke(runner, "export", "--db", str(db), "--format", fmt, "-o", str(out))
    assert result.exit_code == 0
    content = out.read_text()
    if fmt == "jsonl":
        assert len(content.strip().splitlines()) == 2
    elif fmt == "geojson":
        collection = json.loads(content)
        assert len(collection["features"]) == 2
    else:
        header = next(csv.reader(io.StringIO(content)))
        if fmt == "acled-csv":
            assert tuple(header) == ACLED_COLUMNS
        assert len(content.strip().splitlines()) == 3


def test_export_says_what_it_wrote_and_left_out(runner, db, tmp_path):
    result = invoke(runner, "export", "--db", str(db), "--format", "csv", "-o", str(tmp_path / "x"))

    assert result.stderr.strip() == "wrote 2 of 2 events as csv"


def test_acled_export_counts_what_it_left_out_and_why(runner, tmp_path):
    db = str(tmp_path / "demo.db")
    invoke(runner, "demo", "--db", db)
    records = [
        json.loads(line) for line in invoke(runner, "export", "--db", db).stdout.split("\n")[:-1]
    ]
    out = tmp_path / "events.acled.csv"

    result = invoke(runner, "export", "--db", db, "--format", "acled-csv", "-o", str(out))

    kept = [r for r in records if r["acled"] and r["date"]]
    uncoded = Counter(r["type"] for r in records if r["modality"] == "asserted" and not r["acled"])
    assert kept and uncoded
    assert len(list(csv.DictReader(out.open()))) == len(kept)
    summary = result.stderr.strip()
    assert summary.startswith(
        f"wrote {len(kept)} of {len(records)} events; left out {uncoded.total()} with no ACLED"
        " equivalent ("
    )
    assert all(f"{kind} {count}" in summary for kind, count in uncoded.items())


def test_demo_ingests_the_samples(runner, tmp_path):
    db = tmp_path / "demo.db"
    result = invoke(runner, "demo", "--db", str(db))
    assert result.exit_code == 0
    assert "12 read, 12 stored" in result.stderr
    assert "Mogadishu" in result.stdout


class _Pages(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/story":
            body = (FIXTURES / "wire-erbil.html").read_bytes()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body)
        else:
            self.send_error(404)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    with http_server(_Pages) as url:
        yield url


def test_ingest_urls(runner, tmp_path, server):
    db = tmp_path / "web.db"
    result = invoke(runner, "ingest", f"{server}/story", f"{server}/gone", "--db", str(db))
    assert "HTTP 404" in result.stderr
    assert "2 read, 1 stored" in result.stderr
    shown = json.loads(invoke(runner, "events", "--db", str(db), "--format", "json").stdout)
    assert shown[0]["source"]["url"] == f"{server}/story"


def test_unknown_model_is_a_clear_error(runner):
    from eventwire import nlp

    nlp.load_nlp.cache_clear()
    result = runner.invoke(main, ["extract", ERBIL_TXT, "--model", "no_such_model_xx"])
    assert result.exit_code == 1
    assert "no_such_model_xx" in result.output and "not installed" in result.output


CLUSTERS = str(Path(__file__).parent / "data" / "clusters.jsonl")


@pytest.fixture
def clustered_db(runner: CliRunner, tmp_path: Path) -> Path:
    path = tmp_path / "clusters.db"
    assert invoke(runner, "ingest", CLUSTERS, "--db", str(path)).exit_code == 0
    return path


def test_events_with_min_sources_lists_only_corroborated_events(runner, clustered_db):
    result = invoke(
        runner, "events", "--db", str(clustered_db), "--min-sources", "2", "--format", "json"
    )
    found = json.loads(result.stdout)
    assert {e["location"]["name"] for e in found} == {"Baidoa", "Idlib"}
    assert all(e["cluster"]["independent_sources"] >= 2 for e in found)


def test_split_then_merge_from_the_command_line(runner, clustered_db):
    listing = invoke(
        runner, "events", "--db", str(clustered_db), "--min-sources", "2", "--format", "json"
    )
    event_id = json.loads(listing.stdout)[0]["id"]
    shown = json.loads(
        invoke(runner, "show", event_id, "--db", str(clustered_db), "--format", "json").stdout
    )
    other = next(r["event_id"] for r in shown["reports"] if r["event_id"] != event_id)
    result = invoke(runner, "split", other, "--db", str(clustered_db))
    assert result.exit_code == 0 and "of its own" in result.output
    result = invoke(runner, "merge", event_id, other, "--db", str(clustered_db))
    assert result.exit_code == 0 and "one event" in result.output
    unknown = runner.invoke(main, ["split", "no-such-event", "--db", str(clustered_db)])
    assert unknown.exit_code == 1 and "no event" in unknown.output


def test_recluster_changes_nothing_in_a_store_built_under_the_same_rules(runner, clustered_db):
    result = invoke(runner, "recluster", "--db", str(clustered_db))
    assert result.exit_code == 0
    assert "0 events split, 0 joined" in result.output


def test_tallies_command_lists_roll_up_statements(runner, clustered_db):
    result = invoke(runner, "tallies", "cw-baidoa-market-bombing", "--db", str(clustered_db))
    assert "more than 40 attacks" in result.output


def test_serving_beyond_this_machine_warns(runner, tmp_path, monkeypatch):
    import eventwire.serve

    monkeypatch.setattr(eventwire.serve, "run", lambda *args, **kwargs: None)
    db = str(tmp_path / "store.db")
    public = runner.invoke(main, ["serve", "--db", db, "--host", "0.0.0.0"])
    assert public.exit_code == 0
    assert "warning: serving on 0.0.0.0" in public.stderr and "POST is disabled" in public.stderr
    local = runner.invoke(main, ["serve", "--db", db])
    assert local.exit_code == 0 and "warning" not in local.stderr
    private = ["serve", "--db", db, "--host", "0.0.0.0", "--private"]
    assert runner.invoke(main, private).exit_code == 2  # --private needs a token
    guarded = runner.invoke(main, [*private, "--token", "t"])
    assert guarded.exit_code == 0 and "warning" not in guarded.stderr


def test_a_store_failure_stops_ingest_with_its_summary(runner, tmp_path, monkeypatch):
    from eventwire.store import Store, StoreError

    def full(self, result, origin=None, recode=False):
        raise StoreError(f"cannot store {result.article.id}: database or disk is full")

    monkeypatch.setattr(Store, "put", full)
    result = runner.invoke(main, ["ingest", ERBIL_TXT, "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 1
    assert "database or disk is full" in result.stderr and "0 stored" in result.stderr


def test_ctrl_c_stops_ingest_with_its_summary_and_a_consistent_store(tmp_path):
    """A real SIGINT in the middle of a batch: exit status 130, the summary, every article
    counted as stored is in the store, nothing half-written; a second run finishes the batch."""
    import signal
    import sqlite3
    import subprocess
    import sys
    import time

    inputs = tmp_path / "in"
    inputs.mkdir()
    for i in range(120):
        (inputs / f"{i:02d}.txt").write_text(
            f"KANO, May {i % 28 + 1} - Gunmen killed {i + 2} villagers in a raid on Dorayi"
            f" market on Sunday, police said. Residents said {i + 40} shops were burned.\n"
        )
    db = tmp_path / "s.db"
    command = [sys.executable, "-m", "eventwire", "ingest", str(inputs), "--db", str(db)]

    def stored() -> int:
        if not db.exists():
            return 0
        with sqlite3.connect(db) as con:
            try:
                return con.execute("SELECT count(*) FROM articles").fetchone()[0]
            except sqlite3.OperationalError:  # the schema is not written yet
                return 0

    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while stored() < 2 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)

    assert process.returncode == 130, stderr
    assert "interrupted" in stderr
    counted = int(re.search(r"(\d+) stored", stderr).group(1))
    assert 2 <= counted < 120 and stored() in (counted, counted + 1)
    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        orphans = "SELECT count(*) FROM events WHERE article_id NOT IN (SELECT id FROM articles)"
        assert con.execute(orphans).fetchone() == (0,)

    again = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert stored() == 120


def test_read_commands_never_create_a_store(runner, tmp_path):
    missing = tmp_path / "typo.db"
    for command in (["events"], ["show", "x-1"], ["export", "--format", "jsonl"], ["tallies"]):
        result = runner.invoke(main, [*command, "--db", str(missing)])
        assert result.exit_code == 1 and "no store at" in result.stderr, command
    assert not missing.exists()


def _read_only_mount(directory: Path) -> list[str]:
    """A shell command prefix that runs what follows with ``directory`` mounted read-only in
    a private mount namespace (root, or a user namespace, needed: else the test skips)."""
    import shutil
    import subprocess

    remount = f"mount --bind {directory} {directory} && mount -o remount,bind,ro {directory} && "
    probe = ["unshare", "-m", "sh", "-c", remount + f"! touch {directory}/probe 2>/dev/null"]
    if not shutil.which("unshare") or subprocess.run(probe, capture_output=True).returncode:
        pytest.skip("cannot mount a read-only directory here (needs a mount namespace)")
    return ["unshare", "-m", "sh", "-c", remount + 'exec "$@"', "sh"]


def test_read_commands_work_on_a_read_only_disk_and_writes_fail_in_one_line(db, tmp_path):
    import subprocess
    import sys

    read_only = _read_only_mount(db.parent)
    eventwire = [sys.executable, "-m", "eventwire"]
    listed = subprocess.run(
        [*read_only, *eventwire, "events", "--db", str(db), "--format", "json"],
        capture_output=True,
        text=True,
    )
    assert listed.returncode == 0, listed.stderr
    assert json.loads(listed.stdout)
    written = subprocess.run(
        [*read_only, *eventwire, "ingest", ERBIL_HTML, "--db", str(db)],
        capture_output=True,
        text=True,
    )
    assert written.returncode == 1
    assert "Traceback" not in written.stderr
    [error] = [line for line in written.stderr.splitlines() if line.startswith("Error")]
    assert "read-only" in error


def test_verbose_says_why_sentences_and_event_words_were_dropped(runner, tmp_path):
    story = tmp_path / "story.txt"
    story.write_text(
        "KANO, May 3 - Gunmen killed four traders at a market in Kano on Sunday, police said."
        " The police station was attacked in 2019 as well. The weather was hot.\n"
    )
    quiet = runner.invoke(main, ["extract", str(story), "--published", "2024-05-06"])
    loud = runner.invoke(main, ["-v", "extract", str(story), "--published", "2024-05-06"])

    assert quiet.exit_code == loud.exit_code == 0
    assert "eventwire." not in quiet.stderr
    assert "sentence 3 not parsed" in loud.stderr
    assert "sentence 2: 'attack' dropped: 'in 2019' is history" in loud.stderr
    assert json.loads(loud.stdout) == json.loads(quiet.stdout)


def test_events_filters_take_names_and_refuse_unknown_values_loudly(runner, db):
    listed = ["events", "--db", str(db), "--format", "json", "--country"]
    by_name = runner.invoke(main, [*listed, "Iraq"])
    by_code = runner.invoke(main, [*listed, "IRQ"])
    assert by_name.exit_code == 0 and json.loads(by_name.stdout) == json.loads(by_code.stdout)
    assert json.loads(by_name.stdout)

    typo = runner.invoke(main, ["events", "--db", str(db), "--country", "Irak"])
    assert typo.exit_code == 2 and "did you mean Iraq (IRQ)" in typo.stderr
    wrong = runner.invoke(main, ["events", "--db", str(db), "--type", "BOMBING"])
    assert wrong.exit_code == 2 and "ASSAULT" in wrong.stderr


def test_an_undated_ingest_warns_and_a_dated_one_recodes_the_stored_articles(runner, tmp_path):
    story = tmp_path / "raid.txt"
    story.write_text("Gunmen killed four traders at a market in Kano on Sunday, police said.\n")
    db = str(tmp_path / "s.db")

    def dates() -> list[str | None]:
        listed = runner.invoke(main, ["events", "--db", db, "--format", "json"])
        return [event["date"] for event in json.loads(listed.stdout)]

    first = runner.invoke(main, ["ingest", str(story), "--db", db])
    assert "1 stored" in first.stderr and "without a publication date" in first.stderr
    assert dates() == [None]

    dated = runner.invoke(main, ["ingest", str(story), "--db", db, "--published", "2024-05-07"])
    assert "0 stored, 1 re-coded" in dated.stderr and "warning" not in dated.stderr
    assert dates() == ["2024-05-05"]  # the Sunday before

    same = runner.invoke(main, ["ingest", str(story), "--db", db, "--published", "2024-05-07"])
    assert "1 unchanged" in same.stderr
    forced = ["ingest", str(story), "--db", db, "--published", "2024-05-07", "--recode"]
    assert "1 re-coded" in runner.invoke(main, forced).stderr
    assert dates() == ["2024-05-05"]
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone() == (1,)
        assert con.execute("SELECT count(*) FROM stories").fetchone() == (1,)
        assert con.execute("SELECT count(*) FROM clusters").fetchone() == (1,)


def test_events_and_export_share_the_api_filters(runner, clustered_db):
    db = str(clustered_db)

    def listed(*options: str) -> list[dict]:
        result = runner.invoke(main, ["events", "--db", db, "--format", "json", *options])
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    def exported(*options: str) -> list[dict]:
        result = runner.invoke(main, ["export", "--db", db, "--format", "jsonl", *options])
        assert result.exit_code == 0, result.output
        return [json.loads(line) for line in result.stdout.splitlines()]

    everything = listed()
    somalia = listed("--country", "Somalia")
    assert somalia and len(somalia) < len(everything)
    assert [e["id"] for e in exported("--country", "Somalia")] == [e["id"] for e in somalia]
    deadliest = listed("--sort", "-fatalities")
    tolls = [
        e["acled"]["fatalities"] if e["acled"] else (e["fatalities"] or {}).get("count") or 0
        for e in deadliest
    ]
    assert tolls == sorted(tolls, reverse=True) and tolls[0] > tolls[-1]
    assert sorted(e["id"] for e in everything) == sorted(e["id"] for e in deadliest)
    assert deadliest[0]["id"] == exported("--sort", "-fatalities")[0]["id"]
    box = listed("--bbox", "40,-2,46,5")  # southern Somalia
    assert box and all(40 <= e["location"]["lon"] <= 46 for e in box)
    bad = runner.invoke(main, ["export", "--db", db, "--bbox", "1,2,3"])
    assert bad.exit_code == 2 and "four numbers" in bad.stderr
