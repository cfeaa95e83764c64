"""newswire_quotes: quotations and reported speech, each attributed to its speaker.

The component finds three kinds of attribution (PolNeAR conventions):

- ``direct``: the whole reported content is inside quote marks
  (``"We will not back down," he said, "and we expect the talks to fail."``);
- ``partial``: the reported clause is partly quoted
  (``Without "real progress" in negotiations, he said, "their seizure will go on."``);
- ``indirect``: reported speech without quote marks, found from a cue verb and
  its content clause (``The ministry said in a statement that it would retaliate.``)
  or from ``according to X``.

How it works, per document (see docs/quotes.md):

1. :func:`find_quote_spans` pairs quote marks at character level (straight, curly,
   low-9, guillemets, single quotes, two apostrophes), nests inner quotes and joins a
   quotation that runs over paragraphs (an unclosed quote continued by the next
   paragraph's opening mark).
2. Cues outside quotes are read from the parse, speech verbs (``CUE_LEMMAS``) first. For
   a cue the content is, in order of preference: the quotations next to the attribution
   clause (``"...," he said, "..."``, ``He said: "..."``) unless the complement clause is
   larger (a partial quote); a parenthetical attribution's interrupted clause; the
   complement clause (``ccomp``, some ``xcomp``), cut before a sibling attribution, a
   contrastive clause or a trailing participle and kept in the cue's paragraph; the
   clause before a trailing ``…, said X``. Then quotation verbs (``QUOTE_CUES``), stance
   verbs (``STANCE_CUES``), attitude adjectives (``ADJ_CUES``), cue nouns with a
   that-clause (``NOUN_CUES``) and ``according to X``.
3. A colon before a quotation, a headline ``Name: words``, and a quotation opening the
   next sentence or paragraph after a direct quote (its continuation) are attributed next.
4. The speaker is the cue's subject (through ``conj``/``xcomp``/``advcl``/``acl`` and
   relative clauses), the object of ``according to``, or the words between a quotation
   and its cue, looked up in the actors component's output
   (:func:`~newswire.components._doc.token_actor_index`). A third-person pronoun without
   an actor falls back to the nearest preceding person (or group) actor; first and second
   person stay null; a description without an actor (``a senior official``) becomes a new
   actor of kind ``anonymous`` (country from a demonym actor inside it, sector from its
   head noun); an unknown name becomes a new person or organization actor.

``text`` of a quote is its reported content: the pieces of an interrupted or continued
quotation are joined with `` … ``; ``start``/``end`` cover the first to the last piece.
``doc.user_data["newswire_quote_rules"]`` lists, per quote, the rule that found it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ._doc import token_actor_index

__all__ = ["CUE_LEMMAS", "QuotesComponent", "find_quote_spans", "make_quotes"]


def _lexicon(words: str) -> frozenset[str]:
    """A word list written as one whitespace-separated string."""
    return frozenset(words.split())


#: Verbs that introduce reported speech or a reported state of mind.
CUE_LEMMAS = _lexicon(
    """
    say tell add warn claim deny insist note argue announce state declare explain write
    report acknowledge admit assert suggest predict promise pledge vow threaten urge ask
    reply respond recall concede confirm estimate complain contend maintain emphasize
    emphasise stress reveal disclose indicate testify tweet repeat reiterate allege boast
    brag joke quip observe remark speculate caution conclude counter retort assure inform
    hint mention propose recommend believe think fear hope expect doubt worry agree find
    show continue charge accuse announce predict insist lament concede muse posit underscore
    clarify highlight shout yell chant scream acknowledge demand vow signal
    """
)

#: Cue verbs whose ``xcomp`` (``vowed to fight``) is the reported content.
XCOMP_CUES = _lexicon(
    """
    promise pledge vow threaten urge ask expect hope claim deny warn tell agree demand
    """
)

#: Cue verbs whose direct object can be the reported content (``denied the report``).
DOBJ_CUES = _lexicon(
    """
    deny confirm predict acknowledge admit reveal propose recommend
    """
)

#: Verbs that attribute only a quotation next to them or in their clause
#: (``"…," he continued``, ``She called the plan "a disaster"``, ``the sign read "…"``).
QUOTE_CUES = _lexicon(
    """
    continue go read call answer bark echo confess exclaim snap interject shoot chant shout
    yell scream tweet post label dub term describe thank blast slam denounce praise quip
    joke laugh sigh conclude proclaim cry whisper mutter plead demand ask headline
    title
    """
)

#: Verbs of stance and cognition whose object, complement or prepositional object is the
#: attributed content ("Sanders criticized the deal", "She wants to run", "called for a ban").
STANCE_CUES = _lexicon(
    """
    want call support discuss mention refuse criticize criticise point endorse express
    praise refer question defend plan dismiss applaud oppose confirm predict describe reveal
    acknowledge deny condemn welcome propose
    """
)
#: Adjectives of belief and attitude ("officials are confident that …", "critical of …").
ADJ_CUES = _lexicon(
    """
    confident convinced worried concerned optimistic pessimistic hopeful afraid
    aware adamant skeptical sceptical critical frustrated angry glad upset unhappy
    disappointed supportive wary fearful unsure doubtful eager
    """
)
#: Nouns whose "that" clause is reported content ("his claim that the vote was rigged").
NOUN_CUES = _lexicon(
    """
    claim statement assertion allegation accusation belief argument suggestion promise pledge
    warning insistence prediction assessment contention charge denial admission announcement
    assurance complaint
    """
)
#: Verbs whose subject is the source of the noun cue in their object ("X repeated his claim").
_NOUN_CUE_VERBS = frozenset(
    {"make", "issue", "repeat", "reiterate", "offer", "express", "voice", "renew", "release", "level"}
)
_ADJ_PREPS = frozenset({"of", "about", "with", "at", "over"})
_STANCE_PREPS = frozenset({"for", "about", "of", "to", "on", "against", "at"})

_SUBJ_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
_CONTENT_DEPS = frozenset({"ccomp"})
_PRONOUNS_PERSON = frozenset({"he", "she", "him", "her"})
_PRONOUNS_GROUP = frozenset({"they", "it"})
#: First and second person: the author, a reader or an interviewer; never guessed.
_PRONOUNS_SPEECH = frozenset({"i", "me", "we", "us", "you"})
_QUANTIFIERS = frozenset({"half", "most", "many", "some", "others", "all", "both", "few", "several"})
_RELATIVE = frozenset({"who", "that", "which", "whom"})

#: Head nouns of descriptions and the PLOVER sector they suggest.
_SECTOR_NOUNS = {
    "official": "GOV",
    "spokesman": "GOV",
    "spokeswoman": "GOV",
    "spokesperson": "GOV",
    "minister": "GOV",
    "ministry": "GOV",
    "government": "GOV",
    "diplomat": "GOV",
    "administration": "GOV",
    "aide": "GOV",
    "envoy": "GOV",
    "ambassador": "GOV",
    "officer": "MIL",
    "soldier": "MIL",
    "general": "MIL",
    "commander": "MIL",
    "military": "MIL",
    "army": "MIL",
    "police": "COP",
    "policeman": "COP",
    "judge": "JUD",
    "prosecutor": "JUD",
    "court": "JUD",
    "lawmaker": "LEG",
    "senator": "LEG",
    "legislator": "LEG",
    "congressman": "LEG",
    "congresswoman": "LEG",
    "parliamentarian": "LEG",
    "rebel": "REB",
    "militant": "REB",
    "insurgent": "REB",
    "journalist": "JRN",
    "reporter": "JRN",
    "executive": "BUS",
    "businessman": "BUS",
    "activist": "CVL",
    "protester": "CVL",
    "witness": "CVL",
    "resident": "CVL",
    "refugee": "REF",
}
_MIL_MODIFIERS = frozenset({"defense", "defence", "military", "army"})

_OPEN_SINGLE = re.compile(r"(?:(?<=^)|(?<=[\s(\[—–-]))[‘'](?=[\w$])", re.MULTILINE)
_CLOSE_SINGLE = re.compile(r"(?<=[\w.,!?%)])[’'](?=[\s.,;:!?)\]—–-]|$)", re.MULTILINE)
_LEFT_SKIP = frozenset({",", "—", "–", "-", ":", ";"})
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
            role = "close" if stack else ""
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
        qspans = self._quote_token_spans(doc, find_quote_spans(text))
        in_quote = [-1] * len(doc)
        for k, (s, e) in enumerate(qspans):
            for t in range(s, e):
                in_quote[t] = k
        para = self._paragraph_ids(doc)
        claimed = [False] * len(doc)
        contents: list[_Content] = []
        # speech verbs first, then quotation, stance and attitude words
        speech = [t for t in doc if in_quote[t.i] < 0 and self._is_cue(t)]
        others = [t for t in doc if in_quote[t.i] < 0 and not self._is_cue(t)]
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
    def _paragraph_ids(doc: Doc) -> list[int]:
        ids = [0] * len(doc)
        pid = 0
        for tok in doc:
            ids[tok.i] = pid
            if "\n" in tok.whitespace_ or (tok.is_space and "\n" in tok.text):
                pid += 1
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
        if lemma in ("think", "believe", "find", "show", "hope", "expect"):
            # state-of-mind and evidence verbs only with a finite complement
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
        lemma = tok.lemma_.lower()
        if tok.lower_ in ADJ_CUES and tok.dep_ in ("acomp", "ROOT", "conj"):
            return self._adjective(doc, tok, qspans, in_quote, para)
        if tok.pos_ == "NOUN" and lemma in NOUN_CUES:
            return self._noun(doc, tok, qspans, in_quote, para)
        if not self._is_cue(tok):
            if tok.pos_ == "VERB" and lemma in QUOTE_CUES:
                found = self._quote_only(doc, tok, qspans, in_quote, para)
                if found is not None:
                    return found
            if tok.pos_ == "VERB" and lemma in STANCE_CUES:
                return self._stance(doc, tok, qspans, in_quote, para)
            return None
        content_heads = [c for c in tok.children if c.dep_ in _CONTENT_DEPS]
        if lemma in XCOMP_CUES:
            content_heads += [c for c in tok.children if c.dep_ == "xcomp"]
        if not content_heads:
            # "said in a statement that …": the parser hangs the clause on the noun
            for prep in tok.children:
                if prep.dep_ != "prep" or prep.i < tok.i:
                    continue
                for pobj in prep.children:
                    content_heads += [
                        c
                        for c in pobj.children
                        if c.dep_ in ("acl", "ccomp")
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
            if any(in_quote[t] >= 0 for t in range(lo, hi)) and child.dep_ not in _SUBJ_DEPS:
                continue
            clause_lo, clause_hi = min(clause_lo, lo), max(clause_hi, hi)
        speaker = self._subject(tok)
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
        # 2. the complement clause
        if complement is not None:
            return _Content(cue, speaker, [complement], tok.i, rule="complement")
        # 3. a parenthetical or trailing attribution: the clause it interrupts
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
        if lemma in STANCE_CUES:
            return self._stance(doc, tok, qspans, in_quote, para)
        # 4. a noun-phrase content for a few verbs ("denied the report", "said so")
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
        """'his claim that the election was rigged': the that-clause, the possessor speaks."""
        target = next(
            (
                c
                for c in tok.rights
                if c.dep_ in ("acl", "ccomp")
                and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
            ),
            None,
        )
        if target is None:
            return None
        speaker = next((c for c in tok.children if c.dep_ == "poss"), None)
        if speaker is None and tok.dep_ == "dobj" and tok.head.lemma_.lower() in _NOUN_CUE_VERBS:
            speaker = self._subject(tok.head)
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
        """'Sanders criticized the trade deal', 'called for a ban': the object is the content."""
        if tok.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in tok.children):
            return None
        speaker = self._subject(tok)
        if speaker is None or speaker.lower_ in ("it", "there"):
            return None
        target = None
        for dep in ("ccomp", "xcomp", "dobj"):
            target = next((c for c in tok.children if c.dep_ == dep and c.i > tok.i), None)
            if target is not None:
                break
        if target is None:
            prep = next(
                (
                    c
                    for c in tok.children
                    if c.dep_ in ("prep", "prt") and c.lower_ in _STANCE_PREPS and c.i > tok.i
                ),
                None,
            )
            if prep is not None:
                target = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
        if target is None:
            return None
        lo, hi = target.left_edge.i, target.right_edge.i + 1
        rng = self._clip(lo, hi, para, para[tok.i])
        if rng is not None:
            rng = self._cut(doc, rng[0], rng[1], tok, in_quote)
        if rng is not None:
            rng = self._trim(doc, *rng)
        if rng is None or target.pos_ == "PRON" and rng[1] - rng[0] == 1:
            return None
        return _Content(
            self._cue_range(doc, tok),
            speaker,
            [self._widen(rng, in_quote, qspans)],
            tok.i,
            rule="stance:" + tok.lemma_.lower(),
        )

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
        for tok in doc:
            if tok.text != ":" or claimed[tok.i] or in_quote[tok.i] >= 0:
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
            if doc[i].pos_ != "PROPN" and doc[i].ent_type_ not in ("PERSON", "ORG"):
                return None
            if i == 0 or para[i - 1] != para[colon]:
                return i
            i -= 1
        return None

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
            prev = [c for c in contents if c.end <= s and doc[c.end - 1].is_quote]
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
