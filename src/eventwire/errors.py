"""The project's errors: every one an :class:`EventwireError`, so that a program (or the
command line) can catch them all at once; each also keeps the built-in base it had (a bad
input is still a ``ValueError``). Each is raised by the module named in its docstring."""

from __future__ import annotations


class EventwireError(Exception):
    """An error Eventwire reports in one line: bad input, a store or model that cannot be
    used. Anything else is a bug."""


class ExtractionError(EventwireError, ValueError):
    """The document holds no article text. (``article``)"""


class InputError(EventwireError, ValueError):
    """Input that cannot be turned into a document. (``inputs``)"""


class ModelError(EventwireError, RuntimeError):
    """The configured spaCy model cannot be loaded. (``nlp``)"""


class GazetteerError(EventwireError):
    """A gazetteer file that is missing or is not a gazetteer. (``geocode``)"""


class FetchError(EventwireError):
    """A page could not be fetched; the message is the one-line reason. (``fetch``)"""


class StoreError(EventwireError, RuntimeError):
    """The store cannot be opened or queried. (``store``)"""


class SearchError(StoreError):
    """A search that cannot be run: not valid FTS5 syntax, or a name too long to look for.
    (``store``)"""


class DumpError(EventwireError):
    """A dump that is missing, is no zip, has no text member or holds a malformed record.
    (``geonames_dump``)"""


class GoldFormatError(EventwireError, ValueError):
    """A gold file that cannot be read. (``goldsets``)"""


class ClassifierError(EventwireError, RuntimeError):
    """A classifier that cannot be loaded: missing, altered or unreadable weights.
    (``classifier``)"""


class UnknownValue(EventwireError, ValueError):
    """A filter value that names nothing: an unknown country or event type; the message says
    what was probably meant, or what is valid. (``filters``)"""


class OutputExists(EventwireError, FileExistsError):
    """An output folder an earlier run wrote, which is replaced only when asked to.
    (``spark``)"""
