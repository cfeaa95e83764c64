"""Modality of an event trigger: asserted, future, proposed, hypothetical, negated or denied.

The modality is read from the dependency path that leads from the trigger up to
the clause that reports it:

- the trigger's own clause: negation (``not``, ``never``, ``no``), modal auxiliaries
  (``will`` -> future; ``could``/``may``/``might``/``should`` -> hypothetical; ``would`` ->
  future inside reported speech, hypothetical elsewhere), ``going to``/``due to``,
  conditional marks (``if``, ``unless``), and modifiers of noun triggers
  (``planned talks`` -> future, ``proposed talks`` -> proposed, ``possible strike`` ->
  hypothetical);
- each governor the path climbs through (``xcomp``, ``ccomp``, ``prep``/``pobj``, ``acl``...):
  ``deny`` -> denied; ``refuse``/``fail``/``decline`` -> negated; ``offer``/``propose``/
  ``suggest``/``call for``/``urge``/``demand`` -> proposed; ``plan``/``agree``/``promise``/
  ``vow``/``decide``/``ready``/``willing`` -> future; ``threaten``/``consider``/``could``,
  ``prospect``/``possibility``/``risk`` -> hypothetical.

The climb stops at a verb of saying (``said``, ``announced``...): the speech act itself
does not change the modality of what is reported. When several cues are found, the
strongest wins: denied > negated > hypothetical > proposed > future > asserted.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

__all__ = ["RANK", "SPEECH_VERBS", "ModalityResult", "modality_of"]

#: Strength order: the first cue of the strongest kind wins.
RANK = {"asserted": 0, "future": 1, "proposed": 2, "hypothetical": 3, "negated": 4, "denied": 5}

SPEECH_VERBS = frozenset(
    ["say", "tell", "announce", "report", "state", "add", "note", "confirm", "quote", "insist", "reiterate", "declare", "stress", "write", "explain", "believe", "think", "told", "disclose", "reveal", "indicate", "acknowledge", "according", "affirm", "assert", "claim", "allege", "argue", "comment", "maintain", "remark", "reply", "respond", "estimate", "show", "testify"]
)
NEG_WORDS = frozenset({"not", "n't", "never", "no", "neither", "nor", "without"})
FUTURE_MODALS = frozenset({"will", "shall", "'ll", "wo"})
HYPO_MODALS = frozenset({"could", "may", "might", "can", "should", "ought", "must"})
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether", "lest", "once"})

DENY_GOVERNORS = frozenset({"deny", "disclaim", "dispute"})
NEG_GOVERNORS = frozenset(
    {"refuse", "decline", "fail", "avoid", "reject", "stop", "cease", "prevent", "thwart", "foil",
     "halt", "abandon", "oppose", "rule"}
)
PROPOSE_GOVERNORS = frozenset(
    {"offer", "propose", "suggest", "call", "urge", "demand", "ask", "request", "seek", "want",
     "push", "press", "appeal", "recommend", "advocate", "invite", "plead", "order", "encourage",
     "insist", "require", "proposal", "suggestion", "bid", "initiative"}
)
FUTURE_GOVERNORS = frozenset(
    {"plan", "intend", "agree", "promise", "pledge", "vow", "decide", "prepare", "schedule",
     "expect", "aim", "set", "resolve", "commit", "undertake", "ready", "willing", "prepared",
     "due", "poised", "determined", "eager", "agreement", "deal",
     "commitment", "decision", "swear"}
)
HYPO_GOVERNORS = frozenset(
    {"threaten", "warn", "consider", "mull", "weigh", "fear", "risk", "hope", "try", "attempt",
     "seek", "likely", "possible", "able", "unlikely", "prospect", "possibility", "chance",
     "threat", "danger", "likelihood", "option", "scenario", "potential", "bid", "plot",
     "wish", "dream", "imagine", "could", "may", "might", "capable", "capability", "speculation",
     "rumor", "rumour", "suspect", "allege", "accuse", "charge", "blame", "suspicion",
     "allegation", "accusation", "claim", "report", "believe", "suspected", "alleged"}
)
#: Modifiers of a noun trigger ("planned talks", "proposed ceasefire", "possible strike").
FUTURE_MODIFIERS = frozenset({"planned", "upcoming", "future", "scheduled", "forthcoming", "next", "impending"})
PROPOSED_MODIFIERS = frozenset({"proposed", "suggested", "requested", "demanded"})
HYPO_MODIFIERS = frozenset({"possible", "potential", "likely", "hypothetical", "prospective", "alleged", "feared"})

#: Dependency labels the climb follows from a trigger towards its governors.
_CLIMB = frozenset(
    {"xcomp", "ccomp", "pcomp", "pobj", "prep", "acl", "acomp", "dobj", "nsubj", "nsubjpass",
     "attr", "conj", "compound", "appos", "oprd", "dative", "agent", "advcl", "csubj", "amod"}
)
#: Labels through which a head governs the trigger's content (a complement, not a conjunct).
_GOVERNED = frozenset({"xcomp", "ccomp", "pcomp", "pobj", "prep", "acl", "acomp", "dobj", "attr", "oprd",
                       "nsubjpass", "csubj"})
#: Labels that carry the head's own auxiliaries/negation down to the trigger.
_SHARE_CLAUSE = frozenset({"conj", "dobj", "nsubj", "nsubjpass", "attr", "pobj", "prep", "compound",
                           "agent", "dative", "oprd", "appos"})


@dataclass(frozen=True)
class ModalityResult:
    """The modality of a trigger, the token that signalled it, and whether the actor states
    its own intention (future or conditional-future: PLOVER codes those as AGREE/THREATEN;
    a negated intention, "will not release", as REJECT)."""

    value: str
    cue: Token | None
    intent: bool
    reported: bool


def _clause_cues(tok: Token, reported: bool) -> list[tuple[str, Token]]:
    """Cues found among a token's own children (its clause)."""
    cues: list[tuple[str, Token]] = []
    for ch in tok.children:
        low = ch.lower_
        dep = ch.dep_
        if dep == "neg" or (low in NEG_WORDS and dep in ("advmod", "det", "neg", "preconj")):
            cues.append(("negated", ch))
        elif dep in ("aux", "auxpass"):
            if low in FUTURE_MODALS:
                cues.append(("future", ch))
            elif low == "would" or low == "'d":
                cues.append(("future" if reported else "hypothetical", ch))
            elif low in HYPO_MODALS:
                cues.append(("proposed" if low in ("should", "must", "ought") else "hypothetical", ch))
            elif low == "going" or ch.lemma_ == "go" and tok.tag_ == "VB":
                cues.append(("future", ch))
        elif dep == "mark" and low in CONDITIONAL_MARKS and tok.dep_ == "advcl":
            cues.append(("hypothetical", ch))
        elif dep in ("amod", "compound", "advmod") and tok.pos_ in ("NOUN", "PROPN"):
            if low in FUTURE_MODIFIERS:
                cues.append(("future", ch))
            elif low in PROPOSED_MODIFIERS:
                cues.append(("proposed", ch))
            elif low in HYPO_MODIFIERS:
                cues.append(("hypothetical", ch))
    return cues


