"""Extraction output follows the published JSON Schema (the contract other tools read)."""

from __future__ import annotations

import json
from importlib import resources

import pytest
from jsonschema import Draft202012Validator

from eventwire.cli import samples_dir
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
        checked += 1
    assert checked >= 14


def test_schema_rejects_a_wrong_record(validator):
    bad = {"id": "x", "article": {}, "events": [{"type": "FIGHT"}]}
    assert list(validator.iter_errors(bad))
