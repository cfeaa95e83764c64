"""Corpus scale: input estimates, and Dask (LocalCluster, 2 worker processes) giving exactly the
single-process result."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from newswire.cli import main
from newswire.scale import estimate_total

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from stress.corpus import generated, wire_copies
from stress.db import Dump, sqlite_target
from stress.db import dump as dump_target


def make_corpus(folder: Path, n: int) -> None:
    """``n`` generated news items plus a wire story with an exact and a near copy (dedup, fusion)."""
    generated(folder, n)
    wire_copies(folder)


def dump(path: Path) -> Dump:
    return dump_target(sqlite_target(path))


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


def test_local_workers_equal_single_process(tmp_path: Path):
    """``--workers 2`` (forked workers that send back finished records) stores exactly what one
    process stores, and ``analyze --workers 2`` prints the same records in the same order."""
    corpus = tmp_path / "corpus"
    make_corpus(corpus, n=10)
    runner = CliRunner()
    single, multi = tmp_path / "single.db", tmp_path / "multi.db"
    r1 = runner.invoke(main, ["ingest", str(corpus), "--db", str(single), "--no-progress"])
    assert r1.exit_code == 0, r1.output
    r2 = runner.invoke(
        main, ["ingest", str(corpus), "--db", str(multi), "--no-progress", "--workers", "2", "--batch-size", "2"]
    )
    assert r2.exit_code == 0, r2.output
    assert dump(multi) == dump(single)

    a1 = runner.invoke(main, ["analyze", str(corpus), "--format", "jsonl"])
    a2 = runner.invoke(main, ["analyze", str(corpus), "--format", "jsonl", "--workers", "2"])
    assert a1.exit_code == 0 and a2.exit_code == 0, a1.output + a2.output
    lines = a1.stdout.splitlines()
    assert len(lines) >= 10 and a2.stdout.splitlines() == lines


def test_analyze_articles_in_worker_processes(nlp: Any) -> None:
    from newswire import Article, analyze_articles

    texts = [
        f"Protesters marched in Lagos on Monday, the {i}th day of demonstrations against fuel prices."
        for i in range(1, 7)
    ]
    arts = [Article(text=t, published="2024-03-04", id=f"d{i}") for i, t in enumerate(texts)]
    one = [r.to_json() for r in analyze_articles(arts, nlp)]
    two = [r.to_json() for r in analyze_articles(arts, nlp, workers=2, batch_size=2)]
    assert one == two
    assert [json.loads(j)["document"]["id"] for j in two] == [f"d{i}" for i in range(6)]
