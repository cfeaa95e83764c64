"""The public Python API: names, types, analyse round trips."""

from __future__ import annotations

import json

import pytest
from spacy.language import Language

import newswire
from newswire.record import Record

EXPECTED_API = {
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
}

ARTICLE = (
    "Russian defense officials said Tuesday the army will hold joint military drills with "
    "Uzbekistan near the border with Afghanistan with about 1,500 troops from July 30-August 10. "
    "Deputy Foreign Minister Zamir Kabulov met a Taliban delegation in Moscow on July 8, "
    "the ministry said."
)


def test_public_api_is_deliberate():
    assert set(newswire.__all__) == EXPECTED_API
    for name in newswire.__all__:
        assert hasattr(newswire, name), name


def test_errors_form_one_hierarchy():
    for cls in (
        newswire.InputError,
        newswire.ModelError,
        newswire.KnowledgeError,
        newswire.StoreError,
        newswire.EvaluationError,
    ):
        assert issubclass(cls, newswire.NewswireError)
    err = newswire.InputError("feed.xml", "malformed XML")
    assert err.source == "feed.xml" and "malformed XML" in str(err)


def test_pipeline_has_registered_components(nlp):
    assert isinstance(nlp, Language)
    for name in (
        "newswire_times",
        "newswire_actors",
        "newswire_places",
        "newswire_quotes",
        "newswire_events",
    ):
        assert name in nlp.pipe_names


def test_components_add_to_a_users_own_pipeline():
    nlp = newswire.load_model()
    nlp.add_pipe("newswire_times")
    doc = nlp("The talks ended on Friday.")
    assert isinstance(doc._.newswire_times, list)


def test_analyze_returns_a_valid_record(analyze):
    rec = analyze(ARTICLE, published="2021-07-20", title="Drills", id="doc-1", source="example desk")
    assert isinstance(rec, Record)
    assert rec.schema_ == "newswire.record/1"
    assert rec.document.id == "doc-1"
    assert rec.document.published == "2021-07-20"
    assert rec.text == ARTICLE
    data = json.loads(rec.to_json())
    assert data["schema"] == "newswire.record/1"
    assert Record.from_json(rec.to_json()) == rec


def test_analyze_without_id_hashes_the_text(analyze):
    a = analyze("Turkey and Greece agreed to resume talks.")
    b = analyze("Turkey  and Greece agreed to resume talks.")
    assert a.document.id == b.document.id and len(a.document.id) == 16


def test_bad_publication_date_is_null_not_guessed(analyze):
    rec = analyze("Protesters marched in Nairobi.", published="2021-02-31")
    assert rec.document.published is None


def test_unknown_model_raises_model_error():
    with pytest.raises(newswire.ModelError):
        newswire.load_model("no_such_model_xx")


def test_analyze_checks_language_only_when_asked(nlp):
    from newswire.errors import InputError

    french = (
        "Le gouvernement français a annoncé mardi de nouvelles sanctions contre les responsables "
        "du coup d'État, après une réunion d'urgence des ministres des affaires étrangères à Paris."
    )
    english = "The French government announced new sanctions on Tuesday after an emergency meeting in Paris."
    assert newswire.analyze(french, nlp=nlp).document.id  # no check by default
    with pytest.raises(InputError, match="language 'fr' is not supported"):
        newswire.analyze(french, nlp=nlp, languages=["en"])
    rec = newswire.analyze(english, nlp=nlp, languages=["en"], published="2024-05-07")
    assert rec.events


def test_reading_warnings_reach_the_record(nlp):
    from newswire.api import analyze_stream

    article = newswire.Article(
        text="Protesters marched through Nairobi on Tuesday against the new finance bill.",
        published="2021-02-31",
    )
    [(_, rec)] = list(analyze_stream([article], nlp))
    assert not isinstance(rec, str)
    assert rec.document.published is None
    assert any("2021-02-31" in w for w in rec.warnings)
