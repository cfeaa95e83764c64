"""The newswire record: the typed data model every output carries.

One :class:`Record` per analysed document. The JSON Schema in
``docs/record.schema.json`` is generated from these models (``newswire schema``)
and versioned as ``newswire.record/1``. All offsets are character offsets into
``Record.text``, end-exclusive. Unknown values are ``None`` (JSON ``null``),
never guessed.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "EVENT_TYPES",
    "MODALITIES",
    "SCHEMA_VERSION",
    "Actor",
    "Document",
    "Event",
    "Interval",
    "Magnitude",
    "Place",
    "Quote",
    "Record",
    "TextSpan",
    "Time",
    "When",
    "Where",
    "json_schema",
]

SCHEMA_VERSION = "newswire.record/1"

EVENT_TYPES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)
MODALITIES = ("asserted", "future", "proposed", "hypothetical", "negated", "denied")

EventType = Literal[
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
]
Modality = Literal["asserted", "future", "proposed", "hypothetical", "negated", "denied"]
ActorKind = Literal["state", "person", "organization", "group", "media", "igo", "anonymous", "other"]
Precision = Literal["day", "week", "month", "quarter", "year", "decade", "century"]
TimeType = Literal["DATE", "TIME", "DURATION", "SET"]
Qualifier = Literal["exact", "approx", "at_least", "at_most"]
QuoteKind = Literal["direct", "partial", "indirect"]

_DATE = r"^-?\d{4}-\d{2}-\d{2}$"
_ISO3 = r"^[A-Z]{3}$"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class TextSpan(_Model):
    """A stretch of the document text."""

    start: int = Field(ge=0, description="Character offset of the first character.")
    end: int = Field(ge=0, description="Character offset after the last character.")
    text: str = Field(description="The text between start and end.")


class Document(_Model):
    """Metadata of the analysed document."""

    id: str = Field(description="The input's id, or a hash of its text when it has none.")
    title: str | None = Field(default=None, description="Headline or title.")
    published: str | None = Field(
        default=None, pattern=_DATE, description="Publication date, YYYY-MM-DD, or null."
    )
    url: str | None = Field(default=None, description="Where the document came from.")
    source: str | None = Field(default=None, description="Publisher or feed name.")
    language: str | None = Field(default=None, description="ISO 639-1 code of the text's language.")


class Actor(_Model):
    """One real-world actor with all its mentions in the document."""

    id: str = Field(description="Actor id, unique within the record (a1, a2, ...).")
    name: str = Field(description="Canonical name.")
    kind: ActorKind = Field(description="What sort of actor this is.")
    country: str | None = Field(
        default=None, pattern=_ISO3, description="ISO 3166-1 alpha-3 code of the actor's country."
    )
    sector: str | None = Field(
        default=None, description="PLOVER sector code (GOV, MIL, COP, JUD, LEG, REB, ...)."
    )
    title: str | None = Field(default=None, description="Office or title, e.g. 'Deputy Foreign Minister'.")
    kb_id: str | None = Field(default=None, description="Id of the knowledge-base entry it was resolved to.")
    mentions: list[tuple[int, int]] = Field(
        default_factory=list, description="[start, end] offsets of every mention."
    )


class When(_Model):
    """When an event happened, happens or is to happen."""

    text: str | None = Field(default=None, description="The time expression, or null when anchored to publication.")
    start: str | None = Field(default=None, pattern=_DATE, description="First day, YYYY-MM-DD.")
    end: str | None = Field(default=None, pattern=_DATE, description="Last day, YYYY-MM-DD.")
    precision: Precision | None = Field(default=None, description="Granularity of the date.")
    anchor: Literal["explicit", "publication"] = Field(
        description="explicit: from a time expression in the clause; publication: the document date."
    )


class Where(_Model):
    """Where an event took place, resolved to GeoNames when possible."""

    text: str | None = Field(default=None, description="The place expression in the text.")
    name: str | None = Field(default=None, description="Gazetteer name.")
    geonameid: int | None = Field(default=None, description="GeoNames id.")
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    country: str | None = Field(default=None, pattern=_ISO3, description="ISO3 country code.")
    admin1: str | None = Field(default=None, description="First-level administrative division.")


class Magnitude(_Model):
    """How many: troops, people, dead, injured, arrested, ..."""

    value: float = Field(description="The number.")
    unit: str = Field(description="What is counted: troops, people, dead, injured, arrested, ...")
    qualifier: Qualifier = Field(description="exact, approx, at_least or at_most.")
    text: str | None = Field(default=None, description="The quantity expression in the text.")


class Event(_Model):
    """One coded event: who did what to whom, when, where, how sure."""

    id: str = Field(description="Event id, unique within the record (e1, e2, ...).")
    type: EventType = Field(description="PLOVER 2.0 event type.")
    mode: str | None = Field(default=None, description="PLOVER mode of the type, or null.")
    context: list[str] = Field(default_factory=list, description="PLOVER contexts (military, economic, ...).")
    quad: int = Field(ge=1, le=4, description="Quad class: 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict.")
    cameo: str | None = Field(default=None, description="CAMEO code from the PLOVER crosswalk.")
    source: str | None = Field(default=None, description="Actor id of who acts.")
    target: str | None = Field(default=None, description="Actor id of who is acted upon or with.")
    when: When | None = None
    where: Where | None = None
    magnitude: Magnitude | None = None
    modality: Modality = Field(description="asserted, future, proposed, hypothetical, negated or denied.")
    attributed_to: str | None = Field(
        default=None, description="Actor id of who said it, or null when the article says it in its own voice."
    )
    trigger: TextSpan = Field(description="The word or phrase that signals the event.")
    evidence: TextSpan = Field(description="The sentence or clause stating the event.")
    rule: str = Field(description="The lexicon entry or pattern that produced the event.")
    confidence: float = Field(ge=0, le=1)


class Quote(_Model):
    """A direct, partial or indirect quotation with its speaker."""

    id: str = Field(description="Quote id, unique within the record (q1, q2, ...).")
    kind: QuoteKind
    text: str = Field(description="The reported content.")
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    speaker: str | None = Field(default=None, description="Actor id of the speaker, or null.")
    cue: TextSpan | None = Field(default=None, description="The speech verb or cue phrase.")


class Interval(_Model):
    start: str | None = Field(default=None, pattern=_DATE)
    end: str | None = Field(default=None, pattern=_DATE)


class Time(_Model):
    """A temporal expression normalised TIMEX3-style."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    type: TimeType
    value: str | None = Field(default=None, description="TIMEX3 value (2021-07-20, 2021-07, 2021-W28, P20Y, ...).")
    interval: Interval | None = Field(default=None, description="First and last day the expression covers.")
    precision: Precision | None = Field(default=None, description="Granularity of the value.")
    note: str | None = Field(default=None, description="Why value is null, when it is.")


