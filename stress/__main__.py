"""``python -m stress kill|load|all``: see stress/__init__.py and docs/reliability.md."""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from . import corpus
from .db import pg_unavailable


def _backends(choice: str) -> list[str]:
    return ["sqlite", "postgresql"] if choice == "both" else [choice]


def _pg_ok(backend: str, out: dict[str, Any]) -> bool:
    if backend != "postgresql":
        return True
    reason = pg_unavailable()
    if reason:
        print(f"postgresql: skipped: {reason}")
        out.setdefault("skipped", {})["postgresql"] = reason
        return False
    return True


def cmd_kill(args: argparse.Namespace, out: dict[str, Any]) -> bool:
    """The kill loop on each backend; False when a problem was found."""
    from .kill import kill_loop

    ok = True
    with tempfile.TemporaryDirectory(prefix="nwkill-") as tmp:
        folder = Path(tmp)
        files = corpus.build(folder / "corpus", real=args.real, items=args.items, seed=args.seed)
        src = "shared statements" if corpus.shared_corpus() else "examples/articles"
        print(f"corpus: {len(files)} inputs ({src} + generated items + wire copies)")
        for backend in _backends(args.db):
            if not _pg_ok(backend, out):
                continue
            report = kill_loop(
                backend, files, folder, runs=args.runs, seconds=args.seconds, seed=args.seed,
                batch_size=args.batch_size,
            )  # fmt: skip
            print(report.summary())
            for line in report.mismatches[:20]:
                print(f"  PROBLEM {line}")
            out.setdefault("kill", {})[backend] = report.to_dict()
            ok = ok and report.ok
    return ok


def cmd_load(args: argparse.Namespace, out: dict[str, Any]) -> bool:
    """The load test on each backend; False on any error."""
    from .load import load_test

    ok = True
    for backend in _backends(args.db):
        if not _pg_ok(backend, out):
            continue
        with tempfile.TemporaryDirectory(prefix="nwload-") as tmp:
            report = load_test(
                backend, Path(tmp), seconds=args.seconds, clients=args.clients, seed=args.seed,
                shard_size=args.shard_size,
            )  # fmt: skip
        print(report.table())
        out.setdefault("load", {})[backend] = report.to_dict()
        ok = ok and report.ok
    return ok


def main(argv: list[str] | None = None) -> int:
    """Parse the command line, run, print the summary, write JSON when asked; 1 on any problem."""
    p = argparse.ArgumentParser(prog="python -m stress", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)

    def common(sp: argparse.ArgumentParser, db: str) -> None:
        sp.add_argument("--db", choices=["sqlite", "postgresql", "both"], default=db)
        sp.add_argument("--seed", type=int, default=20)
        sp.add_argument("--json", type=Path, default=None, help="Also write the figures here.")

    k = sub.add_parser("kill", help="SIGKILL loop on newswire ingest")
    common(k, "sqlite")
    k.add_argument("--runs", type=int, default=20)
    k.add_argument("--seconds", type=float, default=1200, help="Stop starting runs after this long.")
    k.add_argument("--real", type=int, default=24, help="Real statements in the corpus (when available).")
    k.add_argument("--items", type=int, default=24, help="Generated items in the corpus.")
    k.add_argument("--batch-size", type=int, default=4)

    ld = sub.add_parser("load", help="concurrent queries against newswire serve while ingest writes")
    common(ld, "sqlite")
    ld.add_argument("--seconds", type=float, default=120)
    ld.add_argument("--clients", type=int, default=8)
    ld.add_argument("--shard-size", type=int, default=12, help="Articles per ingest run during the load.")

    a = sub.add_parser("all", help="kill loops and load tests on both backends, small bounds (CI)")
    common(a, "both")
    a.add_argument("--runs", type=int, default=3)
    a.add_argument("--seconds", type=float, default=20, help="Load test length per backend.")
    a.add_argument("--clients", type=int, default=4)

    args = p.parse_args(argv)
    out: dict[str, Any] = {
        "command": args.command,
        "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    if args.command == "kill":
        ok = cmd_kill(args, out)
    elif args.command == "load":
        ok = cmd_load(args, out)
    else:
        kill_args = argparse.Namespace(
            db=args.db, seed=args.seed, runs=args.runs, seconds=240.0, real=8, items=8, batch_size=4
        )
        load_args = argparse.Namespace(
            db=args.db, seed=args.seed, seconds=args.seconds, clients=args.clients, shard_size=6
        )
        ok = cmd_kill(kill_args, out)
        ok = cmd_load(load_args, out) and ok
    out["ok"] = ok
    if args.json is not None:
        args.json.write_text(json.dumps(out, indent=2, default=str) + "\n", encoding="utf-8")
    print("stress: OK" if ok else "stress: FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
