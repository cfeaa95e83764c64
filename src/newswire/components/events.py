"""newswire_events: code each sentence's predicate-argument structure as PLOVER 2.0 events.

For every sentence the coder

1. finds triggers with the lexicon (``knowledge/events.yaml`` plus user files): verbs with
   their particle, preposition, object and subject constraints ("meet +with",
   "lift +@restriction"), event nouns governed by a light verb ("staged a protest",
   "imposed sanctions"), event nouns that are the subject of an occurrence verb ("clashes
   erupted") and, when the sentence has no verbal event, free-standing event nouns;
2. reads the source (``nsubj``; the ``by``-agent of passives; the controller of
   ``xcomp``; the subject of the first conjunct) and the target (``dobj``; the passive
   subject; the entry's prepositions) and resolves them to actors with
   :func:`token_actor_index`; conjoined subjects/objects give one event per conjunct;
   a target that is no actor is looked for one step away (the object noun's own argument,
   a purpose clause, the clause a participle hangs on) and, following PLOVER, in the place
   acted on or in (a place actor is added for it); generic local actors without a country
   take the country of the event's place (or of the dateline);
3. gives each event its modality (:mod:`.modality`), magnitude (:mod:`.magnitudes`),
   ``when`` and ``where`` from the trigger's own clause, and ``attributed_to`` from the
   quote (or reported-speech clause) that contains it;
4. applies PLOVER's conventions: an act embedded under another event ("agreed to
   withdraw", "threatened to cut aid") gives the governing event its mode and keeps its
   own modality; an announced future act is coded as AGREE (cooperation), CONCEDE (retreat)
   or THREATEN (material conflict) as ``plover.yaml``'s ``future_as`` says.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..knowledge import country_name
from ..knowledge.lexicon import Alt, Entry, Lexicon, load_lexicon
from ._doc import add_warning, published_date, token_actor_index
from .magnitudes import UNIT_NOUNS, Quantity, find_magnitudes
from .modality import SPEECH_VERBS, ModalityResult, modality_of
from .places import where_for
from .times import publication_when, when_for

__all__ = ["EventsComponent", "code_events", "make_events"]

_STATE_KINDS = frozenset({"state", "igo"})
_STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY", "IGO"})
_CIVILIAN_NOUNS = frozenset(
    ["worker", "teacher", "employee", "union", "doctor", "nurse", "miner", "driver", "student", "staff", "farmer", "pilot", "docker", "trucker", "lawyer", "journalist", "trader", "shopkeeper", "labourer", "laborer", "member"]
)
_OBJECT_CONTROL = frozenset(
    ["urge", "ask", "call", "order", "force", "persuade", "press", "pressure", "invite", "tell", "allow", "permit", "encourage", "request", "demand", "require", "compel", "instruct", "advise", "implore", "beg", "push", "help"]
)
_PRONOUNS = frozenset({"it", "they", "he", "she", "we", "i", "its", "their", "his", "her", "them", "him"})
_GROUP_NOUNS = frozenset(
    ["leader", "member", "official", "force", "troop", "soldier", "government", "army", "militant", "fighter", "supporter", "minister", "spokesman", "spokeswoman", "representative", "delegation", "people", "police", "citizen", "resident", "head", "chief", "envoy", "ambassador", "president", "authority", "unit", "rebel", "activist", "student"]
)
_LOCATIVE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "around", "across", "along",
                             "throughout", "into", "off", "within", "through", "towards"})
_DEFAULT_TARGET_PREPS: dict[str, tuple[str, ...]] = {
    "CONSULT": ("with",), "COOPERATE": ("with",), "AID": ("to",), "SANCTION": ("on", "against", "with", "to"),
    "ASSAULT": ("on", "against", "at"), "PROTEST": ("against",), "ACCUSE": ("against", "with", "to", "over"), "THREATEN": ("against", "to"),
    "REQUEST": ("on", "upon", "from", "to", "by"), "REJECT": ("from", "by", "to", "with", "on"), "AGREE": ("with", "to"),
    "SUPPORT": ("with", "to", "for"), "MOBILIZE": ("against",), "COERCE": ("on", "against"),
    "RETREAT": ("from", "to", "with"), "CONCEDE": ("to", "from", "by", "on"),
}
_UNIT_PREFERENCE: dict[str, tuple[str, ...]] = {
    "ASSAULT": ("dead", "injured", "abducted", "people", "troops"),
    "COERCE": ("arrested", "people", "displaced", "troops"),
    "MOBILIZE": ("troops", "people"),
    "PROTEST": ("people", "arrested", "injured", "dead"),
    "RETREAT": ("troops", "people"),
    "AID": ("people", "troops", "displaced"),
    "SANCTION": ("people", "displaced"),
}
_VERBAL_GOVERNORS = frozenset({"AGREE", "REQUEST", "REJECT", "THREATEN"})
_STATEMENT_NOUNS = frozenset(
    ["declaration", "statement", "letter", "resolution", "communique", "communiqué", "message", "note", "appeal", "petition", "report", "decree", "order", "motion", "ultimatum"]
)
_REDUCED_RELATIVE = frozenset({"believe", "think", "suspect", "say", "report", "thought", "estimate", "feared"})
_VERBAL_TYPES = frozenset({"AGREE", "REQUEST", "REJECT", "THREATEN", "ACCUSE", "SUPPORT", "CONSULT"})
#: Subject nouns that are never the state itself, even when located in a country ("rebels in the
#: Ivory Coast blocked roads" is not a government blockade).
_NONSTATE_NOUNS = frozenset(
    ["rebel", "militant", "student", "worker", "farmer", "protester", "demonstrator", "activist", "supporter", "resident", "villager", "people", "youth", "prisoner", "refugee", "opposition", "guerrilla", "insurgent", "fighter", "militiaman", "civilian", "crowd", "union", "teacher", "driver", "trader", "inmate"]
)
#: Types whose unknown target may be the state actor of the place they happen in ("lifted the curfew
#: in Montenegro", "shelled positions in Gaza").
_PLACE_TARGET_TYPES = frozenset({"ASSAULT", "COERCE", "CONCEDE", "AID", "SANCTION", "RETREAT", "AGREE", "MOBILIZE"})
#: Actor kinds that take the event place's country when they have none.
_LOCAL_KINDS = frozenset({"group", "anonymous", "state"})
#: Verbs whose passive patient (forces) is the actor when no agent is named ("were deployed").
_SELF_MOVING_VERBS = frozenset({"demobilize", "demobilise", "withdraw", "deploy", "redeploy", "station",
                                "disband", "mobilize", "mobilise", "dispatch", "send", "pull"})
_BORDER_NOUNS = frozenset({"border", "frontier", "boundary", "borderline"})
#: Nouns for parties (people, groups) rather than things: a target noun of this kind is the party.
_PARTY_NOUNS = _GROUP_NOUNS | frozenset(
    ["counterpart", "colleague", "ally", "partner", "neighbor", "neighbour", "friend", "rival", "opponent",
     "counterparts", "delegate", "negotiator", "diplomat", "man", "woman", "person", "group"])
_GATHERING_TYPES = frozenset({"CONSULT", "PROTEST", "COOPERATE"})
#: Things that go off by themselves: an attack by one of them has no named attacker.
_DEVICE_NOUNS = frozenset({"bomb", "bombing", "explosion", "blast", "device", "mine", "minefield", "landmine",
                           "ied", "grenade", "rocket", "shell", "missile", "mortar", "car bomb", "explosive"})
_NOUN_ARG_PREPS = frozenset({"with", "against", "to", "from", "on", "over", "of", "by", "for"})
_PROTEST_NOUNS = frozenset({"protest", "response", "retaliation", "reprisal", "revenge"})
#: Types whose place is a venue, never the party acted on ("met in Geneva").
_NO_PLACE_TARGET = frozenset({"CONSULT", "ACCUSE", "REQUEST"})
_MUTUAL_TYPES = frozenset({"CONSULT", "COOPERATE", "AGREE", "SUPPORT", "ASSAULT"})
_EMBED_DEPS = frozenset({"xcomp", "ccomp", "pcomp", "pobj", "prep", "dobj", "acomp", "attr", "oprd",
                         "nsubjpass"})
_MUST = frozenset({"must", "should"})
_RIOT = Alt("PROTEST", "riot")
_ARMED_NOUNS = frozenset(
    ["army", "troop", "force", "soldier", "militant", "rebel", "fighter", "militia", "militiaman", "insurgent", "jihadist", "gunman", "gunmen", "guerrilla", "unit", "battalion", "brigade", "division", "mercenary"]
)
_BACKGROUND_PREPS = frozenset({"after", "following", "amid", "despite", "since", "before", "over"})
_BACKGROUND_HEADS = frozenset({"because", "wake", "result", "response", "retaliation", "due", "aftermath"})
_AGENT_NOUNS = frozenset(
    ["gunman", "gunmen", "attacker", "assailant", "bomber", "terrorist", "militant", "man", "men", "mob", "group", "thug", "robber", "gang", "shooter", "sniper", "pirate", "kidnapper", "insurgent", "jihadist", "extremist", "raider", "arsonist", "vigilante"]
)
_DEMO = Alt("PROTEST", "demo")
_RELIEF = Alt("AID", "humanitarian")
_MUST_ENTRY = Entry(key="say that +must", pos="pattern", lemma="must", type="REQUEST", confidence=0.6)
_COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "RETREAT", "CONCEDE"})
_MUST_HEADS = SPEECH_VERBS | frozenset({"conclude", "demand", "warn", "argue", "insist", "reiterate", "declare"})


@dataclass
class _Cand:
    """A trigger found in a sentence, before roles and post-processing."""

    entry: Entry
    type: str
    mode: str | None
    anchor: Token  # head token of the trigger (verb or noun)
    clause: Token  # token whose clause the event belongs to (verb for noun triggers)
    start: int  # trigger token range
    end: int
    noun: bool = False
    light: Token | None = None
    rule_suffix: str = ""
    confidence: float = 0.8
    embedded_in: _Cand | None = None
    dropped: bool = False
    speech_request: bool = False
    sources: list[str | None] = field(default_factory=list)
    targets: list[str | None] = field(default_factory=list)
    target_toks: list[Token] = field(default_factory=list)
    modality: ModalityResult | None = None


class EventsComponent:
    """The ``newswire_events`` pipeline component."""

    def __init__(self, nlp: Language, name: str, lexicon_files: Iterable[str] = (),
                 plover_future: bool = True) -> None:
        self.name = name
        self.lexicon_files = tuple(str(f) for f in lexicon_files)
        self.lex: Lexicon = load_lexicon(self.lexicon_files)
        self.plover_future = plover_future

    def __call__(self, doc: Doc) -> Doc:
        if not doc.has_annotation("DEP"):
            add_warning(doc, "newswire_events: no dependency parse; no events coded")
            doc._.newswire_events = []
            doc.spans["newswire_events"] = []
            return doc
        events = code_events(doc, self.lex, plover_future=self.plover_future)
        doc._.newswire_events = events
        spans = []
        for ev in events:
            span = doc.char_span(ev["trigger"]["start"], ev["trigger"]["end"], label=ev["type"],
                                 alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans["newswire_events"] = spans
        return doc


@Language.factory("newswire_events", default_config={"lexicon_files": [], "plover_future": True})
def make_events(nlp: Language, name: str, lexicon_files: list[str], plover_future: bool) -> EventsComponent:
    """Create the events component; ``lexicon_files`` adds user lexicon YAML files."""
    return EventsComponent(nlp, name, lexicon_files, plover_future)


# ---------------------------------------------------------------------------- helpers


def _lookup(table: dict[str, list[Entry]], tok: Token) -> list[Entry]:
    entries = table.get(tok.lower_)
    lem = tok.lemma_.lower()
    if lem != tok.lower_:
        more = table.get(lem)
        if more:
            entries = (entries or []) + [e for e in more if not entries or e not in entries]
    return entries or []


def _children(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def _obj_of(verb: Token) -> Token | None:
    """Direct object (or passive subject) of a verb."""
    for dep in ("dobj", "nsubjpass", "attr", "oprd"):
        found = [c for c in verb.children if c.dep_ == dep]
        if found:
            # "that" of a relative clause is not the object when a noun is there too
            nouns = [c for c in found if c.pos_ in ("NOUN", "PROPN", "NUM")]
            return nouns[0] if nouns else found[0]
    # "kidnapped up to 16 advisers" parsed as a particle: the counted noun is the object
    for c in verb.children:
        if c.dep_ == "prt" and c.lower_ == "up":
            for p in c.children:
                if p.dep_ == "prep" and p.lower_ == "to":
                    for o in p.children:
                        if o.dep_ == "pobj" and any(n.dep_ == "nummod" for n in o.children):
                            return o
    # "denounced as a crime Serbia's crackdown": the object shifted behind an "as" phrase
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "as":
            for p in c.children:
                for a in p.children:
                    if p.dep_ == "pobj" and a.dep_ == "appos" and a.i > p.i:
                        return a
    # "shells fired by Russian forces": the participle's noun is its object
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head
    # misparsed reduced relative: "discovered [ammunition believed to belong to ...]"
    for c in verb.children:
        if c.dep_ == "ccomp" and c.lemma_.lower() in _REDUCED_RELATIVE and c.tag_ in ("VBN", "VBD"):
            for s in c.children:
                if s.dep_ == "nsubj" and s.pos_ in ("NOUN", "PROPN"):
                    return s
    return None


def _lemma_forms(tok: Token) -> set[str]:
    forms = {tok.lower_, tok.lemma_.lower()}
    if tok.lower_.endswith("s"):
        forms.add(tok.lower_[:-1])
    return forms


def _match_verb(entry: Entry, verb: Token, lex: Lexicon, loose: bool = False) -> bool:
    if entry.particles:
        prts = [c.lower_ for c in verb.children if c.dep_ in ("prt", "advmod", "acomp", "dobj", "prep", "advcl")]
        doc = verb.doc
        nxt = doc[verb.i + 1].lower_ if verb.i + 1 < len(doc) else ""
        for prt in entry.particles:
            if prt not in prts and prt != nxt:
                return False
    if entry.prep:
        preps = {c.lower_ for c in verb.children if c.dep_ in ("prep", "agent", "dative")}
        if entry.prep not in preps:
            # a prep on the object ("lodged a protest with")
            obj = _obj_of(verb)
            if obj is None or entry.prep not in {c.lower_ for c in obj.children if c.dep_ == "prep"}:
                return False
    if entry.obj is not None:
        obj = _obj_of(verb)
        cands: list[Token] = []
        if obj is not None:
            cands.append(obj)
            cands.extend(c for c in obj.conjuncts)
            if loose and obj.dep_ == "dobj":
                cands.extend(c for c in obj.children if c.dep_ in ("compound", "amod", "nmod"))
            # "a state of emergency", "the return of inspectors"
            for p in obj.children:
                if p.dep_ == "prep" and p.lower_ == "of":
                    for c in p.children:
                        if c.dep_ == "pobj":
                            cands.extend([c, *c.conjuncts])
                            if loose:
                                cands.extend(m for m in c.children if m.dep_ in ("compound", "amod"))
        # objects behind a preposition ("put under investigation", "fired on", "take to the streets")
        for p in verb.children:
            if p.dep_ in ("prep", "dative"):
                cands.extend(c for c in p.children if c.dep_ == "pobj")
        if not any(_lemma_forms(c) & entry.obj for c in cands):
            return False
    if entry.subj is not None:
        subs = _children(verb, "nsubj", "nsubjpass")
        if not subs:
            return False
        s = subs[0]
        forms = _lemma_forms(s) | {f for c in s.children if c.dep_ in ("compound", "amod") for f in _lemma_forms(c)}
        if not forms & entry.subj:
            return False
    return not (entry.xcomp and not _children(verb, "xcomp", "ccomp"))


def _match_noun(entry: Entry, noun: Token) -> bool:
    if entry.modifier is None:
        return True
    mods = [c for c in noun.children if c.dep_ in ("compound", "amod", "nmod", "npadvmod")]
    words = entry.modifier.split()
    if len(words) == 1:
        return any(words[0] in _lemma_forms(m) for m in mods) or (
            noun.i > 0 and noun.doc[noun.i - 1].lower_ == words[0])
    doc = noun.doc
    first = noun.i - len(words)
    return first >= 0 and [t.lower_ for t in doc[first:noun.i]] == words


def _best(entries: list[Entry], pred: Any) -> Entry | None:
    for e in entries:  # sorted most specific first
        if pred(e):
            return e
    return None


# ---------------------------------------------------------------------------- actors


class _Actors:
    """Actor lookup by token for one document."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.index = token_actor_index(doc)
        self.by_id = {a["id"]: a for a in doc._.newswire_actors or ()}

    def add_place(self, place: dict[str, Any], is_country: bool) -> str:
        """Append an actor for a place acted on (kind ``state`` for a country, else ``other``)."""
        actors = self.doc._.newswire_actors
        if actors is None:
            actors = []
            self.doc._.newswire_actors = actors
        code = str(place["country"])
        ids = {a["id"] for a in actors}
        n = len(actors) + 1
        while f"a{n}" in ids:
            n += 1
        aid = f"a{n}"
        gid = place.get("geonameid")
        actor = {
            "id": aid,
            "name": (country_name(code) or code) if is_country else str(place.get("name") or place["text"]),
            "kind": "state" if is_country else "other",
            "country": code,
            "sector": None,
            "title": None,
            "kb_id": code if is_country else (f"geonames:{gid}" if gid else None),
            "mentions": [[int(place["start"]), int(place["end"])]],
        }
        actors.append(actor)
        self.by_id[aid] = actor
        span = self.doc.char_span(place["start"], place["end"], label="state" if is_country else "other", alignment_mode="expand")
        if span is not None:
            for i in range(span.start, span.end):
                self.index.setdefault(i, aid)
            if "newswire_actors" in self.doc.spans:
                self.doc.spans["newswire_actors"].append(span)
        return aid

    def kind(self, actor_id: str | None) -> tuple[str | None, str | None]:
        a = self.by_id.get(actor_id or "")
        if not a:
            return None, None
        return a.get("kind"), a.get("sector")

    def at(self, tok: Token | None, depth: int = 0, pronouns: bool = True) -> str | None:
        """Actor of a noun phrase headed by ``tok``."""
        if tok is None or tok.i < _dateline_end(tok.doc):
            return None
        hit = self.index.get(tok.i)
        if hit:
            return hit
        if tok.lower_ in _PRONOUNS:
            return self._pronoun(tok) if pronouns else None
        for c in tok.children:
            if c.dep_ in ("compound", "amod", "poss", "nmod", "appos") and c.i in self.index:
                return self.index[c.i]
        for c in tok.children:
            if c.dep_ in ("compound", "amod", "poss", "nmod"):
                for g in c.children:
                    if g.dep_ in ("compound", "amod", "poss", "npadvmod") and g.i in self.index:
                        return self.index[g.i]
        if depth < 2:
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ in ("of", "from", "for", "in", "throughout", "across", "by"):
                    for p in c.children:
                        if p.dep_ == "pobj":
                            hit2 = self.at(p, depth + 1, pronouns)
                            if hit2:
                                return hit2
            for c in tok.children:
                if c.dep_ == "appos":
                    hit2 = self.at(c, depth + 1, pronouns)
                    if hit2:
                        return hit2
        return None

    def _pronoun(self, tok: Token) -> str | None:
        # "X said it would ..." -> X
        cur = tok.head
        for _ in range(8):
            if cur.lemma_ in SPEECH_VERBS:
                for c in cur.children:
                    if c.dep_ == "nsubj" and c.i != tok.i:
                        hit = self.at(c, pronouns=False)
                        if hit:
                            return hit
                break
            if cur.head is cur:
                break
            cur = cur.head
        # nearest actor before the pronoun
        for i in range(tok.i - 1, max(-1, tok.i - 60), -1):
            if i in self.index:
                return self.index[i]
        return None


