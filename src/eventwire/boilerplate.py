"""Text rules that tell site boilerplate from article text in flattened pages.

HTML goes through trafilatura first; these rules clean what remains and handle pages that
arrive already flattened to text, where related links, comment forms, licensing lines and
author bios are mixed in with the story.
"""

from __future__ import annotations

import re

_JUNK_PARAGRAPH = re.compile(
    r"""^(?:
        see\s+also\b | related(?:\s+(?:stories|articles|coverage|content))?\s*[:|] |
        read\s+(?:more|also|next)\b | also\s+read\b | more\s+from\b | most\s+(?:read|popular)\b |
        recommended\s+(?:for\s+you|stories)\b | trending\b |
        leave\s+a\s+(?:reply|comment)\b | post\s+a\s+comment\b | \d*\s*comments?\s*$ |
        cancel\s+reply\b | your\s+email\s+address\s+will\s+not\s+be\s+published |
        required\s+fields\s+are\s+marked | save\s+my\s+name |
        our\s+standards\s*: | all\s+rights\s+reserved | copyright\b | \u00a9 |
        obtaining\s+licensing\s+rights | purchase\s+licensing\s+rights |
        share\s+(?:this|on)\b | share\s*$ | tweet\s*$ | follow\s+us\b | click\s+here\b |
        subscribe\b | sign\s+up\s+(?:for|to)\b | get\s+(?:our|the)\s+newsletter |
        advertisement\s*$ | sponsored\s*$ | cookie\s | we\s+use\s+cookies | privacy\s+policy\b |
        (?:photo|image|file\s+photo)\s*:
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_JUNK_ANYWHERE = re.compile(
    r"opens\s+a\s+new\s+tab|trust\s+principles|required\s+fields\s+are\s+marked\s+\*"
    r"|\bcookies?\s+(?:policy|settings|preferences)|manage\s+preferences|accept\s+(?:all\s+)?cookies"
    r"|non-essential\s+cookies|unsubscribe\s+at\s+any\s+time|terms\s+of\s+(?:use|service)",
    re.IGNORECASE,
)
# The wire credit line closes the story: "(Reporting by ...; Editing by ...)".
CREDIT_LINE = re.compile(
    r"^\(?\s*(?:additional\s+)?(?:reporting|writing|compiled|edited|editing|prepared)\s+by\b",
    re.IGNORECASE,
)


# Site furniture is short; a long paragraph that mentions "terms of service" is a story.
_FURNITURE_MAX_CHARS = 300


def is_junk(paragraph: str) -> bool:
    """True for a paragraph that is site furniture, not article text."""
    return bool(_JUNK_PARAGRAPH.match(paragraph)) or (
        len(paragraph) <= _FURNITURE_MAX_CHARS and bool(_JUNK_ANYWHERE.search(paragraph))
    )


def is_credit_line(paragraph: str) -> bool:
    return bool(CREDIT_LINE.match(paragraph.strip()))


def split_story(paragraphs: list[str]) -> tuple[list[str], str | None]:
    """Split paragraphs into article text and the credit line.

    Junk paragraphs are dropped. The credit line ends the story: what follows it on a scraped
    page (author bios, standards and licensing lines, comment forms) is never article text.
    """
    story: list[str] = []
    for paragraph in paragraphs:
        if is_credit_line(paragraph):
            return story, paragraph
        if not is_junk(paragraph):
            story.append(paragraph)
    return story, None
