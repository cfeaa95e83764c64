"""The newswire_times component: tense from the parse, record dicts, when helpers."""

from __future__ import annotations

import pytest
from spacy.language import Language

import newswire
from newswire.components._doc import set_document
from newswire.components.times import publication_when, when_for

OTHERS = ("newswire_actors", "newswire_places", "newswire_quotes", "newswire_events")


@pytest.fixture(scope="module")
def times_nlp() -> Language:
    """The spaCy model with only the times component (the others are not the point here)."""
    return newswire.pipeline(exclude=OTHERS)


def run(nlp: Language, text: str, published: str | None = "2021-07-20") -> list[dict]:
    doc = nlp.make_doc(text)
    set_document(doc, {"id": "t", "published": published})
    doc = nlp(doc)
    for t in doc._.newswire_times:
        assert text[t["start"] : t["end"]] == t["text"]
    return doc._.newswire_times


def by_text(times: list[dict]) -> dict[str, dict]:
    return {t["text"]: t for t in times}


def test_seed_sentence(times_nlp: Language) -> None:
    text = (
        "Russian defense officials said Tuesday the army will hold joint military drills with Uzbekistan "
        "near the border with Afghanistan with about 1,500 troops from July 30-August 10."
    )
    times = by_text(run(times_nlp, text))
    assert times["Tuesday"]["value"] == "2021-07-20"
    rng = times["July 30-August 10"]
    assert rng["interval"] == {"start": "2021-07-30", "end": "2021-08-10"}
    assert rng["precision"] == "day"


def test_tense_decides_the_weekday(times_nlp: Language) -> None:
    past = by_text(run(times_nlp, "Rebels attacked the convoy on Saturday, the army said."))
    assert past["Saturday"]["value"] == "2021-07-17"
    future = by_text(run(times_nlp, "The two presidents will meet on Saturday in Geneva."))
    assert future["Saturday"]["value"] == "2021-07-24"


@pytest.mark.parametrize(
    ("text", "weekday", "value"),
    [
        # an infinitive complement of a past verb is still to come
        ("The delegation planned to leave Kabul on Thursday for talks in Islamabad.", "Thursday", "2021-07-22"),
        # a verb of planning in the past tense points ahead
        ("The court has scheduled a hearing Thursday on the extradition request.", "Thursday", "2021-07-22"),
        ("Officials postponed until Friday a vote on the emergency budget.", "Friday", "2021-07-23"),
        # "as early as", "as soon as": a time still to come
        ("Negotiators could return to Doha as early as Friday, a diplomat said.", "Friday", "2021-07-23"),
        # ... but not the date of the planning itself, nor a plan that was called off
        ("On Friday, the ministry planned an evacuation of the border villages.", "Friday", "2021-07-16"),
        ("A rally planned for Saturday was cancelled after the clashes.", "Saturday", "2021-07-17"),
    ],
)
def test_plans_point_ahead(times_nlp: Language, text: str, weekday: str, value: str) -> None:
    assert by_text(run(times_nlp, text))[weekday]["value"] == value


def test_tense_decides_the_year_of_a_month(times_nlp: Language) -> None:
    past = by_text(run(times_nlp, "Parliament approved the budget in March."))
    assert past["March"]["value"] == "2021-03"
    future = by_text(run(times_nlp, "The government will hold elections in March."))
    assert future["March"]["value"] == "2022-03"


def test_relative_expressions(times_nlp: Language) -> None:
    text = (
        "Talks collapsed last month and resumed earlier this month; envoys meet again this week. "
        "The conflict began two decades ago, and sanctions imposed in the 1990s lasted 20 years."
    )
    times = by_text(run(times_nlp, text))
    assert times["last month"]["value"] == "2021-06"
    assert times["earlier this month"]["value"] == "2021-07"
    assert times["this week"]["value"] == "2021-W29"
    assert (times["two decades ago"]["value"], times["two decades ago"]["precision"]) == ("2001", "year")
    assert (times["the 1990s"]["value"], times["the 1990s"]["precision"]) == ("199", "decade")
    assert (times["20 years"]["type"], times["20 years"]["value"]) == ("DURATION", "P20Y")


