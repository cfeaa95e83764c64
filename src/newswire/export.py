"""Standard exports of stored events and records.

Formats (see docs/exports.md):

- ``jsonl``: full records (``newswire.record/1``), one per line, of the documents holding a
  matching event (every document when no filter is set);
- ``csv`` / ``parquet``: the flat event table (:data:`EVENT_FIELDS`);
- ``geojson``: a FeatureCollection of the located events (Point, lon/lat);
- ``plover``: one PLOVER-style JSON object per event per line (actor / recipient / event / mode /
  context / event_loc ... as in the PLOVER codebook's data-fields chapter);
- ``gdelt``: a GDELT-1.0-like tab-separated event table with a header row.

The event rows come from :func:`newswire.web.queries.events` (one flat dict per event).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from .record import Record

__all__ = [
    "EVENT_FIELDS",
    "FORMATS",
    "GDELT_FIELDS",
    "MEDIA_TYPES",
    "export",
    "iter_csv",
    "iter_gdelt",
    "iter_geojson",
    "iter_jsonl",
    "iter_plover",
    "parquet_bytes",
    "plover_event",
    "write_parquet",
]

FORMATS = ("jsonl", "csv", "parquet", "geojson", "plover", "gdelt")

#: Content type and file suffix of each format.
MEDIA_TYPES: dict[str, tuple[str, str]] = {
    "jsonl": ("application/x-ndjson", ".jsonl"),
    "csv": ("text/csv; charset=utf-8", ".csv"),
    "parquet": ("application/vnd.apache.parquet", ".parquet"),
    "geojson": ("application/geo+json", ".geojson"),
    "plover": ("application/x-ndjson", ".plover.jsonl"),
    "gdelt": ("text/tab-separated-values; charset=utf-8", ".tsv"),
}

#: Columns of the CSV / Parquet event table, in order.
EVENT_FIELDS: tuple[str, ...] = (
    "document_id", "event_id", "type", "mode", "quad", "cameo", "score", "modality", "context",
    "source_id", "source_name", "source_kind", "source_country", "source_sector", "source_title", "source_kb_id",
    "target_id", "target_name", "target_kind", "target_country", "target_sector", "target_title", "target_kb_id",
    "attributed_to_id", "attributed_to_name",
    "when_text", "when_start", "when_end", "precision", "anchor", "date_start", "date_end",
    "where_text", "where_name", "where_geonameid", "lat", "lon", "where_country", "where_admin1",
    "magnitude_value", "magnitude_unit", "magnitude_qualifier",
    "trigger", "trigger_start", "trigger_end", "evidence", "evidence_start", "evidence_end",
    "rule", "confidence", "published", "title", "document_source", "url",
)  # fmt: skip

_INT_FIELDS = {"quad", "where_geonameid", "trigger_start", "trigger_end", "evidence_start", "evidence_end"}
_FLOAT_FIELDS = {"score", "lat", "lon", "magnitude_value", "confidence"}


# -- CSV and Parquet -----------------------------------------------------------------------------


def _csv_value(key: str, value: Any) -> Any:
    if value is None:
        return ""
    if key == "context":
        return ";".join(value)
    return value


def iter_csv(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """The event table as CSV text chunks (header first; ``context`` joined with ``;``)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(EVENT_FIELDS)
    for i, row in enumerate(rows, 1):
        writer.writerow([_csv_value(k, row.get(k)) for k in EVENT_FIELDS])
        if i % 500 == 0:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()


def _arrow_schema() -> Any:
    import pyarrow as pa

    cols = []
    for key in EVENT_FIELDS:
        if key == "context":
            typ = pa.list_(pa.string())
        elif key in _INT_FIELDS:
            typ = pa.int64()
        elif key in _FLOAT_FIELDS:
            typ = pa.float64()
        else:
            typ = pa.string()
        cols.append(pa.field(key, typ))
    return pa.schema(cols, metadata={"newswire": "event table (newswire.record/1)"})


