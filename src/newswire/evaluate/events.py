"""Event coding against gold data: PLOVER gold-standard sentences and CASE 2021 task 2.

``run_plover(path, nlp)`` reads the PLOVER GSR JSON (a list of records with ``text``,
``event``, ``source``/``target`` actor codes and the ``eventText`` words). Old (PLOVER 0.5)
labels are mapped to PLOVER 2.0: DEMAND -> REQUEST, DISAPPROVE and INVESTIGATE -> ACCUSE,
FIGHT -> ASSAULT; DOCUMENT entries are skipped. Each gold record is matched with one
predicted event of its sentence (see :func:`align`). Metrics:

- ``detection_recall``: share of gold records whose sentence yields at least one event;
- ``type_accuracy``: share of gold records whose matched event has the gold type;
- ``macro_f1``: macro-averaged F1 over the gold types (a record without a prediction
  counts as a miss for its type);
- ``source_country_accuracy`` / ``target_country_accuracy``: where gold has an ISO3 code,
  share whose matched event's source/target actor has a country among the gold codes;
- ``direction_swap_rate``: share of records with both gold sides where the predicted
  source country is a gold target and the predicted target a gold source (and not also
  a gold source).

``run_case(path, nlp)`` reads the CASE 2021 task 2 TSV (``id``, ``EventSnippet``,
``SubType``), maps each ACLED sub-type to a PLOVER type (:data:`CASE_TO_PLOVER`, documented
in docs/events.md; ``NONE`` for classes outside PLOVER) and compares it with the snippet's
primary predicted type (:func:`primary_event`), reporting ``macro_f1`` over the PLOVER
types present in the gold (``NONE`` is not averaged as a class, but false ``NONE``s lower
recall and false events lower precision), ``accuracy`` and ``detection_recall``.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..components._doc import set_document

__all__ = ["CASE_TO_PLOVER", "OLD_LABELS", "align", "macro_f1", "primary_event", "run_case", "run_plover"]

OLD_LABELS = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}

#: ACLED / CASE 2021 sub-event types -> PLOVER 2.0 types (NONE: not a PLOVER event).
CASE_TO_PLOVER: dict[str, str] = {
    "ABDUCT_DISSAP": "ASSAULT",  # abduction, forced disappearance: ASSAULT abduct
    "AGREEMENT": "AGREE",  # peace agreements, deals, ceasefires agreed
    "AIR_STRIKE": "ASSAULT",  # ASSAULT aerial
    "ARMED_CLASH": "ASSAULT",  # ASSAULT (firearms / heavy weapons)
    "ARREST": "COERCE",  # COERCE arrest
    "ART_MISS_ATTACK": "ASSAULT",  # ASSAULT heavy-weapons
    "ATTACK": "ASSAULT",
    "ATTRIB": "ASSAULT",  # claims of responsibility: the claimed act is an ASSAULT by the claimant
    "CHANGE_TO_GROUP_ACT": "MOBILIZE",  # deployments, new units, troop movements
    "CHEM_WEAP": "ASSAULT",  # ASSAULT unconventional
    "DIPLO": "SANCTION",  # diplomatic expulsions, retaliatory measures
    "DISR_WEAP": "COERCE",  # weapons seized, explosives defused: COERCE seize
    "FORCE_AGAINST_PROTEST": "ASSAULT",  # ASSAULT crowd-control
    "GOV_REGAINS_TERIT": "ASSAULT",  # territory retaken in fighting
    "GRENADE": "ASSAULT",  # ASSAULT explosives
    "HQ_ESTABLISHED": "MOBILIZE",  # bases, posts, checkpoints set up
    "MAN_MADE_DISASTER": "NONE",
    "MOB_VIOL": "ASSAULT",  # lynchings and mob killings
    "NATURAL_DISASTER": "NONE",
    "NON_STATE_ACTOR_OVERTAKES_TER": "ASSAULT",  # territory taken in fighting
    "NON_VIOL_TERRIT_TRANSFER": "COERCE",  # territory taken without fighting: COERCE seize
    "ORG_CRIME": "COERCE",  # police action against smuggling and crime rings
    "OTHER": "NONE",
    "PEACE_PROTEST": "PROTEST",  # PROTEST demo
    "PROPERTY_DISTRUCT": "ASSAULT",  # ASSAULT destroy
    "PROTEST_WITH_INTER": "COERCE",  # the intervention: dispersal, detentions (COERCE restrict/arrest)
    "REM_EXPLOS": "ASSAULT",  # ASSAULT explosives (mines, IEDs)
    "SEX_VIOL": "ASSAULT",  # ASSAULT sexual
    "SUIC_BOMB": "ASSAULT",  # ASSAULT suicide-attack
    "VIOL_DEMONSTR": "PROTEST",  # PROTEST riot
}

_MODALITY_ORDER = {"asserted": 0, "future": 1, "proposed": 2, "hypothetical": 3, "negated": 4, "denied": 5}


def _tree_depth(doc: Doc, char: int) -> int:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    if span is None or not len(span):
        return 99
    tok = span[0]
    depth = 0
    while tok.head is not tok and depth < 50:
        tok = tok.head
        depth += 1
    return depth


def primary_event(doc: Doc, events: Sequence[dict[str, Any]]) -> dict[str, Any] | None:
    """The sentence-level primary event of a text.

    Rule: take the first sentence that reports an asserted event (else the first sentence
    with any event); among its events prefer asserted ones, then the trigger highest in the
    dependency tree (closest to the root), then the highest confidence, then the earliest
    trigger.
    """
    if not events:
        return None
    asserted = [e for e in events if e["modality"] == "asserted"]
    first_sent = min(e["evidence"]["start"] for e in (asserted or events))
    cands = [e for e in events if e["evidence"]["start"] == first_sent]
    return min(
        cands,
        key=lambda e: (
            _MODALITY_ORDER.get(e["modality"], 9) > 0,
            _tree_depth(doc, e["trigger"]["start"]),
            -e["confidence"],
            e["trigger"]["start"],
        ),
    )


def _words(text: str) -> set[str]:
    return {w.strip(".,;:'\"()[]{}").lower() for w in text.split() if len(w) > 2}


def align(doc: Doc, events: Sequence[dict[str, Any]], gold_words: Iterable[str]) -> dict[str, Any] | None:
    """The predicted event that matches a gold record: the one whose trigger shares a word
    with the gold event words (``eventText``), preferring the primary; else the primary."""
    if not events:
        return None
    words = {w.lower() for w in gold_words}
    primary = primary_event(doc, events)
    hits = [e for e in events if _words(e["trigger"]["text"]) & words]
    if hits:
        if primary in hits:
            return primary
        return min(hits, key=lambda e: _tree_depth(doc, e["trigger"]["start"]))
    return primary


def macro_f1(gold: Sequence[str], pred: Sequence[str], labels: Iterable[str]) -> float:
    """Macro-averaged F1 over ``labels`` (other values only count as errors)."""
    scores = []
    for lab in labels:
        tp = sum(1 for g, p in zip(gold, pred) if g == lab and p == lab)
        fp = sum(1 for g, p in zip(gold, pred) if g != lab and p == lab)
        fn = sum(1 for g, p in zip(gold, pred) if g == lab and p != lab)
        if tp == 0:
            scores.append(0.0)
            continue
        prec = tp / (tp + fp)
        rec = tp / (tp + fn)
        scores.append(2 * prec * rec / (prec + rec))
    return sum(scores) / len(scores) if scores else 0.0


def _iso3_codes(side: Any) -> set[str]:
    import pycountry

    out: set[str] = set()
    if not side or not isinstance(side, list):
        return out
    for a in side:
        code = str(a.get("code") or "").upper()
        if len(code) == 3 and pycountry.countries.get(alpha_3=code) is not None:
            out.add(code)
    return out


def _country(doc: Doc, actor_id: str | None) -> str | None:
    for a in doc._.newswire_actors or ():
        if a["id"] == actor_id:
            country: str | None = a.get("country")
            return country
    return None


def _docs(nlp: Language, texts: Sequence[str], published: Sequence[str | None]) -> list[Doc]:
    def gen() -> Iterable[Doc]:
        for text, pub in zip(texts, published):
            doc = nlp.make_doc(text)
            set_document(doc, {"id": "eval", "published": pub})
            yield doc

    return list(nlp.pipe(gen(), batch_size=16))


def run_plover(path: Path, nlp: Language) -> dict[str, float]:
    """Score the event coder on PLOVER gold sentences (see the module docstring)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    items = [d for d in data if d.get("event") and d.get("event") != "DOCUMENT" and d.get("text")]
    texts = sorted({d["text"] for d in items})
    docs = dict(zip(texts, _docs(nlp, texts, [None] * len(texts))))
    gold_types: list[str] = []
    pred_types: list[str] = []
    detected = 0
    src_ok = src_n = tgt_ok = tgt_n = swaps = both_n = 0
    for d in items:
        gold = OLD_LABELS.get(d["event"], d["event"])
        doc = docs[d["text"]]
        events = doc._.newswire_events or []
        ev = align(doc, events, str(d.get("eventText") or "").split())
        gold_types.append(gold)
        pred_types.append(ev["type"] if ev else "NONE")
        if ev is None:
            continue
        detected += 1
        gsrc = _iso3_codes(d.get("source"))
        gtgt = _iso3_codes(d.get("target"))
        psrc = _country(doc, ev["source"])
        ptgt = _country(doc, ev["target"])
        if gsrc:
            src_n += 1
            src_ok += psrc in gsrc
        if gtgt:
            tgt_n += 1
            tgt_ok += ptgt in gtgt
        if gsrc and gtgt and gsrc != gtgt:
            both_n += 1
            if psrc in gtgt - gsrc and ptgt in gsrc - gtgt:
                swaps += 1
    n = len(items)
    labels = sorted(set(gold_types))
    return {
        "detection_recall": detected / n if n else 0.0,
        "type_accuracy": sum(g == p for g, p in zip(gold_types, pred_types)) / n if n else 0.0,
        "macro_f1": macro_f1(gold_types, pred_types, labels),
        "source_country_accuracy": src_ok / src_n if src_n else 0.0,
        "target_country_accuracy": tgt_ok / tgt_n if tgt_n else 0.0,
        "direction_swap_rate": swaps / both_n if both_n else 0.0,
    }


