"""The highlighted article view: a record's text with its actors, events, quotes, dates and places.

:func:`render` gives a self-contained HTML fragment (inline CSS, no scripts) for notebooks; the
dashboard's article page uses the same segments and template. All text from the record is
HTML-escaped by Jinja2's autoescape; nothing from the record is ever marked safe.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from itertools import pairwise
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from ..record import Record

__all__ = ["Segment", "article_context", "environment", "render", "segments", "to_record"]

KINDS = ("actor", "event", "quote", "time", "place")


@dataclass
class Segment:
    """A stretch of text covered by the same set of annotations."""

    text: str
    start: int
    end: int
    classes: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    attrs: dict[str, str] = field(default_factory=dict)

    @property
    def css(self) -> str:
        """The CSS classes of the segment (``hl hl-actor hl-event ...``)."""
        return " ".join(["hl", *(f"hl-{c}" for c in self.classes)]) if self.classes else ""

    @property
    def title(self) -> str:
        """Tooltip text: one line per annotation (plain text; escaped when rendered)."""
        return "\n".join(self.notes)


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The Jinja2 environment of the web package (autoescape on for every template)."""
    env = Environment(
        loader=PackageLoader("newswire.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env


def to_record(doc_or_record: Any) -> Record:
    """A :class:`Record` from a Record, a record dict, record JSON text, or a processed spaCy Doc."""
    if isinstance(doc_or_record, Record):
        return doc_or_record
    if isinstance(doc_or_record, dict):
        return Record.from_json(doc_or_record)
    if isinstance(doc_or_record, (str, bytes)):
        return Record.from_json(doc_or_record)
    from spacy.tokens import Doc

    if isinstance(doc_or_record, Doc):
        from .._build import doc_to_record

        return doc_to_record(doc_or_record)
    raise TypeError(f"cannot render {type(doc_or_record).__name__}: pass a Record, a record dict or a Doc")


def _label(record: Record, actor_id: str | None) -> str:
    if actor_id is None:
        return "-"
    for a in record.actors:
        if a.id == actor_id:
            codes = "/".join(c for c in (a.country, a.sector) if c)
            return f"{a.name} [{codes}]" if codes else a.name
    return actor_id


def _spans(record: Record) -> list[tuple[int, int, str, str, dict[str, str]]]:
    """(start, end, kind, note, attrs) for every annotation, clipped to the text."""
    n = len(record.text)
    out: list[tuple[int, int, str, str, dict[str, str]]] = []

    def add(start: int, end: int, kind: str, note: str, attrs: dict[str, str]) -> None:
        start, end = max(0, min(start, n)), max(0, min(end, n))
        if end > start:
            out.append((start, end, kind, note, attrs))

    for a in record.actors:
        bits = [a.kind, a.country, a.sector, a.title]
        note = f"actor {a.id}: {a.name} (" + ", ".join(b for b in bits if b) + ")"
        for s, e in a.mentions:
            add(s, e, "actor", note, {"actor": a.id})
    for ev in record.events:
        when = ""
        if ev.when and (ev.when.start or ev.when.end):
            when = f" when {ev.when.start}" + (f"..{ev.when.end}" if ev.when.end and ev.when.end != ev.when.start else "")
        where = f" at {ev.where.name or ev.where.text}" if ev.where and (ev.where.name or ev.where.text) else ""
        note = (
            f"event {ev.id}: {ev.type}{'/' + ev.mode if ev.mode else ''} (quad {ev.quad}, {ev.modality}) "
            f"{_label(record, ev.source)} -> {_label(record, ev.target)}{when}{where}; "
            f"why: rule {ev.rule}, confidence {ev.confidence:.2f}; evidence: \u201c{ev.evidence.text.strip()}\u201d"
        )
        add(ev.trigger.start, ev.trigger.end, "event", note, {"event": ev.id})
    for q in record.quotes:
        note = f"quote {q.id} ({q.kind}) by {_label(record, q.speaker)}"
        add(q.start, q.end, "quote", note, {"quote": q.id})
    for i, tm in enumerate(record.times):
        note = f"time: {tm.type} {tm.value or '(unresolved)'}"
        if tm.interval and (tm.interval.start or tm.interval.end):
            note += f" [{tm.interval.start}..{tm.interval.end}]"
        add(tm.start, tm.end, "time", note, {"time": str(i)})
    for i, p in enumerate(record.places):
        bits = [p.name, p.country, p.feature_code]
        note = "place: " + ", ".join(b for b in bits if b) if any(bits) else "place (unresolved)"
        add(p.start, p.end, "place", note, {"place": str(i)})
    return out


def segments(record: Record) -> list[Segment]:
    """The record's text cut at every annotation boundary, each piece with its annotations.

    Overlapping annotations (an actor inside a quote, a trigger inside an actor name...) give
    pieces with several classes, so the HTML never needs overlapping elements.
    """
    spans = _spans(record)
    text = record.text
    cuts = sorted({0, len(text), *(s for s, *_ in spans), *(e for _, e, *_ in spans)})
    out: list[Segment] = []
    # Sweep: spans sorted by start; active set recomputed per piece (spans are few per document).
    by_start = sorted(spans, key=lambda s: (s[0], s[1]))
    active: list[tuple[int, int, str, str, dict[str, str]]] = []
    j = 0
    for a, b in pairwise(cuts):
        while j < len(by_start) and by_start[j][0] <= a:
            active.append(by_start[j])
            j += 1
        active = [s for s in active if s[1] > a]
        seg = Segment(text=text[a:b], start=a, end=b)
        for _s, _e, kind, note, attrs in active:
            if kind not in seg.classes:
                seg.classes.append(kind)
            if note not in seg.notes:
                seg.notes.append(note)
            for k, v in attrs.items():
                seg.attrs[k] = (seg.attrs[k] + " " + v) if k in seg.attrs and v not in seg.attrs[k].split() else v
        seg.classes.sort(key=KINDS.index)
        out.append(seg)
    return out


def article_context(record: Record) -> dict[str, Any]:
    """What the article template needs: the record, its pieces and lookup tables."""
    actors = {a.id: a for a in record.actors}
    return {
        "record": record,
        "segments": segments(record),
        "actors": actors,
        "label": lambda actor_id: _label(record, actor_id),
    }


@lru_cache(maxsize=1)
def _css() -> str:
    return resources.files("newswire.web").joinpath("static/style.css").read_text(encoding="utf-8")


def render(doc_or_record: Any) -> str:
    """The highlighted article view of a record (or spaCy Doc) as one self-contained HTML fragment.

    Actors, event triggers, quotes, dates and places are highlighted; hovering a piece shows what
    it is and, for events, the "why" (rule, confidence, evidence). For Jupyter:
    ``IPython.display.HTML(newswire.render(record))``.
    """
    record = to_record(doc_or_record)
    template = environment().get_template("standalone.html")
    return template.render(css=Markup(_css()), **article_context(record))


def record_json(record: Record) -> str:
    """The record as JSON for embedding in a page (escaped by the template's ``tojson``)."""
    return json.dumps(record.to_dict(), ensure_ascii=False)
