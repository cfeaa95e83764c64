"""Calendar arithmetic for the TIMEX3 normaliser: granular values, intervals, year choice.

Everything here is pure (no spaCy, no regexes): a :class:`Resolved` is one normalised
expression, and the ``g_*`` helpers build one for a calendar unit (day, ISO week,
month, quarter, season, year, decade, century) with its TIMEX3 value, the first and
last day it covers and its precision.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace

from dateutil.relativedelta import relativedelta

#: "past" | "present" | "future" | None; a trailing "?" ("past?") marks weak evidence (the
#: verb governs the expression only indirectly, e.g. through a noun it modifies).
Tense = str | None


def base_tense(tense: Tense) -> str | None:
    """The tense without its strength mark."""
    return tense.rstrip("?") if tense else None

#: TIMEX3 season codes -> (first month, number of months); meteorological, northern hemisphere.
SEASONS = {"SP": (3, 3), "SU": (6, 3), "FA": (9, 3), "WI": (12, 3)}
SEASON_OF_MONTH = {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP",
                   6: "SU", 7: "SU", 8: "SU", 9: "FA", 10: "FA", 11: "FA"}


@dataclass(frozen=True)
class Resolved:
    """One normalised temporal expression (without its text offsets)."""

    type: str  # DATE | TIME | DURATION | SET
    value: str | None
    first: dt.date | None = None  # first day covered
    last: dt.date | None = None  # last day covered
    precision: str | None = None
    note: str | None = None
    explicit_year: bool = False  # the year was written, not inferred
    derived: bool = False  # computed from an earlier expression ("a year earlier")

    def with_type(self, type_: str) -> Resolved:
        """The same value with another TIMEX3 type."""
        return replace(self, type=type_)


def unresolved(type_: str, note: str) -> Resolved:
    """A recognised expression whose value cannot be computed (``note`` says why)."""
    return Resolved(type_, None, note=note)


NO_ANCHOR = "relative expression: no publication date to anchor it"


# --- granular values -----------------------------------------------------------------------------


def g_day(d: dt.date) -> Resolved:
    return Resolved("DATE", d.isoformat(), d, d, "day")


def g_week(d: dt.date) -> Resolved:
    y, w, _ = d.isocalendar()
    monday = d - dt.timedelta(days=d.weekday())
    return Resolved("DATE", f"{y:04d}-W{w:02d}", monday, monday + dt.timedelta(days=6), "week")


def g_weekend(d: dt.date) -> Resolved:
    """The weekend (Saturday-Sunday) of the ISO week containing ``d``."""
    y, w, _ = d.isocalendar()
    sat = d - dt.timedelta(days=d.weekday()) + dt.timedelta(days=5)
    return Resolved("DATE", f"{y:04d}-W{w:02d}-WE", sat, sat + dt.timedelta(days=1), "week")


def month_last(y: int, m: int) -> dt.date:
    return dt.date(y, m, 1) + relativedelta(months=1, days=-1)


def g_month(y: int, m: int) -> Resolved:
    return Resolved("DATE", f"{y:04d}-{m:02d}", dt.date(y, m, 1), month_last(y, m), "month")


def g_quarter(y: int, q: int) -> Resolved:
    first = dt.date(y, 3 * q - 2, 1)
    return Resolved("DATE", f"{y:04d}-Q{q}", first, month_last(y, 3 * q), "quarter")


def g_half(y: int, h: int) -> Resolved:
    first = dt.date(y, 6 * h - 5, 1)
    return Resolved("DATE", f"{y:04d}-H{h}", first, month_last(y, 6 * h), None)


def g_season(y: int, code: str) -> Resolved:
    """Season ``code`` (SP/SU/FA/WI) of year ``y`` (winter y = December y to February y+1)."""
    m, n = SEASONS[code]
    first = dt.date(y, m, 1)
    last = first + relativedelta(months=n, days=-1)
    return Resolved("DATE", f"{y:04d}-{code}", first, last, "quarter")


def g_year(y: int) -> Resolved:
    return Resolved("DATE", f"{y:04d}", dt.date(y, 1, 1), dt.date(y, 12, 31), "year")


def g_decade(d: int) -> Resolved:
    """Decade ``d`` = first three digits of its years (199 = the 1990s)."""
    return Resolved("DATE", f"{d:03d}", dt.date(d * 10, 1, 1), dt.date(d * 10 + 9, 12, 31), "decade")


def g_century(c: int) -> Resolved:
    """Century ``c`` = first two digits of its years (19 = 1900-1999, the 20th century)."""
    return Resolved("DATE", f"{c:02d}", dt.date(c * 100, 1, 1), dt.date(c * 100 + 99, 12, 31), "century")


def quarter_of(d: dt.date) -> int:
    return (d.month - 1) // 3 + 1


def by_unit(d: dt.date, unit: str) -> Resolved:
    """The calendar unit of granularity ``unit`` containing ``d``."""
    if unit == "day":
        return g_day(d)
    if unit == "week":
        return g_week(d)
    if unit == "weekend":
        return g_weekend(d)
    if unit == "month":
        return g_month(d.year, d.month)
    if unit == "quarter":
        return g_quarter(d.year, quarter_of(d))
    if unit == "decade":
        return g_decade(d.year // 10)
    if unit == "century":
        return g_century(d.year // 100)
    return g_year(d.year)


def shift(d: dt.date, unit: str, n: int) -> dt.date:
    """``d`` moved by ``n`` units (negative = back)."""
    if unit == "day":
        return d + dt.timedelta(days=n)
    if unit in ("week", "weekend"):
        return d + dt.timedelta(weeks=n)
    if unit == "month":
        return d + relativedelta(months=n)
    if unit == "quarter":
        return d + relativedelta(months=3 * n)
    if unit == "decade":
        return d + relativedelta(years=10 * n)
    if unit == "century":
        return d + relativedelta(years=100 * n)
    return d + relativedelta(years=n)


# --- choosing a year for year-less expressions -----------------------------------------------------


def pick_year(anchor: dt.date, tense: Tense, build: Callable[[int], Resolved | None],
              strict: str | None = None) -> Resolved | None:
    """Resolve a year-less expression (``build(year)``) to the sensible year around ``anchor``.

    The occurrence nearest the anchor wins; distances that go against the tense (into
    the future in a past-tense clause, into the past in a future one) count 10 times
    (2.5 times for weak evidence, "past?"), and without a tense distances into the
    future count 1.25 times.
    ``strict`` = "before" / "after" excludes the occurrence containing the anchor
    ("last April" in April means the previous year's).
    """
    cands: list[Resolved] = []
    for y in range(anchor.year - 4, anchor.year + 5):
        try:
            r = build(y)
        except ValueError:  # e.g. 29 February in a common year
            continue
        if r is not None and r.first is not None and r.last is not None:
            cands.append(r)
    if not cands:
        return None

    def first(r: Resolved) -> dt.date:
        assert r.first is not None
        return r.first

    def last(r: Resolved) -> dt.date:
        assert r.last is not None
        return r.last

    if strict == "before":
        past = [r for r in cands if last(r) < anchor]
        return max(past, key=first) if past else None
    if strict == "after":
        fut = [r for r in cands if first(r) > anchor]
        return min(fut, key=first) if fut else None
    # the nearest occurrence; distances against the tense count 10 times (2.5 times when the
    # evidence is weak), distances into the future without a tense 1.25 times (news mostly
    # reports what has happened)
    weight = 2.5 if tense and tense.endswith("?") else 10.0
    t = base_tense(tense)
    against_future = weight if t == "past" else 1.25 if t in (None, "present") else 1.0
    against_past = weight if t == "future" else 1.0

    def distance(r: Resolved) -> tuple[float, int]:
        if first(r) <= anchor <= last(r):
            return (0.0, 0)
        if first(r) > anchor:
            return ((first(r) - anchor).days * against_future, 1)
        return ((anchor - last(r)).days * against_past, 0)

    return min(cands, key=distance)


def weekday_date(anchor: dt.date, weekday: int, mod: str | None, tense: Tense) -> dt.date:
    """The date of ``weekday`` (0 = Monday) relative to ``anchor``.

    The anchor's own weekday means the anchor ("said Tuesday" in a Tuesday paper);
    otherwise "last"/past tense look back, "next"/future or present tense ("they meet
    Monday") look forward, and without either the past is assumed (news reports what
    happened).
    """
    back = (anchor.weekday() - weekday) % 7
    fwd = (weekday - anchor.weekday()) % 7
    tense = tense if tense is None or not tense.endswith("?") else None  # weak evidence: ignored
    if mod in ("last", "past", "previous"):
        return anchor - dt.timedelta(days=back or 7)
    if mod in ("next", "coming", "this coming", "following"):
        return anchor + dt.timedelta(days=fwd or 7)
    if back == 0:
        return anchor
    if tense in ("future", "present") or (mod == "this" and tense != "past"):
        return anchor + dt.timedelta(days=fwd)
    return anchor - dt.timedelta(days=back)
