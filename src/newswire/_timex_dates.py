"""TIMEX3 rules for calendar expressions: dates, months, years, decades, quarters, seasons."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import replace

from . import _timex_lexicon as L
from ._timex_base import (
    Ctx,
    _after,
    _anchored,
    _before,
    _day,
    _explicit,
    _g,
    _month,
    _resolve_day,
    fold,
    reported_quarter,
    rule,
)
from ._timex_calendar import (
    NO_ANCHOR,
    SEASON_OF_MONTH,
    Resolved,
    base_tense,
    by_unit,
    g_century,
    g_day,
    g_decade,
    g_half,
    g_month,
    g_quarter,
    g_season,
    g_year,
    pick_year,
    quarter_of,
    shift,
    unresolved,
)

# --- absolute and year-less calendar dates -------------------------------------------------------


@rule("iso_date", r"(?P<y>(?:1[6-9]|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?!\d)",
      triggers="#Y")
def _iso_date(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    try:
        return _explicit(g_day(dt.date(int(m["y"]), int(m["m"]), int(m["d"]))))
    except ValueError:
        return None


@rule("numeric_date", r"(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d{2})(?![\d/])",
      triggers="#D")
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


@rule("month_day", rf"{_WD_PRE}(?P<mon>{L.MONTH})\s+(?:the\s+)?(?P<day>{L.DAY}|{L.DAY_WORD})(?![-/]\d){_YEAR_TAIL}",
      triggers=L.MONTH_TRIGGERS)
def _month_day(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    try:
        wd = L.WEEKDAYS[m["wd"].lower()] if m["wd"] else None
        year = int(m["year"]) if m["year"] else None
        return _resolve_day(ctx, _month(m["mon"]), _day(m["day"]), year, wd)
    except ValueError:
        return None


@rule("day_month", rf"{_WD_PRE}(?:the\s+)?(?P<day>{L.DAY}|{L.DAY_WORD})(?:\s+of)?\s+(?P<mon>{L.MONTH}){_YEAR_TAIL}",
      triggers=L.MONTH_TRIGGERS)
def _day_month(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    return _month_day(m, ctx)


@rule("month_year", rf"(?P<edge>{L.EDGE})?(?P<mon>{L.MONTH})(?:\s+of|,)?\s+(?P<year>{L.YEAR})",
      triggers=L.MONTH_TRIGGERS)
def _month_year(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    return _explicit(g_month(int(m["year"]), _month(m["mon"])))


@rule("month_rel_year", rf"(?P<edge>{L.EDGE})?(?P<mon>{L.MONTH})\s+(?:of\s+)?(?P<rel>this|last|next|that)\s+year",
      triggers=L.MONTH_TRIGGERS)
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


@rule("month", rf"(?:(?P<mod>last|next|this\s+past|this\s+coming|this|coming|past)\s+|(?P<edge>{L.EDGE}))?(?P<mon>{L.MONTH_FULL})",
      triggers=L.MONTH_TRIGGERS)
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
    build: Callable[[int], Resolved] = lambda y: g_month(y, mon)
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
    r"degrees|times|copies|pages|words|rooms|beds|patients|[a-z]+-year))", re.IGNORECASE)
_YEAR_PREP = re.compile(r"(?:\b(?:in|since|from|until|till|by|of|before|after|during|year|the|to|and|or|"
                        r"between|around|circa|fiscal|late|early|mid)[\s-]+)$")


@rule("year", rf"(?P<pre>{L.EDGE}|(?:the\s+)?(?:fiscal|calendar|financial|tax|model|school)(?:\s+year)?\s+|FY\s?|the\s+year\s+|"
      rf"the\s+(?={L.YEAR}\s+(?:period|season|fiscal|financial|budget)))?"
      rf"(?P<year>{L.YEAR})(?:(?P<poss>'s)|\s+(?P<per>period|season|fiscal\s+year|financial\s+year|budget))?",
      triggers="#Y")
def _year(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    y = int(m["year"])
    if _NOT_YEAR_AFTER.match(m.string[m.end() : m.end() + 20]) or re.match(r"\(\w{1,3}\)", _after(m, 5)):
        return None  # "1,995 people", "50 U.S.C. 1622(d)"
    if re.search(r"(?:[$£€#]|\bno\.|\bnumber|\broute|\bflight|\bpage|\bp\.|\d[.,]?)\s*$", _before(m, 10)):
        return None
    if y < 1900 and not (m["pre"] or _YEAR_PREP.search(_before(m, 12))):
        return None
    q = reported_quarter(ctx, m) if _g(m, "per") == "period" else None
    if q is not None and q.first is not None:
        # "the 1988 period" in a quarterly report: that quarter of 1988
        return replace(_explicit(g_quarter(y, quarter_of(q.first))), derived=True)
    return _explicit(g_year(y))


_TENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
         "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
         "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_ONES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
_TWO_DIGITS = rf"(?:(?:{'|'.join(_TENS)})(?:[-\s](?:{'|'.join(_ONES)}))?|oh[-\s](?:{'|'.join(_ONES)}))"


def _spelled(words: str) -> int:
    total = 0
    for w in re.split(r"[-\s]+", fold(words)):
        total += _TENS.get(w, 0) + _ONES.get(w, 0)
    return total


@rule("spelled_year", rf"(?:(?P<mon>{L.MONTH})\s+|(?P<pre>the\s+year|(?:the\s+)?(?:spring|summer|fall|autumn|winter)\s+of)\s+)?"
      rf"(?:(?P<c>nineteen|eighteen)\s+(?:hundred\s+(?:and\s+)?)?(?P<yy>{_TWO_DIGITS})|two\s+thousand(?:\s+(?:and\s+)?(?P<y2k>{_TWO_DIGITS}|{'|'.join(_ONES)}))?)",
      triggers="nineteen eighteen thousand")
def _spelled_year(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    if m["c"]:
        y = (19 if _g(m, "c") == "nineteen" else 18) * 100 + _spelled(m["yy"])
    else:
        if not (m["pre"] or m["mon"] or m["y2k"]) and not _YEAR_PREP.search(_before(m, 12)):
            return None  # "two thousand people"
        y = 2000 + (_spelled(m["y2k"]) if m["y2k"] else 0)
    if re.match(r"^\s+(?:people|dollars|troops|years|of)\b", _after(m, 10)):
        return None
    if m["mon"]:
        return _explicit(g_month(y, _month(m["mon"])))
    pre = _g(m, "pre") or ""
    for word, code in L.SEASON_CODES.items():
        if word in pre:
            return _explicit(g_season(y, code))
    return _explicit(g_year(y))


@rule("fy_short", r"FY\s?'?(?P<yy>\d{2})(?!\d)",
      triggers="fy")
def _fy_short(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    yy = int(m["yy"])
    return _explicit(g_year(yy + (2000 if yy < 50 else 1900)))


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                 "eighties": 8, "nineties": 9}


@rule("decade", rf"(?P<edge>{L.EDGE})?(?:the\s+)?(?:(?:early|late|mid)[-\s]?)?(?:(?P<cent>1[0-9]|20)(?P<dec>\d)0'?s|"
      rf"'(?P<dec2>\d)0s|(?P<word>{'|'.join(_DECADE_WORDS)}))",
      triggers=f"#D0 {' '.join(_DECADE_WORDS)}")
def _decade(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    if m["cent"]:
        c, d = int(m["cent"]), int(m["dec"])
        return _explicit(g_century(c) if d == 0 else g_decade(c * 10 + d))
    if m["word"] and "the" not in m.group(0).lower().split():
        return None  # "in his forties" is an age, "the forties" a decade
    d = int(m["dec2"]) if m["dec2"] else _DECADE_WORDS[fold(m["word"])]
    base = ctx.anchor.year if ctx.anchor else 1999
    c = base // 100 if (base // 100) * 100 + d * 10 <= base else base // 100 - 1
    return g_decade(c * 10 + d)


_CENT_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
             "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
             "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
             "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "twenty first": 21}


@rule("century", rf"(?P<edge>{L.EDGE})?(?:the\s+)?(?:(?P<num>\d{{1,2}})(?:st|nd|rd|th)|(?P<word>{L.alt(list(_CENT_ORD))})"
      rf"|(?P<rel>this|last|next|the\s+past|the\s+last|the\s+next|the\s+current|the\s+previous))[-\s]+century",
      triggers="century")
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
    # quarters are mostly reported once over: a future tense ("expects to report third-quarter
    # results") is weak evidence that the quarter is still to come
    tense = base_tense(ctx.tense)
    r = pick_year(ctx.anchor, {"past": "past", "future": "future?"}.get(tense or ""), lambda y: g_quarter(y, q))
    return r if r is not None else g_quarter(ctx.anchor.year, q)


def _ref_quarter(ctx: Ctx) -> Resolved | None:
    """The quarter under discussion: the last quarter mentioned, else the last completed one."""
    ref = reported_quarter(ctx)
    if ref is not None:
        return ref
    if ctx.anchor is None:
        return None
    return by_unit(shift(ctx.anchor, "quarter", -1), "quarter")


@rule("quarter", rf"(?:(?P<det>the|this\s+year's|last\s+year's|next\s+year's|(?P<yposs>{L.YEAR})'s|its|their|his|her|our)\s+)?"
      rf"(?:(?P<ypre>{L.YEAR})\s+|(?P<qmod>year-earlier|year-ago|prior-year|comparable|comparable\s+year-ago|comparable\s+year-earlier)\s+)?"
      rf"(?:(?:fiscal|calendar)[-\s]+)?(?P<ord>{_QWORD})[-\s]+(?:(?:fiscal|calendar)[-\s]+)?quarter"
      rf"(?:\s+(?:of|in|for|ended)\s+(?:the\s+)?(?:(?:fiscal|calendar)\s+(?:year\s+)?)?(?:(?P<yof>{L.YEAR})|(?P<rel>this|last|next|the\s+previous|the\s+prior|the\s+current|the\s+same|the\s+following)\s+year)|,?\s+(?P<ycomma>{L.YEAR}))?",
      triggers="quarter")
def _quarter(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    word = _g(m, "ord") or ""
    det = _g(m, "det") or ""
    ystr = m["yof"] or m["ycomma"] or m["yposs"] or m["ypre"]
    if word == "last" and not ystr and not m["rel"]:
        if ctx.anchor is None:
            return unresolved("DATE", NO_ANCHOR)
        return by_unit(shift(ctx.anchor, "quarter", -1), "quarter")
    if re.match(r"^\s+of\s+(?:a|an|the\s+(?:game|match|race|century))\b", _after(m, 24)):
        return None  # "the third quarter of the game"
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


@rule("q_code", rf"(?:(?P<q>Q[1-4])(?:\s*[-/]?\s*(?P<y>{L.YEAR}|'\d\d))?|(?P<y2>{L.YEAR})\s*-?\s*(?P<q2>Q[1-4])|(?P<q3>[1-4])Q(?P<y3>\d\d))",
      triggers="q")
def _q_code(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    q = int((m["q"] or m["q2"] or "Q" + (m["q3"] or "1"))[1])
    ys = m["y"] or m["y2"] or m["y3"]
    if ys:
        y = int(ys.strip("'"))
        if y < 100:
            y += 2000 if y < 50 else 1900
        return _explicit(g_quarter(y, q))
    return _quarter_year(ctx, q, None)


_ENDED = re.compile(rf"\s+(?:that\s+)?(?:ended|ending)\s+(?:on\s+)?(?P<mon>{L.MONTH})\s+(?P<day>[0-3]?\d)(?!\d)(?:,?\s+(?P<year>{L.YEAR}))?")


@rule("rel_quarter", rf"(?P<rel>the\s+latest|the\s+current|this|last|next|the\s+previous|the\s+past|the\s+coming|"
      rf"the\s+most\s+recent|the\s+year-earlier|the\s+year-ago|the\s+prior-year|the\s+year-before|the\s+same|"
      rf"the\s+comparable|the\s+comparable\s+year-ago|the\s+comparable\s+year-earlier|the\s+(?P<y>{L.YEAR})|the|that)\s+(?:(?:fiscal|calendar)\s+)?quarter(?!\s+(?:of|century|mile|point|percent))",
      triggers="quarter")
def _rel_quarter(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    rel = (_g(m, "rel") or "").replace("the ", "").replace("comparable ", "")
    if ctx.anchor is None:
        return unresolved("DATE", NO_ANCHOR)
    cur = by_unit(ctx.anchor, "quarter")
    prev = by_unit(shift(ctx.anchor, "quarter", -1), "quarter")
    ended = _ENDED.match(m.string, m.end())
    if ended is not None and rel in ("the", "latest", "most recent", "past", "last", "previous"):
        # "the quarter ended July 31": the three months up to that day, named by the calendar
        # quarter holding most of them (May-July: the second)
        end = _resolve_day(replace(ctx, tense="past"), _month(ended["mon"]), int(ended["day"]),
                           int(ended["year"]) if ended["year"] else None)
        if end.first is not None:
            return by_unit(end.first - dt.timedelta(days=45), "quarter")
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


@rule("half", rf"(?:the\s+)?(?P<h>first|second|1st|2nd|latter|last)\s+half(?:\s+of\s+(?:(?P<y>{L.YEAR})|(?P<rel>this|last|next)\s+year|(?P<the>the|this)\s+year))?",
      triggers="half")
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


@rule("season", rf"(?:(?P<mod>last|next|this\s+past|this\s+coming|this|coming|past|the|early|late|(?:the\s+)?(?:early|late))\s+|"
      rf"(?P<mid>(?:the\s+)?mid-?\s*))?"
      rf"(?P<s>{L.SEASON})(?:\s+(?:of\s+)?(?P<y>{L.YEAR})|\s+(?P<rel>this|last|next)\s+year)?",
      triggers=" ".join(L.SEASON_CODES))
def _season(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    code = L.SEASON_CODES[(_g(m, "s") or "").strip()]
    mod = (_g(m, "mod") or _g(m, "mid") or "").strip()
    if m["y"]:
        return _explicit(g_season(int(m["y"]), code))
    if m["s"][0].isupper() and not mod and not m["rel"] and m.start() > 0 and not m.string[: m.start()].rstrip().endswith((".", "\n")):
        return None  # a name: "Operation Winter Storm"
    if not mod and not m["rel"] and not _SEASON_PREP.search(_before(m, 14)):
        return None  # "prices fall"
    if mod == "the" and re.match(r"\s+of\b", _after(m, 6)):
        return None  # "the fall of the Berlin Wall"
    if mod == "the" and re.match(
            r"\s+(?:collection|season|session|term|months|olympics|games|line|fashion|wheat|crop|storm|palace)",
            _after(m, 14)):
        return None  # "the spring collection": a noun modifier, not a time
    if (u := _anchored(ctx)) is not None:
        return u
    assert ctx.anchor is not None
    build: Callable[[int], Resolved] = lambda y: g_season(y, code)
    winter = lambda y: g_season(y - 1, code)
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
