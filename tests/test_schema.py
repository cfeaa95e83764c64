"""The published JSON Schema matches the model, and every field is documented."""

from __future__ import annotations

import json
from pathlib import Path

from newswire.record import json_schema

ROOT = Path(__file__).resolve().parents[1]


def _fields(schema: dict) -> set[str]:
    names: set[str] = set()
    defs = schema.get("$defs", {})
    for node in [schema, *defs.values()]:
        names.update(node.get("properties", {}).keys())
    return names


def test_schema_file_is_current():
    on_disk = json.loads((ROOT / "docs" / "record.schema.json").read_text(encoding="utf-8"))
    assert on_disk == json_schema(), "docs/record.schema.json is stale: run `make schema`"


def test_schema_is_versioned():
    assert json_schema()["title"] == "newswire.record/1"


def test_every_record_field_is_documented():
    doc = (ROOT / "docs" / "record.md").read_text(encoding="utf-8")
    missing = sorted(f for f in _fields(json_schema()) if f"`{f}`" not in doc)
    assert not missing, f"fields missing from docs/record.md: {missing}"


def test_contract_fields_are_present():
    props = json_schema()["$defs"]
    contract = {
        "Actor": {"id", "name", "kind", "country", "sector", "title", "kb_id", "mentions"},
        "Event": {
            "id",
            "type",
            "mode",
            "context",
            "quad",
            "cameo",
            "source",
            "target",
            "when",
            "where",
            "magnitude",
            "modality",
            "attributed_to",
            "trigger",
            "evidence",
            "rule",
            "confidence",
        },
        "Quote": {"id", "kind", "text", "start", "end", "speaker", "cue"},
        "Time": {"text", "start", "end", "type", "value", "interval"},
        "Place": {
            "text",
            "start",
            "end",
            "name",
            "geonameid",
            "lat",
            "lon",
            "country",
            "feature_code",
            "admin1",
        },
        "Document": {"id", "title", "published", "url", "source", "language"},
    }
    for name, fields in contract.items():
        assert fields <= set(props[name]["properties"]), name
