"""The FastAPI application: a JSON API (with OpenAPI at /docs) and the dashboard pages.

Read-only by default: the GET routes read through a read-only connection (:mod:`.readonly`), and
the one write endpoint, ``POST /api/documents``, answers 403 unless the app has a write token, and
then 401 without ``Authorization: Bearer <token>``. Guards and headers: :mod:`.security`.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import re
import threading
from collections.abc import AsyncIterator, Callable, Generator, Iterator
from contextlib import asynccontextmanager
from importlib import resources
from typing import Annotated, Any
from urllib.parse import parse_qs, urlencode

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import (
    FileResponse,
    HTMLResponse,
    JSONResponse,
    RedirectResponse,
    Response,
    StreamingResponse,
)
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles
from markupsafe import escape
from pydantic import BaseModel, Field, ValidationError
from sqlalchemy import Connection
from starlette.concurrency import run_in_threadpool
from starlette.middleware.trustedhost import TrustedHostMiddleware

from .. import export as ex
from ..errors import NewswireError
from ..ingest.fetch import Fetched, SafeFetcher
from ..record import EVENT_TYPES, MODALITIES, Record
from ..store import Store
from . import aggregates, queries
from .assets import ASSETS, asset_path, assets_available
from .ingest import BodyError, IngestLimits, ingest_objects, parse_body, wants_fetch
from .queries import EventFilter, FilterError
from .render import article_context, environment
from .scores import MODE_SCORES, TYPE_SCORES
from .security import (
    WRITES_DISABLED,
    BodyLimit,
    RequestLimits,
    SecurityHeaders,
    WriteGuard,
    check_token,
    text_problem,
    token_matches,
)

__all__ = ["MAX_ANALYZE_BYTES", "MAX_INGEST_BYTES", "MAX_OFFSET", "MAX_PAGE", "BodyLimit", "create_app"]

log = logging.getLogger("newswire.web")

#: Largest request body POST /api/analyze (and any other POST) accepts (bytes).
MAX_ANALYZE_BYTES = 200_000
#: Largest request body POST /api/documents accepts (bytes).
MAX_INGEST_BYTES = 2_000_000
#: Largest page of results the list endpoints return.
MAX_PAGE = 1000
#: Largest offset the list endpoints and pages accept.
MAX_OFFSET = 1_000_000_000

#: Headers of every dashboard page: scripts, styles and data only from this server; no inline
#: script or style, no framing, forms post to this server only.
PAGE_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
#: The highlighted-article HTML fragments (/api/documents/{id}/html, /api/analyze?format=html)
#: carry their CSS inline and no script.
FRAGMENT_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    ),
}

QUADS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def _docs_headers(html: str) -> dict[str, str]:
    """CSP for Swagger UI: its one inline script allowed by hash, everything else from this server."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(m.encode("utf-8")).digest()).decode() + "'"
        for m in _INLINE_SCRIPT.findall(html)
    )
    return {
        "Content-Security-Policy": (
            f"default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            "form-action 'self'; frame-ancestors 'none'"
        )
    }


class AnalyzeRequest(BaseModel):
    """Text to analyse (nothing is stored)."""

    text: str = Field(min_length=1, max_length=MAX_ANALYZE_BYTES, description="The article body (plain text).")
    published: str | None = Field(default=None, description="Publication date YYYY-MM-DD (anchors relative dates).")
    title: str | None = Field(default=None, max_length=1000)
    id: str | None = Field(default=None, max_length=255)
    url: str | None = Field(default=None, max_length=2000)
    source: str | None = Field(default=None, max_length=255)


