"""Aggregates over events: counts per period, the cooperation/conflict balance of two actors,
the actor network and events per country. SQLAlchemy Core, bound parameters only."""

from __future__ import annotations

import datetime as _dt
from collections import Counter
from typing import Any

from sqlalchemy import Connection, and_, func, or_

from .filters import EventFilter, FilterError
from .queries import _actor_key, _actor_match, _apply, _ev, _event_base, _src, _tgt
from .scores import event_score

__all__ = ["GROUPS", "INTERVALS", "balance", "event_counts", "map_countries", "network", "period"]

INTERVALS = ("day", "week", "month", "year")
GROUPS = ("type", "quad", "modality", "none")


def period(date: str, interval: str) -> str:
    """The period a YYYY-MM-DD date falls in: the day itself, the Monday of its ISO week,
    the first of its month, or the first of its year (always YYYY-MM-DD)."""
    if interval == "day":
        return date
    d = _dt.date.fromisoformat(date)
    if interval == "week":
        return (d - _dt.timedelta(days=d.weekday())).isoformat()
    if interval == "month":
        return d.replace(day=1).isoformat()
    if interval == "year":
        return d.replace(month=1, day=1).isoformat()
    raise FilterError(f"interval must be one of {', '.join(INTERVALS)}, got {interval!r}")


def event_counts(conn: Connection, f: EventFilter, *, interval: str = "day", by: str = "type") -> list[dict[str, Any]]:
    """Events per period (by their start date) and per group: ``[{period, key, count}]``, sorted.

    Undated events are left out. ``by`` is ``type``, ``quad``, ``modality`` or ``none``.
    """
    if interval not in INTERVALS:
        raise FilterError(f"interval must be one of {', '.join(INTERVALS)}, got {interval!r}")
    if by not in GROUPS:
        raise FilterError(f"by must be one of {', '.join(GROUPS)}, got {by!r}")
    group = [_ev.c.date_start] + ([] if by == "none" else [getattr(_ev.c, by)])
    q = _apply(_event_base([*group, func.count(_ev.c.id).label("n")]), f)
    q = q.where(_ev.c.date_start.is_not(None)).group_by(*group)
    counts: Counter[tuple[str, str]] = Counter()
    for row in conn.execute(q):
        key = "all" if by == "none" else str(row[1])
        counts[(period(row[0], interval), key)] += int(row[-1])
    return [{"period": p, "key": k, "count": n} for (p, k), n in sorted(counts.items())]


def balance(
    conn: Connection,
    a: str,
    b: str,
    f: EventFilter,
    *,
    interval: str = "month",
) -> list[dict[str, Any]]:
    """Cooperation/conflict balance between actors ``a`` and ``b`` per period.

    ``a`` and ``b`` match like the ``actor`` filter (ISO3 code or part of a name). An event counts
    when one of them is its source and the other its target. Each event weighs its PLOVER score
    (:mod:`newswire.web.scores`). Per period: ``events``, ``score`` (sum), ``mean``,
    ``a_to_b`` and ``b_to_a`` (sums per direction), ``cooperation`` and ``conflict`` (counts of
    events with positive / negative score).
    """
    if interval not in INTERVALS:
        raise FilterError(f"interval must be one of {', '.join(INTERVALS)}, got {interval!r}")
    ab = and_(_actor_match(_src, a), _actor_match(_tgt, b))
    ba = and_(_actor_match(_src, b), _actor_match(_tgt, a))
    q = _apply(
        _event_base([_ev.c.date_start, _ev.c.type, _ev.c.mode, ab.label("ab")]).where(or_(ab, ba)), f
    ).where(_ev.c.date_start.is_not(None))
    out: dict[str, dict[str, Any]] = {}
    for date, type_, mode, is_ab in conn.execute(q):
        p = period(date, interval)
        cell = out.setdefault(
            p, {"period": p, "events": 0, "score": 0.0, "a_to_b": 0.0, "b_to_a": 0.0, "cooperation": 0, "conflict": 0}
        )
        s = event_score(type_, mode)
        cell["events"] += 1
        cell["score"] += s
        cell["a_to_b" if is_ab else "b_to_a"] += s
        if s > 0:
            cell["cooperation"] += 1
        elif s < 0:
            cell["conflict"] += 1
    rows = [out[p] for p in sorted(out)]
    for row in rows:
        row["mean"] = round(row["score"] / row["events"], 3) if row["events"] else 0.0
        for k in ("score", "a_to_b", "b_to_a"):
            row[k] = round(row[k], 3)
    return rows


