"""Score ``newswire_quotes`` on PolNeAR attributions (brat standoff).

Data layout: ``PATH/text/NAME.txt`` and ``PATH/attributions/NAME_ANNOTATOR.ann`` with
``Source``/``Cue``/``Content`` text-bound spans (possibly discontinuous, ``s e;s e``)
tied together by ``Attribution`` events. An article annotated by several annotators is
scored once, with the annotator whose id sorts first.

Matching rule (documented in docs/quotes.md):

- Contents are compared as sets of word tokens (``\\w+`` runs of the document text; quote
  marks and punctuation do not count). A gold content is the union of its fragments; a
  predicted content is the union of its pieces (its ``text`` joins the pieces of an
  interrupted quotation with " … "; each piece is found in order inside ``[start, end)``).
- A predicted content matches a gold one when their token Jaccard (overlap / union) is
  >= 0.5; pairs are matched one-to-one, best Jaccard first. Precision = matched / predicted,
  recall = matched / gold.
- Gold kind: ``direct`` when every fragment is wholly inside quote marks, ``partial`` when
  the content contains quote marks otherwise, ``indirect`` when it has none. Per-kind recall
  counts gold contents of that kind, per-kind precision counts predictions of that kind.
- Speaker accuracy, over matched pairs whose gold has a Source: the predicted speaker
  actor is right when one of its mentions overlaps the gold Source span, or when the last
  word of its name is a word of the gold Source (string coreference: "Caddell" for
  "Pat Caddell"), or, when the gold Source is a relative pronoun ("voters who say"), when
  one of its mentions ends right before it. A null speaker is wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language

from ..components._doc import set_document

__all__ = ["Attribution", "Scores", "load_polnear", "run", "score"]

_WORD = re.compile(r"\w+")
_OPEN = "“\"‘'«„"
_CLOSE = "”\"’'»“"
_DOUBLE = '“”"«»„'
_DATE = re.compile(r"_(\d{4}-\d{2}-\d{2})_")
_RELATIVE = frozenset({"who", "which", "that", "whom"})
_SKIP_PIPES = ("newswire_times", "newswire_places", "newswire_events")


@dataclass
class Attribution:
    """One gold attribution: content fragments and source fragments (character spans)."""

    content: list[tuple[int, int]]
    source: list[tuple[int, int]]
    kind: str = "indirect"


@dataclass
class Scores:
    """Counts behind the metrics."""

    gold: dict[str, int] = field(default_factory=lambda: {"direct": 0, "partial": 0, "indirect": 0})
    pred: dict[str, int] = field(default_factory=lambda: {"direct": 0, "partial": 0, "indirect": 0})
    gold_hit: dict[str, int] = field(default_factory=lambda: {"direct": 0, "partial": 0, "indirect": 0})
    pred_hit: dict[str, int] = field(default_factory=lambda: {"direct": 0, "partial": 0, "indirect": 0})
    speaker_total: int = 0
    speaker_right: int = 0
    documents: int = 0

    def metrics(self) -> dict[str, float]:
        """The figures as snake_case floats in [0, 1]."""

        def prf(gh: int, g: int, ph: int, p: int) -> tuple[float, float, float]:
            prec = ph / p if p else 0.0
            rec = gh / g if g else 0.0
            f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
            return prec, rec, f1

        out: dict[str, float] = {}
        p, r, f = prf(
            sum(self.gold_hit.values()),
            sum(self.gold.values()),
            sum(self.pred_hit.values()),
            sum(self.pred.values()),
        )
        out.update(content_precision=p, content_recall=r, content_f1=f)
        for kind in ("direct", "partial", "indirect"):
            p, r, f = prf(self.gold_hit[kind], self.gold[kind], self.pred_hit[kind], self.pred[kind])
            out.update({f"{kind}_precision": p, f"{kind}_recall": r, f"{kind}_f1": f})
        out["speaker_accuracy"] = self.speaker_right / self.speaker_total if self.speaker_total else 0.0
        return out


def _spans(field_text: str) -> list[tuple[int, int]]:
    out = []
    for part in field_text.split(";"):
        s, e = part.split()
        out.append((int(s), int(e)))
    return out


def gold_kind(text: str, content: list[tuple[int, int]]) -> str:
    """direct / partial / indirect from the quote marks in a gold content."""
    pieces = [text[s:e].strip().rstrip(".,;:").strip() for s, e in content]
    pieces = [p for p in pieces if p]
    if pieces and all(p[0] in _OPEN and p[-1] in _CLOSE for p in pieces):
        return "direct"
    joined = " ".join(pieces)
    if (
        any(ch in _DOUBLE for ch in joined)
        or "‘" in joined
        or "''" in joined
        or re.search(r"(?:^|\s)'\w", joined)
    ):
        return "partial"
    return "indirect"


def load_ann(path: Path, text: str) -> list[Attribution]:
    """Gold attributions of one brat ``.ann`` file."""
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        cols = line.split("\t")
        if line.startswith("T") and len(cols) >= 2:
            label, _, offsets = cols[1].partition(" ")
            spans[cols[0]] = (label, _spans(offsets))
        elif line.startswith("E") and len(cols) >= 2:
            roles = dict(part.split(":", 1) for part in cols[1].split() if ":" in part)
            events.append(roles)
    out = []
    for roles in events:
        content = spans.get(roles.get("Content", ""))
        if content is None:
            continue
        source = spans.get(roles.get("Source", ""), ("", []))[1]
        out.append(Attribution(content[1], source, gold_kind(text, content[1])))
    return out


def load_polnear(path: Path, limit: int | None = None) -> list[tuple[str, str, list[Attribution]]]:
    """(name, text, gold attributions) per article, sorted by name, one annotator each."""
    chosen: dict[str, Path] = {}
    for ann in sorted((path / "attributions").glob("*.ann")):
        name = ann.stem.rsplit("_", 1)[0]
        chosen.setdefault(name, ann)
    docs = []
    for name in sorted(chosen)[: limit or None]:
        txt = path / "text" / f"{name}.txt"
        if not txt.exists():
            continue
        text = txt.read_text(encoding="utf-8")
        docs.append((name, text, load_ann(chosen[name], text)))
    return docs


def _word_set(text: str, spans: list[tuple[int, int]]) -> frozenset[int]:
    return frozenset(m.start() for s, e in spans for m in _WORD.finditer(text, s, e))


def quote_pieces(text: str, quote: dict[str, Any]) -> list[tuple[int, int]]:
    """Character spans of a predicted quote's pieces (its text joins them with " … ")."""
    start, end = quote["start"], quote["end"]
    parts = quote["text"].split(" … ")
    if len(parts) == 1:
        return [(start, end)]
    out = []
    pos = start
    for part in parts:
        k = text.find(part, pos, end)
        if k < 0:
            return [(start, end)]
        out.append((k, k + len(part)))
        pos = k + len(part)
    return out


