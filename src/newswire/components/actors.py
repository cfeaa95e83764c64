"""newswire_actors: people, organisations, states and groups, with within-document coreference.

How a Doc is read (all lookups are dicts and spaCy PhraseMatchers built once per instance):

1. Knowledge matches (case-sensitive): country names, demonyms, government metonyms,
   organisation aliases and people from :mod:`newswire.knowledge`; office titles and group
   nouns ("Deputy Foreign Minister", "troops", "defense officials") case-insensitively.
   Knowledge wins over NER labels (the small model calls "Uzbekistan" NORP, "Tajik" PERSON).
2. People: known people and PERSON entities, with the titles and affiliations written before
   them ("Russian Deputy Foreign Minister Zamir Kabulov", "Taliban spokesman ...") or in an
   apposition after them ("Kabulov, who is the Kremlin's special envoy"). Known office
   holders take title, country and sector from the office covering the published date.
3. States and groups: a demonym or country followed by a group noun is one collective actor
   ("Russian defense officials" = RUS MIL, "Tajik authorities" = TJK GOV); a country name is
   the state; a capital is the government only when it acts ("Moscow said"). Ethnic groups
   are coded by the state they live in ("ethnic Albanians in Macedonia" = MKD); generic
   collectives ("rebels", "protesters", "Shona rebels", "rebel positions") take the country
   of the context.
4. Organisations from the knowledge files, then ORG/NORP entities the knowledge lacks.
5. Coreference, in text order: surnames, definite descriptions ("the Russian diplomat",
   "the Islamist group", "the army" with the country from context) and subject pronouns
   (he/she; they/it with speech verbs) resolve to the most recent compatible actor.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from ..knowledge import KnowledgeBase, OrgEntry, PersonEntry, load_knowledge
from ._doc import published_date

__all__ = ["ActorsComponent", "make_actors"]

STATE_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY"}
SPEECH_LEMMAS = {
    "say", "tell", "add", "state", "announce", "warn", "claim", "insist", "note", "declare",
    "report", "stress", "explain", "argue", "confirm", "deny", "accuse", "urge", "write",
    "reply", "respond", "acknowledge", "suggest", "predict", "believe", "think", "call",
    "demand", "threaten", "promise", "vow", "pledge", "agree", "reject", "ask", "express",
}
#: Words that may sit between a title prefix and a name without breaking it.
PREFIX_FILLERS = {"former", "ex", "then", "acting", "interim", "outgoing", "incoming", "new",
                  "top", "senior", "veteran", "deputy", "mr.", "mrs.", "ms.", "mr", "ms", "mrs",
                  "dr.", "-", "late"}
#: Singular nouns denoting one unnamed person ("a Jordanian official").
PERSON_NOUNS = {"official", "diplomat", "soldier", "spokesman", "spokeswoman", "spokesperson",
                "minister", "envoy", "ambassador", "leader", "president", "commander", "officer",
                "general", "politician", "lawmaker", "militant", "rebel", "source", "journalist",
                "negotiator", "adviser", "advisor", "aide", "chancellor", "premier", "senator",
                "man", "woman", "citizen", "national", "activist", "prime minister", "policeman",
                "guerrilla", "legislator", "monarch", "king", "queen", "emir", "prince"}
#: Descriptions that refer back to the most recent person of the same country.
GENERIC_PERSON_NOUNS = {"official", "diplomat", "politician", "leader", "man", "woman",
                        "statesman", "veteran"}
#: Descriptions that refer back to organisations without their own ``nouns`` list.
GENERIC_ORG_NOUNS = {"group", "organization", "organisation", "company", "firm", "agency",
                     "movement", "party", "network", "alliance", "bloc", "union", "body",
                     "association", "council", "committee", "institution", "ministry",
                     "department", "newspaper", "paper", "broadcaster", "outlet", "channel"}
#: Words that are ordinary English once "The" is dropped ("The Times" -> "Times").
_COMMON_WORDS = {"times", "guardian", "economist", "independent", "telegraph", "observer", "sun",
                 "mirror", "post", "star", "nation", "hindu", "australian", "globe", "herald",
                 "tribune", "statesman", "express", "local", "onion", "atlantic", "hill", "intercept",
                 "brotherhood", "fed", "hague", "states", "pentagon", "vatican"}
#: Collective nouns of state institutions that make an actor on their own ("police said").
_BARE_COLLECTIVES = {"government", "authorities", "officials", "police", "military", "army", "troops",
                     "soldiers", "security forces", "armed forces", "navy", "air force", "parliament",
                     "lawmakers", "legislators", "prosecutors", "border guards", "coast guard",
                     "administration", "regime", "cabinet", "intelligence officials", "defense officials",
                     "defence officials", "military officials", "policemen", "police officers", "warplanes"}
#: Non-state collectives that make an actor on their own; their country comes from the context.
_BARE_GROUPS = {"rebels", "insurgents", "militants", "guerrillas", "separatists", "protesters", "protestors",
                "demonstrators", "refugees", "fighters", "militiamen", "extremists", "jihadists",
                "fundamentalists", "islamists", "students", "strikers", "opposition", "dissidents",
                "residents", "villagers", "civilians", "militias", "gunmen", "activists", "workers",
                "journalists", "migrants"}
#: Group nouns that stand for the group when they modify a thing ("rebel positions", "Karen guerrilla camps").
_MODIFIER_GROUPS = {"rebel", "guerrilla", "militant", "insurgent", "militia", "jihadist", "separatist"}
#: Collectives counted as victims or detainees ("killed four soldiers", "arrested 12 policemen").
_VICTIM_COLLECTIVES = {"soldiers", "troops", "policemen", "police officers"}
_NOT_BARE_DETS = {"a", "an", "one", "another", "some", "any", "no", "each", "every", "this", "that",
                  "these", "those", "its", "their", "his", "her", "our", "my", "your", "whose", "which"}
#: Head nouns that leave the sector to their modifier ("rebel leaders", "government officials").
_GENERIC_HEADS = {"officials", "official", "leaders", "leader", "leadership", "people", "members",
                  "spokesman", "spokeswoman", "delegation", "negotiators", "advisers", "sources"}
_EXPLETIVE_HEADS = {"be", "seem", "appear", "rain", "take", "remain", "matter", "happen", "become", "look"}
#: Names the tagger takes for people or organisations that are not actors.
_NOT_ACTORS = {"covid", "covid-19", "coronavirus", "laughter", "applause", "question", "moderator",
               "operator", "participant", "q", "indo-pacific", "transatlantic", "internet", "crosstalk",
               "inaudible", "sars-cov-2", "omicron", "delta"}
#: Titles that take an "of <Department>" complement ("Secretary of Energy").
_OF_TITLES = {"secretary", "minister", "director", "head", "chief", "commissioner", "administrator",
              "governor", "deputy minister", "deputy secretary", "under secretary", "chairman", "chair"}
#: Last words of ORG entities that are documents, plans or events, not actors.
_NOT_ORG_HEADS = {"act", "plan", "program", "programme", "initiative", "agreement", "treaty", "accord",
                  "strategy", "framework", "law", "bill", "order", "orders", "summit", "conference",
                  "dialogue", "declaration", "report", "region", "week", "day", "month", "year",
                  "covid-19", "pandemic", "convention", "resolution", "protocol", "deal", "games"}
#: Words that make a country name part of a larger place name ("New Jersey", "Northern Ireland").
_PLACE_PREFIXES = {"New", "Northern", "Southern", "Upper", "Lower", "Little", "Greater", "Old",
                   "Western", "Eastern", "Central"}
_BACKED_WORDS = {"led", "backed", "allied", "aligned", "supported", "sponsored", "funded", "armed", "trained"}
_PLACE_NOUNS = {"town", "city", "village", "province", "district", "region", "state", "capital",
                "port", "county", "area", "island", "islands", "republic", "governorate", "municipality"}
LOCATIVE_PREPS = {"in", "at", "near", "inside", "across", "throughout", "around", "outside"}
ORG_KEYWORDS: list[tuple[str, str, str | None]] = [
    # (word in an ORG name, kind, sector)
    ("defense ministry", "state", "MIL"), ("defence ministry", "state", "MIL"),
    ("ministry of defense", "state", "MIL"), ("ministry of defence", "state", "MIL"),
    ("ministry", "state", "GOV"), ("department", "state", "GOV"), ("government", "state", "GOV"),
    ("parliament", "state", "LEG"), ("assembly", "state", "LEG"), ("senate", "state", "LEG"),
    ("congress", "organization", "LEG"), ("court", "state", "JUD"), ("tribunal", "state", "JUD"),
    ("army", "state", "MIL"), ("navy", "state", "MIL"), ("air force", "state", "MIL"),
    ("armed forces", "state", "MIL"), ("police", "state", "COP"), ("intelligence", "state", "SPY"),
    ("party", "organization", "PTY"), ("front", "group", None), ("brigade", "group", "REB"),
    ("liberation", "group", "REB"), ("militia", "group", "REB"),
    ("university", "organization", "EDU"), ("school", "organization", "EDU"),
    ("college", "organization", "EDU"), ("institute", "organization", None),
    ("hospital", "organization", "MED"), ("union", "organization", "LAB"),
    ("bank", "organization", "BUS"), ("company", "organization", "BUS"), ("corp", "organization", "BUS"),
    ("inc", "organization", "BUS"), ("ltd", "organization", "BUS"), ("group", "organization", None),
    ("news", "media", "JRN"), ("times", "media", "JRN"), ("post", "media", "JRN"),
    ("radio", "media", "JRN"), ("television", "media", "JRN"), ("tv", "media", "JRN"),
    ("press", "media", "JRN"), ("daily", "media", "JRN"), ("journal", "media", "JRN"),
    ("tribune", "media", "JRN"), ("herald", "media", "JRN"), ("gazette", "media", "JRN"),
    ("church", "organization", "REL"),
]
_ORG_KEY_RE = [(re.compile(rf"\b{re.escape(w)}\b", re.IGNORECASE), k, s) for w, k, s in ORG_KEYWORDS]


@dataclass
class _Entry:
    """What a knowledge surface form stands for."""

    type: str  # country | demonym | metonym | org | person
    code: str | None = None  # ISO3 for country/demonym/metonym
    sector: str | None = None
    org: OrgEntry | None = None
    person: PersonEntry | None = None


@dataclass
class _Mention:
    """A mention being assembled, before actors get ids."""

    start: int  # token indices, end-exclusive
    end: int
    key: str
    kind: str
    name: str
    country: str | None = None
    sector: str | None = None
    title: str | None = None
    kb_id: str | None = None
    nouns: tuple[str, ...] = ()
    plural: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


class ActorsComponent:
    """Find actors and resolve their mentions; writes ``doc._.newswire_actors``."""

    def __init__(self, nlp: Language, name: str, kb_files: Iterable[str] = ()) -> None:
        self.name = name
        self.kb: KnowledgeBase = load_knowledge(list(kb_files))
        self.forms: dict[str, list[_Entry]] = {}
        self.surnames: dict[str, PersonEntry] = {}
        self._build_forms()
        make = nlp.make_doc
        self.kb_matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.kb_matcher.add("KB", [make(f) for f in self.forms])
        self.office_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        titles = [o.phrase for o in self.kb.offices.values() if o.kind == "title"]
        groups = [o.phrase for o in self.kb.offices.values() if o.kind == "group"]
        self.office_matcher.add("TITLE", [make(t) for t in titles])
        self.office_matcher.add("GROUP", [make(g) for g in groups])
        self.title_offices = {o.phrase.lower(): o for o in self.kb.offices.values() if o.kind == "title"}
        self.group_offices = {o.phrase.lower(): o for o in self.kb.offices.values() if o.kind == "group"}
        self.holders: dict[tuple[str, str], list[PersonEntry]] = {}
        for person in self.kb.people.values():
            for tenure in person.tenures:
                if tenure.country:
                    bucket = self.holders.setdefault((tenure.country, _norm_title(tenure.title)), [])
                    if person not in bucket:
                        bucket.append(person)
        self.org_nouns: dict[str, list[OrgEntry]] = {}
        for org in self.kb.orgs.values():
            for noun in org.nouns:
                self.org_nouns.setdefault(noun.lower(), []).append(org)

    # ------------------------------------------------------------------ knowledge forms
    def _add_form(self, form: str, entry: _Entry) -> None:
        form = form.strip()
        if form.lower().startswith("the ") and len(form) > 4:
            rest = form[4:]
            if " " in rest or not rest[:1].isupper() or rest.isupper() or rest.lower() not in _COMMON_WORDS:
                forms = [rest]
            else:  # "The Times", "The Guardian": keep the article, "Times" alone is a word
                forms = ["The " + rest, "the " + rest]
        else:
            forms = [form]
        for f in forms:
            if not f:
                continue
            bucket = self.forms.setdefault(f, [])
            if all(not (e.type == entry.type and e.code == entry.code and e.org is entry.org
                        and e.person is entry.person) for e in bucket):
                bucket.append(entry)

    def _build_forms(self) -> None:
        for org in self.kb.orgs.values():
            for alias in (org.name, *org.aliases):
                self._add_form(alias, _Entry("org", code=org.country, sector=org.sector, org=org))
        for person in self.kb.people.values():
            for alias in (person.name, *person.aliases):
                self._add_form(alias, _Entry("person", code=person.country, person=person))
            for alias in person.aliases:
                if " " not in alias and alias[:1].isupper():
                    self.surnames.setdefault(alias, person)
        for code, c in self.kb.countries.items():
            for n in c.names:
                self._add_form(n, _Entry("country", code=code))
            for d in c.demonyms:
                self._add_form(d, _Entry("demonym", code=code))
            for m, sector in c.metonyms.items():
                self._add_form(m, _Entry("metonym", code=code, sector=sector))

    def _entry(self, text: str) -> _Entry | None:
        """The preferred entry for a surface form: org > person > country > demonym > metonym."""
        entries = self.forms.get(text)
        if not entries:
            return None
        order = {"org": 0, "person": 1, "country": 2, "demonym": 3, "metonym": 4}
        return min(entries, key=lambda e: order[e.type])

    # ------------------------------------------------------------------ main
    def __call__(self, doc: Doc) -> Doc:
        try:
            actors = self._process(doc)
        except Exception as exc:  # noqa: BLE001  (never break the pipeline on one odd document)
            from ._doc import add_warning

            add_warning(doc, f"actors: {type(exc).__name__}: {exc}")
            actors = []
        doc._.newswire_actors = actors
        spans = []
        for actor in actors:
            for start, end in actor["mentions"]:
                span = doc.char_span(start, end, label=actor["kind"], alignment_mode="expand")
                if span is not None:
                    spans.append(span)
        doc.spans["newswire_actors"] = spans
        return doc

    def _process(self, doc: Doc) -> list[dict[str, Any]]:
        day = published_date(doc)
        n = len(doc)
        kb_spans: dict[int, tuple[int, _Entry]] = {}  # start token -> (end, entry)
        raw = [Span(doc, s, e) for _, s, e in self.kb_matcher(doc)]
        for span in _longest(raw):
            entry = self._entry(span.text)
            if entry is None:
                continue
            if entry.type == "person" and len(span) == 1 and not _proper(span[0]) and not (
                span[0].is_title and span[0].dep_ in ("nsubj", "nsubjpass") and span[0].tag_ in ("NN", "NNP")
            ):
                continue  # "Rice prices", but "Traore met ..." at the start of a sentence is a name
            if entry.type in ("org", "metonym") and len(span) == 1 and span[0].is_lower:
                continue
            kb_spans[span.start] = (span.end, entry)
        titles: dict[int, tuple[int, str]] = {}  # end token -> (start, phrase) for titles
        group_at: dict[int, tuple[int, str]] = {}  # start token -> (end, phrase) for group nouns
        for match_id, s, e in self.office_matcher(doc):
            label = doc.vocab.strings[match_id]
            phrase = doc[s:e].text.lower()
            if label == "TITLE":
                if s in kb_spans:
                    continue
                old = titles.get(e)
                if old is None or s < old[0]:
                    titles[e] = (s, phrase)
                if e + 1 < n and doc[e].lower_ == "of" and doc[e + 1].is_title and e + 1 not in kb_spans \
                        and phrase in _OF_TITLES:
                    stop = e + 1
                    while stop < n and (doc[stop].is_title or doc[stop].lower_ == "and") and stop - e < 5 \
                            and stop not in kb_spans:
                        stop += 1
                    while doc[stop - 1].lower_ == "and":
                        stop -= 1
                    if stop < n and ((doc[stop].ent_type_ == "PERSON" and doc[stop].ent_iob_ == "B")
                                     or (stop in kb_spans and kb_spans[stop][1].type == "person")):
                        # "Secretary of Energy Jennifer Granholm": the name starts after the office
                        titles[stop] = (s, phrase)
            else:
                old2 = group_at.get(s)
                if old2 is None or e > old2[0]:
                    group_at[s] = (e, phrase)
        group_end: dict[int, tuple[int, str]] = {e: (s, p) for s, (e, p) in group_at.items()}
        used = [False] * n
        mentions: list[_Mention] = []

        def take(m: _Mention) -> None:
            for i in range(m.start, m.end):
                used[i] = True
            comma = m.extra.get("comma")
            if comma is not None and m.start < comma < m.end - 1:
                # "Malaysia's Prime Minister, Najib Razak": two mentions of one person
                first = _copy(m, m.start, comma)
                first.extra = {}
                m.start = comma + 1
                mentions.append(first)
            mentions.append(m)

        title_starts = {ts: te for te, (ts, _p) in titles.items()}
        title_cover = {i for te, (ts, _p) in titles.items() for i in range(ts, te)}
        ents_person = [ent for ent in doc.ents if ent.label_ == "PERSON" or (
            ent.label_ == "ORG" and ent.start in title_starts and title_starts[ent.start] < ent.end
            and all(_proper(t) for t in doc[title_starts[ent.start]:ent.end]))]
        # 1. people ----------------------------------------------------------------------
        person_spans: list[tuple[int, int, PersonEntry | None]] = []
        for start, (end, entry) in kb_spans.items():
            if entry.type == "person":
                person_spans.append((start, end, entry.person))
        covered = {i for s, e, _ in person_spans for i in range(s, e)}
        for ent in ents_person:
            if any(i in covered for i in range(ent.start, ent.end)):
                continue
            if any(s in kb_spans for s in range(ent.start, ent.end)):
                # knowledge says it is a country/org/demonym ("Tajik" tagged PERSON)
                inner = [kb_spans[s] for s in range(ent.start, ent.end) if s in kb_spans]
                if any(en.type != "person" for _, en in inner):
                    continue
            s, e = _trim(doc, ent.start, ent.end)
            if s >= e or doc[s:e].text.lower() in _NOT_ACTORS:
                continue
            if s > 0 and doc[s - 1].lower_ in LOCATIVE_PREPS:
                continue  # "fighting in Bor": a place the tagger took for a person
            if e - s == 1 and e in group_at and e not in kb_spans:
                continue  # "Riot police", "Karen guerrillas": a modifier of a group noun, not a name
            if doc[s:e].text.isupper():
                entry_up = self._entry(doc[s:e].text.title())
                if entry_up is not None and entry_up.type == "person":
                    person_spans.append((s, e, entry_up.person))
                    continue
                known = next((self.surnames[t.text.title()] for t in reversed(doc[s:e])
                              if t.text.title() in self.surnames), None)
                if known is not None:
                    person_spans.append((s, e, known))
                    continue
                if e - s == 1:
                    continue  # "QUESTION:", a transcript label
            while s < e:
                if doc[s].is_punct or doc[s].lower_ in PREFIX_FILLERS:
                    s += 1
                    continue
                tend = max((te for te, (ts, _p) in titles.items() if ts == s and te < e), default=None)
                if tend is None:
                    break
                s = tend
            while e > s and (doc[e - 1].is_punct or doc[e - 1].text in ("'s", "’s")):
                e -= 1
            if s >= e or not any(_proper(t) for t in doc[s:e]):
                continue
            person_spans.append((s, e, None))
        person_spans.sort()
        for s, e, person in person_spans:
            if any(used[i] for i in range(s, e)):
                continue
            if person is not None and e < n and doc[e].lower_ in ("administration", "government", "cabinet",
                                                                  "regime", "team"):
                # "the Biden administration": the government the person leads
                tenure = person.tenure_on(day)
                code = (tenure.country if tenure else None) or person.country
                begin = s - 1 if s > 0 and doc[s - 1].lower_ == "the" else s
                take(_Mention(start=begin, end=e + 1, key=f"state:{code}:GOV", kind="state",
                              name=doc[s:e + 1].text, country=code, sector="GOV"))
                continue
            m = self._person_mention(doc, s, e, person, day, kb_spans, titles, group_end)
            take(m)
        # 2. states, demonyms, metonyms and their group nouns ------------------------------
        for start in sorted(kb_spans):
            end, entry = kb_spans[start]
            if used[start] or entry.type not in ("country", "demonym", "metonym"):
                continue
            m2 = self._state_mention(doc, start, end, entry, group_at, day, kb_spans)
            if m2 is not None:
                take(m2)
        # 3. organisations from the knowledge files ---------------------------------------
        for start in sorted(kb_spans):
            end, entry = kb_spans[start]
            if used[start] or entry.type != "org" or entry.org is None:
                continue
            take(self._org_mention(doc, start, end, entry.org, group_at))
        # 4. organisations and groups the knowledge lacks ---------------------------------
        person_names = {w for m in mentions if m.kind == "person" for w in (m.name, m.name.split()[-1])}
        for ent in doc.ents:
            if ent.label_ not in ("ORG", "NORP"):
                continue
            if ent.text in person_names:
                continue  # a surname the tagger took for an organisation
            if any(used[i] for i in range(ent.start, ent.end)):
                continue
            prev = _acronym_of(doc, ent, mentions)
            if prev is not None:
                # "the Nigerian Union of Teachers (NUT)": the acronym is the same organisation
                take(_copy(prev, ent.start, ent.end))
                continue
            m3 = self._unknown_org(doc, ent, kb_spans, group_at, title_cover)
            if m3 is not None and not any(used[i] for i in range(m3.start, m3.end)):
                take(m3)
        # 5. the same name again ("Google" tagged once, missed later) -----------------------
        mentions.sort(key=lambda m: m.start)
        for m in mentions:  # officials whose country only the context gives
            if m.kind == "person" and m.country is None and m.kb_id is None and not m.extra.get("igo"):
                sent = doc[m.start].sent
                m.country = _of_country(doc, m.end, kb_spans)  # "King Hassan of Morocco"
                if m.country is None and (m.sector in STATE_SECTORS or (m.sector == "ELI" and m.title)):
                    m.country = _context_country(mentions, m.start, sent.start, sent_end=sent.end)
            elif m.kind == "group" and m.country is None and m.extra.get("norp"):
                # "Shona rebels", "Moslem forces": the country they act in
                m.country = _context_country(mentions, m.start, doc[m.start].sent.start,
                                             sent_end=doc[m.start].sent.end)
        self._ethnic(doc, mentions)
        self._domestic_orgs(doc, mentions)
        self._repeat_names(doc, mentions, used)
        # 6. coreference ------------------------------------------------------------------
        mentions.sort(key=lambda m: m.start)
        self._corefer(doc, mentions, used, group_at, titles, kb_spans)
        return self._actors(doc, mentions)

    # ------------------------------------------------------------------ people
    def _person_mention(
        self,
        doc: Doc,
        s: int,
        e: int,
        person: PersonEntry | None,
        day: _dt.date | None,
        kb_spans: dict[int, tuple[int, _Entry]],
        titles: dict[int, tuple[int, str]],
        group_end: dict[int, tuple[int, str]],
    ) -> _Mention:
        name = doc[s:e].text
        if person is None and e - s == 1 and name in self.surnames:
            person = self.surnames[name]
        title: str | None = None
        title_sector: str | None = None
        aff_country: str | None = None
        aff_sector: str | None = None
        aff_igo = False
        former = False
        comma: int | None = None
        j = s
        sent_start = doc[s].sent.start
        # walk left over titles, fillers and affiliations
        while j > sent_start:
            if j in titles:
                ts, phrase = titles[j]
                office = self.title_offices.get(phrase)
                if title is None or (office and office.rank >= 0):
                    if title is None:
                        title = doc[ts:j].text
                        title_sector = office.sector if office else None
                    else:
                        title = doc[ts:j].text + " " + title
                j = ts
                continue
            tok = doc[j - 1]
            if tok.text == "," and title is None and j - 1 in titles and j == s:
                j -= 1
                comma = j
                continue
            if tok.lower_ in PREFIX_FILLERS:
                former = former or tok.lower_ in ("former", "ex", "late")
                j -= 1
                continue
            k = j - 1 if tok.text in ("'s", "’s") else j
            found = None
            for st in range(max(sent_start, k - 6), k):
                if st in kb_spans and kb_spans[st][0] == k and kb_spans[st][1].type != "person":
                    found = st
                    break
            if found is None and title is not None and aff_country is None and j in group_end:
                gs, gphrase = group_end[j]
                goffice = self.group_offices.get(gphrase)
                if goffice is not None and goffice.sector in STATE_SECTORS and gphrase not in (
                    "officials", "official", "leaders", "leader", "president", "prime minister"
                ):
                    aff_sector = aff_sector or goffice.sector
                    j = gs
                    while j > sent_start and j - 1 not in kb_spans and doc[j - 1].is_title and \
                            doc[j - 1].pos_ in ("PROPN", "NOUN", "ADJ") and gs - j < 2:
                        j -= 1
                    continue
            if found is not None and title is not None:
                entry = kb_spans[found][1]
                if entry.type == "org" and entry.org is not None:
                    aff_country = entry.org.country
                    aff_sector = aff_sector or entry.org.sector
                    aff_igo = entry.org.kind == "igo"
                else:
                    aff_country = entry.code
                    aff_sector = aff_sector or entry.sector
                j = found
                continue
            break
        # apposition: "X, Russia's special envoy," / "X, who is the Kremlin's envoy"
        if (title is None or aff_country is None) and e < len(doc) and doc[e].text == ",":
            k = e + 1
            limit = min(len(doc), e + 14, doc[e].sent.end)
            stop = k
            while stop < limit and doc[stop].text not in (",", ".", ";", "(", ")") and not (
                doc[stop].pos_ == "VERB" and doc[stop].lemma_ not in ("be",) and doc[stop].dep_ != "amod"
            ):
                stop += 1
            if stop < limit and doc[stop].pos_ == "VERB" and doc[stop].dep_ != "amod":
                stop = k  # a clause, not an apposition
            if any(doc[t].ent_type_ == "PERSON" or (t in kb_spans and kb_spans[t][1].type == "person")
                   for t in range(k, stop)):
                stop = k  # a list of people, not an apposition
            for t in range(k, stop):
                if t in kb_spans and kb_spans[t][1].type != "person" and aff_country is None:
                    entry = kb_spans[t][1]
                    if entry.type == "org" and entry.org is not None:
                        aff_country, aff_sector = entry.org.country, entry.org.sector
                        aff_igo = entry.org.kind == "igo"
                    else:
                        aff_country, aff_sector = entry.code, entry.sector
                if title is None and t + 1 in titles and titles[t + 1][0] >= k:
                    for end_t in range(stop, t, -1):
                        if end_t in titles and titles[end_t][0] >= k:
                            ts, phrase = titles[end_t]
                            office = self.title_offices.get(phrase)
                            title = doc[ts:end_t].text
                            title_sector = office.sector if office else None
                            break
        country = aff_country
        sector = title_sector or (aff_sector if aff_sector in STATE_SECTORS or aff_sector in (
            "REB", "PRM", "JRN", "PTY", "OPP") else None)
        kb_id = None
        canonical = _strip_name(name)
        if person is not None:
            kb_id = person.id
            canonical = person.name
            tenure = person.tenure_on(day)
            if tenure is not None:
                if tenure.country is not None or aff_igo:
                    country = tenure.country
                if title is None:
                    title = tenure.title
                    sector = tenure.sector
                elif sector is None:
                    sector = tenure.sector
            else:
                if country is None and not aff_igo:
                    country = person.country
                if title is None and day is not None and any(
                    t.end and t.end < day and t.sector in STATE_SECTORS for t in person.tenures
                ):
                    sector = "ELI"
        if former and title:
            sector = "ELI"
        if title:
            title = _title_case(title)
        if aff_igo:
            country = None
        elif country is None and person is None and title is not None and sector in STATE_SECTORS:
            found_codes = {en.code for st, (_en, en) in kb_spans.items()
                           if doc[s].sent.start <= st < doc[s].sent.end
                           and en.type in ("country", "demonym", "metonym")}
            if len(found_codes) == 1:
                country = found_codes.pop()
        key = f"person:{kb_id}" if kb_id else f"person:{canonical.lower()}"
        return _Mention(start=min(j, s), end=e, key=key, kind="person", name=canonical,
                        country=country, sector=sector, title=title, kb_id=kb_id,
                        extra={"name_start": s, "igo": aff_igo, "comma": comma,
                               "prefix": {t.lower_ for t in doc[min(j, s):s]}})

    # ------------------------------------------------------------------ states and groups
    def _group_chain(self, doc: Doc, k: int, group_at: dict[int, tuple[int, str]]
                     ) -> tuple[int, str | None, str | None, bool] | None:
        """From token k, a noun chain ending in a group noun: (end, sector, head phrase, plural)."""
        sent_end = doc[k].sent.end if k < len(doc) else k
        j = k
        first_sector: str | None = None
        found = False
        head_phrase: str | None = None
        last_end = -1
        while j < sent_end and j - k < 6:
            if j in group_at:
                ge, phrase = group_at[j]
                office = self.group_offices.get(phrase)
                if office is not None:
                    if not found or first_sector is None:
                        first_sector = office.sector
                    elif phrase not in _GENERIC_HEADS and office.sector not in (None, "CVL"):
                        first_sector = office.sector  # "government troops": the head decides
                    found = True
                    head_phrase = phrase
                    last_end = ge
                    j = ge
                    continue
            tok = doc[j]
            if tok.pos_ in ("ADJ", "NOUN") or (tok.pos_ == "PROPN" and tok.is_title) or tok.text == "-":
                if found and tok.pos_ != "ADJ" and tok.pos_ != "PROPN":
                    # a noun after the group noun: "army chief" handled as title; "police station" ends
                    break
                j += 1
                continue
            break
        if not found or last_end < 0:
            return None
        head = doc[last_end - 1]
        of_the = last_end + 2 < sent_end and doc[last_end + 1].lower_ == "the"
        if (head.is_title and last_end + 1 < sent_end and doc[last_end].lower_ == "of"
                and (doc[last_end + 1].is_title or (of_the and doc[last_end + 2].is_title))):
            # "Ministry of Health", "Ministry of Foreign Affairs", "Government of the Philippines"
            stop = last_end + (2 if of_the and not doc[last_end + 1].is_title else 1)
            while stop < sent_end and (doc[stop].is_title or doc[stop].lower_ == "and") and stop - last_end < 6:
                stop += 1
            while doc[stop - 1].lower_ == "and":
                stop -= 1
            last_end = stop
        plural = head.tag_ in ("NNS", "NNPS") or head.lower_ in ("police", "people", "media")
        return last_end, first_sector, head_phrase, plural

    def _state_mention(self, doc: Doc, start: int, end: int, entry: _Entry,
                       group_at: dict[int, tuple[int, str]], day: _dt.date | None,
                       kb_spans: dict[int, tuple[int, _Entry]]) -> _Mention | None:
        code = entry.code
        k = end
        if _against_or_for(doc, start):
            return None  # "anti-Syria journalist", "pro-Russian separatists": not that state's
        if end < len(doc) and doc[end].text.startswith("$"):
            return None  # "US $50 million": a currency
        k = end
        if k + 1 < len(doc) and doc[k].text == "-" and doc[k + 1].lower_ in _BACKED_WORDS:
            if doc[k + 1].lower_ != "led":
                # "Iran-backed militias": the state is a party, the militias are not its own
                return _Mention(start=start, end=end, key=f"state:{code}:None", kind="state",
                                name=self.kb.countries[code].name if code in self.kb.countries else str(code),
                                country=code, sector=None, extra={"adjective": True})
            k += 2  # "Saudi-led coalition", "Vietnamese-led forces": led by that state
        if k < len(doc) and doc[k].text in ("'s", "’s", "'"):
            k += 1
        chain = self._group_chain(doc, k, group_at) if k < len(doc) else None
        cname = self.kb.countries[code].name if code in self.kb.countries else (code or "")
        if chain is not None:
            cend, sector, phrase, plural = chain
            head_phrase = phrase or ""
            singular_person = (not plural) and head_phrase in PERSON_NOUNS
            begin = start
            if start > 0 and doc[start - 1].lower_ == "the":
                begin = start - 1
            text = doc[start:cend].text
            indefinite = start > 0 and doc[start - 1].lower_ in ("a", "an", "another", "former", "ex", "late",
                                                                 "previous", "future", "next", "new")
            if singular_person and code and not indefinite:
                holder = self._holder(code, doc[k:cend].text, day)
                if holder is not None:
                    person, tenure = holder
                    return _Mention(start=begin, end=cend, key=f"person:{person.id}", kind="person",
                                    name=person.name, country=code, sector=tenure.sector,
                                    title=tenure.title, kb_id=person.id)
            if singular_person:
                det = doc[start - 1].lower_ if start > 0 else ""
                kind = "anonymous"
                key = f"anon:{start}"
                if det in ("former", "ex"):
                    sector = "ELI"
                return _Mention(start=begin, end=cend, key=key, kind=kind, name=text, country=code,
                                sector=sector, extra={"definite": det == "the", "noun": head_phrase})
            kind = "state" if sector in STATE_SECTORS else "group"
            key = f"{kind}:{code}:{sector}"
            ethnic = entry.type == "demonym" and kind == "group" and start > 0 and doc[start - 1].lower_ == "ethnic"
            extra: dict[str, Any] = {"ethnic": code} if ethnic else {}
            if k > end:
                extra["led"] = True  # "the US-led coalition": no home country for others nearby
            return _Mention(start=begin, end=cend, key=key, kind=kind, name=text, country=code,
                            sector=sector, plural=True, extra=extra)
        tok = doc[end - 1]
        if entry.type == "country" and start > 0 and doc[start - 1].text in _PLACE_PREFIXES:
            return None  # "New Jersey", "Northern Ireland": another place
        if entry.type == "country":
            return _Mention(start=start, end=end, key=f"state:{code}:None", kind="state",
                            name=cname, country=code, sector=None,
                            extra={"locative": _locative(doc, start)})
        if entry.type == "metonym":
            if _acts(tok) or (end < len(doc) and doc[end].text in ("'s", "’s")):
                return _Mention(start=start, end=end, key=f"state:{code}:{entry.sector}", kind="state",
                                name=doc[start:end].text, country=code, sector=entry.sector)
            return None
        # demonym without group noun: a people ("Afghans", "the Russians") or an adjective
        if tok.tag_ in ("NNS", "NNPS") or (tok.pos_ in ("NOUN", "PROPN") and tok.dep_ != "compound"
                                            and not (end < len(doc) and doc[end].pos_ in ("NOUN", "PROPN"))):
            begin = start - 1 if start > 0 and doc[start - 1].lower_ == "the" else start
            ethnic = start > 0 and doc[start - 1].lower_ in ("ethnic", "ethnically")
            home = _of_country(doc, end, kb_spans, loose=True)
            if home is not None and home != code:
                # "the Albanians of southern Serbia": a people coded by the state they live in
                return _Mention(start=begin, end=end, key=f"group:{home}:{code}", kind="group",
                                name=doc[start:end].text, country=home, sector=None, plural=True)
            return _Mention(start=begin, end=end, key=f"group:{code}:None", kind="group",
                            name=doc[start:end].text, country=code, sector=None, plural=True,
                            extra={"ethnic": code} if ethnic else {})
        # "Bosnian Serbs", "Iraqi Kurds": a people of the first country
        nxt = end
        while nxt < len(doc) and doc[nxt].tag_ in ("NNPS", "NNS") and doc[nxt].is_title and nxt - end < 2:
            nxt += 1
        if nxt > end:
            return _Mention(start=start, end=nxt, key=f"group:{code}:{doc[nxt - 1].lower_}", kind="group",
                            name=doc[start:nxt].text, country=code, sector=None, plural=True)
        # an adjective naming the state as party to something ("Israeli strikes")
        if tok.dep_ in ("amod", "compound") and tok.head.pos_ == "NOUN":
            return _Mention(start=start, end=end, key=f"state:{code}:None", kind="state",
                            name=cname, country=code, sector=None, extra={"adjective": True})
        return None

    def _ethnic(self, doc: Doc, mentions: list[_Mention]) -> None:
        """Ethnic groups ("ethnic Albanians in Macedonia") take the country they live in: the
        first other country named in their sentence (PLOVER codes minorities by their state)."""
        for m in mentions:
            code = m.extra.get("ethnic")
            if not code:
                continue
            sent = doc[m.start].sent
            other = next((o.country for o in mentions if sent.start <= o.start < sent.end and o.kind == "state"
                          and o.sector is None and not o.extra.get("adjective") and o.country
                          and o.country != code), None)
            if other is not None:
                m.country = other
                m.key = f"group:{other}:ethnic:{m.name.lower()}"

    def _domestic_orgs(self, doc: Doc, mentions: list[_Mention]) -> None:
        """Organisations the knowledge lacks ("the opposition newspaper La Prensa") take the
        country of their sentence when the sentence names exactly one country."""
        by_sent: dict[int, set[str]] = {}
        for m in mentions:
            if m.kind in ("organization", "media", "group") and m.country is None \
                    and (m.kb_id is None or m.kind == "media") and not _INTERNATIONAL.search(m.name):
                sent = doc[m.start].sent
                codes = by_sent.get(sent.start)
                if codes is None:
                    codes = {o.country for o in mentions if sent.start <= o.start < sent.end and o.country
                             and o.kind in ("state", "person", "group", "anonymous")}
                    by_sent[sent.start] = codes
                if len(codes) == 1:
                    m.country = next(iter(codes))

    def _holder(self, code: str, phrase: str, day: _dt.date | None) -> tuple[PersonEntry, Any] | None:
        """The one known person holding office ``phrase`` in country ``code`` on ``day``."""
        hits = []
        for person in self.holders.get((code, _norm_title(phrase)), ()):
            tenure = person.tenure_on(day)
            if tenure is not None and tenure.country == code and _norm_title(tenure.title) == _norm_title(phrase):
                hits.append((person, tenure))
        return hits[0] if len(hits) == 1 else None

    # ------------------------------------------------------------------ organisations
    def _org_mention(self, doc: Doc, start: int, end: int, org: OrgEntry,
                     group_at: dict[int, tuple[int, str]]) -> _Mention:
        begin = start - 1 if start > 0 and doc[start - 1].lower_ == "the" else start
        stop = end
        chain = self._group_chain(doc, end, group_at) if end < len(doc) else None
        if chain is not None:
            stop = chain[0]
        key = f"org:{org.id}"
        if org.kind == "state" and org.country and not org.nouns:
            # seats of government ("the Kremlin", "the White House") are the government itself
            key = f"state:{org.country}:{org.sector}"
        return _Mention(start=begin, end=stop, key=key, kind=org.kind, name=org.name,
                        country=org.country, sector=org.sector, kb_id=org.id, nouns=org.nouns,
                        plural=org.kind == "group")

    def _unknown_org(self, doc: Doc, ent: Span, kb_spans: dict[int, tuple[int, _Entry]],
                     group_at: dict[int, tuple[int, str]], title_cover: set[int]) -> _Mention | None:
        s, e = _trim(doc, ent.start, ent.end)
        if s >= e or all(i in title_cover for i in range(s, e)):
            return None  # "State" in "Secretary of State"
        while s < e and (doc[s].lower_ == "the" or doc[s].is_punct):
            s += 1
        while e > s and (doc[e - 1].is_punct or doc[e - 1].text in ("'s", "’s")):
            e -= 1
        if s >= e:
            return None
        text = doc[s:e].text
        if not any(c.isupper() for c in text) or len(text) < 2 or text.lower() in _NOT_ACTORS:
            return None
        if e - s == 1 and (doc[s].lower_ in GENERIC_ORG_NOUNS or doc[s].lower_ in self.group_offices):
            return None  # "the Department": left to coreference
        if doc[e - 1].lower_ in _NOT_ORG_HEADS or text.lower().startswith("dear "):
            return None  # "American Rescue Plan", "Indo-Pacific region": not an actor
        if "-" in text and all(part.strip() in self.forms for part in text.split("-") if part.strip()):
            return None  # "U.S.-Japan": a relation between countries
        if s >= 2 and doc[s - 1].lower_ == "of" and doc[s - 2].lower_ in _OF_TITLES:
            return None  # "Secretary of Energy": part of an office
        if s >= 2 and doc[s - 1].lower_ == "of" and doc[s - 2].lower_ in ("department", "ministry", "office",
                                                                          "bureau", "agency", "council"):
            s -= 2  # "Department of Energy"
            while s > 0 and (doc[s - 1].is_title and not doc[s - 1].is_sent_start):
                s -= 1
            text = doc[s:e].text
        if text.isupper() and (text.title() in self.forms or (e < len(doc) and doc[e].text in ("(", "-", "—"))):
            return None  # a dateline ("KABUL (Reuters) -")
        if s >= 2 and doc[s - 1].lower_ == "of" and doc[s - 2].lower_ in _PLACE_NOUNS:
            return None  # "the border town of Spin Boldak": a place
        country = None
        for t in range(s, e):
            if t in kb_spans and kb_spans[t][1].type in ("country", "demonym", "metonym") \
                    and not _against_or_for(doc, t):
                country = kb_spans[t][1].code
        if country is None and s >= 2 and doc[s - 1].text in ("'s", "’s") and s - 2 in kb_spans:
            entry = kb_spans[s - 2][1]
            if entry.type in ("country", "metonym"):
                country = entry.code
                s = s - 2
        if ent.label_ == "NORP":
            chain = self._group_chain(doc, e, group_at) if e < len(doc) else None
            if chain is not None:
                cend, sector, _phrase, _plural = chain
                kind = "state" if sector in STATE_SECTORS and country else "group"
                return _Mention(start=s, end=cend, key=f"{kind}:{country}:{sector}:{text.lower()}",
                                kind=kind, name=doc[s:cend].text, country=country, sector=sector, plural=True,
                                extra={"norp": True})
            if doc[e - 1].tag_ in ("NNS", "NNPS"):
                return _Mention(start=s, end=e, key=f"group:{text.lower()}", kind="group", name=text,
                                country=country, sector=None, plural=True)
            return None
        kind, sector = "organization", None
        for rx, k, sec in _ORG_KEY_RE:
            if rx.search(text):
                kind, sector = k, sec
                break
        if kind == "state" and country is None:
            kind = "organization"
        begin = s - 1 if s > 0 and doc[s - 1].lower_ == "the" else s
        return _Mention(start=begin, end=e, key=f"org:{text.lower()}", kind=kind, name=text,
                        country=country, sector=sector)

    # ------------------------------------------------------------------ coreference
    def _repeat_names(self, doc: Doc, mentions: list[_Mention], used: list[bool]) -> None:
        """Add unmatched repetitions of a proper-name mention (exact token sequence)."""
        names: dict[str, list[tuple[tuple[str, ...], _Mention]]] = {}
        for m in mentions:
            if m.kind in ("anonymous",) or m.extra.get("adjective"):
                continue
            s = m.extra.get("name_start", m.start)
            while s < m.end and doc[s].lower_ == "the":
                s += 1
            toks = tuple(t.text for t in doc[s:m.end])
            if not toks or not all(_proper(t) or not t.is_alpha for t in doc[s:m.end]):
                continue
            if not doc[m.end - 1].is_alpha and len(toks) == 1:
                continue
            names.setdefault(toks[0], []).append((toks, m))
        if not names:
            return
        added: list[_Mention] = []
        for tok in doc:
            cands = names.get(tok.text)
            if not cands or used[tok.i]:
                continue
            for toks, m in sorted(cands, key=lambda c: -len(c[0])):
                end = tok.i + len(toks)
                if end > len(doc) or any(used[i] for i in range(tok.i, end)):
                    continue
                if tuple(t.text for t in doc[tok.i:end]) != toks:
                    continue
                if len(toks) == 1 and not (tok.pos_ in ("PROPN", "NOUN", "ADJ", "X") or tok.ent_type_):
                    continue  # "Will" the modal is not "Will" the name
                if end < len(doc) and _proper(doc[end]) and doc[end].is_alpha and not doc[end].is_sent_start:
                    break  # part of a longer name
                new = _copy(m, tok.i, end)
                for i in range(tok.i, end):
                    used[i] = True
                added.append(new)
                break
        mentions.extend(added)

    def _corefer(self, doc: Doc, mentions: list[_Mention], used: list[bool],
                 group_at: dict[int, tuple[int, str]], titles: dict[int, tuple[int, str]],
                 kb_spans: dict[int, tuple[int, _Entry]]) -> None:
        starts = [m.start for m in mentions]
        by_surname: dict[str, str] = {}
        person_info: dict[str, _Mention] = {}
        # names first: surnames and first mentions of known people
        for m in mentions:
            if m.kind == "person":
                if m.key in person_info:
                    continue
                person_info[m.key] = m
                parts = m.name.split()
                if len(parts) > 1:
                    by_surname.setdefault(parts[-1], m.key)
        for m in mentions:
            if m.kind == "person" and m.kb_id is None:
                name_tokens = doc[m.extra.get("name_start", m.start):m.end].text.split()
                if len(name_tokens) == 1 and name_tokens[0] in by_surname:
                    target = person_info[by_surname[name_tokens[0]]]
                    if target is not m:  # "Santorum ... Rick Santorum": either order
                        _adopt(m, target)
        # bare surnames the tagger missed ("Haidari did not ...")
        if by_surname:
            for tok in doc:
                if used[tok.i] or tok.text not in by_surname or not _proper(tok):
                    continue
                target = person_info[by_surname[tok.text]]
                if target.start < tok.i:
                    m2 = _copy(target, tok.i, tok.i + 1)
                    used[tok.i] = True
                    idx = bisect.bisect(starts, m2.start)
                    starts.insert(idx, m2.start)
                    mentions.insert(idx, m2)
        # anonymous definite descriptions ("the Russian diplomat")
        for m in mentions:
            if m.kind == "anonymous" and m.extra.get("definite"):
                country, noun = m.country, str(m.extra.get("noun", ""))
                ante = _find_back(mentions, m.start, lambda a, c=country, n=noun: a.kind == "person"
                                  and (a.country == c or a.country is None) and _noun_fits(n, a.title))
                if ante is not None:
                    _adopt(m, ante)
        new: list[_Mention] = []
        genders: dict[str, str] = {}
        for m in mentions:
            if m.kind == "person" and m.key not in genders:
                g = _gender_of(doc, m)
                if g:
                    genders[m.key] = g
        for sent in doc.sents:
            for tok in sent:
                i = tok.i
                if used[i]:
                    continue
                low = tok.lower_
                if low == "the" and i + 1 < sent.end and not used[i + 1]:
                    d = self._description(doc, i, sent.end, mentions, group_at, titles, kb_spans, genders)
                    if d is not None:
                        new.append(d)
                        for t in range(d.start, d.end):
                            used[t] = True
                        idx = bisect.bisect(starts, d.start)
                        starts.insert(idx, d.start)
                        mentions.insert(idx, d)
                    continue
                if i in group_at and tok.pos_ in ("NOUN", "PROPN"):
                    bm = self._bare_group(doc, i, group_at, mentions, kb_spans)
                    if bm is not None:
                        for t in range(bm.start, bm.end):
                            used[t] = True
                        idx = bisect.bisect(starts, bm.start)
                        starts.insert(idx, bm.start)
                        mentions.insert(idx, bm)
                        continue
                if (tok.pos_ == "PRON" and low in ("he", "she", "they", "it") and tok.dep_ in (
                    "nsubj", "nsubjpass"
                )) or low in ("his", "him", "her", "himself", "herself", "their", "them", "its"):
                    pm = self._pronoun(doc, tok, mentions, genders)
                    if pm is not None:
                        used[i] = True
                        idx = bisect.bisect(starts, pm.start)
                        starts.insert(idx, pm.start)
                        mentions.insert(idx, pm)

    def _description(self, doc: Doc, i: int, sent_end: int, mentions: list[_Mention],
                     group_at: dict[int, tuple[int, str]], titles: dict[int, tuple[int, str]],
                     kb_spans: dict[int, tuple[int, _Entry]], genders: dict[str, str]) -> _Mention | None:
        """Resolve "the <adj>* <noun>" to an earlier actor; None when it is not one."""
        j = i + 1
        while j < sent_end and j - i < 4 and doc[j].pos_ == "ADJ":
            j += 1
        if j >= sent_end:
            return None
        # longest title/group/org-noun phrase starting at j
        head_end = j + 1
        phrase = doc[j].lower_
        if j in group_at:
            head_end, phrase = group_at[j]
        for e in range(min(sent_end, j + 4), j, -1):
            if e in titles and titles[e][0] == j:
                head_end, phrase = e, titles[e][1]
                break
        if head_end < sent_end and doc[head_end].pos_ in ("NOUN", "PROPN") and doc[head_end].dep_ != "appos":
            return None  # "the group leader": the noun phrase continues
        full = doc[i + 1:head_end].text.lower()
        noun = phrase if phrase in self.group_offices or phrase in self.title_offices else doc[head_end - 1].lower_
        # organisations' own descriptions ("the Islamist group", "the alliance")
        cands = {full, noun, doc[j:head_end].text.lower()}
        org_ids = {o.id for c in cands for o in self.org_nouns.get(c, ())}
        if org_ids:
            ante = _find_back(mentions, i, lambda a: a.kb_id in org_ids, window=None)
            if ante is not None:
                return _copy(ante, i, head_end)
        if noun in ("country", "nation", "kingdom", "republic") and head_end - j == 1 \
                and doc[head_end - 1].tag_ == "NN":
            # "the country" -> the state mentioned last
            ante = _find_back(mentions, i, lambda a: a.kind == "state" and a.sector is None
                              and a.country is not None, window=100)
            if ante is not None:
                return _copy(ante, i, head_end)
            return None
        if noun in GENERIC_ORG_NOUNS:
            ante = _find_back(mentions, i, lambda a: a.kind in ("organization", "group", "igo", "media")
                              and (noun not in ("ministry", "department") or "inistr" in a.name
                                   or "epartment" in a.name), window=120)
            if ante is None and noun in ("ministry", "department"):
                ante = _find_back(mentions, i, lambda a: a.kind == "state" and a.sector in ("GOV", "MIL"),
                                  window=60)
            if ante is not None:
                return _copy(ante, i, head_end)
            return None
        office_t = self.title_offices.get(phrase)
        if office_t is not None and head_end - 1 < len(doc) and doc[head_end - 1].tag_ not in ("NNS",):
            of_code = _of_country(doc, head_end, kb_spans)
            ante = _find_back(mentions, i, lambda a: a.kind == "person" and _noun_fits(phrase, a.title)
                              and (of_code is None or a.country == of_code), window=None)
            if ante is not None:
                return _copy(ante, i, head_end)
            if of_code is not None:
                # "the president of Armenia": that country's office holder, named or not
                holder = self._holder(of_code, phrase, published_date(doc))
                if holder is not None:
                    person, tenure = holder
                    return _Mention(start=i, end=head_end, key=f"person:{person.id}", kind="person",
                                    name=person.name, country=of_code, sector=tenure.sector,
                                    title=tenure.title, kb_id=person.id)
                return _Mention(start=i, end=head_end, key=f"anon:{of_code}:{phrase}", kind="anonymous",
                                name=doc[i + 1:head_end].text + " of " + (
                                    self.kb.countries[of_code].name if of_code in self.kb.countries else of_code),
                                country=of_code, sector=office_t.sector, title=_title_case(phrase))
            return None
        office_g = self.group_offices.get(phrase)
        if phrase in ("leaders", "leader", "leadership", "officials", "official"):
            office_g = None  # "the leaders" of a summit are seldom one country
        if office_g is not None and office_g.sector in STATE_SECTORS and doc[head_end - 1].tag_ != "NN" \
                or (office_g is not None and phrase in ("army", "military", "government", "police", "navy",
                                                        "air force", "cabinet", "parliament", "judiciary",
                                                        "administration", "regime")):
            assert office_g is not None
            if noun in PERSON_NOUNS:
                return None
            country = _of_country(doc, head_end, kb_spans) or _context_country(
                mentions, i, doc[i].sent.start, sent_end=doc[i].sent.end)
            sector = office_g.sector
            key = f"state:{country}:{sector}"
            name = doc[i:head_end].text
            return _Mention(start=i, end=head_end, key=key, kind="state", name=name, country=country,
                            sector=sector, plural=True)
        if head_end - j == 1 and doc[j].tag_ == "NN" and doc[j].pos_ == "NOUN":
            # "the student" after "Texas student Ahmed Mohamed"; "the woman" -> the last woman
            gender = "m" if noun in _MALE_WORDS else "f" if noun in _FEMALE_WORDS else None
            if gender is None:
                ante = _find_back(mentions, i, lambda a: a.kind == "person" and noun in a.extra.get("prefix", ()),
                                  window=150)
            else:
                ante = _find_back(mentions, i, lambda a: a.kind == "person" and (
                    genders.get(a.key, gender) == gender), window=40)
            if ante is not None:
                return _copy(ante, i, head_end)
        return None

    def _bare_group(self, doc: Doc, i: int, group_at: dict[int, tuple[int, str]],
                    mentions: list[_Mention], kb_spans: dict[int, tuple[int, _Entry]]) -> _Mention | None:
        """ "government troops", "police" with no country word: the country of the context."""
        end, phrase = group_at[i]
        possessive = i > 0 and doc[i - 1].lower_ in ("its", "their")
        if phrase not in _BARE_COLLECTIVES and phrase not in _BARE_GROUPS and phrase != "government" \
                and phrase not in _MODIFIER_GROUPS and not possessive:
            return None
        chain = self._group_chain(doc, i, group_at)
        if chain is None:
            return None
        end, sector, head_phrase, _plural = chain
        modifier = (head_phrase in _MODIFIER_GROUPS and end < len(doc) and doc[end - 1].dep_ in ("compound", "amod")
                    and doc[end - 1].head.i >= end and doc[end].pos_ == "NOUN"
                    and doc[end - 1].head.lemma_.lower() not in PERSON_NOUNS
                    and doc[end - 1].head.lower_ not in self.title_offices)
        if (head_phrase in _BARE_GROUPS or modifier) and not possessive:
            if i > 0 and doc[i - 1].lower_ in _NOT_BARE_DETS:
                return None
            begin = i
            while begin > 0 and begin > i - 2 and doc[begin - 1].pos_ == "PROPN" and doc[begin - 1].is_title \
                    and not doc[begin - 1].is_sent_start \
                    and begin - 1 not in kb_spans and not any(m.start <= begin - 1 < m.end for m in mentions):
                begin -= 1  # "Shona rebels", "Karen guerrillas": a named group of unknown country
            if begin > 0 and doc[begin - 1].pos_ == "PROPN" and begin == i:
                return None  # part of a longer name the knowledge or NER did not take
            if end < len(doc) and doc[end].pos_ in ("NOUN", "PROPN") and doc[end].dep_ == "compound" \
                    and not modifier:
                return None  # "opposition newspaper", "student union"; but "rebel positions" are the rebels'

            inner = [kb_spans[t][1].code for t in range(begin, end)
                     if t in kb_spans and kb_spans[t][1].type in ("country", "demonym")]
            country = inner[0] if inner else (
                _of_country(doc, end, kb_spans, loose=True)
                or _context_country(mentions, i, doc[i].sent.start, sent_end=doc[i].sent.end))
            name = doc[begin:end].text
            key = f"group:{country}:{sector}" if begin == i else f"group:{name.lower()}"
            begin = begin - 1 if begin > 0 and doc[begin - 1].lower_ == "the" else begin
            return _Mention(start=begin, end=end, key=key, kind="group",
                            name=name, country=country, sector=sector, plural=True,
                            extra={"context_country": not inner})
        owner = self._of_owner(doc, end, mentions, sector)
        if owner is not None and not possessive:
            owner.start = i - 1 if i > 0 and doc[i - 1].lower_ == "the" else i
            owner.end = end
            return owner
        if head_phrase == "forces" and end - i > 1 and not possessive:
            head_phrase = "security forces"  # "government forces", "Syrian regime forces"
        headline_case = doc[end - 1].pos_ == "PROPN" and end - i == 1 and (i == 0 or doc[i - 1].is_punct)
        if (doc[end - 1].pos_ != "NOUN" and not headline_case) or (
                head_phrase not in _BARE_COLLECTIVES and not possessive):
            return None
        if possessive and (sector not in STATE_SECTORS and sector != "REB"):
            return None
        if end < len(doc) and doc[end].pos_ in ("NOUN", "PROPN") and doc[end].dep_ == "compound":
            return None  # "police station", "army base"
        if i > 0:
            prev = doc[i - 1]
            if prev.lower_ in ("its", "their"):
                # "Russia said its forces ...", "the Taliban and their fighters"
                ante = _find_back(mentions, i - 1, lambda a: a.kind in ("state", "organization", "group", "igo")
                                  and not a.extra.get("adjective"), window=40)
                if ante is None:
                    return None
                if ante.kind == "state" and ante.country:
                    return _Mention(start=i, end=end, key=f"state:{ante.country}:{sector}", kind="state",
                                    name=doc[i:end].text, country=ante.country, sector=sector, plural=True)
                return _copy(ante, i, end)
            if prev.lower_ in _NOT_BARE_DETS or prev.pos_ == "PROPN" or prev.tag_ == "PRP$" or (
                    prev.pos_ == "NUM" and head_phrase not in _VICTIM_COLLECTIVES):
                return None
        inner = [kb_spans[t][1].code for t in range(i, end)
                 if t in kb_spans and kb_spans[t][1].type in ("country", "demonym", "metonym")]
        # "drills ... with about 1,500 troops": a counted force in a "with" phrase is the strength of
        # someone's operation; the nearest country in the sentence says nothing about whose
        strength = (i > 0 and doc[i - 1].pos_ == "NUM" and doc[end - 1].dep_ == "pobj"
                    and doc[end - 1].head.lower_ == "with")
        country = (inner[0] if inner else _of_country(doc, end, kb_spans)
                   or (None if strength else
                       _context_country(mentions, i, doc[i].sent.start, sent_end=doc[i].sent.end)))
        begin = i - 1 if i > 0 and doc[i - 1].lower_ == "the" else i
        return _Mention(start=begin, end=end, key=f"state:{country}:{sector}", kind="state",
                        name=doc[i:end].text, country=country, sector=sector, plural=True)

    def _of_owner(self, doc: Doc, k: int, mentions: list[_Mention], sector: str | None) -> _Mention | None:
        """ "officials from the SCO", "troops of Chad": the actor they belong to, else None."""
        if k + 1 >= len(doc) or doc[k].lower_ not in ("from", "of"):
            return None
        t = k + 1
        if doc[t].lower_ == "the" and t + 1 < len(doc):
            t += 1
        for m in mentions:
            if m.start in (t, t - 1) and m.end > t and not m.extra.get("coref"):
                if m.kind == "state" and m.country:
                    return _Mention(start=0, end=0, key=f"state:{m.country}:{sector}", kind="state",
                                    name=f"{m.name} {doc[k - 1].text}", country=m.country, sector=sector,
                                    plural=True)
                if m.kind in ("organization", "igo", "group", "media"):
                    return _copy(m, 0, 0)
        return None

    def _pronoun(self, doc: Doc, tok: Token, mentions: list[_Mention], genders: dict[str, str]
                 ) -> _Mention | None:
        low = tok.lower_
        head = tok.head
        speech = head.lemma_ in SPEECH_LEMMAS
        if low in _MALE or low in _FEMALE:
            g = "m" if low in _MALE else "f"
            ante = _find_back(mentions, tok.i, lambda a: a.kind in ("person", "anonymous")
                              and genders.get(a.key, g) == g, window=70)
            if ante is not None:
                genders.setdefault(ante.key, g)
        elif low in ("they", "their", "them"):
            ante = _find_back(mentions, tok.i, lambda a: a.plural or a.kind in ("group", "igo"),
                              window=50 if speech else 30)
        else:
            if not speech and low == "it" and head.lemma_ in _EXPLETIVE_HEADS:
                return None  # "it is expected that ...", "it seems"
            ante = _find_back(mentions, tok.i, lambda a: a.kind in ("organization", "igo", "media", "state", "group")
                              and (not a.plural or a.kb_id is not None), window=50 if speech else 20)
        if ante is None:
            return None
        return _copy(ante, tok.i, tok.i + 1)

    # ------------------------------------------------------------------ output
    def _actors(self, doc: Doc, mentions: list[_Mention]) -> list[dict[str, Any]]:
        groups: dict[str, list[_Mention]] = {}
        for m in sorted(mentions, key=lambda m: m.start):
            groups.setdefault(m.key, []).append(m)
        out: list[dict[str, Any]] = []
        for n, (key, ms) in enumerate(groups.items(), start=1):
            first = ms[0]
            best = max(ms, key=lambda m: (m.kb_id is not None, m.title is not None, m.country is not None,
                                          len(m.name)))
            title = next((m.title for m in ms if m.title), None)
            country = best.country or next((m.country for m in ms if m.country), None)
            sector = best.sector or next((m.sector for m in ms if m.sector), None)
            kind = first.kind
            if kind == "person" and best.kb_id is None:
                name = max((m.name for m in ms if m.kind == "person"), key=len, default=first.name)
            else:
                name = best.name
            if kind in ("state", "group") and best.kb_id is None and name.islower():
                # "forces", "government troops": name them after their country
                named = [m.name for m in ms if not m.name.islower()]
                if named:
                    name = max(named, key=len)
                elif country and country in self.kb.countries:
                    name = f"{self.kb.countries[country].name} {_strip_det(name)}"
            kb_id = best.kb_id
            if kb_id is None and key == f"state:{country}:None" and country in self.kb.countries:
                kb_id = country  # the country's key in countries.yaml
            spans = sorted({(doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1].text)) for m in ms})
            out.append({
                "id": f"a{n}",
                "name": _strip_det(name),
                "kind": kind,
                "country": country if country and re.fullmatch(r"[A-Z]{3}", country) else None,
                "sector": sector,
                "title": title,
                "kb_id": kb_id,
                "mentions": [list(s) for s in spans],
            })
        return out


# ---------------------------------------------------------------------- helpers
def _trim(doc: Doc, s: int, e: int) -> tuple[int, int]:
    """Drop leading "the", punctuation and whitespace; stop at a line break."""
    while s < e and (doc[s].lower_ == "the" or doc[s].is_punct or doc[s].is_space):
        s += 1
    for i in range(s, e):
        if "\n" in doc[i].text or "\n" in doc[i].whitespace_:
            e = i if "\n" in doc[i].text else i + 1
            break
    while e > s and (doc[e - 1].is_punct or doc[e - 1].is_space or doc[e - 1].text in ("'s", "’s")):
        e -= 1
    return s, e


def _longest(spans: list[Span]) -> list[Span]:
    spans = sorted(spans, key=lambda s: (-(s.end - s.start), s.start))
    taken: set[int] = set()
    out = []
    for s in spans:
        if any(i in taken for i in range(s.start, s.end)):
            continue
        out.append(s)
        taken.update(range(s.start, s.end))
    return sorted(out, key=lambda s: s.start)


def _proper(tok: Token) -> bool:
    return tok.pos_ == "PROPN" or (tok.is_title and not tok.is_sent_start) or tok.ent_type_ == "PERSON"


def _acts(tok: Token) -> bool:
    """A capital stands for its government when it is the subject or agent of a verb."""
    t = tok
    while t.dep_ == "conj" and t.head is not t:
        t = t.head
    if t.dep_ in ("nsubj", "nsubjpass", "poss"):
        return t.head.lemma_ not in ("lie", "fall", "host", "sit", "locate")
    return t.dep_ == "pobj" and t.head.lower_ == "by"


def _against_or_for(doc: Doc, start: int) -> bool:
    """Whether a country word is prefixed "anti-"/"pro-" ("pro-Russian"): a stance, not a country."""
    return start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ in ("anti", "pro", "non")


def _acronym_of(doc: Doc, ent: Span, mentions: list[_Mention]) -> _Mention | None:
    """The organisation an all-capitals name in brackets right after it abbreviates, else None."""
    s, e = ent.start, ent.end
    if e - s != 1 or not doc[s].text.isupper() or len(doc[s].text) < 2 or s < 2 or doc[s - 1].text != "(" \
            or e >= len(doc) or doc[e].text != ")":
        return None
    for m in reversed(mentions):
        if m.end == s - 1 and m.kind in ("organization", "group", "igo", "media", "state") \
                and not m.extra.get("adjective") and m.kind != "person":
            return m
    return None


def _locative(doc: Doc, start: int) -> bool:
    return start > 0 and doc[start - 1].lower_ in LOCATIVE_PREPS


def _of_country(doc: Doc, k: int, kb_spans: dict[int, tuple[int, _Entry]], loose: bool = False) -> str | None:
    """The country in "... of (the) <country>" starting at token k, else None.

    ``loose`` also reads "in <country>" and a compass adjective ("of southern Serbia").
    """
    if k >= len(doc) or doc[k].lower_ not in (("of", "in") if loose else ("of",)):
        return None
    k += 1
    if k < len(doc) and doc[k].lower_ == "the":
        k += 1
    if loose and k < len(doc) and doc[k].lower_ in _COMPASS:
        k += 1
    entry = kb_spans.get(k)
    if entry is not None and entry[1].type in ("country", "metonym"):
        if entry[0] < len(doc) and doc[entry[0]].text in ("'s", "’s"):
            return None  # "the chief of Israel's militia": the country owns another noun
        return entry[1].code
    return None


_INTERNATIONAL = re.compile(r"\b(?:International|World|Global|United Nations|Human Rights|Red Cross|Red Crescent|"
                            r"Amnesty|Without Borders|Watch|Reuters|Associated Press|AFP|Agence|Islamic State|"
                            r"al[- ]Qaeda|Foundation|Wikinews)\b", re.IGNORECASE)
_COMPASS = {"northern", "southern", "eastern", "western", "central", "northeastern", "northwestern",
            "southeastern", "southwestern", "north", "south", "east", "west"}


def _context_country(mentions: list[_Mention], pos: int, sent_start: int, window: int = 150,
                     sent_end: int | None = None) -> str | None:
    """The country the context gives a mention without one.

    The nearest preceding country in the same sentence; else the country mentioned most often
    before (within ``window`` tokens; ties go to the most recent); else, when ``sent_end`` is
    given, the first country later in the same sentence.
    """
    counts: dict[str, int] = {}
    latest: dict[str, int] = {}
    for m in mentions:
        if m.start >= pos:
            if sent_end is not None and not counts and m.start < sent_end and m.country is not None \
                    and m.kind in ("state", "person", "group", "anonymous") and not m.extra.get("adjective") \
                    and not m.extra.get("led"):
                return m.country
            if sent_end is None or m.start >= sent_end:
                break
            continue
        if m.country is None or m.kind not in ("state", "person", "group", "anonymous"):
            continue
        if m.start >= sent_start:
            return _context_nearest(mentions, pos)
        if pos - m.start <= window:
            counts[m.country] = counts.get(m.country, 0) + 1
            latest[m.country] = m.start
    if not counts:
        return None
    return max(counts, key=lambda c: (counts[c], latest[c]))


def _context_nearest(mentions: list[_Mention], pos: int) -> str | None:
    ctx = _find_back(mentions, pos, lambda a: a.country is not None
                     and a.kind in ("state", "person", "group", "anonymous"), window=None)
    return ctx.country if ctx is not None else None


def _find_back(mentions: list[_Mention], pos: int, pred: Any, window: int | None = 60) -> _Mention | None:
    for m in reversed(mentions):
        if m.start >= pos:
            continue
        if window is not None and pos - m.start > window:
            return None
        if pred(m):
            return m
    return None


def _copy(src: _Mention, start: int, end: int) -> _Mention:
    return _Mention(start=start, end=end, key=src.key, kind=src.kind, name=src.name, country=src.country,
                    sector=src.sector, title=None, kb_id=src.kb_id, nouns=src.nouns, plural=src.plural,
                    extra={"coref": True})


def _adopt(m: _Mention, target: _Mention) -> None:
    m.key, m.kind, m.name = target.key, target.kind, target.name
    m.country = m.country or target.country
    m.sector = m.sector or target.sector
    m.kb_id = target.kb_id


_MALE = {"he", "his", "him", "himself"}
_FEMALE = {"she", "her", "hers", "herself"}
_MALE_WORDS = {"mr", "mr.", "king", "prince", "sultan", "emir", "spokesman", "congressman", "chairman",
               "businessman", "sheikh", "pope", "father", "son", "brother", "husband", "boy", "man"}
_FEMALE_WORDS = {"mrs", "mrs.", "ms", "ms.", "queen", "princess", "spokeswoman", "congresswoman",
                 "chairwoman", "businesswoman", "mother", "daughter", "sister", "wife", "girl", "woman",
                 "madam", "lady"}


def _gender_of(doc: Doc, m: _Mention) -> str | None:
    """Gender evident from the words of a person mention or its title, else None."""
    words = {t.lower_ for t in doc[max(0, m.start - 1):m.end]}
    if m.title:
        words.update(m.title.lower().split())
    if words & _FEMALE_WORDS:
        return "f"
    if words & _MALE_WORDS:
        return "m"
    return None


def _norm_title(title: str) -> str:
    t = title.lower().replace("defence", "defense").replace("-", " ")
    return {"foreign affairs minister": "foreign minister", "minister of foreign affairs": "foreign minister",
            "minister of defense": "defense minister", "premier": "prime minister"}.get(t, t)


def _noun_fits(noun: str, title: str | None) -> bool:
    if noun in GENERIC_PERSON_NOUNS or not noun:
        return True
    if title is None:
        return False
    t = title.lower()
    if noun == "diplomat":
        return any(w in t for w in ("minister", "envoy", "ambassador", "secretary", "diplomat"))
    return noun in t


_SMALL = {"of", "the", "for", "and", "on", "to", "in"}


def _title_case(title: str) -> str:
    words = title.split()
    return " ".join(w if (w.lower() in _SMALL and i) or any(c.isupper() for c in w[1:]) or "." in w
                    else w[:1].upper() + w[1:] for i, w in enumerate(words))


def _strip_name(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip(" ,.'\"")


def _strip_det(name: str) -> str:
    return name[4:] if name.lower().startswith("the ") else name


@Language.factory("newswire_actors", default_config={"kb_files": []})
def make_actors(nlp: Language, name: str, kb_files: list[str]) -> ActorsComponent:
    """spaCy factory: ``nlp.add_pipe("newswire_actors", config={"kb_files": [...]})``."""
    return ActorsComponent(nlp, name, kb_files=kb_files)
