"""TIMEX3 temporal expressions: find them in text and normalise them, without spaCy.

:func:`extract` finds the temporal expressions of a text (dates, times, durations,
sets) with precompiled patterns and gives each a TIMEX3 ``value`` relative to an
anchor date (the publication date) and the tense of the clause around it.
:func:`normalise` does the same for one expression. Both are pure functions: the
spaCy component :mod:`newswire.components.times` only adds tense from the parse.

Values follow TimeML/TimeBank conventions: ``2021-07-20``, ``2021-07``, ``2021-W29``,
``2021-W29-WE``, ``2021-Q3``, ``2021-H1``, ``2021-SU``, ``2021``, ``199`` (the 1990s),
``19`` (the 20th century), ``2021-07-20T22:00``, ``2021-07-20TMO``, ``P20Y``, ``PT5H``,
``PXY`` (unspecified number of years), ``PRESENT_REF``/``PAST_REF``/``FUTURE_REF``,
``XXXX-WXX-4`` (every Thursday). A range is one expression whose value is an ISO 8601
interval (``2021-07-30/2021-08-10``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from dateutil.easter import easter

from . import _timex_lexicon as L
from ._timex_calendar import (
    NO_ANCHOR,
    SEASON_OF_MONTH,
    Resolved,
    Tense,
    base_tense,
    by_unit,
    g_century,
    g_day,
    g_decade,
    g_half,
    g_month,
    g_quarter,
    g_season,
    g_week,
    g_weekend,
    g_year,
    pick_year,
    quarter_of,
    shift,
    unresolved,
    weekday_date,
)

__all__ = ["Resolved", "Timex", "extract", "normalise", "to_dict"]


@dataclass(frozen=True)
class Timex:
    """A temporal expression found in a text, with its normalisation."""

    text: str
    start: int
    end: int
    rule: str
    resolved: Resolved


@dataclass(frozen=True)
class Ctx:
    """What a handler knows besides the match: anchor date, tense, previous time."""

    anchor: dt.date | None
    tense: Tense
    ref: Resolved | None = None  # the last resolved date mentioned shortly before


Handler = Callable[[re.Match[str], Ctx], Resolved | None]


@dataclass(frozen=True)
class Rule:
    name: str
    rx: re.Pattern[str]
    handler: Handler


RULES: list[Rule] = []


def rule(name: str, pattern: str) -> Callable[[Handler], Handler]:
    """Register ``handler`` for the expressions matching ``pattern`` (case-insensitive)."""

    def deco(fn: Handler) -> Handler:
        rx = re.compile(rf"(?<![\w$£€#@/])(?:{pattern})(?![\w@])", re.I)
        RULES.append(Rule(name, rx, fn))
        return fn

    return deco


# --- small helpers -------------------------------------------------------------------------------


def _g(m: re.Match[str], name: str) -> str | None:
    """Group ``name`` lower-cased and space-normalised, or None."""
    try:
        v = m.group(name)
    except IndexError:
        return None
    return " ".join(v.lower().split()) if v else None


def _before(m: re.Match[str], n: int = 40) -> str:
    """The ``n`` characters of the text before the match, lower-cased."""
    return m.string[max(0, m.start() - n) : m.start()].lower()


def _after(m: re.Match[str], n: int = 40) -> str:
    return m.string[m.end() : m.end() + n].lower()


def _month(word: str) -> int:
    return L.MONTHS[word.lower().rstrip(".")]


def _day(word: str) -> int:
    w = word.lower()
    if w in L.ORDINALS:
        return L.ORDINALS[w]
    return int(re.sub(r"\D", "", w))


def _number(word: str) -> float | None:
    """The value of a count word ("two", "24", "twenty-four", "5 1/2"), None when vague."""
    w = " ".join(word.lower().split())
    half = 0.0
    for tail in (" 1/2", " and a half"):
        if w.endswith(tail):
            w, half = w[: -len(tail)], 0.5
    if w in L.NUMBERS:
        return L.NUMBERS[w] + half
    try:
        return float(w) + half
    except ValueError:
        pass
    parts = re.split(r"[-\s]", w)
    if len(parts) == 2 and all(p in L.NUMBERS for p in parts):
        return L.NUMBERS[parts[0]] + L.NUMBERS[parts[1]] + half
    return None


def _unit(word: str) -> str:
    w = word.lower()
    w = w[:-1] if w.endswith("s") and w[:-1] in L.UNITS else w
    return L.UNITS.get(w, w)


def duration_value(n: float | None, unit: str) -> str:
    """ISO 8601 / TIMEX3 duration: (2, "year") -> P2Y, (1.5, "hour") -> PT1H30M, None -> PXY."""
    if n is None:
        return L.VAGUE_UNIT.get(unit, "PXX")
    letter, mult, is_time = L.ISO_UNIT[unit]
    n = n * mult
    pre = "PT" if is_time else "P"
    if n == int(n):
        return f"{pre}{int(n)}{letter}"
    # fractions go down one unit: 1.5 years = P18M, 1.5 hours = PT1H30M, half a day = PT12H
    if is_time:
        sub, k = {"H": ("M", 60), "M": ("S", 60), "S": ("S", 1)}[letter]
        whole, frac = int(n), int(round((n - int(n)) * k))
        return f"PT{whole}{letter}{frac}{sub}" if whole else f"PT{frac}{sub}"
    if letter == "D":
        return f"PT{int(round(n * 24))}H"
    k2 = {"Y": ("M", 12), "Q": ("M", 3), "M": ("D", 30), "W": ("D", 7)}[letter]
    return f"P{int(round(n * k2[1]))}{k2[0]}"


def _anchored(ctx: Ctx, type_: str = "DATE") -> Resolved | None:
    """None when the context has an anchor, else the unresolved result to return."""
    return None if ctx.anchor is not None else unresolved(type_, NO_ANCHOR)


def _explicit(r: Resolved) -> Resolved:
    return replace(r, explicit_year=True)


def _with_time(r: Resolved, suffix: str) -> Resolved:
    """A day value turned into a TIME value (``2021-07-20T22:00``, ``2021-07-20TMO``)."""
    if r.value is None:
        return r.with_type("TIME")
    return replace(r, type="TIME", value=f"{r.value}T{suffix}")


def _resolve_day(ctx: Ctx, month: int, day: int, year: int | None, weekday: int | None = None) -> Resolved:
    """A (possibly year-less) calendar date; a written weekday picks among candidate years."""
    if year is not None:
        return _explicit(g_day(dt.date(year, month, day)))
    if ctx.anchor is None:
        return unresolved("DATE", "no year and no publication date to infer it")
    if weekday is not None:
        r = pick_year(ctx.anchor, None, lambda y: g_day(d) if (d := dt.date(y, month, day)).weekday() == weekday
                      else None)
        if r is not None and r.first is not None and abs((r.first - ctx.anchor).days) < 200:
            return r
    r = pick_year(ctx.anchor, ctx.tense, lambda y: g_day(dt.date(y, month, day)))
    if r is None:
        r = pick_year(ctx.anchor, None, lambda y: g_day(dt.date(y, month, day)))
    return r if r is not None else unresolved("DATE", "no valid year for this date")


# --- absolute and year-less calendar dates -------------------------------------------------------


@rule("iso_date", r"(?P<y>(?:1[6-9]|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?!\d)")
def _iso_date(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    try:
        return _explicit(g_day(dt.date(int(m["y"]), int(m["m"]), int(m["d"]))))
    except ValueError:
        return None


@rule("numeric_date", r"(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d{2})(?![\d/])")
def _numeric_date(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    if y < 100:
        y += 2000 if y < 50 else 1900
    month, day = (a, b) if a <= 12 else (b, a)  # US order unless impossible
    try:
        return _explicit(g_day(dt.date(y, month, day)))
    except ValueError:
        return None


_WD_PRE = rf"(?:(?P<wd>{L.WEEKDAY}),?\s+(?:(?:the|this\s+coming|this|next|last)\s+)?)?"
_YEAR_TAIL = rf"(?:(?:,\s*|\s+)(?:of\s+)?(?P<year>{L.YEAR}))?"


@rule("month_day", rf"{_WD_PRE}(?P<mon>{L.MONTH})\s+(?:the\s+)?(?P<day>{L.DAY}|{L.DAY_WORD})(?![-/]\d){_YEAR_TAIL}")
def _month_day(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    try:
        wd = L.WEEKDAYS[m["wd"].lower()] if m["wd"] else None
        year = int(m["year"]) if m["year"] else None
        return _resolve_day(ctx, _month(m["mon"]), _day(m["day"]), year, wd)
    except ValueError:
        return None


@rule("day_month", rf"{_WD_PRE}(?:the\s+)?(?P<day>{L.DAY}|{L.DAY_WORD})(?:\s+of)?\s+(?P<mon>{L.MONTH}){_YEAR_TAIL}")
def _day_month(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    return _month_day(m, ctx)


@rule("month_year", rf"(?P<edge>{L.EDGE})?(?P<mon>{L.MONTH})(?:\s+of|,)?\s+(?P<year>{L.YEAR})")
def _month_year(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    return _explicit(g_month(int(m["year"]), _month(m["mon"])))


@rule("month_rel_year", rf"(?P<edge>{L.EDGE})?(?P<mon>{L.MONTH})\s+(?:of\s+)?(?P<rel>this|last|next|that)\s+year")
def _month_rel_year(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    if (u := _anchored(ctx)) is not None:
        return u
    assert ctx.anchor is not None
    if _g(m, "rel") == "that":
        if ctx.ref is None or ctx.ref.first is None:
            return None
        return g_month(ctx.ref.first.year, _month(m["mon"]))
    y = ctx.anchor.year + {"this": 0, "last": -1, "next": 1}[_g(m, "rel") or "this"]
    return g_month(y, _month(m["mon"]))


_PREP_MAY = re.compile(r"(?:\b(?:in|since|until|till|by|during|from|through|of|before|after|early|late|"
                       r"mid|last|next|this|to|and|or|between|on|for)[\s-]+)$")


@rule("month", rf"(?:(?P<mod>last|next|this\s+past|this\s+coming|this|coming|past)\s+|(?P<edge>{L.EDGE}))?(?P<mon>{L.MONTH_FULL})")
def _month_alone(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    mon = _month(m["mon"])
    if mon == 5 and m["mon"] == "May" and not (m["mod"] or m["edge"]) and not _PREP_MAY.search(_before(m, 12)):
        return None  # "May" the modal verb
    if re.match(r"\s+(?:\d|[A-Z][a-z]+\s+\d)", m.string[m.end() : m.end() + 12]) and not m["mod"]:
        return None  # part of a longer date another rule reads
    if (u := _anchored(ctx)) is not None:
        return u
    assert ctx.anchor is not None
    mod = _g(m, "mod")
    build: Callable[[int], Resolved] = lambda y: g_month(y, mon)  # noqa: E731
    if mod in ("last", "past", "this past"):
        r = pick_year(ctx.anchor, None, build, strict="before")
    elif mod in ("next", "coming", "this coming"):
        r = pick_year(ctx.anchor, None, build, strict="after")
    elif mod == "this":
        r = g_month(ctx.anchor.year, mon)
    else:
        r = pick_year(ctx.anchor, ctx.tense, build)
    return r


# --- years, decades, centuries -------------------------------------------------------------------

_NOT_YEAR_AFTER = re.compile(
    r"^(?:\s*(?:%|percent|per\s*cent|gmt|utc|hours|hrs|[ap]\.?m\b)|[-\s]+(?:people|persons|troops|soldiers|"
    r"police|officers|workers|residents|employees|members|units|cars|vehicles|shares|miles|km|kilometers|"
    r"kilometres|meters|metres|feet|ft|tons|tonnes|acres|points|pounds|dollars|euros|votes|seats|homes|houses|"
    r"jobs|children|students|families|prisoners|refugees|cases|deaths|rounds|barrels|calories|yards|mph|kph|"
    r"degrees|times|copies|pages|words|rooms|beds|patients|[a-z]+-year))", re.I)
_YEAR_PREP = re.compile(r"(?:\b(?:in|since|from|until|till|by|of|before|after|during|year|the|to|and|or|"
                        r"between|around|circa|c\.|fiscal|late|early|mid)[\s-]+)$")


@rule("year", rf"(?P<pre>{L.EDGE}|(?:the\s+)?(?:fiscal|calendar|financial|tax|model|school)(?:\s+year)?\s+|FY\s?|the\s+year\s+|the\s+)?"
      rf"(?P<year>{L.YEAR})(?:(?P<poss>'s)|\s+(?P<per>period|season|fiscal\s+year|financial\s+year|budget))?")
def _year(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    y = int(m["year"])
    if _NOT_YEAR_AFTER.match(m.string[m.end() : m.end() + 20]):
        return None
    if re.search(r"(?:[$£€#]|\bno\.|\bnumber|\broute|\bflight|\bpage|\bp\.|\d[.,]?)\s*$", _before(m, 10)):
        return None
    if y < 1900 and not (m["pre"] or _YEAR_PREP.search(_before(m, 12))):
        return None
    return _explicit(g_year(y))


@rule("fy_short", r"FY\s?'?(?P<yy>\d{2})(?!\d)")
def _fy_short(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    yy = int(m["yy"])
    return _explicit(g_year(yy + (2000 if yy < 50 else 1900)))


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                 "eighties": 8, "nineties": 9}


@rule("decade", rf"(?P<edge>{L.EDGE})?(?:the\s+)?(?:(?:early|late|mid)[-\s]?)?(?:(?P<cent>1[0-9]|20)(?P<dec>\d)0'?s|"
      rf"'(?P<dec2>\d)0s|(?P<word>{'|'.join(_DECADE_WORDS)}))")
def _decade(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    if m["cent"]:
        c, d = int(m["cent"]), int(m["dec"])
        return _explicit(g_century(c) if d == 0 else g_decade(c * 10 + d))
    if m["word"] and "the" not in m.group(0).lower().split():
        return None  # "in his forties" is an age, "the forties" a decade
    d = int(m["dec2"]) if m["dec2"] else _DECADE_WORDS[m["word"].lower()]
    base = ctx.anchor.year if ctx.anchor else 1999
    c = base // 100 if (base // 100) * 100 + d * 10 <= base else base // 100 - 1
    return g_decade(c * 10 + d)


_CENT_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
             "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
             "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
             "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "twenty first": 21}


@rule("century", rf"(?P<edge>{L.EDGE})?(?:the\s+)?(?:(?P<num>\d{{1,2}})(?:st|nd|rd|th)|(?P<word>{L.alt(list(_CENT_ORD))})"
      rf"|(?P<rel>this|last|next|the\s+past|the\s+last|the\s+next|the\s+current|the\s+previous))[-\s]+century")
def _century(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    if m["rel"]:
        rel = _g(m, "rel") or ""
        if rel in ("the past", "the last", "the next"):
            return Resolved("DURATION", "P100Y")
        if (u := _anchored(ctx)) is not None:
            return u
        assert ctx.anchor is not None
        c = ctx.anchor.year // 100 + {"this": 0, "the current": 0, "last": -1, "the previous": -1, "next": 1}[rel]
        return g_century(c)
    n = int(m["num"]) if m["num"] else _CENT_ORD[_g(m, "word") or ""]
    return _explicit(g_century(n - 1))


# --- quarters, halves, seasons ------------------------------------------------------------------

_QWORD = r"first|second|third|fourth|1st|2nd|3rd|4th|final|last"


def _quarter_year(ctx: Ctx, q: int, rel: str | None) -> Resolved:
    """Quarter ``q`` whose year comes from ``rel`` (this/last/next) or the tense."""
    if (u := _anchored(ctx)) is not None:
        return u
    assert ctx.anchor is not None
    if rel in ("this", "current", "same"):
        return g_quarter(ctx.anchor.year, q)
    if rel in ("last", "previous", "prior"):
        return g_quarter(ctx.anchor.year - 1, q)
    if rel in ("next", "following"):
        return g_quarter(ctx.anchor.year + 1, q)
    r = pick_year(ctx.anchor, ctx.tense if ctx.tense != "present" else None, lambda y: g_quarter(y, q))
    return r if r is not None else g_quarter(ctx.anchor.year, q)


def _ref_quarter(ctx: Ctx) -> Resolved | None:
    """The quarter under discussion: the last quarter mentioned, else the last completed one."""
    if ctx.ref is not None and ctx.ref.precision == "quarter" and ctx.ref.value and "-Q" in ctx.ref.value:
        return ctx.ref
    if ctx.anchor is None:
        return None
    return by_unit(shift(ctx.anchor, "quarter", -1), "quarter")


@rule("quarter", rf"(?:(?P<det>the|this\s+year's|last\s+year's|next\s+year's|(?P<yposs>{L.YEAR})'s|its|their|a|his|her|our)\s+)?"
      rf"(?:(?P<ypre>{L.YEAR})\s+|(?P<qmod>year-earlier|year-ago|prior-year|comparable|comparable\s+year-ago|comparable\s+year-earlier)\s+)?"
      rf"(?:(?:fiscal|calendar)[-\s]+)?(?P<ord>{_QWORD})[-\s]+(?:(?:fiscal|calendar)[-\s]+)?quarter"
      rf"(?:\s+(?:of|in|for|ended)\s+(?:the\s+)?(?:(?:fiscal|calendar)\s+(?:year\s+)?)?(?:(?P<yof>{L.YEAR})|(?P<rel>this|last|next|the\s+previous|the\s+prior|the\s+current|the\s+same|the\s+following)\s+year)|,?\s+(?P<ycomma>{L.YEAR}))?")
def _quarter(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    word = _g(m, "ord") or ""
    det = _g(m, "det") or ""
    ystr = m["yof"] or m["ycomma"] or m["yposs"] or m["ypre"]
    if word == "last" and not ystr and not m["rel"]:
        if ctx.anchor is None:
            return unresolved("DATE", NO_ANCHOR)
        return by_unit(shift(ctx.anchor, "quarter", -1), "quarter")
    if det == "a" and not ystr:
        return None  # "a third quarter" (of something) is rarely a date
    q = L.ORDINALS[word]
    if ystr:
        return _explicit(g_quarter(int(ystr), q))
    rel = _g(m, "rel")
    if rel:
        rel = rel.replace("the ", "")
    elif det.endswith("year's"):
        rel = det.split()[0]
    r = _quarter_year(ctx, q, rel)
    if m["qmod"] and r.first is not None:
        return replace(by_unit(shift(r.first, "year", -1), "quarter"), derived=True)
    return r


@rule("q_code", rf"(?:(?P<q>Q[1-4])(?:\s*[-/]?\s*(?P<y>{L.YEAR}|'\d\d))?|(?P<y2>{L.YEAR})\s*-?\s*(?P<q2>Q[1-4])|(?P<q3>[1-4])Q(?P<y3>\d\d))")
def _q_code(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    q = int((m["q"] or m["q2"] or "Q" + (m["q3"] or "1"))[1])
    ys = m["y"] or m["y2"] or m["y3"]
    if ys:
        y = int(ys.strip("'"))
        if y < 100:
            y += 2000 if y < 50 else 1900
        return _explicit(g_quarter(y, q))
    return _quarter_year(ctx, q, None)


@rule("rel_quarter", rf"(?P<rel>the\s+latest|the\s+current|this|last|next|the\s+previous|the\s+past|the\s+coming|"
      rf"the\s+most\s+recent|the\s+year-earlier|the\s+year-ago|the\s+prior-year|the\s+year-before|the\s+same|"
      r"the\s+comparable|the\s+comparable\s+year-ago|the\s+comparable\s+year-earlier|the\s+(?P<y>{L.YEAR})|the|that)\s+(?:(?:fiscal|calendar)\s+)?quarter(?!\s+(?:of|century|mile|point|percent))")
def _rel_quarter(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    rel = (_g(m, "rel") or "").replace("the ", "").replace("comparable ", "")
    if ctx.anchor is None:
        return unresolved("DATE", NO_ANCHOR)
    cur = by_unit(ctx.anchor, "quarter")
    prev = by_unit(shift(ctx.anchor, "quarter", -1), "quarter")
    if rel in ("current", "this"):
        return cur
    if rel in ("last", "previous", "past"):
        return prev
    if rel in ("next", "coming"):
        return by_unit(shift(ctx.anchor, "quarter", 1), "quarter")
    if rel in ("latest", "most recent"):
        return prev
    if rel in ("year-earlier", "year-ago", "prior-year", "year-before", "same", "comparable"):
        ref = _ref_quarter(ctx) or prev
        assert ref.first is not None
        return replace(by_unit(shift(ref.first, "year", -1), "quarter"), derived=True)
    if m["y"]:
        ref = _ref_quarter(ctx) or prev
        assert ref.first is not None
        return replace(g_quarter(int(m["y"]), quarter_of(ref.first)), derived=True)
    if rel == "that":
        return ctx.ref if ctx.ref is not None and ctx.ref.precision == "quarter" else None
    # "the quarter": the one under discussion (past) or the current one
    if base_tense(ctx.tense) in ("present", "future"):
        return cur
    return _ref_quarter(ctx) or prev


@rule("half", rf"(?:the\s+)?(?P<h>first|second|1st|2nd|latter)\s+half(?:\s+of\s+(?:(?P<y>{L.YEAR})|(?P<rel>this|last|next)\s+year|(?P<the>the|this)\s+year))?")
def _half(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    after = _after(m, 20)
    if not (m["y"] or m["rel"] or m["the"]) and re.match(r"\s+of\b", after):
        return None  # "the first half of the game/century"
    h = 1 if (_g(m, "h") or "") in ("first", "1st") else 2
    if m["y"]:
        return _explicit(g_half(int(m["y"]), h))
    if (u := _anchored(ctx)) is not None:
        return u
    assert ctx.anchor is not None
    rel = _g(m, "rel")
    if rel:
        return g_half(ctx.anchor.year + {"this": 0, "last": -1, "next": 1}[rel], h)
    if m["the"]:
        return g_half(ctx.anchor.year, h)
    return pick_year(ctx.anchor, ctx.tense if ctx.tense != "present" else None, lambda y: g_half(y, h))


_SEASON_PREP = re.compile(r"\b(?:in|during|over|since|until|till|by|through|throughout|this|last|next|"
                          r"early|late|mid|the|of|before|after|for)[\s-]+$")


@rule("season", rf"(?:(?P<mod>last|next|this\s+past|this\s+coming|this|coming|past|the|early|late|mid-?|(?:the\s+)?(?:early|late|mid-?))\s*)?"
      rf"(?P<s>{L.SEASON})(?:\s+(?:of\s+)?(?P<y>{L.YEAR})|\s+(?P<rel>this|last|next)\s+year)?")
def _season(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    code = L.SEASON_CODES[(_g(m, "s") or "").strip()]
    mod = (_g(m, "mod") or "").strip()
    if m["y"]:
        return _explicit(g_season(int(m["y"]), code))
    if m["s"][0].isupper() and not mod and not m["rel"] and m.start() > 0 and not m.string[: m.start()].rstrip().endswith((".", "\n")):
        return None  # a name: "Operation Winter Storm"
    if not mod and not m["rel"] and not _SEASON_PREP.search(_before(m, 14)):
        return None  # "prices fall"
    if mod == "the" and re.match(r"\s+of\b", _after(m, 6)):
        return None  # "the fall of the Berlin Wall"
    if mod == "the" and re.match(r"\s+[a-z]+(?:ed|ing|s)?\b", _after(m, 12)) and not re.match(
            r"\s+(?:and|or|of|when|as|to|before|after|but|because|,)\b", _after(m, 12)):
        if re.match(r"\s+(?:collection|season|session|term|months|olympics|games|line|fashion|wheat|crop|storm|palace)", _after(m, 14)):
            return None
    if (u := _anchored(ctx)) is not None:
        return u
    assert ctx.anchor is not None
    build: Callable[[int], Resolved] = lambda y: g_season(y, code)  # noqa: E731
    winter = lambda y: g_season(y - 1, code)  # noqa: E731  (winter of year y starts the December before)
    if m["rel"]:
        y = ctx.anchor.year + {"this": 0, "last": -1, "next": 1}[_g(m, "rel") or "this"]
        return g_season(y, code)
    if mod in ("last", "past", "this past"):
        return pick_year(ctx.anchor, None, build, strict="before")
    if mod in ("next", "coming", "this coming"):
        return pick_year(ctx.anchor, None, build, strict="after")
    if mod == "this":
        cur = SEASON_OF_MONTH[ctx.anchor.month]
        if cur == code:
            y = ctx.anchor.year if not (code == "WI" and ctx.anchor.month < 12) else ctx.anchor.year - 1
            return g_season(y, code)
        return pick_year(ctx.anchor, None, build if code != "WI" else winter)
    return pick_year(ctx.anchor, ctx.tense if ctx.tense != "present" else None, build)


# --- weekdays, today/yesterday, parts of the day --------------------------------------------------


@rule("weekday", rf"(?:(?P<mod>last|next|this\s+coming|this\s+past|this|coming|past|early|late|earlier|later|"
      rf"(?:earlier|later|early|late)\s+on|the\s+following|the\s+previous|the\s+next)\s+)?(?P<wd>{L.WEEKDAY})(?:'s)?"
      rf"(?:,?\s+(?P<part>{L.PART})|\s+(?P<edge>(?:early|late)\s+(?:morning|afternoon|evening|night)))?")
def _weekday(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    if (u := _anchored(ctx, "TIME" if m["part"] else "DATE")) is not None:
        return u
    assert ctx.anchor is not None
    mod = _g(m, "mod")
    mod = {"this past": "last", "the previous": "last", "the following": "next", "the next": "next"}.get(mod or "", mod)
    wd = L.WEEKDAYS[m["wd"].lower()]
    r = g_day(weekday_date(ctx.anchor, wd, mod, ctx.tense))
    part = _g(m, "part") or ((_g(m, "edge") or "").split() or [None])[-1]
    if part:
        return _with_time(r, L.PARTS[part])
    return r


_DEICTIC = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
            "the day after tomorrow": 2}


@rule("deictic", r"(?:(?P<pre>earlier|later|early|late)\s+)?(?:(?P<part0>(?:mid-?)?(?:morning|afternoon|evening|night))\s+)?"
      r"(?P<w>today|tonight|yesterday|tomorrow|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow)(?:'s)?"
      rf"(?:,?\s+(?P<part>{L.PART}))?")
def _deictic(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    w = _g(m, "w") or ""
    if w == "today" and re.search(r"\busa\s+$|\b(?:the\s+)?(?:today|nbc)\s+show", _before(m, 6) + w + _after(m, 6)):
        return None  # the newspaper / the TV show
    part = _g(m, "part") or _g(m, "part0") or ("night" if w == "tonight" else None)
    if (u := _anchored(ctx, "TIME" if part else "DATE")) is not None:
        return u
    assert ctx.anchor is not None
    r = g_day(ctx.anchor + dt.timedelta(days=_DEICTIC[w]))
    if part:
        return _with_time(r, L.PARTS[part.replace("mid-", "").replace("mid", "")])
    return r


@rule("part_of_day", rf"(?:(?P<pre>earlier|later|early|late)\s+)?(?P<rel>this|last|tomorrow|yesterday)\s+(?P<part>{L.PART})")
def _part_of_day(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    rel = _g(m, "rel")
    part = _g(m, "part") or "morning"
    if (u := _anchored(ctx, "TIME")) is not None:
        return u
    assert ctx.anchor is not None
    delta = {"this": 0, "tomorrow": 1, "yesterday": -1, "last": -1 if part == "night" else 0}[rel or "this"]
    if rel == "last" and part != "night":
        return None  # "last morning" is not idiomatic
    return _with_time(g_day(ctx.anchor + dt.timedelta(days=delta)), L.PARTS[part])


# --- clock times ---------------------------------------------------------------------------------

_TIME_DATE = (rf"(?:(?:,\s*|\s+)(?:on\s+)?(?:(?P<wd>{L.WEEKDAY})|(?P<deic>today|yesterday|tomorrow|tonight)|"
              rf"(?P<mon>{L.MONTH})\s+(?P<day>{L.DAY})))?")
_TIME_MOD = r"(?:(?P<amod>around|about|at\s+about|approximately|shortly\s+(?:before|after)|just\s+(?:before|after))\s+)?"


def _time_date(m: re.Match[str], ctx: Ctx) -> Resolved:
    """The day a clock time belongs to: a written weekday/date, else the anchor."""
    if m["wd"]:
        assert ctx.anchor is not None
        return g_day(weekday_date(ctx.anchor, L.WEEKDAYS[m["wd"].lower()], None, ctx.tense))
    if m["deic"]:
        assert ctx.anchor is not None
        return g_day(ctx.anchor + dt.timedelta(days=_DEICTIC[(_g(m, "deic") or "today")]))
    if m["mon"]:
        return _resolve_day(ctx, _month(m["mon"]), _day(m["day"]), None)
    assert ctx.anchor is not None
    return g_day(ctx.anchor)


def _clock(m: re.Match[str], ctx: Ctx, hour: int, minute: int) -> Resolved | None:
    if not (0 <= hour <= 24 and 0 <= minute < 60):
        return None
    if ctx.anchor is None:
        if m["mon"] or not (m["wd"] or m["deic"]):
            return Resolved("TIME", f"T{hour:02d}:{minute:02d}", note=None) if not m["mon"] else unresolved("TIME", NO_ANCHOR)
        return unresolved("TIME", NO_ANCHOR)
    day = _time_date(m, ctx)
    if day.value is None:
        return day.with_type("TIME")
    return _with_time(replace(day, value=day.value[:10]), f"{hour:02d}:{minute:02d}")


@rule("clock_ampm", rf"{_TIME_MOD}(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>[ap]\.\s?m\.?|[ap]m\b|o'clock)"
      rf"(?:\s+(?P<tz>{L.TZ}))?{_TIME_DATE}")
def _clock_ampm(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    h, mi = int(m["h"]), int(m["mi"] or 0)
    ap = (_g(m, "ap") or "").replace(".", "").replace(" ", "")
    if ap.startswith("p") and h < 12:
        h += 12
    elif ap.startswith("a") and h == 12:
        h = 0
    return _clock(m, ctx, h, mi)


@rule("clock_24", rf"{_TIME_MOD}(?P<h>[01]?\d|2[0-3])(?::(?P<mi>[0-5]\d)\s*(?P<tz>{L.TZ}|h\b|hrs|hours)?|(?P<mi2>[0-5]\d)\s+(?P<tz2>GMT|UTC|hrs|hours|local\s+time))"
      rf"{_TIME_DATE}")
def _clock_24(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    if m["mi"] and not m["tz"] and not m["amod"] and not re.search(r"\b(?:at|by|around|until|till|from|before|after|since)\s+$", _before(m, 10)):
        return None  # "3:2", scores, ratios
    return _clock(m, ctx, int(m["h"]), int(m["mi"] or m["mi2"]))


@rule("clock_word", rf"{_TIME_MOD}(?:(?P<wd0>{L.WEEKDAY})\s+)?(?P<w>noon|midnight|midday){_TIME_DATE}")
def _clock_word(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    w = _g(m, "w")
    h = 24 if w == "midnight" else 12
    if m["wd0"] and not m["wd"]:
        if ctx.anchor is None:
            return unresolved("TIME", NO_ANCHOR)
        day = g_day(weekday_date(ctx.anchor, L.WEEKDAYS[m["wd0"].lower()], None, ctx.tense))
        return _with_time(day, f"{h:02d}:00")
    return _clock(m, ctx, h, 0)


@rule("clock_part", rf"(?P<h>1[0-2]|0?[1-9])(?:\s+o'clock)?\s+in\s+the\s+(?P<part>morning|afternoon|evening)")
def _clock_part(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    h = int(m["h"]) + (12 if _g(m, "part") in ("afternoon", "evening") and int(m["h"]) < 12 else 0)
    if ctx.anchor is None:
        return unresolved("TIME", NO_ANCHOR)
    return _with_time(g_day(ctx.anchor), f"{h:02d}:00")


# --- relative units: last week, this month, next year, the weekend -------------------------------


@rule("rel_unit", rf"(?P<edge>{L.EDGE})?(?P<mod>last|this|next|past|previous|coming|current|the\s+past|the\s+last|the\s+previous|"
      r"the\s+coming|the\s+current|the\s+next|the\s+following|the\s+same|this\s+past|this\s+coming|earlier\s+this|"
      r"later\s+this|(?:early|late|mid-?)\s*(?:this|next|last)|(?:earlier|later)\s+that|that|the)\s+"
      r"(?P<unit>week|weekend|month|year|decade)(?!-)(?P<poss>'s)?")
def _rel_unit(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    mod = _g(m, "mod") or ""
    unit = (_g(m, "unit") or "").strip()
    edge = m["edge"]
    if mod == "the" and not edge and unit != "weekend":
        if m["poss"] and unit == "year":  # "the year's biggest ..."
            pass
        else:
            return None  # "the year", "the week": too often not a date
    words = mod.split()
    key = words[-1]
    if mod in ("the past", "the last", "past", "the next", "the coming") and unit != "weekend" and not edge:
        if unit == "week" and mod in ("past",):
            pass
        else:
            return Resolved("DURATION", duration_value(1, unit))
    if mod in ("the following", "the previous") and ctx.ref is not None and ctx.ref.first is not None:
        step = 1 if key == "following" else -1
        return replace(by_unit(shift(ctx.ref.first, unit, step), unit), derived=True)
    if key in ("that", "same"):
        if ctx.ref is None or ctx.ref.first is None:
            return None if key == "same" else unresolved("DATE", "anaphoric: no earlier date to refer to")
        return by_unit(ctx.ref.first, unit)
    if (u := _anchored(ctx)) is not None:
        return u
    assert ctx.anchor is not None
    a = ctx.anchor
    if unit == "weekend":
        sat = a + dt.timedelta(days=5 - a.weekday())  # this ISO week's Saturday
        if key in ("last", "past", "previous"):
            d = sat if a.weekday() == 6 and mod in ("this past",) else sat - dt.timedelta(days=7)
            if a.weekday() >= 5 and mod == "last":
                d = sat - dt.timedelta(days=7)
        elif key in ("next", "coming", "following"):
            d = sat if a.weekday() < 5 else sat + dt.timedelta(days=7)
            if mod == "next" and a.weekday() < 5:
                d = sat  # "next weekend" on a weekday: the coming one
        elif a.weekday() >= 5:
            d = sat
        elif base_tense(ctx.tense) == "future" or key == "this":
            d = sat
        else:
            d = sat - dt.timedelta(days=7)
        return g_weekend(d)
    offset = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "following": 1}.get(key, 0)
    return by_unit(shift(a, unit, offset), unit)


# --- durations and shifts: two weeks, 20 years, a year ago ---------------------------------------

_AGE_AFTER = re.compile(r"^(?:[-\s]+old\b|-olds?\b)", re.I)


@rule("shift", rf"(?:(?P<dm>{L.DUR_MOD})\s+)?(?P<num>{L.NUM})[-\s]+(?P<unit>{L.UNIT})s?\s+(?:(?P<rel>ago|from\s+now|hence)|(?P<rel2>earlier|previously|back)(?!\s+(?:the|a|an|this|his|her|its|their|that|he|she|it|they|we|i|you|in|on|at|to)\b))")
def _shift(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    rel = _g(m, "rel") or _g(m, "rel2") or ""
    unit = _unit(m["unit"])
    n = _number(m["num"])
    if unit in ("second", "minute", "hour") or unit not in L.ISO_UNIT:
        if rel not in ("ago", "from now", "hence"):
            return Resolved("DURATION", duration_value(n, unit))
        if ctx.anchor is None:
            return unresolved("TIME", NO_ANCHOR)
        return g_day(ctx.anchor).with_type("TIME")
    if n is None:
        return Resolved("DATE", "PAST_REF" if rel in ("ago", "earlier", "previously", "back", "before", "prior")
                        else "FUTURE_REF")
    if n != int(n):
        return Resolved("DURATION", duration_value(n, unit))
    sign = 1 if rel in ("from now", "hence") else -1
    if (u := _anchored(ctx)) is not None:
        return u
    assert ctx.anchor is not None
    base = ctx.anchor
    gran = {"decade": "year", "century": "year", "millennium": "year", "fortnight": "week",
            "weekend": "week"}.get(unit, unit)
    if rel == "earlier" and ctx.ref is not None and ctx.ref.first is not None:
        if ctx.ref.precision == "quarter" and unit == "year":
            return replace(by_unit(shift(ctx.ref.first, "year", sign * int(n)), "quarter"), derived=True)
        if ctx.ref.precision == "day" and unit in ("day", "week"):
            return replace(by_unit(shift(ctx.ref.first, unit, sign * int(n)), gran), derived=True)
    elif rel == "ago" and unit == "year" and n == 1 and ctx.ref is not None and ctx.ref.precision == "quarter" and ctx.ref.first is not None:
        return replace(by_unit(shift(ctx.ref.first, "year", -1), "quarter"), derived=True)
    u2 = {"fortnight": "week"}.get(unit, unit)
    k = int(n) * (2 if unit == "fortnight" else 1)
    return by_unit(shift(base, u2 if u2 in ("day", "week", "month", "quarter", "year", "decade", "century") else "year",
                         sign * k), gran)


@rule("duration", rf"(?:(?P<dm>{L.DUR_MOD}|the)\s+)?(?P<num>{L.NUM})(?:\s+(?:to|or|-|–)\s+(?P<num2>{L.NUM}))?(?:\s+more)?[-\s]+(?P<unit>{L.UNIT})s?(?P<andhalf>\s+and\s+a\s+half)?")
def _duration(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    if _AGE_AFTER.match(_after(m, 8)):
        return None
    num = _g(m, "num") or ""
    unit = _unit(m["unit"])
    if unit == "weekend" or re.match(r"^[-\s]+(?:quarter|half)\b", _after(m, 10)):
        return None
    if re.fullmatch(r"\d{4}", num) and unit in ("second", "quarter", "minute", "day", "week", "month"):
        return None
    if num in ("a", "an") and unit in ("second", "quarter") and not re.match(r"\s*(?:or|and)\b", _after(m, 6)):
        return None  # "a second term", "a quarter of"
    if num in ("a", "an") and re.search(r"(?:\bonce|\btwice|\bthrice|\btimes)\s*$", _before(m, 12)):
        return None  # frequency: the SET rule reads it
    if num in ("some",) and unit in ("day", "time"):
        return None
    if re.match(r"^\s*(?:mile|meter|metre|yard|foot|feet|inch|point|kilo|km|%)", _after(m, 6)) or (
            m["unit"].lower() in ("min", "sec", "hr", "yr") and not re.match(r"\d", num)):
        return None
    if num in ("recent",):
        return Resolved("DATE", "PAST_REF")
    n = None if (m["num2"] or num in L.VAGUE) else _number(num)
    if m["num2"] and _number(num) is not None:
        n = None
    if m["andhalf"] and n is not None:
        n += 0.5
    return Resolved("DURATION", duration_value(n, unit))


@rule("vague_units", r"(?:(?P<pre>for|over|within|in|after|take|took|takes|lasted|lasting|spent|spend)\s+)(?P<t>(?P<unit>hours|days|weeks|months|years|decades|centuries))(?!\s+(?:of|to|ago|earlier|later|old)\b)")
def _vague_units(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    return Resolved("DURATION", duration_value(None, _unit(m["unit"])))


# --- sets: daily, every Thursday, twice a year ---------------------------------------------------

_ADVERB_SET = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W", "fortnightly": "P2W",
               "monthly": "P1M", "bimonthly": "P2M", "quarterly": "P1Q", "annually": "P1Y", "yearly": "P1Y",
               "hourly": "PT1H", "semiannually": "P6M", "semi-annually": "P6M", "biannually": "P6M"}


@rule("set_adverb", r"(?-i:daily|nightly|weekly|biweekly|fortnightly|monthly|bimonthly|quarterly|annually|yearly|hourly|semi-?annually|biannually)")
def _set_adverb(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    nxt = re.match(r"^\s+([a-z]+)", _after(m, 20))
    if nxt and nxt.group(1) not in ("and", "or", "to", "in", "on", "at", "for", "from", "by", "since", "until",
                                    "through", "with", "as", "than", "but", "during", "over", "basis"):
        return None  # an adjective: "a daily newspaper", "the quarterly dividend"
    return Resolved("SET", _ADVERB_SET[m.group(0).lower()])


@rule("set_every", rf"(?P<freq>(?:once|twice|thrice|(?:\d+|{L.alt([w for w in L.NUMBERS if ' ' not in w and w not in ('a', 'an')])}|several|many)\s+times)\s+)?"
      rf"(?P<q>every|each|per|a|an)\s+(?:(?P<other>other)\s+)?(?:(?P<num>{L.NUM})\s+)?(?:(?P<unit>{L.UNIT})s?|(?P<wd>{L.WEEKDAY})(?:\s+(?P<part>{L.PART}))?|(?P<part2>morning|afternoon|evening|night))")
def _set_every(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    q = _g(m, "q")
    if q in ("a", "an") and not m["freq"]:
        return None  # "$5 million a year" is a rate, not a time
    if q in ("a", "an") and m["num"]:
        return None
    if m["wd"]:
        n = L.WEEKDAYS[m["wd"].lower()] + 1
        part = _g(m, "part")
        return Resolved("SET", f"XXXX-WXX-{n}" + (f"T{L.PARTS[part]}" if part else ""))
    if m["part2"]:
        return Resolved("SET", f"XXXX-XX-XXT{L.PARTS[_g(m, 'part2') or 'morning']}")
    unit = _unit(m["unit"])
    if unit == "weekend":
        return Resolved("SET", "XXXX-WXX-WE")
    n = _number(m["num"]) if m["num"] else 1.0
    if m["other"]:
        n = (n or 1) * 2
    if n is None:
        return None
    return Resolved("SET", duration_value(n, unit))


@rule("set_weekdays", rf"(?-i:(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s)(?:\s+(?P<part>mornings|afternoons|evenings|nights))?")
def _set_weekdays(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    n = L.WEEKDAYS[m["wd"].lower()] + 1
    part = _g(m, "part")
    return Resolved("SET", f"XXXX-WXX-{n}" + (f"T{L.PARTS[part[:-1]]}" if part else ""))


# --- PRESENT_REF, PAST_REF, FUTURE_REF ----------------------------------------------------------

_REFS = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "just now": "PRESENT_REF", "currently": "PRESENT_REF",
    "presently": "PRESENT_REF", "at present": "PRESENT_REF", "nowadays": "PRESENT_REF",
    "these days": "PRESENT_REF", "the present": "PRESENT_REF", "the moment": "PRESENT_REF",
    "this time": "PRESENT_REF", "the present time": "PRESENT_REF", "the time being": "PRESENT_REF",
    "recently": "PAST_REF", "lately": "PAST_REF", "previously": "PAST_REF", "formerly": "PAST_REF",
    "the past": "PAST_REF", "the recent past": "PAST_REF", "long ago": "PAST_REF", "once": "PAST_REF",
    "a while ago": "PAST_REF", "some time ago": "PAST_REF", "years ago": "PAST_REF", "decades ago": "PAST_REF",
    "the future": "FUTURE_REF", "the near future": "FUTURE_REF", "the foreseeable future": "FUTURE_REF",
    "the distant future": "FUTURE_REF", "the immediate future": "FUTURE_REF", "soon": "FUTURE_REF",
    "the short term": "FUTURE_REF", "the long term": "FUTURE_REF", "the medium term": "FUTURE_REF",
    "the near term": "FUTURE_REF", "a later date": "FUTURE_REF", "someday": "FUTURE_REF",
    "some day": "FUTURE_REF", "one day": "FUTURE_REF",
}
_REFS.update({"current": "PRESENT_REF", "recent": "PAST_REF"})
#: Words TimeBank-style corpora mostly leave unmarked (adverbs of sequence rather than times).
_REF_SKIP = ("once", "one day", "the moment", "this time", "previously", "soon", "formerly")
_REF_WORDS = [w for w in _REFS if w not in _REF_SKIP]


@rule("ref", rf"(?P<w>{L.alt(_REF_WORDS)}|(?<=at\s)the\s+moment|(?<=at\s)this\s+time|(?<=for\s)the\s+moment)(?![-'])")
def _ref(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    w = _g(m, "w") or ""
    if w == "now" and re.match(r"^\s*(?:that|than)\b", _after(m, 8)):
        return None  # "now that", conjunction
    if w in ("current", "recent") and not re.match(r"^\s+[a-z]", _after(m, 3)):
        return None  # only as a modifier: "current prices", "recent fighting"
    if w in ("current", "recent") and re.match(
            r"^\s+(?:years?|months?|weeks?|days?|quarters?|decades?|period|times|past|history|account|events?)\b",
            _after(m, 12)):
        return None  # read by the other rules ("recent years", "the current quarter") or not a time
    if w == "the past" and re.match(r"^\s+(?:\d|few|several|two|three|four|five|six|seven|eight|nine|ten|week|month|year|decade)", _after(m, 10)):
        return None  # part of a longer expression the other rules read
    return Resolved("DATE", _REFS[w])


# --- holidays ------------------------------------------------------------------------------------


def _nth_weekday(y: int, month: int, weekday: int, n: int) -> dt.date:
    """The ``n``-th ``weekday`` of a month (n = -1: the last one)."""
    if n > 0:
        d = dt.date(y, month, 1)
        d += dt.timedelta(days=(weekday - d.weekday()) % 7)
        return d + dt.timedelta(weeks=n - 1)
    d = dt.date(y, month, 1) + dt.timedelta(days=31)
    d = d.replace(day=1) - dt.timedelta(days=1)
    return d - dt.timedelta(days=(d.weekday() - weekday) % 7)


_HOLIDAYS: dict[str, Callable[[int], dt.date]] = {
    "christmas": lambda y: dt.date(y, 12, 25), "christmas day": lambda y: dt.date(y, 12, 25),
    "christmas eve": lambda y: dt.date(y, 12, 24), "new year's day": lambda y: dt.date(y, 1, 1),
    "new year's eve": lambda y: dt.date(y, 12, 31), "new year's": lambda y: dt.date(y, 1, 1),
    "boxing day": lambda y: dt.date(y, 12, 26), "halloween": lambda y: dt.date(y, 10, 31),
    "valentine's day": lambda y: dt.date(y, 2, 14), "independence day": lambda y: dt.date(y, 7, 4),
    "the fourth of july": lambda y: dt.date(y, 7, 4), "bastille day": lambda y: dt.date(y, 7, 14),
    "veterans day": lambda y: dt.date(y, 11, 11), "armistice day": lambda y: dt.date(y, 11, 11),
    "may day": lambda y: dt.date(y, 5, 1),
    "thanksgiving": lambda y: _nth_weekday(y, 11, 3, 4), "thanksgiving day": lambda y: _nth_weekday(y, 11, 3, 4),
    "labor day": lambda y: _nth_weekday(y, 9, 0, 1), "memorial day": lambda y: _nth_weekday(y, 5, 0, -1),
    "martin luther king day": lambda y: _nth_weekday(y, 1, 0, 3),
    "presidents day": lambda y: _nth_weekday(y, 2, 0, 3), "presidents' day": lambda y: _nth_weekday(y, 2, 0, 3),
    "columbus day": lambda y: _nth_weekday(y, 10, 0, 2),
    "easter": easter, "easter sunday": easter, "easter monday": lambda y: easter(y) + dt.timedelta(days=1),
    "good friday": lambda y: easter(y) - dt.timedelta(days=2),
}


@rule("holiday", rf"(?:(?P<mod>last|next|this)\s+)?(?-i:(?P<h>Christmas(?:\s+(?:Day|Eve))?|New\s+Year's(?:\s+(?:Day|Eve))?|"
      rf"Thanksgiving(?:\s+Day)?|Easter(?:\s+(?:Sunday|Monday))?|Good\s+Friday|Independence\s+Day|the\s+Fourth\s+of\s+July|"
      rf"Labor\s+Day|Memorial\s+Day|Veterans\s+Day|Armistice\s+Day|Halloween|Valentine's\s+Day|Boxing\s+Day|Bastille\s+Day|"
      rf"Martin\s+Luther\s+King(?:\s+Jr\.?)?\s+Day|Presidents'?\s+Day|Columbus\s+Day))(?:,?\s+(?P<y>{L.YEAR}))?")
def _holiday(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    key = re.sub(r"\s+jr\.?", "", _g(m, "h") or "")
    fn = _HOLIDAYS[key]
    if re.match(r"^\s+(?:Island|Tree|Carol|Party|Card|Shopping|Rising|Offensive)", m.string[m.end() : m.end() + 12]):
        return None
    if m["y"]:
        return _explicit(g_day(fn(int(m["y"]))))
    if (u := _anchored(ctx)) is not None:
        return u
    assert ctx.anchor is not None
    mod = _g(m, "mod")
    strict = {"last": "before", "next": "after"}.get(mod or "")
    return pick_year(ctx.anchor, ctx.tense if ctx.tense != "present" else None, lambda y: g_day(fn(y)), strict=strict)


@rule("the_year", r"(?P<w>the\s+(?:(?:fiscal|full|financial|calendar|current|entire|whole)\s+){0,2}year)(?!['-])")
def _the_year(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    after = _after(m, 16)
    if re.match(r"^\s+(?:ended|ending|ends|to|through)\b", after) or "entire" in m.group(0) or "whole" in m.group(0):
        return Resolved("DURATION", "P1Y")
    if re.match(r"^\s+(?:before|after|earlier|later|of|in|when|that|which|he|she|they|it)\b", after):
        return None  # anaphoric: "the year before", "the year of the flood"
    if (u := _anchored(ctx)) is not None:
        return u
    assert ctx.anchor is not None
    return g_year(ctx.anchor.year)


@rule("latest_period", r"the\s+(?:latest|most\s+recent|current)\s+(?:period|reporting\s+period)")
def _latest_period(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    if (u := _anchored(ctx)) is not None:
        return u
    assert ctx.anchor is not None
    if "current" in m.group(0).lower():
        return by_unit(ctx.anchor, "quarter")
    return by_unit(shift(ctx.anchor, "quarter", -1), "quarter")


# --- year-end, year-earlier ---------------------------------------------------------------------


@rule("year_edge", r"(?P<w>year-end|year\s+end|year's\s+end|month-end|month's\s+end|end-of-year|(?:the\s+)?(?:year-earlier|year-ago|prior-year)(?:\s+(?:period|level|figure|results|quarter))?)")
def _year_edge(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    w = _g(m, "w") or ""
    if (u := _anchored(ctx)) is not None:
        return u
    assert ctx.anchor is not None
    if w.startswith("month"):
        return by_unit(ctx.anchor, "month")
    if "earlier" in w or "ago" in w or "prior" in w:
        ref = ctx.ref if ctx.ref is not None and ctx.ref.precision == "quarter" else None
        if ref is not None and ref.first is not None:
            return replace(by_unit(shift(ref.first, "year", -1), "quarter"), derived=True)
        return replace(g_year(ctx.anchor.year - 1), derived=True)
    if ctx.ref is not None and ctx.ref.precision == "year" and ctx.ref.explicit_year and ctx.ref.first is not None:
        return g_year(ctx.ref.first.year)
    return g_year(ctx.anchor.year)


# --- the engine ----------------------------------------------------------------------------------

_RANGE_GAP = re.compile(r"^\s*(?:-|–|—|to|through|thru|until|till|and)\s*$", re.I)
_RANGE_OPEN = re.compile(r"\b(?:from|between)\s+$", re.I)


@rule("day_range", rf"(?:(?P<open>from|between)\s+)?(?P<t>(?:(?P<mon>{L.MONTH})\s+(?P<day>{L.DAY})\s*(?P<conj>-|–|—|to|through|until|and)\s*(?P<day2>{L.DAY})"
      rf"|(?P<day_b>{L.DAY})\s*(?P<conj_b>-|–|—|to|and)\s*(?P<day2_b>{L.DAY})\s+(?P<mon_b>{L.MONTH})){_YEAR_TAIL})")
def _day_range(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    mon = m["mon"] or m["mon_b"]
    d1, d2 = int(re.sub(r"\D", "", m["day"] or m["day_b"])), int(re.sub(r"\D", "", m["day2"] or m["day2_b"]))
    conj = (_g(m, "conj") or _g(m, "conj_b") or "").strip()
    if conj == "and" and _g(m, "open") != "between":
        return None
    if d2 <= d1:
        return None
    if re.match(r"^\s*(?:[ap]\.?m|%|percent|:)", _after(m, 6)):
        return None
    first = _resolve_day(ctx, _month(mon), d1, int(m["year"]) if m["year"] else None)
    if first.first is None:
        return first
    try:
        last = first.first.replace(day=d2)
    except ValueError:
        return None
    return Resolved("DATE", f"{first.first.isoformat()}/{last.isoformat()}", first.first, last, "day",
                    explicit_year=first.explicit_year)


def _span(m: re.Match[str]) -> tuple[int, int]:
    if "t" in m.re.groupindex and m.group("t") is not None:
        return m.span("t")
    return m.span()


def _candidates(text: str) -> list[tuple[int, int, int, Rule, re.Match[str]]]:
    out = []
    for prio, r in enumerate(RULES):
        for m in r.rx.finditer(text):
            s, e = _span(m)
            if e > s:
                out.append((s, e, prio, r, m))
    return out


def _merge_ranges(text: str, items: list[Timex]) -> list[Timex]:
    """Join "July 30-August 10", "from March to May", "between 1990 and 1995" into one range."""
    out: list[Timex] = []
    i = 0
    while i < len(items):
        a = items[i]
        if i + 1 < len(items):
            b = items[i + 1]
            ra, rb = a.resolved, b.resolved
            gap = text[a.end : b.start]
            opened = _RANGE_OPEN.search(text[max(0, a.start - 9) : a.start])
            conj = gap.strip().lower()
            ok_conj = bool(_RANGE_GAP.match(gap)) and (opened is not None or conj in ("-", "–", "—", "through", "thru")
                                                      or (conj in ("to", "until", "till") and ra.precision == "day"))
            if conj == "and" and (opened is None or "between" not in opened.group(0).lower()):
                ok_conj = False
            if (ok_conj and ra.type == rb.type == "DATE" and ra.first and rb.first and ra.last and rb.last
                    and ra.precision == rb.precision and ra.precision in ("day", "month", "year", "quarter", "week")
                    and "/" not in (ra.value or "") + (rb.value or "")):
                if not ra.explicit_year and rb.explicit_year and ra.precision in ("day", "month"):
                    try:
                        first = ra.first.replace(year=rb.first.year)
                        if first > rb.first:
                            first = first.replace(year=first.year - 1)
                        ra = g_day(first) if ra.precision == "day" else g_month(first.year, first.month)
                    except ValueError:
                        pass
                assert ra.first is not None and ra.last is not None
                if rb.first < ra.first and not rb.explicit_year and rb.precision in ("day", "month"):
                    try:
                        f2 = rb.first.replace(year=rb.first.year + 1)
                        rb = g_day(f2) if rb.precision == "day" else g_month(f2.year, f2.month)
                    except ValueError:
                        pass
                assert rb.first is not None and rb.last is not None
                if ra.first <= rb.first:
                    res = Resolved("DATE", f"{ra.value}/{rb.value}", ra.first, rb.last, ra.precision,
                                   explicit_year=ra.explicit_year or rb.explicit_year)
                    out.append(Timex(text[a.start : b.end], a.start, b.end, "range", res))
                    i += 2
                    continue
        out.append(a)
        i += 1
    return out


TenseAt = Callable[[int, int], Tense]


def extract(text: str, anchor: dt.date | None, tense: Tense | TenseAt = None, *, ranges: bool = True) -> list[Timex]:
    """All temporal expressions in ``text``, normalised against ``anchor``.

    ``tense`` is a fixed tense ("past", "present", "future") or a function
    ``(start, end) -> tense`` giving the tense of the clause around each expression.
    ``ranges`` joins adjacent dates into one range expression.
    """
    tense_at: TenseAt = tense if callable(tense) else (lambda s, e: tense)  # type: ignore[assignment,return-value]
    probe = Ctx(anchor, None)
    cands = []
    for s, e, prio, r, m in _candidates(text):
        if r.handler(m, probe) is not None:
            cands.append((s, e, prio, r, m))
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    taken: list[tuple[int, int, Rule, re.Match[str]]] = []
    for s, e, _prio, r, m in cands:
        if all(e <= ts or s >= te for ts, te, _r, _m in taken):
            taken.append((s, e, r, m))
    taken.sort(key=lambda t: t[0])
    items: list[Timex] = []
    last_ref: tuple[int, Resolved] | None = None
    for s, e, r, m in taken:
        ref = last_ref[1] if last_ref is not None and s - last_ref[0] < 400 else None
        res = r.handler(m, Ctx(anchor, tense_at(s, e), ref))
        if res is None:
            continue
        items.append(Timex(text[s:e], s, e, r.name, res))
        if (res.type == "DATE" and res.first is not None and not res.derived
                and res.precision in ("day", "week", "month", "quarter", "year")):
            last_ref = (e, res)
    return _merge_ranges(text, items) if ranges else items


def normalise(expression: str, anchor: dt.date | None, tense: Tense = None) -> Resolved | None:
    """Normalise one temporal expression (the whole string must be one), or None if it is not one."""
    text = " ".join(expression.split())
    for r in RULES:
        m = r.rx.fullmatch(text)
        if m is not None:
            res = r.handler(m, Ctx(anchor, tense))
            if res is not None:
                return res
    found = extract(text, anchor, tense)
    if len(found) == 1 and found[0].end - found[0].start >= len(text) - 6:
        return found[0].resolved
    return None


def to_dict(t: Timex) -> dict[str, object]:
    """The record ``times[]`` dict of a found expression."""
    r = t.resolved
    return {
        "text": t.text,
        "start": t.start,
        "end": t.end,
        "type": r.type,
        "value": r.value,
        "interval": ({"start": r.first.isoformat(), "end": r.last.isoformat()}
                     if r.first is not None and r.last is not None else None),
        "precision": r.precision,
        "note": r.note if r.value is None else None,
    }
