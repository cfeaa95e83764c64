"""Corpus scale: input estimates, and Dask (LocalCluster, 2 worker processes) giving exactly the
single-process result."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newswire.cli import main
from newswire.scale import estimate_total
from test_crash import dump, make_corpus


def test_estimate_total_counts_documents_cheaply(tmp_path: Path):
    (tmp_path / "a.txt").write_text("One story.")
    (tmp_path / "b.jsonl").write_text(
        "\n".join(json.dumps({"id": str(i), "text": f"Story {i}."}) for i in range(5)) + "\n\n"
    )
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.rss").write_text(
        "<rss><channel><item><title>a</title></item><item><title>b</title></item></channel></rss>"
    )
    (tmp_path / ".hidden.txt").write_text("skipped")
    (tmp_path / "notes.docx").write_text("skipped")
    assert estimate_total([str(tmp_path)]) == 1 + 5 + 2
    assert estimate_total([str(tmp_path / "a.txt"), "-"]) is None
    assert estimate_total(["https://news.example/feed.rss"]) is None


def test_dask_local_cluster_equals_single_process(tmp_path: Path):
    pytest.importorskip("distributed")
    corpus = tmp_path / "corpus"
    make_corpus(corpus, n=10)
    runner = CliRunner()
    single, dask = tmp_path / "single.db", tmp_path / "dask.db"
    r1 = runner.invoke(main, ["ingest", str(corpus), "--db", str(single), "--no-progress"])
    assert r1.exit_code == 0, r1.output
    r2 = runner.invoke(
        main,
        [
            "ingest",
            str(corpus),
            "--db",
            str(dask),
            "--no-progress",
            "--dask",
            "local",
            "--workers",
            "2",
            "--partition-size",
            "3",
        ],
    )
    assert r2.exit_code == 0, r2.output
    assert "stored" in r2.stderr
    assert dump(dask) == dump(single)
