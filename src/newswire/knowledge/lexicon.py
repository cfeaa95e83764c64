"""Load the PLOVER type table (``plover.yaml``) and the event lexicon (``events.yaml``).

:func:`load_lexicon` reads the built-in files plus any user lexicon files (same layout
as ``events.yaml``; their entries are added, and override built-in entries with the same
key) and compiles them into dictionary lookups:

- ``verbs[form]`` / ``nouns[form]``: lists of :class:`Entry` for every inflected form of
  the lemma (so lemmatiser slips such as "staged" -> "stag" still find "stage");
- cue regexes for modes, fighting, joint and test words.

The result is cached per tuple of user files: components load it once.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

__all__ = ["Entry", "Lexicon", "LexiconError", "PloverType", "inflections", "load_lexicon", "load_plover"]

KNOWLEDGE_DIR = Path(__file__).resolve().parent
PLOVER_FILE = KNOWLEDGE_DIR / "plover.yaml"
EVENTS_FILE = KNOWLEDGE_DIR / "events.yaml"

EVENT_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)


#: ``+word`` in a key is a preposition constraint when the word is one of these, else an object lemma.
PREPOSITIONS = frozenset(
    ["with", "to", "for", "on", "upon", "from", "against", "into", "at", "of", "in", "about", "over", "between", "under", "behind", "toward", "towards", "through", "by", "after", "before", "onto", "across", "near", "outside"]
)


class LexiconError(ValueError):
    """A lexicon file is malformed."""


@dataclass(frozen=True)
class PloverType:
    """One PLOVER event type: quad class, default CAMEO code, modes."""

    name: str
    quad: int
    cameo: str | None
    context: tuple[str, ...]
    future_as: str | None
    modes: dict[str, dict[str, Any]]

    def cameo_for(self, mode: str | None) -> str | None:
        """CAMEO code of the type with this mode (the type's default when the mode has none)."""
        if mode and mode in self.modes and self.modes[mode].get("cameo"):
            return str(self.modes[mode]["cameo"])
        return self.cameo

    def context_for(self, mode: str | None) -> tuple[str, ...]:
        """Default contexts of the type with this mode."""
        ctx = list(self.context)
        if mode and mode in self.modes:
            for c in self.modes[mode].get("context") or ():
                if c not in ctx:
                    ctx.append(str(c))
        return tuple(ctx)


@dataclass(frozen=True)
class Alt:
    """An alternative type/mode an entry switches to under a condition."""

    type: str
    mode: str | None


@dataclass(frozen=True)
class Entry:
    """One lexicon entry (a verb or noun pattern and the event it signals)."""

    key: str
    pos: str  # "verb" | "noun"
    lemma: str
    modifier: str | None = None  # noun compounds: the modifier word ("hunger" strike)
    particles: tuple[str, ...] = ()
    prep: str | None = None
    obj: frozenset[str] | None = None
    subj: frozenset[str] | None = None
    xcomp: bool = False
    type: str | None = None
    mode: str | None = None
    context: tuple[str, ...] = ()
    cameo: str | None = None
    confidence: float = 0.8
    targets: tuple[str, ...] = ()
    mutual: bool = False
    skip: bool = False
    light_only: bool = False
    needs_cue: bool = False
    topic_object: bool = False  # the direct object is what is talked about, not a participant
    alts: dict[str, Alt] = field(default_factory=dict)

    @property
    def rule(self) -> str:
        """The rule name reported on events ("verb:meet+with")."""
        return f"{self.pos}:" + re.sub(r"\s*\+\s*", "+", self.key.strip()).replace(" ", "_")

    @property
    def specificity(self) -> int:
        """How many constraints the entry has (more specific entries win)."""
        return (len(self.particles) * 2 + (2 if self.prep else 0) + (3 if self.obj else 0)
                + (3 if self.subj else 0) + (1 if self.xcomp else 0) + (2 if self.modifier else 0))


@dataclass
class Lexicon:
    """The compiled lexicon."""

    types: dict[str, PloverType]
    complement_modes: dict[str, dict[str, str]]
    verbs: dict[str, list[Entry]]
    nouns: dict[str, list[Entry]]
    light_verbs: frozenset[str]  # every inflected form
    occurrence_verbs: frozenset[str]  # every inflected form
    classes: dict[str, frozenset[str]]
    mode_cues: dict[str, list[tuple[str, re.Pattern[str]]]]
    fighting: re.Pattern[str]
    joint: re.Pattern[str]
    test: re.Pattern[str]
    disaster: re.Pattern[str] = field(default_factory=lambda: re.compile(r"(?!x)x"))
    violence: re.Pattern[str] = field(default_factory=lambda: re.compile(r"(?!x)x"))
    nonviolent: re.Pattern[str] = field(default_factory=lambda: re.compile(r"(?!x)x"))
    protester_nouns: frozenset[str] = frozenset()
    n_entries: int = 0

    def mode_from_cues(self, type_: str, text: str) -> str | None:
        """The first mode (in priority order) of ``type_`` whose cue occurs in ``text``."""
        for mode, rx in self.mode_cues.get(type_, ()):
            if rx.search(text):
                return mode
        return None


#: Irregular verb forms the lemmatiser may miss (prefixed verbs mostly: "retook").
IRREGULAR = {
    "take": ("took", "taken"), "retake": ("retook", "retaken"), "overtake": ("overtook", "overtaken"),
    "undertake": ("undertook", "undertaken"), "overrun": ("overran",), "withdraw": ("withdrew", "withdrawn"),
    "shoot": ("shot",), "fight": ("fought",), "strike": ("struck", "stricken"), "beat": ("beaten",),
    "hold": ("held",), "meet": ("met",), "send": ("sent",), "give": ("gave", "given"),
    "flee": ("fled",), "lead": ("led",), "win": ("won",), "seek": ("sought",), "throw": ("threw", "thrown"),
    "blow": ("blew", "blown"), "break": ("broke", "broken"), "forgive": ("forgave", "forgiven"),
    "swear": ("swore", "sworn"), "undergo": ("underwent",), "lay": ("laid",), "set": ("set",),
    "hit": ("hit",), "put": ("put",), "shut": ("shut",), "cut": ("cut",), "quit": ("quit",),
    "bring": ("brought",), "catch": ("caught",), "speak": ("spoke", "spoken"), "stab": ("stabbed",),
    "sell": ("sold",), "rebuild": ("rebuilt",), "build": ("built",), "bid": ("bid",), "hang": ("hung",),
    "slay": ("slew", "slain"), "freeze": ("froze", "frozen"), "drive": ("drove", "driven"),
    "rise": ("rose", "risen"), "find": ("found",), "leave": ("left",), "begin": ("began", "begun"),
}


def inflections(lemma: str, pos: str) -> set[str]:
    """Regular (and listed irregular) inflected forms of a (single-word) lemma."""
    w = lemma.lower()
    forms = {w}
    if pos == "verb" and w in IRREGULAR:
        forms.update(IRREGULAR[w])
    if pos == "noun":
        if w.endswith(("s", "x", "z", "ch", "sh")):
            forms.add(w + "es")
        elif w.endswith("y") and len(w) > 2 and w[-2] not in "aeiou":
            forms.add(w[:-1] + "ies")
        else:
            forms.add(w + "s")
        return forms
    if w.endswith("e"):
        forms |= {w + "s", w + "d", w[:-1] + "ing"}
    elif w.endswith("y") and len(w) > 2 and w[-2] not in "aeiou":
        forms |= {w[:-1] + "ies", w[:-1] + "ied", w + "ing"}
    elif w.endswith(("s", "x", "z", "ch", "sh")):
        forms |= {w + "es", w + "ed", w + "ing"}
    else:
        forms |= {w + "s", w + "ed", w + "ing"}
        if (len(w) >= 3 and w[-1] not in "aeiouwxy" and w[-2] in "aeiou" and w[-3] not in "aeiou"
                and len(w) <= 5):
            forms |= {w + w[-1] + "ed", w + w[-1] + "ing"}
    return forms


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def _read_yaml(path: Path) -> dict[str, Any]:
    with open(path, encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    if not isinstance(data, dict):
        raise LexiconError(f"{path}: expected a mapping at the top level")
    return data


@functools.lru_cache(maxsize=2)
def load_plover() -> tuple[dict[str, PloverType], dict[str, dict[str, str]]]:
    """The PLOVER type table and complement-mode table from ``plover.yaml``."""
    data = _read_yaml(PLOVER_FILE)
    types: dict[str, PloverType] = {}
    for name, spec in (data.get("types") or {}).items():
        types[name] = PloverType(
            name=name,
            quad=int(spec["quad"]),
            cameo=str(spec["cameo"]) if spec.get("cameo") else None,
            context=tuple(_as_list(spec.get("context"))),
            future_as=spec.get("future_as"),
            modes={str(k): dict(v or {}) for k, v in (spec.get("modes") or {}).items()},
        )
    missing = set(EVENT_TYPES) - set(types)
    if missing:
        raise LexiconError(f"plover.yaml lacks types: {sorted(missing)}")
    comp = {str(k): {str(a): str(b) for a, b in (v or {}).items()}
            for k, v in (data.get("complement_modes") or {}).items()}
    return types, comp


def _parse_alt(value: str, types: dict[str, PloverType], where: str) -> Alt:
    t, _, m = str(value).partition("/")
    t = t.strip()
    if t not in types:
        raise LexiconError(f"{where}: unknown event type {t!r}")
    return Alt(t, m.strip() or None)


def _parse_entry(key: str, value: Any, pos: str, classes: dict[str, frozenset[str]],
                 types: dict[str, PloverType], where: str) -> Entry:
    words = key.split()
    if not words:
        raise LexiconError(f"{where}: empty key")
    lemma = words[0].lower()
    modifier = None
    particles: list[str] = []
    prep = None
    obj = subj = None
    xcomp = False
    for w in words[1:]:
        if w.startswith("+"):
            c = w[1:].lower()
            if c == "xcomp":
                xcomp = True
            elif c.startswith("subj@"):
                subj = classes.get(c[5:], frozenset({c[5:]}))
            elif c.startswith(("obj@", "@")):
                name = c.split("@", 1)[1]
                obj = classes.get(name, frozenset({name}))
            elif c.startswith("obj="):
                obj = frozenset({c[4:]})
            elif c in PREPOSITIONS:
                prep = c
            else:
                obj = classes.get(c, frozenset({c}))
        elif pos == "noun":
            # "hunger strike": the last word is the head, the first its modifier
            modifier = lemma if modifier is None else modifier + " " + lemma
            lemma = w.lower()
        else:
            particles.append(w.lower())
    if isinstance(value, str):
        spec: dict[str, Any] = {"type": value}
    elif isinstance(value, dict):
        spec = dict(value)
    else:
        raise LexiconError(f"{where}: value of {key!r} must be a string or a mapping")
    skip = bool(spec.get("skip"))
    type_ = mode = None
    if not skip:
        raw = str(spec.get("type") or "")
        t, _, m = raw.partition("/")
        type_ = t.strip()
        mode = (m.strip() or None) if m else spec.get("mode")
        if spec.get("mode") is not None and not m:
            mode = str(spec["mode"])
        if type_ not in types:
            raise LexiconError(f"{where}: {key!r}: unknown event type {type_!r}")
        if mode is not None and mode not in types[type_].modes:
            raise LexiconError(f"{where}: {key!r}: {type_} has no mode {mode!r}")
    alts = {}
    for cond in ("state", "fighting", "joint", "test", "civilian", "violent"):
        if spec.get(cond):
            alts[cond] = _parse_alt(spec[cond], types, f"{where}: {key!r}")
    conf = float(spec.get("confidence", 0.8))
    if not 0 <= conf <= 1:
        raise LexiconError(f"{where}: {key!r}: confidence must be within 0..1")
    return Entry(
        key=key, pos=pos, lemma=lemma, modifier=modifier, particles=tuple(particles), prep=prep,
        obj=obj, subj=subj, xcomp=xcomp, type=type_, mode=mode,
        context=tuple(_as_list(spec.get("context"))), cameo=str(spec["cameo"]) if spec.get("cameo") else None,
        confidence=conf, targets=tuple(_as_list(spec.get("targets"))), mutual=bool(spec.get("mutual")),
        skip=skip, light_only=bool(spec.get("light_only")), needs_cue=bool(spec.get("needs_cue")),
        topic_object=bool(spec.get("topic_object")), alts=alts,
    )


def _cue_regex(words: Iterable[str]) -> re.Pattern[str]:
    alts = sorted({w.lower() for w in words}, key=len, reverse=True)
    if not alts:
        return re.compile(r"(?!x)x")
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(a) for a in alts) + r")(?![\w-])", re.IGNORECASE)


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> None:
    for section in ("verbs", "nouns", "classes", "mode_cues"):
        if extra.get(section):
            merged = dict(base.get(section) or {})
            merged.update(extra[section])
            base[section] = merged
    for section in ("light_verbs", "occurrence_verbs", "fighting_cues", "joint_cues", "test_cues",
                    "disaster_cues", "protester_nouns", "violence_cues", "nonviolent_cues"):
        if extra.get(section):
            base[section] = list(base.get(section) or []) + list(extra[section])


