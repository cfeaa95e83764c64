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
    assert list(data) == [
        "id",
        "type",
        "mode",
        "context",
        "quad",
        "cameo",
        "source",
        "target",
        "when",
        "where",
        "magnitude",
        "modality",
        "attributed_to",
        "trigger",
        "evidence",
        "rule",
        "confidence",
    ]
    assert ev.id == "e1"
    assert (ev.type, ev.mode, ev.cameo, ev.quad) == ("COERCE", "arrest", "173", 4)
    assert rec.text[ev.trigger.start : ev.trigger.end] == ev.trigger.text == "arrested"
    assert ev.evidence.text == rec.text
    assert ev.magnitude is not None and ev.magnitude.unit == "arrested"
    assert ev.attributed_to is None


def test_passive_source_and_target(analyze):
    rec = analyze("The Turkish embassy in Kabul was attacked by Taliban fighters on Monday.")
    ev = next(e for e in rec.events if e.type == "ASSAULT")
    src = _actor(rec, ev.source)
    assert src is not None and "Taliban" in src.name
    assert ev.target is not None and ev.target != ev.source


def test_active_direction(analyze):
    rec = analyze("Ukraine accused Russia of shelling civilian areas.")
    ev = next(e for e in rec.events if e.type == "ACCUSE")
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
    rec = analyze(
        "Egyptian police opened fire on demonstrators in Cairo, killing one person and arresting 12."
    )
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
    threat = next(e for e in rec.events if e.type == "THREATEN")
    assert threat.mode == "relations"
    act = [e for e in rec.events if e.type == "SANCTION"]
    assert act and act[0].modality == "hypothetical"


def test_protest_by_government_is_accuse(analyze):
    rec = analyze("The Chinese government protested to Japan over the visit.")
    assert rec.events and rec.events[0].type == "ACCUSE"


def test_assault_mode_from_cue(analyze):
    rec = analyze("Three soldiers were killed by a roadside bomb near Kandahar.")
    ev = next(e for e in rec.events if e.type == "ASSAULT")
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


def test_crowd_violence_is_riot(analyze):
    rec = analyze("Stone-throwing protesters clashed with riot police in the capital on Friday.")
    assert rec.events and rec.events[0].type == "PROTEST" and rec.events[0].mode == "riot"


def test_disaster_harm_is_not_an_event(analyze):
    assert analyze("Torrential rains and floods killed 40 people in the north of the country.").events == []


def test_police_dispersal_with_force_is_assault(analyze):
    rec = analyze("Riot police violently dispersed a demonstration in Minsk using tear gas and water cannon.")
    assert rec.events[0].type == "ASSAULT" and rec.events[0].mode == "crowd-control"


def test_seizure_with_and_without_fighting(analyze):
    fought = analyze("Government troops recaptured the town after heavy fighting with the rebels.")
    assert fought.events[0].type == "ASSAULT"
    calm = analyze("Police seized 40 kilograms of heroin at the port.")
    assert calm.events[0].type == "COERCE" and calm.events[0].mode == "seize"


def test_said_must_is_a_demand(analyze):
    rec = analyze("Germany said Turkey must release the detained journalists.")
    req = [e for e in rec.events if e.type == "REQUEST"]
    assert req
    assert _actor(rec, req[0].source).country == "DEU"
    assert _actor(rec, req[0].target).country == "TUR"
    assert req[0].mode == "yield"


def test_unless_is_a_threat(analyze):
    rec = analyze("Nigeria announced that it will withdraw its peacekeepers from Mali unless the junta holds elections.")
    assert rec.events[0].type == "THREATEN"


def test_background_noun_is_not_an_event(analyze):
    rec = analyze("Thousands of families fled the region because of the attacks.")
    assert all(e.type != "ASSAULT" for e in rec.events)