def _speaker_right(text: str, actor: dict[str, Any] | None, source: list[tuple[int, int]]) -> bool:
    if actor is None:
        return False
    for ms, me in actor["mentions"]:
        if any(ms < e and s < me for s, e in source):
            return True
    first = source[0][0]
    if text[first : source[0][1]].lower() in _RELATIVE:
        # "voters who say …": the relative pronoun stands for the noun phrase before it
        for ms, me in actor["mentions"]:
            if me <= first and text[me:first].strip(" ,") == "":
                return True
    name_words = _WORD.findall(actor["name"].lower())
    source_words = {w.lower() for s, e in source for w in _WORD.findall(text[s:e])}
    return bool(name_words) and name_words[-1] in source_words


def score_document(
    text: str,
    gold: list[Attribution],
    quotes: list[dict[str, Any]],
    actors: list[dict[str, Any]],
    scores: Scores,
) -> None:
    """Add one document's matches to ``scores``."""
    gold_sets = [_word_set(text, g.content) for g in gold]
    pred_sets = [_word_set(text, quote_pieces(text, q)) for q in quotes]
    pairs = []
    for i, ps in enumerate(pred_sets):
        for j, gs in enumerate(gold_sets):
            inter = len(ps & gs)
            if inter:
                jac = inter / len(ps | gs)
                if jac >= 0.5:
                    pairs.append((jac, i, j))
    pairs.sort(reverse=True)
    used_p: set[int] = set()
    used_g: set[int] = set()
    by_id = {a["id"]: a for a in actors}
    for g in gold:
        scores.gold[g.kind] += 1
    for q in quotes:
        scores.pred[q["kind"]] += 1
    for _jac, i, j in pairs:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        scores.pred_hit[quotes[i]["kind"]] += 1
        scores.gold_hit[gold[j].kind] += 1
        if gold[j].source:
            scores.speaker_total += 1
            if _speaker_right(text, by_id.get(quotes[i]["speaker"]), gold[j].source):
                scores.speaker_right += 1
    scores.documents += 1


def score(path: Path, nlp: Language, limit: int | None = None) -> Scores:
    """Run ``nlp`` over the PolNeAR articles under ``path`` and count matches."""
    docs = load_polnear(path, limit)
    scores = Scores()
    disable = [name for name in _SKIP_PIPES if name in nlp.pipe_names]
    texts = []
    for name, text, _gold in docs:
        doc = nlp.make_doc(text)
        m = _DATE.search(name + "_")
        set_document(doc, {"id": name, "published": m.group(1) if m else None})
        texts.append(doc)
    with nlp.select_pipes(disable=disable):
        for (_name, text, gold), doc in zip(docs, nlp.pipe(texts, batch_size=16)):
            score_document(text, gold, doc._.newswire_quotes or [], doc._.newswire_actors or [], scores)
    return scores


def run(path: Path, nlp: Language) -> dict[str, float]:
    """PolNeAR content P/R/F1 overall and by kind, and speaker accuracy (all articles)."""
    return score(Path(path), nlp).metrics()
