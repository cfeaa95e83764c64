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
    text = (
        "Russian defence officials said on Monday the army would send more armoured vehicles "
        "to a base in Tajikistan, and Tajik authorities welcomed the move."
    )
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
    assert find(acts, text, "Uzbekistan")["kb_id"] == "UZB"
    assert find(acts, text, "Kyrgyzstan")["kind"] == "state"


def test_capital_and_building_metonyms_when_they_act(analyze: Any) -> None:
    text = (
        "Beijing warned on Thursday that it would retaliate, while the White House said "
        "Washington had no plans to lift the tariffs."
    )
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
    text = (
        "Deputy Foreign Minister Sergei Ryabkov, who is also the Kremlin's point man on arms "
        "control, said the talks had stalled. Ryabkov told reporters that Washington was to "
        "blame. The Russian diplomat added that he saw no reason for optimism."
    )
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
    text = (
        "Omar Haidari, the Afghan ambassador to Pakistan, said the crossing would reopen. "
        "Haidari did not give a date."
    )
    acts = actors(analyze, text)
    p = find(acts, text, "Omar Haidari")
    assert p["country"] == "AFG" and p["title"] == "Ambassador"
    assert "Haidari" in mentions(p, text)


@pytest.mark.parametrize(
    ("published", "sector", "title"),
    [("2019-05-02", "GOV", "President"), ("2022-05-02", "ELI", None), ("2025-05-02", "GOV", "President")],
)
def test_office_holder_follows_publication_date(
    analyze: Any, published: str, sector: str, title: str | None
) -> None:
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
    text = (
        "The Taliban captured two more district centres on Saturday. The Islamist group "
        "said its fighters met little resistance from Afghan troops."
    )
    acts = actors(analyze, text)
    tal = find(acts, text, "Taliban")
    assert (tal["kind"], tal["country"], tal["sector"], tal["kb_id"]) == ("group", "AFG", "REB", "taliban")
    assert "The Islamist group" in mentions(tal, text)
    afg = find(acts, text, "Afghan troops")
    assert (afg["country"], afg["sector"]) == ("AFG", "MIL")


def test_igos_and_media(analyze: Any) -> None:
    text = (
        "NATO and the CSTO held separate meetings, TASS reported, while the IAEA said "
        "inspectors would return. Hezbollah and the Houthis condemned the strikes."
    )
    acts = actors(analyze, text)
    assert find(acts, text, "NATO")["kind"] == "igo"
    assert find(acts, text, "CSTO")["kind"] == "igo"
    assert find(acts, text, "IAEA")["kind"] == "igo"
    tass = find(acts, text, "TASS")
    assert (tass["kind"], tass["country"], tass["sector"]) == ("media", "RUS", "JRN")
    assert find(acts, text, "Hezbollah")["country"] == "LBN"
    assert find(acts, text, "Houthis")["country"] == "YEM"


def test_pronoun_speaker_is_in_token_index(nlp: Any) -> None:
    text = (
        "Foreign Minister Sergei Lavrov met his Turkish counterpart in Ankara. "
        '"We agreed on the next steps," he said.'
    )
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
        "                aliases: [River Liberation Front, RLF], nouns: [rebels, front]}\n"
        "people:\n"
        "  a_traore: {name: Aminata Traore, country: MLI, aliases: [Aminata Traore, Traore],\n"
        "             offices: [{title: Foreign Minister, start: 2020-01-01, end: null}]}\n"
        "offices:\n"
        "  Grand Vizier: {sector: GOV, rank: 9}\n",
        encoding="utf-8",
    )
    nlp = newswire.pipeline(kb=[extra], exclude=("newswire_places", "newswire_quotes", "newswire_events"))
    text = ("The RLF said on Monday that the rebels had withdrawn. Traore met Grand Vizier "
            "Omar Benali in Bamako.")
    data = newswire.analyze(text, nlp=nlp, published="2021-07-20").to_dict()
    rlf = next(a for a in data["actors"] if a["kb_id"] == "river_front")
    assert rlf["country"] == "SSD" and rlf["sector"] == "REB"
    assert len(rlf["mentions"]) == 2
    traore = next(a for a in data["actors"] if a["kb_id"] == "a_traore")
    assert (traore["country"], traore["title"]) == ("MLI", "Foreign Minister")
    vizier = find(data["actors"], text, "Omar Benali")
    assert vizier["title"] == "Grand Vizier" and vizier["sector"] == "GOV"


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
    text = (
        "Nigeria's Ministry of Health said the outbreak was contained. The Lagos Medical "
        "Association disagreed, and the association said it would publish its own figures."
    )
    acts = actors(analyze, text)
    mh = find(acts, text, "Ministry of Health")
    assert mh["country"] == "NGA" and mh["sector"] == "GOV"
    lma = find(acts, text, "Lagos Medical Association")
    assert "the association" in mentions(lma, text)


