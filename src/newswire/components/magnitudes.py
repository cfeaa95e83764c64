"""Magnitudes: how many troops, people, dead, injured, arrested an event involves.

:func:`find_magnitudes` reads the counted expressions of a sentence ("about 1,500 troops",
"at least 156 people" killed, "dozens of protesters", "two British soldiers" wounded,
"thousands of" students) and returns :class:`Quantity` objects with the record's
``magnitude`` shape ``{value, unit, qualifier, text}`` plus the anchoring tokens.

- value: digits ("1,500", "2.5 million"), number words ("twenty-three", "three hundred"),
  vague plurals ("dozens" 24, "scores" 40, "hundreds" 200, "thousands" 2000,
  "tens of thousands" 20000, "hundreds of thousands" 200000; qualifier ``at_least``).
- qualifier: ``approx`` (about, around, some, nearly, almost, roughly, an estimated ...),
  ``at_least`` (at least, more than, over, upwards of, dozens ...), ``at_most``
  (up to, fewer than, less than, no more than, under), else ``exact``.
- unit: ``dead`` when the counted people were killed ("killed 23 people", "20 people were
  killed", "23 dead"), ``injured`` (wounded, injured, hurt), ``arrested`` (arrested, detained,
  jailed), ``abducted`` (kidnapped, abducted), ``troops`` (troops, soldiers, forces,
  peacekeepers...), ``people`` for other people nouns, ``displaced`` (refugees fled).
  Counts of things (tons, dollars, percent, years) are not magnitudes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

__all__ = ["UNIT_NOUNS", "Quantity", "find_magnitudes", "parse_number"]

_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1, "dozen": 12, "single": 1,
}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000,
           "k": 1000, "m": 1_000_000, "bn": 1_000_000_000}
#: vague plural -> (value, qualifier)
_VAGUE = {
    "dozens": 24.0, "scores": 40.0, "hundreds": 200.0, "thousands": 2000.0, "millions": 2_000_000.0,
    "tens": 20.0, "several": 3.0, "dozen": 12.0,
}
_APPROX = {"about", "around", "approximately", "roughly", "some", "nearly", "almost", "estimated",
           "circa", "approx", "~", "close", "abut"}
_AT_LEAST_1 = {"over", "beyond"}
_AT_MOST_1 = {"under", "below"}
_AT_LEAST_2 = {("at", "least"), ("more", "than"), ("upwards", "of"), ("no", "fewer"),
               ("greater", "than"), ("in", "excess"), ("as", "many"), ("not", "less")}
_AT_MOST_2 = {("up", "to"), ("fewer", "than"), ("less", "than"), ("at", "most"), ("no", "more"),
              ("as", "few"), ("not", "more")}

#: Lemma of the counted noun -> unit.
UNIT_NOUNS: dict[str, str] = {}
for _w in ["troop", "soldier", "force", "serviceman", "servicemen", "marine", "paratrooper", "peacekeeper", "commando", "sailor", "airman", "reservist", "conscript", "personnel", "officer", "guard", "policeman", "policemen", "gendarme", "militiaman", "militant", "fighter", "rebel", "insurgent", "guerrilla", "combatant", "jihadist", "mercenary", "contingent", "battalion", "brigade", "division", "unit", "warship", "tank"]:
    UNIT_NOUNS[_w] = "troops"
for _w in ["people", "person", "civilian", "resident", "protester", "protestor", "demonstrator", "student", "worker", "villager", "citizen", "man", "woman", "child", "men", "women", "children", "youth", "member", "supporter", "activist", "prisoner", "detainee", "refugee", "migrant", "hostage", "official", "national", "passenger", "pilgrim", "voter", "farmer", "miner", "journalist", "teacher", "doctor", "family", "teenager", "boy", "girl", "individual", "employee", "inmate", "victim", "suspect", "opponent", "worshipper", "mourner", "follower", "participant", "tourist", "immigrant", "Palestinian", "Israeli", "Iraqi", "Afghan", "palestinian", "israeli", "iraqi", "afghan", "kurd", "Kurd", "muslim", "Muslim", "christian", "Christian"]:
    UNIT_NOUNS[_w] = "people"
_DEAD_WORDS = {"dead", "killed", "died", "deaths", "death", "fatalities", "bodies", "lives"}
_DEAD_VERBS = {"kill", "die", "slay", "massacre", "execute", "murder", "behead", "shoot"}
_INJ_VERBS = {"wound", "injure", "hurt", "maim"}
_ARR_VERBS = {"arrest", "detain", "jail", "imprison", "round", "apprehend", "nab", "hold", "capture"}
_ABD_VERBS = {"kidnap", "abduct", "seize", "hijack"}
_DISPLACE_VERBS = {"flee", "displace", "evacuate"}
_ADJ_UNITS = {"dead": "dead", "killed": "dead", "wounded": "injured", "injured": "injured",
              "hurt": "injured", "missing": "missing", "arrested": "arrested", "detained": "arrested"}
_NUM_RE = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")


@dataclass
class Quantity:
    """One counted expression of a sentence."""

    value: float
    unit: str
    qualifier: str
    start: int  # token index of the first token of the expression
    end: int  # token index after the expression
    head: int  # token index of the counted noun (or the number)
    text: str

    def as_dict(self) -> dict[str, object]:
        """The record's ``magnitude`` shape."""
        return {"value": self.value, "unit": self.unit, "qualifier": self.qualifier, "text": self.text}


