"""Stress tests for newswire: SIGKILL loops on ``newswire ingest`` and a load test of ``newswire serve``.

Run from the repository root::

    .venv/bin/python -m stress kill --runs 20 --db sqlite
    .venv/bin/python -m stress load --seconds 120 --clients 8 --db postgresql
    .venv/bin/python -m stress all            # small bounds, for CI (make stress)

Modules: :mod:`stress.corpus` (the input articles), :mod:`stress.db` (scratch databases, the
canonical dump and the consistency checks), :mod:`stress.procs` (the ``newswire`` subprocesses),
:mod:`stress.kill` (the kill loop) and :mod:`stress.load` (the load test). The tests in
``tests/test_crash.py`` and ``tests/test_concurrency.py`` use the same pieces with small bounds.
See docs/reliability.md.
"""
