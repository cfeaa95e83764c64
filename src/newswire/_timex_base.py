"""Shared machinery of the TIMEX3 rules: the rule registry, the match context, helpers."""

from __future__ import annotations

import datetime as dt
import math
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
    """One recognition rule: its pattern, its handler and the trigger words every match contains."""

    name: str
    rx: re.Pattern[str]
    handler: Handler
    triggers: frozenset[str]


RULES: list[Rule] = []


def rule(name: str, pattern: str, triggers: str) -> Callable[[Handler], Handler]:
    """Register ``handler`` for the expressions matching ``pattern`` (case-insensitive).

    ``triggers`` lists (space-separated, lower-case) the words of which every match
    contains at least one as a whole token (see :func:`trigger_keys`); ``#D`` stands for
    any run of digits, ``#Y`` for a run of four digits, ``#D0`` for a run of two or four
    digits ending in 0. Rules only run near their triggers, so the list must be complete.
    """

    def deco(fn: Handler) -> Handler:
        rx = re.compile(rf"(?<![\w$£€#@/])(?:{pattern})(?![\w@])", re.IGNORECASE)
        RULES.append(Rule(name, rx, fn, frozenset(triggers.split())))
        _INDEX.clear()
        _TOKEN_RULES.clear()
        return fn

    return deco


# --- trigger index: which rules can match near which tokens --------------------------------------

#: Letters and digits as separate tokens ("5pm" -> "5", "pm"; "FY1990" -> "FY", "1990").
_TOKEN = re.compile(r"[^\W\d_]+|\d+")
#: Characters that the case-insensitive patterns equate with an ASCII letter but ``lower`` does not.
_FOLD = str.maketrans({"\u0131": "i", "\u0130": "i", "\u017f": "s", "\u212a": "k"})
#: Modifiers the patterns allow glued to the next word ("midsummer", "mid1990s").
_GLUE = ("mid", "early", "late")
_INDEX: dict[str, tuple[int, ...]] = {}


def fold(text: str) -> str:
    """Lower case, with the few letters that case-insensitive patterns equate with ASCII ones
    ("ſ", "ı", "İ", the Kelvin sign) mapped to them, so matched words are found in the tables."""
    return text.translate(_FOLD).lower()


def _index() -> dict[str, tuple[int, ...]]:
    """Trigger key -> indexes (in RULES) of the rules it triggers."""
    if not _INDEX:
        acc: dict[str, list[int]] = {}
        for i, r in enumerate(RULES):
            for t in r.triggers:
                acc.setdefault(t, []).append(i)
        _INDEX.update({k: tuple(v) for k, v in acc.items()})
    return _INDEX


def trigger_keys(token: str) -> list[str]:
    """The trigger keys of one token of :data:`_TOKEN` (a letter run or a digit run)."""
    if token[0].isdigit():
        keys = ["#D"]
        if len(token) == 4:
            keys.append("#Y")
        if len(token) in (2, 4) and token[-1] == "0":
            keys.append("#D0")
        return keys
    w = fold(token)
    keys = [w]
    for g in _GLUE:
        if len(w) > len(g) and w.startswith(g):
            keys.append(w[len(g) :])
    return keys


def _rules_of(token: str) -> tuple[int, ...]:
    """Indexes of the rules a token triggers (memoised: most tokens are common words)."""
    found = _TOKEN_RULES.get(token)
    if found is None:
        index = _index()
        acc: set[int] = set()
        for key in trigger_keys(token):
            acc.update(index.get(key, ()))
        found = tuple(sorted(acc))
        if len(_TOKEN_RULES) > 100_000:
            _TOKEN_RULES.clear()
        _TOKEN_RULES[token] = found
    return found


_TOKEN_RULES: dict[str, tuple[int, ...]] = {}


def rules_near(text: str, pos: int = 0, endpos: int | None = None) -> dict[int, list[tuple[int, int]]]:
    """Rule index -> spans of its trigger tokens in ``text[pos:endpos]``."""
    hits: dict[int, list[tuple[int, int]]] = {}
    end = len(text) if endpos is None else endpos
    cache = _TOKEN_RULES
    for m in _TOKEN.finditer(text, pos, end):
        token = m.group()
        rules = cache.get(token)
        if rules is None:
            rules = _rules_of(token)
        if rules:
            span = m.span()
            for i in rules:
                hits.setdefault(i, []).append(span)
    return hits


# --- small helpers -------------------------------------------------------------------------------


