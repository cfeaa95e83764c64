"""Throughput of newswire at corpus scale (benchmarks, not tests: numbers depend on the machine).

    .venv/bin/python benchmarks/throughput.py ratio    [--docs 200] [--batch-size 16]
    .venv/bin/python benchmarks/throughput.py workers  [--docs 200] [--workers 2]
    .venv/bin/python benchmarks/throughput.py dask     [--docs 200] [--workers 2]
    .venv/bin/python benchmarks/throughput.py batch    [--docs 200] [--sizes 4,16,64,256,1000]
    .venv/bin/python benchmarks/throughput.py profile  [--docs 100] [--top 25]

- ratio: full pipeline (nlp.pipe + records) vs bare spaCy ``nlp.pipe`` on the same documents in
  the same run (aim: >= 0.75), each after a warm-up.
- workers: the full pipeline with ``n_process`` 1 and N (``--workers``); speed-up, and the peak
  RSS of the main process and of the largest worker.
- dask: ``newswire.scale.run_dask`` on a LocalCluster of 1 and of N single-threaded worker
  processes (model loaded once per worker, before timing); speed-up and peak RSS per worker.
- batch: full pipeline at several batch sizes, each in a fresh process (peak RSS is per process).
- profile: seconds per pipeline component (each component run over all documents in turn) and
  cProfile's top functions inside newswire.

Documents: the State Department press releases in ../shared/data/corpus (real news-like text),
else the example articles repeated. Other jobs on the machine skew the numbers: run it on an
idle machine, or report it as measured on a shared one.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = (
    ROOT.parent
    / "shared"
    / "data"
    / "corpus"
    / "State-Department-PR"
    / "state_dept_press_releases_2021-05_2022-08.jsonl"
)


def load_texts(n: int, skip: int = 0) -> tuple[list[str], list[str | None], str]:
    """``n`` real documents (texts and publication dates) and a label saying which."""
    if CORPUS.exists():
        texts: list[str] = []
        dates: list[str | None] = []
        with open(CORPUS, encoding="utf-8") as fh:
            for i, line in enumerate(fh):
                if i < skip:
                    continue
                row = json.loads(line)
                if row.get("text"):
                    texts.append(row["text"])
                    dates.append(row.get("date"))
                if len(texts) >= n:
                    break
        return texts, dates, CORPUS.name
    from newswire.article import Article
    from newswire.ingest import iter_inputs

    arts = [a for a in iter_inputs([str(ROOT / "examples" / "articles")]) if isinstance(a, Article)]
    reps = max(1, n // max(len(arts), 1))
    return [a.text for a in arts] * reps, [a.published for a in arts] * reps, "examples (repeated)"


def rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident set size in MB (Linux reports KB)."""
    return resource.getrusage(who).ru_maxrss / 1024


def articles(texts: list[str], dates: list[str | None]) -> list[Any]:
    from newswire.article import Article

    return [Article(text=t, published=d) for t, d in zip(texts, dates, strict=True)]


def run_full(nlp: Any, texts: list[str], dates: list[str | None], batch_size: int, n_process: int) -> float:
    """Seconds for the full pipeline, records included, the way ``analyze``/``ingest`` run it
    (``n_process`` > 1: forked workers that return records, newswire._pool)."""
    from newswire.api import analyze_stream

    arts = articles(texts, dates)
    t0 = time.perf_counter()
    for _ in analyze_stream(arts, nlp, batch_size=batch_size, workers=n_process):
        pass
    return time.perf_counter() - t0


def header(args: argparse.Namespace, texts: list[str], label: str) -> int:
    words = sum(len(t.split()) for t in texts)
    print(f"documents: {len(texts)} ({label}), words: {words}, batch size {args.batch_size}")
    return words


