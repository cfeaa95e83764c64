"""The command line as a user runs it: real files, a real SQLite database, real model."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newswire.cli import main

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles"

TEXT = (
    "Turkish President Recep Tayyip Erdogan met Ukrainian President Volodymyr Zelensky in Lviv on "
    "Thursday. Ukraine accused Russia of shelling the Zaporizhzhia nuclear plant."
)


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def test_analyze_jsonl_from_stdin(runner, check_record):
    result = runner.invoke(
        main, ["analyze", "-", "--published", "2022-08-18", "--format", "jsonl"], input=TEXT
    )
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) == 1
    rec = check_record(lines[0])
    assert rec["document"]["published"] == "2022-08-18"
    assert rec["text"] == TEXT


def test_analyze_json_one_record_from_file(runner, tmp_path, check_record):
    f = tmp_path / "article.txt"
    f.write_text(TEXT, encoding="utf-8")
    result = runner.invoke(main, ["analyze", str(f), "--format", "json", "--title", "Lviv talks"])
    assert result.exit_code == 0, result.output
    rec = check_record(json.loads(result.stdout))
    assert rec["document"]["title"] == "Lviv talks"


def test_analyze_text_summary_and_explain(runner, tmp_path):
    f = tmp_path / "article.txt"
    f.write_text(TEXT, encoding="utf-8")
    result = runner.invoke(
        main, ["analyze", str(f), "--format", "text", "--explain", "--published", "2022-08-18"]
    )
    assert result.exit_code == 0, result.output
    for heading in ("Actors", "Events", "Quotes", "Dates", "Places"):
        assert heading in result.stdout


def test_analyze_jsonl_input_keeps_ids_and_order(runner, tmp_path, check_record):
    f = tmp_path / "batch.jsonl"
    rows = [
        {
            "id": "first",
            "text": "Kenya said it would send police officers to Haiti.",
            "published": "2023-09-22",
        },
        {"id": "second", "text": "Israel and Hamas agreed to a four-day truce.", "published": "2023-11-22"},
    ]
    f.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    result = runner.invoke(main, ["analyze", str(f), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    recs = [check_record(json.loads(x)) for x in result.stdout.splitlines() if x.strip()]
    assert [r["document"]["id"] for r in recs] == ["first", "second"]


def test_analyze_json_refuses_several_documents(runner):
    result = runner.invoke(main, ["analyze", str(EXAMPLES), "--format", "json"])
    assert result.exit_code == 2


def test_analyze_rejected_input_exit_code_1_and_rest_processed(runner, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(TEXT, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = runner.invoke(main, ["analyze", str(good), str(empty), "--format", "jsonl"])
    assert result.exit_code == 1
    assert "empty.txt" in result.stderr
    assert len([x for x in result.stdout.splitlines() if x.strip()]) == 1


def test_bad_published_is_a_usage_error(runner):
    result = runner.invoke(main, ["analyze", "-", "--published", "20 Februaryish"], input=TEXT)
    assert result.exit_code == 2


def test_ingest_events_documents_show(runner, tmp_path):
    db = tmp_path / "news.db"
    result = runner.invoke(main, ["ingest", str(EXAMPLES), "--db", str(db), "--no-progress"])
    assert result.exit_code == 0, result.output
    assert db.exists()
    assert "stored 4 document(s)" in result.stderr

    again = runner.invoke(main, ["ingest", str(EXAMPLES), "--db", str(db), "--no-progress"])
    assert again.exit_code == 0
    assert "stored 0 document(s), skipped 4" in again.stderr

    docs = runner.invoke(main, ["documents", "--db", str(db), "--format", "jsonl"])
    assert docs.exit_code == 0, docs.output
    rows = [json.loads(x) for x in docs.stdout.splitlines()]
    assert len(rows) == 4
    assert {r["published"] for r in rows} == {"2021-07-20", "2022-03-29", "2023-09-22", "2024-06-14"}

    ev = runner.invoke(main, ["events", "--db", str(db), "--format", "csv"])
    assert ev.exit_code == 0, ev.output
    table = list(csv.DictReader(io.StringIO(ev.stdout)))
    assert table, "the example articles hold events"
    assert {"type", "source_name", "target_name", "when_start"} <= set(table[0])

    rus = runner.invoke(main, ["events", "--db", str(db), "--actor", "RUS", "--format", "jsonl"])
    assert rus.exit_code == 0
    for line in rus.stdout.splitlines():
        row = json.loads(line)
        assert "RUS" in (row["source_country"], row["target_country"])

    since = runner.invoke(main, ["events", "--db", str(db), "--since", "2024-01-01", "--format", "jsonl"])
    for line in since.stdout.splitlines():
        row = json.loads(line)
        assert (row["when_end"] or row["published"]) >= "2024-01-01"

    show = runner.invoke(main, ["show", "--db", str(db)])
    assert show.exit_code == 0
    assert "Kenya ready to lead Haiti security mission" in show.stdout

    table_out = runner.invoke(main, ["events", "--db", str(db)])
    assert table_out.exit_code == 0


def test_events_validates_type(runner, tmp_path):
    result = runner.invoke(main, ["events", "--db", str(tmp_path / "x.db"), "--type", "PARTY"])
    assert result.exit_code == 2


def test_events_without_database_is_a_usage_error(runner, tmp_path):
    result = runner.invoke(main, ["events", "--db", str(tmp_path / "missing.db")])
    assert result.exit_code == 2
    assert "newswire ingest" in result.output


def test_schema_command_prints_the_schema(runner):
    result = runner.invoke(main, ["schema"])
    assert json.loads(result.stdout)["title"] == "newswire.record/1"
