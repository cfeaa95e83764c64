"""atheris fuzzer for the input readers: any bytes, as any kind of file or as stdin.

Every input must come out as Articles (usable text, a real date or none, a language code) or
Rejecteds with a reason; any exception is a crash. Run:

    .venv/bin/python fuzz/fuzz_readers.py -atheris_runs=20000 -dict=fuzz/readers.dict NEW_CORPUS_DIR fuzz/seeds/readers

The first byte picks the reader (file extension or stdin); the rest is the input.
"""

from __future__ import annotations

import io
import logging
import re
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["newswire"]):
    from newswire.article import Article
    from newswire.ingest import Rejected, iter_inputs
    from newswire.ingest.readers import EXTENSIONS, ReadOptions, read_stdin
    from newswire.language import detect_language

logging.disable(logging.CRITICAL)  # trafilatura's chatter

KINDS = [*sorted(EXTENSIONS), "", "stdin"]
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_LANG = re.compile(r"^[a-z]{2,3}$")
_DIR = Path(tempfile.mkdtemp(prefix="newswire-fuzz-"))


def check(item: object) -> None:
    """Raise AssertionError unless ``item`` is a well-formed Article or Rejected."""
    if isinstance(item, Rejected):
        assert item.origin and item.reason, item
        return
    assert isinstance(item, Article), type(item)
    assert item.text.strip(), item
    item.text.encode("utf-8")
    for value in (item.id, item.title, item.url, item.source):
        assert value is None or "\x00" not in value
    assert item.published is None or _DATE.match(item.published), item.published
    assert item.language is None or _LANG.match(item.language), item.language


def one_input(data: bytes) -> None:
    if not data:
        return
    kind = KINDS[data[0] % len(KINDS)]
    body = data[1:]
    opts = ReadOptions(detect_language=detect_language, max_bytes=20_000)
    if kind == "stdin":
        items = read_stdin(io.TextIOWrapper(io.BytesIO(body), encoding="utf-8"), opts)
    else:
        path = _DIR / f"input{kind}"
        path.write_bytes(body)
        items = iter_inputs([str(path)], detect_language=detect_language, max_bytes=20_000)
    for item in items:
        check(item)


def main() -> None:
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
