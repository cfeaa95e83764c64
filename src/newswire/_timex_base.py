"""Shared machinery of the TIMEX3 rules: the rule registry, the match context, helpers."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from . import _timex_lexicon as L
from ._timex_calendar import (
    NO_ANCHOR,
    Resolved,
    Tense,
    g_day,
    pick_year,
    unresolved,
)


@dataclass(frozen=True)
class Ctx:
    """What a handler knows besides the match: anchor date, tense, previous time."""

    anchor: dt.date | None
    tense: Tense
    ref: Resolved | None = None  # the last resolved date mentioned shortly before
    topic: Resolved | None = None  # the last quarter mentioned (earnings reports compare quarters)


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
        rx = re.compile(rf"(?<![\w$£€#@/])(?:{pattern})(?![\w@])", re.IGNORECASE)
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
        whole, frac = int(n), round((n - int(n)) * k)
        return f"PT{whole}{letter}{frac}{sub}" if whole else f"PT{frac}{sub}"
    if letter == "D":
        return f"PT{round(n * 24)}H"
    k2 = {"Y": ("M", 12), "Q": ("M", 3), "M": ("D", 30), "W": ("D", 7)}[letter]
    return f"P{round(n * k2[1])}{k2[0]}"


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
