"""Word tables and regular-expression fragments of the TIMEX3 recogniser.

Month and weekday names are matched case-sensitively (``(?-i:...)``) so that "may",
"march" or "sun" in running text are not taken for dates; the rest is case-insensitive.
"""

from __future__ import annotations

import re

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
            "sunday": 6}
SEASON_CODES = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
            "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
            "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
            "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
            "twenty-first": 21, "twenty first": 21, "final": 4, "last": 4}
NUMBERS = {
    "zero": 0, "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "a hundred": 100, "one hundred": 100, "a dozen": 12, "dozen": 12,
    "a couple of": 2, "a couple": 2, "couple of": 2, "half a": 0.5, "half an": 0.5, "a half": 0.5,
    "another": 1, "an additional": 1, "a further": 1,
}
#: Words for an unspecified number ("several years" = PXY).
VAGUE = ("several", "a few", "few", "many", "some", "a number of", "numerous", "countless",
         "dozens of", "hundreds of", "the coming", "coming", "recent")
#: Unit word -> canonical unit.
UNITS = {
    "second": "second", "sec": "second", "minute": "minute", "min": "minute", "hour": "hour",
    "hr": "hour", "day": "day", "night": "day", "week": "week", "fortnight": "fortnight",
    "weekend": "weekend", "month": "month", "quarter": "quarter", "year": "year", "yr": "year",
    "decade": "decade", "century": "century", "centurie": "century", "millennium": "millennium",
    "millennia": "millennium",
}
#: Canonical unit -> (ISO 8601 duration letter, multiplier, is a time unit).
ISO_UNIT = {
    "second": ("S", 1, True), "minute": ("M", 1, True), "hour": ("H", 1, True), "day": ("D", 1, False),
    "week": ("W", 1, False), "fortnight": ("W", 2, False), "weekend": ("D", 2, False),
    "month": ("M", 1, False), "quarter": ("Q", 1, False), "year": ("Y", 1, False),
    "decade": ("Y", 10, False), "century": ("Y", 100, False), "millennium": ("Y", 1000, False),
}
#: Vague plural units ("for years") -> TIMEX3 value; decades count in years ("two decades" = P20Y), so
#: "for decades" is PXY.
VAGUE_UNIT = {"second": "PTXS", "minute": "PTXM", "hour": "PTXH", "day": "PXD", "week": "PXW",
              "fortnight": "PXW", "weekend": "PXD", "month": "PXM", "quarter": "PXQ", "year": "PXY",
              "decade": "PXY", "century": "PXCE", "millennium": "PXML"}
#: Time-of-day words -> TIMEX3 part-of-day code.
PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
         "midday": "MI"}


def alt(words: list[str] | tuple[str, ...]) -> str:
    """A regex alternation of ``words``, longest first, spaces matching any whitespace."""
    ws = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ws)


_MONTH_FULL = "January|February|March|April|May|June|July|August|September|October|November|December"
_MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.|(?![a-z]))"
#: A month name (capitalised; abbreviations with or without the period).
MONTH = rf"(?-i:(?:{_MONTH_FULL})(?![a-z])|{_MONTH_ABBR}|(?:JANUARY|FEBRUARY|MARCH|APRIL|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)(?![A-Za-z]))"
#: A month written in full (safe alone, except "May" which is checked by the caller).
MONTH_FULL = rf"(?-i:(?:{_MONTH_FULL}|Sept\.)(?![a-z]))"
WEEKDAY = r"(?-i:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|MONDAY|TUESDAY|WEDNESDAY|THURSDAY|FRIDAY|SATURDAY|SUNDAY)(?![a-z]))"
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)"
DAY_WORD = alt([w for w, n in ORDINALS.items() if n <= 31 and w not in ("final", "last")])
YEAR = r"(?:1[6-9]\d\d|20\d\d)(?![\d,.]\d)"
SEASON = alt(list(SEASON_CODES))
PART = r"morning|afternoon|evening|night"
_NUMWORD = alt([w for w in NUMBERS if " " not in w and w not in ("a", "an", "another")])
#: A count: digits, number words (also "twenty-four", "5 1/2", "a couple of") or a vague word.
NUM = (rf"(?:\d+(?:\.\d+)?(?:\s+1/2|\s+and\s+a\s+half)?|(?:{_NUMWORD})(?:[-\s](?:{_NUMWORD}))?"
       rf"(?:\s+and\s+a\s+half)?|{alt([w for w in NUMBERS if ' ' in w])}|a|an|another|{alt(list(VAGUE))})")
#: Words between a count and its unit that leave the unit alone ("eight trading days").
UNIT_ADJ = r"(?:(?:trading|business|working)\s+)?"
UNIT = r"(?:second|sec|minute|min|hour|hr|day|night|week|fortnight|weekend|month|quarter|year|yr|decade|centur(?:y|ie)|millenni(?:um|a))"
UNIT_NOT_SEC = r"(?:day|week|weekend|month|quarter|year|decade|century)"
TZ = r"(?:[ECMP][SD]T|GMT|UTC|BST|CET|CEST|EET|local\s+time|\(\d{4}\s+GMT\))"
#: Words that may precede a duration inside the TIMEX3 extent.
DUR_MOD = (r"(?:about|around|approximately|roughly|some|almost|nearly|close\s+to|more\s+than|over|"
           r"less\s+than|under|fewer\s+than|at\s+least|at\s+most|up\s+to|only|just|barely|a\s+full|"
           r"another|an\s+additional|the\s+(?:past|last|next|first|previous|coming|following|final|"
           r"latest|same|entire|whole|full)|(?:past|next|first|previous|coming|final|latest)|"
           r"each\s+of\s+the\s+(?:past|last|next))")
REL_WORD = r"(?:ago|earlier|later|before|after|from\s+now|hence|previously|since|back)"
EDGE = (r"(?:(?:the\s+)?(?:very\s+)?(?:end|beginning|start|middle|close|turn|"
        r"rest|remainder|balance)\s+of\s+(?:the\s+)?|(?:early|late|mid)[-\s]?|(?:the\s+)?(?:early|late|mid)[-\s]|"
        r"earlier\s+in\s+|later\s+in\s+)")

# --- trigger words (see ``_timex_base.rule``): every match of a rule contains one of its triggers ----

#: Month names and abbreviations.
MONTH_TRIGGERS = " ".join(MONTHS)
#: Weekday names.
WEEKDAY_TRIGGERS = " ".join(WEEKDAYS)
#: Unit words, singular and plural ("yrs", "centuries", "millennia").
UNIT_TRIGGERS = " ".join(sorted({w for u in UNITS for w in (u, u + "s")}))
