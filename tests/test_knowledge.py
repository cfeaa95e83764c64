"""The knowledge files load, are consistent and cover every ISO country."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pycountry
import pytest

from newswire.errors import KnowledgeError
from newswire.knowledge import (
    KnowledgeBase,
    country_alias_forms,
    country_aliases,
    country_capitals,
    country_name,
    load_countries,
    load_knowledge,
)

SECTORS = {
    "GOV",
    "MIL",
    "COP",
    "JUD",
    "LEG",
    "REB",
    "SPY",
    "PTY",
    "JRN",
    "BUS",
    "CVL",
    "REF",
    "OPP",
    "PRM",
    "UAF",
    "UNK",
    "AGR",
    "CRM",
    "EDU",
    "ELI",
    "LAB",
    "MED",
    "PRE",
    "REL",
    "SOC",
    None,
}
KINDS = {"state", "person", "organization", "group", "media", "igo", "anonymous", "other"}


def test_every_iso_country_is_present() -> None:
    countries = load_countries()
    missing = {c.alpha_3 for c in pycountry.countries} - set(countries)
    assert not missing
    for code, c in countries.items():
        assert len(code) == 3 and code.isupper()
        assert c.name and c.names


def test_aliases_map_to_one_code() -> None:
    seen: dict[str, str] = {}
    for code, c in load_countries().items():
        for form in {f.lower() for f in (*c.names, *c.demonyms)}:
            assert seen.setdefault(form, code) == code, f"{form!r}: {seen[form]} vs {code}"


def test_country_aliases_for_places_helper() -> None:
    aliases = country_aliases()
    assert aliases["russia"] == "RUS"
    assert aliases["russian"] == "RUS"
    assert aliases["tajik"] == "TJK"
    assert aliases["uzbekistan"] == "UZB"
    assert aliases["afghan"] == "AFG"
    assert aliases["u.s."] == "USA"
    assert aliases["britain"] == "GBR"
    assert "us" not in aliases  # the pronoun
    assert all(k == k.lower() for k in aliases)
    assert country_alias_forms()["US"] == "USA"


def test_capitals_and_names() -> None:
    caps = country_capitals()
    assert caps["RUS"][0] == "Moscow"
    assert "Kabul" in caps["AFG"]
    assert country_name("USA") == "United States"
    assert country_name("XXX") is None


def test_offices_orgs_people_are_well_formed() -> None:
    kb = load_knowledge()
    assert kb.offices["title:deputy foreign minister"].sector == "GOV"
    assert kb.offices["group:troops"].sector == "MIL"
    countries = load_countries()
    for office in kb.offices.values():
        assert office.sector in SECTORS, office
    for org in kb.orgs.values():
        assert org.kind in KINDS, org
        assert org.sector in SECTORS, org
        assert org.country is None or org.country in countries, org
        assert org.aliases, org
    for person in kb.people.values():
        assert person.country is None or person.country in countries, person
        for t in person.tenures:
            assert t.sector in SECTORS
            assert t.start is None or t.end is None or t.start <= t.end, person


def test_tenures_follow_the_date() -> None:
    kb = load_knowledge()
    trump = kb.people["donald_trump"]
    assert trump.tenure_on(dt.date(2019, 6, 1)) is not None
    assert trump.tenure_on(dt.date(2022, 6, 1)) is None
    assert trump.tenure_on(dt.date(2025, 6, 1)) is not None
    biden = kb.people["joe_biden"]
    tenure = biden.tenure_on(dt.date(2021, 7, 20))
    assert tenure is not None and tenure.title == "President" and tenure.country == "USA"


def test_user_file_extends_knowledge(tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "organizations:\n"
        "  blue_dawn: {name: Blue Dawn Front, kind: group, country: MLI, sector: REB,\n"
        "              aliases: [Blue Dawn Front, Blue Dawn], nouns: [front]}\n"
        "people:\n"
        "  a_traore: {name: Aminata Traore, country: MLI, aliases: [Aminata Traore],\n"
        "             offices: [{title: Foreign Minister, start: 2020-01-01, end: null}]}\n",
        encoding="utf-8",
    )
    kb = KnowledgeBase.load([extra])
    assert kb.orgs["blue_dawn"].country == "MLI"
    assert kb.people["a_traore"].tenure_on(dt.date(2021, 1, 1)) is not None
    assert "taliban" in kb.orgs  # built-in knowledge is kept


def test_bad_user_file_is_reported(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("organizations:\n  x: {kind: group}\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="bad organization"):
        KnowledgeBase.load([bad])


def test_missing_user_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError):
        KnowledgeBase.load([tmp_path / "nope.yaml"])


def test_no_alias_names_two_entries() -> None:
    kb = load_knowledge()
    owner: dict[str, str] = {}
    for entry_id, aliases in [(o.id, o.aliases) for o in kb.orgs.values()] + [
        (p.id, p.aliases) for p in kb.people.values()
    ]:
        for alias in aliases:
            assert owner.setdefault(alias, entry_id) == entry_id, f"{alias!r}: {owner[alias]} and {entry_id}"
