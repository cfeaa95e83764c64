"""TIMEX3 evaluation on TimeML files (TimeBank + AQUAINT, TempEval-3 style).

Each ``.tml`` file gives the document creation time (DCT, used as the publication
date) and gold ``<TIMEX3>`` spans in its ``<TEXT>``. Scores, as in TempEval-3:

- ``strict_*``: spans must match exactly; ``relaxed_*``: spans must overlap
  (each gold and system expression is matched at most once);
- ``type_accuracy`` / ``value_accuracy``: share of relaxed matches with the gold
  type / value;
- ``value_f1`` = relaxed F1 x value accuracy (the official TempEval-3 ranking figure).

``python -m newswire.evaluate.time PATH`` also prints where the misses are.
"""

from __future__ import annotations

import html
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language

from ..components._doc import set_document

__all__ = ["GoldDoc", "breakdown", "load", "run", "score"]

_TOKEN = re.compile(r"<[^>]+>|&#?\w+;|[^<&]+|&")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass
class GoldDoc:
    """One TimeML document: plain text, DCT and gold TIMEX3 (start, end, type, value)."""

    name: str
    text: str
    dct: str | None
    timexes: list[tuple[int, int, str, str]] = field(default_factory=list)


def _parse(path: Path) -> GoldDoc:
    raw = path.read_text(encoding="utf-8")
    dct = None
    m = re.search(r"<DCT>\s*<TIMEX3([^>]*)>", raw)
    if m:
        value = dict(_ATTR.findall(m.group(1))).get("value", "")
        dct = value[:10] if re.match(r"\d{4}-\d{2}-\d{2}", value) else None
    body = re.search(r"<TEXT>(.*)</TEXT>", raw, re.DOTALL)
    inner = body.group(1) if body else ""
    out: list[str] = []
    pos = 0
    timexes = []
    open_: tuple[int, dict[str, str]] | None = None
    for tok in _TOKEN.findall(inner):
        if tok.startswith("<"):
            if tok.startswith("<TIMEX3"):
                open_ = (pos, dict(_ATTR.findall(tok)))
            elif tok.startswith("</TIMEX3") and open_ is not None:
                start, attrs = open_
                timexes.append((start, pos, attrs.get("type", ""), attrs.get("value", "")))
                open_ = None
            continue
        piece = html.unescape(tok) if tok.startswith("&") else tok
        out.append(piece)
        pos += len(piece)
    return GoldDoc(path.stem, "".join(out), dct, timexes)


def load(path: Path) -> list[GoldDoc]:
    """All TimeML documents under ``path`` (a directory or one file)."""
    files = sorted(path.rglob("*.tml")) if path.is_dir() else [path]
    return [_parse(f) for f in files]


def _match(gold: list[tuple[int, int, str, str]], system: list[dict[str, Any]],
           strict: bool) -> list[tuple[int, int]]:
    """One-to-one matching of gold and system expressions (exact or overlapping spans)."""
    pairs = []
    used: set[int] = set()
    for gi, (gs, ge, _t, _v) in enumerate(gold):
        best = None
        best_overlap = 0
        for si, t in enumerate(system):
            if si in used:
                continue
            if strict:
                if t["start"] == gs and t["end"] == ge:
                    best = si
                    break
            else:
                overlap = min(ge, t["end"]) - max(gs, t["start"])
                if overlap > best_overlap:
                    best, best_overlap = si, overlap
        if best is not None:
            used.add(best)
            pairs.append((gi, best))
    return pairs


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score(docs: list[GoldDoc], systems: list[list[dict[str, Any]]]) -> tuple[dict[str, float], dict[str, Any]]:
    """Metrics and the error lists (for :func:`breakdown`) of system output against gold."""
    n_gold = sum(len(d.timexes) for d in docs)
    n_sys = sum(len(s) for s in systems)
    strict = relaxed = type_ok = value_ok = 0
    errors: dict[str, list[tuple[str, ...]]] = {"missed": [], "spurious": [], "value": [], "type": []}
    for doc, system in zip(docs, systems, strict=True):
        strict += len(_match(doc.timexes, system, strict=True))
        pairs = _match(doc.timexes, system, strict=False)
        relaxed += len(pairs)
        matched_g = {g for g, _ in pairs}
        matched_s = {s for _, s in pairs}
        for g, s in pairs:
            gs, ge, gt, gv = doc.timexes[g]
            t = system[s]
            if t["type"] == gt:
                type_ok += 1
            else:
                errors["type"].append((gt, t["type"], doc.text[gs:ge]))
            if (t["value"] or "") == gv:
                value_ok += 1
            else:
                errors["value"].append((doc.text[gs:ge], gv, str(t["value"]), t["text"], doc.dct or "", doc.name))
        for g, (gs, ge, gt, gv) in enumerate(doc.timexes):
            if g not in matched_g:
                errors["missed"].append((doc.text[gs:ge], gt, gv, doc.name))
        for s, t in enumerate(system):
            if s not in matched_s:
                errors["spurious"].append((t["text"], t["type"], str(t["value"]), doc.name))
    sp, sr = strict / max(n_sys, 1), strict / max(n_gold, 1)
    rp, rr = relaxed / max(n_sys, 1), relaxed / max(n_gold, 1)
    value_acc = value_ok / max(relaxed, 1)
    metrics = {
        "strict_precision": sp, "strict_recall": sr, "strict_f1": _f1(sp, sr),
        "relaxed_precision": rp, "relaxed_recall": rr, "relaxed_f1": _f1(rp, rr),
        "type_accuracy": type_ok / max(relaxed, 1),
        "value_accuracy": value_acc,
        "value_f1": _f1(rp, rr) * value_acc,
    }
    return metrics, errors


