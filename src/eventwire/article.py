"""Extract the article (clean text and metadata) from a raw document.

HTML goes through trafilatura, tuned for precision; flattened text goes through the same
paragraph rules (:mod:`eventwire.boilerplate`). The dateline and the credit line become
metadata and are removed from the text, so nothing downstream codes them.
"""

from __future__ import annotations

import re
from datetime import date

import trafilatura

from eventwire.boilerplate import split_story
from eventwire.dateline import byline_from_credit, parse_dateline, parse_timestamp
from eventwire.errors import ExtractionError
from eventwire.records import Article, RawDocument

MIN_WORDS = 8  # a web page with fewer words than a one-line brief holds no article
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_SPACES = re.compile(r"[ \t\u00a0]+")


def _clean(paragraph: str) -> str:
    return _SPACES.sub(" ", paragraph).strip()


def text_paragraphs(text: str) -> list[str]:
    """Paragraphs of flattened text: blank-line separated, or one per line when there are none."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks = _PARAGRAPH_BREAK.split(text) if _PARAGRAPH_BREAK.search(text) else text.split("\n")
    paragraphs = [_clean(" ".join(block.split("\n"))) for block in blocks]
    return [p for p in paragraphs if p]


def _headline(paragraphs: list[str]) -> str | None:
    """A first paragraph that reads as a headline: short, one line, no closing full stop."""
    if len(paragraphs) < 2:
        return None
    first = paragraphs[0]
    if (
        len(first) <= 200
        and not first.endswith((".", '"', "\u201d"))
        and parse_dateline(first) is None
    ):
        return first
    return None


def _page_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def extract_article(doc: RawDocument, default_published: date | None = None) -> Article:
    """Clean article text and metadata of ``doc``; raise :class:`ExtractionError` if none."""
    title, outlet, byline, url, page_date = doc.title, doc.outlet, None, doc.url, None
    if doc.is_html:
        extracted = trafilatura.bare_extraction(
            doc.content,
            url=doc.url,
            favor_precision=True,
            include_comments=False,
            include_tables=False,
            with_metadata=True,
        )
        if extracted is None or not extracted.text:
            raise ExtractionError("no article text found in the page")
        title = title or extracted.title
        outlet = outlet or extracted.sitename
        byline = extracted.author
        url = url or extracted.url
        page_date = _page_date(extracted.date)
        paragraphs = [_clean(p) for p in extracted.text.split("\n") if p.strip()]
    else:
        paragraphs = text_paragraphs(doc.content)
        headline = _headline(paragraphs)
        if headline:
            title = title or headline
    if paragraphs and title and _clean(paragraphs[0]) == _clean(title):
        paragraphs = paragraphs[1:]
    stamp = next((parse_timestamp(p) for p in paragraphs[:3] if parse_timestamp(p)), None)
    if stamp:
        paragraphs = [p for p in paragraphs if not (parse_timestamp(p) and p in paragraphs[:3])]
        page_date = page_date or stamp
    story, credit = split_story(paragraphs)
    if not story or (doc.is_html and sum(len(p.split()) for p in story) < MIN_WORDS):
        raise ExtractionError("no article text after removing boilerplate")
    dateline = parse_dateline(story[0])
    if dateline:
        story[0] = story[0][len(dateline.text) :].lstrip()
    byline = (byline_from_credit(credit) if credit else None) or byline
    return Article(
        id=doc.id,
        text="\n\n".join(p for p in story if p),
        title=title,
        published=doc.published or page_date or default_published,
        outlet=outlet,
        byline=byline,
        dateline=dateline.text if dateline else None,
        dateline_place=dateline.place if dateline else None,
        wire_agency=dateline.agency if dateline else None,
        url=url,
    )
