"""newswire_times: find temporal expressions and normalise them TIMEX3-style.

The recognition and normalisation live in :mod:`newswire.timex` (pure, spaCy-free);
this component adds what only the parse knows, the tense of the clause each
expression sits in ("on Saturday" in past-tense reporting is the previous Saturday,
in a future clause the next one), and spaCy's own DATE/TIME entities that the
patterns missed but can still be normalised.

Writes ``doc._.newswire_times`` (record ``times[]`` dicts) and the span group
``doc.spans["newswire_times"]`` (label = TIMEX3 type). Also offers
:func:`when_for` and :func:`publication_when`, the event ``when`` shapes.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .. import timex
from ._doc import published_date

__all__ = ["TimesComponent", "clause_tense", "make_times", "publication_when", "when_for"]

_FUTURE_AUX = {"will", "shall", "'ll", "wo", "would", "'d", "gon", "going", "may", "might", "should", "must",
               "can", "ca"}
_OPEN_MODALS = {"could"}
_PERFECT_AUX = {"has", "have", "had", "'ve", "'s"}
_VERBISH = {"VERB", "AUX"}
#: Verbs of planning: in the past tense they still point ahead ("scheduled a hearing Thursday").
_PLANNING = {"plan", "schedule", "reschedule", "postpone", "delay", "defer", "adjourn", "slate"}
#: Words before a time that make it a time still to come.
_FUTURE_CUE = re.compile(r"^(?:as\s+soon\s+as|as\s+early\s+as|no\s+later\s+than)$", re.IGNORECASE)
#: Verbs whose past tense is spelled like the present.
_SAME_FORM = {"hurt", "cut", "put", "set", "hit", "let", "cost", "shut", "quit", "spread", "beat", "bid",
              "cast", "read", "split", "burst", "upset", "broadcast", "forecast", "bet", "rid", "shed", "slit",
              "thrust", "offset", "reset", "outbid", "undercut", "overcut"}


def _governing_verb(tok: Token) -> Token | None:
    """The verb whose clause the token belongs to (climbing the dependency tree)."""
    for _ in range(10):
        if tok.pos_ in _VERBISH and tok.dep_ not in ("aux", "auxpass"):
            return tok
        if tok.head.i == tok.i:
            return tok if tok.pos_ in _VERBISH else None
        tok = tok.head
    return None


def clause_tense(span: Span) -> str | None:
    """The tense ("past", "present", "future") of the clause around ``span``, or None.

    A trailing "?" marks weak evidence: the expression hangs off a noun of the clause
    rather than off its verb ("a mission in December").

    Future auxiliaries (will, would, going to) and present progressives ("is meeting
    Friday") count as future; an infinitive takes the tense of the verb it depends on
    ("plans to meet Friday" is future, "agreed to meet Friday" weakly future); other modals
    (could, may, must) leave the tense unknown.
    """
    root = span.root
    if span.start >= 3 and _FUTURE_CUE.search(span.doc[span.start - 3 : span.start].text):
        return "future"  # "as soon as Tuesday", "as early as next week"
    verb = _governing_verb(root)
    if verb is None:
        return None
    direct = root.head.i == verb.i or (root.head.dep_ == "prep" and root.head.head.i == verb.i)
    tense = _clause_tense(verb)
    if tense == "past" and verb.lemma_ in _PLANNING and span.start > verb.i and _finite(verb):
        # "scheduled a news conference Thursday", "postponed until Tuesday"; not "On Friday,
        # the government planned ...", "the service planned for Saturday was canceled"
        return "future"
    if tense == "present" and not direct:
        return None  # "Friday's purchases is ...": the verb says nothing about the time
    if tense and not direct and not tense.endswith("?"):
        return tense + "?"  # weak evidence: "a mission in December" under "will be named"
    return tense


def _finite(verb: Token) -> bool:
    """A simple past or present perfect ("planned", "has scheduled"): not a participle alone."""
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    return (verb.tag_ == "VBD" and not auxes) or (verb.tag_ == "VBN" and bool(auxes & {"has", "have", "'ve"}))


def _perfect(verb: Token) -> bool:
    """Whether ``verb`` is in the past perfect ("had been due to expire")."""
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("had", "'d") for c in verb.children)


def _clause_tense(verb: Token | None) -> str | None:
    for _ in range(3):
        if verb is None:
            return None
        auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        if any(a.tag_ == "TO" for a in auxes) and verb.head.i != verb.i:
            head = _governing_verb(verb.head)
            if head is None or head.i == verb.i:
                return "future"
            complement = verb.dep_ == "xcomp"  # "planned to leave", not "offers to buy"
            tense = _verb_tense(head)
            if tense in ("present", "future") or (tense == "past" and complement and not _perfect(head)):
                return "future"  # "agreed to meet Friday": the meeting is still to come
            return "future?"
        if verb.tag_ == "VBG" and not auxes and verb.head.i != verb.i:
            head = _governing_verb(verb.head)  # participle clause: "..., rising to a high in June"
            if head is not None and head.i != verb.i:
                tense = _verb_tense(head)
                return tense + "?" if tense in ("past", "future") else None
        return _verb_tense(verb)
    return None


def _verb_tense(verb: Token) -> str | None:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & {"have", "'ve"} and words & (_FUTURE_AUX | _OPEN_MODALS) and verb.tag_ == "VBN":
        return "past"  # "may have been", "would have done"
    if words & _FUTURE_AUX:
        return "future"
    if words & _OPEN_MODALS:
        return None
    tags = {verb.tag_} | {a.tag_ for a in auxes}
    if verb.tag_ == "VBG" and words & {"is", "are", "'re", "am", "'m"}:
        return "future"
    if "VBD" in tags or (verb.tag_ == "VBN" and words & _PERFECT_AUX):
        return "past"
    if verb.tag_ == "VBP" and verb.lower_ in _SAME_FORM and not auxes:
        return None  # "hurt", "cut", "set": past or present, the tagger cannot tell
    if tags & {"VBZ", "VBP"}:
        return "present"
    if verb.tag_ == "VBN" and not auxes:
        return "past"  # reduced relative: "the year ended March 31", "statements made Friday"
    return None


class TimesComponent:
    """The ``newswire_times`` pipeline component."""

    def __init__(self, nlp: Language, name: str, use_ner: bool = True, ranges: bool = True) -> None:
        self.name = name
        self.use_ner = use_ner
        self.ranges = ranges

    def __call__(self, doc: Doc) -> Doc:
        anchor = published_date(doc)
        cache: dict[tuple[int, int], str | None] = {}

        def tense_at(start: int, end: int) -> str | None:
            key = (start, end)
            if key not in cache:
                span = doc.char_span(start, end, alignment_mode="expand")
                cache[key] = clause_tense(span) if span is not None and len(span) else None
            return cache[key]

        found = timex.extract(doc.text, anchor, tense_at, ranges=self.ranges)
        if self.use_ner:
            found = self._add_entities(doc, found, anchor, tense_at)
        times = [timex.to_dict(t) for t in found]
        doc._.newswire_times = times
        spans = []
        for t in found:
            span = doc.char_span(t.start, t.end, label=t.resolved.type, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans[self.name] = spans
        return doc

    @staticmethod
    def _add_entities(doc: Doc, found: list[timex.Timex], anchor: Any, tense_at: Any) -> list[timex.Timex]:
        """spaCy DATE/TIME entities the patterns missed, when they can be normalised."""
        taken = [(t.start, t.end) for t in found]
        extra = []
        text = doc.text  # built once: Doc.text joins every token on each access
        for ent in doc.ents:
            if ent.label_ not in ("DATE", "TIME"):
                continue
            s, e = ent.start_char, ent.end_char
            if any(s < te and e > ts for ts, te in taken):
                continue
            if text[s:e].lower().startswith("the ") and timex.normalise_span(text, s, e, anchor) is None:
                s += 4
            res = timex.normalise_span(text, s, e, anchor, tense_at(s, e))
            if res is None:
                continue
            s, e = timex.trim_extent(text, s, e)
            extra.append(timex.Timex(text[s:e], s, e, "ner", res))
        return sorted(found + extra, key=lambda t: t.start) if extra else found


@Language.factory("newswire_times", default_config={"use_ner": True, "ranges": True})
def make_times(nlp: Language, name: str, use_ner: bool, ranges: bool) -> TimesComponent:
    """spaCy factory of :class:`TimesComponent`."""
    return TimesComponent(nlp, name, use_ner=use_ner, ranges=ranges)


def when_for(time: dict[str, Any]) -> dict[str, Any]:
    """The event ``when`` dict (anchor "explicit") for a record time dict.

    ``start``/``end`` are the first and last day the expression covers; they are
    null for durations, sets, PRESENT_REF-style values and unresolved expressions.
    """
    interval = time.get("interval") or {}
    start, end = interval.get("start"), interval.get("end")
    return {
        "text": time.get("text"),
        "start": start,
        "end": end,
        "precision": time.get("precision") if start else None,
        "anchor": "explicit",
    }


def publication_when(doc: Doc) -> dict[str, Any] | None:
    """The fallback ``when``: the publication day (anchor "publication"), or None when unknown."""
    pub = published_date(doc)
    if pub is None:
        return None
    day = pub.isoformat()
    return {"text": None, "start": day, "end": day, "precision": "day", "anchor": "publication"}