def _subject(verb: Token, depth: int = 0) -> tuple[list[Token], bool]:
    """Subject tokens of a verb (with conjuncts) and whether they are a passive's patient."""
    passive = _is_passive(verb)
    dateline = _dateline_end(verb.doc)
    for c in verb.children:
        if c.i < dateline:
            continue  # "LAGOS (AFP) - Gunmen kidnapped ...": the dateline is no subject
        if c.dep_ in ("nsubj", "csubj", "expl"):
            return [c, *c.conjuncts], False
        if c.dep_ == "nsubjpass":
            return [c, *c.conjuncts], True
    if depth > 4 or verb.head is verb:
        return [], passive
    head = verb.head
    dep = verb.dep_
    if dep == "conj":
        subs, p = _subject(head, depth + 1)
        if p and not passive:
            # "was attacked by X and killed" - keep the agent as subject
            agent = _agent(head)
            return (agent, False) if agent else ([], False)
        return subs, (p and passive)
    if dep in ("xcomp", "ccomp") and not any(c.dep_ == "mark" and c.lower_ == "that" for c in verb.children):
        if head.lemma_.lower() in _OBJECT_CONTROL or dep == "xcomp":
            objs = _children(head, "dobj") or [p for pr in head.children if pr.dep_ == "prep"
                                               and pr.lower_ in ("on", "upon") for p in pr.children
                                               if p.dep_ == "pobj"]
            if objs and head.lemma_.lower() in _OBJECT_CONTROL:
                return [objs[0], *objs[0].conjuncts], False
        if head.pos_ in ("ADJ",) and head.head is not head:
            return _subject(head.head, depth + 1)
        return _subject(head, depth + 1)
    purpose = verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    if dep == "advcl" and (verb.tag_ in ("VBG", "VBN") or purpose) and not any(
            c.dep_ == "mark" for c in verb.children):
        if _is_passive(head):
            agent = _agent(head)
            if agent:
                return agent, False
        return _subject(head, depth + 1)
    if dep == "acl" and head.lemma_.lower() in _STATEMENT_NOUNS and head.dep_ in ("dobj", "nsubjpass"):
        # "X issued a declaration demanding ...": X demands
        return _subject(head.head, depth + 1)
    if dep in ("relcl", "acl") and head.pos_ in ("NOUN", "PROPN", "PRON"):
        if dep == "acl" and verb.tag_ == "VBN":
            return [head], True
        return [head], False
    if dep == "pcomp" and head.head is not head:
        gov = head.head
        objs = _children(gov, "dobj")
        if objs:
            return [objs[0]], False
        return _subject(gov, depth + 1)
    return [], passive


