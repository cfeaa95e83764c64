"""Magnitudes: counted troops, people, dead, injured, arrested, with qualifiers."""

from __future__ import annotations

import pytest

from newswire.components.magnitudes import find_magnitudes, parse_number


@pytest.fixture(scope="module")
def parse(nlp):
    def run(text: str) -> list[dict]:
        doc = nlp.make_doc(text)
        for _name, proc in nlp.pipeline[:6]:
            doc = proc(doc)
        return [q.as_dict() for sent in doc.sents for q in find_magnitudes(sent)]

    return run


@pytest.mark.parametrize(
    ("words", "value"),
    [
        (["1,500"], 1500),
        (["2.5", "million"], 2_500_000),
        (["forty-two"], 42),
        (["three", "hundred"], 300),
        (["twelve"], 12),
        (["1,200,000"], 1_200_000),
    ],
)
def test_parse_number(words, value):
    assert parse_number(words) == value


def test_parse_number_rejects_words():
    assert parse_number(["several", "villages"]) is None


@pytest.mark.parametrize(
    ("text", "value", "unit", "qualifier"),
    [
        ("The navy will send about 1,500 troops to the island.", 1500, "troops", "approx"),
        ("Gunmen killed at least 12 villagers in the raid.", 12, "dead", "at_least"),
        ("Police arrested more than 300 protesters on Sunday.", 300, "arrested", "at_least"),
        ("The ministry said up to 4,000 soldiers could be deployed.", 4000, "troops", "at_most"),
        ("Twenty-three people were killed when the bus was ambushed.", 23, "dead", "exact"),
        ("Dozens of students were injured in the stampede.", 24, "injured", "at_least"),
        ("Thousands of farmers marched through the capital.", 2000, "people", "at_least"),
        ("Rebels wounded three policemen near the airport.", 3, "injured", "exact"),
        ("Nearly 40 people were detained after the rally.", 40, "arrested", "approx"),
        ("The explosion left nine dead and 31 wounded.", 9, "dead", "exact"),
    ],
)
def test_magnitudes(parse, text, value, unit, qualifier):
    found = parse(text)
    assert found, text
    first = found[0]
    assert first["value"] == value
    assert first["unit"] == unit
    assert first["qualifier"] == qualifier
    assert first["text"] and first["text"] in text


def test_wounded_after_dead(parse):
    found = parse("The explosion left nine dead and 31 wounded.")
    assert [(q["value"], q["unit"]) for q in found] == [(9, "dead"), (31, "injured")]


def test_tens_of_thousands(parse):
    found = parse("Tens of thousands of workers joined the general strike.")
    assert found and found[0]["value"] >= 20000 and found[0]["qualifier"] == "at_least"
    assert found[0]["unit"] == "people"


@pytest.mark.parametrize(
    "text",
    [
        "The ministry pledged $5 million in 2019 to rebuild 300 schools.",
        "Inflation rose 7 percent in the first 3 months of the year.",
        "The UN will ship 25,000 tons of wheat.",
    ],
)
def test_things_are_not_magnitudes(parse, text):
    assert parse(text) == []
