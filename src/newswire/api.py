"""The Python API: analyse text into records."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from ._build import doc_to_record
from .article import Article
from .components._doc import add_warning, register_extensions, set_document
from .errors import InputError
from .pipeline import default_pipeline
from .record import Record

__all__ = ["analyze", "analyze_articles", "analyze_stream", "make_doc", "process", "records"]

#: Documents per batch in nlp.pipe; chosen by measurement (benchmarks/).
BATCH_SIZE = 16


def make_doc(nlp: Language, article: Article) -> Doc:
    """Tokenise an article and attach its metadata, ready for the pipeline."""
    register_extensions()
    doc = nlp.make_doc(article.text)
    set_document(doc, article.metadata())
    for warning in article.warnings:  # what reading found: a dropped date, a decoding repair
        add_warning(doc, warning)
    return doc


def analyze(
    text: str,
    *,
    published: str | None = None,
    title: str | None = None,
    id: str | None = None,
    url: str | None = None,
    source: str | None = None,
    nlp: Language | None = None,
    languages: Iterable[str] | None = None,
) -> Record:
    """Analyse one document and return its :class:`~newswire.record.Record`.

    ``published`` (YYYY-MM-DD) anchors relative dates ("last Tuesday"); without
    it they keep ``value: null``. ``nlp`` defaults to :func:`newswire.pipeline`
    with the default model, loaded once per process. ``languages`` (e.g. ``["en"]``)
    applies the CLI's language rule: :class:`~newswire.errors.InputError` for text
    confidently in another language; by default the language is not checked.
    """
    article = Article(text=text, id=id, title=title, published=published, url=url, source=source)
    if languages is not None:
        from .language import check_language

        article.language = check_language(text, languages) or article.language
    nlp = nlp or default_pipeline()
    return doc_to_record(nlp(make_doc(nlp, article)))


def process(
    articles: Iterable[Article],
    nlp: Language,
    *,
    batch_size: int = BATCH_SIZE,
    n_process: int = 1,
) -> Iterator[tuple[Article, Doc]]:
    """Run the pipeline over articles, yielding each with its processed Doc, in order."""
    pending: list[Article] = []

    def docs() -> Iterator[Doc]:
        for article in articles:
            pending.append(article)
            yield make_doc(nlp, article)

    for doc in nlp.pipe(docs(), batch_size=batch_size, n_process=n_process):
        yield pending.pop(0), doc


def analyze_stream(
    articles: Iterable[Article],
    nlp: Language,
    *,
    batch_size: int = BATCH_SIZE,
    workers: int = 1,
) -> Iterator[tuple[Article, Record | str]]:
    """Analyse articles into records, yielding ``(article, record)`` in input order, or
    ``(article, reason)`` for one whose analysis failed (the others go on).

    ``workers`` > 1 runs the pipeline in that many forked worker processes which send back
    finished records (see :mod:`newswire._pool`); where fork is not available it falls back to
    spaCy's ``nlp.pipe(n_process=workers)``.
    """
    if workers > 1:
        from ._pool import can_fork, parallel_records

        if can_fork():
            yield from parallel_records(articles, nlp, workers=workers, batch_size=batch_size)
            return
    yield from records(articles, nlp, batch_size=batch_size, n_process=workers)


def records(
    articles: Iterable[Article], nlp: Language, *, batch_size: int = BATCH_SIZE, n_process: int = 1
) -> Iterator[tuple[Article, Record | str]]:
    """``nlp.pipe`` over articles in this process (or spaCy's ``n_process``): ``(article, record)``
    in order, or ``(article, reason)`` for a record that fails validation."""
    for article, doc in process(articles, nlp, batch_size=batch_size, n_process=n_process):
        try:
            yield article, doc_to_record(doc)
        except ValueError as exc:  # a record that fails validation is a rejected input
            yield article, f"analysis failed: {exc}"


def analyze_articles(
    articles: Iterable[Article],
    nlp: Language | None = None,
    *,
    batch_size: int = BATCH_SIZE,
    workers: int = 1,
) -> Iterator[Record]:
    """Analyse many articles, yielding one record each, in input order (``workers`` processes).

    Raises :class:`~newswire.errors.InputError` for an article whose analysis failed."""
    nlp = nlp or default_pipeline()
    for article, result in analyze_stream(articles, nlp, batch_size=batch_size, workers=workers):
        if isinstance(result, str):
            raise InputError(article.origin, result)
        yield result