def network(conn: Connection, f: EventFilter, *, max_nodes: int = 60) -> dict[str, Any]:
    """Who acts on whom: nodes (actors by name and country) and directed edges with counts per quad.

    Each edge has ``count``, ``quads`` ({"1": n, ...}), ``quad`` (the most frequent quad class) and
    ``score`` (mean PLOVER score). Only the ``max_nodes`` actors with most events are kept.
    """
    q = _apply(
        _event_base(
            [
                _src.c.name.label("sn"),
                _src.c.country.label("sc"),
                _src.c.kind.label("sk"),
                _tgt.c.name.label("tn"),
                _tgt.c.country.label("tc"),
                _tgt.c.kind.label("tk"),
                _ev.c.type,
                _ev.c.mode,
                _ev.c.quad,
            ]
        ),
        f,
    ).where(_ev.c.source_actor_id.is_not(None), _ev.c.target_actor_id.is_not(None))
    nodes: dict[str, dict[str, Any]] = {}
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    for sn, sc, sk, tn, tc, tk, type_, mode, quad in conn.execute(q):
        s, tg = _actor_key(sn, sc), _actor_key(tn, tc)
        if s == tg:
            continue
        for key, name, ctry, kind in ((s, sn, sc, sk), (tg, tn, tc, tk)):
            node = nodes.setdefault(key, {"id": key, "name": name, "country": ctry, "kind": kind, "events": 0})
            node["events"] += 1
        edge = edges.setdefault(
            (s, tg), {"source": s, "target": tg, "count": 0, "quads": {"1": 0, "2": 0, "3": 0, "4": 0}, "score": 0.0}
        )
        edge["count"] += 1
        edge["quads"][str(quad)] += 1
        edge["score"] += event_score(type_, mode)
    keep = {n["id"] for n in sorted(nodes.values(), key=lambda n: (-n["events"], n["id"]))[:max_nodes]}
    out_edges = []
    for edge in edges.values():
        if edge["source"] in keep and edge["target"] in keep:
            edge["score"] = round(edge["score"] / edge["count"], 3)
            edge["quad"] = int(max(edge["quads"], key=lambda k: (edge["quads"][k], -int(k))))
            out_edges.append(edge)
    out_edges.sort(key=lambda e: (-e["count"], e["source"], e["target"]))
    return {
        "nodes": sorted((nodes[k] for k in keep), key=lambda n: (-n["events"], n["id"])),
        "edges": out_edges,
    }


def map_countries(conn: Connection, f: EventFilter) -> list[dict[str, Any]]:
    """Events per location country (ISO3 and ISO numeric, for shading a world map)."""
    q = _apply(_event_base([_ev.c.where_country, func.count(_ev.c.id)]), f)
    q = q.where(_ev.c.where_country.is_not(None)).group_by(_ev.c.where_country)
    out = []
    for iso3, n in conn.execute(q):
        out.append({"country": iso3, "numeric": _numeric(iso3), "count": int(n)})
    return sorted(out, key=lambda r: (-r["count"], r["country"]))


def _numeric(iso3: str) -> str | None:
    import pycountry

    c = pycountry.countries.get(alpha_3=iso3)
    return getattr(c, "numeric", None) if c else None
