"""The actors component on realistic news sentences (written for these tests)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import newswire
from newswire.components._doc import token_actor_index


def actors(analyze: Any, text: str, published: str | None = "2021-07-20") -> list[dict[str, Any]]:
    rec = analyze(text, published=published)
    return rec.to_dict()["actors"]


def mentions(actor: dict[str, Any], text: str) -> list[str]:
    return [text[s:e] for s, e in actor["mentions"]]


def find(acts: list[dict[str, Any]], text: str, phrase: str) -> dict[str, Any]:
    for a in acts:
        if any(phrase in m for m in mentions(a, text)):
            return a
    raise AssertionError(f"no actor mentions {phrase!r}: {[mentions(a, text) for a in acts]}")


def test_demonym_institutions_and_country_from_context(analyze: Any) -> None:
    text = ("Russian defence officials said on Monday the army would send more armoured vehicles "
            "to a base in Tajikistan, and Tajik authorities welcomed the move.")
    acts = actors(analyze, text)
    rus = find(acts, text, "Russian defence officials")
    assert (rus["country"], rus["sector"], rus["kind"]) == ("RUS", "MIL", "state")
    assert "the army" in mentions(rus, text)
    tjk = find(acts, text, "Tajik authorities")
    assert (tjk["country"], tjk["sector"]) == ("TJK", "GOV")


def test_countries_named_by_knowledge_not_ner(analyze: Any) -> None:
    text = "Uzbekistan and Kyrgyzstan agreed on Friday to reopen the border crossing near Osh."
    acts = actors(analyze, text)
    assert find(acts, text, "Uzbekistan")["country"] == "UZB"
    assert find(acts, text, "Kyrgyzstan")["kind"] == "state"


def test_capital_and_building_metonyms_when_they_act(analyze: Any) -> None:
    text = ("Beijing warned on Thursday that it would retaliate, while the White House said "
            "Washington had no plans to lift the tariffs.")
    acts = actors(analyze, text)
    chn = find(acts, text, "Beijing")
    assert (chn["country"], chn["sector"]) == ("CHN", "GOV")
    usa = find(acts, text, "White House")
    assert usa["country"] == "USA" and usa["sector"] == "GOV"
    assert "Washington" in mentions(usa, text)


def test_capital_as_a_place_is_not_an_actor(analyze: Any) -> None:
    text = "The delegation arrived in Moscow late on Sunday after a long flight."
    acts = actors(analyze, text)
    assert not any("Moscow" in m for a in acts for m in mentions(a, text))


def test_person_with_office_and_coreference(analyze: Any) -> None:
    text = ("Deputy Foreign Minister Sergei Ryabkov, who is also the Kremlin's point man on arms "
            "control, said the talks had stalled. Ryabkov told reporters that Washington was to "
            "blame. The Russian diplomat added that he saw no reason for optimism.")
    acts = actors(analyze, text)
    p = find(acts, text, "Sergei Ryabkov")
    assert (p["kind"], p["country"], p["sector"]) == ("person", "RUS", "GOV")
    assert p["title"] == "Deputy Foreign Minister"
    assert p["kb_id"] == "sergei_ryabkov"
    ms = mentions(p, text)
    assert "Ryabkov" in ms and "The Russian diplomat" in ms and "he" in ms


def test_unknown_official_takes_country_from_title_prefix(analyze: Any) -> None:
    text = "Kazakh Foreign Minister Aibek Nurlanov said on Wednesday that Astana would mediate."
    acts = actors(analyze, text)
    p = find(acts, text, "Nurlanov")
    assert p["kind"] == "person" and p["country"] == "KAZ" and p["sector"] == "GOV"
    assert p["title"] == "Foreign Minister" and p["kb_id"] is None


def test_unknown_person_with_apposition(analyze: Any) -> None:
    text = ("Omar Haidari, the Afghan ambassador to Pakistan, said the crossing would reopen. "
            "Haidari did not give a date.")
    acts = actors(analyze, text)
    p = find(acts, text, "Omar Haidari")
    assert p["country"] == "AFG" and p["title"] == "Ambassador"
    assert "Haidari" in mentions(p, text)


@pytest.mark.parametrize(
    ("published", "sector", "title"),
    [("2019-05-02", "GOV", "President"), ("2022-05-02", "ELI", None), ("2025-05-02", "GOV", "President")],
)
def test_office_holder_follows_publication_date(analyze: Any, published: str, sector: str,
                                                 title: str | None) -> None:
    text = "Trump told supporters in Ohio that the trade deal was unfair."
    p = find(actors(analyze, text, published=published), text, "Trump")
    assert p["country"] == "USA" and p["sector"] == sector and p["title"] == title
    assert p["kb_id"] == "donald_trump"


def test_president_title_in_text(analyze: Any) -> None:
    text = "President Biden spoke with German Chancellor Olaf Scholz by phone on Tuesday."
    acts = actors(analyze, text, published="2022-03-01")
    biden = find(acts, text, "Biden")
    assert (biden["country"], biden["sector"], biden["title"]) == ("USA", "GOV", "President")
    scholz = find(acts, text, "Scholz")
    assert scholz["country"] == "DEU" and scholz["title"] == "Chancellor"


def test_armed_group_with_description_coreference(analyze: Any) -> None:
    text = ("The Taliban captured two more district centres on Saturday. The Islamist group "
            "said its fighters met little resistance from Afghan troops.")
    acts = actors(analyze, text)
    tal = find(acts, text, "Taliban")
    assert (tal["kind"], tal["country"], tal["sector"], tal["kb_id"]) == ("group", "AFG", "REB", "taliban")
    assert "The Islamist group" in mentions(tal, text)
    afg = find(acts, text, "Afghan troops")
    assert (afg["country"], afg["sector"]) == ("AFG", "MIL")


def test_igos_and_media(analyze: Any) -> None:
    text = ("NATO and the CSTO held separate meetings, TASS reported, while the IAEA said "
            "inspectors would return. Hezbollah and the Houthis condemned the strikes.")
    acts = actors(analyze, text)
    assert find(acts, text, "NATO")["kind"] == "igo"
    assert find(acts, text, "CSTO")["kind"] == "igo"
    assert find(acts, text, "IAEA")["kind"] == "igo"
    tass = find(acts, text, "TASS")
    assert (tass["kind"], tass["country"], tass["sector"]) == ("media", "RUS", "JRN")
    assert find(acts, text, "Hezbollah")["country"] == "LBN"
    assert find(acts, text, "Houthis")["country"] == "YEM"


def test_pronoun_speaker_is_in_token_index(nlp: Any) -> None:
    text = ("Foreign Minister Sergei Lavrov met his Turkish counterpart in Ankara. "
            "\"We agreed on the next steps,\" he said.")
    from newswire.components._doc import set_document

    doc = nlp.make_doc(text)
    set_document(doc, {"published": "2021-07-20"})
    doc = nlp(doc)
    index = token_actor_index(doc)
    he = next(t for t in doc if t.text == "he")
    lavrov = next(a for a in doc._.newswire_actors if a["kb_id"] == "sergei_lavrov")
    assert index.get(he.i) == lavrov["id"]


def test_kb_files_extend_the_component(tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "organizations:\n"
        "  river_front: {name: River Liberation Front, kind: group, country: SSD, sector: REB,\n"
        "                aliases: [River Liberation Front, RLF], nouns: [rebels, front]}\n",
        encoding="utf-8",
    )
    nlp = newswire.pipeline(kb=[extra], exclude=("newswire_places", "newswire_quotes", "newswire_events"))
    rec = newswire.analyze("The RLF said on Monday that the rebels had withdrawn.", nlp=nlp,
                           published="2021-07-20")
    data = rec.to_dict()
    rlf = next(a for a in data["actors"] if a["kb_id"] == "river_front")
    assert rlf["country"] == "SSD" and rlf["sector"] == "REB"
    assert len(rlf["mentions"]) == 2


def test_records_validate_on_odd_text(analyze: Any) -> None:
    for text in ["", "   ", "US US US", "he said. she said. they said it.", "The the the group."]:
        actors(analyze, text)


def test_compound_demonyms_and_adjectives(analyze: Any) -> None:
    text = "Bosnian Serbs rejected the plan after Israeli strikes and a Jordanian official confirmed talks."
    acts = actors(analyze, text)
    assert find(acts, text, "Bosnian Serbs")["country"] == "BIH"
    assert find(acts, text, "Israeli")["country"] == "ISR"
    anon = find(acts, text, "Jordanian official")
    assert (anon["kind"], anon["country"], anon["sector"]) == ("anonymous", "JOR", "GOV")


def test_titled_unknown_person_takes_the_only_country_in_the_sentence(analyze: Any) -> None:
    text = "In Haiti, Lt. Gen. Marc Baptiste ordered the troops back to their barracks."
    p = find(actors(analyze, text), text, "Marc Baptiste")
    assert (p["country"], p["sector"]) == ("HTI", "MIL")


def test_unknown_organisation_and_the_group(analyze: Any) -> None:
    text = ("Nigeria's Ministry of Health said the outbreak was contained. The Lagos Medical "
            "Association disagreed, and the association said it would publish its own figures.")
    acts = actors(analyze, text)
    mh = find(acts, text, "Ministry of Health")
    assert mh["country"] == "NGA" and mh["sector"] == "GOV"
    lma = find(acts, text, "Lagos Medical Association")
    assert "the association" in mentions(lma, text)
