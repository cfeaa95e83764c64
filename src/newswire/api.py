"""The Python API: analyse text into records."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ._build import doc_to_record
from .article import Article
from .components._doc import register_extensions, set_document
from .pipeline import default_pipeline
from .record import Record

__all__ = ["analyze", "analyze_articles", "make_doc", "process"]

#: Documents per batch in nlp.pipe; chosen by measurement (benchmarks/).
BATCH_SIZE = 16


def make_doc(nlp: Language, article: Article) -> Doc:
    """Tokenise an article and attach its metadata, ready for the pipeline."""
    register_extensions()
    doc = nlp.make_doc(article.text)
    set_document(doc, article.metadata())
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
) -> Record:
    """Analyse one document and return its :class:`~newswire.record.Record`.

    ``published`` (YYYY-MM-DD) anchors relative dates ("last Tuesday"); without
    it they keep ``value: null``. ``nlp`` defaults to :func:`newswire.pipeline`
    with the default model, loaded once per process.
    """
    article = Article(text=text, id=id, title=title, published=published, url=url, source=source)
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


def analyze_articles(
    articles: Iterable[Article],
    nlp: Language | None = None,
    **kwargs: Any,
) -> Iterator[Record]:
    """Analyse many articles, yielding one record each, in input order."""
    nlp = nlp or default_pipeline()
    for _, doc in process(articles, nlp, **kwargs):
        yield doc_to_record(doc)
