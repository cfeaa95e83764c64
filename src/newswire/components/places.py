"""newswire_places: find place mentions and resolve them to gazetteer entries (an offline geoparser).

Recognition
    spaCy's NER (GPE, LOC, FAC), the country adjectives and demonyms among NORP entities
    ("Afghan troops", "the French"), and a PhraseMatcher over the prominent gazetteer names
    (countries, first-level divisions, regions, capitals and big towns) for what the model misses
    or mislabels; wire datelines in capitals ("LAGOS, July 3 (AFP) -") and names after or before
    a cue noun ("the town of Samarra", "Baghlan province"). Matches inside person names ("Paris Hilton") are dropped unless the entity is
    just the place name used as a place ("flew to Jordan"); places opening an organisation's name
    ("Edmonton Oilers", "Georgia Power") are toponyms labelled ``IN_ORG``, never an event's place.

Resolution
    Each mention's candidates (:mod:`newswire.gazetteer`) are scored by population, kind
    (country, division, capital, town), whether the name is the entry's own or only a GeoNames
    alternate, the document's country and state focus, qualifiers ("Alexandria, Louisiana"), cue
    nouns, and the distance to the document's other places; the largest town of a division
    abroad resists the document's country ("Russia shelled Donetsk"). Countries and demonyms
    resolve to the country; a one-edit misspelling of a country name ("Afganistan") too.

Output: ``doc._.newswire_places`` (record ``places[]`` dicts) and ``doc.spans["newswire_places"]``
(label = feature code, ``DEMONYM`` or ``IN_ORG``). :func:`place_in_span` and :func:`where_for`
serve the events component. Details and measurements: docs/places.md.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy
import yaml
from rapidfuzz import process as rf_process
from rapidfuzz.distance import OSA
from spacy.attrs import IS_SPACE
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from .._geo_words import (
    DIRECTIONS,
    DIVISION_CUES,
    DIVISION_TAILS,
    HEADLINE_WORDS,
    INSTITUTION_WORDS,
    LOCATIVE,
    MUNICIPAL,
    NAMED_FEATURES,
    OF_HEADS,
    PLACE_PREPS,
    PLACE_WORDS,
    SETTLEMENT_CUES,
    TAIL_WORDS,
    TITLES,
    TOWN_CUES,
)
from ..gazetteer import (
    REGIONS_FILE,
    Gazetteer,
    GazPlace,
    default_gazetteer,
    haversine_km,
    name_key,
)

__all__ = ["PlacesComponent", "make_places", "place_in_span", "where_for"]

_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_BLOCK_LABELS = {"PERSON", "ORG", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "NORP", "LANGUAGE"}
_KIND_BONUS = {"country": 3.0, "continent": 3.0, "region": 3.0, "admin1": 2.0, "admin2": 0.0, "city": 0.0}
#: scoring weights (see docs/places.md)
W = {
    "pop": 0.8,  # per decade of population
    "capital": 1.5,  # national capitals
    "big_capital": 1.5,  # ... of 500,000 people or more ("Washington" is the capital, not the state)
    "seat": 1.5,  # the largest town (100,000+) of its state or province, usually its seat
    "big_seat": 0.5,  # ... of 500,000 people or more ("Donetsk" in Ukraine, not the Russian town)
    "state_word": 4.0,  # "Washington state", "state of New York", "Helmand province"
    "town_word": 2.0,  # "the town of X", "the port of X": a town rather than a division
    "alternate": 3.0,  # penalty when the name is only a GeoNames alternate name
    "country_focus": 2.5,  # the candidate's country is the document's main country
    "admin_focus": 1.5,  # the candidate's state/province holds other places of the document
    "admin_more": 1.0,  # ... plus this much per further mention, up to admin_cap
    "admin_cap": 2.0,
    "near50": 2.0,
    "near150": 1.2,
    "near400": 0.5,
}
_SPECIFICITY = {"city": 5, "admin2": 4, "admin1": 3, "region": 2, "country": 1, "continent": 0}
_STRIP_HEAD = {"the"}
_MAX_CANDIDATES = 25
_MIN_LONE_POPULATION = 1000
_ROUNDS = 3
#: a wire dateline at the start of the text or of a paragraph: "LAGOS, July 3 (AFP) -",
#: "ABIDJAN, Ivory Coast (Reuters) -", "KABUL (Reuters) -", "BEIRUT —"; group 1 is the place
_DATELINE = re.compile(
    r"^[ \t]*((?:[A-Z][A-Z'\u2019.\-]*)(?:[ ]+[A-Z][A-Z'\u2019.\-]*){0,3})[ \t]*"
    r"(?=,[ \t]*(?:[A-Z][a-z]|[A-Z]\.|\d)|\([A-Z]|[-\u2013\u2014]{1,2}[ \t])",
    re.MULTILINE,
)
_ARTICLES = frozenset(["al", "el", "ar", "as", "ash", "ad", "an", "az", "at"])  # "the town of al-Qaim"


def _country_aliases() -> dict[str, str]:
    """Lowercased country names and demonyms -> ISO3 (the actors' knowledge when present)."""
    try:
        from ..knowledge import country_aliases

        return dict(country_aliases())
    except (ImportError, AttributeError, OSError):  # pragma: no cover - fallback before it exists
        import pycountry

        out: dict[str, str] = {}
        for c in pycountry.countries:
            for attr in ("name", "common_name", "official_name"):
                value = getattr(c, attr, None)
                if value:
                    out.setdefault(str(value).lower(), c.alpha_3)
        return out


def _country_alias_forms() -> dict[str, str]:
    """Case-sensitive names and demonyms -> ISO3, for the phrase matcher."""
    try:
        from ..knowledge import country_alias_forms

        return dict(country_alias_forms())
    except (ImportError, AttributeError, OSError):  # pragma: no cover
        return {}


@dataclass
class _Mention:
    start: int  # token indices
    end: int
    text: str
    source: str  # "ner", "match", "demonym"
    label: str
    candidates: tuple[GazPlace, ...] = ()
    demonym: str | None = None  # ISO3 when the mention is an adjective/demonym
    qualifiers: list[_Mention] = field(default_factory=list)
    choice: GazPlace | None = None
    cue: str | None = None  # "town" ("the town of X") or "division" ("X province", "state of X")
    contradicted: bool = False  # no reading lies in the state/country that qualifies it
    area: GazPlace | None = None  # ... which is this one
    via_core: bool = False  # resolved through a shorter core ("Henderson County Jail")
    in_org: bool = False  # a toponym inside an organisation's name ("Edmonton Oilers")


class PlacesComponent:
    """The geoparser component; knowledge and matcher load once per instance."""

    def __init__(self, nlp: Language, name: str, min_population: int = 100_000) -> None:
        self.name = name
        # keep unknown names after "the village of" without a point: better recall, but every such
        # name counts as a miss for resolution accuracy, so off by default
        self.keep_unknown = False
        self.gaz: Gazetteer = default_gazetteer()
        self.demonyms = _country_aliases()
        self.matcher = PhraseMatcher(nlp.vocab)
        self._match_kinds: dict[str, str] = {}
        names = self.gaz.prominent_names(min_population)
        forms = _country_alias_forms()
        texts: list[str] = []
        for text, kind in names:
            if text not in self._match_kinds:
                self._match_kinds[text] = kind
                texts.append(text)
        for form in forms:
            if form[:1].isupper() and form not in self._match_kinds:
                self._match_kinds[form] = "demonym"
                texts.append(form)
        patterns = [nlp.make_doc(t) for t in texts]
        self.matcher.add("PLACE", patterns)
        # cue nouns: "the town of Samarra", "the province of Helmand", "Helmand province"
        # (a PhraseMatcher on lower case: much cheaper per token than a token Matcher)
        self.cue_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.cue_matcher.add("TOWN_OF", [nlp.make_doc(f"{w} of") for w in sorted(TOWN_CUES)])
        self.cue_matcher.add("DIVISION_OF", [nlp.make_doc(f"{w} of") for w in sorted(DIVISION_CUES)])
        self.cue_matcher.add("DIVISION_TAIL", [nlp.make_doc(w) for w in sorted(DIVISION_TAILS - {"state"})])
        # datelines and headlines in capitals: "COLUMBUS, Ohio", "WASHINGTON (AP)"
        self.upper_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.upper_matcher.add(
            "PLACE",
            [
                p
                for p, t in zip(patterns, texts)
                if self._match_kinds[t] in {"city", "capital", "admin1", "country"}
            ],
        )
        self._upper_kinds = {t.lower(): self._match_kinds[t] for t in texts}
        self._country_cache: dict[str, GazPlace | None] = {}
        self._fuzzy_names = [k for k in self.demonyms if len(k) >= 5 and k.isalpha()]
        with open(REGIONS_FILE, encoding="utf-8") as fh:
            adjectives = (yaml.safe_load(fh) or {}).get("adjectives") or {}
        self.adjectives: dict[str, str] = {str(k): str(v) for k, v in adjectives.items()}

    # -- recognition -------------------------------------------------------------------
    def _country(self, iso3: str) -> GazPlace | None:
        if iso3 not in self._country_cache:
            self._country_cache[iso3] = self.gaz.country_entry(iso3)
        return self._country_cache[iso3]

    def _trim(self, doc: Doc, start: int, end: int) -> tuple[int, int]:
        while start < end and (doc[start].lower_ in _STRIP_HEAD or doc[start].is_punct):
            start += 1
        while end > start and (
            doc[end - 1].is_punct or doc[end - 1].tag_ == "POS" or doc[end - 1].lower_ in {"'s", "’s"}
        ):
            end -= 1
        return start, end

    def _demonym_iso(self, text: str) -> str | None:
        """ISO3 of an adjective or demonym ("Afghan", "Afghans"); None for place names themselves
        ("Georgia" is looked up in the gazetteer, where the US state competes with the country)."""
        if any(
            c.kind in {"country", "admin1", "region"} and self.gaz.is_main_name(text, c)
            for c in self.gaz.lookup(text)
        ):
            return None
        iso = self.demonyms.get(text.lower())
        if iso is None and text.endswith("s"):
            iso = self.demonyms.get(text[:-1].lower())
        return iso

    def _ner_mentions(self, doc: Doc) -> list[_Mention]:
        out: list[_Mention] = []
        for ent in doc.ents:
            if ent.label_ in _PLACE_LABELS:
                start, end = self._trim(doc, ent.start, ent.end)
                if start >= end or not any(c.isupper() for c in doc[start:end].text):
                    continue
                # "Paris, Texas" as one entity: two mentions
                cut = [i for i in range(start, end) if doc[i].text == ","]
                bounds = [start, *cut, end]
                for a, b in itertools.pairwise(bounds):
                    a, b = self._trim(doc, a, b)
                    if a < b:
                        out.append(_Mention(a, b, doc[a:b].text, "ner", ent.label_))
            elif ent.label_ == "NORP":
                start, end = self._trim(doc, ent.start, ent.end)
                if start >= end:
                    continue
                text = doc[start:end].text
                iso = self._demonym_iso(text)
                if iso:
                    out.append(_Mention(start, end, text, "demonym", "NORP", demonym=iso))
                elif self.demonyms.get(text.lower()):  # a country or state name tagged NORP
                    out.append(_Mention(start, end, text, "ner", "NORP"))
                elif text in self.adjectives:  # "European", "Middle Eastern"
                    out.append(_Mention(start, end, text, "adjective", "NORP"))
        return out

    def _dateline_mentions(self, doc: Doc) -> list[_Mention]:
        """Wire datelines in capitals opening the text or a paragraph ("LAGOS, July 3 (AFP) -",
        "ABIDJAN, Ivory Coast (Reuters) -"): the model seldom tags them, but they name the place
        the story is filed from."""
        out: list[_Mention] = []
        n = len(doc)
        if not n:
            return out
        # line starts: the first token and those after a line break (no per-token Python loop)
        starts = [0]
        spaces = numpy.flatnonzero(doc.to_array(IS_SPACE)[:-1])
        starts += [int(i) + 1 for i in spaces if "\n" in doc[int(i)].text]
        for p in starts:
            while p < n and doc[p].is_space:
                p += 1
            if p >= n or not doc[p].is_upper:
                continue
            head = doc[p : p + 12]
            m = _DATELINE.match(head.text)
            if m is None:
                continue
            name = m.group(1)
            words = name.split()
            if len(name) < 3 or words[0].lower() in HEADLINE_WORDS:
                continue
            base = head.start_char
            span = doc.char_span(base + m.start(1), base + m.end(1), alignment_mode="contract")
            if span is None or not len(span):
                continue
            key = name
            if len(words) > 1 and words[-1] in {"CO.", "CO"}:  # "PLYMOUTH CO."
                key = " ".join(words[:-1]) + " County"
            cands = self.gaz.lookup(key)
            if not any(c.kind in {"city", "admin1", "admin2", "country", "region"} for c in cands):
                continue
            out.append(_Mention(span.start, span.end, key, "dateline", "GPE"))
        return out

    def _cue_mentions(self, doc: Doc, taken: set[int]) -> list[_Mention]:
        """Names the model missed or mislabelled after a cue noun ("the town of Samarra", "the
        village of Kalkal", "the port of Hodeidah") or before one ("Baghlan province")."""
        out: list[_Mention] = []
        used = set(taken)
        strings = doc.vocab.strings
        n = len(doc)
        for match_id, s, e in self.cue_matcher(doc):
            rule = strings[match_id]
            if rule == "DIVISION_TAIL":
                # the run of capitalised words ending just before the cue noun
                end = s
                if end == 0 or not doc[end - 1].is_title:
                    continue
                start = end - 1
                while (
                    start > 0 and end - start < 3 and doc[start - 1].is_title and not doc[start].is_sent_start
                ):
                    start -= 1
                spans = [(a, end) for a in range(start, end)]
            else:
                start = e
                if (
                    start + 2 < n
                    and doc[start].lower_ in _ARTICLES
                    and doc[start + 1].text == "-"
                    and doc[start + 2].text[:1].isupper()
                ):
                    stop = start + 3  # "al-Qaim"
                else:
                    stop = start
                while (
                    stop < n
                    and stop - start < 4
                    and doc[stop].is_alpha
                    and doc[stop].text[:1].isupper()
                    and not (stop > start and doc[stop].is_sent_start)
                ):
                    stop += 1
                if stop == start or not doc[stop - 1].text[:1].isupper():
                    continue
                spans = [(start, b) for b in range(stop, start, -1)]
            for a, b in spans:
                if any(i in used for i in range(a, b)) or not doc[a].text[:1].isupper():
                    continue
                if doc[a].lower_ in _STRIP_HEAD or self._person_like(doc, a, b):
                    continue
                text = doc[a:b].text
                cands = self.gaz.lookup(text)
                if rule == "DIVISION_TAIL":
                    ok = any(
                        (
                            c.kind in {"admin1", "admin2", "region"}
                            or c.kind == "city"
                            and c.population >= 10_000
                        )
                        and self.gaz.is_main_name(text, c)
                        for c in cands
                    )
                else:
                    ok = any(c.kind != "continent" for c in cands)
                if ok:
                    used.update(range(a, b))
                    out.append(_Mention(a, b, text, "cue", "GPE"))
                    break
            else:
                if (
                    self.keep_unknown
                    and rule == "TOWN_OF"
                    and _after_settlement(doc, e)
                    and spans
                    and spans[0][1] - spans[0][0] <= 2
                ):
                    a, b = spans[0]
                    if not any(i in used for i in range(a, b)) and self._own_entity(doc, a, b):
                        used.update(range(a, b))
                        out.append(_Mention(a, b, doc[a:b].text, "cue", "GPE"))
        return out

    @staticmethod
    def _own_entity(doc: Doc, start: int, end: int) -> bool:
        """True unless an entity runs across the edges of ``[start, end)``."""
        for t in (doc[start], doc[end - 1]):
            if t.ent_type_:
                for ent in doc.ents:
                    if ent.start <= t.i < ent.end:
                        if ent.start < start or ent.end > end:
                            return False
                        break
        return True

    @staticmethod
    def _cue(doc: Doc, m: _Mention) -> str | None:
        """The kind a cue noun gives the mention: "town" ("the town of X") or "division"
        ("X province", "the state of X", "Washington state")."""
        if m.start >= 2 and doc[m.start - 1].lower_ == "of":
            word = doc[m.start - 2].lower_
            if word in TOWN_CUES:
                return "town"
            if word in DIVISION_CUES:
                return "division"
        if m.end < len(doc) and doc[m.end].lower_ in DIVISION_TAILS:
            return "division"
        return None

    def _person_like(self, doc: Doc, start: int, end: int) -> bool:
        prev = doc[start - 1] if start > 0 else None
        if prev is not None and prev.lower_.rstrip(".") in TITLES:
            return True
        nxt = doc[end] if end < len(doc) else None
        # "Paris Hilton", "Jordan Peterson": a place name followed by another capitalised name
        return bool(nxt is not None and nxt.pos_ == "PROPN" and nxt.is_title and nxt.ent_type_ == "PERSON")

    def _match_mentions(self, doc: Doc, taken: set[int]) -> list[_Mention]:
        out: list[_Mention] = []
        spans = list(self.matcher(doc, as_spans=True))
        spans += [
            s
            for s in self.upper_matcher(doc, as_spans=True)
            if all(t.is_upper for t in s if t.is_alpha) and len(s.text) >= 4
        ]
        spans = sorted(spans, key=lambda s: (-(s.end - s.start), s.start))
        used: set[int] = set(taken)
        for span in spans:
            if any(i in used for i in range(span.start, span.end)):
                continue
            text = span.text
            kind = self._match_kinds.get(text) or self._upper_kinds.get(text.lower(), "city")
            first = span[0]
            if not first.text[:1].isupper():
                continue
            ent_types = {t.ent_type_ for t in span}
            ent_iob = [t.ent_iob_ for t in span]
            if kind == "demonym" and self._demonym_iso(text) is None:
                kind = "country"
            if kind == "demonym":
                iso = self._demonym_iso(text)
                if not iso or ent_types & {"PERSON", "WORK_OF_ART"}:
                    continue
                if "ORG" in ent_types and not self._ent_is(span, "ORG"):
                    continue
                used.update(range(span.start, span.end))
                out.append(_Mention(span.start, span.end, text, "demonym", "NORP", demonym=iso))
                continue
            blocked = ent_types & _BLOCK_LABELS
            if blocked:
                # only the bare place name mislabelled as a person/organisation, after a preposition
                whole = self._ent_is(span, next(iter(blocked)))
                prev = doc[span.start - 1].lower_ if span.start > 0 else ""
                if (
                    not whole
                    or kind not in {"country", "capital", "admin1", "region", "continent"}
                    and prev not in PLACE_PREPS
                ):
                    continue
                if "PERSON" in blocked and prev not in PLACE_PREPS and prev != "the" and kind != "capital":
                    continue
            if self._person_like(doc, span.start, span.end):
                continue
            # abbreviations such as "Ky." stand only after a town: "Lexington, Ky."
            if (
                "." in text
                and any(c.islower() for c in text)
                and (span.start == 0 or doc[span.start - 1].text != ",")
            ):
                continue
            if (
                len(span) == 1
                and first.is_sent_start
                and kind not in {"country", "capital", "admin1", "continent"}
                and "B" not in ent_iob
            ):
                continue
            if len(span) == 1 and first.pos_ not in {"PROPN", "NOUN", "ADJ"}:
                continue
            used.update(range(span.start, span.end))
            out.append(_Mention(span.start, span.end, text, "match", kind))
        return out

    def _inner_mentions(self, doc: Doc, taken: set[int]) -> list[_Mention]:
        """Places inside organisation names of public bodies ("Gainesville Police Department",
        "University of Texas") and single-token places the model took for a person or an
        organisation after a locative preposition ("arrived in Gainesville")."""
        out: list[_Mention] = []
        for whole in doc.ents:
            if whole.label_ not in {"ORG", "PERSON"} or any(
                i in taken for i in range(whole.start, whole.end)
            ):
                continue
            ent = whole
            if ent[0].lower_ == "the" and len(ent) > 1:
                ent = ent[1:]
            prev = doc[ent.start - 1].lower_ if ent.start > 0 else ""
            if len(ent) == 1:
                tok = ent[0]
                if (
                    prev in LOCATIVE
                    and tok.is_title
                    and self._has_main_town(tok.text, whole.label_ == "PERSON")
                ):
                    out.append(_Mention(ent.start, ent.end, tok.text, "inner", whole.label_))
                elif whole.label_ == "ORG" and self._prominent(tok.text):
                    # "the Edmonton council", a team or firm named after its city: a toponym
                    # inside a name, kept but ranked last by place_in_span
                    out.append(_Mention(ent.start, ent.end, tok.text, "inner", whole.label_, in_org=True))
                continue
            if whole.label_ != "ORG":
                continue
            # the run of capitalised words at the start, then an institution word
            run = ent.start
            while run < ent.end and doc[run].is_title and doc[run].lower_ not in INSTITUTION_WORDS:
                run += 1
            if ent.start < run < ent.end and doc[run].lower_ in INSTITUTION_WORDS and run - ent.start <= 3:
                m = None
                if doc[run].lower_ in {"county", "parish", "city", "township"}:
                    m = self._inner_place(doc, ent.start, run + 1)
                m = m or self._inner_place(doc, ent.start, run)
                if m is not None:
                    out.append(m)
                    continue
            # a name opening with a prominent place: "Edmonton Oilers", "U.S. Army", "Manitoba Hydro"
            found = False
            for stop in range(min(ent.end - 1, ent.start + 3), ent.start, -1):
                text = doc[ent.start : stop].text
                if (doc[stop - 1].is_title or doc[stop - 1].is_upper) and self._prominent(text):
                    out.append(_Mention(ent.start, stop, text, "inner", "ORG", in_org=True))
                    found = True
                    break
            if found:
                continue
            # "University of Texas", "Commonwealth of Virginia"
            for i in range(ent.start + 1, ent.end - 1):
                if doc[i].lower_ == "of" and doc[i - 1].lower_ in OF_HEADS | {"university", "college"}:
                    m = self._inner_place(doc, i + 1, ent.end)
                    if m is not None:
                        out.append(m)
                    break
        return out

    def _inner_place(self, doc: Doc, start: int, end: int) -> _Mention | None:
        while start < end and doc[start].lower_ == "the":
            start += 1
        if start >= end:
            return None
        span = doc[start:end]
        if not span.text[:1].isupper() or end - start > 4:
            return None
        iso = self._demonym_iso(span.text)
        if iso:
            return _Mention(start, end, span.text, "demonym", "NORP", demonym=iso)
        cands = self.gaz.lookup(span.text)
        if any(
            self.gaz.is_main_name(span.text, c)
            and (c.kind in {"country", "admin1", "admin2"} or c.kind == "city" and c.population >= 5000)
            for c in cands
        ):
            return _Mention(start, end, span.text, "inner", "ORG")
        if self.gaz.lookup(span.text + " County") or self.gaz.lookup(span.text + " Parish"):
            return _Mention(start, end, span.text, "inner", "ORG")
        return None

    def _has_main_town(self, text: str, prominent: bool = False) -> bool:
        if prominent:
            return self._prominent(text)
        return any(
            c.kind in {"city", "admin1", "country"}
            and c.population >= 1000
            and self.gaz.is_main_name(text, c)
            for c in self.gaz.lookup(text)
        )

    def _prominent(self, text: str) -> bool:
        """A country, a first-level division or a town of 100,000+ by its own name."""
        if not text[:1].isupper():
            return False
        return any(
            (c.kind in {"country", "admin1"} or c.kind == "city" and c.population >= 100_000)
            and self.gaz.is_main_name(text, c)
            for c in self.gaz.lookup(text)
        )

    @staticmethod
    def _ent_is(span: Span, label: str) -> bool:
        doc = span.doc
        for ent in doc.ents:
            if ent.start <= span.start < ent.end:
                return ent.label_ == label and ent.start == span.start and ent.end == span.end
        return False

    def _candidates(self, m: _Mention) -> tuple[GazPlace, ...]:
        if m.demonym:
            c = self._country(m.demonym)
            return (c,) if c else ()
        if m.source == "adjective":
            target = self.adjectives.get(m.text, m.text)
            return tuple(c for c in self.gaz.lookup(target) if c.kind in {"continent", "region"})[:1]
        cands = self.gaz.lookup(m.text)
        if not cands:
            iso = self.demonyms.get(m.text.lower())
            if iso:
                c = self._country(iso)
                return (c,) if c else ()
            for suffix in (" County", " Parish"):
                cands = tuple(p for p in self.gaz.lookup(m.text + suffix) if p.kind == "admin2")
                if cands:
                    break
        return cands

    def _misspelt_country(self, text: str) -> GazPlace | None:
        """The country a one-word name misspells by one edit ("Afganistan", "Ukriane"), else None."""
        if len(text) < 6 or not text.isalpha() or not text.istitle():
            return None
        hit = rf_process.extractOne(
            text.lower(),
            self._fuzzy_names,
            scorer=OSA.distance,
            score_cutoff=1,
        )
        if hit is None:
            return None
        iso = self.demonyms.get(hit[0])
        return self._country(iso) if iso else None

    def _core(self, doc: Doc, m: _Mention) -> tuple[int, int, tuple[GazPlace, ...]] | None:
        """The place inside an unresolved compound: "Northeast Texas" -> Texas, "Province of
        Ontario" -> Ontario, "Sichuan province" -> Sichuan, "Henderson County Jail" -> Henderson
        County. Returns the token range to report and the candidates."""
        start, end = m.start, m.end
        if end - start >= 3 and doc[start].lower_ in OF_HEADS and doc[start + 1].lower_ == "of":
            start += 2
        core_start = start
        while core_start < end - 1 and doc[core_start].lower_ in DIRECTIONS:
            core_start += 1
        core_end = end
        while core_end - 1 > core_start and doc[core_end - 1].lower_ in TAIL_WORDS:
            core_end -= 1
        # the longest resolvable prefix of what is left
        for stop in range(core_end, core_start, -1):
            if (core_start, stop) == (m.start, m.end) or not doc[core_start].text[:1].isupper():
                continue
            if doc[stop - 1].is_punct:
                continue
            sub = _Mention(core_start, stop, doc[core_start:stop].text, "ner", m.label)
            cands = tuple(c for c in self._candidates(sub) if c.lat is not None)
            if cands:
                report_end = end if stop == core_end else stop
                return start, report_end, cands
        return None

    @staticmethod
    def _placeish(doc: Doc, m: _Mention) -> bool:
        """An unresolved name worth keeping: it says what kind of place it is."""
        return any(t.lower_ in PLACE_WORDS for t in doc[m.start : m.end])

    # -- resolution ----------------------------------------------------------------------
    def _prior(self, m: _Mention, c: GazPlace) -> float:
        pop = c.population if c.kind != "admin2" else 30_000
        s = math.log10(pop + 1) * W["pop"] + _KIND_BONUS.get(c.kind, 0.0)
        if c.feature_code == "PPLC":
            s += W["capital"] + (W["big_capital"] if c.population >= 500_000 else 0.0)
        if not self.gaz.is_main_name(m.text, c):
            s -= W["alternate"]
        if name_key(m.text) == name_key(c.name):
            s += 4.0 if c.kind == "region" else 0.5
        if c.lat is None:
            s -= 1.0
        return s

    @staticmethod
    def _qualified(ms: list[_Mention], c: GazPlace) -> float:
        """Bonus when a following qualifier contains the candidate ("Paris, Texas")."""
        for m in ms:
            for q in m.qualifiers:
                for qc in q.candidates:
                    if qc.kind == "admin1" and qc.admin1_code == c.admin1_code and c.kind != "admin1":
                        return 8.0
                    if qc.kind == "country" and qc.country == c.country and c.kind != "country":
                        return 6.0
        return 0.0

    def _resolve(self, doc: Doc, mentions: list[_Mention]) -> None:
        by_start = {m.start: m for m in mentions}
        # qualifiers: "Alexandria, Louisiana", "Paris, Texas", "Kandahar, Afghanistan"
        for m in mentions:
            if m.end + 1 < len(doc) and doc[m.end].text == ",":
                q = by_start.get(m.end + 1)
                if q is not None:
                    m.qualifiers.append(q)
                    # "HOLLIDAY, Mo." when the gazetteer only knows a Holliday in Texas: no reading
                    # (only a town qualified by a name that is no town: "Crockett, Palestine and ...")
                    areas = [c for c in q.candidates if c.kind in {"admin1", "country"}]
                    if (
                        areas
                        and len(areas) == len(q.candidates)
                        and m.candidates
                        and all(c.kind in {"city", "admin2"} for c in m.candidates)
                        and not any(_inside(c, areas) for c in m.candidates)
                    ):
                        m.contradicted = True
                        m.area = areas[0]
        groups: dict[str, list[_Mention]] = {}
        for m in mentions:
            groups.setdefault(name_key(m.text), []).append(m)

        # candidates with their context-free score, best first (a short list per name)
        ranked: dict[str, list[tuple[float, GazPlace]]] = {}
        for key, ms in groups.items():
            cands = ms[0].candidates
            if cands:
                cues = {m.cue for m in ms}
                scored = []
                for c in cands:
                    s = self._prior(ms[0], c) + self._qualified(ms, c)
                    if "division" in cues and c.kind in {"admin1", "admin2", "region"}:
                        s += W["state_word"]
                    elif "town" in cues and c.kind == "city":
                        s += W["town_word"]
                    scored.append((s, c))
                scored.sort(key=lambda x: -x[0])
                ranked[key] = scored[:_MAX_CANDIDATES]
        choice: dict[str, GazPlace] = {k: v[0][1] for k, v in ranked.items()}
        sizes = {k: float(len(ms)) for k, ms in groups.items()}
        # how firmly each name fixes its country and state: a lone ambiguous town name must not
        # drag the document's focus (and with it every other name) to its best guess
        conf: dict[str, float] = {}
        for k, scored in ranked.items():
            top_s, top = scored[0]
            rival = max((sc for sc, c in scored[1:] if c.country != top.country), default=None)
            firm = (
                top.kind in {"country", "admin1", "region", "continent"}
                or rival is None
                or top_s - rival >= 2.0
            )
            conf[k] = sizes[k] * (1.0 if firm else 0.3)

        # a few rounds: each name takes the candidate that best fits the others' current choices
        # (the document's countries and states, and nearby towns)
        for _ in range(_ROUNDS):
            country_w: dict[str, float] = {}
            admin_w: dict[str, float] = {}
            for k, c in choice.items():
                if c.country:
                    country_w[c.country] = country_w.get(c.country, 0.0) + conf[k]
                if c.admin1_code and c.kind in {"admin1", "admin2", "city"}:
                    admin_w[c.admin1_code] = admin_w.get(c.admin1_code, 0.0) + conf[k]
            points = {
                k: (c.lat, c.lon)
                for k, c in choice.items()
                if c.kind in {"city", "admin2"} and c.lat is not None and c.lon is not None and not c.approx
            }
            changed = False
            new_choice = dict(choice)
            for key, scored in ranked.items():
                if len(scored) == 1:
                    continue
                mine = choice[key]
                size = conf[key]
                others_c = {k: v - (size if k == mine.country else 0.0) for k, v in country_w.items()}
                top_c = max(others_c.values(), default=0.0)
                focus = max(others_c, key=lambda k: others_c[k]) if top_c > 0 else None
                # a real town of the focus country competes with the name (a hamlet is dropped later)
                rival_home = any(
                    c.country == focus and c.kind == "city" and c.population >= _MIN_LONE_POPULATION
                    for _, c in scored
                )
                others_p = [pt for k, pt in points.items() if k != key]
                best_s, best = -1e9, mine
                for prior, c in scored:
                    s = prior
                    if c.country and top_c > 0:
                        s += W["country_focus"] * max(0.0, others_c.get(c.country, 0.0)) / top_c
                        if (
                            c.seat
                            and rival_home
                            and c.feature_code != "PPLC"
                            and c.country != focus
                            and key != name_key(c.admin1 or "")
                        ):
                            # a big regional town abroad resists the pull of the document's
                            # country ("Russia shelled Donetsk": Ukraine's Donetsk, not Russia's)
                            s += W["seat"] + (W["big_seat"] if c.population >= 500_000 else 0.0)
                    if (
                        c.admin1_code
                        and c.kind in {"city", "admin2"}
                        and name_key(c.name) != name_key(c.admin1 or "")
                    ):
                        aw = admin_w.get(c.admin1_code, 0.0) - (
                            size if c.admin1_code == mine.admin1_code else 0.0
                        )
                        if aw > 0:
                            s += W["admin_focus"] + W["admin_more"] * min(aw, W["admin_cap"])
                    if others_p and c.lat is not None and c.lon is not None and c.kind in {"city", "admin2"}:
                        d = min(haversine_km(c.lat, c.lon, la, lo) for la, lo in others_p)
                        s += (
                            W["near50"]
                            if d <= 50
                            else W["near150"]
                            if d <= 150
                            else W["near400"]
                            if d <= 400
                            else 0.0
                        )
                    if s > best_s:
                        best_s, best = s, c
                if best.pid != mine.pid:
                    new_choice[key] = best
                    changed = True
            choice = new_choice
            if not changed:
                break
        for key, ms in groups.items():
            for m in ms:
                m.choice = choice.get(key)
        # "Taji, Iraq" where the gazetteer knows no Taji in Iraq: a town of that country or state,
        # placed at its point (no GeoNames id), never at a namesake elsewhere
        for m in mentions:
            if m.contradicted and m.area is not None:
                m.choice = dataclasses.replace(
                    m.area,
                    pid=-1 - m.start,
                    geonameid=None,
                    name=doc[m.start : m.end].text,
                    feature_code="PPL",
                    kind="city",
                    population=0,
                    approx=True,
                    seat=False,
                )
        # counties placed at their state: move to the document's towns in that state
        for m in mentions:
            cur = m.choice
            if cur is None or not cur.approx or not cur.admin1_code:
                continue
            towns = [o.choice for o in mentions if o.choice is not None]
            near = [
                t
                for t in towns
                if t.kind == "city"
                and t.admin1_code == cur.admin1_code
                and t.lat is not None
                and not t.approx
            ]
            if near:
                m.choice = dataclasses.replace(cur, lat=near[0].lat, lon=near[0].lon)

    # -- output --------------------------------------------------------------------------
    @staticmethod
    def _place_dict(doc: Doc, m: _Mention) -> dict[str, Any]:
        span = doc[m.start : m.end]
        c = m.choice
        return {
            "text": span.text,
            "start": span.start_char,
            "end": span.end_char,
            "name": c.name if c else None,
            "geonameid": c.geonameid if c else None,
            "lat": round(c.lat, 5) if c and c.lat is not None else None,
            "lon": round(c.lon, 5) if c and c.lon is not None else None,
            "country": c.country if c else None,
            "feature_code": c.feature_code if c else None,
            "admin1": c.admin1 if c else None,
        }

    def find(self, doc: Doc) -> list[_Mention]:
        """Recognise and resolve the place mentions of ``doc`` (in text order)."""
        mentions = self._dateline_mentions(doc)
        taken = {i for m in mentions for i in range(m.start, m.end)}
        mentions += [m for m in self._ner_mentions(doc) if not any(i in taken for i in range(m.start, m.end))]
        taken = {i for m in mentions for i in range(m.start, m.end)}
        mentions += self._cue_mentions(doc, taken)
        taken = {i for m in mentions for i in range(m.start, m.end)}
        # NORP entities that are not demonyms still block the matcher ("Democrats")
        for ent in doc.ents:
            if ent.label_ in _PLACE_LABELS:
                taken.update(range(ent.start, ent.end))
        mentions += self._match_mentions(doc, taken)
        taken = {i for m in mentions for i in range(m.start, m.end)}
        mentions += self._inner_mentions(doc, taken)
        mentions.sort(key=lambda m: m.start)
        # a word that is part of a person's full name in this document names that person
        # ("Georgia Miller ... Georgia said"), unless it follows "in", "to", ...
        person_words = {t.text for e in doc.ents if e.label_ == "PERSON" and len(e) > 1 for t in e}
        mentions = [
            m
            for m in mentions
            if not (
                m.end - m.start == 1
                and m.text in person_words
                and not m.demonym
                and (m.start == 0 or doc[m.start - 1].lower_ not in LOCATIVE)
            )
        ]
        kept: list[_Mention] = []
        for m in mentions:
            m.candidates = self._candidates(m)
            original = (m.start, m.end, m.text)
            if not m.candidates and m.source == "ner":
                core = self._core(doc, m)
                if core is not None:
                    m.start, m.end, m.candidates = core
                    m.text = doc[m.start : m.end].text
                    m.via_core = True
            if not m.candidates and m.source == "ner" and m.label == "GPE":
                c = self._misspelt_country(m.text)
                if c is not None:  # "Afganistan", "Ethopia"
                    m.candidates = (c,)
            if m.via_core and m.label in {"FAC", "LOC"} and all(c.kind == "city" for c in m.candidates):
                rest = doc[m.end : original[1]]
                if m.label == "FAC" and not (len(rest) and rest[0].lower_ in MUNICIPAL):
                    named_after = True  # "Thomas Memorial Hospital", "Pearson Airport"
                else:
                    named_after = any(t.lower_ in NAMED_FEATURES for t in doc[original[0] : original[1]])
            else:
                named_after = False
            if named_after:
                # "Darby Street", "Neches River": a place, but not the town it is named after
                m.candidates = ()
                m.start, m.end, m.text = original
                m.via_core = False
            if not m.candidates and not (
                m.source == "cue"
                or m.source == "ner"
                and (self._placeish(doc, m) or self.keep_unknown and _after_settlement(doc, m.start))
            ):
                continue
            m.cue = self._cue(doc, m)
            kept.append(m)
        self._resolve(doc, kept)
        # a contradicted name that only our own recognisers proposed (a dateline, a cue noun, the
        # matcher) is more likely a misreading; the model's own place entities stay
        return [m for m in kept if not (m.contradicted and m.source != "ner") and self._supported(m, kept)]

    @staticmethod
    def _supported(m: _Mention, mentions: list[_Mention]) -> bool:
        """Drop a lone hamlet: a one-word name whose only reading is a village of under 1,000
        people with nothing else in the document near it is more likely a misread name."""
        c = m.choice
        if c is None or c.kind != "city" or c.population >= _MIN_LONE_POPULATION or " " in m.text:
            return True
        if m.qualifiers or c.lat is None or c.lon is None:
            return True
        for o in mentions:
            oc = o.choice
            if o is m or oc is None or oc.pid == c.pid:
                continue
            if oc.kind == "admin1" and oc.admin1_code and oc.admin1_code == c.admin1_code:
                return True
            if (
                oc.lat is not None
                and oc.lon is not None
                and oc.kind in {"city", "admin2"}
                and haversine_km(c.lat, c.lon, oc.lat, oc.lon) <= 150
            ):
                return True
        return False

    def __call__(self, doc: Doc) -> Doc:
        mentions = self.find(doc)
        doc._.newswire_places = [self._place_dict(doc, m) for m in mentions]
        doc.spans["newswire_places"] = [
            Span(
                doc,
                m.start,
                m.end,
                label=_span_label(m),
            )
            for m in mentions
        ]
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        """Process a stream of Docs."""
        for doc in docs:
            yield self(doc)


@Language.factory("newswire_places", default_config={"min_population": 100_000})
def make_places(nlp: Language, name: str, min_population: int) -> PlacesComponent:
    """The ``newswire_places`` factory."""
    return PlacesComponent(nlp, name, min_population=min_population)


# -- helpers for the events component ---------------------------------------------------------


def _inside(c: GazPlace, areas: list[GazPlace]) -> bool:
    """True when ``c`` lies in one of the states or countries ``areas``."""
    return any(
        a.admin1_code == c.admin1_code if a.kind == "admin1" else a.country == c.country for a in areas
    )


def _after_settlement(doc: Doc, start: int) -> bool:
    """True after "the village of", "the town of", ... (the name is a settlement's)."""
    return start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in SETTLEMENT_CUES


def _span_label(m: _Mention) -> str:
    if m.demonym or m.source == "adjective":
        return "DEMONYM"
    if m.in_org:
        return "IN_ORG"
    return m.choice.feature_code if m.choice else "PLACE"


def place_in_span(doc: Doc, start_token: int, end_token: int) -> dict[str, Any] | None:
    """The best place mentioned within tokens ``[start_token, end_token)``, or None.

    Names inside organisations ("Edmonton Oilers", "Georgia Power") are not where anything
    happens and are skipped. Resolved places beat unresolved ones, explicit toponyms beat
    demonyms ("Afghan troops"), and more specific places (towns) beat broader ones (countries).
    """
    places = doc._.newswire_places or []
    if not places or start_token >= end_token:
        return None
    lo = doc[start_token].idx
    hi = doc[end_token - 1].idx + len(doc[end_token - 1].text)
    group = doc.spans.get("newswire_places", [])
    weak = {s.start_char for s in group if s.label_ == "DEMONYM"}
    in_org = {s.start_char for s in group if s.label_ == "IN_ORG"}
    best: tuple[tuple[int, int, int], dict[str, Any]] | None = None
    for p in places:
        if p["start"] < lo or p["end"] > hi or p["start"] in in_org:
            continue
        kind_rank = _fcode_rank(p.get("feature_code"))
        key = (
            int(p.get("geonameid") is not None or p.get("lat") is not None),
            int(p["start"] not in weak),
            kind_rank,
        )
        if best is None or key > best[0]:
            best = (key, p)
    return best[1] if best else None


def _fcode_rank(fcode: str | None) -> int:
    if not fcode:
        return 0
    if fcode.startswith("PPL"):
        return _SPECIFICITY["city"]
    if fcode in {"ADM2", "ADMD"}:
        return _SPECIFICITY["admin2"]
    if fcode == "ADM1":
        return _SPECIFICITY["admin1"]
    if fcode.startswith("PCL"):
        return _SPECIFICITY["country"]
    if fcode == "CONT":
        return _SPECIFICITY["continent"]
    return _SPECIFICITY["region"]


def where_for(place: dict[str, Any]) -> dict[str, Any]:
    """The event ``where`` dict {text, name, geonameid, lat, lon, country, admin1} of a place dict."""
    return {k: place.get(k) for k in ("text", "name", "geonameid", "lat", "lon", "country", "admin1")}
