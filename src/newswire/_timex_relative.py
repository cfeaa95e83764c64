"""TIMEX3 rules for deictic and relative expressions, clock times, durations, sets, ranges."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import replace

from dateutil.easter import easter

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
    _number,
    _resolve_day,
    _unit,
    _with_time,
    duration_value,
    reported_quarter,
    rule,
)
from ._timex_calendar import (
    NO_ANCHOR,
    Resolved,
    base_tense,
    by_unit,
    g_day,
    g_week,
    g_weekend,
    g_year,
    pick_year,
    shift,
    unresolved,
    weekday_date,
)
from ._timex_dates import _YEAR_TAIL

# --- weekdays, today/yesterday, parts of the day --------------------------------------------------


@rule("weekday", rf"(?:(?P<mod>last|next|this\s+coming|this\s+past|this|coming|past|early|late|earlier|later|"
      rf"(?:earlier|later|early|late)\s+on|the\s+following|the\s+previous|the\s+next)\s+)?(?P<wd>{L.WEEKDAY})(?:'s)?"
      rf"(?:,?\s+(?P<part>{L.PART})|\s+(?P<edge>(?:early|late)\s+(?:morning|afternoon|evening|night)))?",
      triggers=L.WEEKDAY_TRIGGERS)
def _weekday(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    if (u := _anchored(ctx, "TIME" if m["part"] else "DATE")) is not None:
        return u
    assert ctx.anchor is not None
    mod = _g(m, "mod")
    wd = L.WEEKDAYS[m["wd"].lower()]
    ref = ctx.ref.first if ctx.ref is not None and ctx.ref.precision == "day" else None
    if mod in ("the previous", "the following") and ref is not None:
        # anaphoric: "down 4.5% from the previous Friday" counts from the day just mentioned
        step = (ref.weekday() - wd) % 7 or 7
        day = ref - dt.timedelta(days=step) if mod == "the previous" else ref + dt.timedelta(days=(wd - ref.weekday()) % 7 or 7)
        r = replace(g_day(day), derived=True)
    else:
        mod = {"this past": "last", "the previous": "last", "the following": "next", "the next": "next"}.get(mod or "", mod)
        r = g_day(weekday_date(ctx.anchor, wd, mod, ctx.tense))
    edge_words = (_g(m, "edge") or "").split()
    part = _g(m, "part") or (edge_words[-1] if edge_words else None)
    if part:
        return _with_time(r, L.PARTS[part])
    return r


_DEICTIC = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
            "the day after tomorrow": 2}


@rule("deictic", r"(?:(?P<pre>earlier|later|early|late)\s+)?(?:(?P<part0>(?:mid-?)?(?:morning|afternoon|evening|night))\s+)?"
      r"(?P<w>today|tonight|yesterday|tomorrow|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow)(?:'s)?"
      rf"(?:,?\s+(?P<part>{L.PART}))?",
      triggers="today tonight yesterday tomorrow")
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


@rule("part_of_day", rf"(?:(?P<pre>earlier|later|early|late)\s+)?(?P<rel>this|last|tomorrow|yesterday)\s+(?P<part>{L.PART})",
      triggers="morning afternoon evening night")
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


@rule("day_anaphora", rf"(?:(?P<pre>earlier|later|early|late)\s+)?(?:that(?:\s+same)?|the\s+same|the\s+(?P<rel>next|following|previous|preceding))\s+"
      rf"(?P<u>day|{L.PART})|the\s+(?P<u2>day|night)\s+(?P<rel2>before|after)(?!\s+(?:the|a|an|his|her|its|their|[A-Z]))",
      triggers="day night morning afternoon evening")
def _day_anaphora(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    rel = _g(m, "rel") or _g(m, "rel2")
    part = _g(m, "u") or _g(m, "u2") or "day"
    step = {"next": 1, "following": 1, "after": 1, "previous": -1, "preceding": -1, "before": -1}.get(rel or "", 0)
    if ctx.ref is None or ctx.ref.first is None or ctx.ref.precision != "day":
        return unresolved("TIME" if part != "day" else "DATE", "anaphoric: no earlier day to refer to")
    r = replace(g_day(ctx.ref.first + dt.timedelta(days=step)), derived=True)
    return _with_time(r, L.PARTS[part]) if part != "day" else r


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
            return Resolved("TIME", f"XXXX-XX-XXT{hour:02d}:{minute:02d}") if not m["mon"] else unresolved("TIME", NO_ANCHOR)
        return unresolved("TIME", NO_ANCHOR)
    day = _time_date(m, ctx)
    if day.value is None:
        return day.with_type("TIME")
    return _with_time(replace(day, value=day.value[:10]), f"{hour:02d}:{minute:02d}")


@rule("clock_ampm", rf"{_TIME_MOD}(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>[ap]\.\s?m\.?|[ap]m\b|o'clock)"
      rf"(?:\s+(?P<tz>{L.TZ}))?{_TIME_DATE}",
      triggers="am pm m clock")
def _clock_ampm(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    h, mi = int(m["h"]), int(m["mi"] or 0)
    ap = (_g(m, "ap") or "").replace(".", "").replace(" ", "")
    if ap.startswith("p") and h < 12:
        h += 12
    elif ap.startswith("a") and h == 12:
        h = 0
    return _clock(m, ctx, h, mi)


@rule("clock_24", rf"{_TIME_MOD}(?P<h>[01]?\d|2[0-3])(?::(?P<mi>[0-5]\d)\s*(?P<tz>{L.TZ}|h\b|hrs|hours)?|(?P<mi2>[0-5]\d)\s+(?P<tz2>GMT|UTC|hrs|hours|local\s+time))"
      rf"{_TIME_DATE}",
      triggers="#D")
def _clock_24(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    if m["mi"] and not m["tz"] and not m["amod"] and not re.search(r"\b(?:at|by|around|until|till|from|before|after|since)\s+$", _before(m, 10)):
        return None  # "3:2", scores, ratios
    return _clock(m, ctx, int(m["h"]), int(m["mi"] or m["mi2"]))


@rule("clock_word", rf"{_TIME_MOD}(?:(?P<wd0>{L.WEEKDAY})\s+)?(?P<w>noon|midnight|midday){_TIME_DATE}",
      triggers="noon midnight midday")
def _clock_word(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    w = _g(m, "w")
    h = 24 if w == "midnight" else 12
    if m["wd0"] and not m["wd"]:
        if ctx.anchor is None:
            return unresolved("TIME", NO_ANCHOR)
        day = g_day(weekday_date(ctx.anchor, L.WEEKDAYS[m["wd0"].lower()], None, ctx.tense))
        return _with_time(day, f"{h:02d}:00")
    return _clock(m, ctx, h, 0)


@rule("clock_part", r"(?P<h>1[0-2]|0?[1-9])(?:\s+o'clock)?\s+in\s+the\s+(?P<part>morning|afternoon|evening)",
      triggers="morning afternoon evening")
def _clock_part(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    h = int(m["h"]) + (12 if _g(m, "part") in ("afternoon", "evening") and int(m["h"]) < 12 else 0)
    if ctx.anchor is None:
        return unresolved("TIME", NO_ANCHOR)
    return _with_time(g_day(ctx.anchor), f"{h:02d}:00")


# --- relative units: last week, this month, next year, the weekend -------------------------------


@rule("rel_unit", rf"(?P<edge>{L.EDGE})?(?P<mod>last|this|next|past|previous|coming|current|the\s+past|the\s+last|the\s+previous|"
      r"the\s+coming|the\s+current|the\s+next|the\s+following|the\s+same|this\s+past|this\s+coming|earlier\s+this|"
      r"later\s+this|(?:early|late|mid-?)\s*(?:this|next|last)|(?:earlier|later)\s+that|that|the)\s+"
      r"(?P<unit>week|weekend|month|year|decade)(?!-)(?P<poss>'s)?",
      triggers="week weekend month year decade")
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
        elif a.weekday() >= 5 or base_tense(ctx.tense) == "future" or key == "this":
            d = sat
        else:
            d = sat - dt.timedelta(days=7)
        return g_weekend(d)
    offset = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "following": 1}.get(key, 0)
    return by_unit(shift(a, unit, offset), unit)


# --- durations and shifts: two weeks, 20 years, a year ago ---------------------------------------

_AGE_AFTER = re.compile(r"^(?:[-\s]+old\b|-olds?\b)", re.IGNORECASE)


@rule("shift", rf"(?:(?P<dm>{L.DUR_MOD})\s+)?(?P<num>{L.NUM})[-\s]+{L.UNIT_ADJ}(?P<unit>{L.UNIT})s?\s+(?:(?P<rel>ago|from\s+now|hence)|(?P<rel2>earlier|previously|back)(?!\s+(?:this|that|than|today|tonight|in\s+the)\b))",
      triggers=L.UNIT_TRIGGERS)
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
    quarter = reported_quarter(ctx, m) if unit == "year" else None
    if rel == "earlier" and ctx.ref is not None and ctx.ref.first is not None:
        if quarter is not None and quarter is ctx.ref and quarter.first is not None:
            return replace(by_unit(shift(quarter.first, "year", sign * int(n)), "quarter"), derived=True)
        if ctx.ref.precision == "day" and unit in ("day", "week"):
            return replace(by_unit(shift(ctx.ref.first, unit, sign * int(n)), gran), derived=True)
    if rel in ("ago", "earlier") and n == 1 and quarter is not None and quarter.first is not None:
        return replace(by_unit(shift(quarter.first, "year", -1), "quarter"), derived=True)
    u2 = {"fortnight": "week"}.get(unit, unit)
    k = int(n) * (2 if unit == "fortnight" else 1)
    return by_unit(shift(base, u2 if u2 in ("day", "week", "month", "quarter", "year", "decade", "century") else "year",
                         sign * k), gran)


#: A quantity just before "a year", "a week" (which then make a rate, not a time).
_RATE_BEFORE = re.compile(
    r"(?:[$£€]\s?\d[\d,.]*(?:\s+(?:million|billion|trillion|thousand))?|\d[\d,.]*\s*(?:%|percent|million|billion|trillion)"
    r"|\d{1,3}(?:,\d{3})+|(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|"
    r"fifty|hundred|thousand|several|many|dozens|hundreds|thousands)\s+(?:[a-z]+\s+)?[a-z]+s)\s+$")


@rule("duration", rf"(?:(?P<dm>{L.DUR_MOD}|the)\s+)?(?P<num>{L.NUM})(?:\s+(?:to|or|-|–)\s+(?P<num2>{L.NUM}))?(?:\s+more)?[-\s]+{L.UNIT_ADJ}(?P<unit>{L.UNIT})s?(?P<andhalf>\s+and\s+a\s+half)?",
      triggers=L.UNIT_TRIGGERS)
def _duration(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    if _AGE_AFTER.match(_after(m, 8)):
        return None
    num = _g(m, "num") or ""
    unit = _unit(m["unit"])
    if unit == "weekend" or re.match(r"^[-\s]+(?:quarter|half)\b", _after(m, 10)):
        return None
    if unit == "quarter" and num in ("a", "an", "one", "two", "three") and (
            re.match(r"^\s+of\b", _after(m, 5)) or re.search(r"-quarters$", m.group(0), re.IGNORECASE)):
        return None  # "three-quarters of the vote" is a fraction
    if re.fullmatch(r"\d{4}", num) and unit in ("second", "quarter", "minute", "day", "week", "month"):
        return None
    if num in ("a", "an") and unit in ("second", "quarter") and not re.match(r"\s*(?:or|and)\b", _after(m, 6)):
        return None  # "a second term", "a quarter of"
    if num in ("a", "an") and re.search(r"(?:\bonce|\btwice|\bthrice|\btimes)\s*$", _before(m, 12)):
        return None  # frequency: the SET rule reads it
    if num in ("a", "an") and not m["dm"] and _RATE_BEFORE.search(_before(m, 40)):
        return Resolved("SET", duration_value(1, unit))  # a rate: "$2 million a year", "24 hours a day"
    if num in ("some",) and unit in ("day", "time"):
        return None
    if re.match(r"^\s*(?:mile|meter|metre|yard|foot|feet|inch|point|kilo|km|%)", _after(m, 6)) or (
            m["unit"].lower() in ("min", "sec", "hr", "yr") and not re.match(r"\d", num)):
        return None
    n = None if (m["num2"] or num in L.VAGUE) else _number(num)
    if m["num2"] and _number(num) is not None:
        n = None
    if m["andhalf"] and n is not None:
        n += 0.5
    return Resolved("DURATION", duration_value(n, unit))


@rule("vague_units", r"(?:(?P<pre>for|over|within|in|after|take|took|takes|lasted|lasting|spent|spend)\s+)(?P<t>(?P<unit>hours|days|weeks|months|years|decades|centuries))(?!\s+(?:of|to|ago|earlier|later|old)\b)",
      triggers="hours days weeks months years decades centuries")
def _vague_units(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    return Resolved("DURATION", duration_value(None, _unit(m["unit"])))


@rule("long_adj", r"(?P<unit>hour|day|week|month|year|decade|century|centurie)(?P<pl>s)?-long",
      triggers="hour hours day days week weeks month months year years decade decades century centuries")
def _long_adj(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    """ "a day-long meeting" (P1D), "a decades-long battle" (PXY: decades count in years, as "two decades" = P20Y)."""
    unit = _unit(m["unit"])
    return Resolved("DURATION", duration_value(None if m["pl"] else 1, unit))


@rule("vague_span", r"(?P<ref>past|future)\s+(?P<u1>weeks|months|quarters|years|decades)(?!\s+(?:ago|of|to)\b)"
      r"|(?<=\bover\s)the\s+(?P<u2>years|decades)(?!\s+(?:of|to|ago|before|after|since)\b)"
      r"|the\s+(?P<u3>days|weeks|months|years|decades)\s+ahead",
      triggers="days weeks months quarters years decades")
def _vague_span(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    """ "past years" (PAST_REF), "future quarters" (FUTURE_REF), "over the years", "the weeks ahead"."""
    ref = _g(m, "ref")
    if ref is not None:
        if re.search(r"\bthe\s+$", _before(m, 5)):
            return None  # "the past years": the duration rules decide
        return Resolved("DATE", "PAST_REF" if ref == "past" else "FUTURE_REF")
    return Resolved("DURATION", duration_value(None, _unit(m["u2"] or m["u3"])))


# --- sets: daily, every Thursday, twice a year ---------------------------------------------------

_ADVERB_SET = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W", "fortnightly": "P2W",
               "monthly": "P1M", "bimonthly": "P2M", "quarterly": "P1Q", "annually": "P1Y", "yearly": "P1Y",
               "hourly": "PT1H", "semiannually": "P6M", "semi-annually": "P6M", "biannually": "P6M"}


@rule("set_adverb", r"(?-i:daily|nightly|weekly|biweekly|fortnightly|monthly|bimonthly|quarterly|annually|yearly|hourly|semi-?annually|biannually)",
      triggers=" ".join(_ADVERB_SET) + " semiannually")
def _set_adverb(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    nxt = re.match(r"^\s+([a-z]+)", _after(m, 20))
    if nxt and nxt.group(1) not in ("and", "or", "to", "in", "on", "at", "for", "from", "by", "since", "until",
                                    "through", "with", "as", "than", "but", "during", "over", "basis"):
        return None  # an adjective: "a daily newspaper", "the quarterly dividend"
    return Resolved("SET", _ADVERB_SET[m.group(0).lower()])


@rule("set_every", rf"(?P<freq>(?:once|twice|thrice|(?:\d+|{L.alt([w for w in L.NUMBERS if ' ' not in w and w not in ('a', 'an')])}|several|many)\s+times)\s+)?"
      rf"(?P<q>every|each|per|a|an)\s+(?:(?P<other>other)\s+)?(?:(?P<num>{L.NUM})\s+)?(?:(?P<unit>{L.UNIT})s?|(?P<mon>{L.MONTH_FULL})|(?P<wd>{L.WEEKDAY})(?:\s+(?P<part>{L.PART}))?|(?P<part2>morning|afternoon|evening|night))",
      triggers=f"{L.UNIT_TRIGGERS} {L.MONTH_TRIGGERS} {L.WEEKDAY_TRIGGERS} morning afternoon evening night")
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
    if m["mon"]:
        return Resolved("SET", f"XXXX-{_month(m['mon']):02d}")
    if m["part2"]:
        return Resolved("SET", f"XXXX-XX-XXT{L.PARTS[_g(m, 'part2') or 'morning']}")
    unit = _unit(m["unit"])
    if unit == "weekend":
        return Resolved("SET", "XXXX-WXX-WE")
    count = _number(m["num"]) if m["num"] else 1.0
    if count is None:
        return None
    if m["other"]:
        count *= 2
    return Resolved("SET", duration_value(count, unit))


@rule("set_weekdays", r"(?-i:(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s)(?:\s+(?P<part>mornings|afternoons|evenings|nights))?",
      triggers=" ".join(f"{d}s" for d in L.WEEKDAYS))
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


@rule("ref", rf"(?P<w>{L.alt(_REF_WORDS)}|(?<=at\s)the\s+moment|(?<=at\s)this\s+time|(?<=for\s)the\s+moment)(?![-'])",
      triggers=" ".join({w.split()[-1] for w in _REF_WORDS} | {"moment", "time"}))
def _ref(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    w = _g(m, "w") or ""
    if w == "now" and re.match(r"^\s*than\b", _after(m, 8)):
        return None  # "more now than ever": a comparison ("now that ..." is still the present)
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
    "election day": lambda y: _nth_weekday(y, 11, 0, 1) + dt.timedelta(days=1),  # US: Tuesday after the 1st Monday
}


@rule("holiday", rf"(?:(?P<mod>last|next|this)\s+)?(?-i:(?P<h>Christmas(?:\s+(?:Day|Eve))?|New\s+Year's(?:\s+(?:Day|Eve))?|"
      rf"Thanksgiving(?:\s+Day)?|Easter(?:\s+(?:Sunday|Monday))?|Good\s+Friday|Independence\s+Day|the\s+Fourth\s+of\s+July|"
      rf"Labor\s+Day|Memorial\s+Day|Veterans\s+Day|Armistice\s+Day|Halloween|Valentine's\s+Day|Boxing\s+Day|Bastille\s+Day|"
      rf"Martin\s+Luther\s+King(?:\s+Jr\.?)?\s+Day|Presidents'?\s+Day|Columbus\s+Day|Election\s+Day))(?:,?\s+(?P<y>{L.YEAR}))?",
      triggers="christmas year thanksgiving easter friday independence fourth labor memorial veterans armistice "
      "halloween valentine boxing bastille king presidents columbus election")
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


@rule("the_year", r"(?P<w>the\s+(?:(?:fiscal|full|financial|calendar|current|entire|whole)\s+){0,2}year)(?!['-])",
      triggers="year")
def _the_year(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    after = _after(m, 16)
    if re.match(r"^\s+(?:ended|ending|ends|to|through)\b", after) or "entire" in m.group(0) or "whole" in m.group(0):
        return Resolved("DURATION", "P1Y")
    if re.match(r"^\s+(?:before|after|earlier|later|of|in|when|he|she|they|it)\b", after):
        return None  # anaphoric: "the year before", "the year of the flood"
    if (u := _anchored(ctx)) is not None:
        return u
    assert ctx.anchor is not None
    return g_year(ctx.anchor.year)


@rule("latest_period", r"the\s+(?:latest|most\s+recent|current)\s+(?:period|reporting\s+period)",
      triggers="period")
def _latest_period(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    if (u := _anchored(ctx)) is not None:
        return u
    assert ctx.anchor is not None
    if "current" in m.group(0).lower():
        return by_unit(ctx.anchor, "quarter")
    return by_unit(shift(ctx.anchor, "quarter", -1), "quarter")


# --- year-end, year-earlier ---------------------------------------------------------------------


@rule("period_year_ago", r"(?:the\s+)?(?:(?:same|corresponding|comparable)\s+)?(?:quarter|period|three\s+months)\s+"
      r"(?:a\s+year\s+(?:ago|earlier|before)|(?:of\s+)?last\s+year|(?:of\s+)?the\s+(?:previous|prior)\s+year)"
      r"|last\s+year's\s+(?:(?:same|corresponding|comparable)\s+)?(?:quarter|period)",
      triggers="quarter period months")
def _period_year_ago(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    """ "the quarter a year ago", "the corresponding period last year": the quarter under report, a year before."""
    if (u := _anchored(ctx)) is not None:
        return u
    assert ctx.anchor is not None
    q = reported_quarter(ctx)
    first = q.first if q is not None and q.first is not None else shift(ctx.anchor, "quarter", -1)
    return replace(by_unit(shift(first, "year", -1), "quarter"), derived=True)





@rule("year_edge", r"(?P<w>year-end|year\s+end|year's\s+end|month-end|month's\s+end|end-of-year|(?:the\s+)?(?:year-earlier|year-ago|prior-year)(?:\s+(?:period|level|figure|results|quarter))?)",
      triggers="year month")
def _year_edge(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    w = _g(m, "w") or ""
    if (u := _anchored(ctx)) is not None:
        return u
    assert ctx.anchor is not None
    if w.startswith("month"):
        return by_unit(ctx.anchor, "month")
    if "earlier" in w or "ago" in w or "prior" in w:
        ref = reported_quarter(ctx, m)
        if ref is not None and ref.first is not None:
            return replace(by_unit(shift(ref.first, "year", -1), "quarter"), derived=True)
        return replace(g_year(ctx.anchor.year - 1), derived=True)
    if re.search(r"\bsince\s+$", _before(m, 8)):
        return g_year(ctx.anchor.year - 1)  # "since year-end": the last one that has passed
    if ctx.ref is not None and ctx.ref.precision == "year" and ctx.ref.explicit_year and ctx.ref.first is not None:
        return g_year(ctx.ref.first.year)
    return g_year(ctx.anchor.year)


@rule("week_of", rf"the\s+week\s+of\s+(?:(?P<mon>{L.MONTH})\s+(?P<day>{L.DAY})|(?P<day_b>{L.DAY})\s+(?P<mon_b>{L.MONTH})){_YEAR_TAIL}",
      triggers="week")
def _week_of(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    try:
        day = _resolve_day(ctx, _month(m["mon"] or m["mon_b"]), _day(m["day"] or m["day_b"]),
                           int(m["year"]) if m["year"] else None)
    except ValueError:
        return None
    if day.first is None:
        return day
    return replace(g_week(day.first), explicit_year=day.explicit_year)


@rule("day_range", rf"(?:(?P<open>from|between)\s+)?(?P<t>(?:(?P<mon>{L.MONTH})\s+(?P<day>{L.DAY})\s*(?P<conj>-|–|—|to|through|until|and)\s*(?P<day2>{L.DAY})"
      rf"|(?P<day_b>{L.DAY})\s*(?P<conj_b>-|–|—|to|and)\s*(?P<day2_b>{L.DAY})\s+(?P<mon_b>{L.MONTH})){_YEAR_TAIL})",
      triggers=L.MONTH_TRIGGERS)
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
