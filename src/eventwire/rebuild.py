"""Coded articles back from their published JSON: the lines of ``extract --format jsonl`` and
of ``spark-extract``'s ``articles/``, for ``eventwire load``.

:func:`article_result` rebuilds the typed records field by field from their dataclass
definitions, so ``article_result(r.to_dict()).to_dict() == r.to_dict()``; what the record
does not publish (an actor's ACLED name and interaction code, the dateline's place) stays
unset, and nothing the store keeps depends on it.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Iterator
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from eventwire.records import Article, ArticleResult, Event, Skipped, Tally

RECORD_SUFFIXES = frozenset({".jsonl", ".ndjson", ".txt"})


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _value(kind: Any, value: Any) -> Any:
    """``value`` (parsed JSON) as the type ``kind`` names."""
    if value is None:
        return None
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        (inner,) = [k for k in typing.get_args(kind) if k is not type(None)]
        return _value(inner, value)
    if origin is list:
        (inner,) = typing.get_args(kind)
        return [_value(inner, v) for v in value]
    if dataclasses.is_dataclass(kind):
        return _build(kind, value)
    if kind is date:
        return date.fromisoformat(value)
    if kind is float:
        return float(value)
    return value


def _build(cls: type, data: dict[str, Any]) -> Any:
    hints = _hints(cls)
    return cls(
        **{
            f.name: _value(hints[f.name], data[f.name])
            for f in dataclasses.fields(cls)
            if f.name in data
        }
    )


def article_result(record: dict[str, Any]) -> ArticleResult:
    """The coded article a published record describes; ``KeyError``, ``TypeError`` or
    ``ValueError`` when it is not one."""
    article = record["article"]
    return ArticleResult(
        article=Article(
            id=record["id"],
            text=article["text"],
            title=article["title"],
            published=_value(date | None, article["published"]),
            outlet=article["outlet"],
            byline=article["byline"],
            dateline=article["dateline"],
            wire_agency=article["wire_agency"],
            url=article["url"],
        ),
        events=[_build(Event, e) for e in record["events"]],
        tallies=[_build(Tally, t) for t in record["tallies"]],
        coded_at=datetime.fromisoformat(record["coded_at"]),
    )


def record_files(path: Path) -> list[Path]:
    """The JSON Lines files at ``path``: the file itself; or in a folder (a ``spark-extract``
    output's ``articles/`` when it has one), each file with a JSON Lines or text suffix whose
    name begins with neither "." nor "_" (Hadoop's marker and checksum files)."""
    if not path.is_dir():
        return [path]
    folder = path / "articles" if (path / "articles").is_dir() else path
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file()
        and p.suffix.lower() in RECORD_SUFFIXES
        and not any(part.startswith((".", "_")) for part in p.relative_to(folder).parts)
    )


def read_results(path: Path) -> Iterator[ArticleResult | Skipped]:
    """Every coded article the JSON Lines at ``path`` hold, and a skip for each line that is
    not one (or a file that cannot be read), with its reason."""
    for file in record_files(path):
        try:
            with file.open(encoding="utf-8") as handle:
                for number, line in enumerate(handle, start=1):
                    if line.strip():
                        yield _result(line, f"{file}:{number}")
        except (OSError, UnicodeDecodeError) as exc:
            yield Skipped(str(file), getattr(exc, "strerror", None) or str(exc))


def _result(line: str, where: str) -> ArticleResult | Skipped:
    try:
        return article_result(json.loads(line))
    except json.JSONDecodeError as exc:
        return Skipped(where, f"invalid JSON ({exc.msg})")
    except (KeyError, TypeError, ValueError) as exc:
        return Skipped(where, f"not a coded article record ({type(exc).__name__}: {exc})")
