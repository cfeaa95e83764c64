"""atheris fuzzer for the time normaliser and the publication-date reader.

Any text with any anchor date (0001-01-01 to 9999-12-31, or none; the pipeline itself only
passes years 1000 to a year ahead) must give expressions inside the text, equal to their stretch of it, in order and not overlapping,
with well-formed TIMEX3 values and the record's Time shape; any exception is a crash. Run:

    .venv/bin/python fuzz/fuzz_timex.py -atheris_runs=20000 -dict=fuzz/timex.dict NEW_CORPUS_DIR fuzz/seeds/timex
"""

from __future__ import annotations

import datetime as dt
import re
import sys

import atheris

with atheris.instrument_imports(include=["newswire"]):
    from newswire import timex
    from newswire.article import check_date, publication_date
    from newswire.record import Time

_VALUE = re.compile(
    r"""^(?:PRESENT_REF|PAST_REF|FUTURE_REF
      | P(?:(?:\d+(?:\.\d+)?|X)(?:[YQMWDL]|DE|CE|ML|WE))*(?:T(?:(?:\d+(?:\.\d+)?|X)[HMS])+)?
      | (?P<date>-?(?:\d{1,4}|XXXX)(?:-(?:\d{2}|XX|W\d{2}|WXX|Q[1-4]|QX|H[12]|SP|SU|FA|WI)(?:-(?:\d{2}|\d|WE|XX))?)?
          (?:T(?:\d{2}(?::\d{2}){0,2}|MO|AF|EV|NI|DT))?)
        (?:/(?P=date)|/-?(?:\d{1,4}|XXXX)(?:-[\dA-Z]{1,3}){0,2}(?:T[\d:A-Z]+)?)?
    )$""",
    re.VERBOSE,
)
_FIRST = dt.date.min.toordinal()
_LAST = dt.date.max.toordinal()
_TENSES = (None, "past", "present", "future")


def one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    day = fdp.ConsumeIntInRange(_FIRST - 1, _LAST)
    anchor = None if day < _FIRST else dt.date.fromordinal(day)
    tense = _TENSES[fdp.ConsumeIntInRange(0, 3)]
    text = fdp.ConsumeUnicodeNoSurrogates(fdp.remaining_bytes())
    last = -1
    for t in timex.extract(text, anchor, tense):
        assert 0 <= t.start < t.end <= len(text), t
        assert text[t.start : t.end] == t.text, t
        assert t.start >= last, t
        last = t.end
        r = t.resolved
        assert r.value is None or _VALUE.match(r.value), r.value
        assert r.first is None or r.last is None or r.first <= r.last, r
        Time.model_validate(timex.to_dict(t))
    one = timex.normalise(text[:200], anchor, tense)
    assert one is None or one.value is None or _VALUE.match(one.value), one
    date, problem = check_date(text[:60])
    assert (date is None) != (problem is None) or (date is None and not text[:60].strip())
    publication_date(text[:60])


def main() -> None:
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