def _shape(text: str) -> str:
    """A family key for an expression: lower-cased, digits as 9, names of days/months generalised."""
    s = re.sub(r"\d", "9", text.lower())
    s = re.sub(r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", "WEEKDAY", s)
    s = re.sub(r"\b(?:january|february|march|april|may|june|july|august|september|october|november|"
               r"december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b\.?", "MONTH", s)
    return s


def breakdown(errors: dict[str, Any], top: int = 25) -> str:
    """A readable summary of the misses, grouped by expression family."""
    lines = []
    for kind in ("missed", "spurious", "value", "type"):
        items = errors[kind]
        lines.append(f"== {kind}: {len(items)}")
        if kind == "type":
            pairs = Counter((g, s) for g, s, _ in items)
            lines += [f"  {n:4d}  gold {g} -> system {s}" for (g, s), n in pairs.most_common(top)]
            continue
        counts = Counter(_shape(it[0]) for it in items)
        examples: dict[str, tuple[str, ...]] = {}
        for it in items:
            examples.setdefault(_shape(it[0]), it)
        for key, n in counts.most_common(top):
            lines.append(f"  {n:4d}  {key!r:40}  e.g. {examples[key][1:5]}")
    return "\n".join(lines)


def _system(docs: list[GoldDoc], nlp: Language) -> list[list[dict[str, Any]]]:
    wanted = [p for p in nlp.pipe_names if not p.startswith("newswire_") or p == "newswire_times"]
    inputs = []
    for d in docs:
        doc = nlp.make_doc(d.text)
        set_document(doc, {"id": d.name, "published": d.dct})
        inputs.append(doc)
    comp: Any = nlp.get_pipe("newswire_times")
    joined = getattr(comp, "ranges", False)
    if hasattr(comp, "ranges"):
        comp.ranges = False  # TimeML annotates the two ends of a range as two expressions
    try:
        with nlp.select_pipes(enable=wanted):
            out = [list(doc._.newswire_times or []) for doc in nlp.pipe(inputs, batch_size=16)]
    finally:
        if hasattr(comp, "ranges"):
            comp.ranges = joined
    return out


def run(path: Path, nlp: Language, *, report: bool = False) -> dict[str, float]:
    """Score ``nlp``'s newswire_times on the TimeML files under ``path``."""
    docs = load(Path(path))
    metrics, errors = score(docs, _system(docs, nlp))
    if report:
        print(breakdown(errors), file=sys.stderr)
    return metrics


if __name__ == "__main__":  # pragma: no cover
    import newswire

    target = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/time/TBAQ-cleaned")
    nlp_ = newswire.pipeline(exclude=("newswire_actors", "newswire_places", "newswire_quotes", "newswire_events"))
    for k, v in run(target, nlp_, report=True).items():
        print(f"{k:20s} {v:.4f}")