def test_office_description_resolves_to_the_office_holder(analyze: Any) -> None:
    text = "The Russian president told the security council that sanctions had failed."
    p = find(actors(analyze, text, published="2022-04-12"), text, "Russian president")
    assert (p["kind"], p["kb_id"], p["country"], p["title"]) == (
        "person",
        "vladimir_putin",
        "RUS",
        "President",
    )


def test_institution_prefix_and_bare_collectives(analyze: Any) -> None:
    text = (
        "Fighting spread across northern Ethiopia on Sunday. Interior ministry spokesman Dawit "
        "Tesfaye said government troops had retaken two towns, and police arrested 40 people."
    )
    acts = actors(analyze, text)
    p = find(acts, text, "Dawit Tesfaye")
    assert (p["country"], p["sector"]) == ("ETH", "GOV")
    troops = find(acts, text, "government troops")
    assert (troops["country"], troops["sector"]) == ("ETH", "MIL")
    police = find(acts, text, "police")
    assert (police["country"], police["sector"]) == ("ETH", "COP")


def test_they_said_resolves_to_the_group(analyze: Any) -> None:
    text = "Houthi rebels fired two missiles at ships in the Red Sea. They said the attacks would continue."
    acts = actors(analyze, text)
    rebels = find(acts, text, "Houthi")
    assert rebels["kb_id"] == "houthis" and "They" in mentions(rebels, text)


def test_gender_keeps_pronouns_apart(analyze: Any) -> None:
    text = (
        "Mr. Daniel Okafor met Ms. Grace Mensah in Accra. He said the talks went well. "
        "She said more work was needed."
    )
    acts = actors(analyze, text)
    assert "She" in mentions(find(acts, text, "Grace Mensah"), text)
    assert "He" in mentions(find(acts, text, "Daniel Okafor"), text)


def test_led_backed_and_possessive_collectives(analyze: Any) -> None:
    text = ("The Saudi-led coalition said its warplanes struck a depot, while Iran-backed "
            "militias fired rockets. Russia said its forces had downed two drones.")
    acts = actors(analyze, text)
    coalition = find(acts, text, "Saudi-led coalition")
    assert coalition["country"] == "SAU"
    assert find(acts, text, "Iran")["kind"] == "state"
    forces = find(acts, text, "forces")
    assert (forces["country"], forces["sector"]) == ("RUS", "MIL")


def test_place_names_containing_a_country_are_not_states(analyze: Any) -> None:
    text = "Voters in New Jersey and New Mexico went to the polls on Tuesday."
    acts = actors(analyze, text)
    assert not any(a["country"] in ("JEY", "MEX") for a in acts)


def test_leader_administration_is_the_government(analyze: Any) -> None:
    text = "The Biden administration said on Friday that the new rules would take effect in May."
    gov = find(actors(analyze, text, published="2023-02-03"), text, "Biden administration")
    assert (gov["kind"], gov["country"], gov["sector"]) == ("state", "USA", "GOV")


