"""newswire_quotes: quotations and reported speech, each attributed to its speaker.

The component finds three kinds of attribution (PolNeAR conventions):

- ``direct``: the whole reported content is inside quote marks
  (``"We will not back down," he said, "and we expect the talks to fail."``);
- ``partial``: the reported clause is partly quoted
  (``Without "real progress" in negotiations, he said, "their seizure will go on."``);
- ``indirect``: reported speech without quote marks, found from a cue verb and
  its content clause (``The ministry said in a statement that it would retaliate.``)
  or from ``according to X``.

How it works, per document (see docs/quotes.md). The cue words live in the readable data
file ``knowledge/quotes.yaml`` (:func:`load_cue_lexicon`), read once per process.

1. :func:`find_quote_spans` pairs quote marks at character level (straight, curly,
   low-9, guillemets, single quotes, two apostrophes), nests inner quotes and joins a
   quotation that runs over paragraphs (an unclosed quote continued by the next
   paragraph's opening mark). In a document quoting with curly marks, a lone straight mark
   opening a paragraph is a block-quote artefact, not a quotation.
2. Interview transcripts (``WALLACE: …`` / ``PENCE: …`` paragraphs) give one quote per turn.
3. Candidate cues are found in one vectorised pass over the Doc's ``LOWER``/``LEMMA``/``POS``
   hash arrays (no per-token Python loop over the document). Speech verbs (``CUE_LEMMAS``)
   go first. For a cue the content is, in order of preference: the quotations next to the
   attribution clause (``"...," he said, "..."``, ``He said: "..."``) unless the complement
   clause is larger (a partial quote); a parenthetical attribution's interrupted clause;
   the unquoted words after ``He added:``; the complement clause (``ccomp``, some ``xcomp``,
   a that-clause the parser hung on an object or adverbial), cut before a sibling
   attribution, a contrastive clause or a trailing participle and kept in the cue's
   paragraph; the clause before a trailing ``…, said X``. Then the passive frame (``The bill
   is expected to pass``: subject and complement), quotation verbs (``QUOTE_CUES``), stance
   verbs (``STANCE_CUES``: the object with its secondary complement, ``blamed the bank for
   the losses``; some verbs only through prepositions, ``spoke about``), attitude adjectives
   (``ADJ_CUES``), cue nouns with a that-clause (``NOUN_CUES``) or an infinitive
   (``INTENT_NOUNS``, with an owner), ``according to X`` and evidence phrases (``in a new
   poll``) when no verb of saying claims the sentence.
4. A colon before a quotation, a headline ``Name: words``, a quotation signed with a dash
   (``"…" ― Jane Doe``) and a quotation opening the next sentence or paragraph after a
   direct quote (its continuation) are attributed next.
5. The speaker is the cue's subject (through ``conj``/``xcomp``/``advcl``/``acl`` and
   relative clauses; never a quoted word), the object of ``according to``, or the words
   between a quotation and its cue, looked up in the actors component's output
   (:func:`~newswire.components._doc.token_actor_index`). A third-person pronoun without
   an actor falls back to the nearest preceding person (or group) actor and becomes one of
   its mentions; first and second person stay null; a description without an actor (``a
   senior official``) becomes a new actor of kind ``anonymous`` (country from a demonym
   actor inside it, sector from its head noun); an unknown name becomes a new person or
   organization actor.

``text`` of a quote is its reported content: the pieces of an interrupted or continued
quotation are joined with `` … ``; ``start``/``end`` cover the first to the last piece.
``doc.user_data["newswire_quote_rules"]`` lists, per quote, the rule that found it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from spacy.attrs import IDX, LEMMA, LOWER, ORTH, POS
from spacy.language import Language
from spacy.parts_of_speech import ADP, NOUN
from spacy.strings import StringStore
from spacy.tokens import Doc, Span, Token

from ._doc import token_actor_index

__all__ = ["CUE_LEMMAS", "LEXICON_FILE", "QuotesComponent", "find_quote_spans", "load_cue_lexicon", "make_quotes"]


#: The cue lexicon (readable YAML, see the file's comments).
LEXICON_FILE = Path(__file__).resolve().parent.parent / "knowledge" / "quotes.yaml"


#: Sections of the lexicon that are word lists (the others are mappings).
_WORD_SECTIONS = (
    "speech_verbs", "clause_only_verbs", "xcomp_verbs", "dobj_verbs", "quote_verbs", "stance_verbs",
    "stance_prepositions", "stance_as_verbs", "secondary_prepositions", "passive_verbs", "attitude_adjectives",
    "attitude_prepositions", "cue_nouns", "intention_nouns", "cue_noun_verbs", "evidence_prepositions",
    "evidence_nouns", "label_words", "military_modifiers",
)


def _words_of(value: Any) -> frozenset[str]:
    """A lexicon section written as a whitespace-separated string or a list of strings."""
    if value is None:
        return frozenset()
    if isinstance(value, str):
        return frozenset(value.lower().split())
    return frozenset(w.lower() for item in value for w in str(item).split())


@functools.lru_cache(maxsize=4)
def load_cue_lexicon(path: str | None = None) -> dict[str, Any]:
    """Read the cue lexicon (``knowledge/quotes.yaml`` by default) once per process."""
    with open(path or LEXICON_FILE, encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    if not isinstance(data, dict):
        raise TypeError(f"{path or LEXICON_FILE}: expected a mapping of lexicon sections")
    out: dict[str, Any] = {k: frozenset() for k in _WORD_SECTIONS}
    out.update({k: _words_of(v) for k, v in data.items() if not isinstance(v, dict)})
    out["sector_nouns"] = {str(k).lower(): str(v) for k, v in (data.get("sector_nouns") or {}).items()}
    out["stance_prep_verbs"] = {
        str(k).lower(): _words_of(v) for k, v in (data.get("stance_prep_verbs") or {}).items()
    }
    return out


_LEX = load_cue_lexicon()

#: Verbs that introduce reported speech or a reported state of mind.
CUE_LEMMAS: frozenset[str] = _LEX["speech_verbs"]
#: Speech verbs that count only with a finite complement clause.
CLAUSE_ONLY: frozenset[str] = _LEX["clause_only_verbs"]
#: Cue verbs whose ``xcomp`` (``vowed to fight``) is the reported content.
XCOMP_CUES: frozenset[str] = _LEX["xcomp_verbs"]
#: Cue verbs whose direct object can be the reported content (``denied the report``).
DOBJ_CUES: frozenset[str] = _LEX["dobj_verbs"]
#: Verbs that attribute only a quotation next to them or in their clause.
QUOTE_CUES: frozenset[str] = _LEX["quote_verbs"]
#: Verbs of stance and intention whose object, complement or prepositional object is content.
STANCE_CUES: frozenset[str] = _LEX["stance_verbs"]
#: Adjectives of belief and attitude ("officials are confident that …", "critical of …").
ADJ_CUES: frozenset[str] = _LEX["attitude_adjectives"]
#: Nouns whose "that" clause is reported content ("his claim that the vote was rigged").
NOUN_CUES: frozenset[str] = _LEX["cue_nouns"]
#: Nouns of intention whose infinitive is content ("her determination to act alone").
INTENT_NOUNS: frozenset[str] = _LEX["intention_nouns"]
#: Verbs whose subject is the source of the noun cue in their object ("X repeated his claim").
_NOUN_CUE_VERBS: frozenset[str] = _LEX["cue_noun_verbs"]
_ADJ_PREPS: frozenset[str] = _LEX["attitude_prepositions"]
_STANCE_PREPS: frozenset[str] = _LEX["stance_prepositions"]
#: Stance verbs whose content comes only through some prepositions ("spoke about …").
_STANCE_PREP_VERBS: dict[str, frozenset[str]] = _LEX["stance_prep_verbs"]
#: Stance verbs that count only with an "as" complement ("views the deal as a trap").
_AS_VERBS: frozenset[str] = _LEX["stance_as_verbs"]
#: Prepositions of an object's secondary complement ("blamed X for Y", "described X as Y").
_SECONDARY_PREPS: frozenset[str] = _LEX["secondary_prepositions"]
#: Verbs whose passive ("is expected to", "was accused of") attributes its subject and complement.
PASSIVE_CUES: frozenset[str] = _LEX["passive_verbs"]
#: Prepositions and nouns of evidence ("in a new poll", "by one estimate").
EVIDENCE_PREPS: frozenset[str] = _LEX["evidence_prepositions"]
EVIDENCE_NOUNS: frozenset[str] = _LEX["evidence_nouns"]
#: Every verb lemma that can open a frame (one set lookup per token finds the candidates).
_ANY_VERB = CUE_LEMMAS | QUOTE_CUES | STANCE_CUES | PASSIVE_CUES | _AS_VERBS | frozenset(_STANCE_PREP_VERBS)
_ANY_NOUN = _ANY_VERB | NOUN_CUES | INTENT_NOUNS

_SUBJ_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
_CONTENT_DEPS = frozenset({"ccomp"})
_PRONOUNS_PERSON = frozenset({"he", "she", "him", "her"})
_PRONOUNS_GROUP = frozenset({"they", "it"})
#: First and second person: the author, a reader or an interviewer; never guessed.
_PRONOUNS_SPEECH = frozenset({"i", "me", "we", "us", "you"})
_QUANTIFIERS = frozenset({"half", "most", "many", "some", "others", "all", "both", "few", "several"})
_RELATIVE = frozenset({"who", "that", "which", "whom"})


_STRINGS = StringStore()  # only hashes strings (a lookup by str never adds it)


def _hash_array(words: Iterable[str]) -> Any:
    """Hashes of the words as spaCy stores them (lower case, capitalised and upper case)."""
    forms = {f for w in words for f in (w, w.capitalize(), w.upper())}
    return np.array(sorted(_STRINGS[f] for f in forms), dtype=np.uint64)


def _member(values: Any, table: Any) -> Any:
    """Boolean mask: which of ``values`` are in the sorted hash array ``table``."""
    pos = np.searchsorted(table, values)
    return table[np.minimum(pos, len(table) - 1)] == values


_H_LOWER = _hash_array(ADJ_CUES | {"according"})
_H_EVIDENCE = _hash_array(EVIDENCE_PREPS)
_H_VERB = _hash_array(_ANY_VERB)
_H_NOUN = _hash_array(_ANY_NOUN)
_NEWLINE_RUN = re.compile(r"\n\s*")
_H_COLON = np.uint64(_STRINGS[":"])

#: Head nouns of descriptions and the PLOVER sector they suggest.
_SECTOR_NOUNS: dict[str, str] = _LEX["sector_nouns"]
_MIL_MODIFIERS: frozenset[str] = _LEX["military_modifiers"]

_OPEN_SINGLE = re.compile(r"(?:(?<=^)|(?<=[\s(\[—–-]))[‘'](?=[\w$])", re.MULTILINE)
_CLOSE_SINGLE = re.compile(r"(?<=[\w.,!?%)])[’'](?=[\s.,;:!?)\]—–-]|$)", re.MULTILINE)
_LEFT_SKIP = frozenset({",", "—", "–", "-", ":", ";"})
#: Words of page furniture that open a line with a colon but report nobody's words.
_LABEL_WORDS: frozenset[str] = _LEX["label_words"]
_LONE_STRAIGHT = re.compile(r'(^[ \t]*)"(?=[^"\n]*$)', re.MULTILINE)
_DASHES = frozenset({"―", "—", "–", "-", "--"})
_RIGHT_SKIP = frozenset({",", ":", "—", "–", "-", "that"})


# --------------------------------------------------------------------------- quote marks


def _is_space(ch: str) -> bool:
    return ch == "" or ch.isspace()


def _open_context(text: str, i: int) -> bool:
    """A straight double quote at ``i`` looks like an opening mark."""
    prev = text[i - 1] if i > 0 else ""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    if _is_space(prev) or prev in "([{—–-/“‘'":
        return not _is_space(nxt)
    return False


def find_quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans ``[start, end)`` of top-level quotations, quote marks included.

    Straight, curly and low-9 double quotes, guillemets (either direction) and single
    quotes are paired; quotes nested inside a quotation are part of it. A quotation
    left open at the end of a paragraph continues when the next paragraph opens with
    a quote mark (the newswire convention); otherwise it ends with its paragraph.
    """
    # two apostrophes stand for a double quote in some wire feeds (''Like this,'' he said)
    text = text.replace("''", '"\u2060')
    if "“" in text or "”" in text:
        # a document that quotes with curly marks: a straight mark opening a paragraph and
        # never closed in it is a block-quote or scraping artefact, not a quotation
        text = _LONE_STRAIGHT.sub(lambda m: m.group(1) + "\u2061", text)
    spans: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []  # (opening mark, position)
    base_start = -1
    n = len(text)
    i = 0
    while i < n:
        ch = text[i]
        if ch == "\n":
            if stack:
                # skip to the next paragraph's first character
                j = i
                while j < n and text[j].isspace():
                    j += 1
                opener = stack[0][0]
                continues = j < n and (text[j] == opener or (opener in '"“„' and text[j] in '"“„'))
                if continues:
                    del stack[1:]
                    i = j + 1
                    continue
                end = i
                while end > base_start and text[end - 1].isspace():
                    end -= 1
                if end - base_start > 1:
                    spans.append((base_start, end))
                stack.clear()
            i += 1
            continue
        if ch not in '"“”„«»':
            i += 1
            continue
        top = stack[-1][0] if stack else ""
        role = ""
        if ch == '"':
            if top == '"' or stack and not _open_context(text, i):
                role = "close"
            else:
                role = "open"
        elif ch == "“":
            if top == "„":
                role = "close"
            elif top == "“":
                prev = text[i - 1] if i > 0 else ""
                nxt = text[i + 1] if i + 1 < n else ""
                if not _is_space(prev) and (_is_space(nxt) or nxt in ".,;:!?"):
                    role = "close"  # a mistyped closing mark
                else:
                    stack.pop()  # the previous quotation was never closed
                    if not stack:
                        base_start = -1
                    role = "open"
            else:
                role = "open"
        elif ch == "„":
            role = "open"
        elif ch == "”":
            if stack:
                role = "close"
            elif (i == 0 or text[i - 1] == "\n") and i + 1 < n and not _is_space(text[i + 1]):
                role = "open"  # a paragraph opened with a mistyped closing mark
            else:
                role = ""
        elif ch == "«":
            role = "close" if top == "»" else "open"
        elif ch == "»":
            if top == "«":
                role = "close"
            elif _open_context(text, i):
                role = "open"
            elif stack:
                role = "close"
        if role == "open":
            if not stack:
                base_start = i
            stack.append((ch, i))
        elif role == "close" and stack:
            stack.pop()
            end = i + 2 if i + 1 < n and text[i + 1] == "\u2060" else i + 1
            if not stack and end - base_start > 2:
                spans.append((base_start, end))
        i += 1
    if stack and base_start >= 0:
        end = n
        while end > base_start and text[end - 1].isspace():
            end -= 1
        if end - base_start > 1:
            spans.append((base_start, end))
    spans.sort()
    return _add_single_quotes(text, spans)


