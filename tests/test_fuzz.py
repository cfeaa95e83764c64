"""Property-based tests (hypothesis) for the readers, the time normaliser and the record serialiser.

* readers: any bytes as any kind of input file, or as stdin, give only Articles or Rejecteds;
* timex: any text and publication date give expressions whose offsets lie inside the text and
  whose values are well formed;
* records: ``newswire.analyze`` of generated news-like text gives a record that validates
  against the JSON Schema, survives a JSON round trip unchanged, and whose spans are the text.

Budgets are small by default (the file runs in well under a minute). ``NEWSWIRE_FUZZ=long``
selects the ``stress`` profile: many more examples, and the failing ones kept in the
``.hypothesis`` example database.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

import newswire
from newswire import timex
from newswire.article import MAX_FUTURE_DAYS, MIN_YEAR, Article, check_date, publication_date
from newswire.ingest import Rejected, iter_inputs
from newswire.ingest.readers import EXTENSIONS, ReadOptions, read_stdin
from newswire.language import detect_language
from newswire.record import Record, Time, json_schema

LONG = os.environ.get("NEWSWIRE_FUZZ") == "long"
_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]
settings.register_profile("stress", max_examples=3000, deadline=None, suppress_health_check=_QUIET)


def budget(n: int) -> settings:
    """``n`` examples by default; the ``stress`` profile (x50) under NEWSWIRE_FUZZ=long."""
    if LONG:
        stress = settings.get_profile("stress")
        return settings(stress, max_examples=max(stress.max_examples, n * 50))
    return settings(max_examples=n, deadline=None, suppress_health_check=_QUIET, database=None)


# -- generators ------------------------------------------------------------------------------------

_WORDS = (
    "the president minister army police rebels protesters government talks ceasefire sanctions "
    "said announced accused rejected met signed attacked arrested killed deployed warned agreed "
    "on in at from to between and after before since until of with by for against "
    "Monday Tuesday Friday July March 20 2021 1990s yesterday tomorrow last next week year month "
    "ago three five dozens hundreds of Kabul Moscow Nairobi Lima Kenya Russia Ukraine NATO UN EU "
    "Putin Zelensky Biden Reuters AFP 'we' \"will\" fight , . ; : - — ( ) ' \" “ ” ‘ ’ ? ! % $ 10:00 "
    "a.m. p.m. GMT Q3 quarter century decade spring weekend mid-2020 2021-07-20 12/10/2021 Sept. "
    "0000-00-00 2021-02-31 99/99/9999 9999 10000 -5 1e9 ½ № ١٢ 北京 Москва café naïve"
)
WORDS = _WORDS.split()
_DATES = (
    "2021-07-20|July 20, 2021|20 Jul 2021|Mon, 19 Jul 2021 10:00:00 GMT|2021-07-20T23:30:00-05:00|"
    "0000-00-00|2021-02-31|99/99/9999|0001-01-01|9999-12-31|July 2021|Tuesday|yesterday||  |2021-7-5"
)
DATES_TEXT = _DATES.split("|")

words_text = st.lists(st.sampled_from(WORDS), min_size=0, max_size=60).map(" ".join)
news_text = st.one_of(
    words_text,
    st.text(max_size=300),
    st.tuples(words_text, st.text(max_size=40), words_text).map(" ".join),
)
json_scalar = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=40),
    st.sampled_from(DATES_TEXT),
)  # fmt: skip
json_value = st.recursive(
    json_scalar,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
article_object = st.fixed_dictionaries(
    {},
    optional={
        "id": json_scalar,
        "text": st.one_of(news_text, json_value),
        "html": st.one_of(st.text(max_size=200), json_value),
        "title": json_scalar,
        "published": st.one_of(st.sampled_from(DATES_TEXT), json_scalar),
        "url": json_scalar,
        "source": json_scalar,
        "language": st.one_of(st.sampled_from(["en", "fr", "EN-us", "English", "zz", "", "klingon!"]), json_scalar),
    },
)
TAGS = ["p", "div", "span", "b", "article", "script", "style", "br", "nav", "html", "body", "title", "!--", "?xml"]


@st.composite
def html_docs(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 30))):
        tag = draw(st.sampled_from(TAGS))
        kind = draw(st.integers(0, 3))
        if kind == 0:
            parts.append(f"<{tag}>")
        elif kind == 1:
            parts.append(f"</{tag}>")
        elif kind == 2:
            parts.append(draw(words_text))
        else:
            parts.append(f'<{tag} lang="{draw(st.sampled_from(["en", "de", "x"]))}">')
    depth = draw(st.sampled_from([0, 0, 0, 300]))
    return "<html><body>" + "<div>" * depth + "".join(parts) + "</body></html>"


@st.composite
def feeds(draw: st.DrawFn) -> str:
    items = []
    for _ in range(draw(st.integers(0, 3))):
        date = draw(st.sampled_from(DATES_TEXT))
        body = draw(st.one_of(words_text, html_docs(), st.text(max_size=80)))
        wrap = draw(st.sampled_from(["cdata", "escaped", "raw"]))
        if wrap == "cdata":
            body = f"<![CDATA[{body.replace(']]>', '')}]]>"
        elif wrap == "escaped":
            body = body.replace("&", "&amp;").replace("<", "&lt;")
        items.append(f"<item><title>{draw(words_text)}</title><pubDate>{date}</pubDate><description>{body}"
                     "</description></item>")  # fmt: skip
    head = draw(st.sampled_from(['<?xml version="1.0"?>', "", '<?xml version="1.0" encoding="utf-16"?>']))
    doctype = draw(st.sampled_from(["", '<!DOCTYPE rss [<!ENTITY a "b">]>', "<!-- c -->"]))
    tail = draw(st.sampled_from(["</channel></rss>", "</channel>", ""]))
    return f'{head}{doctype}<rss version="2.0"><channel><title>W</title>{"".join(items)}{tail}'


@st.composite
def markdown_docs(draw: st.DrawFn) -> str:
    front = draw(
        st.lists(
            st.one_of(
                st.tuples(st.sampled_from(["title", "date", "lang", "id", "url", "x"]), st.sampled_from(DATES_TEXT + WORDS))
                .map(lambda kv: f"{kv[0]}: {kv[1]}"),
                st.text(max_size=30),
            ),
            max_size=5,
        )
    )  # fmt: skip
    closed = draw(st.booleans())
    return "---\n" + "\n".join(front) + ("\n---\n" if closed else "\n") + draw(news_text)


def encode(text: str, enc: str) -> bytes:
    return text.encode(enc, "replace") if enc != "utf-8" else text.encode("utf-8", "surrogatepass")


ENCODINGS = st.sampled_from(["utf-8", "utf-8", "utf-16", "utf-16-le", "cp1252", "latin-1", "utf-32"])
any_input = st.one_of(
    st.binary(max_size=600),
    st.tuples(news_text, ENCODINGS).map(lambda t: encode(*t)),
    st.tuples(html_docs(), ENCODINGS).map(lambda t: encode(*t)),
    feeds().map(lambda s: s.encode("utf-16") if 'encoding="utf-16"' in s else s.encode()),
    markdown_docs().map(lambda s: encode(s, "utf-8")),
    article_object.map(lambda o: json.dumps(o).encode()),
    st.lists(st.one_of(article_object.map(json.dumps), st.text(max_size=40)), max_size=4).map(
        lambda lines: "\n".join(lines).encode("utf-8", "surrogatepass")
    ),
)

DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def check_item(item: object, *, may_be_anything: bool = False) -> None:
    """An item from the readers: an Article with usable text and metadata, or a Rejected with a reason."""
    assert isinstance(item, Article | Rejected), type(item)
    if isinstance(item, Rejected):
        assert item.origin and item.reason and isinstance(item.reason, str)
        return
    assert item.text.strip()
    item.text.encode("utf-8")  # no lone surrogates
    for value in (item.id, item.title, item.url, item.source):
        assert value is None or (isinstance(value, str) and "\x00" not in value)
        if value is not None:
            value.encode("utf-8")
    assert item.published is None or DATE_RE.match(item.published), item.published
    assert item.language is None or re.fullmatch(r"[a-z]{2,3}", item.language), item.language
    assert all(isinstance(w, str) for w in item.warnings)


# -- (a) readers -----------------------------------------------------------------------------------


@budget(150)
@given(data=any_input, ext=st.sampled_from(sorted(EXTENSIONS) + [""]))
@example(data=b"\xef\xbb\xbf", ext=".txt")
@example(data=b"\xff\xfe", ext=".txt")
@example(data=b"[" * 5000, ext=".json")
@example(data=b"---\ndate: 2021-02-31\n---\nTroops", ext=".md")
@example(data=b"<rss><channel><item><description>" + b"<div>" * 400, ext=".rss")
def test_readers_never_raise(tmp_path_factory: pytest.TempPathFactory, data: bytes, ext: str) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / f"input{ext}"
    path.write_bytes(data)
    for kw in ({}, {"detect_language": detect_language}):
        for item in iter_inputs([str(path)], **kw):  # type: ignore[arg-type]
            check_item(item)


@budget(80)
@given(data=any_input, as_text=st.booleans())
@example(data=b'{"text": "a"}\n' + b"{" * 3000, as_text=False)
@example(data=b"\n\n{\n", as_text=True)
def test_stdin_never_raises(data: bytes, as_text: bool) -> None:
    stream: io.TextIOBase
    if as_text:
        stream = io.StringIO(data.decode("utf-8", "replace"))
    else:
        stream = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    for item in read_stdin(stream, ReadOptions(detect_language=detect_language, max_bytes=2_000)):
        check_item(item)


@budget(200)
@given(value=st.one_of(st.sampled_from(DATES_TEXT), st.text(max_size=40), json_value, st.dates(), st.datetimes()))
def test_dates_never_raise(value: object) -> None:
    date, problem = check_date(value)
    assert (date is None) or (DATE_RE.match(date) and problem is None)
    if date is not None:
        assert int(date[:4]) >= MIN_YEAR
    pub, warning = publication_date(value)
    if pub is not None:
        assert dt.date.fromisoformat(pub) <= dt.date.today() + dt.timedelta(days=MAX_FUTURE_DAYS)
    assert (pub is None) == (warning is not None) or value in (None, "") or (isinstance(value, str) and not value.strip())


@budget(100)
@given(text=st.one_of(news_text, st.text(max_size=4000)))
def test_language_detector_never_raises(text: str) -> None:
    code = detect_language(text)
    assert code is None or re.fullmatch(r"[a-z]{2,3}", code)


# -- (b) the time normaliser -----------------------------------------------------------------------

TIMEX_VALUE = re.compile(
    r"""^(?:
        PRESENT_REF|PAST_REF|FUTURE_REF
      | P(?:(?:\d+(?:\.\d+)?|X)(?:[YQMWDL]|DE|CE|ML|WE))*(?:T(?:(?:\d+(?:\.\d+)?|X)[HMS])+)?   # durations (TIMEX3 adds Q, DE, CE, ML, WE)
      | (?P<date>-?(?:\d{1,4}|XXXX)
          (?:-(?:\d{2}|XX|W\d{2}|WXX|Q[1-4]|QX|H[12]|SP|SU|FA|WI)
             (?:-(?:\d{2}|\d|WE|XX))?)?
          (?:T(?:\d{2}(?::\d{2}){0,2}|MO|AF|EV|NI|DT))?)
        (?:/(?P=date)|/-?(?:\d{1,4}|XXXX)(?:-[\dA-Z]{1,3}){0,2}(?:T[\d:A-Z]+)?)?
    )$""",
    re.VERBOSE,
)
_TIME_WORDS = (
    "on Monday last week next year in 2021 the 1990s July 20 20 July 2021 yesterday tomorrow three days "
    "ago for five hours every Thursday Q3 the third quarter 2021-07-20 10:00 p.m. tonight this morning "
    "early 2020 mid-March from June to August between 1 and 5 May the 19th century decades later since "
    "2019 until Friday 5 years 12/10/2021 Sept. 5 spring winter weekend the past two weeks now currently "
    "recently 1 January 0000 February 31 in 9999 year 10000 a year earlier two months later H1 2021-W29"
)
TIME_WORDS = _TIME_WORDS.split()
time_text = st.one_of(
    st.lists(st.sampled_from(TIME_WORDS + WORDS), max_size=40).map(" ".join),
    st.text(max_size=200),
)
#: Publication dates the pipeline can be given: the readers drop years before MIN_YEAR and dates
#: more than MAX_FUTURE_DAYS ahead (so at most about a year after today).
pipeline_anchor = st.one_of(st.none(), st.dates(min_value=dt.date(MIN_YEAR, 1, 1), max_value=dt.date(2100, 12, 31)))
tense = st.sampled_from([None, "past", "present", "future"])


def check_timexes(text: str, found: list[timex.Timex]) -> None:
    last_end = -1
    for t in found:
        assert 0 <= t.start < t.end <= len(text), (t, len(text))
        assert text[t.start : t.end] == t.text
        assert t.start >= last_end, "expressions overlap"
        last_end = t.end
        r = t.resolved
        assert r.type in ("DATE", "TIME", "DURATION", "SET")
        if r.value is not None:
            assert TIMEX_VALUE.match(r.value), r.value
        else:
            assert r.note, t
        if r.first is not None and r.last is not None:
            assert r.first <= r.last, t
        Time.model_validate(timex.to_dict(t))  # the record's shape


@budget(200)
@given(text=time_text, anchor=pipeline_anchor, tense=tense)
@example(text="yesterday", anchor=dt.date(MIN_YEAR, 1, 1), tense=None)
@example(text="next year", anchor=dt.date(2100, 12, 31), tense="future")
@example(text="from June to August 2021", anchor=None, tense=None)
def test_timex_extract(text: str, anchor: dt.date | None, tense: str | None) -> None:
    check_timexes(text, timex.extract(text, anchor, tense))


@budget(100)
@given(text=time_text, anchor=pipeline_anchor, tense=tense)
def test_timex_normalise(text: str, anchor: dt.date | None, tense: str | None) -> None:
    r = timex.normalise(text, anchor, tense)
    assert r is None or r.value is None or TIMEX_VALUE.match(r.value)


@budget(100)
@given(text=time_text, anchor=st.dates(), tense=tense)
@example(text="yesterday", anchor=dt.date(1, 1, 1), tense=None)
@example(text="next year", anchor=dt.date(9999, 12, 31), tense="future")
@example(text="three days ago in the 1990s", anchor=dt.date(1, 1, 2), tense="past")
def test_timex_extract_at_the_ends_of_the_calendar(text: str, anchor: dt.date, tense: str | None) -> None:
    """extract() is public: any date is an anchor, even where the pipeline never gets one (0001, 9999)."""
    check_timexes(text, timex.extract(text, anchor, tense))


# -- (c) records -----------------------------------------------------------------------------------

SENTENCE_PARTS = [
    "Russian President Vladimir Putin met Chinese leader Xi Jinping in Moscow on Tuesday",
    "Police in Nairobi arrested 23 protesters after clashes near parliament",
    '"We will not give up an inch," the minister said',
    "The United Nations accused the army of shelling civilians in Khartoum last week",
    "Ukraine's foreign ministry said talks with Turkey would resume next month",
    "Israel and Hamas agreed to extend the truce by two days, Qatar said",
    "At least 12 people were killed when rebels attacked a village in North Kivu on July 8",
    "the EU imposed sanctions on three Iranian officials",
    "NATO will deploy 4,000 troops to Romania by 2025, officials told Reuters",
    "he said on Friday",
    "according to a statement",
    "“It’s a betrayal,” said opposition leader María López",
]
record_text = st.lists(
    st.one_of(
        st.sampled_from(SENTENCE_PARTS),
        words_text,
        st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=40),
        st.sampled_from(DATES_TEXT),
    ),
    min_size=1,
    max_size=8,
).map(lambda parts: " ".join(parts) + ".")
published = st.one_of(st.none(), st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31)).map(str))


@pytest.fixture(scope="module")
def validator() -> jsonschema.protocols.Validator:
    schema = json_schema()
    return jsonschema.validators.validator_for(schema)(schema)


def check_spans(data: dict) -> None:
    text = data["text"]
    n = len(text)
    for key in ("times", "places", "quotes"):
        for item in data[key]:
            assert 0 <= item["start"] <= item["end"] <= n, (key, item)
    for t in data["times"] + data["places"]:
        assert text[t["start"] : t["end"]] == t["text"], t
    for q in data["quotes"]:
        if q["cue"] is not None:
            c = q["cue"]
            assert 0 <= c["start"] <= c["end"] <= n and text[c["start"] : c["end"]] == c["text"]
    for actor in data["actors"]:
        for start, end in actor["mentions"]:
            assert 0 <= start < end <= n, actor
    for event in data["events"]:
        for span in ("trigger", "evidence"):
            s = event[span]
            assert 0 <= s["start"] <= s["end"] <= n and text[s["start"] : s["end"]] == s["text"], (span, s)
    for event in data["events"]:
        when = event["when"]
        if when and when["start"] and when["end"]:
            assert when["start"] <= when["end"], when
    for t in data["times"]:
        if t["interval"] and t["interval"]["start"] and t["interval"]["end"]:
            assert t["interval"]["start"] <= t["interval"]["end"], t
    ids = {a["id"] for a in data["actors"]}
    for event in data["events"]:
        for role in ("source", "target", "attributed_to"):
            assert event[role] is None or event[role] in ids, (role, event)


@budget(60)
@given(text=record_text, published=published)
@example(text="\u200b\ufeff .", published=None)
@example(text="Russia's envoy met a Taliban delegation in Moscow on July 8.", published="2021-07-20")
def test_records_validate_and_round_trip(nlp, validator, text: str, published: str | None) -> None:
    assume(text.strip())
    rec = newswire.analyze(text, published=published, nlp=nlp)
    data = rec.to_dict()
    validator.validate(data)
    assert data["text"] == text
    check_spans(data)
    again = Record.from_json(rec.to_json())
    assert again == rec
    assert again.to_json() == rec.to_json()
    assert Record.from_json(json.loads(rec.to_json(indent=2))) == rec


def test_stress_profile_is_registered() -> None:
    assert settings.get_profile("stress").max_examples >= 1000
    assert Path(__file__).name == "test_fuzz.py"
