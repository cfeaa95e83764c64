"""Running the pipeline at corpus scale: input estimates and Dask distribution.

``newswire ingest --dask ADDRESS`` (or ``--dask local``) partitions the articles, analyses each
partition on a Dask worker and sends the records (``Record.to_dict``) back to the client, which
writes them to the database in input order. Each worker process loads the pipeline once
(:func:`newswire.pipeline.default_pipeline` is cached per process, and :func:`warm_workers`
loads it on every worker up front). The client being the only writer keeps the database
identical to a single-process run (same order, same dedup and fusion decisions) and works
with SQLite as well as PostgreSQL; see docs/deployment.md.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ._pool import PartitionResult, analyze_with, decode, ordered
from .article import Article
from .errors import NewswireError
from .record import Record

__all__ = [
    "DEFAULT_PARTITION",
    "ClusterError",
    "analyze_partition",
    "dask_client",
    "estimate_total",
    "run_dask",
    "warm_workers",
]

#: Articles per Dask task: big enough to amortise scheduling, small enough to balance load.
DEFAULT_PARTITION = 16

_FEED_MARKS = (b"<item", b"<entry")


def estimate_total(paths: Sequence[str]) -> int | None:
    """A quick count of the documents ``paths`` hold (files; JSONL lines; feed entries), for
    the progress bar's ETA. None when it cannot be known up front (stdin, URLs)."""
    from .ingest import EXTENSIONS
    from .ingest.fetch import is_url

    total = 0

    def one(path: Path) -> int:
        kind = EXTENSIONS.get(path.suffix.lower())
        try:
            if kind == "jsonl":
                with path.open("rb") as fh:
                    return sum(1 for line in fh if line.strip())
            if kind == "feed":
                data = path.read_bytes()
                return max(1, sum(data.count(m) for m in _FEED_MARKS))
        except OSError:
            return 1
        return 1

    for raw in paths:
        if raw == "-" or is_url(raw):
            return None
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                for name in files:
                    if not name.startswith(".") and Path(name).suffix.lower() in EXTENSIONS:
                        total += one(Path(root) / name)
        else:
            total += one(path)
    return total


class ClusterError(NewswireError):
    """The Dask cluster cannot be reached or started."""


@contextmanager
def dask_client(address: str, *, workers: int = 2) -> Iterator[Any]:
    """A Dask client: ``"local"`` starts a LocalCluster of ``workers`` single-threaded worker
    processes on this machine; anything else is a scheduler address (``tcp://host:8786``)."""
    from distributed import Client, LocalCluster

    if address == "local":
        cluster = LocalCluster(
            n_workers=workers,
            processes=True,
            threads_per_worker=1,
            dashboard_address=None,
            silence_logs=40,
        )
        try:
            with Client(cluster) as client:
                yield client
        finally:
            cluster.close()
    else:
        try:
            client = Client(address, timeout="30s")
        except (OSError, TimeoutError, ValueError) as exc:
            raise ClusterError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
        with client:
            yield client


def _load(model: str | None, kb: tuple[str, ...]) -> str:
    from .pipeline import default_pipeline

    nlp = default_pipeline(model, kb)
    return f"{os.getpid()}:{len(nlp.pipe_names)}"


def warm_workers(client: Any, model: str | None, kb: tuple[str, ...]) -> dict[str, str]:
    """Load the pipeline on every worker now (once per worker process); returns worker -> pid."""
    result: dict[str, str] = client.run(_load, model, kb)
    return result


def analyze_partition(
    articles: list[Article], model: str | None, kb: tuple[str, ...], batch_size: int
) -> PartitionResult:
    """Run on a worker: analyse articles with the per-process cached pipeline.

    Returns, per article in order, ``(record JSON, None)`` or ``(None, reason)``.
    """
    from .pipeline import default_pipeline

    return analyze_with(default_pipeline(model, kb), articles, batch_size)


def run_dask(
    articles: Iterable[Article],
    client: Any,
    *,
    model: str | None = None,
    kb: tuple[str, ...] = (),
    batch_size: int = 16,
    partition_size: int = DEFAULT_PARTITION,
    in_flight: int | None = None,
) -> Iterator[tuple[Article, Record | str]]:
    """Analyse articles on the Dask cluster behind ``client``, yielding ``(article, record)``
    (or ``(article, reason)`` when analysis failed) in input order.

    At most ``in_flight`` partitions (default: two per worker thread, plus one) are submitted
    at a time, so memory stays bounded however large the input.
    """
    if in_flight is None:
        threads = sum(client.nthreads().values()) or 1
        in_flight = 2 * threads + 1

    def submit(part: list[Article]) -> Any:
        return client.submit(analyze_partition, part, model, kb, batch_size, pure=False)

    for part, results in ordered(articles, submit, partition_size=partition_size, in_flight=in_flight):
        yield from decode(part, results)
