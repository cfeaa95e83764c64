"""Shared fixtures: the real pipeline (loaded once), schema-checked analysis, temp databases."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest

import newswire
from newswire.record import Record, json_schema

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    """The full newswire pipeline on the default model, loaded once for the session."""
    return newswire.pipeline()


@pytest.fixture(scope="session")
def record_validator() -> jsonschema.protocols.Validator:
    schema = json_schema()
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema)


@pytest.fixture(scope="session")
def check_record(record_validator) -> Callable[[Record | dict], dict]:
    """Validate a record (model or dict) against the published JSON Schema; return it as a dict."""

    def check(rec: Record | dict) -> dict:
        data = rec.to_dict() if isinstance(rec, Record) else rec
        record_validator.validate(data)
        text = data["text"]
        for key in ("times", "places", "quotes"):
            for item in data[key]:
                assert 0 <= item["start"] <= item["end"] <= len(text)
        for actor in data["actors"]:
            for start, end in actor["mentions"]:
                assert 0 <= start <= end <= len(text)
        for event in data["events"]:
            for span in ("trigger", "evidence"):
                s = event[span]
                assert 0 <= s["start"] <= s["end"] <= len(text)
                assert text[s["start"] : s["end"]] == s["text"]
        return data

    return check


@pytest.fixture(scope="session")
def analyze(nlp, check_record) -> Callable[..., Record]:
    """newswire.analyze on the shared pipeline; every record it returns is schema-checked."""

    def run(text: str, published: str | None = "2021-07-20", **kw) -> Record:
        rec = newswire.analyze(text, published=published, nlp=nlp, **kw)
        check_record(rec)
        return rec

    return run


@pytest.fixture()
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'test.db'}"


#: Why the PostgreSQL tests are skipped when no server is configured (.ci/services.sh sets one up).
NO_PG = "no PostgreSQL server: set NEWSWIRE_TEST_PG_URL or run .ci/services.sh (writes .ci/pg_url)"


def pg_url() -> str | None:
    """The PostgreSQL URL the storage tests use: $NEWSWIRE_TEST_PG_URL, else .ci/pg_url, else None."""
    url = os.environ.get("NEWSWIRE_TEST_PG_URL")
    if url:
        return url
    f = ROOT / ".ci" / "pg_url"
    return (f.read_text().strip() or None) if f.exists() else None


def write_json(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path