def _g(m: re.Match[str], name: str) -> str | None:
    """Group ``name`` lower-cased and space-normalised, or None."""
    try:
        v = m.group(name)
    except IndexError:
        return None
    return " ".join(fold(v).split()) if v else None


def _before(m: re.Match[str], n: int = 40) -> str:
    """The ``n`` characters of the text before the match, lower-cased."""
    return m.string[max(0, m.start() - n) : m.start()].lower()


def _after(m: re.Match[str], n: int = 40) -> str:
    return m.string[m.end() : m.end() + n].lower()


def _sentence_before(m: re.Match[str], n: int = 300) -> str:
    """The text of the match's sentence before it (at most ``n`` characters), lower-cased."""
    before = m.string[max(0, m.start() - n) : m.start()]
    cut = max(before.rfind(". "), before.rfind("\n"))
    return before[cut + 1 :].lower()


#: Periods longer than a quarter: "a year earlier" after "for the nine months" is the previous year.
_LONG_PERIOD = re.compile(r"\b(?:nine|six)[-\s]months?\b|\bfirst\s+half\b|\byear[-\s]to[-\s]date\b|\bfull\s+year\b")


def reported_quarter(ctx: Ctx, m: re.Match[str] | None = None) -> Resolved | None:
    """The quarter under report that "a year earlier", "the year-ago period" compare with: the
    last quarter mentioned that has ended by the publication date (the current quarter and later
    ones are forecasts, not compared with a year before); None when none is, or when the sentence is about a
    longer period ("for the nine months ..., compared with year-earlier net income")."""
    if m is not None and _LONG_PERIOD.search(_sentence_before(m)):
        return None
    for q in (ctx.ref, ctx.topic):
        if (q is not None and q.precision == "quarter" and q.value and "-Q" in q.value and q.last is not None
                and (ctx.anchor is None or q.last < ctx.anchor)):
            return q
    return None


def _month(word: str) -> int:
    return L.MONTHS[word.lower().rstrip(".")]


def _day(word: str) -> int:
    w = fold(word)
    if w in L.ORDINALS:
        return L.ORDINALS[w]
    return int(re.sub(r"\D", "", w))


def _number(word: str) -> float | None:
    """The value of a count word ("two", "24", "twenty-four", "5 1/2"), None when vague."""
    w = " ".join(fold(word).split())
    half = 0.0
    for tail in (" 1/2", " and a half"):
        if w.endswith(tail):
            w, half = w[: -len(tail)], 0.5
    if w in L.NUMBERS:
        return L.NUMBERS[w] + half
    try:
        n = float(w) + half
    except ValueError:
        pass
    else:
        return n if math.isfinite(n) else None
    parts = re.split(r"[-\s]", w)
    if len(parts) == 2 and all(p in L.NUMBERS for p in parts):
        return L.NUMBERS[parts[0]] + L.NUMBERS[parts[1]] + half
    return None


def _unit(word: str) -> str:
    w = fold(word)
    w = w[:-1] if w.endswith("s") and w[:-1] in L.UNITS else w
    return L.UNITS.get(w, w)


def duration_value(n: float | None, unit: str) -> str:
    """ISO 8601 / TIMEX3 duration: (2, "year") -> P2Y, (1.5, "hour") -> PT1H30M, (2.5, "year") -> P2Y6M,
    None -> PXY."""
    if n is None:
        return L.VAGUE_UNIT.get(unit, "PXX")
    letter, mult, is_time = L.ISO_UNIT[unit]
    n = n * mult
    pre = "PT" if is_time else "P"
    if n == int(n):
        return f"{pre}{int(n)}{letter}"
    # fractions go down one unit: 2.5 years = P2Y6M, 1.5 hours = PT1H30M, half a day = PT12H
    if is_time:
        sub, k = {"H": ("M", 60), "M": ("S", 60), "S": ("S", 1)}[letter]
        whole, frac = int(n), round((n - int(n)) * k)
        return f"PT{whole}{letter}{frac}{sub}" if whole else f"PT{frac}{sub}"
    whole = int(n)
    if letter == "D":
        hours = round((n - whole) * 24)
        return f"P{whole}DT{hours}H" if whole else f"PT{hours}H"
    sub, k = {"Y": ("M", 12), "Q": ("M", 3), "M": ("D", 30), "W": ("D", 7)}[letter]
    part = round((n - whole) * k)
    return f"P{whole}{letter}{part}{sub}" if whole else f"P{part}{sub}"


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