def cmd_ratio(args: argparse.Namespace) -> None:
    """Interleaved: each chunk of documents goes through bare spaCy and the full pipeline in turn
    (alternating which goes first), so load changes on a shared machine hit both alike. Reports
    wall-clock and CPU-time (this process only: robust to other jobs) ratios."""
    import newswire
    from newswire._build import doc_to_record
    from newswire.api import process

    texts, dates, label = load_texts(args.docs, skip=args.skip)
    words = header(args, texts, label)
    bare = newswire.load_model(args.model)
    full = newswire.pipeline(args.model)
    list(bare.pipe(texts[:4]))  # warm-up (lazy loads: gazetteer, lexicons)
    run_full(full, texts[:4], dates[:4], args.batch_size, 1)
    wall = {"bare": 0.0, "full": 0.0}
    cpu = {"bare": 0.0, "full": 0.0}
    chunk = max(args.batch_size, 16)

    def run(which: str, ts: list[str], ds: list[str | None]) -> None:
        w0, c0 = time.perf_counter(), time.process_time()
        if which == "bare":
            for _doc in bare.pipe(ts, batch_size=args.batch_size):
                pass
        else:
            for _, doc in process(articles(ts, ds), full, batch_size=args.batch_size):
                doc_to_record(doc)
        wall[which] += time.perf_counter() - w0
        cpu[which] += time.process_time() - c0

    for _ in range(args.repeat):
        for k, i in enumerate(range(0, len(texts), chunk)):
            ts, ds = texts[i : i + chunk], dates[i : i + chunk]
            for which in ("bare", "full") if k % 2 == 0 else ("full", "bare"):
                run(which, ts, ds)
    n = len(texts) * args.repeat
    for which, name in (("bare", "bare spaCy"), ("full", "newswire  ")):
        t = wall[which]
        print(
            f"{name} : {n / t:7.2f} docs/s {words * args.repeat / t:8.0f} words/s "
            f"(wall {t:.1f}s, cpu {cpu[which]:.1f}s)"
        )
    print(f"ratio newswire/bare: wall {wall['bare'] / wall['full']:.3f}, cpu {cpu['bare'] / cpu['full']:.3f}")
    print(f"peak RSS (this process): {rss_mb():.0f} MB")


def cmd_workers(args: argparse.Namespace) -> None:
    """Full pipeline and bare spaCy, each with n_process 1 and N, in alternating rounds (so load
    changes on a shared machine hit all four alike); worker start-up is included in every run."""
    import newswire

    texts, dates, label = load_texts(args.docs, skip=args.skip)
    header(args, texts, label)
    full = newswire.pipeline(args.model)
    run_full(full, texts[:4], dates[:4], args.batch_size, 1)
    bare = newswire.load_model(args.model) if args.bare else None
    if bare is not None:
        list(bare.pipe(texts[:4]))
    sizes = (1, args.workers)
    times: dict[tuple[str, int], float] = {}
    for r in range(args.repeat):
        for kind in ("full", "bare") if bare is not None else ("full",):
            for n in sizes if r % 2 == 0 else sizes[::-1]:
                t0 = time.perf_counter()
                if kind == "full":
                    run_full(full, texts, dates, args.batch_size, n)
                else:
                    assert bare is not None
                    for _doc in bare.pipe(texts, batch_size=args.batch_size, n_process=n):
                        pass
                times[kind, n] = times.get((kind, n), 0.0) + time.perf_counter() - t0
    docs = len(texts) * args.repeat
    for (kind, n), t in sorted(times.items()):
        print(
            f"{'newswire' if kind == 'full' else 'bare spaCy':10s} n_process={n}: {docs / t:7.2f} docs/s ({t:.1f}s)"
        )
    for kind in ("full", "bare") if bare is not None else ("full",):
        name = "newswire" if kind == "full" else "bare spaCy"
        print(f"{name} speed-up {args.workers} vs 1: {times[kind, 1] / times[kind, args.workers]:.2f}x")
    print(f"peak RSS: main {rss_mb():.0f} MB, largest worker {rss_mb(resource.RUSAGE_CHILDREN):.0f} MB")


def _worker_rss() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cmd_dask(args: argparse.Namespace) -> None:
    """Two LocalClusters (1 and N workers) kept up side by side; the documents go through each in
    turn, alternating which goes first each round, so load changes on a shared machine hit both."""
    from contextlib import ExitStack

    from newswire.scale import dask_client, run_dask, warm_workers

    texts, dates, label = load_texts(args.docs, skip=args.skip)
    words = header(args, texts, label)
    sizes = (1, args.workers)
    with ExitStack() as stack:
        clients = {n: stack.enter_context(dask_client("local", workers=n)) for n in sizes}
        for n, client in clients.items():
            warm_workers(client, args.model, ())
            # warm-up partition on every worker (lazy knowledge loads)
            list(run_dask(articles(texts[: 2 * n], dates[: 2 * n]), client, partition_size=1))
        times = dict.fromkeys(sizes, 0.0)
        for r in range(args.repeat):
            for n in sizes if r % 2 == 0 else sizes[::-1]:
                t0 = time.perf_counter()
                for _ in run_dask(
                    articles(texts, dates),
                    clients[n],
                    batch_size=args.batch_size,
                    partition_size=args.partition_size,
                ):
                    pass
                times[n] += time.perf_counter() - t0
        docs = len(texts) * args.repeat
        for n in sizes:
            t = times[n]
            rss = clients[n].run(_worker_rss)
            per = ", ".join(f"{v:.0f}" for v in rss.values())
            print(
                f"dask {n} worker(s): {docs / t:7.2f} docs/s {words * args.repeat / t:8.0f} words/s "
                f"({t:.1f}s over {args.repeat} round(s)); peak RSS per worker: {per} MB"
            )
    print(f"speed-up {args.workers} vs 1 worker: {times[1] / times[args.workers]:.2f}x")


