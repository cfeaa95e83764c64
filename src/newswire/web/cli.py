"""The ``newswire serve`` and ``newswire export`` commands (registered on the main group by newswire.cli)."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

__all__ = ["export", "serve"]

DEFAULT_DB = "newswire.db"


def _db_option(f: Any) -> Any:
    return click.option(
        "--db",
        default=lambda: os.environ.get("NEWSWIRE_DB", DEFAULT_DB),
        show_default="./newswire.db or $NEWSWIRE_DB",
        help="Database: a SQLite file path or a database URL (sqlite:///..., postgresql://...).",
    )(f)


def _require_db(db: str) -> None:
    if "://" not in db and not Path(db).exists():
        raise click.UsageError(f"no database at {db}: run `newswire ingest PATH --db {db}` first")


_LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}


def _is_loopback(host: str) -> bool:
    import ipaddress

    if host in _LOOPBACK:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@click.command()
@_db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0: every interface; see docs/web.md#security).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--log-level", default="info", show_default=True,
              type=click.Choice(["critical", "error", "warning", "info", "debug"]))
@click.option("--write-token-file", type=click.Path(dir_okay=False), default=None,
              help="Enable POST /api/documents for requests with `Authorization: Bearer <token>`, the token "
              "being this file's first line (at least 16 characters). Or set $NEWSWIRE_WRITE_TOKEN. "
              "Without a token the server is read-only.")
@click.option("--allow-fetch", is_flag=True,
              help="Let POST /api/documents fetch {\"url\": ...} (public addresses only: no private, "
              "loopback or link-local ones; size and time limits).")
@click.option("--allowed-host", "allowed_hosts", multiple=True, metavar="HOST",
              help="Host header to accept (repeatable; `*.example.org` allowed). Default: with a loopback "
              "--host, only 127.0.0.1, localhost and [::1] (against DNS rebinding); otherwise any.")
def serve(
    db: str,
    host: str,
    port: int,
    log_level: str,
    write_token_file: str | None,
    allow_fetch: bool,
    allowed_hosts: tuple[str, ...],
) -> None:
    """Serve the API (OpenAPI at /docs) and the dashboard over the database.

    Read-only by default (the database is opened read-only). With a write token,
    POST /api/documents analyses and stores articles as `newswire ingest` does.
    """
    import uvicorn

    from ..errors import NewswireError
    from .app import create_app
    from .security import load_token

    try:
        token, warnings = load_token(write_token_file)
    except NewswireError as exc:
        raise click.UsageError(str(exc)) from None
    for warning in warnings:
        click.echo(f"newswire: warning: {warning}", err=True)
    if allow_fetch and token is None:
        click.echo("newswire: warning: --allow-fetch has no effect without a write token", err=True)
    if token is None:
        _require_db(db)
    hosts = list(allowed_hosts) or (["127.0.0.1", "localhost", "[::1]", "::1"] if _is_loopback(host) else None)
    try:
        app = create_app(db, write_token=token, allow_fetch=allow_fetch, allowed_hosts=hosts)
    except NewswireError as exc:
        raise click.ClickException(str(exc)) from None
    mode = "read-write (POST /api/documents needs the token)" if token else "read-only"
    click.echo(f"newswire: serving {db} {mode} on http://{host}:{port}/ (API docs at /docs)", err=True)
    if not _is_loopback(host):
        click.echo(
            f"newswire: warning: listening on {host}: anyone who can reach port {port} can read this database"
            + (" and, with the token, write to it; the token travels in clear text over plain HTTP: "
               "put a TLS reverse proxy in front" if token else "")
            + " (see docs/web.md#security)",
            err=True,
        )
    uvicorn.run(app, host=host, port=port, log_level=log_level, server_header=False)


@click.command()
@_db_option
@click.option("--format", "fmt", required=True,
              type=click.Choice(["jsonl", "csv", "parquet", "geojson", "plover", "gdelt"]),
              help="jsonl: full records; csv/parquet: event table; geojson: located events; "
                   "plover: PLOVER-style JSONL; gdelt: GDELT-like TSV.")
@click.option("--out", required=True, help="Output file (`-` for standard output, not for parquet).")
@click.option("--actor", default=None, help="ISO3 country code or (part of) an actor name, as source or target.")
@click.option("--source", "source_", default=None, help="Like --actor, for the source only.")
@click.option("--target", default=None, help="Like --actor, for the target only.")
@click.option("--country", default=None, help="ISO3 code of the event's location, source's or target's country.")
@click.option("--type", "type_", default=None, help="PLOVER event type(s), comma-separated, e.g. ASSAULT.")
@click.option("--quad", default=None, help="Quad class(es) 1-4, comma-separated.")
@click.option("--modality", default=None, help="Modality(ies), comma-separated (asserted, future, ...).")
@click.option("--since", default=None, help="Events on or after YYYY-MM-DD.")
@click.option("--until", default=None, help="Events on or before YYYY-MM-DD.")
@click.option("--place", default=None, help="Part of the event location's name.")
@click.option("--bbox", default=None, help="min_lon,min_lat,max_lon,max_lat.")
@click.option("--document", default=None, help="A document id.")
@click.option("--sort", default=None, help="Sort keys, comma-separated, `-` for descending (date, type, ...).")
@click.option("--limit", default=None, type=click.IntRange(1), help="At most this many events.")
def export(
    db: str,
    fmt: str,
    out: str,
    actor: str | None,
    source_: str | None,
    target: str | None,
    country: str | None,
    type_: str | None,
    quad: str | None,
    modality: str | None,
    since: str | None,
    until: str | None,
    place: str | None,
    bbox: str | None,
    document: str | None,
    sort: str | None,
    limit: int | None,
) -> None:
    """Export stored events (or records, for jsonl) with the same filters as `newswire events`."""
    from .. import export as ex
    from ..errors import NewswireError
    from ..store import Store
    from . import queries

    try:
        f = queries.EventFilter.parse(
            actor=actor, source=source_, target=target, country=country, type=type_, quad=quad,
            modality=modality, since=since, until=until, place=place, bbox=bbox, document=document,
        )  # fmt: skip
        queries.check_sort(sort)
    except queries.FilterError as exc:
        raise click.UsageError(str(exc)) from None
    if out == "-" and fmt == "parquet":
        raise click.UsageError("parquet needs a file: pass --out FILE.parquet")
    _require_db(db)
    try:
        with Store.open(db) as store:
            n = _write(store, ex, queries, fmt, out, f, sort, limit)
    except NewswireError as exc:
        raise click.ClickException(str(exc)) from None
    except OSError as exc:
        raise click.ClickException(f"cannot write {out}: {exc.strerror or exc}") from None
    what = "record(s)" if fmt == "jsonl" else "event(s)"
    click.echo(f"exported {n} {what} as {fmt} -> {out}", err=True)


def _write(store: Any, ex: Any, queries: Any, fmt: str, out: str, f: Any, sort: str | None, limit: int | None) -> int:
    count = 0

    def rows() -> Iterator[dict[str, Any]]:
        nonlocal count
        for row in queries.iter_events(store.engine, f, sort=sort):
            if limit is not None and count >= limit:
                return
            count += 1
            yield row

    if fmt == "parquet":
        ex.write_parquet(rows(), out)
        return count
    if fmt == "jsonl":
        chunks = ex.iter_format(store, "jsonl", f)

        def counted() -> Iterator[str]:
            nonlocal count
            for chunk in chunks:
                if limit is not None and count >= limit:
                    return
                count += 1
                yield chunk

        body: Iterator[str] = counted()
    else:
        writers = {"csv": ex.iter_csv, "geojson": ex.iter_geojson, "plover": ex.iter_plover, "gdelt": ex.iter_gdelt}
        body = writers[fmt](rows())
    if out == "-":
        for chunk in body:
            sys.stdout.write(chunk)
        sys.stdout.flush()
    else:
        with open(out, "w", encoding="utf-8", newline="") as fh:
            fh.writelines(body)
    return count