def _add_single_quotes(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Add single-quoted stretches that do not overlap a double-quoted one (they may hold some)."""
    if "'" not in text and "‘" not in text:
        return spans
    covered = [False] * (len(text) + 1)
    for s, e in spans:
        for k in range(s, e):
            covered[k] = True
    closers = [m.start() for m in _CLOSE_SINGLE.finditer(text) if not covered[m.start()]]
    out = list(spans)
    ci = 0
    last_end = -1
    for m in _OPEN_SINGLE.finditer(text):
        s = m.start()
        if covered[s] or s < last_end:
            continue
        while ci < len(closers) and closers[ci] <= s:
            ci += 1
        if ci >= len(closers):
            break
        e = closers[ci]
        if "\n" in text[s:e] or covered[s] or covered[e]:
            continue
        # the opener and closer must be the same family
        if (text[s] == "'") != (text[e] == "'"):
            continue
        # British style: double quotes nested in a single-quoted quotation belong to it
        inner = [(a, b) for a, b in out if s < a and b <= e + 1]
        if any(covered[s : e + 1]) and len(inner) != sum(1 for a, b in out if a < e + 1 and b > s):
            continue  # a double quotation straddles it
        out = [span for span in out if span not in inner]
        out.append((s, e + 1))
        last_end = e + 1
    out.sort()
    return out


_TRANSCRIPT = re.compile(
    r"^[ \t]*[\"“]?([A-Z][A-Z.'’-]+(?:[ \t]+[A-Z][A-Z.'’-]+){0,2}):[ \t]+(\S[^\n]*)$", re.MULTILINE
)


def _transcript_turns(text: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """(speaker label, words) character spans of an interview transcript's turns.

    A transcript has at least two paragraphs opened by a capitalised speaker label and a
    colon (``WALLACE: …`` / ``"PENCE: …``); a lone ``NOTE:`` is not one.
    """
    if ":" not in text:
        return []
    out = []
    for m in _TRANSCRIPT.finditer(text):
        s, e = m.span(2)
        while e > s and (text[e - 1].isspace() or text[e - 1] in "\"”"):
            e -= 1
        if e > s:
            out.append((m.span(1), (s, e)))
    if len({text[a:b] for (a, b), _ in out}) < 2:
        return []
    return out


# --------------------------------------------------------------------------- component


@dataclass
class _Content:
    cue: tuple[int, int] | None  # token range of the cue
    speaker_tok: Token | None
    pieces: list[tuple[int, int]]  # token ranges of the content, in order
    anchor: int  # a token of the attribution, to find fallback speakers
    speaker_id: str | None = None
    speaker_span: tuple[int, int] | None = None  # char span of the speaker mention
    rule: str = ""

    @property
    def start(self) -> int:
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        return self.pieces[-1][1]


class QuotesComponent:
    """Find quotations and reported speech and attribute them to actors."""

    def __init__(self, nlp: Language, name: str, min_quote_words: int = 4) -> None:
        self.name = name
        self.min_quote_words = min_quote_words
        self._created: set[str] = set()

    # ----------------------------------------------------------------- main
    def __call__(self, doc: Doc) -> Doc:
        """Set ``doc._.newswire_quotes`` (and the span group) for one document."""
        if doc._.newswire_actors is None:
            doc._.newswire_actors = []
        self._created = set()
        text = doc.text
        turns = _transcript_turns(text)
        chars = find_quote_spans(text)
        if turns:
            # a transcript's paragraphs often open with a quote mark that never closes
            chars = [(s, e) for s, e in chars if not any(s <= lab[0] < e for lab, _ in turns)]
        qspans = self._quote_token_spans(doc, chars)
        in_quote = [-1] * len(doc)
        for k, (s, e) in enumerate(qspans):
            for t in range(s, e):
                in_quote[t] = k
        para = self._paragraph_ids(doc, text)
        claimed = [False] * len(doc)
        contents: list[_Content] = []
        for label, body in turns:
            lab = doc.char_span(*label, alignment_mode="expand")
            rng = doc.char_span(*body, alignment_mode="expand")
            if lab is None or rng is None or not len(rng) or rng.start < lab.end:
                continue
            turn = _Content((lab.end, lab.end + 1), lab.root, [(rng.start, rng.end)], lab.start, rule="transcript")
            if self._claim(claimed, turn.pieces):
                contents.append(turn)
        # speech verbs first, then quotation, stance and attitude words
        speech: list[Token] = []
        others: list[Token] = []
        for tok in self._candidates(doc, in_quote):
            (speech if self._is_cue(tok) else others).append(tok)
        for tok in speech + others:
            if claimed[tok.i]:
                continue
            content = self._content_for_cue(doc, tok, qspans, in_quote, para)
            if content is None:
                continue
            pieces = [p for p in content.pieces if not any(claimed[t] for t in range(*p))]
            if not pieces:
                continue
            content.pieces = pieces
            for s, e in pieces:
                for t in range(s, e):
                    claimed[t] = True
            contents.append(content)
        self._colon_quotes(doc, qspans, in_quote, claimed, para, contents)
        self._dash_quotes(doc, qspans, in_quote, claimed, para, contents)
        self._orphan_quotes(doc, qspans, claimed, para, contents)
        contents.sort(key=lambda c: c.start)
        actor_index = token_actor_index(doc)
        results: list[dict[str, Any]] = []
        rules: list[str] = []
        spans: list[Span] = []
        for content in contents:
            self._resolve_speaker(doc, content, actor_index, contents)
        for content in contents:
            record = self._to_dict(doc, content, in_quote, len(results) + 1)
            if record is None:
                continue
            results.append(record)
            rules.append(content.rule)
            spans.append(Span(doc, content.start, content.end, label=record["kind"]))
            if content.cue is not None:
                spans.append(Span(doc, content.cue[0], content.cue[1], label="cue"))
        doc._.newswire_quotes = results
        doc.user_data["newswire_quote_rules"] = rules
        doc.spans["newswire_quotes"] = spans
        return doc

    # ----------------------------------------------------------------- helpers
    @staticmethod
    def _quote_token_spans(doc: Doc, chars: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        for s, e in chars:
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            if out and span.start < out[-1][1]:
                continue
            out.append((span.start, span.end))
        return out

    @staticmethod
    def _candidates(doc: Doc, in_quote: list[int]) -> list[Token]:
        """Tokens outside quotations that can open an attribution frame.

        One vectorised pass over the Doc's hash arrays (``LOWER``, ``LEMMA``, ``POS``) against
        the lexicon's precomputed hashes; only the few hits become ``Token`` objects.
        """
        if not len(doc):
            return []
        arr = doc.to_array([LOWER, LEMMA, POS])
        lower, lemma, pos = arr[:, 0], arr[:, 1], arr[:, 2]
        is_noun = pos == NOUN
        hit = (
            _member(lower, _H_LOWER)
            | (_member(lower, _H_EVIDENCE) & (pos == ADP))
            | (_member(lemma, _H_NOUN) & is_noun)
            | (_member(lemma, _H_VERB) & ~is_noun)
        )
        return [doc[int(i)] for i in np.flatnonzero(hit) if in_quote[int(i)] < 0]

    @staticmethod
    def _paragraph_ids(doc: Doc, text: str) -> list[int]:
        """Paragraph number of every token (a run of whitespace with a newline ends one)."""
        if not len(doc):
            return []
        starts = np.fromiter((m.start() for m in _NEWLINE_RUN.finditer(text)), dtype=np.int64)
        idx = doc.to_array(IDX).astype(np.int64)
        ids: list[int] = np.searchsorted(starts, idx, side="left").tolist()
        return ids

    @staticmethod
    def _words(doc: Doc, start: int, end: int) -> int:
        return sum(1 for t in doc[start:end] if not (t.is_punct or t.is_space))

    def _is_cue(self, tok: Token) -> bool:
        """A speech or cognition verb that introduces reported content."""
        if tok.pos_ not in ("VERB", "AUX") or tok.lemma_.lower() not in CUE_LEMMAS:
            return False
        lemma = tok.lemma_.lower()
        if lemma == "continue":
            return tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].text == ":"
        if (
            tok.tag_ == "VBN"
            and tok.dep_ in ("advcl", "acl")
            and not any(c.dep_ in ("aux", "auxpass") for c in tok.children)
        ):
            return False  # "Asked about the plan, she said …"
        if lemma in CLAUSE_ONLY:
            # state-of-mind and evidence verbs only with a finite complement, and with an
            # owner ("assuming that …" and "Imagine that …" attribute nothing)
            if (
                tok.tag_ in ("VBG", "VB")
                and tok.dep_ in ("advcl", "ROOT", "pcomp")
                and not any(c.dep_ in _SUBJ_DEPS for c in tok.children)
            ):
                return False
            return any(c.dep_ == "ccomp" for c in tok.children)
        return True

    def _content_for_cue(
        self,
        doc: Doc,
        tok: Token,
        qspans: list[tuple[int, int]],
        in_quote: list[int],
        para: list[int],
    ) -> _Content | None:
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            return self._according_to(doc, tok, in_quote, para)
        if tok.pos_ == "ADP":
            return self._evidential(doc, tok, in_quote, para)
        lemma = tok.lemma_.lower()
        if lemma in PASSIVE_CUES and tok.pos_ == "VERB":
            found = self._passive(doc, tok, qspans, in_quote, para)
            if found is not None:
                return found
        if tok.lower_ in ADJ_CUES and tok.dep_ in ("acomp", "ROOT", "conj"):
            return self._adjective(doc, tok, qspans, in_quote, para)
        if tok.pos_ == "NOUN" and (lemma in NOUN_CUES or lemma in INTENT_NOUNS):
            return self._noun(doc, tok, qspans, in_quote, para)
        if not self._is_cue(tok):
            if tok.pos_ == "VERB" and lemma in QUOTE_CUES:
                found = self._quote_only(doc, tok, qspans, in_quote, para)
                if found is not None:
                    return found
            if tok.pos_ == "VERB" and (lemma in STANCE_CUES or lemma in _STANCE_PREP_VERBS or lemma in _AS_VERBS):
                return self._stance(doc, tok, qspans, in_quote, para)
            return None
        content_heads = [c for c in tok.children if c.dep_ in _CONTENT_DEPS]
        if lemma in XCOMP_CUES:
            content_heads += [c for c in tok.children if c.dep_ == "xcomp"]
        if not content_heads:
            # 'tweeted that …' parsed as an adverbial clause: a that-clause is still the content
            content_heads = [
                c
                for c in tok.children
                if c.dep_ == "advcl"
                and c.i > tok.i
                and [g.lower_ for g in c.children if g.dep_ == "mark"] == ["that"]
            ]
        if not content_heads:
            # "said in a statement that …", "told the meeting that …": the parser hangs the
            # clause on the noun
            nouns = [
                c for c in tok.children if c.dep_ == "dobj" and c.i > tok.i and c.lemma_.lower() not in NOUN_CUES
            ]
            nouns += [p for prep in tok.children if prep.dep_ == "prep" and prep.i > tok.i for p in prep.children]
            for noun in nouns:
                content_heads += [
                    c
                    for c in noun.children
                    if c.dep_ in ("acl", "ccomp", "relcl")
                    and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
                ]
        if len(content_heads) > 1:
            # "X said A, and Y said B": a sibling attribution is not part of the content
            content_heads = content_heads[:1] + [
                c
                for c in content_heads[1:]
                if not (self._is_cue(c) and any(g.dep_ in _SUBJ_DEPS for g in c.children))
            ]
        # the attribution clause: the cue with its subject, auxiliaries and adjuncts
        excluded = {c.i for c in content_heads}
        clause_lo, clause_hi = tok.i, tok.i + 1
        for child in tok.children:
            if child.i in excluded or child.dep_ == "punct":
                continue
            if child.dep_ in ("conj", "cc", "parataxis", "advcl") and child.i > tok.i:
                continue
            lo, hi = child.left_edge.i, child.right_edge.i + 1
            if (
                any(in_quote[t] >= 0 for t in range(lo, hi))
                and child.dep_ not in _SUBJ_DEPS
                and not (child.dep_ == "prep" and child.i > tok.i and in_quote[child.i] < 0)
            ):
                continue  # a quotation in the clause is content, a title after "on" is not
            clause_lo, clause_hi = min(clause_lo, lo), max(clause_hi, hi)
        speaker = self._subject(tok)
        if speaker is not None and in_quote[speaker.i] >= 0:
            speaker = None  # a mis-parse that took a quoted word for the subject
        cue = self._cue_range(doc, tok)
        p = para[tok.i]
        # 1. quotations right next to the attribution clause
        left = self._adjacent_quote(doc, clause_lo - 1, -1, in_quote, qspans, para, tok)
        if left is None:
            left = self._left_quote_by_marks(doc, tok, in_quote, qspans, para)
        right = self._adjacent_quote(doc, clause_hi, 1, in_quote, qspans, para, tok)
        if right is None and left is not None:
            right = self._right_quote_by_marks(doc, tok, in_quote, qspans, para, left)
        parenthetical = not content_heads and self._is_parenthetical(doc, tok, in_quote)
        if parenthetical and left is None:
            # 'Without "real progress", he said, "their seizure …"': the interrupted clause
            interrupted = self._interrupted(doc, tok, in_quote, qspans, para)
            if interrupted is not None:
                return _Content(cue, speaker, interrupted, tok.i, rule="interrupted_quote")
        complement: tuple[int, int] | None = None
        before = [c for c in content_heads if c.i < tok.i]
        after = [c for c in content_heads if c.i > tok.i]
        if before and after:
            # '"…," he said as the crowd booed': one side only, never across the cue
            if left is not None:
                content_heads = before
            elif right is not None:
                content_heads = after
            else:
                size_before = sum(len(list(c.subtree)) for c in before)
                size_after = sum(len(list(c.subtree)) for c in after)
                content_heads = before if size_before >= size_after else after
        if content_heads:
            lo = min(c.left_edge.i for c in content_heads)
            hi = max(c.right_edge.i for c in content_heads) + 1
            if len(content_heads) == 1 and content_heads[0].i > tok.i:
                hi = self._coordinated(doc, tok, content_heads[0], lo, hi)
            rng = self._clip(lo, hi, para, p)
            if rng is not None:
                rng = self._cut(doc, rng[0], rng[1], tok, in_quote)
            if rng is not None:
                rng = self._trim(doc, *rng)
            if rng is not None:
                rng = self._skip_leading_date(doc, rng, cue)
                complement = self._widen(rng, in_quote, qspans)
        single = right if left is None else (left if right is None else None)
        if single is not None and complement is not None:
            qs, qe = qspans[single]
            if complement[0] <= qs < complement[1] and self._words(doc, *complement) > self._words(
                doc, qs, qe
            ):
                # 'He said "it gets me mad" every time …': the whole complement
                return _Content(cue, speaker, [complement], tok.i, rule="complement_quote")
        if left is not None and speaker is None and qspans[left][1] < tok.i:
            stretch = self._trim(doc, qspans[left][1], tok.i)
            if stretch is not None:
                speaker = doc[stretch[0] : stretch[1]].root
        if left is not None and speaker is None:
            # '"…," said Jared Bernstein, a senior fellow …': the name after the cue
            end = tok.i + 1
            while end < len(doc) and end - tok.i <= 6 and doc[end].text not in (",", ".", ";", ":"):
                if in_quote[end] >= 0 or doc[end].pos_ == "VERB":
                    break
                end += 1
            names = [t for t in doc[tok.i + 1 : end] if t.pos_ in ("PROPN", "NOUN", "PRON")]
            if names:
                speaker = doc[tok.i + 1 : end].root
        if left is not None or right is not None:
            pieces = []
            if left is not None:
                pieces.append(qspans[left])
            if right is not None:
                pieces.append(qspans[right])
            return _Content(cue, speaker, pieces, tok.i, rule="adjacent")
        # 2. 'The governor added: It is typical of her.': the rest of the paragraph
        colon = self._colon_after(doc, tok, clause_hi, in_quote, para)
        if colon is not None and (complement is None or complement[0] > colon):
            hi = colon + 1
            while hi < len(doc) and para[hi] == p:
                hi += 1
            rng = self._trim(doc, colon + 1, hi)
            if rng is not None and self._words(doc, *rng) >= 3:
                return _Content(cue, speaker, [self._widen(rng, in_quote, qspans)], tok.i, rule="colon_text")
        # 3. the complement clause
        if complement is not None:
            return _Content(cue, speaker, [complement], tok.i, rule="complement")
        # 4. a parenthetical or trailing attribution: the clause it interrupts
        if parenthetical:
            interrupted = self._interrupted(doc, tok, in_quote, qspans, para)
            return (
                None
                if interrupted is None
                else _Content(cue, speaker, interrupted, tok.i, rule="interrupted")
            )
        trailing = self._trailing(doc, tok, in_quote, qspans, para, speaker)
        if trailing is not None:
            return trailing
        if lemma in STANCE_CUES or lemma in _STANCE_PREP_VERBS or lemma in _AS_VERBS:
            return self._stance(doc, tok, qspans, in_quote, para)
        # 5. a noun-phrase content for a few verbs ("denied the report", "said so")
        if lemma in DOBJ_CUES or lemma == "say":
            objs = [c for c in tok.children if c.dep_ == "dobj"]
            if lemma == "say":
                objs += [c for c in tok.children if c.lower_ in ("so", "yes", "no") and c.i > tok.i]
            objs = [o for o in objs if o.tag_ not in ("WP", "WDT") and in_quote[o.i] < 0]
            if objs:
                rng = self._trim(doc, objs[0].left_edge.i, objs[0].right_edge.i + 1)
                if rng is not None and (lemma == "say" or self._words(doc, *rng) >= 2):
                    return _Content(cue, speaker, [self._widen(rng, in_quote, qspans)], tok.i, rule="object")
        return None

    @staticmethod
    def _colon_after(doc: Doc, tok: Token, clause_hi: int, in_quote: list[int], para: list[int]) -> int | None:
        """Index of a colon that ends the attribution clause and opens unquoted words."""
        i = max(clause_hi, tok.i + 1)
        if i >= len(doc) or doc[i].text != ":" or in_quote[i] >= 0:
            return None
        j = i + 1
        while j < len(doc) and doc[j].is_space and para[j] == para[i]:
            j += 1
        if j >= len(doc) or para[j] != para[i] or in_quote[j] >= 0:
            return None
        return i

    def _trailing(
        self,
        doc: Doc,
        tok: Token,
        in_quote: list[int],
        qspans: list[tuple[int, int]],
        para: list[int],
        speaker: Token | None,
    ) -> _Content | None:
        """'…, said Alan Abramowitz, a demographer.' when the parse missed the complement."""
        if tok.dep_ != "ROOT" or any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in tok.children):
            return None
        sent = tok.sent
        comma = -1
        for i in range(tok.i - 1, max(sent.start, tok.i - 8) - 1, -1):
            t = doc[i]
            if t.text == ",":
                comma = i
                break
            if t.pos_ in ("VERB", "AUX") or in_quote[i] >= 0:
                return None
        if comma < 0:
            return None
        after = [t for t in doc[tok.i + 1 : sent.end] if not (t.is_punct or t.is_space)]
        if any(t.pos_ == "VERB" for t in after):
            return None
        rng = self._clip(sent.start, comma, para, para[tok.i])
        rng = self._trim(doc, *rng) if rng is not None else None
        if rng is None or self._words(doc, *rng) < 4:
            return None
        if speaker is None or speaker.i < comma:
            inverted = [c for c in tok.children if c.dep_ in _SUBJ_DEPS and c.i > tok.i]
            between = [t for t in doc[comma + 1 : tok.i] if t.pos_ in ("NOUN", "PROPN", "PRON")]
            speaker = inverted[0] if inverted else (doc[comma + 1 : tok.i].root if between else None)
        return _Content(
            self._cue_range(doc, tok), speaker, [self._widen(rng, in_quote, qspans)], tok.i, rule="trailing"
        )

    def _noun(
        self,
        doc: Doc,
        tok: Token,
        qspans: list[tuple[int, int]],
        in_quote: list[int],
        para: list[int],
    ) -> _Content | None:
        """'his claim that the election was rigged': the that-clause, the possessor speaks.

        Nouns of intention take an infinitive instead, and only with a possessor or a
        verb whose subject owns them ("her determination to win", "he announced plans to run").
        """
        lemma = tok.lemma_.lower()
        speaker = next((c for c in tok.children if c.dep_ == "poss"), None)
        if speaker is None and tok.dep_ == "dobj" and tok.head.lemma_.lower() in _NOUN_CUE_VERBS:
            speaker = self._subject(tok.head)
        target = None
        if lemma in NOUN_CUES:
            target = next(
                (
                    c
                    for c in tok.rights
                    if c.dep_ in ("acl", "ccomp")
                    and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
                ),
                None,
            )
        if target is None and lemma in INTENT_NOUNS and speaker is not None:
            target = next(
                (
                    c
                    for c in tok.rights
                    if c.dep_ in ("acl", "relcl")
                    and c.tag_ == "VB"
                    and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
                ),
                None,
            )
        if target is None:
            return None
        rng = self._clip(target.left_edge.i, target.right_edge.i + 1, para, para[tok.i])
        if rng is not None:
            rng = self._cut(doc, rng[0], rng[1], tok, in_quote)
        if rng is not None:
            rng = self._trim(doc, *rng)
        if rng is None or self._words(doc, *rng) < 3:
            return None
        return _Content((tok.i, tok.i + 1), speaker, [self._widen(rng, in_quote, qspans)], tok.i, rule="noun")

    def _adjective(
        self,
        doc: Doc,
        tok: Token,
        qspans: list[tuple[int, int]],
        in_quote: list[int],
        para: list[int],
    ) -> _Content | None:
        """'Officials are confident that the talks will succeed', 'She is critical of the deal'."""
        verb = tok.head if tok.dep_ == "acomp" else tok
        speaker = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if speaker is None or speaker.lower_ in ("it", "there", "this", "that"):
            return None
        target = next((c for c in tok.children if c.dep_ in ("ccomp", "xcomp")), None)
        if target is None:
            target = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > tok.i), None)
        if target is None:
            prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in _ADJ_PREPS), None)
            if prep is not None:
                target = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
        if target is None:
            return None
        rng = self._clip(target.left_edge.i, target.right_edge.i + 1, para, para[tok.i])
        if rng is not None:
            rng = self._cut(doc, rng[0], rng[1], tok, in_quote)
        if rng is not None:
            rng = self._trim(doc, *rng)
        if rng is None:
            return None
        return _Content(
            (tok.i, tok.i + 1),
            speaker,
            [self._widen(rng, in_quote, qspans)],
            tok.i,
            rule="adjective:" + tok.lower_,
        )

    def _stance(
        self,
        doc: Doc,
        tok: Token,
        qspans: list[tuple[int, int]],
        in_quote: list[int],
        para: list[int],
    ) -> _Content | None:
        """'Sanders criticized the trade deal', 'called for a ban': the object is the content.

        The object takes the verb's secondary complement with it ("blamed the bank for the
        losses", "dismissed Estonia as a suburb", "called the charges baseless"). Verbs listed
        under ``stance_prep_verbs`` take content only through their prepositions ("spoke about
        the economy", not "spoke to reporters").
        """
        if tok.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in tok.children):
            return None
        speaker = self._subject(tok)
        if speaker is None or speaker.lower_ in ("it", "there"):
            return None
        lemma = tok.lemma_.lower()
        if lemma in _AS_VERBS and not any(c.dep_ == "prep" and c.lower_ == "as" for c in tok.children):
            return None  # "sees the deal as a trap", not "saw the film"
        prep_only = _STANCE_PREP_VERBS.get(lemma)
        target = None
        phrasal = any(c.dep_ == "prt" and c.lower_ == "out" for c in tok.children)
        if prep_only is None or phrasal:
            # "pointed out that …", "spoke out against …"
            for dep in ("ccomp", "xcomp", "dobj"):
                target = next((c for c in tok.children if c.dep_ == dep and c.i > tok.i), None)
                if target is not None:
                    break
        preps = prep_only if prep_only is not None else _STANCE_PREPS
        if target is None:
            prep = next(
                (c for c in tok.children if c.dep_ in ("prep", "prt") and c.lower_ in preps and c.i > tok.i),
                None,
            )
            if prep is not None:
                target = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
        if target is None:
            return None
        lo, hi = target.left_edge.i, target.right_edge.i + 1
        if target.dep_ == "dobj":
            # the object's secondary complement, right after it
            for c in tok.children:
                if c.i < hi or in_quote[c.i] >= 0 and c.dep_ == "punct":
                    continue
                if c.dep_ in ("oprd", "xcomp", "acomp", "ccomp") or (
                    c.dep_ == "prep" and c.lower_ in _SECONDARY_PREPS
                ):
                    if c.left_edge.i - hi <= 1:
                        hi = c.right_edge.i + 1
                    continue
                break
        hi = self._coordinated(doc, tok, target, lo, hi)
        for i in range(lo + 1, hi):
            if doc[i].text in _DASHES and doc[i - 1].whitespace_ and in_quote[i] < 0:
                hi = i  # "likened the rules to X - a charge that stung": the author's aside
                break
        rng = self._clip(lo, hi, para, para[tok.i])
        if rng is not None:
            rng = self._cut(doc, rng[0], rng[1], tok, in_quote)
        if rng is not None:
            rng = self._trim(doc, *rng)
        if rng is None or target.pos_ == "PRON" and rng[1] - rng[0] == 1:
            return None
        if all(t.ent_type_ in ("DATE", "TIME") or t.is_punct for t in doc[rng[0] : rng[1]]):
            return None  # "spoke on Friday"
        return _Content(
            self._cue_range(doc, tok),
            speaker,
            [self._widen(rng, in_quote, qspans)],
            tok.i,
            rule="stance:" + lemma,
        )

    def _coordinated(self, doc: Doc, cue: Token, target: Token, lo: int, hi: int) -> int:
        """End of the content when the parser hung a coordinated complement on the cue
        ("wants to cut taxes, grow jobs and ...": ``grow`` is a ``conj`` of ``wants``)."""
        form = target.tag_ if target.pos_ in ("VERB", "AUX") else doc[lo].tag_
        for c in cue.children:
            if c.dep_ != "conj" or c.i < hi or not form.startswith("VB"):
                continue
            if c.tag_ != form or self._is_cue(c) or any(g.dep_ in _SUBJ_DEPS for g in c.children):
                break
            if any(not (t.is_punct or t.is_space or t.pos_ == "CCONJ") for t in doc[hi : c.left_edge.i]):
                break
            hi = c.right_edge.i + 1
        return hi

    def _passive(
        self,
        doc: Doc,
        tok: Token,
        qspans: list[tuple[int, int]],
        in_quote: list[int],
        para: list[int],
    ) -> _Content | None:
        """'The bill is expected to pass', 'He was accused of lying': the subject and the
        complement are the content (two pieces); the ``by`` agent, if any, is the source."""
        subj = next((c for c in tok.children if c.dep_ == "nsubjpass" and c.i < tok.i), None)
        if subj is None or not any(c.dep_ == "auxpass" for c in tok.children):
            return None
        if subj.lower_ in _RELATIVE or subj.lower_ in ("it", "there"):
            return None
        target = next((c for c in tok.children if c.dep_ == "xcomp" and c.i > tok.i), None)
        if target is None:
            prep = next(
                (c for c in tok.children if c.dep_ == "prep" and c.lower_ in _SECONDARY_PREPS and c.i > tok.i),
                None,
            )
            if prep is not None and any(c.dep_ in ("pobj", "pcomp") for c in prep.children):
                target = prep
        if target is None:
            return None
        agent = next((c for c in tok.children if c.dep_ == "agent"), None)
        speaker = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
        subj_hi = subj.right_edge.i + 1
        for child in subj.rights:
            if child.dep_ in ("relcl", "acl", "appos", "punct"):
                subj_hi = min(subj_hi, child.left_edge.i)  # "Officer X, who shot Y, was charged"
        pieces = []
        for lo, hi in (
            (subj.left_edge.i, max(subj_hi, subj.i + 1)),
            (target.left_edge.i, target.right_edge.i + 1),
        ):
            rng = self._clip(lo, hi, para, para[tok.i])
            rng = self._trim(doc, *rng) if rng is not None else None
            if rng is None:
                return None
            pieces.append(self._widen(rng, in_quote, qspans))
        if self._words(doc, *pieces[1]) < 2:
            return None
        return _Content(self._cue_range(doc, tok), speaker, pieces, tok.i, rule="passive:" + tok.lemma_.lower())

    def _quote_only(
        self,
        doc: Doc,
        tok: Token,
        qspans: list[tuple[int, int]],
        in_quote: list[int],
        para: list[int],
    ) -> _Content | None:
        """A quotation next to a verb like "continued" or inside its clause ("called it "…"")."""
        speaker = self._subject(tok)
        if speaker is None:
            return None
        cue = self._cue_range(doc, tok)
        lo = cue[1]
        left_edge = tok.left_edge.i
        clause_lo = min([left_edge] + [c.left_edge.i for c in tok.children if c.dep_ in _SUBJ_DEPS])
        left = self._adjacent_quote(doc, clause_lo - 1, -1, in_quote, qspans, para, tok)
        if left is None:
            left = self._left_quote_by_marks(doc, tok, in_quote, qspans, para)
        if left is not None:
            pieces = [qspans[left]]
            right = self._adjacent_quote(doc, lo, 1, in_quote, qspans, para, tok)
            if right is not None:
                pieces.append(qspans[right])
            return _Content(cue, speaker, pieces, tok.i, rule="quote_verb_adjacent")
        hi = tok.right_edge.i + 1
        first = last = -1
        i = lo
        while i < hi and para[i] == para[tok.i]:
            k = in_quote[i]
            if k >= 0:
                s, e = qspans[k]
                if first < 0:
                    first = s
                elif any(
                    not (t.is_punct or t.is_space or t.pos_ == "CCONJ" or t.lower_ == "yes")
                    for t in doc[last:s]
                ):
                    break
                last = e
                i = e
                continue
            if first < 0 and doc[i].pos_ == "VERB" and doc[i].head.i != tok.i:
                break
            i += 1
        if first < 0:
            return None
        # 'called the statement "offensive"': the object belongs to the content
        rng = self._trim(doc, lo, first)
        if rng is not None and all(not self._is_cue(t) for t in doc[rng[0] : rng[1]]):
            first = rng[0]
        return _Content(cue, speaker, [(first, last)], tok.i, rule="quote_verb_clause")

    def _left_quote_by_marks(
        self,
        doc: Doc,
        tok: Token,
        in_quote: list[int],
        qspans: list[tuple[int, int]],
        para: list[int],
    ) -> int | None:
        """'"…," Jane Doe, a spokeswoman for X, told …': the quotation before a short attribution."""
        i = tok.i - 1
        words = 0
        while i >= 0 and in_quote[i] < 0:
            t = doc[i]
            if para[i] != para[tok.i] or t.text in (".", "?", "!", ";", ":"):
                return None
            if t.pos_ == "VERB" or (t.pos_ == "AUX" and t.dep_ not in ("aux", "auxpass")):
                return None
            if not (t.is_punct or t.is_space):
                words += 1
                if words > 12:
                    return None
            i -= 1
        if i < 0:
            return None
        k = in_quote[i]
        s, e = qspans[k]
        if e != i + 1 or e - s < 3:
            return None
        inner_last = doc[e - 2].text
        after = doc[e].text if e < len(doc) else ""
        if inner_last in (",", "?", "!", "—", "–") or after in (",", "—", "–"):
            return k
        return None

    @staticmethod
    def _skip_leading_date(doc: Doc, rng: tuple[int, int], cue: tuple[int, int]) -> tuple[int, int]:
        """'said Tuesday the army will …': the date belongs to the attribution."""
        lo, hi = rng
        if lo != cue[1] or not doc[lo].ent_type_ in ("DATE", "TIME") or doc[lo].dep_ in _SUBJ_DEPS:
            return rng
        i = lo
        while i < hi and doc[i].ent_type_ in ("DATE", "TIME") and doc[i].dep_ not in _SUBJ_DEPS:
            i += 1
        return (i, hi) if hi - i >= 3 else rng

    @staticmethod
    def _right_quote_by_marks(
        doc: Doc,
        tok: Token,
        in_quote: list[int],
        qspans: list[tuple[int, int]],
        para: list[int],
        left: int,
    ) -> int | None:
        """'"The risk," said Jane Doe, an economist who …, "is that …"': the second half."""
        e = qspans[left][1]
        if e < 2 or doc[e - 2].text != ",":
            return None
        i = tok.i + 1
        while i < len(doc) and i - tok.i <= 25:
            if para[i] != para[tok.i] or doc[i].text in (".", "?", "!", ";", ":"):
                return None
            k = in_quote[i]
            if k >= 0:
                prev = doc[i - 1].text
                return k if qspans[k][0] == i and prev == "," else None
            i += 1
        return None

    @staticmethod
    def _clip(lo: int, hi: int, para: list[int], p: int) -> tuple[int, int] | None:
        """Keep the part of ``[lo, hi)`` inside paragraph ``p``."""
        while lo < hi and para[lo] != p:
            lo += 1
        while hi > lo and para[hi - 1] != p:
            hi -= 1
        return (lo, hi) if hi > lo else None

    def _cut(self, doc: Doc, lo: int, hi: int, cue: Token, in_quote: list[int]) -> tuple[int, int] | None:
        """End the content before a clause that is not part of it (another attribution,
        a contrastive ``while``/``though`` clause, a trailing participle)."""
        for t in doc[lo + 1 : hi]:
            if in_quote[t.i] >= 0 or t.i == cue.i:
                continue
            stop = None
            if t.dep_ != "ccomp" or t.head.i != cue.i:
                own_subject = any(c.dep_ in _SUBJ_DEPS for c in t.children)
                sibling = t.dep_ in ("conj", "relcl", "parataxis", "advcl")
                if sibling and self._is_cue(t) and (own_subject or (t.dep_ == "conj" and t.tag_ == cue.tag_)):
                    stop = t.left_edge.i
                    if t.dep_ == "conj":
                        stop = min((c.i for c in t.children if c.dep_ in _SUBJ_DEPS), default=t.i)
                elif (
                    t.dep_ == "advcl"
                    and any(
                        c.dep_ == "mark" and c.lower_ in ("while", "though", "although", "whereas")
                        for c in t.children
                    )
                    or t.dep_ == "advcl"
                    and t.tag_ == "VBG"
                    and t.left_edge.i > 0
                    and doc[t.left_edge.i - 1].text in (",", "—", "–")
                ):
                    stop = t.left_edge.i
            if stop is not None and stop > lo:
                return lo, stop
        return lo, hi

    def _is_parenthetical(self, doc: Doc, tok: Token, in_quote: list[int]) -> bool:
        """'The economy, the minister said, is improving' / '…, officials said.'"""
        head = tok.head
        if head.i == tok.i or tok.dep_ not in ("parataxis", "ccomp") or tok.tag_ in ("VBG", "VBN"):
            return False
        if head.pos_ not in ("VERB", "AUX") or head.sent != tok.sent or self._is_cue(head):
            return False
        if not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
            return False
        first = tok.left_edge.i
        while first < tok.i and doc[first].is_punct and not doc[first].is_quote:
            first += 1
        before = first - 1
        return before >= 0 and (doc[before].text in (",", "—", "–") or in_quote[before] >= 0)

    def _interrupted(
        self,
        doc: Doc,
        tok: Token,
        in_quote: list[int],
        qspans: list[tuple[int, int]],
        para: list[int],
    ) -> list[tuple[int, int]] | None:
        """The clause a parenthetical attribution interrupts, without the attribution."""
        head = tok.head
        lo, hi = head.left_edge.i, head.right_edge.i + 1
        a, b = tok.left_edge.i, tok.right_edge.i + 1
        if self._words(doc, lo, hi) - self._words(doc, a, b) < 3:
            return None
        pieces = []
        for r in ((lo, a), (b, hi)):
            c = self._clip(r[0], r[1], para, para[tok.i]) if r[1] > r[0] else None
            t = self._trim(doc, *c) if c is not None else None
            if t is not None:
                pieces.append(self._widen(t, in_quote, qspans))
        return pieces or None

    def _according_to(self, doc: Doc, tok: Token, in_quote: list[int], para: list[int]) -> _Content | None:
        to = doc[tok.i + 1]
        objs = [c for c in to.children if c.dep_ == "pobj"] or [c for c in tok.children if c.dep_ == "pobj"]
        speaker = objs[0] if objs else None
        a = tok.i
        b = max([tok.right_edge.i, to.right_edge.i] + [o.right_edge.i for o in objs]) + 1
        sent = tok.sent
        pieces = []
        for lo, hi in ((sent.start, a), (b, sent.end)):
            clipped = self._clip(lo, hi, para, para[tok.i]) if hi > lo else None
            rng = self._trim(doc, *clipped) if clipped is not None else None
            if rng is not None and self._words(doc, *rng) >= 3:
                pieces.append(rng)
        if not pieces:
            return None
        return _Content((tok.i, tok.i + 2), speaker, pieces, tok.i, rule="according_to")

    def _evidential(self, doc: Doc, tok: Token, in_quote: list[int], para: list[int]) -> _Content | None:
        """'Trump leads in the latest poll', 'by one estimate, …': the clause the source
        backs, when no verb of saying in the sentence claims it."""
        objs = [c for c in tok.children if c.dep_ == "pobj" and c.lemma_.lower() in EVIDENCE_NOUNS]
        if not objs or tok.head.pos_ not in ("VERB", "AUX") or tok.lower_ not in EVIDENCE_PREPS:
            return None
        sent = tok.sent
        if any(t.pos_ == "VERB" and t.lemma_.lower() in CUE_LEMMAS and in_quote[t.i] < 0 for t in sent):
            return None
        a, b = tok.left_edge.i, tok.right_edge.i + 1
        pieces = []
        for lo, hi in ((sent.start, a), (b, sent.end)):
            clipped = self._clip(lo, hi, para, para[tok.i]) if hi > lo else None
            rng = self._trim(doc, *clipped) if clipped is not None else None
            if rng is not None and self._words(doc, *rng) >= 3:
                pieces.append(rng)
        if not pieces:
            return None
        return _Content((tok.i, tok.i + 1), objs[0], pieces, tok.i, rule="evidential:" + tok.lower_)

    @staticmethod
    def _cue_range(doc: Doc, tok: Token) -> tuple[int, int]:
        end = tok.i + 1
        for child in tok.children:
            if child.dep_ == "prt" and child.i == end:
                end += 1
        return tok.i, end

    @staticmethod
    def _subject(tok: Token) -> Token | None:
        cur = tok
        for _ in range(4):
            for child in cur.children:
                if child.dep_ in _SUBJ_DEPS:
                    if child.lower_ in _RELATIVE and cur.dep_ == "relcl":
                        return cur.head
                    return child
            if cur.dep_ == "relcl":
                return cur.head
            if cur.dep_ in ("conj", "xcomp", "advcl", "acl") and cur.head.i != cur.i:
                cur = cur.head
                continue
            if cur.pos_ in ("NOUN", "PROPN") and cur.dep_ == "dobj" and cur.head.i != cur.i:
                # "The ministry issued a statement saying …"
                cur = cur.head
                continue
            break
        return None

    def _adjacent_quote(
        self,
        doc: Doc,
        i: int,
        step: int,
        in_quote: list[int],
        qspans: list[tuple[int, int]],
        para: list[int],
        cue: Token,
    ) -> int | None:
        """Index of the quotation that touches the attribution clause at ``i`` going ``step``."""
        n = len(doc)
        crossed_colon = False
        hops = 0
        while 0 <= i < n and hops < 3:
            t = doc[i]
            if in_quote[i] >= 0:
                k = in_quote[i]
                s, _ = qspans[k]
                if step > 0 and i != s:
                    return None
                if para[i] != para[cue.i] and not crossed_colon:
                    return None
                return k
            if t.is_space:
                i += step
                continue
            if t.text in _LEFT_SKIP if step < 0 else t.lower_ in _RIGHT_SKIP:
                crossed_colon = crossed_colon or t.text == ":"
                i += step
                hops += 1
                continue
            return None
        return None

    @staticmethod
    def _trim(doc: Doc, lo: int, hi: int) -> tuple[int, int] | None:
        """Strip spaces and punctuation (not quote marks) from both ends."""
        while lo < hi and (doc[lo].is_space or (doc[lo].is_punct and not doc[lo].is_quote)):
            lo += 1
        while hi > lo and (
            doc[hi - 1].is_space
            or (doc[hi - 1].is_punct and not doc[hi - 1].is_quote)
            or doc[hi - 1].pos_ == "CCONJ"
        ):
            hi -= 1
        if hi <= lo:
            return None
        return lo, hi

    @staticmethod
    def _widen(rng: tuple[int, int], in_quote: list[int], qspans: list[tuple[int, int]]) -> tuple[int, int]:
        lo, hi = rng
        if in_quote[lo] >= 0:
            lo = min(lo, qspans[in_quote[lo]][0])
        if in_quote[hi - 1] >= 0:
            hi = max(hi, qspans[in_quote[hi - 1]][1])
        return lo, hi

    @staticmethod
    def _claim(claimed: list[bool], pieces: Iterable[tuple[int, int]]) -> bool:
        """Mark the tokens of ``pieces`` claimed; False when one already was."""
        pieces = list(pieces)
        if any(claimed[t] for s, e in pieces for t in range(s, e)):
            return False
        for s, e in pieces:
            for t in range(s, e):
                claimed[t] = True
        return True

    def _colon_quotes(
        self,
        doc: Doc,
        qspans: list[tuple[int, int]],
        in_quote: list[int],
        claimed: list[bool],
        para: list[int],
        contents: list[_Content],
    ) -> None:
        """'Cruz called them on it:' + quotation; headlines like 'Name: words'."""
        colons = [doc[int(i)] for i in np.flatnonzero(doc.to_array(ORTH) == _H_COLON)] if len(doc) else []
        for s, e in qspans:
            if claimed[s]:
                continue
            c = s - 1
            while c >= 0 and doc[c].is_space:
                c -= 1
            if c < 1 or doc[c].text != ":" or in_quote[c - 1] >= 0:
                continue
            sent = doc[c].sent
            lemmas = CUE_LEMMAS | QUOTE_CUES | STANCE_CUES
            cues = [
                t
                for t in doc[sent.start : c]
                if t.pos_ == "VERB"
                and t.lemma_.lower() in lemmas
                and in_quote[t.i] < 0
                and self._subject(t) is not None
            ]
            if cues:
                verb = cues[-1]
            else:
                verb = doc[c - 1]
                for _ in range(6):
                    if verb.pos_ in ("VERB", "AUX") and self._subject(verb) is not None:
                        break
                    if verb.head.i == verb.i or in_quote[verb.head.i] >= 0:
                        break
                    verb = verb.head
            if verb.pos_ in ("VERB", "AUX") and self._subject(verb) is not None and verb.i < c:
                content = _Content(
                    self._cue_range(doc, verb), self._subject(verb), [(s, e)], verb.i, rule="colon_verb"
                )
            else:
                name = self._headline_name(doc, c, para)
                if name is None:
                    continue
                content = _Content((c, c + 1), doc[c - 1], [(s, e)], c, rule="colon_name")
            if self._claim(claimed, content.pieces):
                contents.append(content)
        # headlines and lead-ins without quote marks: "Pat Caddell: Voters Are Worried"
        for tok in colons:
            if claimed[tok.i] or in_quote[tok.i] >= 0:
                continue
            if self._headline_name(doc, tok.i, para) is None:
                continue
            hi = tok.i + 1
            while hi < len(doc) and para[hi] == para[tok.i]:
                hi += 1
            rng = self._trim(doc, tok.i + 1, hi)
            if rng is None or self._words(doc, *rng) < 3:
                continue
            content = _Content((tok.i, tok.i + 1), doc[tok.i - 1], [rng], tok.i, rule="headline")
            if self._claim(claimed, content.pieces):
                contents.append(content)

    @staticmethod
    def _headline_name(doc: Doc, colon: int, para: list[int]) -> int | None:
        """Start of a short name that opens its paragraph and ends at ``colon``."""
        i = colon - 1
        if i < 0 or len(doc[i].text) < 2:
            return None  # "Q:" / "A:" in interview transcripts
        while i >= 0 and para[i] == para[colon] and colon - i <= 5:
            if doc[i].lower_ in _LABEL_WORDS:
                return None  # "Update:", "Editor's note:"
            if (
                doc[i].pos_ != "PROPN"
                and doc[i].ent_type_ not in ("PERSON", "ORG")
                and not (doc[i].is_title and doc[i].pos_ == "NOUN")  # a mis-tagged name, "Poll:"
            ):
                return None
            if i == 0 or para[i - 1] != para[colon]:
                return i
            i -= 1
        return None

    def _dash_quotes(
        self,
        doc: Doc,
        qspans: list[tuple[int, int]],
        in_quote: list[int],
        claimed: list[bool],
        para: list[int],
        contents: list[_Content],
    ) -> None:
        """'"We will win." ― Jane Doe': a quotation signed with a dash and a name."""
        n = len(doc)
        for s, e in qspans:
            if claimed[s]:
                continue
            i = e
            while i < n and doc[i].is_space:
                i += 1
            if i >= n or doc[i].text not in _DASHES or para[i] != para[e - 1]:
                continue
            name_lo = i + 1
            while name_lo < n and doc[name_lo].is_space and para[name_lo] == para[i]:
                name_lo += 1
            j = name_lo
            while j < n and para[j] == para[i] and not doc[j].is_space and in_quote[j] < 0:
                if doc[j].text in (",", "(", ".") or j - name_lo > 5:
                    break
                if doc[j].pos_ != "PROPN" and doc[j].ent_type_ not in ("PERSON", "ORG", "NORP"):
                    j = -1
                    break
                j += 1
            if j <= name_lo:
                continue
            # the signature ends its paragraph (a description may follow after a comma)
            k = j
            while k < n and para[k] == para[i] and in_quote[k] < 0:
                k += 1
            if k < n and para[k] == para[i]:
                continue
            speaker = doc[name_lo:j].root
            content = _Content((i, i + 1), speaker, [(s, e)], i, rule="dash_signature")
            if self._claim(claimed, content.pieces):
                contents.append(content)

    def _orphan_quotes(
        self,
        doc: Doc,
        qspans: list[tuple[int, int]],
        claimed: list[bool],
        para: list[int],
        contents: list[_Content],
    ) -> None:
        """Attribute unclaimed quotations that follow a direct quote.

        In the same paragraph (``"…," he said. "…"``) the quotation continues that
        content; a quotation paragraph after it gets the same speaker and no cue.
        """
        if not contents:
            return
        for s, e in qspans:
            if any(claimed[t] for t in range(s, e)):
                continue
            words = self._words(doc, s, e)
            # a quotation that is its own sentence(s)
            if words < 2 or not (
                s == 0
                or doc[s].is_sent_start
                or doc[s - 1].is_space
                or doc[s - 1].text in (":", ".")
                or "\n" in doc[s - 1].whitespace_
            ):
                continue
            # the latest content that ends with a quotation (a stance or clause found in
            # its attribution, "said X, who supports Y.", does not count)
            prev = [
                c
                for c in contents
                if c.end <= s and doc[c.end - 1].is_quote and c.rule != "dash_signature"
            ]
            if not prev:
                continue
            last = max(prev, key=lambda c: c.end)
            gap_words = self._words(doc, last.end, s)
            cue_after = last.cue is not None and last.cue[0] >= last.end
            if para[s] == para[last.end - 1] and (gap_words == 0 or cue_after):
                last.pieces.append((s, e))
            elif para[s] - para[last.end - 1] == 1 and (gap_words == 0 or cue_after):
                # a quotation paragraph right after a quoted paragraph continues it
                last.pieces.append((s, e))
            else:
                continue
            for t in range(s, e):
                claimed[t] = True

    # ----------------------------------------------------------------- speakers
    def _resolve_speaker(
        self, doc: Doc, content: _Content, actor_index: dict[int, str], contents: list[_Content]
    ) -> None:
        tok = content.speaker_tok
        if tok is None:
            return
        # the noun phrase without relative clauses
        lo, hi = tok.left_edge.i, tok.right_edge.i + 1
        for child in tok.rights:
            if child.dep_ in ("relcl", "acl", "punct") or child.text == ",":
                hi = min(hi, child.left_edge.i)
        phrase_lo, phrase_hi = lo, max(hi, tok.i + 1)
        content.speaker_span = (doc[phrase_lo].idx, doc[phrase_hi - 1].idx + len(doc[phrase_hi - 1]))
        if tok.i in actor_index:
            content.speaker_id = actor_index[tok.i]
            return
        modifiers = (
            {t.i for c in tok.lefts if c.dep_ in ("amod", "compound", "poss", "nmod") for t in c.subtree}
            if tok.pos_ == "NOUN"
            else set()
        )
        for i in list(range(phrase_lo, phrase_hi)) + list(range(tok.left_edge.i, tok.right_edge.i + 1)):
            if i in actor_index and i not in modifiers:
                content.speaker_id = actor_index[i]
                return
        low = tok.lower_
        if low in _PRONOUNS_SPEECH:
            return
        if tok.pos_ == "PRON" or low in _PRONOUNS_PERSON or low in _PRONOUNS_GROUP:
            content.speaker_id = self._nearest_actor(doc, tok, low)
            if content.speaker_id is not None:
                # the pronoun is a mention of the actor it was resolved to
                actor = next(a for a in doc._.newswire_actors if a["id"] == content.speaker_id)
                mention = [tok.idx, tok.idx + len(tok.text)]
                if mention not in actor["mentions"]:
                    actor["mentions"] = sorted([*actor["mentions"], mention], key=lambda m: (m[0], m[1]))
            return
        content.speaker_id = self._new_actor(doc, tok, phrase_lo, phrase_hi, actor_index)

    @staticmethod
    def _nearest_actor(doc: Doc, tok: Token, pronoun: str) -> str | None:
        want_person = pronoun in _PRONOUNS_PERSON
        best: tuple[int, str] | None = None
        fallback: tuple[int, str] | None = None
        for actor in doc._.newswire_actors or ():
            for start, _end in actor["mentions"]:
                if start >= tok.idx:
                    continue
                is_person = actor["kind"] == "person"
                if is_person == want_person:
                    if best is None or start > best[0]:
                        best = (start, actor["id"])
                elif fallback is None or start > fallback[0]:
                    fallback = (start, actor["id"])
        if best is not None:
            return best[1]
        if not want_person and fallback is not None:
            return fallback[1]
        return None

    def _new_actor(self, doc: Doc, tok: Token, lo: int, hi: int, actor_index: dict[int, str]) -> str | None:
        actors: list[dict[str, Any]] = doc._.newswire_actors
        span = doc[lo:hi]
        while len(span) and (span[-1].is_punct or span[-1].is_space):
            span = span[:-1]
        while len(span) and (span[0].is_punct or span[0].is_space):
            span = span[1:]
        if not len(span):
            return None
        start, end = span.start_char, span.end_char
        if tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
            ent = next((e for e in doc.ents if e.start <= tok.i < e.end), None)
            name_span = ent if ent is not None else span
            name = name_span.text
            last = name_span[-1].lower_
            for actor in actors:
                if actor["kind"] in ("person", "organization") and (
                    actor["name"].lower() == name.lower() or actor["name"].lower().split()[-1:] == [last]
                ):
                    mention = [name_span.start_char, name_span.end_char]
                    if actor["id"] in self._created and mention not in actor["mentions"]:
                        actor["mentions"].append(mention)
                    return str(actor["id"])
            kind = {"PERSON": "person", "ORG": "organization", "NORP": "group", "GPE": "state"}.get(
                tok.ent_type_, "person"
            )
            return self._append_actor(
                actors, name, kind, None, None, [name_span.start_char, name_span.end_char]
            )
        if tok.pos_ not in ("NOUN", "PROPN", "NUM") and tok.lower_ not in _QUANTIFIERS:
            return None
        name = span.text
        key = " ".join(t.lower_ for t in span if t.pos_ != "DET")
        for actor in actors:
            if (
                actor["kind"] == "anonymous"
                and " ".join(w for w in actor["name"].lower().split() if w not in ("a", "an", "the")) == key
            ):
                actor["mentions"].append([start, end])
                return str(actor["id"])
        country = None
        for i in range(lo, hi):
            aid = actor_index.get(i)
            if aid is None:
                continue
            for actor in actors:
                if actor["id"] == aid and actor.get("country"):
                    country = actor["country"]
                    break
        sector = _SECTOR_NOUNS.get(tok.lemma_.lower())
        if sector == "GOV" and any(t.lower_ in _MIL_MODIFIERS for t in span):
            sector = "MIL"
        return self._append_actor(actors, name, "anonymous", country, sector, [start, end])

    def _append_actor(
        self,
        actors: list[dict[str, Any]],
        name: str,
        kind: str,
        country: str | None,
        sector: str | None,
        mention: list[int],
    ) -> str:
        used = {a["id"] for a in actors}
        n = len(actors) + 1
        while f"a{n}" in used:
            n += 1
        actor_id = f"a{n}"
        self._created.add(actor_id)
        actors.append(
            {
                "id": actor_id,
                "name": name,
                "kind": kind,
                "country": country,
                "sector": sector,
                "title": None,
                "kb_id": None,
                "mentions": [mention],
            }
        )
        return actor_id

    # ----------------------------------------------------------------- output
    def _to_dict(self, doc: Doc, content: _Content, in_quote: list[int], n: int) -> dict[str, Any] | None:
        pieces = sorted(content.pieces)
        content.pieces = pieces
        words = [t for s, e in pieces for t in doc[s:e] if not (t.is_punct or t.is_space)]
        if not words:
            return None
        quoted = sum(1 for t in words if in_quote[t.i] >= 0)
        if quoted == len(words):
            kind = "direct"
        elif quoted:
            kind = "partial"
        else:
            kind = "indirect"
        start = doc[pieces[0][0]].idx
        last = doc[pieces[-1][1] - 1]
        end = last.idx + len(last.text)
        text = " … ".join(doc[s:e].text for s, e in pieces)
        cue = None
        if content.cue is not None:
            span = doc[content.cue[0] : content.cue[1]]
            cue = {"start": span.start_char, "end": span.end_char, "text": span.text}
        return {
            "id": f"q{n}",
            "kind": kind,
            "text": text,
            "start": start,
            "end": end,
            "speaker": content.speaker_id,
            "cue": cue,
        }


@Language.factory("newswire_quotes", default_config={"min_quote_words": 4})
def make_quotes(nlp: Language, name: str, min_quote_words: int) -> QuotesComponent:
    """The ``newswire_quotes`` pipeline component."""
    return QuotesComponent(nlp, name, min_quote_words=min_quote_words)