def _event_filter(
    actor: Annotated[str | None, Query(description="ISO3 code of the source's or target's country, else part of either's name.")] = None,
    source: Annotated[str | None, Query(description="Like actor, for the source only.")] = None,
    target: Annotated[str | None, Query(description="Like actor, for the target only.")] = None,
    country: Annotated[str | None, Query(description="ISO3 code of the event's location, source's or target's country.")] = None,
    type: Annotated[str | None, Query(description="PLOVER type(s), comma-separated.")] = None,
    quad: Annotated[str | None, Query(description="Quad class(es) 1-4, comma-separated.")] = None,
    modality: Annotated[str | None, Query(description="Modality(ies), comma-separated.")] = None,
    since: Annotated[str | None, Query(description="Events whose dates reach YYYY-MM-DD or later.")] = None,
    until: Annotated[str | None, Query(description="Events whose dates start YYYY-MM-DD or earlier.")] = None,
    place: Annotated[str | None, Query(description="Part of the location's name or text.")] = None,
    bbox: Annotated[str | None, Query(description="min_lon,min_lat,max_lon,max_lat")] = None,
    document: Annotated[str | None, Query(description="A document id.")] = None,
) -> EventFilter:
    try:
        return EventFilter.parse(
            actor=actor, source=source, target=target, country=country, type=type, quad=quad,
            modality=modality, since=since, until=until, place=place, bbox=bbox, document=document,
        )  # fmt: skip
    except FilterError as exc:
        raise HTTPException(status_code=400, detail=str(exc)) from None


def _conn(request: Request) -> Iterator[Connection]:
    with request.app.state.store.engine.connect() as c:
        yield c


Filter = Annotated[EventFilter, Depends(_event_filter)]
Conn = Annotated[Connection, Depends(_conn)]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description="Page size.")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip.")]

_bearer = HTTPBearer(auto_error=False, description="The write token (`newswire serve --write-token-file`).")


class ArticleIn(BaseModel):
    """An article to ingest (the fields of a `newswire ingest` JSONL line)."""

    text: str | None = Field(default=None, description="The article body (plain text).")
    html: str | None = Field(default=None, description="The page's HTML (the article text is extracted).")
    title: str | None = Field(default=None, max_length=1000)
    published: str | None = Field(default=None, description="Publication date YYYY-MM-DD.")
    url: str | None = Field(default=None, max_length=2000, description="Alone: fetch this page (--allow-fetch).")
    source: str | None = Field(default=None, max_length=255)
    id: str | None = Field(default=None, max_length=255)


#: OpenAPI description of the POST /api/documents body.
_INGEST_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "description": (
            "One article, a JSON array of articles, or JSON Lines (`Content-Type: application/x-ndjson`). "
            "Each article has `text` or `html`, and optionally `title`, `published`, `url`, `source`, `id`. "
            "`{\"url\": ...}` alone asks the server to fetch the page (only with `serve --allow-fetch`)."
        ),
        "content": {
            "application/json": {
                "schema": {
                    "oneOf": [
                        ArticleIn.model_json_schema(),
                        {"type": "array", "items": ArticleIn.model_json_schema(), "maxItems": 50},
                    ]
                }
            },
            "application/x-ndjson": {"schema": {"type": "string"}},
        },
    }
}


def _analyse_articles(lock: threading.Lock) -> Callable[[list[Any]], Generator[tuple[Any, Any], None, None]]:
    """Run the default pipeline over articles (one request at a time): (article, Record or reason)."""

    def run(articles: list[Any]) -> Generator[tuple[Any, Any], None, None]:
        from .._build import doc_to_record
        from ..api import process
        from ..pipeline import default_pipeline

        with lock:
            nlp = default_pipeline()
            for article, doc in process(articles, nlp, batch_size=16):
                try:
                    yield article, doc_to_record(doc)
                except ValueError as exc:  # a record that fails validation is a rejected input
                    yield article, f"analysis failed: {exc}"

    return run


