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

The rules live in ``_timex_dates`` (calendar expressions) and ``_timex_relative``
(deictic and relative expressions, clock times, durations, sets, ranges), on the
shared machinery of ``_timex_base``; calendar arithmetic is in ``_timex_calendar``
and the word tables in ``_timex_lexicon``. Where several rules match overlapping
text, the longest match wins.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from . import _timex_dates, _timex_relative  # noqa: F401  (registers the rules, in this order)
from ._timex_base import RULES, Ctx, Rule, rules_near
from ._timex_calendar import (
    Resolved,
    Tense,
    g_day,
    g_month,
)

__all__ = ["Resolved", "Timex", "extract", "normalise", "normalise_span", "to_dict", "trim_extent"]


@dataclass(frozen=True)
class Timex:
    """A temporal expression found in a text, with its normalisation."""

    text: str
    start: int
    end: int
    rule: str
    resolved: Resolved


# --- the engine ----------------------------------------------------------------------------------

_RANGE_GAP = re.compile(r"^\s*(?:-|–|—|to|through|thru|until|till|and)\s*$", re.IGNORECASE)
_RANGE_OPEN = re.compile(r"\b(?:from|between)\s+$", re.IGNORECASE)


def _span(m: re.Match[str]) -> tuple[int, int]:
    if "t" in m.re.groupindex and m.group("t") is not None:
        return m.span("t")
    return m.span()


_ADJ_DET = re.compile(r"(?:the|its|their|his|her|our|a|an)\s+(?=[\w]+-\w+$|\d{4}\s)", re.IGNORECASE)


def trim_extent(text: str, start: int, end: int) -> tuple[int, int]:
    """TIMEX3 extent conventions: no possessive "'s", no determiner before an adjectival
    form ("its third-quarter (profit)")."""
    if text[start:end].endswith(("'s", "’s")):
        end -= 2
    m = _ADJ_DET.match(text, start, end)
    if m is not None and "-" in text[m.end() : end] and " " not in text[m.end() : end]:
        start = m.end()
    return start, end


#: How far (characters) a match may reach before the start / after the end of its trigger token.
_REACH_BEFORE = 100
_REACH_AFTER = 100


def _candidates(text: str) -> list[tuple[int, int, int, Rule, re.Match[str]]]:
    """Every rule's matches in ``text``, rule by rule (as ``finditer`` over the whole text).

    A rule only runs in the windows around its trigger tokens (one pass over the tokens
    finds them), so a text without month names never pays for the month patterns. Within
    a window the pattern is searched with ``endpos`` and each hit re-matched on the whole
    text, so lookaheads see what follows and the matches are those of a full scan (as long
    as no expression spreads over more than ``_REACH_*`` characters around its trigger).
    """
    out = []
    n = len(text)
    for prio, spans in sorted(rules_near(text).items()):
        r = RULES[prio]
        last = 0
        ws, we = -1, -1
        windows: list[tuple[int, int]] = []
        for s0, e0 in spans:
            a, b = max(0, s0 - _REACH_BEFORE), min(n, e0 + _REACH_AFTER)
            if a <= we:
                we = max(we, b)
            else:
                if we >= 0:
                    windows.append((ws, we))
                ws, we = a, b
        windows.append((ws, we))
        for ws, we in windows:
            pos = max(ws, last)
            while pos < we:
                hit = r.rx.search(text, pos, we)
                if hit is None:
                    break
                m = r.rx.match(text, hit.start())
                if m is None or m.end() == m.start():
                    pos = hit.start() + 1
                    continue
                s, e = _span(m)
                if e > s:
                    out.append((s, e, prio, r, m))
                last = pos = m.end()
    return out


def _scan(text: str) -> list[tuple[int, int, int, Rule, re.Match[str]]]:
    """What :func:`_candidates` finds, by running every pattern over the whole text (the slow
    reference, kept for tests)."""
    out = []
    for prio, r in enumerate(RULES):
        for m in r.rx.finditer(text):
            s, e = _span(m)
            if e > s:
                out.append((s, e, prio, r, m))
    return out


