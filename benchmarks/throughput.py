"""Throughput of the full newswire pipeline as a ratio to bare spaCy on the same documents.

    .venv/bin/python benchmarks/throughput.py [--docs N] [--batch-size 16] [--workers 1]

Documents: the State Department press releases in ../shared/data/corpus (real news-like text),
else the example articles. Both pipelines use the same model, batch size and process count, in
the same run, each timed after a warm-up batch. Prints documents/s, words/s, the ratio
newswire/bare spaCy and peak RSS.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "data" / "corpus" / "State-Department-PR" / "state_dept_press_releases_2021-05_2022-08.jsonl"


def load_texts(n: int) -> tuple[list[str], list[str | None], str]:
    if CORPUS.exists():
        texts, dates = [], []
        with open(CORPUS, encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                if row.get("text"):
                    texts.append(row["text"])
                    dates.append(row.get("date"))
                if len(texts) >= n:
                    break
        return texts, dates, str(CORPUS.name)
    from newswire.ingest import iter_inputs

    arts = [a for a in iter_inputs([str(ROOT / "examples" / "articles")]) if hasattr(a, "text")]
    reps = max(1, n // max(len(arts), 1))
    return [a.text for a in arts] * reps, [a.published for a in arts] * reps, "examples (repeated)"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--model", default=None)
    args = ap.parse_args()

    import newswire
    from newswire.api import process
    from newswire.article import Article

    texts, dates, label = load_texts(args.docs)
    words = sum(len(t.split()) for t in texts)
    bare = newswire.load_model(args.model)
    full = newswire.pipeline(args.model)

    # warm-up (lazy loads: gazetteer, lexicons)
    list(bare.pipe(texts[:4]))
    list(process([Article(text=t, published=d) for t, d in zip(texts[:4], dates[:4])], full))

    t0 = time.perf_counter()
    for _ in bare.pipe(texts, batch_size=args.batch_size, n_process=args.workers):
        pass
    t_bare = time.perf_counter() - t0

    arts = [Article(text=t, published=d) for t, d in zip(texts, dates)]
    t0 = time.perf_counter()
    from newswire._build import doc_to_record

    for _, doc in process(arts, full, batch_size=args.batch_size, n_process=args.workers):
        doc_to_record(doc)
    t_full = time.perf_counter() - t0

    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"documents: {len(texts)} ({label}), words: {words}, batch size {args.batch_size}, workers {args.workers}")
    print(f"bare spaCy   : {len(texts)/t_bare:8.2f} docs/s {words/t_bare:10.0f} words/s ({t_bare:.1f}s)")
    print(f"newswire     : {len(texts)/t_full:8.2f} docs/s {words/t_full:10.0f} words/s ({t_full:.1f}s)")
    print(f"ratio newswire/bare: {t_bare/t_full:.3f}")
    print(f"peak RSS (main process): {rss:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
