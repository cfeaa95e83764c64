"""The event coder end to end: types, sources/targets, passives, coordination, time, place."""

from __future__ import annotations

from newswire.record import Record

SEED = (
    "Russian defense officials said Tuesday the army will hold joint military drills with Uzbekistan "
    "near the border with Afghanistan with about 1,500 troops from July 30-August 10."
)


def _actor(rec: Record, actor_id: str | None):
    for a in rec.actors:
        if a.id == actor_id:
            return a
    return None


def test_seed_sentence(analyze):
    rec = analyze(SEED, published="2021-07-20")
    assert rec.events, "no event"
    ev = rec.events[0]
    assert ev.type in ("MOBILIZE", "COOPERATE")
    assert ev.modality == "future"
    src = _actor(rec, ev.source)
    tgt = _actor(rec, ev.target)
    assert src is not None and src.country == "RUS"
    assert tgt is not None and tgt.country == "UZB"
    assert ev.magnitude is not None
    assert (ev.magnitude.value, ev.magnitude.unit, ev.magnitude.qualifier) == (1500, "troops", "approx")
    assert ev.attributed_to is not None
    assert _actor(rec, ev.attributed_to).country == "RUS"
    assert ev.quad == 4 if ev.type == "MOBILIZE" else ev.quad == 2
    assert ev.rule and 0 < ev.confidence <= 1
    # never dated to the day it was reported
    assert ev.when is None or ev.when.start != "2021-07-20"
    if ev.when is not None:
        assert (ev.when.start, ev.when.end, ev.when.anchor) == ("2021-07-30", "2021-08-10", "explicit")


def test_event_fields(analyze):
    rec = analyze("Police arrested 40 protesters in Minsk on Sunday.", published="2021-07-20")
    ev = rec.events[0]
    data = ev.model_dump()
    assert list(data) == ["id", "type", "mode", "context", "quad", "cameo", "source", "target", "when",
                          "where", "magnitude", "modality", "attributed_to", "trigger", "evidence",
                          "rule", "confidence"]
    assert ev.id == "e1"
    assert (ev.type, ev.mode, ev.cameo, ev.quad) == ("COERCE", "arrest", "173", 4)
    assert rec.text[ev.trigger.start:ev.trigger.end] == ev.trigger.text == "arrested"
    assert ev.evidence.text == rec.text
    assert ev.magnitude is not None and ev.magnitude.unit == "arrested"
    assert ev.attributed_to is None


def test_passive_source_and_target(analyze):
    rec = analyze("The Turkish embassy in Kabul was attacked by Taliban fighters on Monday.")
    ev = [e for e in rec.events if e.type == "ASSAULT"][0]
    src = _actor(rec, ev.source)
    assert src is not None and "Taliban" in src.name
    assert ev.target is not None and ev.target != ev.source


def test_active_direction(analyze):
    rec = analyze("Ukraine accused Russia of shelling civilian areas.")
    ev = [e for e in rec.events if e.type == "ACCUSE"][0]
    assert _actor(rec, ev.source).country == "UKR"
    assert _actor(rec, ev.target).country == "RUS"


def test_coordinated_sources(analyze):
    rec = analyze("Russia and Uzbekistan will hold joint military exercises next month.")
    evs = rec.events
    assert len(evs) >= 2
    countries = {_actor(rec, e.source).country for e in evs if e.source}
    assert countries == {"RUS", "UZB"}
    assert all(e.modality == "future" for e in evs)


def test_coordinated_targets(analyze):
    rec = analyze("The United States imposed sanctions on Iran and Syria.")
    evs = [e for e in rec.events if e.type == "SANCTION"]
    assert {_actor(rec, e.target).country for e in evs if e.target} == {"IRN", "SYR"}


def test_several_events_in_a_sentence(analyze):
    rec = analyze("Egyptian police opened fire on demonstrators in Cairo, killing one person and arresting 12.")
    types = [e.type for e in rec.events]
    assert "ASSAULT" in types and "COERCE" in types


def test_meet_with(analyze):
    rec = analyze("The Iranian foreign minister met with his Omani counterpart in Muscat.")
    ev = rec.events[0]
    assert ev.type == "CONSULT"
    assert ev.rule.startswith("verb:meet")
    assert ev.where is None or ev.where.name in ("Muscat",)


def test_background_state_is_not_an_event(analyze):
    assert analyze("Russia has a major military base in Tajikistan.").events == []
    assert analyze("Analysts think the economy is fragile.").events == []


def test_future_aid_is_agree(analyze):
    rec = analyze("Japan will provide emergency food aid to flood victims in Pakistan.")
    assert rec.events and rec.events[0].type == "AGREE"
    assert "future" in rec.events[0].rule


def test_threat_takes_mode_from_act(analyze):
    rec = analyze("Iran threatened to cut off gas supplies to Turkey.")
    threat = [e for e in rec.events if e.type == "THREATEN"][0]
    assert threat.mode == "relations"
    act = [e for e in rec.events if e.type == "SANCTION"]
    assert act and act[0].modality == "hypothetical"


def test_protest_by_government_is_accuse(analyze):
    rec = analyze("The Chinese government protested to Japan over the visit.")
    assert rec.events and rec.events[0].type == "ACCUSE"


def test_assault_mode_from_cue(analyze):
    rec = analyze("Three soldiers were killed by a roadside bomb near Kandahar.")
    ev = [e for e in rec.events if e.type == "ASSAULT"][0]
    assert ev.mode == "explosives"
    assert ev.magnitude is not None and ev.magnitude.unit == "dead"


def test_spans_for_displacy(nlp):
    import newswire
    from newswire.components._doc import set_document

    doc = nlp.make_doc("Rebels shelled the airport.")
    set_document(doc, {"id": "t", "published": "2021-07-20"})
    doc = nlp(doc)
    assert [s.label_ for s in doc.spans["newswire_events"]] == ["ASSAULT"]
    assert newswire  # imported for side effects