def test_when_from_the_clause(analyze):
    rec = analyze("Police said gunmen killed 12 villagers in Borno state last week.", published="2021-07-20")
    ev = rec.events[0]
    assert ev.when is not None and ev.when.anchor == "explicit"
    assert (ev.when.start, ev.when.end) == ("2021-07-12", "2021-07-18")
    assert ev.where is not None and ev.where.name and "Borno" in ev.where.name
    assert ev.magnitude is not None and (ev.magnitude.value, ev.magnitude.unit) == (12, "dead")


def test_when_falls_back_to_publication_only_for_what_happened(analyze):
    done = analyze("Rebels shelled the airport.", published="2021-07-20").events[0]
    assert done.when is not None and done.when.anchor == "publication" and done.when.start == "2021-07-20"
    planned = analyze("The rebels will attack the airport.", published="2021-07-20").events[0]
    assert planned.when is None


def test_attributed_to_quote_speaker(analyze):
    rec = analyze('"We will not attack Taiwan," the Chinese defence minister said on Monday.')
    ev = next(e for e in rec.events if e.type == "ASSAULT")
    assert ev.modality == "negated"
    assert ev.attributed_to is not None and _actor(rec, ev.attributed_to).country == "CHN"


def test_no_parse_no_events():
    import spacy

    from newswire.components import events as _events  # noqa: F401  (registers the factory)

    blank = spacy.blank("en")
    blank.add_pipe("newswire_events")
    doc = blank("Rebels shelled the airport.")
    assert doc._.newswire_events == []
    assert doc._.newswire_warnings


# ---------------------------------------------------------------------------- actor countries of targets


def _country_of(rec: Record, actor_id: str | None) -> str | None:
    a = _actor(rec, actor_id)
    return a.country if a is not None else None


def test_place_acted_on_is_the_target(analyze):
    rec = analyze("Insurgents shelled the provincial capital Kandahar overnight.", published="2021-07-20")
    ev = next(e for e in rec.events if e.type == "ASSAULT")
    tgt = _actor(rec, ev.target)
    assert tgt is not None and tgt.country == "AFG" and tgt.kind == "other"
    assert "target:place" in ev.rule


def test_place_of_a_lifted_curfew_is_the_target(analyze):
    rec = analyze("The interior ministry lifted the night curfew in Mombasa on Monday.", published="2021-07-20")
    ev = next(e for e in rec.events if e.type == "CONCEDE")
    assert _country_of(rec, ev.target) == "KEN"


def test_a_meeting_place_is_not_a_target(analyze):
    rec = analyze("Japanese and Korean diplomats met in Geneva on Friday.", published="2021-07-20")
    for ev in rec.events:
        if ev.type == "CONSULT":
            assert _country_of(rec, ev.target) != "CHE"


def test_protest_target_from_its_purpose_clause(analyze):
    rec = analyze("Hundreds of nurses went on strike in Lagos to demand back pay from the Nigerian government.",
                  published="2021-07-20")
    ev = next(e for e in rec.events if e.type == "PROTEST")
    tgt = _actor(rec, ev.target)
    assert tgt is not None and (tgt.country, tgt.sector) == ("NGA", "GOV")


def test_dispersal_target_reaches_the_participle(analyze):
    rec = analyze("Police fired tear gas to disperse Kurdish demonstrators in Diyarbakir, detaining 40.",
                  published="2021-07-20")
    evs = [e for e in rec.events if e.type in ("ASSAULT", "COERCE")]
    assert len(evs) >= 2 and len({e.target for e in evs}) == 1
    # the demonstrators have no country word: the place of the dispersal gives it
    assert _country_of(rec, evs[0].target) == "TUR"


def test_object_noun_passes_on_its_argument(analyze):
    rec = analyze("Colombia's government has called for a ceasefire with ELN guerrillas.", published="2021-07-20")
    ev = next(e for e in rec.events if e.type in ("REQUEST", "AGREE", "RETREAT", "CONCEDE"))
    assert _country_of(rec, ev.source) == "COL"
    tgt = _actor(rec, ev.target)
    assert tgt is not None and (tgt.kind, tgt.sector) == ("group", "REB")