_DASHES = frozenset({"-", "—", "–", "--"})


def _dateline_end(doc: Doc) -> int:
    """Token index after a wire dateline ("HARARE (Reuters) -", "Lagos, July 3 (AFP) -",
    "NAIROBI, Kenya —"), else 0. Computed once per Doc (kept in ``doc.user_data``)."""
    cached = doc.user_data.get("newswire_dateline")
    if isinstance(cached, int):
        return cached
    end = 0
    n = min(len(doc), 14)
    if n and (doc[0].is_upper and len(doc[0].text) > 1 or doc[0].ent_type_ in ("GPE", "LOC")):
        for i in range(1, n):
            tok = doc[i]
            if tok.text in _DASHES and tok.i + 1 < len(doc) and tok.whitespace_:
                end = i + 1
                break
            if tok.pos_ in ("VERB", "AUX") or "\n" in tok.text or tok.text == ".":
                break
    doc.user_data["newswire_dateline"] = end
    return end


def _agent(verb: Token) -> list[Token]:
    for c in verb.children:
        if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by" and verb.tag_ == "VBN"):
            for p in c.children:
                if p.dep_ == "pobj":
                    return [p, *p.conjuncts]
    return []


def _prep_objects(tok: Token, preps: Iterable[str]) -> list[Token]:
    """Objects of the token's prepositions, in the order of ``preps`` (most wanted first)."""
    order = {p: n for n, p in enumerate(preps)}
    found: list[tuple[int, int, Token]] = []
    for c in tok.children:
        if c.dep_ in ("prep", "dative") and c.lower_ in order:
            for p in c.children:
                if p.dep_ == "pobj":
                    for x in (p, *p.conjuncts):
                        found.append((order[c.lower_], x.i, x))
        elif c.dep_ == "dative" and c.pos_ in ("NOUN", "PROPN", "PRON"):
            found.append((order.get("to", len(order)), c.i, c))
    return [t for _, _, t in sorted(found, key=lambda f: (f[0], f[1]))]


def _noun_args(noun: Token, depth: int = 0) -> list[Token]:
    """The arguments of a non-actor noun (and its conjuncts): its prepositional objects and the
    agent of a participle on it ("a truce with X", "the march staged by X"), two levels deep
    ("demands for freedom from X's government")."""
    out: list[Token] = []
    for n in (noun, *noun.conjuncts):
        for ch in n.children:
            if ch.dep_ == "prep" and ch.lower_ in _NOUN_ARG_PREPS:
                for p in ch.children:
                    if p.dep_ == "pobj":
                        out.append(p)
                        if depth < 1 and p.pos_ == "NOUN":
                            out.extend(_noun_args(p, depth + 1))
            elif ch.dep_ == "acl" and ch.tag_ == "VBN":
                out.extend(_agent(ch))
    return out


def _own_resource(obj: Token) -> bool:
    """"its troops", "their borders": the actor's own resource, not a target."""
    return any(c.dep_ == "poss" and c.lower_ in ("its", "their", "his", "her", "our", "my") for c in obj.children)


# ---------------------------------------------------------------------------- coder


def code_events(doc: Doc, lex: Lexicon, *, plover_future: bool = True) -> list[dict[str, Any]]:
    """All events of a parsed Doc (the component's work), as record-shaped dicts."""
    coder = _Coder(doc, lex, plover_future)
    return coder.run()