def write_parquet(rows: Iterable[dict[str, Any]], out: str | Path | IO[bytes], *, batch: int = 5000) -> int:
    """Write the event table as Parquet (typed columns; ``context`` a list of strings). Returns rows."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _arrow_schema()
    n = 0
    with pq.ParquetWriter(out, schema) as writer:
        chunk: list[dict[str, Any]] = []
        for row in rows:
            chunk.append({k: row.get(k) for k in EVENT_FIELDS})
            if len(chunk) >= batch:
                writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
                n += len(chunk)
                chunk = []
        if chunk or n == 0:
            writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
            n += len(chunk)
    return n


def parquet_bytes(rows: Iterable[dict[str, Any]]) -> bytes:
    """The event table as Parquet file bytes."""
    buf = io.BytesIO()
    write_parquet(rows, buf)
    return buf.getvalue()


# -- GeoJSON ------------------------------------------------------------------------------------

_GEO_PROPS = (
    "document_id", "event_id", "type", "mode", "quad", "score", "modality",
    "source_name", "source_country", "target_name", "target_country",
    "date_start", "date_end", "where_text", "where_name", "where_geonameid", "where_country", "where_admin1",
    "trigger", "evidence", "rule", "confidence", "title", "published", "url",
)  # fmt: skip


def geojson_feature(row: dict[str, Any]) -> dict[str, Any] | None:
    """A GeoJSON Point feature for a located event row (None when it has no coordinates)."""
    if row.get("lat") is None or row.get("lon") is None:
        return None
    return {
        "type": "Feature",
        "id": f"{row['document_id']}:{row['event_id']}",
        "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
        "properties": {k: row.get(k) for k in _GEO_PROPS},
    }


def iter_geojson(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """A GeoJSON FeatureCollection of the located events, as text chunks."""
    yield '{"type": "FeatureCollection", "features": ['
    first = True
    for row in rows:
        feature = geojson_feature(row)
        if feature is None:
            continue
        yield ("" if first else ",") + "\n" + json.dumps(feature, ensure_ascii=False)
        first = False
    yield "\n]}\n"


# -- PLOVER -------------------------------------------------------------------------------------

_CODER = "newswire"
_SIZE_UNITS = {"dead": "dead", "killed": "dead", "injured": "injured", "wounded": "injured", "arrested": "arrested"}


def _entity(row: dict[str, Any], side: str) -> list[dict[str, Any]]:
    name = row.get(f"{side}_name")
    if name is None:
        return []
    entity: dict[str, Any] = {
        "code": row.get(f"{side}_country"),
        "sector": row.get(f"{side}_sector"),
        "entity_text": name,
        "identifier_id": row.get(f"{side}_kb_id"),
        "identifier_text": name,
    }
    if row.get(f"{side}_title"):
        entity["office"] = row[f"{side}_title"]
    if row.get(f"{side}_kind"):
        entity["kind"] = row[f"{side}_kind"]
    return [entity]


def plover_event(row: dict[str, Any]) -> dict[str, Any]:
    """One event row as a PLOVER-style JSON object.

    Standard fields: ``id``, ``date``, ``enddate``, ``actor``, ``recipient``, ``event``, ``mode``,
    ``context``, ``quad_code``, ``event_scale`` (PLOVER score), ``event_loc``, ``event_text``,
    ``text_info``, ``cite_info``, ``coder``, ``has_event``; newswire adds ``modality``,
    ``attributed_to``, ``cameo``, ``rule``, ``confidence``, ``size`` and ``magnitude``.
    """
    loc = None
    if any(row.get(k) is not None for k in ("where_text", "where_name", "lat")):
        loc = {
            "extracted_place": row.get("where_text"),
            "resolved_place": row.get("where_name"),
            "geonameid": row.get("where_geonameid"),
            "lat": row.get("lat"),
            "lon": row.get("lon"),
            "province": row.get("where_admin1"),
            "country_code": row.get("where_country"),
        }
    out: dict[str, Any] = {
        "id": f"{row['document_id']}-{row['event_id']}",
        "has_event": True,
        "date": row.get("date_start"),
        "enddate": row.get("date_end") if row.get("date_end") != row.get("date_start") else None,
        "actor": _entity(row, "source"),
        "recipient": _entity(row, "target"),
        "event": [row["type"]],
        "mode": [row["mode"]] if row.get("mode") else [],
        "context": list(row.get("context") or []),
        "quad_code": row.get("quad"),
        "event_scale": row.get("score"),
        "event_loc": loc,
        "event_text": [row.get("evidence")],
        "text_info": {"start": row.get("evidence_start"), "end": row.get("evidence_end")},
        "cite_info": {
            "citation": row.get("document_id"),
            "url": row.get("url"),
            "title": row.get("title"),
            "publication": row.get("document_source"),
            "coder": _CODER,
            "codebook": "plover-2.0",
        },
        "coder": _CODER,
        "modality": row.get("modality"),
        "attributed_to": row.get("attributed_to_name"),
        "cameo": row.get("cameo"),
        "rule": row.get("rule"),
        "confidence": row.get("confidence"),
    }
    unit = (row.get("magnitude_unit") or "").lower()
    if row.get("magnitude_value") is not None:
        out["magnitude"] = {
            "value": row["magnitude_value"],
            "unit": row.get("magnitude_unit"),
            "qualifier": row.get("magnitude_qualifier"),
        }
        if unit in _SIZE_UNITS:
            out["size"] = {_SIZE_UNITS[unit]: row["magnitude_value"]}
    return out


def iter_plover(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """PLOVER-style JSONL, one event per line."""
    for row in rows:
        yield json.dumps(plover_event(row), ensure_ascii=False) + "\n"


# -- GDELT-like ---------------------------------------------------------------------------------

#: Columns of the GDELT-like table: GDELT 1.0 event-table names where one fits, then newswire's own.
GDELT_FIELDS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1Type1Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2Type1Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
    "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID", "DATEADDED", "SOURCEURL",
    "PloverType", "PloverMode", "Modality", "Confidence", "DocumentId", "EventId",
)  # fmt: skip


def _tsv(value: Any) -> str:
    if value is None:
        return ""
    return " ".join(str(value).split())  # no tabs or newlines inside a field


def _gdelt_row(n: int, row: dict[str, Any]) -> list[Any]:
    date = row.get("date_start") or ""
    ymd = date.replace("-", "") if len(date) == 10 and not date.startswith("-") else ""
    fraction = ""
    if ymd:
        y, m, d = int(ymd[:4]), int(ymd[4:6]), int(ymd[6:])
        fraction = f"{y + ((m - 1) * 30 + d) / 365:.4f}"
    cameo = row.get("cameo") or ""
    geo_type = ""
    if row.get("lat") is not None:
        geo_type = "1" if (row.get("where_name") or "") and row.get("where_admin1") is None else "4"
    published = (row.get("published") or "").replace("-", "")
    return [
        n, ymd, ymd[:6], ymd[:4], fraction,
        (row.get("source_country") or "") + (row.get("source_sector") or ""), row.get("source_name"),
        row.get("source_country"), row.get("source_sector"),
        (row.get("target_country") or "") + (row.get("target_sector") or ""), row.get("target_name"),
        row.get("target_country"), row.get("target_sector"),
        "", cameo, cameo[:3], cameo[:2], row.get("quad"), row.get("score"),
        1, 1, 1, "",
        geo_type, row.get("where_name") or row.get("where_text"), row.get("where_country"), row.get("where_admin1"),
        row.get("lat"), row.get("lon"), row.get("where_geonameid"), published, row.get("url") or "",
        row.get("type"), row.get("mode"), row.get("modality"), row.get("confidence"),
        row.get("document_id"), row.get("event_id"),
    ]  # fmt: skip


def iter_gdelt(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """The GDELT-like tab-separated event table (header row first)."""
    yield "\t".join(GDELT_FIELDS) + "\n"
    for n, row in enumerate(rows, 1):
        yield "\t".join(_tsv(v) for v in _gdelt_row(n, row)) + "\n"


# -- records ------------------------------------------------------------------------------------


def iter_jsonl(records: Iterable[Record]) -> Iterator[str]:
    """Full records as JSONL."""
    for rec in records:
        yield rec.to_json() + "\n"


# -- from a store -------------------------------------------------------------------------------


def iter_format(store: Any, fmt: str, f: Any = None, *, sort: str | None = None) -> Iterator[str]:
    """Text chunks of export format ``fmt`` (any but parquet) for the events matching filter ``f``.

    ``store`` is an open :class:`newswire.store.Store`; ``f`` a
    :class:`newswire.web.queries.EventFilter` (None: everything).
    """
    from .web import queries

    f = f or queries.EventFilter()
    if fmt == "jsonl":
        if f.is_empty():
            yield from iter_jsonl(store.iter_records())
            return
        with store.engine.connect() as conn:
            ids = queries.matching_document_ids(conn, f)
        yield from iter_jsonl(r for r in (store.record(i) for i in ids) if r is not None)
        return
    rows = queries.iter_events(store.engine, f, sort=sort)
    writers = {"csv": iter_csv, "geojson": iter_geojson, "plover": iter_plover, "gdelt": iter_gdelt}
    if fmt not in writers:
        raise ValueError(f"unknown text export format {fmt!r}: choose one of {', '.join(FORMATS)}")
    yield from writers[fmt](rows)


def export(store: Any, fmt: str, out: str | Path | IO[bytes], f: Any = None, *, sort: str | None = None) -> None:
    """Write export ``fmt`` of the events (or records) matching ``f`` to a path or binary file."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        from .web import queries

        write_parquet(queries.iter_events(store.engine, f or queries.EventFilter(), sort=sort), out)
        return
    chunks = iter_format(store, fmt, f, sort=sort)
    if isinstance(out, (str, Path)):
        with open(out, "w", encoding="utf-8", newline="") as fh:
            fh.writelines(chunks)
    else:
        for chunk in chunks:
            out.write(chunk.encode("utf-8"))
