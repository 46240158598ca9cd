"""Article extraction (article.py), boilerplate rules (boilerplate.py), datelines (dateline.py)."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.article import ExtractionError, extract_article, text_paragraphs
from eventwire.boilerplate import is_credit_line, is_junk, split_story
from eventwire.dateline import byline_from_credit, parse_dateline, parse_timestamp
from eventwire.records import Article, RawDocument

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Floods cut road links to three towns near Kassala | Riverside Ledger</title>
<meta property="og:title" content="Floods cut road links to three towns near Kassala">
<meta property="og:site_name" content="Riverside Ledger">
<meta name="author" content="Halima Osman">
<meta property="article:published_time" content="2024-08-19T07:15:00Z">
</head>
<body>
<header><nav><ul>
<li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/subscribe">Subscribe now</a></li>
</ul></nav></header>
<main>
<article>
<h1>Floods cut road links to three towns near Kassala</h1>
<p class="byline">By Halima Osman</p>
<p>KASSALA, Sudan (Riverside Ledger) - Seasonal floods washed away two bridges on the main
highway east of Kassala on Sunday, leaving three farming towns cut off from the city, local
officials said.</p>
<p>Water levels in the Gash river rose faster than expected after three days of heavy rain in
the highlands upstream, according to the state water authority.</p>
<p>Relief workers said boats were being used to bring flour and medicine to the stranded towns,
where several thousand families live.</p>
<p>"We have never seen the river this high in August," said a farmer who asked not to be named,
standing beside a field of flattened sorghum.</p>
<p>Engineers expect temporary crossings to be in place within ten days if the rain eases, the
authority said in a statement.</p>
</article>
<aside class="sidebar"><h3>Most read</h3><ul>
<li><a href="/a">Grain traders cheer as wheat prices ease</a></li>
<li><a href="/b">Stadium plans approved after long delay</a></li>
</ul></aside>
<section class="related"><h3>See also</h3><ul>
<li><a href="/c">Dam inspection finds cracks in spillway</a></li>
</ul></section>
<div class="author-bio"><p>Halima Osman covers eastern Sudan for the Riverside Ledger. She
previously reported on trade routes across the Red Sea.</p></div>
<div id="comments"><h3>Leave a Reply</h3><form>
<p>Your email address will not be published. Required fields are marked *</p>
<textarea name="comment"></textarea><input type="submit" value="Post Comment">
</form></div>
</main>
<footer><p>&copy; 2024 Riverside Ledger. All rights reserved.</p>
<p><a href="/privacy">Privacy policy</a> | <a href="/terms">Terms of use</a></p></footer>
</body>
</html>
"""

PAGE_FURNITURE = [
    "Home",
    "Subscribe",
    "Most read",
    "Grain traders",
    "Stadium plans",
    "See also",
    "Dam inspection",
    "covers eastern Sudan",
    "Leave a Reply",
    "Your email address",
    "Post Comment",
    "All rights reserved",
    "Privacy policy",
    "Terms of use",
]

# A page flattened to text: headline, timestamp, dateline, story with junk lines mixed in, the
# credit line and what a scraper picks up after it.
FLAT = """Ferry crews strike over unpaid wages in Port Halden

October 14, 2024 · 11:42 AM GMT+5

PORT HALDEN, Norland (Coastline Wire) - Several hundred ferry workers walked off the job on \
Monday, halting crossings to the outer islands, union leaders said.

See also: Harbour authority announces new fees for cargo vessels

The strike began at dawn when crews refused to board the first morning sailing, leaving \
commuters stranded on the quay.

Share this article

Union officials said members had not been paid for two months and would stay away until the \
company settled its debts.

Our standards: The Coastline Wire Trust Principles.

Purchase Licensing Rights, opens new tab

A spokesman for the ferry company said talks with the union would resume on Wednesday.

Leave a Reply

Your email address will not be published. Required fields are marked *

(Reporting by Ingrid Vale and Tomas Berg in Port Halden; Editing by Mark Dune)

Ingrid Vale is a correspondent in Port Halden who covers shipping and labour for the wire.
"""