def parse_number(words: list[str]) -> float | None:
    """Value of a number written in digits and/or words ("1,500", "2.5 million", "forty-two")."""
    total = 0.0
    current = 0.0
    seen = False
    for raw in words:
        w = raw.lower().strip()
        if not w or w in ("and", "-"):
            continue
        if _NUM_RE.match(w):
            current += float(w.replace(",", ""))
            seen = True
            continue
        parts = w.split("-")
        if len(parts) == 2 and all(p in _WORDS for p in parts):
            current += _WORDS[parts[0]] + _WORDS[parts[1]]
            seen = True
            continue
        if w in _WORDS:
            current += _WORDS[w]
            seen = True
        elif w in _SCALES:
            scale = _SCALES[w]
            if not seen:
                current = 1.0
            if scale == 100:
                current *= 100
            else:
                total += current * scale
                current = 0.0
            seen = True
        else:
            return None
    if not seen:
        return None
    return total + current


def _qualifier(sent_tokens: list[Token], first: int) -> tuple[str, int]:
    """Qualifier from the words before token index ``first``; returns (qualifier, new first)."""
    doc = sent_tokens[0].doc
    i = first
    prev1 = doc[i - 1].lower_ if i - 1 >= sent_tokens[0].i else ""
    prev2 = doc[i - 2].lower_ if i - 2 >= sent_tokens[0].i else ""
    if (prev2, prev1) in _AT_LEAST_2:
        return "at_least", i - 2
    if (prev2, prev1) in _AT_MOST_2:
        return "at_most", i - 2
    if prev1 == "than" and prev2 in ("more", "over"):
        return "at_least", i - 2
    if prev1 in _APPROX:
        j = i - 1
        if prev1 == "estimated" and prev2 in ("an", "some"):
            j = i - 2
        return "approx", j
    if prev1 in _AT_LEAST_1:
        return "at_least", i - 1
    if prev1 in _AT_MOST_1:
        return "at_most", i - 1
    return "exact", i


def _unit_for(noun: Token, count_tok: Token) -> str | None:
    """Unit of a counted noun, from the noun itself and the verb it depends on."""
    doc = noun.doc
    if noun.i == count_tok.i and noun.i + 1 < len(doc) and doc[noun.i + 1].lower_ in _ADJ_UNITS:
        return _ADJ_UNITS[doc[noun.i + 1].lower_]
    lemma = noun.lemma_.lower()
    base = UNIT_NOUNS.get(lemma) or UNIT_NOUNS.get(noun.lower_)
    # "23 dead", "five killed", "two others wounded"
    for ch in noun.children:
        if ch.lower_ in _ADJ_UNITS and ch.dep_ in ("amod", "acl", "appos"):
            return _ADJ_UNITS[ch.lower_]
    if noun.lower_ in _ADJ_UNITS and noun.i != count_tok.i:
        return _ADJ_UNITS[noun.lower_]
    if noun.i == count_tok.i and noun.head.lower_ in _ADJ_UNITS:
        return _ADJ_UNITS[noun.head.lower_]
    if noun.lower_ in ("others", "other"):
        base = base or "people"
    head = noun.head
    # a people noun in "of" ("dozens of protesters") climbs to its verb
    verb = head
    dep = noun.dep_
    if dep == "pobj" and head.dep_ == "prep" and head.lower_ in ("of", "including"):
        verb = head.head.head if head.head.dep_ in ("dobj", "nsubjpass", "nsubj") else head.head
        dep = head.head.dep_
    if verb.pos_ in ("VERB", "AUX") or verb.tag_.startswith("VB"):
        vl = verb.lemma_.lower()
        passive = any(c.dep_ == "auxpass" for c in verb.children) or verb.tag_ == "VBN"
        patient = dep in ("dobj",) or (dep in ("nsubjpass",)) or (dep == "nsubj" and vl == "die")
        if dep == "nsubj" and passive and verb.tag_ == "VBN":
            patient = True
        if patient or (dep == "nsubj" and vl in ("die", "perish")):
            if vl in _DEAD_VERBS or vl in ("die", "perish"):
                return "dead"
            if vl in _INJ_VERBS:
                return "injured"
            if vl in _ARR_VERBS:
                return "arrested"
            if vl in _ABD_VERBS:
                return "abducted"
        if dep == "nsubj" and vl in _DISPLACE_VERBS:
            return "displaced"
    # reduced relatives: "20 people killed in the blast"
    for ch in noun.children:
        if ch.dep_ == "acl" and ch.tag_ == "VBN":
            cl = ch.lemma_.lower()
            if cl in _DEAD_VERBS:
                return "dead"
            if cl in _INJ_VERBS:
                return "injured"
            if cl in _ARR_VERBS:
                return "arrested"
    return base


