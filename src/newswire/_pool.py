"""Parallel analysis on one machine: worker processes that return finished records.

``--workers N`` could hand spaCy's own ``nlp.pipe(n_process=N)`` the job, but that sends every
processed Doc back to the parent (about 360 KB per press release, serialised and rebuilt) and
leaves the parent to build the records: serial work that competes with the workers for the same
cores. Here each worker runs the whole pipeline *and* builds the record, and sends back only
its JSON (about 20 KB); the parent just parses it and writes it. See benchmarks/throughput.py
``workers`` for the measured difference.

Workers are forked from the parent after it has loaded the pipeline, so the model is shared
copy-on-write and not loaded again. Where ``fork`` is not available the caller falls back to
``nlp.pipe(n_process=N)``.

The ordering and back-pressure logic (:func:`ordered`) is shared with the Dask runner in
:mod:`newswire.scale`: at most ``in_flight`` partitions are pending at any time, and results
come out in input order, so memory stays bounded however large the input.
"""

from __future__ import annotations

import multiprocessing as mp
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Protocol, TypeVar

from spacy.language import Language

from .article import Article
from .errors import NewswireError
from .record import Record

__all__ = ["PartitionResult", "analyze_with", "can_fork", "ordered", "parallel_records"]

#: Per article in a partition: (record JSON, None) or (None, reason it failed).
PartitionResult = list[tuple[str | None, str | None]]

T = TypeVar("T")


class _Future(Protocol):
    def result(self) -> Any: ...


def ordered(
    items: Iterable[T],
    submit: Callable[[list[T]], _Future],
    *,
    partition_size: int,
    in_flight: int,
) -> Iterator[tuple[list[T], Any]]:
    """Cut ``items`` into partitions, ``submit`` each, and yield ``(partition, result)`` in input
    order with at most ``in_flight`` partitions pending."""
    pending: deque[tuple[list[T], _Future]] = deque()
    part: list[T] = []
    for item in items:
        part.append(item)
        if len(part) >= partition_size:
            pending.append((part, submit(part)))
            part = []
            while len(pending) >= in_flight:
                done, future = pending.popleft()
                yield done, future.result()
    if part:
        pending.append((part, submit(part)))
    while pending:
        done, future = pending.popleft()
        yield done, future.result()


def analyze_with(nlp: Language, articles: list[Article], batch_size: int) -> PartitionResult:
    """Analyse ``articles`` with ``nlp``: per article, its record's JSON or the failure reason."""
    from .api import records

    return [
        (None, result) if isinstance(result, str) else (result.model_dump_json(by_alias=True), None)
        for _, result in records(articles, nlp, batch_size=batch_size)
    ]


def decode(part: list[Article], results: PartitionResult) -> Iterator[tuple[Article, Record | str]]:
    """Pair a partition's articles with their parsed records (or failure reasons)."""
    for article, (data, reason) in zip(part, results, strict=True):
        if data is None:
            yield article, reason or "analysis failed"
        else:
            yield article, Record.from_json(data)


# The pipeline of a forked worker: set in the parent just before the pool forks.
_NLP: Language | None = None


def _work(articles: list[Article], batch_size: int) -> PartitionResult:
    assert _NLP is not None, "worker started without a pipeline"
    return analyze_with(_NLP, articles, batch_size)


def can_fork() -> bool:
    """Whether worker processes can be forked here (Linux and other POSIX systems)."""
    return "fork" in mp.get_all_start_methods()


def parallel_records(
    articles: Iterable[Article],
    nlp: Language,
    *,
    workers: int,
    batch_size: int,
    partition_size: int | None = None,
) -> Iterator[tuple[Article, Record | str]]:
    """Analyse ``articles`` on ``workers`` forked processes; ``(article, record or reason)`` in
    input order. Needs :func:`can_fork`. A worker that dies (killed, out of memory) stops the run
    with :class:`~newswire.errors.NewswireError`; what was already yielded stays valid."""
    global _NLP
    partition_size = partition_size or batch_size
    _NLP = nlp  # forked children inherit it
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=mp.get_context("fork")) as pool:

            def submit(part: list[Article]) -> _Future:
                return pool.submit(_work, part, batch_size)

            try:
                for part, results in ordered(
                    articles, submit, partition_size=partition_size, in_flight=2 * workers + 1
                ):
                    yield from decode(part, results)
            except BrokenProcessPool as exc:
                raise NewswireError(f"a worker process died ({exc}); run again to finish the rest") from None
    finally:
        _NLP = None
