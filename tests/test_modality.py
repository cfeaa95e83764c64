"""Modality of events: asserted, future, proposed, hypothetical, negated, denied."""

from __future__ import annotations

import pytest


def _events(analyze, text):
    return analyze(text).events


@pytest.mark.parametrize(
    ("text", "etype", "modality"),
    [
        ("Syrian troops shelled the town of Rastan on Monday.", "ASSAULT", "asserted"),
        ("Police did not arrest the organisers of the march.", "COERCE", "negated"),
        ("The army never attacked the village, a spokesman insisted.", "ASSAULT", "negated"),
        ("Hezbollah denied attacking the patrol near the border.", "ASSAULT", "denied"),
        ("The rebels could seize the provincial capital within weeks.", "COERCE", "hypothetical"),
        ("If the talks fail, the militia might attack the airport.", "ASSAULT", "hypothetical"),
        ("The union proposed talks with the mining company.", "CONSULT", "proposed"),
        ("Opposition leaders called for the release of the detained journalists.", "RETREAT", "proposed"),
        # PLOVER codes an announced future meeting as AGREE
        ("The foreign ministers will meet in Geneva next week.", "AGREE", "future"),
        # an announced refusal is REJECT; the act keeps its modality
        ("The rebels will not release the hostages.", "REJECT", "negated"),
        ("The rebels did not release the hostages.", "RETREAT", "negated"),
    ],
)
def test_modality(analyze, text, etype, modality):
    events = _events(analyze, text)
    hits = [e for e in events if e.type == etype]
    assert hits, (text, [(e.type, e.modality) for e in events])
    assert hits[0].modality == modality


def test_taliban_hypothetical_not_asserted(analyze):
    events = _events(
        analyze, "The Taliban could take control of Afghanistan unless peace efforts accelerate."
    )
    assert events
    assert all(e.modality != "asserted" for e in events)
    seize = [e for e in events if e.type == "COERCE"]
    assert seize and seize[0].modality == "hypothetical"


def test_realistic_prospect_is_hypothetical(analyze):
    events = _events(analyze, "There is a realistic prospect that the militia will attack the capital.")
    assert events and all(e.modality == "hypothetical" for e in events)


def test_will_hold_drills_is_future(analyze):
    events = _events(analyze, "Indian and French navies will hold joint exercises in the Arabian Sea.")
    assert events and events[0].modality == "future"


def test_modality_unit():
    import spacy

    from newswire.components.modality import modality_of

    nlp = spacy.blank("en")
    # hand-built parse: "Iran denied attacking ships"
    from spacy.tokens import Doc

    doc = Doc(
        nlp.vocab,
        words=["Iran", "denied", "attacking", "ships"],
        heads=[1, 1, 1, 2],
        deps=["nsubj", "ROOT", "xcomp", "dobj"],
        pos=["PROPN", "VERB", "VERB", "NOUN"],
        lemmas=["Iran", "deny", "attack", "ship"],
    )
    assert modality_of(doc[2]).value == "denied"
    assert modality_of(doc[1]).value == "asserted"
