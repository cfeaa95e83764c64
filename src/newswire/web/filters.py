"""Event filters: what the API, the dashboard, the exports and `newswire export` select events by."""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, fields

from ..record import EVENT_TYPES, MODALITIES

__all__ = ["EventFilter", "FilterError"]

_ISO3 = re.compile(r"^[A-Z]{3}$")
_DATE = re.compile(r"^-?\d{4}-\d{2}-\d{2}$")


class FilterError(ValueError):
    """A filter value that cannot be used (bad date, unknown type, malformed bounding box...)."""


def _like(needle: str) -> str:
    escaped = needle.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _split(value: str | Sequence[str] | None) -> list[str]:
    if value is None:
        return []
    items = [value] if isinstance(value, str) else list(value)
    out: list[str] = []
    for item in items:
        out += [p.strip() for p in str(item).split(",") if p.strip()]
    return out


def _date(name: str, value: str | None) -> str | None:
    if value is None or value == "":
        return None
    if not _DATE.match(value):
        raise FilterError(f"{name} must be a date YYYY-MM-DD, got {value!r}")
    try:
        _dt.date.fromisoformat(value)
    except ValueError:
        raise FilterError(f"{name} is not a real date: {value!r}") from None
    return value


@dataclass
class EventFilter:
    """Which events to select. Every field is optional; set fields are ANDed together.

    - ``actor``: an ISO3 code matching the source's or target's country, else a case-insensitive
      part of the source's or target's name (as ``newswire events --actor``);
    - ``source`` / ``target``: the same test on one side only;
    - ``country``: ISO3 code of the event's location, its source's or its target's country;
    - ``type``, ``quad``, ``modality``: one value or several (comma-separated or a list);
    - ``since`` / ``until``: the event's dates (its ``when``, else the publication date) overlap;
    - ``place``: a case-insensitive part of the location's name or text;
    - ``bbox``: ``min_lon,min_lat,max_lon,max_lat`` (located events inside it);
    - ``document``: a document id.
    """

    actor: str | None = None
    source: str | None = None
    target: str | None = None
    country: str | None = None
    type: list[str] = field(default_factory=list)
    quad: list[int] = field(default_factory=list)
    modality: list[str] = field(default_factory=list)
    since: str | None = None
    until: str | None = None
    place: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    document: str | None = None

    @classmethod
    def parse(
        cls,
        *,
        actor: str | None = None,
        source: str | None = None,
        target: str | None = None,
        country: str | None = None,
        type: str | Sequence[str] | None = None,
        quad: str | int | Sequence[str | int] | None = None,
        modality: str | Sequence[str] | None = None,
        since: str | None = None,
        until: str | None = None,
        place: str | None = None,
        bbox: str | Sequence[float] | None = None,
        document: str | None = None,
    ) -> EventFilter:
        """Build a filter from user input (query-string or CLI values), checking every value.

        Raises :class:`FilterError` with a readable message on a bad value.
        """
        types = [x.upper() for x in _split(type)]
        for x in types:
            if x not in EVENT_TYPES:
                raise FilterError(f"type {x!r} is not a PLOVER type ({', '.join(EVENT_TYPES)})")
        quads: list[int] = []
        raw_quads = [str(quad)] if isinstance(quad, int) else _split(quad)  # type: ignore[arg-type]
        for q in raw_quads:
            if q not in {"1", "2", "3", "4"}:
                raise FilterError(f"quad must be 1, 2, 3 or 4, got {q!r}")
            quads.append(int(q))
        modalities = [m.lower() for m in _split(modality)]
        for m in modalities:
            if m not in MODALITIES:
                raise FilterError(f"modality {m!r} is not one of {', '.join(MODALITIES)}")
        iso = None
        if country:
            iso = country.strip().upper()
            if not _ISO3.match(iso):
                raise FilterError(f"country must be an ISO 3166-1 alpha-3 code, got {country!r}")
        box: tuple[float, float, float, float] | None = None
        if bbox is not None and bbox != "":
            parts = _split(bbox) if isinstance(bbox, str) else [str(v) for v in bbox]
            try:
                nums = [float(p) for p in parts]
            except ValueError:
                raise FilterError(f"bbox must be four numbers min_lon,min_lat,max_lon,max_lat, got {bbox!r}") from None
            if len(nums) != 4:
                raise FilterError(f"bbox must be four numbers min_lon,min_lat,max_lon,max_lat, got {bbox!r}")
            w, s, e, n = nums
            if not (-180 <= w <= 180 and -180 <= e <= 180 and -90 <= s <= n <= 90):
                raise FilterError(f"bbox out of range: {bbox!r}")
            box = (w, s, e, n)
        since_v, until_v = _date("since", since), _date("until", until)
        if since_v and until_v and since_v > until_v:
            raise FilterError(f"since ({since_v}) is after until ({until_v})")

        def clean(v: str | None) -> str | None:
            return v.strip() if v and v.strip() else None

        return cls(
            actor=clean(actor),
            source=clean(source),
            target=clean(target),
            country=iso,
            type=types,
            quad=quads,
            modality=modalities,
            since=since_v,
            until=until_v,
            place=clean(place),
            bbox=box,
            document=clean(document),
        )

    def as_params(self) -> dict[str, str]:
        """The filter as query-string parameters (only the set ones), e.g. for download links."""
        out: dict[str, str] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value in (None, [], ()):
                continue
            if isinstance(value, (list, tuple)):
                out[f.name] = ",".join(str(v) for v in value)
            else:
                out[f.name] = str(value)
        return out

    def is_empty(self) -> bool:
        """Whether no filter is set."""
        return not self.as_params()
