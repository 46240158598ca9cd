"""The layers: records and the store below the NLP stages, the command line and the API
above them, loading a parser only when they code text."""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys

import pytest

import eventwire
import eventwire.errors

NLP = ("spacy", "thinc", "sklearn", "trafilatura", "datasketch", "torch")


@pytest.mark.parametrize("module", ["eventwire.store", "eventwire.api", "eventwire.cli"])
def test_reading_the_store_loads_no_nlp_library(module: str) -> None:
    probe = f"import sys, {module}; print(' '.join(m for m in {NLP!r} if m in sys.modules))"
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert loaded.returncode == 0, loaded.stderr
    assert loaded.stdout.split() == []


def test_every_error_of_the_project_is_an_eventwire_error() -> None:
    """Every exception class any module of the package defines, except the command line's
    own usage errors (click's)."""
    import click

    modules = [
        importlib.import_module(info.name)
        for info in pkgutil.iter_modules(eventwire.__path__, "eventwire.")
        if info.name not in ("eventwire.__main__",)
    ]
    errors = {
        value
        for module in modules
        for value in vars(module).values()
        if isinstance(value, type)
        and issubclass(value, Exception)
        and value.__module__.startswith("eventwire")
        and not issubclass(value, click.ClickException)
    }
    assert len(errors) >= 10
    assert {e for e in errors if not issubclass(e, eventwire.errors.EventwireError)} == set()