def find_magnitudes(sent: Span) -> list[Quantity]:
    """Counted people/troops expressions of a sentence, left to right."""
    doc = sent.doc
    toks = list(sent)
    out: list[Quantity] = []
    used: set[int] = set()
    i = 0
    n = len(toks)
    while i < n:
        tok = toks[i]
        low = tok.lower_
        if tok.i in used:
            i += 1
            continue
        is_num = tok.like_num or low in _WORDS and low not in ("a", "an", "single") or low in _SCALES
        vague = low in _VAGUE and tok.tag_ in ("NNS", "NN", "CD", "JJ") and low != "dozen"
        if not (is_num or vague):
            i += 1
            continue
        # collect the number words
        j = i
        words: list[str] = []
        value: float | None
        qualifier = "exact"
        if vague:
            # "tens of thousands", "hundreds of thousands", "dozens of"
            value = _VAGUE[low]
            qualifier = "at_least"
            j = i + 1
            if low in ("tens", "hundreds") and j + 1 < n and toks[j].lower_ == "of" and toks[j + 1].lower_ in ("thousands", "millions"):
                value = (10.0 if low == "tens" else 100.0) * (1000.0 if toks[j + 1].lower_ == "thousands" else 1e6) * 2
                j += 2
            if low == "several" and j < n and toks[j].lower_ in ("hundred", "thousand", "dozen"):
                value = 3.0 * {"hundred": 100.0, "thousand": 1000.0, "dozen": 12.0}[toks[j].lower_]
                j += 1
            noun_idx = j
            if j < n and toks[j].lower_ == "of":
                noun_idx = j + 1
            # skip adjectives to the noun
            k = noun_idx
            while k < n and toks[k].pos_ in ("ADJ", "NUM", "DET") and k - noun_idx < 3:
                k += 1
            if k >= n or toks[k].pos_ not in ("NOUN", "PROPN"):
                if low == "several":
                    i += 1
                    continue
                # "dozens were killed"
                noun = tok
            else:
                noun = toks[k]
            first = i
            end_tok = noun.i + 1
        else:
            while j < n and (toks[j].like_num or toks[j].lower_ in _WORDS or toks[j].lower_ in _SCALES
                             or (toks[j].lower_ in ("and", "-") and j + 1 < n and toks[j + 1].like_num)):
                if toks[j].lower_ in ("a", "an") and j > i:
                    break
                words.append(toks[j].text)
                j += 1
            value = parse_number(words)
            if value is None:
                i = j if j > i else i + 1
                continue
            # years, dates, times, money and percentages are not magnitudes
            if any(t.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT", "ORDINAL") for t in toks[i:j]):
                i = j
                continue
            if i > 0 and toks[i - 1].text in ("$", "€", "£", "#", "No.", "no."):
                i = j
                continue
            noun = toks[j - 1]
            # counted noun: the head the number modifies, or a noun right after it
            head = noun.head
            if noun.dep_ in ("nummod", "quantmod", "compound", "amod") and head.pos_ in ("NOUN", "PROPN", "ADJ", "VERB"):
                noun = head
            elif j < n and toks[j].lower_ == "of" and j + 1 < n:
                k = j + 1
                while k < n and toks[k].pos_ in ("ADJ", "DET") and k - j < 4:
                    k += 1
                if k < n and toks[k].pos_ in ("NOUN", "PROPN"):
                    noun = toks[k]
            qualifier, first = _qualifier(toks, i)
            end_tok = max(noun.i + 1, j)
            if noun.i < i:
                end_tok = j
        while noun.dep_ == "compound" and noun.head.i > noun.i and noun.head.pos_ in ("NOUN", "PROPN"):
            noun = noun.head
            end_tok = max(end_tok, noun.i + 1)
        unit = _unit_for(noun, tok)
        if unit is None:
            i = max(j, i + 1)
            continue
        first = max(first, sent.start)
        end_tok = min(end_tok, sent.end)
        span = doc[first:end_tok]
        out.append(Quantity(float(value), unit, qualifier, first, end_tok, noun.i, span.text))
        used.update(range(first, end_tok))
        i = max(j, i + 1)
    return out