def test_coreference_metrics_on_a_textbook_case() -> None:
    from newswire.evaluate.actors import b_cubed, muc

    key = [{1, 2, 3, 4, 5}, {6, 7}, {8, 9, 10, 11, 12}]
    response = [{1, 2, 3, 4, 5}, {6, 7, 8, 9, 10, 11, 12}]
    p, r, _f = muc(key, response)
    assert r == pytest.approx(1.0) and p == pytest.approx(0.9)
    p, r, _f = b_cubed(key, response)
    assert r == pytest.approx(1.0)
    assert p == pytest.approx((5 * 1 + 2 * 2 / 7 + 5 * 5 / 7) / 12)
    assert b_cubed(key, key)[2] == pytest.approx(1.0)


def test_gum_reader_and_scorer(tmp_path: Path, nlp: Any) -> None:
    from newswire.evaluate.actors import run_gum

    rows = [
        ("1", "Senator", "PROPN", "Entity=(1-person-new-x-cf1-2-coref"),
        ("2", "Lindqvist", "PROPN", "Entity=1)"),
        ("3", "met", "VERB", "_"),
        ("4", "Norway", "PROPN", "Entity=(2-place-new-x-cf1-1-sgl)"),
        ("5", "'s", "PART", "_"),
        ("6", "envoy", "NOUN", "_"),
        ("7", ".", "PUNCT", "_"),
    ]
    rows2 = [
        ("1", "Lindqvist", "PROPN", "Entity=(1-person-giv-x-cf1-1-coref)"),
        ("2", "said", "VERB", "_"),
        ("3", "he", "PRON", "Entity=(1-person-giv-x-cf1-1-coref)"),
        ("4", "was", "AUX", "_"),
        ("5", "pleased", "ADJ", "SpaceAfter=No"),
        ("6", ".", "PUNCT", "_"),
    ]
    lines = ["# meta::dateCreated = 2020-03-01", "# newpar", "# sent_id = d-1"]
    lines += [f"{i}\t{w}\t{w}\t{u}\t_\t_\t0\tdep\t_\t{misc}" for i, w, u, misc in rows]
    lines += ["", "# sent_id = d-2"]
    lines += [f"{i}\t{w}\t{w}\t{u}\t_\t_\t0\tdep\t_\t{misc}" for i, w, u, misc in rows2]
    (tmp_path / "dep").mkdir()
    (tmp_path / "dep" / "GUM_news_test.conllu").write_text("\n".join(lines) + "\n", encoding="utf-8")
    metrics = run_gum(tmp_path, nlp)
    assert all(0.0 <= v <= 1.0 for v in metrics.values())
    assert metrics["mention_recall"] > 0.5


def test_plover_scorer(tmp_path: Path, nlp: Any) -> None:
    import json

    from newswire.evaluate.actors import run_plover

    data = [
        {"id": "x1", "event": "ACCUSE", "text": "Kenya accused Tanzanian police of harassing traders.",
         "source": [{"actorText": "Kenya", "code": "KEN"}],
         "target": [{"actorText": "Tanzanian police", "code": "TZA"}]},
        {"id": "x2", "event": "CONSULT", "text": "NATO met Finnish officials in Brussels.",
         "source": [{"actorText": "NATO", "code": "IGO"}],
         "target": [{"actorText": "Finnish officials", "code": "FIN"}]},
    ]
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    metrics = run_plover(path, nlp)
    assert metrics["actor_coverage"] == 1.0
    assert metrics["country_accuracy"] == 1.0 and metrics["igo_accuracy"] == 1.0


def test_unattributed_forces_and_rebels_take_the_sentence_country(analyze: Any) -> None:
    text = "Government forces clashed with rebels near the border, Sudanese officials said."
    acts = actors(analyze, text)
    forces = find(acts, text, "Government forces")
    assert (forces["country"], forces["sector"]) == ("SDN", "MIL")
    rebels = find(acts, text, "rebels")
    assert (rebels["kind"], rebels["country"], rebels["sector"]) == ("group", "SDN", "REB")


