"""Readers: files, folders and stdin to :class:`~newswire.article.Article` objects.

Every input either becomes one or more Articles or a :class:`Rejected` naming it and saying
why; one bad input (or one bad JSONL line) never stops the rest.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import yaml

from ..article import Article
from ..language import base_language, unsupported_reason
from .decode import decode_bytes, decode_html, looks_binary, normalise_newlines
from .feeds import looks_like_feed, read_feed
from .fetch import DEFAULT_TIMEOUT, Fetched, fetch_url, is_url
from .html import PARSER_DEPTH, HtmlArticle, extract_html, looks_like_html, nesting_depth, plain_text
from .rejected import Rejected

__all__ = [
    "DEFAULT_MAX_BYTES",
    "EXTENSIONS",
    "MAX_PUNCT_RUN",
    "MAX_WORD_RUN",
    "Item",
    "ReadOptions",
    "article_from_object",
    "iter_inputs",
    "read_file",
    "read_stdin",
    "read_url",
    "text_problem",
]

#: Largest text (UTF-8 bytes) accepted for one document.
DEFAULT_MAX_BYTES = 5_000_000
#: A whole-file input (or one JSON line) larger than this many times the text limit is refused unread.
_RAW_FACTOR = 4
#: A feed or JSON file (many documents) may be this many times the per-document limit.
_FEED_FACTOR = 20

TEXT, HTML, JSON, JSONL, MARKDOWN, FEED = "text", "html", "json", "jsonl", "markdown", "feed"
EXTENSIONS: dict[str, str] = {
    ".txt": TEXT,
    ".text": TEXT,
    ".html": HTML,
    ".htm": HTML,
    ".xhtml": HTML,
    ".json": JSON,
    ".jsonl": JSONL,
    ".ndjson": JSONL,
    ".md": MARKDOWN,
    ".markdown": MARKDOWN,
    ".rss": FEED,
    ".atom": FEED,
    ".xml": FEED,
}
_KNOWN_FIELDS = ("id", "text", "html", "title", "published", "url", "source", "language")

Item = Article | Rejected
LanguageDetector = Callable[[str], str | None]


@dataclass(frozen=True)
class ReadOptions:
    """How inputs are read.

    ``published``/``title`` fill in single whole-file or stdin documents that have none.
    ``detect_language`` (text -> ISO 639-1 code, or None when it cannot tell; e.g. a
    :class:`~newswire.language.LanguageDetector`) is the hook for language checks: documents
    in a language outside ``languages`` are rejected (see :func:`_finish` for the rule).
    """

    published: str | None = None
    title: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    detect_language: LanguageDetector | None = None
    languages: frozenset[str] = field(default_factory=lambda: frozenset({"en"}))
    #: Whether feed entries without content may be read from the page they link to.
    fetch: bool = False
    fetch_timeout: float = DEFAULT_TIMEOUT
    #: The function that fetches a URL (default: :func:`~newswire.ingest.fetch.fetch_url`).
    fetcher: Callable[[str], Fetched] | None = None


def _mb(n: int) -> str:
    return f"{n / 1_000_000:.3g} MB"


def _fallback_language(languages: frozenset[str]) -> str | None:
    """The language assumed for a text that neither declares nor shows one."""
    if not languages or "en" in languages:
        return "en"
    return next(iter(languages)) if len(languages) == 1 else None


#: Longest run of punctuation and symbols (no letter, digit or space) accepted in a text to analyse.
MAX_PUNCT_RUN = 300
#: Longest run of characters without whitespace accepted in a text to analyse.
MAX_WORD_RUN = 5000
_PUNCT_RUN = re.compile(rf"[^\w\s]{{{MAX_PUNCT_RUN + 1},}}")
_WORD_RUN = re.compile(rf"\S{{{MAX_WORD_RUN + 1},}}")


def text_problem(text: str) -> str | None:
    """Why ``text`` is refused for analysis, or None.

    spaCy's tokenizer takes quadratic time on long runs of affix punctuation without spaces
    (16,000 ``[`` or ``…`` in a row: about 40 s), so a small input could hold a pipeline for hours. No article has such runs; they are refused before analysis.
    """
    m = _PUNCT_RUN.search(text)
    if m is not None:
        return (
            f"{len(m.group())} punctuation characters in a row at offset {m.start()} "
            f"(at most {MAX_PUNCT_RUN}): not article text"
        )
    m = _WORD_RUN.search(text)
    if m is not None:
        return (
            f"{len(m.group())} characters without a space at offset {m.start()} "
            f"(at most {MAX_WORD_RUN}): not article text"
        )
    return None


def _finish(article: Article, opts: ReadOptions, *, single: bool) -> Item:
    """Apply defaults, the size limit and the language rule.

    Language: ``article.language`` holds what the input declared (JSON ``language``, front
    matter ``lang``, ``<html lang>``, the feed's ``<language>``), or None. The text is
    checked with ``opts.detect_language``. A detected language wins over a declared one (a
    site-wide ``lang="en"`` on a French page is common; the detector answers only when sure);
    when they differ the declared one is kept in ``extra["declared_language"]`` with a warning.
    Without a detection the declared language counts; without either, English (or the only
    language in ``opts.languages``). A document whose language is not in ``opts.languages``
    (when given) is rejected with the reason.
    """
    if single:
        if article.published is None and opts.published:
            article.set_published(opts.published)
        if article.title is None and opts.title:
            article.title = opts.title
    if not article.text.strip():
        return Rejected(article.origin, "no text")
    problem = text_problem(article.text)
    if problem is not None:
        return Rejected(article.origin, problem)
    size = len(article.text)
    if size > opts.max_bytes or (
        size * 4 > opts.max_bytes and len(article.text.encode("utf-8", "surrogatepass")) > opts.max_bytes
    ):
        size = len(article.text.encode("utf-8", "surrogatepass"))
        return Rejected(
            article.origin,
            f"text is {_mb(size)}, over the limit of {_mb(opts.max_bytes)} ({opts.max_bytes} bytes) per document",
        )
    raw = article.language
    declared = base_language(raw)
    if raw and declared is None:
        article.warnings.append(f"declared language {str(raw)[:40]!r} is not a language code; ignored")
    detected = opts.detect_language(article.text) if opts.detect_language is not None else None
    if detected and declared and detected != declared:
        article.extra["declared_language"] = declared
        article.warnings.append(f"declared language {declared!r} but the text is in {detected!r}")
    language = detected or declared or _fallback_language(opts.languages)
    article.language = language
    if language and opts.languages and language not in opts.languages:
        return Rejected(
            article.origin, unsupported_reason(language, opts.languages, declared=detected is None)
        )
    return article


# -- one object (JSON/JSONL) -------------------------------------------------------------


def _opt_str(obj: dict[str, Any], key: str) -> str | None:
    value = obj.get(key)
    if value is None or value == "":
        return None
    return value if isinstance(value, str) else str(value)


def article_from_object(obj: object, origin: str, opts: ReadOptions, *, single: bool = False) -> Item:
    """An Article from a JSON object with ``text`` or ``html`` and optional metadata."""
    if not isinstance(obj, dict):
        return Rejected(origin, f"expected a JSON object, got {type(obj).__name__}")
    text = obj.get("text")
    html = obj.get("html")
    if text is not None and not isinstance(text, str):
        return Rejected(origin, f"'text' must be a string, got {type(text).__name__}")
    if html is not None and not isinstance(html, str):
        return Rejected(origin, f"'html' must be a string, got {type(html).__name__}")
    meta: dict[str, Any] = {k: _opt_str(obj, k) for k in ("id", "title", "published", "url", "source")}
    extra: dict[str, object] = {k: v for k, v in obj.items() if k not in _KNOWN_FIELDS}
    language = _opt_str(obj, "language")
    warning = None
    if text is None or not text.strip():
        if html is None or not html.strip():
            return Rejected(origin, "no text: needs a non-empty 'text' or 'html' field")
        page, failure, warning = _read_page(html, url=meta["url"])
        if page is None:
            return Rejected(origin, f"{failure} (the 'html' field)")
        text = page.text
        meta["title"] = meta["title"] or page.title
        meta["published"] = meta["published"] or page.published
        meta["url"] = meta["url"] or page.url
        meta["source"] = meta["source"] or page.sitename
        language = language or page.language
        if page.author:
            extra.setdefault("author", page.author)
    elif "\x00" in text or looks_binary(text):
        return Rejected(origin, "'text' holds binary data (control characters)")
    article = Article(text=text, origin=origin, extra=extra, language=language, **meta)
    if warning:
        article.warnings.append(warning)
    return _finish(article, opts, single=single)


def _json_line(line: bytes | str, origin: str, opts: ReadOptions) -> Item:
    if isinstance(line, bytes):
        try:
            line = line.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            return Rejected(
                origin, f"not valid UTF-8 (byte 0x{line[exc.start]:02x} at column {exc.start + 1})"
            )
    line = line.strip()
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        cut = ", the line ends early: truncated?" if exc.pos >= len(line) or "Unterminated" in exc.msg else ""
        return Rejected(origin, f"malformed JSON: {exc.msg} (column {exc.colno}{cut})")
    except RecursionError:
        return Rejected(origin, "malformed JSON: nested too deeply")
    return article_from_object(obj, origin, opts)


def _iter_jsonl(
    lines: Iterable[bytes | str | None], name: str, opts: ReadOptions, first: int = 1
) -> Iterator[Item]:
    """One item per non-blank line; None stands for a line over the size limit (skipped unread)."""
    for lineno, line in enumerate(lines, start=first):
        if line is None:
            limit = _RAW_FACTOR * opts.max_bytes
            yield Rejected(
                f"{name}:{lineno}",
                f"line is over {_mb(limit)} ({limit} bytes; {_RAW_FACTOR} x the text limit per document), "
                "skipped unread",
            )
            continue
        if not line.strip():
            continue
        yield _json_line(line, f"{name}:{lineno}", opts)


def _bounded_lines(stream: Any, limit: int) -> Iterator[bytes | str | None]:
    """The lines of a stream (bytes or text), each read with at most ``limit + 1`` units in memory.

    A longer line is consumed in chunks without being kept and comes out as None.
    """
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        newline = b"\n" if isinstance(line, bytes) else "\n"
        if len(line) > limit and not line.endswith(newline):
            while True:
                chunk = stream.readline(1 << 20)
                if not chunk or chunk.endswith(newline):
                    break
            yield None
        else:
            yield line


def _iter_json_document(text: str, name: str, opts: ReadOptions) -> Iterator[Item]:
    """A .json file: one object, or an array of objects; JSON Lines are read as such."""
    try:
        data = json.loads(text)
    except RecursionError:
        yield Rejected(name, "malformed JSON: nested too deeply")
        return
    except json.JSONDecodeError as exc:
        lines = text.splitlines()
        if len([ln for ln in lines if ln.strip()]) > 1 and lines[0].lstrip().startswith("{"):
            yield from _iter_jsonl(lines, name, opts)
        else:
            yield Rejected(name, f"malformed JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})")
        return
    if isinstance(data, list):
        if not data:
            yield Rejected(name, "empty JSON array")
        for i, obj in enumerate(data):
            yield article_from_object(obj, f"{name}[{i}]", opts)
    else:
        yield article_from_object(data, name, opts, single=True)


# -- whole documents ---------------------------------------------------------------------


def _text_article(text: str, name: str, opts: ReadOptions) -> Item:
    return _finish(Article(text=normalise_newlines(text).strip(), origin=name), opts, single=True)


def _read_page(data: str, url: str | None = None) -> tuple[HtmlArticle | None, str, str | None]:
    """``(page or None, why not, warning)``: trafilatura; past lxml's nesting limit, the plain text."""
    page: HtmlArticle | None
    try:
        page = extract_html(data, url=url)
    except Exception as exc:  # noqa: BLE001 - lxml/trafilatura raise assorted errors on broken markup
        page, failure = None, f"cannot parse the HTML: {type(exc).__name__}: {str(exc)[:200]}"
    else:
        failure = "no article text found in the HTML"
    depth = nesting_depth(data)
    if depth > PARSER_DEPTH:
        # lxml drops everything nested deeper than its limit: read the text without a tree
        flat = plain_text(data)
        if page is None or len(flat) > 2 * len(page.text):
            note = f"tags nest {depth} deep, past the HTML parser's limit of {PARSER_DEPTH}"
            if not flat.strip():
                return None, f"{failure}: {note}", None
            title = page.title if page is not None else None
            return HtmlArticle(text=flat, title=title), "", f"{note}: read as plain text without boilerplate removal"
    return page, failure, None


def _html_article(data: str, name: str, opts: ReadOptions) -> Item:
    """An HTML page by trafilatura; past the parser's nesting limit, its plain text."""
    page, failure, warning = _read_page(data)
    if page is None:
        return Rejected(name, failure)
    article = Article(
        text=page.text,
        title=page.title,
        published=page.published,
        url=page.url,
        source=page.sitename,
        origin=name,
        language=page.language,
        extra={"author": page.author} if page.author else {},
    )
    if warning:
        article.warnings.append(warning)
    return _finish(article, opts, single=True)


class _FrontMatterLoader(yaml.SafeLoader):
    """YAML front matter: safe types, no aliases (no "billion laughs"), dates left as text.

    Dates stay strings so that :func:`~newswire.article.publication_date` judges them (an
    impossible ``date: 2021-02-31`` is a warning, not a crash).
    """

    yaml_implicit_resolvers = {  # noqa: RUF012 - replaces the base class table
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not allowed in front matter", event.start_mark
            )
        return super().compose_node(parent, index)


_FRONT_KEYS = {
    "id": ("id", "slug"),
    "title": ("title", "headline"),
    "published": ("published", "date", "pubdate", "published_at", "publishdate"),
    "url": ("url", "link", "canonical_url"),
    "source": ("source", "publisher", "site", "sitename"),
    "language": ("language", "lang"),
}


def _markdown_article(text: str, name: str, opts: ReadOptions) -> Item:
    """Markdown with optional YAML front matter (between ``---`` lines) holding metadata."""
    text = normalise_newlines(text).lstrip("\ufeff")
    meta: dict[str, Any] = {}
    body = text
    if text.startswith("---\n"):
        end = text.find("\n---", 3)
        while end != -1 and text[end + 4 : end + 5] not in ("", "\n"):
            end = text.find("\n---", end + 4)
        if end == -1:
            return Rejected(name, "YAML front matter is not closed by a '---' line")
        try:
            front = yaml.load(text[4:end], Loader=_FrontMatterLoader)  # a safe loader (SafeLoader, no aliases)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" (line {mark.line + 2})" if mark is not None else ""
            problem = getattr(exc, "problem", None) or str(exc)
            return Rejected(name, f"malformed YAML front matter: {problem}{where}")
        except RecursionError:
            return Rejected(name, "malformed YAML front matter: nested too deeply")
        except (ValueError, TypeError, OverflowError) as exc:  # a value the safe constructors refuse
            return Rejected(name, f"malformed YAML front matter: {exc}")
        if front is None:
            front = {}
        if not isinstance(front, dict):
            return Rejected(name, f"YAML front matter must be a mapping, got {type(front).__name__}")
        meta = {str(k).lower(): v for k, v in front.items()}
        body = text[end + 4 :]
    fields: dict[str, Any] = {}
    for target, keys in _FRONT_KEYS.items():
        for key in keys:
            if meta.get(key) not in (None, ""):
                fields[target] = meta[key]
                break
    used = {k for keys in _FRONT_KEYS.values() for k in keys}
    extra = {k: v for k, v in meta.items() if k not in used}
    for key in ("id", "title", "url", "source", "language"):
        if key in fields and not isinstance(fields[key], str):
            fields[key] = str(fields[key])
    language = fields.pop("language", None)
    article = Article(text=body.strip(), origin=name, extra=extra, language=language, **fields)
    return _finish(article, opts, single=True)


def _read_bytes(
    path: Path, name: str, opts: ReadOptions, *, check_size: bool, factor: int = _RAW_FACTOR
) -> bytes | Rejected:
    try:
        if check_size:
            size = path.stat().st_size
            if size > factor * opts.max_bytes:
                return Rejected(
                    name,
                    f"file is {_mb(size)}, over the limit of {_mb(factor * opts.max_bytes)} for one file "
                    f"({factor} x the limit of {_mb(opts.max_bytes)} ({opts.max_bytes} bytes) of text "
                    "per document); refused unread",
                )
        return path.read_bytes()
    except OSError as exc:
        return Rejected(name, f"cannot read: {exc.strerror or exc}")


def _sniff(text: str) -> str:
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")):
        try:
            json.loads(stripped)
            return JSON
        except json.JSONDecodeError:
            first = stripped.split("\n", 1)[0].strip()
            if first.startswith("{") and first.endswith("}"):
                return JSONL
    if looks_like_html(stripped):
        return HTML
    return TEXT


def read_file(
    path: Path, opts: ReadOptions, *, kind: str | None = None, name: str | None = None
) -> Iterator[Item]:
    """Read one file of a known kind (from its extension, else sniffed from its content)."""
    name = name or str(path)
    kind = kind or EXTENSIONS.get(path.suffix.lower())
    if kind == JSONL:
        found = False
        try:
            with path.open("rb") as fh:
                for item in _iter_jsonl(_bounded_lines(fh, _RAW_FACTOR * opts.max_bytes), name, opts):
                    found = True
                    yield item
        except OSError as exc:
            yield Rejected(name, f"cannot read: {exc.strerror or exc}")
            return
        if not found:
            yield Rejected(name, "empty input (no JSON lines)")
        return
    data = _read_bytes(
        path, name, opts, check_size=True, factor=_FEED_FACTOR if kind in (FEED, JSON) else _RAW_FACTOR
    )
    if isinstance(data, Rejected):
        yield data
        return
    yield from _read_data(data, name, opts, kind)


def _read_data(data: bytes, name: str, opts: ReadOptions, kind: str | None) -> Iterator[Item]:
    """Read the bytes of one whole input of ``kind`` (None: sniffed from the content)."""
    if not data.strip():
        yield Rejected(name, "empty input (no text)")
        return
    if kind is None and looks_like_feed(data):
        kind = FEED
    if kind == FEED:
        if not looks_like_feed(data):
            if b"<html" in data[:4096].lower():  # XHTML saved as .xml
                kind = HTML
            else:
                yield Rejected(name, "not an RSS or Atom feed (no <rss>, <feed> or <rdf:RDF> root element)")
                return
        else:
            yield from read_feed(data, name, opts)
            return
    if kind == HTML:
        try:
            text, _ = decode_html(data, name)
        except Rejected as rejected:
            yield rejected
            return
        yield _html_article(text, name, opts)
        return
    try:
        text, encoding = decode_bytes(data, name)
    except Rejected as rejected:
        yield rejected
        return
    yield from _read_text(text, name, opts, kind or _sniff(text), encoding)


def _read_text(text: str, name: str, opts: ReadOptions, kind: str, encoding: str = "utf-8") -> Iterator[Item]:
    if kind == JSON:
        yield from _iter_json_document(text, name, opts)
    elif kind == JSONL:
        yield from _iter_jsonl(text.splitlines(), name, opts)
    elif kind == HTML:
        yield _html_article(text, name, opts)
    elif kind == MARKDOWN:
        item = _markdown_article(text, name, opts)
        _note_encoding(item, encoding)
        yield item
    else:
        item = _text_article(text, name, opts)
        _note_encoding(item, encoding)
        yield item


def _note_encoding(item: Item, encoding: str) -> None:
    if isinstance(item, Article) and encoding not in ("utf-8", "ascii"):
        item.extra.setdefault("encoding", encoding)


class _Prefixed:
    """A stream with some already-read data put back in front of it (bytes or text)."""

    def __init__(self, head: Any, stream: Any) -> None:
        self.head = head
        self.stream = stream

    def readline(self, size: int) -> Any:
        if not self.head:
            return self.stream.readline(size)
        newline = b"\n" if isinstance(self.head, bytes) else "\n"
        i = self.head.find(newline)
        if i != -1 and i < size:
            line, self.head = self.head[: i + 1], self.head[i + 1 :]
            return line
        if len(self.head) >= size:
            line, self.head = self.head[:size], self.head[size:]
            return line
        line, self.head = self.head, self.head[:0]
        return line + self.stream.readline(size - len(line))


_HEAD = 65536


def _starts_jsonl(head: bytes | str, complete: bool) -> bool:
    """Whether the first non-blank line of ``head`` is one whole JSON-object-looking line."""
    if isinstance(head, bytes):
        head = head.decode("utf-8", "replace")
    stripped = head.lstrip("\ufeff \t\r\n")
    end = stripped.find("\n")
    if end == -1:
        if not complete:  # a first line longer than the head: one compact JSON object per line
            return stripped.startswith("{")
        end = len(stripped)
    first = stripped[:end].strip()
    return first.startswith("{") and first.endswith("}")


def read_stdin(stream: IO[Any], opts: ReadOptions) -> Iterator[Item]:
    """Standard input: JSON Lines when its first line is a JSON object, a feed, HTML, else one text.

    JSON Lines are streamed line by line (each line bounded like a JSONL file's); anything else
    is read whole up to :data:`_RAW_FACTOR` (feeds: :data:`_FEED_FACTOR`) times the text limit
    and refused past it, without reading the rest.
    """
    source: Any = getattr(stream, "buffer", None) or stream
    try:
        head = source.read(_HEAD)
        complete = len(head) < _HEAD
        if _starts_jsonl(head, complete):
            lines = _bounded_lines(_Prefixed(head, source), _RAW_FACTOR * opts.max_bytes)
            yield from _iter_jsonl(lines, "stdin", opts)
            return
        factor = _FEED_FACTOR if isinstance(head, bytes) and looks_like_feed(head) else _RAW_FACTOR
        limit = factor * opts.max_bytes
        rest = source.read(limit + 1 - len(head)) if not complete and limit + 1 > len(head) else head[:0]
    except OSError as exc:
        yield Rejected("stdin", f"cannot read: {exc.strerror or exc}")
        return
    data: bytes | str = head + rest
    if len(data) > limit:
        yield Rejected(
            "stdin",
            f"input is over {_mb(limit)} ({factor} x the limit of {_mb(opts.max_bytes)} of text per "
            "document); refused (send many documents as JSON Lines)",
        )
        return
    if isinstance(data, bytes):
        if looks_like_feed(data):
            yield from read_feed(data, "stdin", opts)
            return
        try:
            text, encoding = decode_bytes(data, "stdin")
        except Rejected as rejected:
            yield rejected
            return
    else:
        text, encoding = data, "utf-8"
        if not text.strip():
            yield Rejected("stdin", "empty input (no text)")
            return
        if looks_binary(text):
            yield Rejected("stdin", "binary data (control characters), not text")
            return
    yield from _read_text(text, "stdin", opts, _sniff(text), encoding)


def read_url(url: str, opts: ReadOptions) -> Iterator[Item]:
    """An http(s) URL named as an input: a feed (one document per entry) or a page."""
    fetcher = opts.fetcher or (
        lambda u: fetch_url(u, timeout=opts.fetch_timeout, max_bytes=opts.max_bytes * 4)
    )
    try:
        fetched = fetcher(url)
    except Rejected as exc:
        yield Rejected(url, exc.reason)
        return
    ctype = fetched.content_type.lower()
    kind: str | None = None
    if looks_like_feed(fetched.data):  # whatever the server calls it
        kind = FEED
    elif "html" in ctype:
        kind = HTML
    elif "json" in ctype:
        kind = JSON
    for item in _read_data(fetched.data, url, opts, kind):
        if isinstance(item, Article) and item.url is None and kind == HTML:
            item.url = fetched.url
        yield item


# -- paths and folders -------------------------------------------------------------------


def _walk(folder: Path, on_skip: Callable[[str, str], None] | None = None) -> Iterator[Path]:
    """Supported files under ``folder``, recursively, in name order. Hidden files and folders are
    passed over silently; ``on_skip(path, reason)`` hears of every other file not read."""
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for fname in sorted(files):
            if fname.startswith("."):
                continue
            if Path(fname).suffix.lower() not in EXTENSIONS:
                if on_skip is not None:
                    suffix = Path(fname).suffix.lower() or "no extension"
                    on_skip(str(Path(root) / fname), f"skipped: unsupported file type ({suffix})")
                continue
            yield Path(root) / fname


def iter_inputs(
    paths: Iterable[str],
    *,
    published: str | None = None,
    title: str | None = None,
    stdin: IO[Any] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    detect_language: LanguageDetector | None = None,
    languages: Iterable[str] | None = ("en",),
    fetch: bool = False,
    fetch_timeout: float = DEFAULT_TIMEOUT,
    fetcher: Callable[[str], Fetched] | None = None,
    on_skip: Callable[[str, str], None] | None = None,
) -> Iterator[Item]:
    """Read every input in ``paths``, yielding an :class:`Article` or a :class:`Rejected` per document.

    A path is a file, a folder (read recursively: .txt, .html/.htm, .json/.jsonl, .md; hidden
    files and other extensions are skipped) or ``-`` for standard input (JSON Lines when its
    first line is a JSON object, else one text). A file named explicitly with an unsupported
    extension is rejected; one without an extension is sniffed. ``published`` and ``title``
    apply to single documents (text, HTML, Markdown, one JSON object, stdin text) that have
    none; a publication date that is not a real full date is dropped with a warning
    (``Article.warnings``). Documents whose text is over ``max_bytes`` (UTF-8) are rejected;
    whole files over 4 x (feeds and JSON files 20 x) that are refused unread, JSON Lines are
    streamed with each line bounded (docs/reliability.md).
    ``detect_language`` is a hook (text -> ISO 639-1 code, or None when it cannot tell; see
    :class:`newswire.language.LanguageDetector`); documents whose language (detected, else
    declared, else English) is not in ``languages`` (None: any) are rejected.

    Feeds (RSS/Atom: .rss, .atom, .xml, or sniffed) give one document per entry; an http(s)
    URL is fetched (feed or page). ``fetch`` allows reading the page a feed entry links to when
    the entry has no content; every fetch has ``fetch_timeout`` and a size limit.

    ``on_skip(path, reason)`` is told of each file in a folder that is not read because of its
    extension (``.pdf``, ``.docx``...): not an error, but not silently lost either.
    """
    opts = ReadOptions(
        published=published,
        title=title,
        max_bytes=max_bytes,
        detect_language=detect_language,
        languages=frozenset(base_language(x) or x.lower() for x in languages) if languages else frozenset(),
        fetch=fetch,
        fetch_timeout=fetch_timeout,
        fetcher=fetcher,
    )
    for raw in paths:
        if raw == "-":
            yield from read_stdin(stdin if stdin is not None else sys.stdin, opts)
            continue
        if is_url(raw):
            yield from read_url(raw, opts)
            continue
        path = Path(raw)
        if path.is_dir():
            found = False
            for file in _walk(path, on_skip):
                found = True
                yield from read_file(file, opts)
            if not found:
                exts = ", ".join(sorted(EXTENSIONS))
                yield Rejected(raw, f"folder has no files to read ({exts})")
        elif path.is_file():
            suffix = path.suffix.lower()
            if suffix and suffix not in EXTENSIONS:
                exts = ", ".join(sorted(EXTENSIONS))
                yield Rejected(raw, f"unsupported file type {suffix!r} (supported: {exts})")
                continue
            yield from read_file(path, opts, name=raw)
        elif path.exists():
            yield Rejected(raw, "not a regular file or folder")
        else:
            yield Rejected(raw, "no such file or folder")
