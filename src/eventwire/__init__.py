"""Eventwire: turn news reports into structured, sourced event records.

Eventwire logs through the standard ``logging`` module under the ``eventwire`` logger and adds
only a ``NullHandler``: applications choose what to show (``eventwire --verbose`` shows, at
debug level, why each sentence was passed over or each event word dropped).
"""

import logging

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