def confusion(gold: Sequence[str], pred: Sequence[str]) -> Counter[tuple[str, str]]:
    """Counts of (gold, predicted) pairs, for error analysis."""
    return Counter(zip(gold, pred))


def run_case(path: Path, nlp: Language) -> dict[str, float]:
    """Score the primary predicted type of CASE 2021 task 2 snippets (see the module docstring)."""
    rows: list[tuple[str, str]] = []
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader, None)
        if header is None:
            return {}
        for row in reader:
            if len(row) < 3 or not row[1].strip():
                continue
            rows.append((row[1], row[2].strip()))
    docs = _docs(nlp, [r[0] for r in rows], [None] * len(rows))
    gold_types: list[str] = []
    pred_types: list[str] = []
    for (text, sub), doc in zip(rows, docs):
        gold_types.append(CASE_TO_PLOVER.get(sub, "NONE"))
        ev = primary_event(doc, doc._.newswire_events or [])
        pred_types.append(ev["type"] if ev else "NONE")
    n = len(rows)
    labels = sorted(set(gold_types) - {"NONE"})
    has_gold = [i for i, g in enumerate(gold_types) if g != "NONE"]
    return {
        "macro_f1": macro_f1(gold_types, pred_types, labels),
        "accuracy": sum(g == p for g, p in zip(gold_types, pred_types)) / n if n else 0.0,
        "detection_recall": sum(pred_types[i] != "NONE" for i in has_gold) / len(has_gold) if has_gold else 0.0,
    }
