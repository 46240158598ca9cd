"""The one description of an input article record: a JSON Lines line or a ``POST
/v1/articles`` body. Both are checked against :class:`ArticleRecord` (types, sizes, the
address scheme, the date) before anything else reads them; a record that fails gets a
one-line reason."""

from __future__ import annotations

import codecs
from datetime import date
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from eventwire.errors import InputError
from eventwire.records import RawDocument

MAX_BYTES = 5_000_000
MAX_ID = 1_000
MAX_TITLE = 2_000
MAX_URL = 4_000
MAX_OUTLET = 300
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)

Text = Annotated[str | None, Field(max_length=MAX_BYTES)]


class ArticleRecord(BaseModel):
    """An article to code: its text or HTML page and what is known about it. Other keys are
    ignored."""

    model_config = ConfigDict(strict=True, extra="ignore", frozen=True)

    id: str | int = Field(description="Document id: a string or an integer.")
    text: Text = Field(None, description="Plain text (or give html).")
    html: Text = Field(None, description="The article's HTML page (or give text).")
    title: str | None = Field(None, max_length=MAX_TITLE)
    url: str | None = Field(
        None, max_length=MAX_URL, description="The article's http or https address."
    )
    published: str | None = Field(
        None, max_length=40, description="Publication date, YYYY-MM-DD (a time may follow)."
    )
    outlet: str | None = Field(None, max_length=MAX_OUTLET)

    @field_validator("id", mode="before")
    @classmethod
    def _id(cls, value: Any) -> Any:
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise ValueError("must be a string or a number")
        if not str(value).strip():
            raise ValueError("is empty")
        if len(str(value)) > MAX_ID:
            raise ValueError(f"is longer than {MAX_ID} characters")
        return value

    @field_validator("url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        if value and not value.lower().startswith(("http://", "https://")):
            raise ValueError("must be an http or https address")
        return value

    @field_validator("published")
    @classmethod
    def _published(cls, value: str | None) -> str | None:
        if value:
            try:
                date.fromisoformat(value[:10])
            except ValueError:
                raise ValueError(f"must be a date YYYY-MM-DD, not {value!r}") from None
        return value

    @model_validator(mode="after")
    def _content(self) -> ArticleRecord:
        if not self.content:
            raise ValueError('record has no "text" or "html"')
        return self

    @property
    def content(self) -> str | None:
        """The HTML page when there is one, else the text."""
        if self.html and self.html.strip():
            return self.html
        return self.text if self.text and self.text.strip() else None

    def document(self, origin: str) -> RawDocument:
        content = self.content
        assert content is not None  # the model validator saw to it
        return RawDocument(
            id=str(self.id),
            content=content,
            is_html=content is self.html,
            origin=origin,
            title=self.title or None,
            url=self.url or None,
            published=date.fromisoformat(self.published[:10]) if self.published else None,
            outlet=self.outlet or None,
        )


FIELDS = frozenset(ArticleRecord.model_fields)


def _whole(value: object) -> object:
    """A string with each lone surrogate (JSON allows ``"\\ud800"``, Unicode does not) made
    U+FFFD, so that one bad character does not lose an article; other values as they are."""
    if isinstance(value, str) and not value.isascii():
        return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return value


def reason(error: ValidationError) -> str:
    """The first problem of a failed validation as one line: ``"url" must be ...``."""
    first = error.errors(include_url=False)[0]
    field = first["loc"][0] if first["loc"] else None
    if first["type"] == "missing":
        return f'record has no "{field}"'
    if first["type"] in {"model_type", "model_attributes_type", "dict_type"}:
        return "record is not a JSON object"
    message = (
        first["msg"]
        .removeprefix("Value error, ")
        .replace("Input should be", "must be")
        .replace("String should have", "must have")
    )
    return f'"{field}" {message}' if field is not None else message


def document_from_json(record: object, origin: str) -> RawDocument:
    """Check one decoded record against :class:`ArticleRecord` and build its document, or
    raise :class:`InputError` with the reason."""
    if not isinstance(record, dict):
        raise InputError("record is not a JSON object")
    fields = {key: _whole(value) for key, value in record.items() if key in FIELDS}
    try:
        return ArticleRecord.model_validate(fields).document(origin)
    except ValidationError as exc:
        raise InputError(reason(exc)) from None


def decode(data: bytes) -> str:
    """Decode bytes as UTF-8 (or UTF-16 with its byte order mark) or raise
    :class:`InputError` saying why not."""
    if not data.strip():
        raise InputError("empty")
    if data.startswith(UTF16_BOMS):
        try:
            data = data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(f"not UTF-16 (byte {exc.start})") from exc
    if b"\x00" in data[:8192]:
        raise InputError("binary content")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 (byte {exc.start})") from exc
    if not text.strip():
        raise InputError("empty")
    return text
