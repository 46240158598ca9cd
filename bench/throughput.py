"""Throughput of the full Eventwire pipeline against bare spaCy on the same texts.

Generates a corpus of article-length, wire-style texts (a few event sentences among
background, quotes, economics and context, as in real reporting), then times:

* Eventwire: article extraction, sentence splitting, the event classifier and the trigger
  filter, parsing of candidate sentences, coding, resolution and merging, one article at a
  time (``Pipeline.process``, as the API codes a posted article) and in chunks
  (``Pipeline.run``, as ``extract`` and ``ingest`` do);
* the floor: ``nlp.pipe`` of the same spaCy model over the same full texts.

The last line is ``throughput articles_per_s=X floor_per_s=Y ratio=X/Y``.
Run ``python bench/throughput.py --quick`` for a run of well under a minute, and
``--texts PATH`` to time real articles instead: anything ``eventwire extract`` reads (a folder,
a JSON Lines file) or a MUC-4 JSON file (``{id: {"doc": text}}``, e.g. the 200 wire reports of
``../shared/train/conflibert/muc4/dev.json``).
"""

from __future__ import annotations

import argparse
import json
import random
import time
from datetime import date
from pathlib import Path

import spacy

from eventwire.nlp import model_name
from eventwire.pipeline import Pipeline
from eventwire.read import read_inputs
from eventwire.records import RawDocument

PLACES = [
    "Kabul",
    "Mogadishu",
    "Baghdad",
    "Kharkiv",
    "Maiduguri",
    "Goma",
    "Aleppo",
    "Sanaa",
    "Peshawar",
    "Khartoum",
    "Bamako",
    "Tripoli",
    "Kandahar",
    "Mosul",
    "Gao",
    "Beni",
]
ACTORS = [
    "Gunmen",
    "Militants",
    "Government troops",
    "Police",
    "Rebel fighters",
    "Security forces",
    "Protesters",
    "Soldiers",
    "Insurgents",
    "Unidentified attackers",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
EVENT = [
    "{actor} attacked a checkpoint near {place} on {day}, killing {n} people, officials said.",
    "An air strike hit a market in {place} on {day}, wounding at least {n} civilians.",
    "{actor} stormed a village outside {place} late on {day}, a local leader said.",
    "Police arrested {n} men in {place} on {day} on suspicion of planning attacks.",
    "Hundreds of people protested in {place} on {day} against rising food prices.",
    "A roadside bomb exploded as a convoy passed through {place} on {day}, killing {n}.",
    "The two sides met in {place} on {day} for talks on a prisoner exchange.",
    "{actor} clashed with government forces on the outskirts of {place} on {day}.",
]
CONTEXT = [
    "The region has seen repeated violence in recent years, and aid groups say needs are rising.",
    "Prices of bread and fuel have doubled since last year, according to the statistics office.",
    "The central bank kept its main interest rate unchanged at its meeting last month.",
    "Officials did not say how many people remained in hospital or when roads would reopen.",
    "The government has promised to improve security before elections due next year.",
    "Residents said the power supply had been cut for several hours in many districts.",
    '"We are tired and we want to live in peace," said a shopkeeper who gave only his first name.',
    "The United Nations estimates that more than two million people have fled their homes.",
    "Farmers in the province say the rains came late this season and harvests were poor.",
    "The city's governor said schools would stay closed until the end of the week.",
    "Analysts say the economy depends heavily on remittances from workers abroad.",
    "The ministry said it was investigating the cause of the outage at the power plant.",
    "Local media reported long queues at petrol stations across the capital.",
    "A spokesman for the provincial government said an assessment team had been sent.",
    "The country has held three elections in the past decade, each disputed by the loser.",
    "Traders said the border crossing reopened to goods traffic after two days.",
    "The football league suspended matches for a week to allow repairs to the stadium.",
    "Rain is expected across the north later in the week, the weather service said.",
    "The health ministry reported new cases of cholera in two camps for displaced families.",
    "Exports of cotton rose by a fifth in the first quarter, customs data showed.",
]


def article(rng: random.Random) -> str:
    """One wire-style article of 20 to 30 sentences, three to five of them about events."""
    events = [
        rng.choice(EVENT).format(
            actor=rng.choice(ACTORS),
            place=rng.choice(PLACES),
            day=rng.choice(DAYS),
            n=rng.randint(2, 40),
        )
        for _ in range(rng.randint(3, 5))
    ]
    context = [rng.choice(CONTEXT) for _ in range(rng.randint(17, 25))]
    sentences = events[:1] + rng.sample(events[1:] + context, len(events) - 1 + len(context))
    paragraphs = [" ".join(sentences[i : i + 2]) for i in range(0, len(sentences), 2)]
    return f"{rng.choice(PLACES).upper()} (Meridian News) - " + "\n\n".join(paragraphs)


def corpus(size: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    return [article(rng) for _ in range(size)]


def real_documents(path: Path) -> list[RawDocument]:
    """The articles of ``path``: a MUC-4 JSON file, or what ``eventwire extract`` reads."""
    if path.suffix == ".json":
        data = json.loads(path.read_text(encoding="utf-8"))
        return [
            RawDocument(id=key, content=entry["doc"], is_html=False, origin=str(path))
            for key, entry in data.items()
        ]
    return [d for d in read_inputs([str(path)]) if isinstance(d, RawDocument)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a small corpus, under a minute")
    parser.add_argument("--articles", type=int, help="corpus size (default 400; 60 with --quick)")
    parser.add_argument("--texts", type=Path, help="time these real articles instead")
    args = parser.parse_args()
    if args.texts is not None:
        docs = real_documents(args.texts)[: args.articles]
    else:
        docs = [
            RawDocument(id=str(i), content=t, is_html=False, origin="bench")
            for i, t in enumerate(corpus(args.articles or (60 if args.quick else 400)))
        ]
    texts = [d.content for d in docs]
    size = len(docs)
    words = sum(len(t.split()) for t in texts)
    pipeline = Pipeline()
    nlp = spacy.load(model_name())  # the same model, without Eventwire's additions
    published = date(2025, 3, 5)
    pipeline.process(docs[0], published)  # warm up both
    list(nlp.pipe(texts[:2]))

    start = time.perf_counter()
    events = sum(len(pipeline.process(doc, published).events) for doc in docs)
    eventwire_s = time.perf_counter() - start

    start = time.perf_counter()
    batched = sum(len(r.events) for r in pipeline.run(docs, published))
    batched_s = time.perf_counter() - start
    assert batched == events, (batched, events)

    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    floor_s = time.perf_counter() - start

    rate, floor = size / eventwire_s, size / floor_s
    print(
        f"corpus: {size} articles, {words / size:.0f} words each on average; {events} events found"
    )
    print(
        f"eventwire: {eventwire_s:.2f} s; bare spaCy nlp.pipe ({nlp.meta['name']} "
        f"{nlp.meta['version']}): {floor_s:.2f} s"
    )
    print(f"in chunks (Pipeline.run): {size / batched_s:.1f} articles/s")
    print(f"throughput articles_per_s={rate:.1f} floor_per_s={floor:.1f} ratio={rate / floor:.2f}")


if __name__ == "__main__":
    main()
