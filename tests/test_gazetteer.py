"""The gazetteer index: built offline in a temp cache, versioned, atomic, safe to build twice at once."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from newswire import gazetteer as gz


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build in a fresh cache directory from two threads at once; both must get the same file."""
    cache = tmp_path_factory.mktemp("cache")
    stale = cache / "gazetteer-v0-000000000000.sqlite"
    stale.write_bytes(b"an old build")
    results: list[Path] = []
    errors: list[BaseException] = []

    def build() -> None:
        try:
            results.append(gz.build_gazetteer(cache))
        except Exception as exc:  # noqa: BLE001  (reported below)
            errors.append(exc)

    threads = [threading.Thread(target=build) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(results) == 2 and results[0] == results[1]
    assert not stale.exists(), "a new build replaces older versions"
    assert not list(cache.glob("*.tmp")), "no temporary file is left behind"
    return results[0]


@pytest.fixture(scope="module")
def gaz(built: Path) -> gz.Gazetteer:
    return gz.Gazetteer(built)


def test_cache_dir_follows_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("NEWSWIRE_CACHE", str(tmp_path / "nw"))
    assert gz.cache_dir() == tmp_path / "nw"
    monkeypatch.delenv("NEWSWIRE_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert gz.cache_dir() == tmp_path / "xdg" / "newswire"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert gz.cache_dir() == Path.home() / ".cache" / "newswire"


def test_build_is_versioned_and_indexed(built: Path, gaz: gz.Gazetteer) -> None:
    assert built.name.startswith(f"gazetteer-v{gz.SCHEMA_VERSION}-")
    stats = gaz.stats()
    assert stats["schema"] == str(gz.SCHEMA_VERSION)
    assert int(stats["places"]) > 200_000  # towns of 500+ people, countries, states, regions
    con = sqlite3.connect(built)
    indexes = {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    con.close()
    assert "alias_key" in indexes


def test_second_build_reuses_the_file(built: Path) -> None:
    before = built.stat().st_mtime_ns
    assert gz.build_gazetteer(built.parent) == built
    assert built.stat().st_mtime_ns == before


def test_ambiguous_names_have_all_candidates(gaz: gz.Gazetteer) -> None:
    paris = gaz.lookup("Paris")
    assert {(p.country, p.admin1) for p in paris} >= {("FRA", None), ("USA", "Texas")}
    assert paris[0].country == "FRA"  # most populous first
    georgia = {(p.kind, p.country) for p in gaz.lookup("Georgia")}
    assert georgia >= {("country", "GEO"), ("admin1", "USA")}
    alexandria = {(p.country, p.admin1) for p in gaz.lookup("Alexandria")}
    assert alexandria >= {("EGY", None), ("USA", "Virginia"), ("USA", "Louisiana")}


def test_aliases_abbreviations_and_accents(gaz: gz.Gazetteer) -> None:
    assert [p.name for p in gaz.lookup("U.S.")] == ["United States"]
    assert gaz.lookup("Ky.")[0].name == "Kentucky"
    assert gaz.lookup("B.C.")[0].name == "British Columbia"
    assert any(p.country == "CAN" for p in gaz.lookup("Montreal"))
    assert any(p.country == "CAN" for p in gaz.lookup("Montréal"))


def test_regions_from_the_team_file(gaz: gz.Gazetteer) -> None:
    for name, country in [
        ("the Sahel", None),
        ("Donbass", "UKR"),
        ("West Bank", "PSE"),
        ("Central Asia", None),
        ("Crimea", "UKR"),
        ("Kashmir", None),
    ]:
        hits = [p for p in gaz.lookup(name) if p.kind == "region"]
        assert hits, name
        assert hits[0].country == country
        assert hits[0].lat is not None and hits[0].lon is not None


def test_countries_and_states_have_points(gaz: gz.Gazetteer) -> None:
    for iso3 in ("USA", "FRA", "AFG", "UZB", "LUX"):
        c = gaz.country_entry(iso3)
        assert c is not None and c.lat is not None and c.feature_code == "PCLI"
    france = gaz.country_entry("FRA")
    assert france is not None and france.lat is not None and france.lon is not None
    assert gz.haversine_km(france.lat, france.lon, 46.5, 2.5) < 300
    texas = gaz.admin1_entry("US.TX")
    assert texas is not None and texas.name == "Texas" and texas.geonameid is not None


def test_capitals_are_marked(gaz: gz.Gazetteer) -> None:
    kabul = [p for p in gaz.lookup("Kabul") if p.country == "AFG"]
    assert kabul and kabul[0].feature_code == "PPLC"


def test_haversine() -> None:
    assert gz.haversine_km(0, 0, 0, 1) == pytest.approx(111.2, abs=0.5)
    assert gz.name_key("The Gambia") == "gambia"
    assert gz.name_key("São Paulo") == "sao paulo"
    assert gz.name_key("Man.") != gz.name_key("Man")


def test_transliteration_marks_and_arabic_article(gaz: gz.Gazetteer) -> None:
    # apostrophes and ayn/hamza marks do not count: "Sāmarrā’" is written "Samarra" in the news
    assert gz.name_key("Sāmarrā’") == gz.name_key("Samarra") == "samarra"
    assert gz.name_key("Sana'a") == gz.name_key("Sanaa")
    samarra = [p for p in gaz.lookup("Samarra") if p.country == "IRQ"]
    assert samarra and gaz.is_main_name("Samarra", samarra[0])
    # "Al Qāmishlī" / "El-Hodeidah": the name without the article is an alternate name
    assert gz.article_free("Al Qāmishlī") == "Qamishli"
    assert gz.article_free("El-Hodeidah") == "Hodeidah"
    assert gz.article_free("Alexandria") is None and gz.article_free("Al Ain") is None
    qamishli = gaz.lookup("Qamishli")
    assert qamishli and qamishli[0].country == "SYR" and not gaz.is_main_name("Qamishli", qamishli[0])
    assert any(p.country == "YEM" for p in gaz.lookup("Hodeidah"))
    # only where the article is Arabic: no "Paso" for El Paso
    assert not any(p.country == "USA" and p.name == "El Paso" for p in gaz.lookup("Paso"))


def test_largest_town_of_a_division_is_marked(gaz: gz.Gazetteer) -> None:
    donetsk = {p.country: p for p in gaz.lookup("Donetsk") if p.kind == "city"}
    assert donetsk["UKR"].seat and not donetsk["RUS"].seat
    assert any(p.seat for p in gaz.lookup("Kharkiv") if p.country == "UKR")