class Place(_Model):
    """A place mention resolved to a gazetteer entry."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    name: str | None = None
    geonameid: int | None = None
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    country: str | None = Field(default=None, pattern=_ISO3)
    feature_code: str | None = Field(default=None, description="GeoNames feature code (PPLC, PCLI, ADM1, ...).")
    admin1: str | None = None


class Record(_Model):
    """Everything newswire extracted from one document."""

    schema_: Literal["newswire.record/1"] = Field(default="newswire.record/1", alias="schema")
    document: Document
    text: str = Field(description="The body text that was analysed; offsets refer to it.")
    actors: list[Actor] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    times: list[Time] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list, description="Problems met while analysing the document.")

    def to_dict(self) -> dict[str, Any]:
        """The record as plain JSON-ready data (contract field names)."""
        return self.model_dump(mode="json", by_alias=True)

    def to_json(self, indent: int | None = None) -> str:
        """The record as JSON text."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_json(cls, data: str | bytes | dict[str, Any]) -> Record:
        """Parse a record from JSON text or a dict (validates it)."""
        if isinstance(data, dict):
            return cls.model_validate(data)
        return cls.model_validate_json(data)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a record, as written to ``docs/record.schema.json``."""
    schema = Record.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://newswire.invalid/schema/newswire.record/1"
    schema["title"] = SCHEMA_VERSION
    return schema