def create_app(
    db: str,
    *,
    store: Store | None = None,
    write_token: str | None = None,
    allow_fetch: bool = False,
    fetcher: Callable[[str], Fetched] | None = None,
    read_only: bool = True,
    allowed_hosts: list[str] | None = None,
    ingest_limits: IngestLimits | None = None,
) -> FastAPI:
    """The newswire web application over the database ``db`` (a SQLite path or a database URL).

    - The GET routes read through a read-only connection (``read_only=False``: a normal one).
    - ``write_token``: enables ``POST /api/documents`` for requests with
      ``Authorization: Bearer <write_token>``; without it the endpoint answers 403.
    - ``allow_fetch``: lets ``POST /api/documents`` fetch ``{"url": ...}`` through ``fetcher``
      (default :class:`~newswire.ingest.fetch.SafeFetcher`: public addresses only).
    - ``allowed_hosts``: accepted ``Host`` headers (against DNS rebinding); None accepts any.
    - ``store``: an open Store to use for reading and writing instead of opening ``db``.

    ``POST /api/analyze`` analyses posted text without storing it.
    """
    limits = ingest_limits or IngestLimits()
    if write_token is not None:
        write_token = check_token(write_token, "write_token")
    write_store: Store | None = None
    if store is not None:
        read_store = store
        write_store = store if write_token else None
    else:
        if write_token:
            write_store = Store.open(db)  # creates or migrates the schema before the read-only open
        if read_only:
            from .readonly import open_read_only

            try:
                read_store = open_read_only(db)
            except BaseException:
                if write_store is not None:
                    write_store.close()
                raise
        else:
            read_store = write_store or Store.open(db)
    guarded = (fetcher or SafeFetcher(max_bytes=4 * limits.max_text_bytes)) if allow_fetch else None
    # Stores this app opened (and closes when it stops); a Store passed in stays the caller's.
    owned = [] if store is not None else list({id(s): s for s in (read_store, write_store) if s is not None}.values())

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        for s in owned:
            s.close()

    app = FastAPI(
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        title="newswire",
        version="1",
        description=(
            "API over a newswire database: documents (full-text search), records, PLOVER events, "
            "actors, quotes, aggregates, exports, and analysis of posted text. Read-only unless the "
            "server has a write token (then POST /api/documents ingests articles). "
            "Dashboard pages: /documents, /events, /actors, /quotes, /timeline, /map, /network."
        ),
    )
    app.state.store = read_store
    app.state.write_store = write_store
    # Outermost last: headers on every response, then Host check, write authorisation (before
    # any body is read), then URL and body limits.
    app.add_middleware(RequestLimits, limit=MAX_ANALYZE_BYTES, limits={"/api/documents": MAX_INGEST_BYTES})
    app.add_middleware(WriteGuard, token=write_token, paths=("/api/documents",))
    if allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)
    app.add_middleware(SecurityHeaders)
    store = read_store
    static_dir = resources.files("newswire.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static_dir)), name="static")
    env = environment()
    nlp_lock = threading.Lock()
    write_lock = threading.Lock()
    analyse = _analyse_articles(nlp_lock)

    @app.exception_handler(NewswireError)
    async def newswire_error(_request: Request, exc: NewswireError) -> JSONResponse:
        log.error("database error: %s", exc)
        return JSONResponse({"detail": "the database is not available"}, status_code=503)

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> JSONResponse:
        log.exception("internal error on %s %s", request.method, request.url.path)
        return JSONResponse({"detail": "internal server error"}, status_code=500)

    def bad(exc: Exception) -> HTTPException:
        return HTTPException(status_code=400, detail=str(exc))

    # -- API -------------------------------------------------------------------------------

    @app.get("/api/health", tags=["meta"], summary="Database status")
    def health(c: Conn) -> dict[str, Any]:
        return {
            "status": "ok",
            "documents": store.count_documents(),
            "events": store.count_events(),
            "search": queries.fts_available(c),
            "assets": assets_available(),
            "writes": write_store is not None,
            "fetch": guarded is not None and write_store is not None,
        }

    @app.get("/api/documents", tags=["documents"], summary="Search documents")
    def api_documents(
        c: Conn,
        q: Annotated[str | None, Query(description="Words that must all occur in the title or text.")] = None,
        since: Annotated[str | None, Query(description="Published on or after YYYY-MM-DD.")] = None,
        until: Annotated[str | None, Query(description="Published on or before YYYY-MM-DD.")] = None,
        source: Annotated[str | None, Query(description="Part of the publisher's name.")] = None,
        sort: Annotated[str, Query(description="published, title, ingested or id; prefix - for descending.")] = "-published",
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Full-text search (SQLite FTS5 when the database has a ``documents_fts`` table, PostgreSQL
        ``to_tsvector``, else substring matching) with publication-date and source filters."""
        try:
            rows, total, method = queries.documents(
                c, q=q, since=since, until=until, source=source, sort=sort, limit=limit, offset=offset
            )
        except FilterError as exc:
            raise bad(exc) from None
        return {"total": total, "limit": limit, "offset": offset, "search": method, "items": rows}

    @app.get("/api/documents/{doc_id}", tags=["documents"], summary="One document's full record")
    def api_record(doc_id: str) -> JSONResponse:
        record = store.record(doc_id)
        if record is None:
            raise HTTPException(status_code=404, detail=f"no document {doc_id!r}")
        return JSONResponse(record.to_dict())

    @app.get("/api/documents/{doc_id}/html", tags=["documents"], summary="One document as highlighted HTML")
    def api_record_html(doc_id: str) -> HTMLResponse:
        from .render import render

        record = store.record(doc_id)
        if record is None:
            raise HTTPException(status_code=404, detail=f"no document {doc_id!r}")
        return HTMLResponse(render(record), headers=FRAGMENT_HEADERS)

    @app.post(
        "/api/documents",
        tags=["documents"],
        summary="Ingest articles (needs the write token)",
        openapi_extra=_INGEST_BODY,
        responses={
            401: {"description": "Missing or wrong write token."},
            403: {"description": "Writing (or URL fetching) is disabled on this server."},
            413: {"description": "Body over the size limit, or too many articles."},
        },
    )
    async def api_ingest(
        request: Request,
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    ) -> JSONResponse:
        """Analyse and store one article, a JSON array of articles or JSON Lines, as `newswire ingest`
        does (duplicates of stored documents are recorded as their sources; events are fused).
        Returns `stored`, `duplicates`, `rejected` (with reasons) and `items` (all, in input order).
        Bodies over 2,000,000 bytes get 413; at most 50 articles per request."""
        if write_store is None:
            raise HTTPException(status_code=403, detail=WRITES_DISABLED)
        if credentials is None or not token_matches(credentials.credentials, write_token):
            raise HTTPException(status_code=401, detail="missing or wrong write token",
                                headers={"WWW-Authenticate": 'Bearer realm="newswire"'})  # fmt: skip
        try:
            objects = parse_body(await request.body(), request.headers.get("content-type", ""), limits)
        except BodyError as exc:
            raise HTTPException(status_code=exc.status, detail=str(exc)) from None
        if guarded is None and any(wants_fetch(o) for o in objects):
            raise HTTPException(
                status_code=403,
                detail="fetching URLs is disabled on this server (start `newswire serve` with --allow-fetch); "
                "post the article's text or html instead",
            )
        target = write_store

        def run() -> dict[str, Any]:
            with write_lock:
                return ingest_objects(target, objects, limits=limits, fetcher=guarded, analyse=analyse)

        return JSONResponse(await run_in_threadpool(run))

    @app.get("/api/events", tags=["events"], summary="Query events")
    def api_events(
        c: Conn,
        f: Filter,
        sort: Annotated[
            str | None, Query(description=f"Comma-separated keys ({', '.join(queries.SORT_KEYS)}); prefix - for descending.")
        ] = None,
        limit: Limit = 100,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Events as flat rows, filtered, sorted (default: by date) and paginated."""
        try:
            rows = queries.events(c, f, sort=sort, limit=limit, offset=offset)
        except FilterError as exc:
            raise bad(exc) from None
        return {"total": queries.count_events(c, f), "limit": limit, "offset": offset, "items": rows}

    @app.get("/api/actors", tags=["actors"], summary="Actors with counts and top partners")
    def api_actors(
        c: Conn,
        q: Annotated[str | None, Query(description="Part of the actor's name.")] = None,
        country: Annotated[str | None, Query(description="ISO3 code.")] = None,
        kind: Annotated[str | None, Query(description="Actor kind (state, person, organization, ...).")] = None,
        sort: Annotated[str, Query(description="events, documents, mentions or name; prefix - for descending.")] = "-events",
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Actors grouped across documents by name and country."""
        try:
            rows, total = queries.actors(c, q=q, country=country, kind=kind, sort=sort, limit=limit, offset=offset)
        except FilterError as exc:
            raise bad(exc) from None
        return {"total": total, "limit": limit, "offset": offset, "items": rows}

    @app.get("/api/actors/detail", tags=["actors"], summary="One actor")
    def api_actor(
        c: Conn,
        name: Annotated[str, Query(description="Exact actor name.")],
        country: Annotated[str | None, Query(description="ISO3 code, to tell same-named actors apart.")] = None,
    ) -> dict[str, Any]:
        """Counts, event types, partners and documents of one actor."""
        found = queries.actor_detail(c, name, country)
        if found is None:
            raise HTTPException(status_code=404, detail=f"no actor {name!r}")
        return found

    @app.get("/api/quotes", tags=["quotes"], summary="Quotes by speaker")
    def api_quotes(
        c: Conn,
        speaker: Annotated[str | None, Query(description="ISO3 code of the speaker's country, else part of the name.")] = None,
        document: Annotated[str | None, Query(description="A document id.")] = None,
        q: Annotated[str | None, Query(description="Words that must all occur in the quote.")] = None,
        kind: Annotated[str | None, Query(description="direct, partial or indirect.")] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        rows, total = queries.quotes(c, speaker=speaker, document=document, q=q, kind=kind, limit=limit, offset=offset)
        return {"total": total, "limit": limit, "offset": offset, "items": rows}

    @app.get("/api/aggregates/events", tags=["aggregates"], summary="Events per period")
    def api_counts(
        c: Conn,
        f: Filter,
        interval: Annotated[str, Query(description="day, week (ISO, labelled by its Monday), month or year.")] = "day",
        by: Annotated[str, Query(description="type, quad, modality or none.")] = "type",
    ) -> dict[str, Any]:
        """Counts of events per period (by start date; undated events left out) and group."""
        try:
            items = aggregates.event_counts(c, f, interval=interval, by=by)
        except FilterError as exc:
            raise bad(exc) from None
        return {"interval": interval, "by": by, "items": items}

    @app.get("/api/aggregates/balance", tags=["aggregates"], summary="Cooperation/conflict balance of two actors")
    def api_balance(
        c: Conn,
        f: Filter,
        a: Annotated[str, Query(description="First actor: ISO3 code or part of a name.")],
        b: Annotated[str, Query(description="Second actor: ISO3 code or part of a name.")],
        interval: Annotated[str, Query(description="day, week, month or year.")] = "month",
    ) -> dict[str, Any]:
        """Sum of PLOVER scores (Goldstein-style, -10..+10, see /api/scores) of the events between
        ``a`` and ``b`` (either direction) per period. Pass ``modality=asserted`` to leave out
        events that were only announced, proposed or denied."""
        try:
            items = aggregates.balance(c, a, b, f, interval=interval)
        except FilterError as exc:
            raise bad(exc) from None
        return {"a": a, "b": b, "interval": interval, "weights": "/api/scores", "items": items}

    @app.get("/api/scores", tags=["aggregates"], summary="The PLOVER score weights")
    def api_scores() -> dict[str, Any]:
        """Weights used by the balance and the exports' event_scale / GoldsteinScale."""
        return {
            "source": "PLOVER 2.0 codebook, table 'PLOVER conflict-cooperation scores' (ACCUSE taken as -3)",
            "types": TYPE_SCORES,
            "modes": {f"{t}:{m}": s for (t, m), s in MODE_SCORES.items()},
        }

    @app.get("/api/network", tags=["aggregates"], summary="Actor network")
    def api_network(
        c: Conn,
        f: Filter,
        max_nodes: Annotated[int, Query(ge=2, le=500)] = 60,
    ) -> dict[str, Any]:
        """Who acts on whom: nodes and directed edges with counts per quad class."""
        return aggregates.network(c, f, max_nodes=max_nodes)

    @app.get("/api/map", tags=["aggregates"], summary="Located events and per-country counts")
    def api_map(c: Conn, f: Filter, limit: Annotated[int, Query(ge=1, le=20000)] = 5000) -> dict[str, Any]:
        rows = queries.events(c, f, limit=limit)
        features = [feat for feat in (ex.geojson_feature(r) for r in rows) if feat is not None]
        return {
            "countries": aggregates.map_countries(c, f),
            "events": {"type": "FeatureCollection", "features": features},
        }

    @app.get("/api/export", tags=["exports"], summary="Download events or records")
    def api_export(
        f: Filter,
        format: Annotated[str, Query(description="jsonl, csv, parquet, geojson, plover or gdelt.")] = "csv",
        sort: Annotated[str | None, Query(description="As for /api/events.")] = None,
    ) -> Response:
        """The events matching the filter in a standard format (records for jsonl). See docs/exports.md."""
        if format not in ex.FORMATS:
            raise HTTPException(status_code=400, detail=f"format must be one of {', '.join(ex.FORMATS)}")
        try:
            queries.check_sort(sort)  # before the response starts streaming
        except FilterError as exc:
            raise bad(exc) from None
        media, suffix = ex.MEDIA_TYPES[format]
        headers = {"Content-Disposition": f'attachment; filename="newswire-events{suffix}"'}
        if format == "parquet":
            data = ex.parquet_bytes(queries.iter_events(store.engine, f, sort=sort))
            return Response(data, media_type=media, headers=headers)
        return StreamingResponse(ex.iter_format(store, format, f, sort=sort), media_type=media, headers=headers)

    @app.post("/api/analyze", tags=["analysis"], summary="Analyse posted text (not stored)")
    @app.post("/analyze", include_in_schema=False)
    def api_analyze(body: AnalyzeRequest, format: Annotated[str, Query(description="json or html")] = "json") -> Response:
        """Run the newswire pipeline on the posted text and return its record (or the highlighted
        HTML view with ``format=html``). Nothing is written to the database. Bodies over
        ``MAX_ANALYZE_BYTES`` get 413."""
        if format not in ("json", "html"):
            raise HTTPException(status_code=400, detail="format must be json or html")
        record = run_analysis(body)
        if format == "html":
            from .render import render

            return HTMLResponse(render(record), headers=FRAGMENT_HEADERS)
        return JSONResponse(record.to_dict())

    @app.get("/docs", include_in_schema=False)
    def swagger() -> HTMLResponse:
        if asset_path("swagger-ui-bundle.js") is None:
            return HTMLResponse(
                "<p>Swagger UI is not installed (run <code>npm ci --ignore-scripts</code>); "
                'the OpenAPI document is at <a href="/openapi.json">/openapi.json</a>.</p>'
            )
        ui = get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="newswire API",
            swagger_js_url="/assets/swagger-ui-bundle.js",
            swagger_css_url="/assets/swagger-ui.css",
            swagger_favicon_url="/assets/favicon-32x32.png",
        )
        html = bytes(ui.body).decode("utf-8")
        return HTMLResponse(html, headers=_docs_headers(html))

    def run_analysis(body: AnalyzeRequest) -> Record:
        from ..api import analyze
        from ..article import normalise_date

        if body.published is not None and normalise_date(body.published) is None:
            raise HTTPException(status_code=400, detail=f"published is not a date: {body.published!r}")
        problem = text_problem(body.text)
        if problem is not None:
            raise HTTPException(status_code=422, detail=f"cannot analyse this text: {problem}")
        try:
            with nlp_lock:  # one pipeline, not thread-safe: analyse one text at a time
                return analyze(
                    body.text, published=body.published, title=body.title, id=body.id, url=body.url, source=body.source
                )
        except (NewswireError, ValueError) as exc:
            raise HTTPException(status_code=422, detail=f"analysis failed: {exc}") from None

    # -- assets ----------------------------------------------------------------------------

    @app.get("/assets/{name}", include_in_schema=False)
    def asset(name: str) -> FileResponse:
        path = asset_path(name)
        if path is None:
            known = name in ASSETS
            raise HTTPException(
                status_code=404, detail="asset not installed: run `npm ci`" if known else "no such asset"
            )
        return FileResponse(path, headers={"Cache-Control": "public, max-age=86400"})

    # -- pages -----------------------------------------------------------------------------

    def page(request: Request, name: str, page_id: str, **ctx: Any) -> HTMLResponse:
        stats = {"documents": store.count_documents(), "events": store.count_events()}
        html = env.get_template(name).render(
            request=request,
            page=page_id,
            stats=stats,
            event_types=EVENT_TYPES,
            modalities=MODALITIES,
            quads=QUADS,
            **ctx,
        )
        return HTMLResponse(html, headers=PAGE_HEADERS)

    def query_tools(request: Request) -> dict[str, Any]:
        params = [(k, v) for k, v in request.query_params.multi_items() if v != ""]

        def with_(**changes: Any) -> str:
            kept = [(k, v) for k, v in params if k not in changes]
            kept += [(k, str(v)) for k, v in changes.items() if v is not None]
            return urlencode(kept)

        return {"page_query": lambda off: with_(offset=off), "with_": with_}

    def safe_filter(request: Request) -> tuple[EventFilter, str | None]:
        qp = request.query_params
        names = ("actor", "source", "target", "country", "type", "quad", "modality", "since", "until", "place", "bbox", "document")
        try:
            return EventFilter.parse(**{n: qp.get(n) or None for n in names}), None
        except FilterError as exc:
            return EventFilter(), str(exc)

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(status_code=204)

    @app.get("/", include_in_schema=False)
    def home() -> RedirectResponse:
        return RedirectResponse("/events")

    @app.get("/events", include_in_schema=False, response_class=HTMLResponse)
    def events_page(request: Request, c: Conn, offset: int = 0, sort: str = "date") -> HTMLResponse:
        f, error = safe_filter(request)
        limit = 100
        offset = min(max(0, offset), MAX_OFFSET)
        tools = query_tools(request)
        try:
            rows = queries.events(c, f, sort=sort, limit=limit, offset=offset)
        except FilterError as exc:
            error, sort = str(exc), "date"
            rows = queries.events(c, f, sort=sort, limit=limit, offset=offset)
        total = queries.count_events(c, f)

        def sort_query(key: str) -> str:
            return str(tools["with_"](sort=("-" + key) if sort == key else key, offset=None))

        return page(
            request, "events.html", "events", f=f, error=error, rows=rows, total=total, limit=limit,
            offset=offset, sort=sort, sort_query=sort_query, query=urlencode(f.as_params()),
            page_query=tools["page_query"],
        )  # fmt: skip

    def chart_page(request: Request, page_id: str, heading: str) -> HTMLResponse:
        f, error = safe_filter(request)
        qp = request.query_params
        return page(
            request, "chart.html", page_id, heading=heading, f=f, error=error, query=urlencode(f.as_params()),
            assets_ok=assets_available(), interval=qp.get("interval", "week"), by=qp.get("by", "type"),
            balance_a=qp.get("a"), balance_b=qp.get("b"),
        )  # fmt: skip

    @app.get("/timeline", include_in_schema=False, response_class=HTMLResponse)
    def timeline_page(request: Request) -> HTMLResponse:
        return chart_page(request, "timeline", "Timeline")

    @app.get("/map", include_in_schema=False, response_class=HTMLResponse)
    def map_page(request: Request) -> HTMLResponse:
        return chart_page(request, "map", "Map of event locations")

    @app.get("/network", include_in_schema=False, response_class=HTMLResponse)
    def network_page(request: Request) -> HTMLResponse:
        return chart_page(request, "network", "Actor network")

    @app.get("/documents", include_in_schema=False, response_class=HTMLResponse)
    def documents_page(
        request: Request, c: Conn, q: str | None = None, since: str | None = None, until: str | None = None,
        source: str | None = None, offset: int = 0,
    ) -> HTMLResponse:  # fmt: skip
        error = None
        limit, offset = 50, min(max(0, offset), MAX_OFFSET)
        try:
            rows, total, method = queries.documents(
                c, q=q, since=since or None, until=until or None, source=source, limit=limit, offset=offset
            )
        except FilterError as exc:
            error = str(exc)
            try:  # keep the words when the dates were the problem
                rows, total, method = queries.documents(c, q=q, limit=limit, offset=offset)
            except FilterError:
                rows, total, method = queries.documents(c, limit=limit, offset=offset)
        return page(
            request, "documents.html", "documents", rows=rows, total=total, method=method, q=q, since=since,
            until=until, source=source, error=error, limit=limit, offset=offset,
            page_query=query_tools(request)["page_query"], query="",
        )  # fmt: skip

    @app.get("/documents/{doc_id}", include_in_schema=False, response_class=HTMLResponse)
    def article_page(request: Request, doc_id: str) -> HTMLResponse:
        record = store.record(doc_id)
        if record is None:
            return HTMLResponse(str(escape(f"no document {doc_id!r}")), status_code=404)
        return page(request, "article.html", "documents", query="", **article_context(record))

    @app.get("/try", include_in_schema=False, response_class=HTMLResponse)
    def try_page(request: Request) -> HTMLResponse:
        return page(request, "try.html", "try", query="", max_chars=MAX_ANALYZE_BYTES // 2)

    @app.post("/try", include_in_schema=False, response_class=HTMLResponse)
    async def try_post(request: Request) -> HTMLResponse:
        """The analysis form: urlencoded fields text, published, title (body size limited)."""
        try:
            form = parse_qs((await request.body()).decode("utf-8", "replace"), max_num_fields=10)
        except ValueError:
            form = {}
        fields = {k: (v[0] if v else "") for k, v in form.items()}
        text_ = fields.get("text", "").replace("\r\n", "\n")
        published = fields.get("published") or None
        title = fields.get("title") or None
        ctx: dict[str, Any] = {"text": text_, "published": published, "title": title, "error": None}
        status = 200
        try:
            body = AnalyzeRequest(text=text_, published=published, title=title)
            record = await run_in_threadpool(run_analysis, body)
            ctx.update(article_context(record))
        except ValidationError:
            ctx["error"], status = "Paste some text to analyse (at most the size limit).", 400
        except HTTPException as exc:
            ctx["error"], status = str(exc.detail), exc.status_code
        resp = page(request, "try.html", "try", query="", max_chars=MAX_ANALYZE_BYTES // 2, **ctx)
        resp.status_code = status
        return resp

    @app.get("/actors", include_in_schema=False, response_class=HTMLResponse)
    def actors_page(request: Request, c: Conn, q: str | None = None, country: str | None = None, offset: int = 0) -> HTMLResponse:
        limit, offset = 50, min(max(0, offset), MAX_OFFSET)
        rows, total = queries.actors(c, q=q, country=country or None, limit=limit, offset=offset)
        return page(
            request, "actors.html", "actors", rows=rows, total=total, q=q, country=country, limit=limit,
            offset=offset, page_query=query_tools(request)["page_query"], query="",
        )  # fmt: skip

    @app.get("/quotes", include_in_schema=False, response_class=HTMLResponse)
    def quotes_page(request: Request, c: Conn, speaker: str | None = None, q: str | None = None, offset: int = 0) -> HTMLResponse:
        limit, offset = 50, min(max(0, offset), MAX_OFFSET)
        rows, total = queries.quotes(c, speaker=speaker, q=q, limit=limit, offset=offset)
        return page(
            request, "quotes.html", "quotes", rows=rows, total=total, speaker=speaker, q=q, limit=limit,
            offset=offset, page_query=query_tools(request)["page_query"], query="",
        )  # fmt: skip

    return app

