"""Evaluate the actors component.

``run_gum(path, nlp)``: GUM Wikinews news and interviews (``corpus/gum``). The gold is the
GUM entity annotation in ``dep/*.conllu`` (``Entity=`` brackets with entity type and
minimal span). Text is rebuilt from the gold tokens so offsets align exactly. Scored gold
entities: every ``person`` and ``organization`` entity, and ``place`` entities with a mention
naming a country (by name or demonym, from the knowledge files), i.e. what newswire calls
actors. First and second person pronouns (I, you, we, ...) are left out: interview turns
are not newswire's business. A system mention matches a gold mention when it lies inside the
gold span and covers the gold minimal span's last token (the head). Metrics:

- ``mention_precision``/``mention_recall``/``mention_f1``: mention detection; system mentions
  matching a gold mention of an unscored type (``time``, ``object``, ...) are not counted;
- ``muc_f1``, ``b3_f1`` (and their P/R): the standard link-based MUC and mention-based B3
  over all scored gold mentions and all counted system mentions (unmatched ones count as wrong);
- ``named_b3_f1``: B3 restricted to gold entities with a proper-name mention;
- ``news_muc_f1``, ``news_b3_f1``: MUC and B3 on the news articles only (no interviews).

``run_plover(path, nlp)``: PLOVER gold sentences. For each gold source/target actor whose
``actorText`` occurs in the sentence, success means some newswire actor has a mention
overlapping that text and carries the gold country (ISO codes; ``IGO``/``UNO``/``EUR`` gold
means an actor of kind ``igo``). Metrics: ``country_accuracy`` (ISO-coded gold actors),
``igo_accuracy``, ``actor_coverage`` (any actor overlapping) and ``overall``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language

from ..components._doc import set_document
from ..knowledge import country_alias_forms

__all__ = ["b_cubed", "muc", "run_gum", "run_plover"]

_SKIP_PRONOUNS = {"i", "me", "my", "mine", "myself", "you", "your", "yours", "yourself", "we", "us",
                  "our", "ours", "ourselves", "yourselves"}
_ENTITY_RE = re.compile(r"\((\d+)-([^()]*)(\)?)|(\d+)\)")
_SCORED = {"person", "organization", "place"}
_PLOVER_FIX = {"ITL": "ITA", "JAP": "JPN", "GER": "DEU", "UK": "GBR"}
_IGO_CODES = {"IGO", "UNO", "EUR"}


# ------------------------------------------------------------------------ GUM reading
@dataclass
class _GoldDoc:
    doc_id: str
    text: str
    published: str | None
    tokens: list[tuple[int, int, str, str]] = field(default_factory=list)  # start, end, form, upos
    # mentions: (entity id, etype, token start, token end (excl), head token)
    mentions: list[tuple[str, str, int, int, int]] = field(default_factory=list)


def _read_conllu(path: Path) -> _GoldDoc:
    parts: list[str] = []
    pos = 0
    gold = _GoldDoc(doc_id=path.stem, text="", published=None)
    open_stack: dict[str, list[tuple[str, int, int]]] = {}
    first_sent = True
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# meta::dateCreated"):
            gold.published = line.split("=", 1)[1].strip()[:10]
            continue
        if line.startswith("# newpar") and not line.startswith("# newpar_"):
            if parts:
                parts.append("\n")
                pos += 1
            continue
        if line.startswith("# sent_id"):
            if not first_sent:
                parts.append("\n")
                pos += 1
            first_sent = False
            continue
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        if "-" in cols[0] or "." in cols[0]:
            continue
        form, upos, misc = cols[1], cols[3], cols[9]
        ti = len(gold.tokens)
        gold.tokens.append((pos, pos + len(form), form, upos))
        parts.append(form)
        pos += len(form)
        feats = dict(kv.split("=", 1) for kv in misc.split("|") if "=" in kv)
        if feats.get("SpaceAfter") != "No":
            parts.append(" ")
            pos += 1
        ent = feats.get("Entity")
        if not ent:
            continue
        for m in _ENTITY_RE.finditer(ent):
            if m.group(1):
                eid, rest, closed = m.group(1), m.group(2), m.group(3)
                fields = rest.split("-")
                etype = fields[0] if fields else ""
                minspan = fields[4] if len(fields) > 4 else ""
                try:
                    mins = [int(x) for x in minspan.split(",") if x.isdigit()]
                except ValueError:
                    mins = []
                head_rel = max(mins) if mins else 0
                if closed:
                    gold.mentions.append((eid, etype, ti, ti + 1, ti))
                else:
                    open_stack.setdefault(eid, []).append((etype, ti, head_rel))
            else:
                eid = m.group(4)
                stack = open_stack.get(eid)
                if stack:
                    etype, start, hr = stack.pop()
                    head = start + hr - 1 if hr else ti
                    head = min(max(head, start), ti)
                    gold.mentions.append((eid, etype, start, ti + 1, head))
    gold.text = "".join(parts)
    return gold


# ------------------------------------------------------------------------ metrics
def muc(key: list[set[Any]], response: list[set[Any]]) -> tuple[float, float, float]:
    """MUC precision, recall, F1 for clusterings given as lists of mention sets."""

    def score(a: list[set[Any]], b: list[set[Any]]) -> tuple[float, float]:
        where = {m: i for i, c in enumerate(b) for m in c}
        num = den = 0.0
        for c in a:
            if not c:
                continue
            parts = {where.get(m, ("single", m)) for m in c}
            num += len(c) - len(parts)
            den += len(c) - 1
        return num, den

    rn, rd = score(key, response)
    pn, pd = score(response, key)
    r = rn / rd if rd else 0.0
    p = pn / pd if pd else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def b_cubed(key: list[set[Any]], response: list[set[Any]]) -> tuple[float, float, float]:
    """B3 precision, recall, F1 (mentions missing from the other side score 0)."""

    def score(a: list[set[Any]], b: list[set[Any]]) -> tuple[float, int]:
        where = {m: c for c in b for m in c}
        total = 0.0
        n = 0
        for c in a:
            for m in c:
                n += 1
                other = where.get(m)
                if other:
                    total += len(c & other) / len(c)
        return total, n

    rt, rn = score(key, response)
    pt, pn = score(response, key)
    r = rt / rn if rn else 0.0
    p = pt / pn if pn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _prf(tp: float, n_sys: float, n_gold: float) -> tuple[float, float, float]:
    p = tp / n_sys if n_sys else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _gum_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    dep = path / "dep" if (path / "dep").is_dir() else path
    return sorted(dep.glob("*.conllu"))


def run_gum(path: Path, nlp: Language) -> dict[str, float]:
    """Mention clustering quality of actors on GUM Wikinews (see module docstring)."""
    path = Path(path)
    golds = [_read_conllu(p) for p in _gum_files(path)]
    countries = set(country_alias_forms())
    keep = [n for n in nlp.pipe_names if n in ("tok2vec", "tagger", "parser", "attribute_ruler",
                                                "lemmatizer", "ner", "senter", "newswire_actors")]
    docs_in = []
    for g in golds:
        doc = nlp.make_doc(g.text)
        set_document(doc, {"id": g.doc_id, "published": g.published})
        docs_in.append(doc)
    key_all: list[set[Any]] = []
    resp_all: list[set[Any]] = []
    named_key: list[set[Any]] = []
    named_resp: list[set[Any]] = []
    news_key: list[set[Any]] = []
    news_resp: list[set[Any]] = []
    tp = n_sys = n_gold = 0
    with nlp.select_pipes(enable=keep):
        docs = list(nlp.pipe(docs_in, batch_size=16))
    for g, doc in zip(golds, docs):
        # scored gold entities
        by_ent: dict[str, list[tuple[str, str, int, int, int]]] = {}
        for m in g.mentions:
            by_ent.setdefault(m[0], []).append(m)
        scored: set[str] = set()
        named: set[str] = set()
        for eid, ms in by_ent.items():
            etype = ms[0][1]
            if etype not in _SCORED:
                continue
            texts = [g.text[g.tokens[s][0]:g.tokens[e - 1][1]] for _, _, s, e, _ in ms]
            if etype == "place" and not any(any(w in countries for w in _ngrams(t)) for t in texts):
                continue
            scored.add(eid)
            if any(any(g.tokens[i][3] == "PROPN" for i in range(s, e)) for _, _, s, e, _ in ms):
                named.add(eid)
        gold_mentions = [m for m in g.mentions if m[0] in scored
                         and not (m[3] - m[2] == 1 and g.tokens[m[2]][2].lower() in _SKIP_PRONOUNS)]
        other_mentions = [m for m in g.mentions if m[0] not in scored]
        # system mentions as token spans
        starts = [t[0] for t in g.tokens]
        ends = [t[1] for t in g.tokens]
        sys_ms: list[tuple[str, int, int]] = []
        for actor in doc._.newswire_actors or []:
            for s, e in actor["mentions"]:
                ts = _bisect_tok(starts, ends, s, e)
                if ts is not None:
                    sys_ms.append((g.doc_id + actor["id"], ts[0], ts[1]))
        matched: dict[int, int] = {}  # sys index -> gold mention index
        taken: set[int] = set()
        for si, (_aid, s, e) in enumerate(sys_ms):
            best = None
            for gi, (_eid, _t, gs, ge, head) in enumerate(gold_mentions):
                if gi in taken:
                    continue
                if gs <= s and e <= ge and s <= head < e and (
                    best is None or (ge - gs) < (gold_mentions[best][3] - gold_mentions[best][2])
                ):
                    best = gi
            if best is not None:
                matched[si] = best
                taken.add(best)
        counted = []
        for si, (aid, s, e) in enumerate(sys_ms):
            if si in matched:
                counted.append(si)
                continue
            if any(gs <= s and e <= ge and s <= head < e for _, _, gs, ge, head in other_mentions):
                continue  # an entity of a type we do not score
            counted.append(si)
        tp += len(matched)
        n_sys += len(counted)
        n_gold += len(gold_mentions)
        gold_cl: dict[str, set[Any]] = {}
        for gi, m in enumerate(gold_mentions):
            gold_cl.setdefault(m[0], set()).add((g.doc_id, "g", gi))
        sys_cl: dict[str, set[Any]] = {}
        for si in counted:
            ident = (g.doc_id, "g", matched[si]) if si in matched else (g.doc_id, "s", si)
            sys_cl.setdefault(sys_ms[si][0], set()).add(ident)
        key_all.extend(gold_cl.values())
        resp_all.extend(sys_cl.values())
        nk = [c for eid, c in gold_cl.items() if eid in named]
        named_ids = set().union(*nk) if nk else set()
        named_key.extend(nk)
        named_resp.extend(c & named_ids for c in sys_cl.values() if c & named_ids)
        if "_news_" in g.doc_id:
            news_key.extend(gold_cl.values())
            news_resp.extend(sys_cl.values())
    mp, mr, mf = _prf(tp, n_sys, n_gold)
    up, ur, uf = muc(key_all, resp_all)
    bp, br, bf = b_cubed(key_all, resp_all)
    _np, _nr, nf = b_cubed(named_key, named_resp)
    return {
        "mention_precision": mp, "mention_recall": mr, "mention_f1": mf,
        "muc_precision": up, "muc_recall": ur, "muc_f1": uf,
        "b3_precision": bp, "b3_recall": br, "b3_f1": bf,
        "named_b3_f1": nf,
        "news_muc_f1": muc(news_key, news_resp)[2],
        "news_b3_f1": b_cubed(news_key, news_resp)[2],
    }


def _ngrams(text: str) -> Iterable[str]:
    words = text.split()
    for n in (3, 2, 1):
        for i in range(len(words) - n + 1):
            yield " ".join(words[i:i + n]).strip(".,;:'\"")


def _bisect_tok(starts: list[int], ends: list[int], s: int, e: int) -> tuple[int, int] | None:
    import bisect

    i = bisect.bisect_right(starts, s) - 1
    j = bisect.bisect_left(ends, e)
    if i < 0 or j >= len(ends) or j < i:
        return None
    return i, j + 1


# ------------------------------------------------------------------------ PLOVER
def run_plover(path: Path, nlp: Language) -> dict[str, float]:
    """Share of PLOVER gold actors whose country newswire assigns (see module docstring)."""
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    items = [d for d in data if d.get("text") and d.get("event") != "DOCUMENT"]
    keep = [n for n in nlp.pipe_names if n in ("tok2vec", "tagger", "parser", "attribute_ruler",
                                                "lemmatizer", "ner", "senter", "newswire_actors")]
    docs_in = []
    for d in items:
        doc = nlp.make_doc(d["text"])
        set_document(doc, {"id": d.get("id", ""), "published": None})
        docs_in.append(doc)
    with nlp.select_pipes(enable=keep):
        docs = list(nlp.pipe(docs_in, batch_size=16))
    iso_total = iso_ok = igo_total = igo_ok = covered = total = 0
    for d, doc in zip(items, docs):
        actors = doc._.newswire_actors or []
        for side in ("source", "target"):
            gold = d.get(side)
            if not isinstance(gold, list):
                continue
            for g in gold:
                text = str(g.get("actorText") or "").strip()
                code = _PLOVER_FIX.get(str(g.get("code") or ""), str(g.get("code") or ""))
                span = _find(d["text"], text)
                if span is None or not code:
                    continue
                total += 1
                hits = [a for a in actors if any(s < span[1] and span[0] < e for s, e in a["mentions"])]
                if hits:
                    covered += 1
                if code in _IGO_CODES:
                    igo_total += 1
                    igo_ok += any(a["kind"] == "igo" for a in hits)
                elif re.fullmatch(r"[A-Z]{3}", code) and code not in ("NGO", "IMG", "ISM", "MNC"):
                    iso_total += 1
                    iso_ok += any(a["country"] == code for a in hits)
    return {
        "country_accuracy": iso_ok / iso_total if iso_total else 0.0,
        "igo_accuracy": igo_ok / igo_total if igo_total else 0.0,
        "actor_coverage": covered / total if total else 0.0,
        "overall": (iso_ok + igo_ok) / (iso_total + igo_total) if iso_total + igo_total else 0.0,
    }


def _find(text: str, actor_text: str) -> tuple[int, int] | None:
    """Character span of the gold actor text (first part before an ellipsis)."""
    part = re.split(r"\s*\.\.\.\s*", actor_text)[0].strip()
    part = re.sub(r"\s+", " ", part)
    if not part:
        return None
    i = text.find(part)
    if i < 0:
        i = text.lower().find(part.lower())
    if i < 0:
        return None
    return i, i + len(part)
