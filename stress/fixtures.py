"""The small corpus and clean run the test suite shares (tests/test_crash.py, tests/test_concurrency.py).

Made once per process (the tests run in one pytest process) in a temporary folder removed at
exit, so the two test modules pay for one clean ingest between them.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

from . import corpus
from .kill import Clean, clean_run

_CACHE: dict[str, tuple[list[Path], Clean]] = {}


def small_corpus_and_clean_run() -> tuple[list[Path], Clean]:
    """20 generated news items and a wire story with an exact and a near copy (23 inputs, 21
    documents), and their clean SQLite run (its database kept: ``Clean.target``)."""
    if "small" not in _CACHE:
        folder = Path(tempfile.mkdtemp(prefix="newswire-stress-"))
        atexit.register(shutil.rmtree, folder, True)
        inputs = corpus.generated(folder / "corpus", 20) + corpus.wire_copies(folder / "corpus")
        clean = clean_run("sqlite", inputs, folder, keep=True)
        if clean.target is not None:
            atexit.register(clean.target.dispose)
        _CACHE["small"] = (inputs, clean)
    return _CACHE["small"]
