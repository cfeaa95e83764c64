"""Export tests: every format written from a real SQLite database and read back with standard readers
(csv, json, pyarrow.parquet), from Python and from the `newswire export` command."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from newswire import export as ex
from newswire.cli import main
from newswire.record import Record
from newswire.store import Store
from newswire.web import queries
from newswire.web.scores import event_score
from test_web_api import DOC_DRILLS, DOC_KYIV, DOC_XSS, all_records, fill


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return fill(str(tmp_path_factory.mktemp("export") / "export.db"))


@pytest.fixture()
def store(db: str):
    with Store.open(db) as s:
        yield s


def run(db: str, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["export", "--db", db, *args])  # as users run it
    return result.exit_code, result.stdout, result.stderr


def test_csv_table(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    ex.export(store, "csv", out)
    with out.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        assert tuple(reader.fieldnames or ()) == ex.EVENT_FIELDS
        rows = list(reader)
    assert len(rows) == 6
    mob = next(r for r in rows if r["type"] == "MOBILIZE")
    assert (mob["source_name"], mob["source_country"], mob["source_sector"]) == ("Russia", "RUS", "MIL")
    assert (mob["target_name"], mob["modality"], mob["context"]) == ("Uzbekistan", "future", "military")
    assert (mob["when_start"], mob["when_end"], mob["where_name"]) == ("2021-08-05", "2021-08-10", "Termez")
    assert float(mob["magnitude_value"]) == 1500 and mob["magnitude_qualifier"] == "approx"
    assert float(mob["score"]) == event_score("MOBILIZE", "troops")
    assert mob["evidence"].startswith("Russian defence officials said")
    hostile = next(r for r in rows if r["document_id"] == DOC_XSS)
    assert hostile["source_name"] == '<img src=x onerror="alert(1)">'  # data kept verbatim in data formats
    assert hostile["target_name"] == "" and hostile["lat"] == ""


def test_parquet_table(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.parquet"
    ex.export(store, "parquet", out, queries.EventFilter.parse(actor="RUS"))
    table = pq.read_table(out)
    assert table.num_rows == 4
    assert table.schema.field("quad").type == pa.int64()
    assert table.schema.field("lat").type == pa.float64()
    assert table.schema.field("context").type == pa.list_(pa.string())
    rows = table.to_pylist()
    assert [(r["document_id"], r["event_id"]) for r in rows] == [
        (DOC_DRILLS, "e2"), (DOC_DRILLS, "e1"), (DOC_KYIV, "e1"), (DOC_KYIV, "e2"),
    ]  # fmt: skip
    assert rows[1]["context"] == ["military"] and rows[1]["lon"] == pytest.approx(67.27833)
    assert rows[2]["magnitude_unit"] == "dead" and rows[2]["magnitude_value"] == 12
    empty = tmp_path / "none.parquet"
    ex.export(store, "parquet", empty, queries.EventFilter.parse(type="AID"))
    assert pq.read_table(empty).num_rows == 0
    assert pq.read_table(empty).schema.names == list(ex.EVENT_FIELDS)


def test_geojson_located_events(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.geojson"
    ex.export(store, "geojson", out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    feats = {f["properties"]["where_name"]: f for f in data["features"]}
    assert set(feats) == {"Termez", "Moscow", "Kyiv"}  # unlocated events are left out
    kyiv = feats["Kyiv"]
    assert kyiv["geometry"] == {"type": "Point", "coordinates": [30.5238, 50.45466]}  # lon, lat
    assert kyiv["properties"]["type"] == "ASSAULT" and kyiv["properties"]["where_country"] == "UKR"
    none = tmp_path / "none.geojson"
    ex.export(store, "geojson", none, queries.EventFilter.parse(type="AID"))
    assert json.loads(none.read_text()) == {"type": "FeatureCollection", "features": []}


def test_plover_jsonl(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.plover.jsonl"
    ex.export(store, "plover", out)
    events = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(events) == 6
    for e in events:
        assert {
            "id",
            "date",
            "actor",
            "recipient",
            "event",
            "mode",
            "context",
            "event_loc",
            "quad_code",
        } <= set(e)
        assert (
            isinstance(e["actor"], list) and isinstance(e["recipient"], list) and isinstance(e["event"], list)
        )
    by_id = {e["id"]: e for e in events}
    mob = by_id[f"{DOC_DRILLS}-e1"]
    assert mob["actor"] == [{"code": "RUS", "sector": "MIL", "entity_text": "Russia", "identifier_id": None,
                             "identifier_text": "Russia", "kind": "state"}]  # fmt: skip
    assert mob["recipient"][0]["code"] == "UZB"
    assert (mob["event"], mob["mode"], mob["context"]) == (["MOBILIZE"], ["troops"], ["military"])
    assert (mob["date"], mob["enddate"], mob["quad_code"]) == ("2021-08-05", "2021-08-10", 4)
    assert mob["event_loc"]["resolved_place"] == "Termez" and mob["event_loc"]["country_code"] == "UZB"
    assert mob["event_loc"]["geonameid"] == 1538229
    assert mob["modality"] == "future" and mob["event_scale"] == -6.5
    envoy = by_id[f"{DOC_DRILLS}-e2"]
    assert envoy["actor"][0]["office"] == "Special Envoy" and envoy["actor"][0]["identifier_id"] == "Q4066530"
    shelling = by_id[f"{DOC_KYIV}-e1"]
    assert shelling["size"] == {"dead": 12} and shelling["magnitude"]["qualifier"] == "at_least"
    reject = by_id[f"{DOC_XSS}-e1"]
    assert reject["recipient"] == [] and reject["event_loc"] is None and reject["mode"] == []
    assert reject["event_text"][0].startswith("Protesters gathered")


def test_gdelt_like_tsv(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.tsv"
    ex.export(store, "gdelt", out, queries.EventFilter.parse(type="ASSAULT,MOBILIZE"))
    with out.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert len(rows) == 2
    assert all(len(r) == len(ex.GDELT_FIELDS) and None not in r for r in rows)
    mob, assault = rows
    assert (mob["SQLDATE"], mob["MonthYear"], mob["Year"]) == ("20210805", "202108", "2021")
    assert (mob["Actor1Code"], mob["Actor1CountryCode"], mob["Actor2Code"]) == ("RUSMIL", "RUS", "UZB")
    assert (mob["EventCode"], mob["EventBaseCode"], mob["EventRootCode"]) == ("154", "154", "15")
    assert (mob["QuadClass"], float(mob["GoldsteinScale"])) == ("4", -6.5)
    assert (assault["ActionGeo_FullName"], assault["ActionGeo_CountryCode"]) == ("Kyiv", "UKR")
    assert float(assault["ActionGeo_Lat"]) == pytest.approx(50.45466)
    assert assault["DATEADDED"] == "20220329" and assault["SOURCEURL"] == "https://example.org/kyiv"
    assert (assault["PloverType"], assault["PloverMode"], assault["Modality"]) == (
        "ASSAULT",
        "heavy-weapons",
        "asserted",
    )


def test_gdelt_fields_never_hold_tabs_or_newlines() -> None:
    row = {k: None for k in queries.EVENT_COLUMNS}
    row.update({"document_id": "d", "event_id": "e1", "type": "PROTEST", "quad": 4, "score": -5.0,
                "source_name": "Name\twith\ttabs\nand lines", "date_start": "2024-01-02"})  # fmt: skip
    lines = "".join(ex.iter_gdelt([row])).splitlines()
    assert len(lines) == 2
    assert len(lines[1].split("\t")) == len(ex.GDELT_FIELDS)
    assert "Name with tabs and lines" in lines[1].split("\t")


def test_jsonl_records_roundtrip(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "records.jsonl"
    ex.export(store, "jsonl", out)
    got = [Record.from_json(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert got == all_records()
    some = tmp_path / "some.jsonl"
    ex.export(store, "jsonl", some, queries.EventFilter.parse(country="UZB"))
    assert [json.loads(x)["document"]["id"] for x in some.read_text().splitlines()] == [DOC_DRILLS]
    with pytest.raises(ValueError):
        ex.export(store, "xml", out)


def test_cli_export_formats_and_filters(db: str, tmp_path: Path) -> None:
    for fmt in ex.FORMATS:
        out = tmp_path / f"all{ex.MEDIA_TYPES[fmt][1]}"
        code, _, err = run(db, "--format", fmt, "--out", str(out))
        assert code == 0, err
        assert out.stat().st_size > 0 and f"as {fmt}" in err
    code, stdout, _ = run(db, "--format", "csv", "--out", "-", "--actor", "RUS", "--type", "ASSAULT")
    assert code == 0
    assert [(r["document_id"], r["event_id"]) for r in csv.DictReader(io.StringIO(stdout))] == [
        (DOC_KYIV, "e1")
    ]
    code, stdout, _ = run(db, "--format", "plover", "--out", "-", "--since", "2022-01-01", "--until", "2022-12-31",
                          "--quad", "1,3", "--sort", "-date")  # fmt: skip
    assert [json.loads(x)["event"] for x in stdout.splitlines()] == [["ACCUSE"], ["SUPPORT"]]
    code, stdout, _ = run(db, "--format", "csv", "--out", "-", "--limit", "2")
    assert len(list(csv.DictReader(io.StringIO(stdout)))) == 2
    code, stdout, _ = run(db, "--format", "jsonl", "--out", "-", "--limit", "1")
    assert len(stdout.splitlines()) == 1
    code, stdout, _ = run(db, "--format", "geojson", "--out", "-", "--bbox", "20,40,45,60")
    assert {f["properties"]["where_name"] for f in json.loads(stdout)["features"]} == {"Moscow", "Kyiv"}
    code, stdout, _ = run(db, "--format", "csv", "--out", "-", "--place", "termez", "--modality", "future",
                          "--country", "UZB", "--source", "Russia", "--target", "UZB", "--document", DOC_DRILLS)  # fmt: skip
    assert len(list(csv.DictReader(io.StringIO(stdout)))) == 1


@pytest.mark.parametrize(
    "args",
    [
        ["--format", "parquet", "--out", "-"],
        ["--format", "csv", "--out", "-", "--type", "PARTY"],
        ["--format", "csv", "--out", "-", "--since", "yesterday"],
        ["--format", "csv", "--out", "-", "--sort", "colour"],
        ["--format", "xlsx", "--out", "-"],
        ["--format", "csv"],
    ],
)
def test_cli_export_usage_errors(db: str, args: list[str]) -> None:
    code, _, _ = run(db, *args)
    assert code == 2


def test_cli_export_missing_database(tmp_path: Path) -> None:
    code, _, err = run(str(tmp_path / "nope.db"), "--format", "csv", "--out", "-")
    assert code == 2 and "no database" in err
    assert not (tmp_path / "nope.db").exists()