def test_quarters_and_special_values(times_nlp: Language) -> None:
    text = (
        "The company said third-quarter profit rose, and it now expects sales to recover in the future. "
        "Exports recently fell."
    )
    times = by_text(run(times_nlp, text))
    assert times["third-quarter"]["value"] == "2021-Q3"
    assert times["now"]["value"] == "PRESENT_REF"
    assert times["the future"]["value"] == "FUTURE_REF"
    assert times["recently"]["value"] == "PAST_REF"


def test_missing_publication_date(times_nlp: Language) -> None:
    text = "The ministry said on Friday that the accord signed on March 3, 2020 expires next year."
    times = by_text(run(times_nlp, text, published=None))
    assert times["Friday"]["value"] is None and "publication date" in times["Friday"]["note"]
    assert times["next year"]["value"] is None and times["next year"]["interval"] is None
    assert times["March 3, 2020"]["value"] == "2020-03-03"
    assert times["March 3, 2020"]["note"] is None


def test_span_group(times_nlp: Language) -> None:
    doc = times_nlp.make_doc("Protesters gathered on Monday and again every Friday.")
    set_document(doc, {"id": "x", "published": "2021-07-20"})
    doc = times_nlp(doc)
    labels = {s.text: s.label_ for s in doc.spans["newswire_times"]}
    assert labels == {"Monday": "DATE", "every Friday": "SET"}


def test_when_helpers(times_nlp: Language) -> None:
    doc = times_nlp.make_doc("Troops will deploy from July 30-August 10.")
    set_document(doc, {"id": "w", "published": "2021-07-20"})
    doc = times_nlp(doc)
    (t,) = doc._.newswire_times
    assert when_for(t) == {
        "text": "July 30-August 10",
        "start": "2021-07-30",
        "end": "2021-08-10",
        "precision": "day",
        "anchor": "explicit",
    }
    assert publication_when(doc) == {
        "text": None,
        "start": "2021-07-20",
        "end": "2021-07-20",
        "precision": "day",
        "anchor": "publication",
    }
    set_document(doc, {"id": "w", "published": None})
    assert publication_when(doc) is None
    duration = {
        "text": "20 years",
        "start": 0,
        "end": 8,
        "type": "DURATION",
        "value": "P20Y",
        "interval": None,
        "precision": None,
        "note": None,
    }
    assert when_for(duration)["start"] is None and when_for(duration)["precision"] is None


def test_records_validate(analyze) -> None:
    rec = analyze("On Saturday, the ministry said talks would resume next Monday, 10 days after the vote.")
    values = {t.text: t.value for t in rec.times}
    assert values["Saturday"] == "2021-07-17"
    assert values["next Monday"] == "2021-07-26"
    assert values["10 days"] == "P10D"


def test_rates_fractions_and_odd_dates(times_nlp: Language) -> None:
    text = ("The refugees spent 2 1/2 years in camps, and the agency says it needs $40 million a year. "
            "A report dated 29 February was released.")
    times = by_text(run(times_nlp, text, published="2021-03-02"))
    assert times["2 1/2 years"]["value"] == "P2Y6M"
    assert (times["a year"]["type"], times["a year"]["value"]) == ("SET", "P1Y")
    assert times["29 February"]["value"] == "2020-02-29"  # the last leap day before publication


@pytest.mark.parametrize("published", [None, "0001-01-01", "9999-12-31", "2024-02-29"])
def test_any_publication_date(times_nlp: Language, published: str | None) -> None:
    text = ("Yesterday the ministry said talks would resume tomorrow or next year, a decade after the "
            "accord of March 3, 2011; last year's talks ended on Monday night.")
    for t in run(times_nlp, text, published=published):
        assert 0 <= t["start"] < t["end"] <= len(text)
        assert t["value"] is not None or t["note"]