def _rules_for(text: str, start: int = 0, end: int | None = None) -> list[Rule]:
    """The rules whose triggers occur in ``text[start:end]``, in priority order."""
    return [RULES[i] for i in sorted(rules_near(text, start, end))]


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


def _apply(r: Rule, m: re.Match[str], ctx: Ctx) -> Resolved | None:
    """``r``'s handler on ``m``; None when the value falls outside the calendar ``datetime``
    can represent ("next year" in 9999, "yesterday" on 1 January of year 1) or, as a last
    guard for untrusted text, when a matched word is missing from a table."""
    try:
        return r.handler(m, ctx)
    except (ValueError, OverflowError, KeyError):
        return None


def extract(text: str, anchor: dt.date | None, tense: Tense | TenseAt = None, *, ranges: bool = True) -> list[Timex]:
    """All temporal expressions in ``text``, normalised against ``anchor``.

    ``tense`` is a fixed tense ("past", "present", "future") or a function
    ``(start, end) -> tense`` giving the tense of the clause around each expression.
    ``ranges`` joins adjacent dates into one range expression.
    """
    fixed: Tense = None if callable(tense) else tense
    tense_at: TenseAt = tense if callable(tense) else (lambda s, e: fixed)
    probe = Ctx(anchor, None)
    cands = []
    for s, e, prio, r, m in _candidates(text):
        if _apply(r, m, probe) is not None:
            cands.append((s, e, prio, r, m))
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    taken: list[tuple[int, int, Rule, re.Match[str]]] = []
    for s, e, _prio, r, m in cands:
        if all(e <= ts or s >= te for ts, te, _r, _m in taken):
            taken.append((s, e, r, m))
    taken.sort(key=lambda t: t[0])
    items: list[Timex] = []
    last_ref: tuple[int, Resolved] | None = None
    last_quarter: tuple[int, Resolved] | None = None
    for s, e, r, m in taken:
        ref = last_ref[1] if last_ref is not None and s - last_ref[0] < 400 else None
        topic = last_quarter[1] if last_quarter is not None and s - last_quarter[0] < 1500 else None
        res = _apply(r, m, Ctx(anchor, tense_at(s, e), ref, topic))
        if res is None:
            continue
        s, e = trim_extent(text, s, e)
        items.append(Timex(text[s:e], s, e, r.name, res))
        if (res.type == "DATE" and res.first is not None and not res.derived
                and res.precision in ("day", "week", "month", "quarter", "year")):
            last_ref = (e, res)
            if (res.precision == "quarter" and res.value and "-Q" in res.value
                    and (anchor is None or (res.last is not None and res.last < anchor))):
                last_quarter = (e, res)  # a quarter under report, not a forecast
    return _merge_ranges(text, items) if ranges else items


def normalise(expression: str, anchor: dt.date | None, tense: Tense = None) -> Resolved | None:
    """Normalise one temporal expression (the whole string must be one), or None if it is not one."""
    text = " ".join(expression.split())
    for r in _rules_for(text):
        m = r.rx.fullmatch(text)
        if m is not None:
            res = _apply(r, m, Ctx(anchor, tense))
            if res is not None:
                return res
    found = extract(text, anchor, tense)
    if len(found) == 1 and found[0].end - found[0].start >= len(text) - 6:
        return found[0].resolved
    return None


def normalise_span(text: str, start: int, end: int, anchor: dt.date | None, tense: Tense = None) -> Resolved | None:
    """Normalise ``text[start:end]`` as one expression, its context in ``text`` still visible to the rules."""
    for r in _rules_for(text, start, end):
        m = r.rx.fullmatch(text, start, end)
        if m is not None and _span(m) == (start, end):
            res = _apply(r, m, Ctx(anchor, tense))
            if res is not None:
                return res
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