FLAT_JUNK = [
    "See also",
    "Harbour authority announces",
    "Share this article",
    "Our standards",
    "Trust Principles",
    "Licensing Rights",
    "Leave a Reply",
    "Your email address",
    "Required fields",
    "Reporting by",
    "Editing by",
    "is a correspondent",
    "October 14, 2024",
    "PORT HALDEN, Norland",
    "Coastline Wire",
]


def _text(content: str, **metadata: object) -> RawDocument:
    return RawDocument(id="doc", content=content, is_html=False, origin="test", **metadata)


def _html(content: str, **metadata: object) -> RawDocument:
    return RawDocument(id="doc", content=content, is_html=True, origin="test", **metadata)


# --- HTML pages -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def page_article() -> Article:
    return extract_article(_html(PAGE))


def test_html_page_keeps_the_story_paragraphs(page_article: Article) -> None:
    paragraphs = page_article.text.split("\n\n")

    assert len(paragraphs) == 5
    assert paragraphs[0].startswith("Seasonal floods washed away two bridges")
    assert paragraphs[-1].endswith("the authority said in a statement.")


@pytest.mark.parametrize("furniture", PAGE_FURNITURE)
def test_html_page_furniture_is_removed(page_article: Article, furniture: str) -> None:
    assert furniture.lower() not in page_article.text.lower()


def test_html_page_metadata_comes_from_the_page(page_article: Article) -> None:
    assert page_article.title == "Floods cut road links to three towns near Kassala"
    assert page_article.outlet == "Riverside Ledger"
    assert page_article.published == date(2024, 8, 19)
    assert page_article.byline == "Halima Osman"


def test_html_page_dateline_becomes_metadata(page_article: Article) -> None:
    assert page_article.dateline == "KASSALA, Sudan (Riverside Ledger) -"
    assert page_article.dateline_place == "Kassala, Sudan"
    assert page_article.wire_agency == "Riverside Ledger"
    assert "KASSALA" not in page_article.text


def test_metadata_given_with_the_document_wins_over_the_page() -> None:
    article = extract_article(
        _html(
            PAGE,
            title="Given title",
            outlet="Given Outlet",
            published=date(2024, 8, 20),
            url="https://example.org/kassala",
        )
    )

    assert (article.title, article.outlet, article.published, article.url) == (
        "Given title",
        "Given Outlet",
        date(2024, 8, 20),
        "https://example.org/kassala",
    )


@pytest.mark.parametrize(
    "page",
    [
        "<html><head><title>Nothing</title></head><body></body></html>",
        "<html><body><script>var pageViews = 1;</script></body></html>",
        "<html><body><div><p>Share this article</p><p>Leave a Reply</p></div></body></html>",
    ],
)
def test_page_without_article_text_raises(page: str) -> None:
    with pytest.raises(ExtractionError):
        extract_article(_html(page))


# --- flattened text -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def flat_article() -> Article:
    return extract_article(_text(FLAT))


def test_flattened_text_keeps_only_story_paragraphs(flat_article: Article) -> None:
    assert flat_article.text.split("\n\n") == [
        "Several hundred ferry workers walked off the job on Monday, halting crossings to the "
        "outer islands, union leaders said.",
        "The strike began at dawn when crews refused to board the first morning sailing, leaving "
        "commuters stranded on the quay.",
        "Union officials said members had not been paid for two months and would stay away until "
        "the company settled its debts.",
        "A spokesman for the ferry company said talks with the union would resume on Wednesday.",
    ]


@pytest.mark.parametrize("junk", FLAT_JUNK)
def test_flattened_text_junk_is_not_in_the_article(flat_article: Article, junk: str) -> None:
    assert junk not in flat_article.text


def test_flattened_text_metadata(flat_article: Article) -> None:
    assert flat_article.title == "Ferry crews strike over unpaid wages in Port Halden"
    assert flat_article.published == date(2024, 10, 14)
    assert flat_article.byline == "Ingrid Vale, Tomas Berg"
    assert flat_article.dateline == "PORT HALDEN, Norland (Coastline Wire) -"
    assert flat_article.dateline_place == "Port Halden, Norland"
    assert flat_article.wire_agency == "Coastline Wire"