def test_unclaimed_bombing_is_coded_to_its_place(analyze):
    rec = analyze("A roadside bomb killed four soldiers near Kandahar on Sunday.", published="2021-07-20")
    ev = next(e for e in rec.events if e.type == "ASSAULT")
    assert _country_of(rec, ev.source) == "AFG"
    assert "source:place" in ev.rule


def test_talks_source_from_the_verb_of_movement(analyze):
    rec = analyze("Ethiopian and Egyptian negotiators arrived in Khartoum for talks on the dam.",
                  published="2021-07-20")
    ev = next(e for e in rec.events if e.type == "CONSULT")
    assert _country_of(rec, ev.source) in ("ETH", "EGY")


def test_dateline_is_no_subject_and_gives_the_home_country(analyze):
    rec = analyze("KABUL (Reuters) - Gunmen kidnapped 20 students from a school on Friday.",
                  published="2021-07-03")
    ev = next(e for e in rec.events if e.type in ("ASSAULT", "COERCE"))
    src = _actor(rec, ev.source)
    assert src is not None and src.name.lower() == "gunmen"  # not the news agency
    assert src.country == "AFG" and "dateline" in ev.rule
    assert _country_of(rec, ev.target) == "AFG"


def test_border_places_are_no_targets(analyze):
    rec = analyze("Militants attacked an army post near the Afghan border on Sunday.", published="2021-07-20")
    ev = next(e for e in rec.events if e.type == "ASSAULT")
    assert _country_of(rec, ev.target) != "AFG"


def test_firing_at_a_crowd_targets_the_crowd(analyze):
    rec = analyze("Bolivian soldiers fired at protesters blocking the road.", published="2021-07-20")
    ev = next(e for e in rec.events if e.type == "ASSAULT")
    tgt = _actor(rec, ev.target)
    assert tgt is not None and tgt.country == "BOL" and tgt.sector == "CVL"



def test_object_shifted_behind_an_as_phrase(analyze):
    rec = analyze("Greece on Monday condemned as a provocation Turkey's drilling near Crete.", published="2021-07-20")
    ev = next(e for e in rec.events if e.type == "ACCUSE")
    assert _country_of(rec, ev.source) == "GRC" and _country_of(rec, ev.target) == "TUR"


def test_place_of_the_governed_act_is_the_target(analyze):
    rec = analyze("The opposition agreed to call off the rally in Tbilisi.", published="2021-07-20")
    ev = next(e for e in rec.events if e.rule.startswith("verb:agree"))
    assert _country_of(rec, ev.target) == "GEO"


def test_forces_deployed_are_the_actor_of_a_passive(analyze):
    rec = analyze("Hundreds of Rwandan troops were deployed to northern Mozambique on Friday.", published="2021-07-20")
    ev = next(e for e in rec.events if e.type == "MOBILIZE")
    assert _country_of(rec, ev.source) == "RWA"
    released = analyze("Two Indian sailors were released on Friday.", published="2021-07-20")
    for e in released.events:
        assert _country_of(released, e.source) != "IND"  # the released are no actor of the release


def test_up_to_a_number_is_still_the_object(analyze):
    rec = analyze("Somali pirates seized up to 20 Indian sailors off the coast.", published="2021-07-20")
    ev = next(e for e in rec.events if e.type in ("ASSAULT", "COERCE"))
    assert _country_of(rec, ev.target) == "IND"


def test_counted_forces_are_the_strength_of_an_exercise_not_a_party(analyze):
    rec = analyze(
        "Chinese military officials said on Monday the navy will hold joint exercises with Pakistan "
        "near the border with India with about 2,000 sailors from May 3-May 9.",
        published="2025-04-28",
    )
    [e] = [e for e in rec.events if e.type == "MOBILIZE"]
    names = {a.id: a for a in rec.actors}
    assert names[e.target].country == "PAK"
    assert e.magnitude is not None and e.magnitude.value == 2000
    sailors = [a for a in rec.actors if a.name == "sailors"]
    # the border names India, which says nothing about whose sailors they are
    assert all(a.country != "IND" for a in sailors)