def _conditional_child(tok: Token) -> Token | None:
    """An ``if``/``unless`` clause attached to the token (a condition on it)."""
    for ch in tok.children:
        if ch.dep_ == "advcl":
            for gch in ch.children:
                if gch.dep_ == "mark" and gch.lower_ in ("if", "unless"):
                    return gch
    return None


def _is_reported(tok: Token) -> bool:
    """Whether the clause of ``tok`` is the complement of a verb of saying."""
    cur = tok
    for _ in range(12):
        if cur.head is cur:
            return False
        if cur.dep_ in ("ccomp", "xcomp", "parataxis") and cur.head.lemma_ in SPEECH_VERBS:
            return True
        if cur.dep_ not in _CLIMB:
            return False
        cur = cur.head
    return False


def modality_of(trigger: Token, governors_stop: frozenset[int] = frozenset()) -> ModalityResult:
    """Modality of the event signalled by ``trigger`` (see the module docstring).

    ``governors_stop`` holds indices of tokens that are themselves event triggers: the
    climb stops after reading their cue (an event governed by an AGREE event is future,
    but the AGREE event's own negation does not reach it).
    """
    reported = _is_reported(trigger)
    found: list[tuple[str, Token | None]] = []
    intent = False
    cur = trigger
    own = True  # still inside the trigger's own clause
    steps = 0
    while steps < 14:
        steps += 1
        if own:
            cues = _clause_cues(cur, reported)
            found.extend(cues)
            if any(v == "future" for v, _ in cues):
                intent = True
            cond = _conditional_child(cur)
            if cond is not None:
                found.append(("hypothetical", cond))
                if any(v == "future" for v, _ in cues) or reported:
                    intent = True
        if cur.head is cur:
            break
        dep = cur.dep_
        if dep not in _CLIMB:
            break
        if dep == "advcl" and any(ch.dep_ == "mark" for ch in cur.children):
            break
        if dep == "amod" and cur.pos_ != "VERB":
            break
        head = cur.head
        lemma = head.lemma_.lower()
        if head.lemma_ in SPEECH_VERBS and dep in ("ccomp", "xcomp", "parataxis", "conj", "advcl"):
            break
        if head.i != trigger.i and cur.i != head.i and dep in _GOVERNED:
            if lemma in DENY_GOVERNORS:
                found.append(("denied", head))
            elif lemma in NEG_GOVERNORS and dep in ("xcomp", "ccomp", "pcomp", "pobj", "prep", "dobj"):
                found.append(("negated", head))
            elif lemma in PROPOSE_GOVERNORS and dep not in ("nsubj", "nsubjpass"):
                found.append(("proposed", head))
            elif lemma in FUTURE_GOVERNORS and dep not in ("nsubj", "nsubjpass"):
                found.append(("future", head))
                intent = True
            elif lemma in HYPO_GOVERNORS and dep not in ("nsubj", "nsubjpass"):
                found.append(("hypothetical", head))
        # the head's own clause cues apply when the trigger shares its clause
        own = dep in _SHARE_CLAUSE
        if dep in ("conj",) and head.pos_ != cur.pos_:
            own = False
        if head.i in governors_stop:
            # read the governor's own auxiliaries once (will agree to ...), then stop
            for v, c in _clause_cues(head, reported):
                if v in ("future",):
                    found.append((v, c))
            break
        cur = head
    if not found:
        return ModalityResult("asserted", None, False, reported)
    value, cue = max(found, key=lambda vc: RANK[vc[0]])
    return ModalityResult(value, cue, intent, reported)