def test_author_bio_after_the_credit_line_is_dropped() -> None:
    article = extract_article(
        _text(
            "Crews at the northern depot refused overtime on Friday, the union said.\n\n"
            "(Reporting by Lena Marsh; Editing by Owen Pike)\n\n"
            "Lena Marsh reports on transport and labour from the northern provinces.\n\n"
            "Managers said the depot would reopen on Saturday."
        )
    )

    assert article.text == "Crews at the northern depot refused overtime on Friday, the union said."
    assert article.byline == "Lena Marsh"


def test_single_line_breaks_make_paragraphs_when_there_are_no_blank_lines() -> None:
    assert text_paragraphs("First line here.\r\nSecond  line\there.\n") == [
        "First line here.",
        "Second line here.",
    ]


def test_blank_line_paragraphs_join_their_wrapped_lines() -> None:
    assert text_paragraphs("One wrapped\nparagraph.\n\nAnother one.") == [
        "One wrapped paragraph.",
        "Another one.",
    ]


@pytest.mark.parametrize(
    "content",
    ["", "   \n\n  ", "Share this article\n\nLeave a Reply\n\nSubscribe to our newsletter"],
)
def test_text_without_story_raises(content: str) -> None:
    with pytest.raises(ExtractionError):
        extract_article(_text(content))


# --- publication date -----------------------------------------------------------------------

UNDATED = "Bakers in the old town raised bread prices by a fifth on Thursday, traders said."


def test_default_published_is_used_when_the_input_has_no_date() -> None:
    article = extract_article(_text(UNDATED), default_published=date(2024, 3, 1))

    assert article.published == date(2024, 3, 1)


def test_default_published_does_not_override_the_document_date() -> None:
    article = extract_article(
        _text(UNDATED, published=date(2024, 2, 2)), default_published=date(2024, 3, 1)
    )

    assert article.published == date(2024, 2, 2)


def test_default_published_does_not_override_a_timestamp_line() -> None:
    content = "Bread prices rise\n\nPublished: 9 February 2024\n\n" + UNDATED

    article = extract_article(_text(content), default_published=date(2024, 3, 1))

    assert article.published == date(2024, 2, 9)
    assert article.text == UNDATED


def test_default_published_does_not_override_the_page_date() -> None:
    article = extract_article(_html(PAGE), default_published=date(2030, 1, 1))

    assert article.published == date(2024, 8, 19)


def test_no_date_anywhere_gives_none() -> None:
    assert extract_article(_text(UNDATED)).published is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("October 14, 2024 · 11:42 AM GMT+5", date(2024, 10, 14)),
        ("Oct. 14, 2024", date(2024, 10, 14)),
        ("Published: 3 March 2024", date(2024, 3, 3)),
        ("Updated 2024-03-05T10:00:00Z", date(2024, 3, 5)),
        ("February 30, 2024", None),
        ("Smarch 3, 2024", None),
        ("Clashes resumed on October 14, 2024 in the northern districts of the city", None),
    ],
)
def test_parse_timestamp(line: str, expected: date | None) -> None:
    assert parse_timestamp(line) == expected


# --- datelines and credit lines -------------------------------------------------------------


@pytest.mark.parametrize(
    ("paragraph", "place", "agency", "dateline"),
    [
        (
            "BAGHDAD (Reuters) \u2013 Rockets struck near the airport road overnight.",
            "Baghdad",
            "Reuters",
            "BAGHDAD (Reuters) \u2013",
        ),
        (
            "MOGADISHU, March 3 (Reuters) - A car bomb exploded outside a hotel.",
            "Mogadishu",
            "Reuters",
            "MOGADISHU, March 3 (Reuters) -",
        ),
        (
            "CULIACÁN, Mexico, Jan. 22 (Meridian News) - Soldiers detained four men.",
            "Culiacán, Mexico",
            "Meridian News",
            "CULIACÁN, Mexico, Jan. 22 (Meridian News) -",
        ),
        ("NAIROBI -- Traders shut their stalls.", "Nairobi", None, "NAIROBI --"),
    ],
)
def test_parse_dateline(paragraph: str, place: str, agency: str | None, dateline: str) -> None:
    parsed = parse_dateline(paragraph)

    assert parsed is not None
    assert (parsed.place, parsed.agency, parsed.text) == (place, agency, dateline)