@functools.lru_cache(maxsize=8)
def load_lexicon(user_files: Sequence[str] = ()) -> Lexicon:
    """The compiled lexicon: built-in ``events.yaml`` plus ``user_files`` (in order)."""
    types, comp = load_plover()
    data = _read_yaml(EVENTS_FILE)
    for f in user_files:
        path = Path(f)
        if not path.exists():
            raise LexiconError(f"{path}: no such lexicon file")
        _merge(data, _read_yaml(path))
    classes = {str(k): frozenset(str(w).lower() for w in _as_list(v)) for k, v in (data.get("classes") or {}).items()}
    verbs: dict[str, list[Entry]] = {}
    nouns: dict[str, list[Entry]] = {}
    n = 0
    for pos, section, table in (("verb", "verbs", verbs), ("noun", "nouns", nouns)):
        for key, value in (data.get(section) or {}).items():
            entry = _parse_entry(str(key), value, pos, classes, types, f"{section}")
            n += 1
            for form in inflections(entry.lemma, pos):
                table.setdefault(form, []).append(entry)
    for table in (verbs, nouns):
        for form, entries in table.items():
            entries.sort(key=lambda e: (-e.specificity, not e.skip))  # a blocking entry wins ties
    mode_cues: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
    for type_, modes in (data.get("mode_cues") or {}).items():
        if type_ not in types:
            raise LexiconError(f"mode_cues: unknown event type {type_!r}")
        for mode, words in (modes or {}).items():
            if mode not in types[type_].modes:
                raise LexiconError(f"mode_cues: {type_} has no mode {mode!r}")
            mode_cues.setdefault(type_, []).append((str(mode), _cue_regex(_as_list(words))))
    return Lexicon(
        types=types,
        complement_modes=comp,
        verbs=verbs,
        nouns=nouns,
        light_verbs=frozenset(f for w in data.get("light_verbs") or () for f in inflections(str(w), "verb")),
        occurrence_verbs=frozenset(
            f for w in data.get("occurrence_verbs") or () for f in inflections(str(w), "verb")),
        classes=classes,
        mode_cues=mode_cues,
        fighting=_cue_regex(_as_list(data.get("fighting_cues"))),
        joint=_cue_regex(_as_list(data.get("joint_cues"))),
        test=_cue_regex(_as_list(data.get("test_cues"))),
        disaster=_cue_regex(_as_list(data.get("disaster_cues"))),
        violence=_cue_regex(_as_list(data.get("violence_cues"))),
        nonviolent=_cue_regex(_as_list(data.get("nonviolent_cues"))),
        protester_nouns=frozenset(f for w in _as_list(data.get("protester_nouns")) for f in inflections(w, "noun")),
        n_entries=n,
    )
