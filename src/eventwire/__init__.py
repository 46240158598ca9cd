"""Eventwire: turn news reports into structured, sourced event records."""

__version__ = "0.1.0"