def cmd_batch(args: argparse.Namespace) -> None:
    """Each size in a fresh process, so each peak RSS is its own."""
    sizes = [int(s) for s in args.sizes.split(",")]
    for size in sizes:
        cmd = [sys.executable, __file__, "_one", "--docs", str(args.docs), "--batch-size", str(size)]
        if args.model:
            cmd += ["--model", args.model]
        out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.strip()
        print(out)


def cmd_one(args: argparse.Namespace) -> None:
    import newswire

    texts, dates, _ = load_texts(args.docs, skip=args.skip)
    full = newswire.pipeline(args.model)
    run_full(full, texts[:4], dates[:4], args.batch_size, 1)
    before = rss_mb()
    c0 = time.process_time()
    t = run_full(full, texts, dates, args.batch_size, 1)
    cpu = time.process_time() - c0
    print(
        f"batch {args.batch_size:5d}: {len(texts) / t:6.2f} docs/s (wall {t:.1f}s, cpu {cpu:.1f}s), "
        f"peak RSS {rss_mb():.0f} MB (after warm-up {before:.0f} MB)"
    )


def cmd_profile(args: argparse.Namespace) -> None:
    """Per-component seconds (no profiler running), then cProfile over the newswire components
    on fresh documents: newswire's functions by cumulative time, everything by own time, and the
    newswire callers of the hottest spaCy internals."""
    import cProfile
    import pstats

    import newswire
    from newswire._build import doc_to_record
    from newswire.api import make_doc

    texts, dates, label = load_texts(args.docs, skip=args.skip)
    header(args, texts, label)
    nlp = newswire.pipeline(args.model)
    run_full(nlp, texts[:4], dates[:4], args.batch_size, 1)

    def stages(prof: cProfile.Profile | None) -> list[tuple[str, float]]:
        docs = [make_doc(nlp, a) for a in articles(texts, dates)]
        timings: list[tuple[str, float]] = []
        for name, proc in nlp.pipeline:
            ours = name.startswith("newswire_")
            t0 = time.perf_counter()
            if prof is not None and ours:
                prof.enable()
            if hasattr(proc, "pipe"):
                docs = list(proc.pipe(docs, batch_size=args.batch_size))
            else:
                docs = [proc(d) for d in docs]
            if prof is not None and ours:
                prof.disable()
            timings.append((name, time.perf_counter() - t0))
        t0 = time.perf_counter()
        if prof is not None:
            prof.enable()
        for d in docs:
            doc_to_record(d)
        if prof is not None:
            prof.disable()
        timings.append(("doc_to_record", time.perf_counter() - t0))
        return timings

    timings = stages(None)
    spacy_total = sum(t for n, t in timings if not n.startswith("newswire_") and n != "doc_to_record")
    ours = sum(t for n, t in timings if n.startswith("newswire_") or n == "doc_to_record")
    print("seconds per stage (no profiler):")
    for name, t in timings:
        print(f"  {name:22s} {t:7.2f}s  {100 * t / (spacy_total + ours):5.1f}%")
    print(
        f"spaCy components {spacy_total:.2f}s, newswire {ours:.2f}s -> "
        f"ratio bound {spacy_total / (spacy_total + ours):.3f}"
    )
    prof = cProfile.Profile()
    stages(prof)
    stats = pstats.Stats(prof)
    stats.sort_stats(args.sort)
    print(
        f"\ntop {args.top} newswire functions by {args.sort} time (profiler overhead inflates Python code):"
    )
    stats.print_stats("newswire", args.top)
    stats.sort_stats("tottime")
    print(f"\ntop {args.top} functions of any module by own time, under the newswire components:")
    stats.print_stats(args.top)
    print("\nnewswire callers of the hottest spaCy internals:")
    stats.print_callers(r"doc.pyx:\d+\((genexpr|__iter__|__getitem__|__get__)\)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "mode", nargs="?", default="ratio", choices=["ratio", "workers", "dask", "batch", "profile", "_one"]
    )
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--skip", type=int, default=0, help="start after this many corpus lines")
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--partition-size", type=int, default=16)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument(
        "--no-bare", dest="bare", action="store_false", help="workers: skip the bare spaCy reference"
    )
    ap.add_argument("--sizes", default="4,16,64,256,1000")
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--sort", default="cumulative", help="profile: cProfile sort key for newswire functions")
    ap.add_argument("--model", default=None)
    args = ap.parse_args()
    {
        "ratio": cmd_ratio,
        "workers": cmd_workers,
        "dask": cmd_dask,
        "batch": cmd_batch,
        "profile": cmd_profile,
        "_one": cmd_one,
    }[args.mode](args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