@pytest.mark.parametrize(
    "paragraph",
    [
        "Officials said the road would reopen - eventually.",
        "The mayor (who took office in May) - said nothing.",
        "UN - the body met.",
    ],
)
def test_ordinary_paragraph_has_no_dateline(paragraph: str) -> None:
    assert parse_dateline(paragraph) is None


@pytest.mark.parametrize(
    ("paragraph", "place", "agency", "rest"),
    [
        (
            "BAGHDAD (Reuters) \u2013 Rockets struck near the airport road overnight.",
            "Baghdad",
            "Reuters",
            "Rockets struck near the airport road overnight.",
        ),
        (
            "MOGADISHU, March 3 (Reuters) - A car bomb exploded outside a hotel.",
            "Mogadishu",
            "Reuters",
            "A car bomb exploded outside a hotel.",
        ),
        (
            "CULIACÁN, Mexico, Jan. 22 (Meridian News) - Soldiers detained four men.",
            "Culiacán, Mexico",
            "Meridian News",
            "Soldiers detained four men.",
        ),
    ],
)
def test_dateline_is_removed_from_the_article_text(
    paragraph: str, place: str, agency: str, rest: str
) -> None:
    article = extract_article(_text(paragraph + "\n\nNo group claimed responsibility."))

    assert article.text == rest + "\n\nNo group claimed responsibility."
    assert (article.dateline_place, article.wire_agency) == (place, agency)


@pytest.mark.parametrize(
    ("credit", "byline"),
    [
        (
            "(Reporting by Amina Yusuf in Mogadishu and Peter Lund; Writing by Sara Kim; "
            "Editing by Tom Reed)",
            "Amina Yusuf, Peter Lund, Sara Kim",
        ),
        (
            "Reporting by Amina Yusuf, Peter Lund in Nairobi; Editing by Tom Reed",
            "Amina Yusuf, Peter Lund",
        ),
        ("(Editing by Tom Reed)", None),
    ],
)
def test_byline_from_credit(credit: str, byline: str | None) -> None:
    assert is_credit_line(credit)
    assert byline_from_credit(credit) == byline


def test_credit_line_becomes_the_byline_and_leaves_the_text() -> None:
    article = extract_article(
        _text(
            "Militants fired mortar rounds at a police post late on Saturday, officials said.\n\n"
            "(Reporting by Yusuf Adan in Garowe; Editing by Clara Holt)"
        )
    )

    assert article.byline == "Yusuf Adan"
    assert article.text == (
        "Militants fired mortar rounds at a police post late on Saturday, officials said."
    )


# --- boilerplate rules ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "See also: Harbour fees rise for cargo ships",
        "Share this article",
        "Leave a Reply",
        "Your email address will not be published. Required fields are marked *",
        "Our standards: The Coastline Wire Trust Principles.",
        "Purchase Licensing Rights, opens new tab",
        "© 2024 Riverside Ledger",
        "Read more: Farmers protest over diesel prices",
        "Subscribe to our daily briefing",
        "We use cookies to improve your experience.",
        "12 comments",
    ],
)
def test_junk_lines(line: str) -> None:
    assert is_junk(line)


@pytest.mark.parametrize(
    "line",
    [
        "Share prices fell sharply in the capital on Monday after the strike was announced.",
        "Subscribers to the water scheme marched to the governor's office.",
        "Police said they would follow up on the complaints next week.",
        "The ferry company said it had read the union's letter carefully.",
    ],
)
def test_story_lines_are_not_junk(line: str) -> None:
    assert not is_junk(line)


def test_split_story_stops_at_the_credit_line() -> None:
    story, credit = split_story(
        [
            "First paragraph.",
            "Share this article",
            "Second paragraph.",
            "(Writing by Ana Ruiz)",
            "Ana Ruiz writes about farming.",
        ]
    )

    assert story == ["First paragraph.", "Second paragraph."]
    assert credit == "(Writing by Ana Ruiz)"