class _Coder:
    def __init__(self, doc: Doc, lex: Lexicon, plover_future: bool) -> None:
        self.doc = doc
        self.lex = lex
        self.plover_future = plover_future
        self.actors = _Actors(doc)
        self.published = published_date(doc)
        self.quotes = list(doc._.newswire_quotes or ())
        self.times = self._token_items(doc._.newswire_times or ())
        self.places = self._token_items(doc._.newswire_places or ())
        dateline = _dateline_end(doc)
        self.dateline_country: str | None = next(
            (str(p["country"]) for s, e, p in self.places if e <= dateline and p.get("country")), None)
        self.disaster_doc = bool(lex.disaster.search(doc.text))

    def _token_items(self, items: Iterable[dict[str, Any]]) -> list[tuple[int, int, dict[str, Any]]]:
        out = []
        for it in items:
            span = self.doc.char_span(it["start"], it["end"], alignment_mode="expand")
            if span is not None and len(span):
                out.append((span.start, span.end, it))
        return out

    # -- main loop
    def run(self) -> list[dict[str, Any]]:
        events: list[dict[str, Any]] = []
        for sent in self.doc.sents:
            events.extend(self._sentence(sent))
        for n, ev in enumerate(events, 1):
            ev["id"] = f"e{n}"
        return events

    def _sentence(self, sent: Span) -> list[dict[str, Any]]:
        text = sent.text
        cands = self._verb_candidates(sent)
        nouns = self._noun_candidates(sent, cands)
        cands.extend(nouns)
        if not cands:
            return []
        cands.sort(key=lambda c: c.anchor.i)
        anchors = {c.anchor.i: c for c in cands}
        fighting = bool(self.lex.fighting.search(text))
        # embedding: the nearest governing trigger on the path up
        for c in cands:
            c.embedded_in = self._governor(c, anchors)
        stops = frozenset(anchors)
        for c in cands:
            c.modality = modality_of(c.anchor, stops)
        for c in cands:
            self._roles(c)
        quantities = find_magnitudes(sent)
        out: list[dict[str, Any]] = []
        for c in cands:
            self._adjust(c, cands, text, fighting)
        # the demands voiced by a protest are its topic, not separate events (PLOVER PROTEST note)
        protest_sources = {s for c in cands if c.type == "PROTEST" and not c.dropped for s in c.sources}
        if protest_sources:
            for c in cands:
                if c.type == "REQUEST" and not c.dropped and (
                        not any(c.sources) or set(c.sources) & protest_sources):
                    c.dropped = True
        for c in cands:
            if c.dropped:
                continue
            out.extend(self._emit(c, sent, quantities))
        return out

    # -- candidates
    def _verb_candidates(self, sent: Span) -> list[_Cand]:
        lex = self.lex
        out: list[_Cand] = []
        for tok in sent:
            if not (tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB")):
                continue
            entries = _lookup(lex.verbs, tok)
            entry = None
            if entries:
                entry = _best(entries, lambda e, t=tok: _match_verb(e, t, lex))
                if entry is None or entry.obj is None:
                    loose = _best(entries, lambda e, t=tok: e.obj is not None and _match_verb(e, t, lex, True))
                    entry = loose or entry
            obj = _obj_of(tok)
            if obj is not None and obj.lemma_.lower() in lex.classes.get("measure", frozenset()):
                # "launched ten days of war games", "a series of attacks"
                for p in obj.children:
                    if p.dep_ == "prep" and p.lower_ == "of":
                        for q in p.children:
                            if q.dep_ == "pobj" and _lookup(lex.nouns, q):
                                obj = q
            # light verb + event noun: the noun decides unless a verb entry constrains the object
            if (entry is None or entry.obj is None) and obj is not None:
                is_light = tok.lemma_.lower() in lex.light_verbs or tok.lower_ in lex.light_verbs
                if is_light:
                    nent = _best(_lookup(lex.nouns, obj), lambda e, o=obj: _match_noun(e, o))
                    if nent is not None and not nent.skip:
                        start, end = (tok.i, obj.i + 1) if 0 < obj.i - tok.i <= 4 else (obj.i, obj.i + 1)
                        noun_tok: Token = obj
                        out.append(_Cand(nent, nent.type or "", nent.mode, anchor=noun_tok, clause=tok,
                                         start=start, end=end, noun=True, light=tok,
                                         rule_suffix=f"+light:{tok.lemma_.lower()}",
                                         confidence=nent.confidence))
                        continue
            if entry is None or entry.skip:
                continue
            if tok.dep_ == "acl" and entry.type not in ("ASSAULT", "COERCE") and (
                    tok.tag_ != "VBG" or entry.type not in _VERBAL_TYPES):
                continue  # "militiamen armed with machetes", "a base hosting US troops"
            if tok.dep_ in ("amod", "compound") and tok.i < tok.head.i:
                continue  # participial adjectives: "banned munitions", "Iranian-backed militias"
            if entry.needs_cue and not lex.mode_from_cues(entry.type or "", sent.text):
                continue
            start, end = tok.i, tok.i + 1
            for c in tok.children:
                if c.dep_ == "prt" and c.i == end:
                    end = c.i + 1
            if entry.obj is not None and obj is not None and 0 < obj.i - tok.i <= 3 and entry.type != "ASSAULT":
                end = max(end, obj.i + 1)
            out.append(_Cand(entry, entry.type or "", entry.mode, anchor=tok, clause=tok, start=start,
                             end=end, confidence=entry.confidence))
        # "X said (that) Y must Z": a demand by X on Y
        anchors = {c.anchor.i for c in out}
        for tok in sent:
            if tok.dep_ != "ccomp" or tok.head.i in anchors:
                continue
            head = tok.head
            if head.lemma_.lower() not in _MUST_HEADS and head.lower_ not in _MUST_HEADS:
                continue
            auxes = [c for c in tok.children if c.dep_ == "aux" and c.lower_ in _MUST]
            if not auxes or any(c.dep_ == "neg" for c in tok.children):
                continue
            # only between actors: "analysts said prices should fall" is no demand
            speakers = _subject(head)[0]
            addressees = _subject(tok)[0]
            if not any(self.actors.at(t) for t in speakers) or not any(
                    self.actors.at(t, pronouns=False) for t in addressees):
                continue
            aux = auxes[0]
            end = tok.i + 1 if 0 < tok.i - aux.i <= 3 else aux.i + 1
            out.append(_Cand(_MUST_ENTRY, "REQUEST", None, anchor=head, clause=head, start=aux.i, end=end,
                             confidence=0.6, speech_request=True))
            anchors.add(head.i)
        return out

    def _noun_candidates(self, sent: Span, verbs: list[_Cand]) -> list[_Cand]:
        lex = self.lex
        taken = {c.anchor.i for c in verbs}
        verbal = {c.anchor.i: c for c in verbs if c.type in _VERBAL_GOVERNORS and not c.noun}
        out: list[_Cand] = []
        fallback: list[_Cand] = []
        for tok in sent:
            if tok.pos_ not in ("NOUN", "PROPN") or tok.i in taken:
                continue
            entries = _lookup(lex.nouns, tok)
            if not entries:
                continue
            nent = _best(entries, lambda e, t=tok: _match_noun(e, t))
            if nent is None or nent.skip:
                continue
            if nent.modifier:
                start = tok.i - len(nent.modifier.split())
                start = max(start, sent.start)
            else:
                start = tok.i
            head = tok.head
            gov = None
            if tok.dep_ in ("dobj", "nsubjpass") and head.i in verbal:
                gov = head
            elif tok.dep_ == "pobj" and head.lower_ in ("for", "to", "of") and head.head.i in verbal:
                gov = head.head
            if gov is not None:
                # the content of a proposal, demand, refusal or threat ("called for the release of")
                out.append(_Cand(nent, nent.type or "", nent.mode, anchor=tok, clause=gov, start=start,
                                 end=tok.i + 1, noun=True, rule_suffix=f"+under:{gov.lemma_.lower()}",
                                 confidence=nent.confidence * 0.9))
                continue
            if tok.dep_ in ("nsubj", "nsubjpass") and (head.lemma_.lower() in lex.occurrence_verbs):
                if head.i in taken and nent.type != "PROTEST":
                    continue  # the verb is an event itself ("bombing killed 5")
                out.append(_Cand(nent, nent.type or "", nent.mode, anchor=tok, clause=head, start=start,
                                 end=tok.i + 1, noun=True, rule_suffix="+occurs", confidence=nent.confidence))
            elif not nent.light_only and not _background(tok):
                clause = head if head.pos_ in ("VERB", "AUX") else tok
                fallback.append(_Cand(nent, nent.type or "", nent.mode, anchor=tok, clause=clause,
                                      start=start, end=tok.i + 1, noun=True, rule_suffix="",
                                      confidence=nent.confidence * 0.75))
        if not verbs and not out and fallback:
            # no verbal event: keep free-standing event nouns that are not inside another's phrase
            seen: set[int] = set()
            for c in fallback:
                if any(a.i in seen for a in c.anchor.ancestors):
                    continue
                seen.add(c.anchor.i)
                out.append(c)
        return out

    # -- structure
    def _governor(self, c: _Cand, anchors: dict[int, _Cand]) -> _Cand | None:
        cur = c.anchor
        if c.light is not None:
            cur = c.light
        for _ in range(10):
            purpose = cur.dep_ == "advcl" and cur.tag_ == "VB" and any(
                ch.dep_ == "aux" and ch.lower_ == "to" for ch in cur.children)
            if cur.head is cur or (cur.dep_ not in _EMBED_DEPS and not purpose):
                return None
            head = cur.head
            if cur.dep_ == "prep" and cur.lower_ not in ("for", "to", "of", "on", "against", "with", "from", "about"):
                return None
            if head.i not in anchors and head.lemma_ in SPEECH_VERBS and cur.dep_ in ("ccomp", "xcomp"):
                return None
            if head.i in anchors and anchors[head.i] is not c:
                gov = anchors[head.i]
                if gov.type in ("ASSAULT", "COERCE") and cur.dep_ in ("advcl", "acl"):
                    return None
                return gov
            cur = head
        return None

    def _roles(self, c: _Cand) -> None:
        A = self.actors
        src_toks: list[Token] = []
        tgt_toks: list[Token] = []
        preps = c.entry.targets or _DEFAULT_TARGET_PREPS.get(c.type, ())
        if c.speech_request:
            verb = c.anchor
            subs, _p = _subject(verb)
            src_toks = subs
            for ch in verb.children:
                if ch.dep_ == "ccomp" and any(a.dep_ == "aux" and a.lower_ in _MUST for a in ch.children):
                    tgt_toks = _subject(ch)[0]
                    break
        elif c.noun:
            noun = c.anchor
            for ch in noun.children:
                if ch.dep_ in ("poss", "compound", "amod", "nmod") and A.at(ch):
                    src_toks.append(ch)
                    break
            if not src_toks:
                src_toks = _agent(noun) or [p for p in _prep_objects(noun, ("by",))]
            if not src_toks and c.type in _GATHERING_TYPES and noun.dep_ == "pobj" and noun.head.lower_ in (
                    "for", "to") and noun.head.head.pos_ == "VERB":
                # "negotiators returned to Geneva for talks", "students gathered for a protest"
                subs, passive = _subject(noun.head.head)
                if not passive:
                    src_toks = subs
            lverb: Token | None = c.light or (c.clause if c.clause is not noun else None)
            if not src_toks and lverb is not None and c.light is not None:
                verb = lverb
                subs, passive = _subject(verb)
                if passive:
                    src_toks = _agent(verb)
                else:
                    src_toks = subs
            tgt_toks = _prep_objects(noun, preps)
            if not tgt_toks and lverb is not None and c.light is not None:
                tgt_toks = _prep_objects(lverb, preps)
            if c.entry.mutual and not src_toks:
                # "clashes between police and protesters": both sides act
                between = _prep_objects(noun, ("between",))
                if not between and c.clause is not noun:
                    between = _prep_objects(c.clause, ("between",))
                if len(between) > 1:
                    src_toks, tgt_toks = between, []
        else:
            verb = c.anchor
            subs, passive = _subject(verb)
            if c.entry.lemma in ("die", "perish"):
                passive = True  # the one who died is the victim
            obj = _obj_of(verb)
            if passive and not _agent(verb) and verb.lemma_.lower() in _SELF_MOVING_VERBS and subs \
                    and any(A.at(t) for t in subs):
                # "the guerrillas were demobilized", "troops were deployed to the border": the
                # forces moved are the actor (PLOVER codes whose forces retreat or mobilise)
                src_toks = subs
            elif passive:
                src_toks = _agent(verb)
                tgt_toks = subs if subs else ([obj] if obj is not None else [])
            else:
                src_toks = subs
                if c.entry.topic_object or (obj is not None and _own_resource(obj)):
                    obj = None
                given = _prep_objects(verb, ("to", "for")) if c.type in ("AID", "AGREE") else []
                if any(A.at(t) for t in given):
                    tgt_toks = given  # "offered its troops to Lebanon": the recipient
                elif obj is not None and obj.dep_ in ("dobj", "appos", "pobj") and A.at(obj):
                    tgt_toks = [obj, *obj.conjuncts]
                elif obj is not None and obj.dep_ in ("dobj", "appos", "pobj"):
                    tgt_toks = _prep_objects(obj, ("of", "for", "to", "against", "from", "with", "on", "in")) \
                        if c.type in ("ASSAULT", "COERCE", "AID", "SANCTION") else []
                    if not tgt_toks:
                        tgt_toks = [obj]
            if not tgt_toks or not any(A.at(t) for t in tgt_toks):
                pt = _prep_objects(verb, preps)
                if not pt and obj is not None:
                    pt = _prep_objects(obj, preps)
                if pt:
                    tgt_toks = pt
            if c.entry.targets and not any(A.at(t) for t in tgt_toks):
                pt = _prep_objects(verb, c.entry.targets)
                if pt:
                    tgt_toks = pt
        # "French and Egyptian warships": conjoined modifiers are several sources
        for t in list(src_toks):
            for ch in t.children:
                if ch.dep_ in ("amod", "compound") and ch.conjuncts and A.at(ch):
                    src_toks.extend(x for x in (ch, *ch.conjuncts) if x not in src_toks)
        sources = [A.at(t) for t in src_toks]
        targets = [A.at(t) for t in tgt_toks]
        c.target_toks = list(tgt_toks)
        if not any(targets) and not c.noun and c.type in _VERBAL_GOVERNORS:
            # "offered to hand over to Britain", "threatened to break relations with Russia"
            for comp in _children(c.anchor, "xcomp", "ccomp"):
                toks = _subject(comp)[0] if (c.type == "REQUEST" and comp.dep_ == "ccomp") else []
                toks += [t for t in (_obj_of(comp),) if t is not None] + _prep_objects(
                    comp, ("to", "with", "against", "on", "from", "for"))
                obj2 = _obj_of(comp)
                if obj2 is not None:
                    toks += _prep_objects(obj2, ("to", "with", "against", "on", "from", "of", "for", "by"))
                found = [A.at(t) for t in toks]
                if any(found):
                    targets = found
                    break
        if not any(targets) and not c.noun and c.type == "THREATEN":
            # "threatened to stop talks if the United States goes ahead": the conditioned party
            for v in [c.anchor, *_children(c.anchor, "xcomp", "ccomp")]:
                for adv in _children(v, "advcl"):
                    if any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in adv.children):
                        found = [A.at(t) for t in _subject(adv)[0]]
                        if any(found):
                            targets = found
                            break
                if any(targets):
                    break
        srcs = {x for x in sources if x}
        if not any(t and t not in srcs for t in targets):
            indirect, why = self._indirect_target(c, tgt_toks, srcs)
            if indirect is not None:
                targets = [indirect]
                c.rule_suffix += f">target:{why}"
        if not any(targets) and c.type in _PLACE_TARGET_TYPES:
            head = c.light or c.anchor
            toks = _prep_objects(head, ("in", "into", "across", "throughout"))
            obj3 = _obj_of(head)
            if obj3 is not None:
                toks += _prep_objects(obj3, ("in",))
            for t in toks:
                aid = A.at(t, pronouns=False)
                if aid and (A.kind(aid)[0] == "state"):
                    targets = [aid]
                    break
        # clause-mates: "demanded that the US cancel" -> the embedded subject is the target
        c.sources = list(_dedupe([s for s in sources if s])) or [None]
        c.targets = list(_dedupe([t for t in targets if t])) or [None]

    def _indirect_target(self, c: _Cand, tgt_toks: list[Token], srcs: set[str]) -> tuple[str | None, str]:
        """A target one step away when the direct object is no actor: the owner or agent of the
        object noun ("demanded a truce with Moslem forces", "prevented the march staged by
        students"), else the object of a purpose clause or protest phrase ("fired tear gas to
        disperse protesters", "staged a hunger strike to protest against Sweden's decision")."""
        A = self.actors

        def ok(t: Token | None) -> str | None:
            aid = A.at(t, pronouns=False) if t is not None else None
            return aid if aid and aid not in srcs else None

        if any(t.lemma_.lower() in _PARTY_NOUNS for t in tgt_toks):
            return None, ""  # "urged his counterparts": a party, unresolved; not a thing to look into
        for t in tgt_toks:
            if t.pos_ != "NOUN":
                continue
            for x in _noun_args(t):
                hit = ok(x)
                if hit:
                    return hit, "np"
        head = c.light or (c.clause if c.noun else c.anchor)
        heads = [head]
        cur = head
        for _ in range(3):
            # "opened fire on the crowd, killing two and arresting 12": the participle's victims
            if cur.dep_ not in ("conj", "advcl") or cur.head is cur or (cur.dep_ == "advcl" and cur.tag_ != "VBG"):
                break
            cur = cur.head
            if cur.pos_ != "VERB":
                break
            heads.append(cur)
            if cur.dep_ != "conj":
                obj = _obj_of(cur)
                for t in ([obj, *obj.conjuncts] if obj is not None else []) + _prep_objects(cur, ("on", "against", "at")):
                    hit = ok(t)
                    if hit:
                        return hit, "clause"
                    for x in _noun_args(t) if t.pos_ == "NOUN" else ():
                        hit = ok(x)
                        if hit:
                            return hit, "clause"
        for ch in (x for h in heads for x in h.children):
            purpose = (ch.dep_ == "advcl" or (ch.dep_ == "xcomp" and ch.head.lemma_.lower() not in _OBJECT_CONTROL)) \
                and ch.tag_ == "VB" and any(a.dep_ == "aux" and a.lower_ == "to" for a in ch.children)
            protest = ch.dep_ == "prep" and ch.lower_ == "in" and any(
                p.dep_ == "pobj" and p.lemma_.lower() in _PROTEST_NOUNS for p in ch.children)
            if purpose:
                obj = _obj_of(ch)
                toks = ([obj] if obj is not None else []) + _prep_objects(
                    ch, ("against", "with", "on", "from", "to", "for"))
            elif protest:
                noun = next(p for p in ch.children if p.dep_ == "pobj")
                toks = _prep_objects(noun, ("against", "of", "at", "over", "to"))
            else:
                continue
            for t in toks:
                hit = ok(t)
                if hit:
                    return hit, "purpose"
                for x in _noun_args(t) if t.pos_ == "NOUN" else ():
                    hit = ok(x)
                    if hit:
                        return hit, "purpose"
        return None, ""

    def _adjust(self, c: _Cand, cands: list[_Cand], text: str, fighting: bool) -> None:
        """Alternative types, PLOVER conventions for embedded and future acts."""
        lex = self.lex
        e = c.entry
        src = c.sources[0]
        kind, sector = self.actors.kind(src)
        subj_toks = _subject(c.anchor)[0] if not c.noun else []
        nonstate = any(t.lemma_.lower() in _NONSTATE_NOUNS for t in subj_toks)
        if "state" in e.alts and not nonstate and (kind in _STATE_KINDS or (sector or "") in _STATE_SECTORS):
            self._switch(c, e.alts["state"], "state")
        if "civilian" in e.alts:
            subs, _ = _subject(c.anchor) if not c.noun else ([], False)
            if subs and subs[0].lemma_.lower() in _CIVILIAN_NOUNS:
                self._switch(c, e.alts["civilian"], "civilian")
        if "fighting" in e.alts:
            # only when the fighting cue is another word than the trigger itself
            trig = self.doc[c.start:c.end].text.lower()
            rest = text.lower().replace(trig, " ")
            if lex.nonviolent.search(text):
                pass
            elif fighting and lex.fighting.search(rest):
                self._switch(c, e.alts["fighting"], "fighting")
            elif c.modality is not None and c.modality.value == "asserted" and (
                    self._from_armed(c) or self._armed_source(c)):
                # a capture actually made by an armed force is an armed action
                self._switch(c, e.alts["fighting"], "armed")
        if "violent" in e.alts and lex.violence.search(text):
            self._switch(c, e.alts["violent"], "violent")
        if "test" in e.alts and lex.test.search(text):
            self._switch(c, e.alts["test"], "test")
        if c.type == "ASSAULT":
            subs = _subject(c.anchor)[0] if not c.noun else []
            if subs and _is_passive(c.anchor):
                subs = _agent(c.anchor)
            partners = _prep_objects(c.anchor, ("with", "between", "and")) if (e.mutual or c.noun) else []
            if c.noun and c.clause is not c.anchor:
                partners += _prep_objects(c.clause, ("with", "between"))
            if e.lemma in ("die", "perish"):
                subs = []  # the subject of "died" is the victim
            if any(self._crowd(t) for t in subs) or any(self._crowd(t) for t in partners):
                self._switch(c, _RIOT, "crowd")
            elif (not any(c.sources) and (lex.disaster.search(text) or self.disaster_doc)
                  and not self._agentive(c) and not lex.mode_from_cues("ASSAULT", text)):
                c.dropped = True  # harm by floods, fires, crashes: not an event
                return
        if c.type in ("REQUEST", "ACCUSE", "REJECT", "THREATEN", "CONSULT") and not c.noun:
            # demands and denunciations made by crowds in the street are protests
            subs = _subject(c.anchor)[0]
            if subs and subs[0].lemma_.lower() in lex.classes.get("crowd", frozenset()):
                self._switch(c, _DEMO, "crowd")
        if c.type == "MOBILIZE" and lex.disaster.search(text):
            self._switch(c, _RELIEF, "relief")
        mod = c.modality
        assert mod is not None
        if "joint" in e.alts and mod.value == "asserted" and (
                lex.joint.search(text) or len([s for s in c.sources if s]) > 1 or any(c.targets)):
            self._switch(c, e.alts["joint"], "joint")
        gov = c.embedded_in
        if gov is not None:
            if gov.type == "ACCUSE" or (gov.type == "PROTEST" and c.type == "REQUEST"):
                if not any(gov.targets):
                    # "staged a protest to demand the resignation of X": the demand's addressee
                    gsrc = {s for s in gov.sources if s}
                    addressed: list[str | None] = [t for t in c.targets if t and t not in gsrc]
                    if addressed:
                        gov.targets = addressed
                        gov.rule_suffix += ">target:embedded"
                c.dropped = True
                return
            if gov.type == c.type and gov.anchor is not c.anchor:
                c.dropped = True  # "called for ... demands"
                return
            # the governor takes its mode from the act ("threatened to cut aid" -> relations)
            if gov.mode is None and gov.type in lex.complement_modes:
                table = lex.complement_modes[gov.type]
                m = table.get(c.type)
                if gov.type == "THREATEN" and c.mode:
                    m = lex.complement_modes.get("THREATEN+mode", {}).get(c.mode, m)
                if m and m in lex.types[gov.type].modes:
                    gov.mode = m
            if gov.type == "AGREE" and lex.types[c.type].future_as == "THREATEN":
                gov.type, gov.mode = "THREATEN", lex.complement_modes["THREATEN"].get(c.type)
                gov.rule_suffix += ">conflict:THREATEN"
            # an embedded act's unknown source is the governor's source
            if not any(c.sources) and any(gov.sources):
                c.sources = list(gov.sources)
            # the governor's unknown target: who is asked to act, or whom the act is aimed at
            if not any(gov.targets):
                gsrc = {s for s in gov.sources if s}
                if gov.type == "REQUEST" and any(s and s not in gsrc for s in c.sources):
                    gov.targets = [s for s in c.sources if s and s not in gsrc]
                elif any(t and t not in gsrc for t in c.targets):
                    gov.targets = [t for t in c.targets if t and t not in gsrc]
            return
        if not self.plover_future:
            return
        if mod.value == "negated" and mod.intent and c.type in _COOPERATIVE:
            # "will not release the hostages": a refusal
            old = c.type
            c.type = "REJECT"
            c.mode = lex.complement_modes["REJECT"].get(old)
            c.rule_suffix += ">refusal:REJECT"
            return
        if (mod.intent and mod.value == "hypothetical" and mod.cue is not None and mod.cue.lower_ == "unless"
                and c.type not in ("THREATEN", "REQUEST", "REJECT", "ACCUSE")):
            # "will withdraw its force unless ...": a conditional threat
            old = c.type
            c.type = "THREATEN"
            c.mode = lex.complement_modes["THREATEN"].get(old)
            c.rule_suffix += ">unless:THREATEN"
            return
        conditional = mod.value == "hypothetical" and mod.cue is not None and mod.cue.dep_ == "mark"
        if mod.intent and (mod.value == "future" or conditional):
            new = lex.types[c.type].future_as
            if new:
                old = c.type
                c.type = new
                if new == "THREATEN":
                    m = lex.complement_modes["THREATEN"].get(old)
                    if c.mode:
                        m = lex.complement_modes.get("THREATEN+mode", {}).get(c.mode, m)
                    c.mode = m
                else:
                    c.mode = None
                c.rule_suffix += f">future:{new}"

    def _from_armed(self, c: _Cand) -> bool:
        """Whether the act is taken from/against an armed actor ("seized the town from the rebels")."""
        toks = _prep_objects(c.anchor, ("from",))
        obj = _obj_of(c.anchor)
        if obj is not None:
            toks += _prep_objects(obj, ("from",))
        ids = [self.actors.at(t) for t in toks] + [t for t in c.targets if t]
        for aid in ids:
            kind, sector = self.actors.kind(aid)
            if sector in ("REB", "MIL", "INS", "UAF", "SPY") or kind == "group":
                return True
        return False

    def _agentive(self, c: _Cand) -> bool:
        """Whether someone (not something) does the act: a person or group as subject or agent."""
        if c.noun:
            return False
        subs, passive = _subject(c.anchor)
        if passive:
            subs = _agent(c.anchor)
        for t in subs:
            low = t.lemma_.lower()
            if low in UNIT_NOUNS or low in _AGENT_NOUNS or t.lower_ in _AGENT_NOUNS:
                return True
        return False

    def _armed_source(self, c: _Cand) -> bool:
        """Whether the actor is an armed force (military, rebels, militants), not the police."""
        for aid in c.sources:
            sector = self.actors.kind(aid)[1]
            if sector in ("MIL", "REB", "INS", "UAF"):
                return True
        subs = _subject(c.anchor)[0] if not c.noun else []
        return any(t.lemma_.lower() in _ARMED_NOUNS for t in subs)

    def _crowd(self, tok: Token | None) -> bool:
        return tok is not None and (tok.lower_ in self.lex.protester_nouns or tok.lemma_.lower() in self.lex.protester_nouns)

    def _switch(self, c: _Cand, alt: Any, why: str) -> None:
        c.type, c.mode = alt.type, alt.mode
        c.rule_suffix += f">{why}:{alt.type}"

    # -- output
    def _emit(self, c: _Cand, sent: Span, quantities: list[Quantity]) -> list[dict[str, Any]]:
        doc = self.doc
        lex = self.lex
        ptype = lex.types[c.type]
        mode = c.mode
        if c.type in lex.mode_cues and (mode is None or (c.type == "ASSAULT" and mode == "explosives")):
            # cues refine a generic mode: a "bomber" who "blew himself up" is a suicide attack
            cue_mode = lex.mode_from_cues(c.type, sent.text)
            if mode is None or cue_mode in ("suicide-attack", "unconventional"):
                mode = cue_mode or mode
        mod = c.modality
        assert mod is not None
        modality = mod.value
        when = self._when(c, modality)
        if modality == "asserted" and when and when.get("anchor") == "explicit" and self.published:
            try:
                if _dt.date.fromisoformat(when["start"]) > self.published:
                    modality = "future"
            except (TypeError, ValueError):
                pass
        where_place = self._where_place(c)
        where = _where_for(where_place) if where_place is not None else None
        locus = where_place if where_place is not None and not self._border(where_place) else None
        if c.type == "ASSAULT" and not any(c.sources) and self._device_attack(c):
            # PLOVER codes an unclaimed bombing to the place it went off in ("a roadside bomb near
            # Samarra killed ..."): an actor for the place, with its country
            place = locus or self._sentence_place(c)
            aid = self._place_actor(place) if place is not None else None
            if aid is not None and aid not in c.targets:
                c.sources = [aid]
                c.rule_suffix += ">source:place"
        if c.type == "MOBILIZE" and any(c.targets):
            # "drills with Uzbekistan ... with about 1,500 troops": a counted force is the
            # strength of the mobilisation (its magnitude), not a party to it
            for q in quantities:
                aid = self.actors.at(self.doc[q.head], pronouns=False) if q.unit == "troops" else None
                if aid is not None and aid in c.targets and aid not in c.sources:
                    c.targets = [t for t in c.targets if t != aid]
                    c.rule_suffix += ">strength-not-target"
        if not any(c.targets) and c.type not in _NO_PLACE_TARGET:
            # PLOVER codes the place acted on or in as the target when no actor is ("shelled Juba",
            # "lifted the curfew in Abidjan"): an actor for the place, with its country
            place = self._object_place(c) or locus or self._complement_place(c)
            aid = self._place_actor(place) if place is not None else None
            if aid is not None and aid not in c.sources:
                c.targets = [aid]
                c.rule_suffix += ">target:place"
        if locus is not None and locus.get("country"):
            # not a border place: "near the border with Afghanistan" says nothing of whose forces
            self._home_country(c, str(locus["country"]))
        elif self.dateline_country is not None:
            self._home_country(c, self.dateline_country, "dateline")
        magnitude = self._magnitude(c, quantities)
        context = list(ptype.context_for(mode))
        for ctx in c.entry.context:
            if ctx not in context:
                context.append(ctx)
        cameo = c.entry.cameo if c.entry.cameo and c.type == c.entry.type else ptype.cameo_for(mode)
        trig = doc[c.start:c.end]
        attributed = self._attribution(c)
        conf = c.confidence
        if not any(c.sources):
            conf *= 0.85
        conf = round(max(0.05, min(1.0, conf)), 2)
        rule = c.entry.rule + c.rule_suffix
        pairs = self._pairs(c)
        out = []
        for src, tgt in pairs:
            out.append({
                "id": "",
                "type": c.type,
                "mode": mode,
                "context": context,
                "quad": ptype.quad,
                "cameo": cameo,
                "source": src,
                "target": tgt,
                "when": when,
                "where": where,
                "magnitude": magnitude,
                "modality": modality,
                "attributed_to": attributed,
                "trigger": {"start": trig.start_char, "end": trig.end_char, "text": trig.text},
                "evidence": {"start": sent.start_char, "end": sent.end_char, "text": sent.text},
                "rule": rule,
                "confidence": conf,
            })
        return out

    def _pairs(self, c: _Cand) -> list[tuple[str | None, str | None]]:
        sources = c.sources or [None]
        targets = c.targets or [None]
        real_s = [s for s in sources if s]
        real_t = [t for t in targets if t]
        if (c.entry.mutual or c.type in _MUTUAL_TYPES) and len(real_s) > 1 and not real_t:
            mutual: list[tuple[str | None, str | None]] = [(a, b) for a in real_s for b in real_s if a != b]
            return mutual[:6]
        pairs: list[tuple[str | None, str | None]] = []
        for s in sources[:4]:
            for t in targets[:4]:
                pairs.append((s, None if t == s else t))
        return pairs

    def _clause_of(self, tok: Token, stop: Token | None = None) -> Token | None:
        """The verb (or trigger noun) a token attaches to."""
        cur = tok
        for _ in range(12):
            if stop is not None and cur.i == stop.i:
                return cur
            if cur.pos_ in ("VERB", "AUX") and cur is not tok:
                return cur
            if cur.head is cur:
                return cur
            cur = cur.head
        return None

    def _attached(self, start: int, end: int, c: _Cand) -> int | None:
        """Dependency distance from an item [start, end) to the event's clause, or None."""
        doc = self.doc
        span = doc[start:end]
        root = span.root
        # "said Tuesday (that) ...": a bare date right after a verb of saying is the saying's
        prev = doc[start - 1] if start > 0 else None
        if prev is not None and c.clause.lemma_ not in SPEECH_VERBS and (
                (prev.lemma_ in SPEECH_VERBS and prev.pos_ == "VERB") or (
                prev.lower_ == "on" and start > 1 and doc[start - 2].lemma_ in SPEECH_VERBS
                and doc[start - 2].pos_ == "VERB")):
            return None
        targets = {c.clause.i, c.anchor.i}
        if c.light is not None:
            targets.add(c.light.i)
        cur = root
        for dist in range(12):
            if cur.i in targets:
                return dist
            if cur.head is cur:
                return None
            # passing through another clause: only shared conjunct clauses count
            if (cur.pos_ in ("VERB", "AUX") and cur is not root and cur.i not in targets
                    and (cur.dep_ != "conj" or cur.head.i not in targets)):
                return None
            if cur.dep_ == "relcl":
                return None
            cur = cur.head
        return None

    def _when(self, c: _Cand, modality: str) -> dict[str, Any] | None:
        best: tuple[int, int, dict[str, Any]] | None = None
        sent = c.clause.sent  # once: Span.sent walks the tokens on each access
        for start, end, t in self.times:
            if start < sent.start or end > sent.end:
                continue
            if t.get("type") not in ("DATE", "TIME", None):
                continue
            d = self._attached(start, end, c)
            if d is None:
                continue
            score = d * 10 + abs(start - c.anchor.i) // 4
            if not (t.get("interval") or {}).get("start"):
                continue  # durations, sets and unresolved expressions date nothing
            if best is None or score < best[0]:
                best = (score, start, t)
        if best is not None:
            w = _when_for(best[2])
            if w is not None:
                return w
        mod = c.modality
        if modality in ("future", "proposed", "hypothetical") or (
                modality == "negated" and mod is not None and mod.intent):
            return None  # it had not happened when reported ("will not attack")
        return _publication_when(self.doc)

    def _home_country(self, c: _Cand, code: str, why: str = "place") -> None:
        """Generic local actors without a country ("protesters", "gunmen", "police") act in their
        own country: give them the country of the place the event happens in."""
        for aid in (*c.sources, *c.targets):
            a = self.actors.by_id.get(aid or "")
            if a is None or a.get("country") or a.get("kb_id") or a.get("kind") not in _LOCAL_KINDS:
                continue
            a["country"] = code
            c.rule_suffix += f">country:{aid}:{why}"

    def _device_attack(self, c: _Cand) -> bool:
        """Whether the harm is done by a device ("a car bomb killed", "killed by a roadside bomb",
        "killed in an explosion")."""
        if c.noun:
            return c.anchor.lemma_.lower() in _DEVICE_NOUNS
        subs, passive = _subject(c.anchor)
        toks = _agent(c.anchor) if passive else subs
        toks = toks + _prep_objects(c.anchor, ("in", "by"))
        for t in toks:
            if any(ch.dep_ == "prep" and ch.lower_ == "by" for ch in t.children):
                return False  # "bombing raids by the coalition": someone's attack
            low = t.lemma_.lower()
            if low in _DEVICE_NOUNS or (low in ("attack", "explosion", "blast") and any(
                    ch.dep_ == "compound" and ch.lemma_.lower() in _DEVICE_NOUNS for ch in t.children)):
                return True
        return False

    def _complement_place(self, c: _Cand) -> dict[str, Any] | None:
        """The place of the act a verbal event governs ("agreed to postpone the march in Baku")."""
        if c.noun:
            return None
        comps = {ch.i for ch in c.anchor.children if ch.dep_ == "xcomp"}
        if not comps:
            return None
        sent = c.clause.sent
        for start, end, p in self.places:
            if start < sent.start or end > sent.end or not p.get("country") or self._border(p):
                continue
            cur = self.doc[start:end].root
            prep = False
            for _ in range(6):
                if cur.head is cur:
                    break
                if cur.dep_ == "prep" and cur.lower_ in _LOCATIVE_PREPS:
                    prep = True
                cur = cur.head
                if cur.i in comps:
                    if prep:
                        return p
                    break
                if cur.pos_ == "VERB":
                    break
        return None

    def _border(self, place: dict[str, Any]) -> bool:
        """Whether a place only names the other side of a border ("near the Somali border",
        "close to the border with Syria"): a direction, not where the event happens."""
        span = self.doc.char_span(place["start"], place["end"], alignment_mode="expand")
        if span is None or not len(span):
            return False
        cur = span.root
        for _ in range(3):
            if cur.head is cur:
                return False
            if cur.head.lemma_.lower() in _BORDER_NOUNS:
                return cur.dep_ != "poss"  # "near Macedonia's border": its own side
            cur = cur.head
        return False

    def _sentence_place(self, c: _Cand) -> dict[str, Any] | None:
        """The first resolved place of the event's sentence, else None."""
        sent = c.clause.sent
        for start, end, p in self.places:
            if sent.start <= start and end <= sent.end and p.get("country") and not any(
                    i in self.actors.index for i in range(start, end)) and not self._border(p):
                return p
        return None

    def _object_place(self, c: _Cand) -> dict[str, Any] | None:
        """A place that is itself the event's object ("shelled the capital Juba"), else None."""
        toks = {t.i for t in c.target_toks}
        if not toks:
            return None
        sent = c.clause.sent
        for start, end, p in self.places:
            if start < sent.start or end > sent.end or not p.get("country"):
                continue
            root = self.doc[start:end].root
            if root.i in toks or (root.head.i in toks and root.dep_ in ("appos", "compound")):
                return p
        return None

    def _place_actor(self, place: dict[str, Any]) -> str | None:
        """The actor id standing for a place: the country's own state actor when the place is
        that country, else a new ``other`` actor for the place (created once per place)."""
        code = place.get("country")
        if not code:
            return None
        span = self.doc.char_span(place["start"], place["end"], alignment_mode="expand")
        if span is not None:
            hit = next((self.actors.index[i] for i in range(span.start, span.end) if i in self.actors.index), None)
            if hit is not None:
                return hit if self.actors.by_id[hit].get("country") == code else None
        is_country = str(place.get("feature_code") or "").startswith("PCL")
        if is_country:
            for a in self.actors.by_id.values():
                if a.get("kind") == "state" and a.get("country") == code and a.get("sector") is None:
                    return str(a["id"])
        return self.actors.add_place(place, is_country)

    def _where_place(self, c: _Cand) -> dict[str, Any] | None:
        doc = self.doc
        actor_tokens: set[int] = set()
        ids = {x for x in (*c.sources, *c.targets) if x}
        if ids:
            for i, aid in self.actors.index.items():
                if aid in ids:
                    actor_tokens.add(i)
        best: tuple[int, dict[str, Any]] | None = None
        sent = c.clause.sent  # computed once: Span.sent walks the tokens on each access
        for start, end, p in self.places:
            if start < sent.start or end > sent.end:
                continue
            if any(i in actor_tokens for i in range(start, end)):
                continue
            root = doc[start:end].root
            # locative preposition above the place ("in Baghdad", "near the border with X")
            cur = root
            prep = None
            for _ in range(7):
                if cur.dep_ == "prep" or (cur.pos_ == "ADP" and cur.dep_ in ("prep", "agent")):
                    if cur.lower_ in _LOCATIVE_PREPS:
                        prep = cur
                        break
                    # "near the border with Afghanistan", "in the outskirts of Kabul"
                    if cur.lower_ not in ("of", "with") or cur.head.pos_ not in ("NOUN", "PROPN"):
                        break
                if cur.head is cur:
                    break
                cur = cur.head
            if prep is None:
                continue
            d = self._attached(start, end, c)
            if d is None:
                continue
            if best is None or d < best[0]:
                best = (d, p)
        if best is None:
            return None
        return best[1]

    def _magnitude(self, c: _Cand, quantities: list[Quantity]) -> dict[str, Any] | None:
        if not quantities:
            return None
        prefs = _UNIT_PREFERENCE.get(c.type)
        if prefs is None:
            return None
        best: tuple[int, Quantity] | None = None
        for q in quantities:
            if q.unit not in prefs:
                continue
            d = self._attached(q.start, q.end, c)
            if d is None:
                # a casualty count anywhere in an assault sentence still belongs to it
                if not (c.type == "ASSAULT" and q.unit in ("dead", "injured")):
                    continue
                d = 20
            score = prefs.index(q.unit) * 30 + d
            if best is None or score < best[0]:
                best = (score, q)
        return best[1].as_dict() if best else None

    def _attribution(self, c: _Cand) -> str | None:
        start = self.doc[c.start].idx
        for q in self.quotes:
            if q.get("start", 0) <= start < q.get("end", -1):
                return q.get("speaker")
        # reported speech without a quote record: the subject of the verb of saying
        cur = c.light or c.anchor
        for _ in range(10):
            if cur.head is cur:
                break
            if cur.dep_ in ("ccomp", "parataxis", "xcomp") and cur.head.lemma_ in SPEECH_VERBS:
                for ch in cur.head.children:
                    if ch.dep_ == "nsubj":
                        return self.actors.at(ch)
                return None
            cur = cur.head
        # "..., according to X"
        for tok in c.anchor.sent:
            if tok.lower_ == "according" and tok.i + 1 < len(self.doc) and self.doc[tok.i + 1].lower_ == "to":
                for p in self.doc[tok.i + 1].children:
                    if p.dep_ == "pobj":
                        return self.actors.at(p)
        return None


def _background(tok: Token) -> bool:
    """Whether a noun sits in a causal/temporal adjunct ("fled because of attacks", "after the
    bombing"): background for the reported event, not the event itself."""
    cur = tok
    for _ in range(5):
        if cur.head is cur:
            return False
        head = cur.head
        if head.dep_ in ("prep", "pcomp") or head.pos_ == "ADP":
            if head.lower_ in _BACKGROUND_PREPS:
                return True
            if head.head.lower_ in _BACKGROUND_HEADS or head.head.lemma_.lower() in _BACKGROUND_HEADS:
                return True
        if head.lower_ in _BACKGROUND_HEADS:
            return True
        cur = head
    return False


def _dedupe(items: list[str]) -> list[str | None]:
    seen: list[str | None] = []
    for x in items:
        if x not in seen:
            seen.append(x)
    return seen


def _when_for(time: dict[str, Any]) -> dict[str, Any] | None:
    """The event ``when`` of a time dict (``times.when_for``), or None when it dates nothing."""
    when = when_for(time)
    return when if when.get("start") else None


def _publication_when(doc: Doc) -> dict[str, Any] | None:
    return publication_when(doc)


def _where_for(place: dict[str, Any]) -> dict[str, Any]:
    return where_for(place)
