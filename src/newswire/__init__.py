"""newswire: turn news into verifiable political event data.

>>> import newswire
>>> rec = newswire.analyze("Russia's envoy met a Taliban delegation in Moscow on July 8.",
...                        published="2021-07-20")
>>> rec.events[0].type
'CONSULT'
"""

from __future__ import annotations

from .api import analyze, analyze_articles
from .article import Article
from .errors import (
    EvaluationError,
    InputError,
    KnowledgeError,
    ModelError,
    NewswireError,
    StoreError,
)
from .pipeline import load_model, pipeline
from .record import (
    SCHEMA_VERSION,
    Actor,
    Document,
    Event,
    Magnitude,
    Place,
    Quote,
    Record,
    Time,
    When,
    Where,
    json_schema,
)
from .web.render import render

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_VERSION",
    "Actor",
    "Article",
    "Document",
    "EvaluationError",
    "Event",
    "InputError",
    "KnowledgeError",
    "Magnitude",
    "ModelError",
    "NewswireError",
    "Place",
    "Quote",
    "Record",
    "StoreError",
    "Time",
    "When",
    "Where",
    "__version__",
    "analyze",
    "analyze_articles",
    "json_schema",
    "load_model",
    "pipeline",
    "render",
]