def test_it_said_and_officials_from(analyze: Any) -> None:
    text = ("Hamas said it would release two hostages on Friday. Officials from the African Union "
            "welcomed the step.")
    acts = actors(analyze, text)
    hamas = find(acts, text, "Hamas")
    assert "it" in mentions(hamas, text)
    au = find(acts, text, "African Union")
    assert au["kind"] == "igo" and "Officials" in mentions(au, text)


def test_named_group_with_unknown_modifier_takes_the_context_country(analyze: Any) -> None:
    text = "The Ethiopian government accused Qemant militias of attacking a convoy."
    acts = actors(analyze, text)
    militia = find(acts, text, "Qemant")
    assert militia["kind"] == "group" and militia["country"] == "ETH"


def test_ethnic_group_takes_the_state_it_lives_in(analyze: Any) -> None:
    text = "Ethnic Hungarians in Romania staged a rally for language rights on Sunday."
    acts = actors(analyze, text)
    group = find(acts, text, "Hungarians")
    assert group["country"] == "ROU"
    text2 = "The Uzbeks of southern Kyrgyzstan asked for protection."
    group2 = find(actors(analyze, text2), text2, "Uzbeks")
    assert group2["country"] == "KGZ"


def test_people_of_their_own_country_stay_put(analyze: Any) -> None:
    text = "Hungarians voted on Sunday."
    assert find(actors(analyze, text), text, "Hungarians")["country"] == "HUN"


def test_title_of_a_country_is_not_another_countrys_leader(analyze: Any) -> None:
    text = "President Emmanuel Macron said he would call the president of Senegal on Monday."
    acts = actors(analyze, text)
    other = find(acts, text, "the president")
    assert other["country"] == "SEN"
    assert find(acts, text, "Macron")["id"] != other["id"]


def test_untitled_person_takes_country_from_of_phrase_and_apposition(analyze: Any) -> None:
    text = "Sheikh Jaber of Kuwait met the envoy on Monday."
    assert find(actors(analyze, text), text, "Jaber")["country"] == "KWT"
    text2 = "Amina Diallo, Guinea's leading women's rights campaigner, was detained."
    assert find(actors(analyze, text2), text2, "Amina Diallo")["country"] == "GIN"


def test_acronym_in_brackets_is_the_same_organisation(analyze: Any) -> None:
    text = "The National Union of Journalists (NUJ) condemned the arrests."
    acts = actors(analyze, text)
    union = find(acts, text, "National Union of Journalists")
    assert "NUJ" in mentions(union, text)
    assert len(acts) == 1


def test_local_organisation_takes_the_only_country_of_its_sentence(analyze: Any) -> None:
    text = "Zambian police raided the offices of the Lusaka Times Gazette on Friday."
    acts = actors(analyze, text)
    paper = find(acts, text, "Gazette")
    assert paper["country"] == "ZMB"
    text2 = "Ugandan police questioned staff of Amnesty International."
    ai = find(actors(analyze, text2), text2, "Amnesty")
    assert ai["country"] is None


def test_the_army_takes_a_later_country_of_its_sentence(analyze: Any) -> None:
    text = "The army said on Monday that it had killed 20 militants near the Malian border town of Gao."
    army = find(actors(analyze, text), text, "army")
    assert army["sector"] == "MIL"


def test_stance_prefixes_are_not_countries(analyze: Any) -> None:
    text = "An anti-Iran cleric and pro-Russian separatists were named in the report."
    acts = actors(analyze, text)
    assert all(a["country"] not in ("IRN", "RUS") for a in acts)


def test_group_noun_modifying_a_thing_is_the_group(analyze: Any) -> None:
    text = "Colombian troops shelled rebel positions in the jungle."
    rebels = find(actors(analyze, text), text, "rebel")
    assert (rebels["kind"], rebels["sector"], rebels["country"]) == ("group", "REB", "COL")


def test_currency_code_is_not_a_country(analyze: Any) -> None:
    text = "Former minister Alain Koffi was accused of taking US $2 million, Ivorian prosecutors said."
    acts = actors(analyze, text)
    assert all(a["country"] != "USA" for a in acts)
    assert find(acts, text, "Koffi")["country"] == "CIV"
