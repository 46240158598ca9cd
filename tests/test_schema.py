"""Extraction output follows the published JSON Schema (the contract other tools read),
generated from the record models."""

from __future__ import annotations

import json
from importlib import resources

import pytest
from jsonschema import Draft202012Validator

from eventwire.cli import samples_dir
from eventwire.models import CodedArticle, record_schema
from eventwire.read import read_inputs

from .conftest import FIXTURES


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = json.loads(
        (resources.files("eventwire") / "schema" / "event-record.schema.json").read_text()
    )
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def test_every_record_validates(pipeline, validator):
    sources = [str(samples_dir()), str(FIXTURES)]
    checked = 0
    for result in pipeline.run(read_inputs(sources)):
        record = json.loads(json.dumps(result.to_dict()))
        errors = sorted(validator.iter_errors(record), key=str)
        assert not errors, f"{record['id']}: {errors[0]}"
        CodedArticle.model_validate(record)
        checked += 1
    assert checked >= 14


def test_schema_rejects_a_wrong_record(validator):
    bad = {"id": "x", "article": {}, "events": [{"type": "FIGHT"}]}
    assert list(validator.iter_errors(bad))


def test_the_published_schema_is_the_one_the_models_give():
    """The schema file is generated (``python -m eventwire.models``), never edited by hand."""
    published = json.loads(
        (resources.files("eventwire") / "schema" / "event-record.schema.json").read_text()
    )
    assert published == record_schema()
