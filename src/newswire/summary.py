"""Readable plain-text summaries of records, for people at a terminal."""

from __future__ import annotations

import re

from .record import Actor, Event, Record

__all__ = ["clean", "format_event", "summarize"]

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean(text: str | None, limit: int | None = None) -> str:
    """Text made safe for a terminal: control and bidi-override characters removed,
    whitespace collapsed, optionally shortened to ``limit`` characters."""
    if not text:
        return ""
    out = " ".join(_CONTROL.sub("", text).split())
    if limit is not None and len(out) > limit:
        out = out[: limit - 1].rstrip() + "…"
    return out


def _actor_label(actor: Actor | None) -> str:
    if actor is None:
        return "?"
    codes = "/".join(c for c in (actor.country, actor.sector) if c)
    return f"{clean(actor.name, 40)} [{codes}]" if codes else clean(actor.name, 40)


def format_event(event: Event, actors: dict[str, Actor], *, explain: bool = False) -> str:
    """One event as a line (plus an indented "why" line when ``explain``)."""
    parts = [f"{event.type}"]
    if event.mode:
        parts[0] += f"/{event.mode}"
    parts.append(_actor_label(actors.get(event.source or "")))
    parts.append("->")
    parts.append(_actor_label(actors.get(event.target or "")) if event.target else "-")
    line = " ".join(parts)
    extras: list[str] = [event.modality]
    if event.when:
        span = event.when.start or "?"
        if event.when.end and event.when.end != event.when.start:
            span += f"..{event.when.end}"
        extras.append(f"when {span} ({event.when.precision or '?'}, {event.when.anchor})")
    if event.where:
        extras.append(f"where {clean(event.where.name or event.where.text, 30)}")
    if event.magnitude:
        m = event.magnitude
        extras.append(f"{m.qualifier} {m.value:g} {m.unit}")
    if event.attributed_to:
        extras.append(f"per {_actor_label(actors.get(event.attributed_to))}")
    line += "  (" + "; ".join(extras) + ")"
    line += f'  "{clean(event.trigger.text, 40)}"'
    if explain:
        line += f"\n      why: rule {clean(event.rule)}, confidence {event.confidence:.2f}"
        line += f'\n      evidence: "{clean(event.evidence.text, 200)}"'
    return line


def summarize(record: Record, *, explain: bool = False) -> str:
    """A multi-line readable summary of one record."""
    doc = record.document
    actors = {a.id: a for a in record.actors}
    lines = [f"== {clean(doc.title) or doc.id}" + (f"  ({doc.published})" if doc.published else "")]
    if doc.source or doc.url:
        lines.append(f"   {clean(doc.source or '')} {clean(doc.url or '')}".rstrip())
    lines.append(f"Actors ({len(record.actors)}):")
    for a in record.actors:
        extra = f", {clean(a.title)}" if a.title else ""
        lines.append(f"  {a.id}  {_actor_label(a)}  {a.kind}{extra}  x{len(a.mentions)}")
    lines.append(f"Events ({len(record.events)}):")
    for e in record.events:
        lines.append(f"  {e.id}  " + format_event(e, actors, explain=explain))
    lines.append(f"Quotes ({len(record.quotes)}):")
    for q in record.quotes:
        who = _actor_label(actors.get(q.speaker or "")) if q.speaker else "?"
        lines.append(f"  {q.id}  {q.kind:8} {who}: \"{clean(q.text, 100)}\"")
    lines.append(f"Dates ({len(record.times)}):")
    for t in record.times:
        lines.append(f"  {clean(t.text, 40)!s:40} {t.type:8} {t.value or '-'}")
    lines.append(f"Places ({len(record.places)}):")
    for p in record.places:
        where = ", ".join(x for x in (clean(p.name), p.country) if x)
        gid = f" geonames:{p.geonameid}" if p.geonameid else ""
        lines.append(f"  {clean(p.text, 30)!s:30} {where}{gid}")
    for w in record.warnings:
        lines.append(f"Warning: {clean(w)}")
    return "\n".join(lines)
