"""Hostile input, generated: files and JSON Lines records of every bad kind, with valid ones
mixed in, ingested by the real command in one batch.

Each generated input is either *bad* (must be skipped with a reason naming it), *valid* (must
be stored) or *either* (the reader may keep or skip it, e.g. HTML nested 50,000 deep), and
none may crash or hang the batch. The kinds: empty, blank, binary and NUL-filled files;
invalid UTF-8, Latin-1, UTF-16 with and without byte order mark; files over 5 MB; unsupported
suffixes; a FIFO and a link to ``/dev/zero``; HTML without text or nested deeply; a line of a
million characters; JSON Lines with wrong types in every field, missing fields, non-object
records, truncated JSON, ``NaN``, lone surrogates, nesting 100,000 deep, huge fields and
non-http URLs.

Run ``python bench/fuzz_inputs.py`` (10,000 inputs, a few minutes on two cores;
``--count N`` and ``--seed S`` change the corpus). It prints the tallies and exits 1 on any
crash, hang, valid record lost or bad input not reported. ``tests/test_fuzz_inputs.py`` runs a
bounded sample of it.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

MAX_BYTES = 5_000_000
WORDS = [
    "police",
    "army",
    "rebels",
    "protesters",
    "villagers",
    "market",
    "convoy",
    "checkpoint",
    "district",
    "governor",
    "council",
    "traders",
    "farmers",
    "students",
    "clashed",
    "fired",
    "attacked",
    "marched",
    "burned",
    "arrested",
    "killed",
    "wounded",
    "detained",
    "blocked",
    "near",
    "outside",
    "in",
    "on",
    "after",
    "before",
    "Monday",
    "Friday",
]
TOWNS = ("Kisumu", "Gao", "Kunduz", "Sylhet", "Maiduguri", "Mopti", "Herat", "Garissa")
LINES_PER_FILE = 50


@dataclass
class Corpus:
    """What was written, and what each input must come to."""

    valid: set[str] = field(default_factory=set)  # document ids
    bad: set[str] = field(default_factory=set)  # origins: a path, or path:line
    either: set[str] = field(default_factory=set)

    @property
    def size(self) -> int:
        return len(self.valid) + len(self.bad) + len(self.either)


def story(rng: random.Random, n: int) -> str:
    """A short wire-style report, unique by its number."""
    town = rng.choice(TOWNS)
    body = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 30)))
    return (
        f"{town.upper()}, March {n % 28 + 1} - Gunmen killed {n + 2} people in an attack on a"
        f" market in {town} on Sunday, police said. Witnesses said {body}. Report {n}."
    )


# --- files -------------------------------------------------------------------------------------


def bad_file(rng: random.Random, n: int) -> tuple[str, bytes]:
    """One bad file: its name and bytes."""
    kind = rng.randrange(10)
    text = story(rng, n)
    if kind == 0:
        return f"empty-{n}.txt", b""
    if kind == 1:
        return f"blank-{n}.txt", rng.choice([b" ", b"\n\t\r", "\u00a0\u2028".encode()]) * 50
    if kind == 2:
        return f"binary-{n}.html", rng.randbytes(rng.randint(1, 4000))
    if kind == 3:
        return f"nul-{n}.txt", text.encode()[:40] + b"\x00" + text.encode()
    if kind == 4:
        return f"latin1-{n}.txt", (text + " caf\u00e9 \u00e0 Sa\u00efd").encode("latin-1")
    if kind == 5:
        return f"utf16-nobom-{n}.txt", text.encode("utf-16-le")
    if kind == 6:
        cut = text.encode()
        return f"broken-{n}.txt", cut[:20] + bytes([rng.randint(0x80, 0xFF)]) * 3 + cut[20:]
    if kind == 7:
        suffix = rng.choice([".pdf", ".docx", ".json", ".csv", ""])
        return f"unsupported-{n}{suffix}", text.encode()
    if kind == 8:
        return f"notjson-{n}.jsonl", text.encode()  # one line, not JSON
    return f"notags-{n}.html", b"<html><head><title>x</title></head><body></body></html>"


def valid_file(rng: random.Random, n: int) -> tuple[str, bytes]:
    text = story(rng, n)
    kind = rng.randrange(4)
    if kind == 0:
        return f"v-{n}.txt", text.encode()
    if kind == 1:
        return f"v-{n}.txt", text.encode("utf-16")  # with its byte order mark
    if kind == 2:
        return f"v-{n}.txt", b"\xef\xbb\xbf" + text.encode() + b"\r\n"
    page = f"<html><body><article><h1>Attack</h1><p>{text}</p></article></body></html>"
    return f"v-{n}.html", page.encode()


def either_files(rng: random.Random, scale: float) -> dict[str, bytes]:
    """Inputs a reader may keep or skip, one of each kind; the long ones ``scale`` times
    their full size (a tenth still shows work that grows with the square of the length)."""
    text = story(rng, 0)
    return {
        "nested.html": ("<div>" * 50_000 + f"<p>{text}</p>").encode(),
        "longline.txt": (text + " " + "x" * int(1_000_000 * scale)).encode(),
        "manyparas.txt": "\n\n".join([text] * int(3000 * scale)).encode(),
        "controls.txt": bytes(rng.choice([1, 2, 7, 27, 127]) for _ in range(300)),
        "tags-only.txt": ("<p>" * 20_000).encode(),
    }


# --- JSON Lines ----------------------------------------------------------------------------------


def bad_record(rng: random.Random, n: int) -> str:
    """One bad JSON Lines line."""
    good = {"id": f"b-{n}", "text": story(rng, n)}
    kind = rng.randrange(14)
    if kind == 0:
        key = rng.choice(["id", "text", "html", "title", "url", "published", "outlet"])
        value = rng.choice([[1, 2], {"a": 1}, 3.5, True] + ([None] if key == "id" else []))
        if key in ("title", "url", "published", "outlet") and value is None:
            value = 7
        return json.dumps({**good, key: value})
    if kind == 1:
        return json.dumps({"text": good["text"]})
    if kind == 2:
        return json.dumps({"id": good["id"], "title": "no body"})
    if kind == 3:
        return json.dumps(rng.choice([[good], "a string", 42, None]))
    if kind == 4:
        line = json.dumps(good)
        return line[: rng.randint(1, len(line) - 1)]
    if kind == 5:
        return json.dumps(good)[:-1] + ', "id": NaN}'
    if kind == 6:
        return "[" * 100_000 + "]" * 100_000
    if kind == 7:
        return json.dumps({**good, "title": "t" * rng.choice([2_001, 1_000_000])})
    if kind == 8:
        return json.dumps(
            {**good, "url": rng.choice(["javascript:alert(1)", "file:///etc/passwd"])}
        )
    if kind == 9:
        return json.dumps({**good, "published": rng.choice(["yesterday", "2024-13-01", "0"])})
    if kind == 10:
        return json.dumps({**good, "text": "  \n "})
    if kind == 11:
        return json.dumps({**good, "id": ""})
    if kind == 12:
        return json.dumps({**good, "extra": [[[[[[1]]]]]], "text": {"nested": good["text"]}})
    return json.dumps({**good, "outlet": "o" * 301})


def valid_record(rng: random.Random, n: int) -> str:
    record: dict[str, object] = {"id": f"v-{n}" if rng.random() < 0.8 else 10_000_000 + n}
    text = story(rng, n)
    if rng.random() < 0.3:
        record["html"] = f"<html><body><p>{text}</p></body></html>"
    else:
        record["text"] = text
    if rng.random() < 0.5:
        record["title"] = f"Attack {n} \u2014 \u00e9t\u00e9 \U0001f4f0"
    if rng.random() < 0.5:
        record["url"] = f"https://news.example/{n}?a=1#x"
    if rng.random() < 0.5:
        record["published"] = rng.choice(["2024-03-05", "2024-03-05T10:00:00Z"])
    if rng.random() < 0.3:
        record["unknown_key"] = {"deep": [1, 2, {"x": None}]}
    if rng.random() < 0.2:
        record["text" if "text" in record else "html"] += " \ud800 lone surrogate."
        return json.dumps(record)  # escaped: valid JSON, invalid Unicode; the reader must cope
    return json.dumps(record, ensure_ascii=rng.random() < 0.5)


def write_corpus(root: Path, count: int, seed: int, scale: float = 1.0) -> Corpus:
    """Write ``count`` inputs under ``root``: 35% bad files and 40% bad records, 25% valid;
    then the special ones: a file over 5 MB, an empty one, a FIFO, a link to /dev/zero and
    the *either* kinds."""
    rng = random.Random(seed)
    corpus = Corpus()
    lines: list[tuple[str, str]] = []  # (line, what it must come to)
    for n in range(count):
        draw = rng.random()
        if draw < 0.35:
            name, data = bad_file(rng, n)
            (root / name).write_bytes(data)
            corpus.bad.add(str(root / name) + (":1" if name.endswith(".jsonl") else ""))
        elif draw < 0.75:
            lines.append((bad_record(rng, n), "bad"))
        elif rng.random() < 0.3:
            name, data = valid_file(rng, n)
            (root / name).write_bytes(data)
            corpus.valid.add(name)
        else:
            lines.append((valid_record(rng, n), "valid"))
    for name, data in either_files(rng, scale).items():
        (root / name).write_bytes(data)
        corpus.either.add(str(root / name))
    for name, data in (("huge.txt", b"x " * (MAX_BYTES // 2 + 1)), ("empty.jsonl", b"")):
        (root / name).write_bytes(data)
        corpus.bad.add(str(root / name))
    os.mkfifo(root / "fifo.txt")
    (root / "zero.txt").symlink_to("/dev/zero")
    corpus.bad |= {str(root / "fifo.txt"), str(root / "zero.txt")}
    for start in range(0, len(lines), LINES_PER_FILE):
        path = root / f"records-{start // LINES_PER_FILE:04d}.jsonl"
        chunk = lines[start : start + LINES_PER_FILE]
        path.write_text("\n".join(line for line, _ in chunk) + "\n", errors="surrogatepass")
        for number, (line, expected) in enumerate(chunk, start=1):
            if expected == "bad":
                corpus.bad.add(f"{path}:{number}")
            else:
                corpus.valid.add(str(json.loads(line)["id"]))
    return corpus


@dataclass(frozen=True)
class Outcome:
    inputs: int
    valid: int
    bad: int
    either: int
    stored_valid: int
    reported_bad: int
    crashed: bool
    hung: bool
    seconds: float
    peak_mb: float  # the ingest process's largest resident size

    @property
    def ok(self) -> bool:
        return (
            not self.crashed
            and not self.hung
            and self.stored_valid == self.valid
            and self.reported_bad == self.bad
        )


def run(count: int, seed: int, timeout: float, scale: float = 1.0) -> Outcome:
    """Write the corpus, ingest it with ``eventwire ingest`` and check what came of it."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "in"
        root.mkdir()
        corpus = write_corpus(root, count, seed, scale)
        db = Path(tmp) / "fuzz.db"
        command = [sys.executable, "-m", "eventwire", "ingest", str(root), "--db", str(db)]
        started = time.monotonic()
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
            hung, stderr, status = False, done.stderr, done.returncode
        except subprocess.TimeoutExpired as exc:
            hung, status = True, None
            stderr = (exc.stderr or b"").decode(errors="replace")
        seconds = time.monotonic() - started
        skipped = set(re.findall(r"^skipped (.+?): ", stderr, flags=re.MULTILINE))
        stored: set[str] = set()
        if db.exists():
            with sqlite3.connect(db) as con:
                stored = {row[0] for row in con.execute("SELECT doc_id FROM articles")}
        if status not in (0, None) or "Traceback" in stderr:
            print(stderr[-3000:], file=sys.stderr)
        return Outcome(
            inputs=corpus.size,
            valid=len(corpus.valid),
            bad=len(corpus.bad),
            either=len(corpus.either),
            stored_valid=len(corpus.valid & stored),
            reported_bad=len(corpus.bad & skipped),
            crashed=status not in (0, None) or "Traceback" in stderr,
            hung=hung,
            seconds=seconds,
            peak_mb=resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000, help="inputs to generate")
    parser.add_argument("--seed", type=int, default=20261204)
    parser.add_argument("--timeout", type=float, default=3600, help="seconds for the batch")
    parser.add_argument("--scale", type=float, default=1.0, help="size of the long inputs")
    args = parser.parse_args()
    outcome = run(args.count, args.seed, args.timeout, args.scale)
    print(
        f"{outcome.inputs} inputs ({outcome.bad} bad, {outcome.valid} valid, {outcome.either}"
        f" either) in {outcome.seconds:.0f} s, {outcome.peak_mb:.0f} MB at most:"
        f" {outcome.stored_valid}/{outcome.valid} valid"
        f" stored, {outcome.reported_bad}/{outcome.bad} bad skipped with a reason;"
        f" crashed: {outcome.crashed}; hung: {outcome.hung}"
    )
    sys.exit(0 if outcome.ok else 1)


if __name__ == "__main__":
    main()
