"""Starting the real ``newswire`` commands as subprocesses (``ingest``, ``serve``)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from .db import ROOT


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("PYTHONUNBUFFERED", "1")
    src = str(ROOT / "src")
    env["PYTHONPATH"] = src + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def newswire(*args: str) -> list[str]:
    """The command line running ``newswire ARGS`` with this interpreter."""
    return [sys.executable, "-m", "newswire.cli", *args]


def ingest(
    paths: Sequence[Path | str], db: str, *, batch_size: int = 4, log: Path | None = None
) -> subprocess.Popen[bytes]:
    """Start ``newswire ingest PATHS --db DB`` (stderr to ``log`` when given, else a pipe)."""
    cmd = newswire("ingest", *map(str, paths), "--db", db, "--no-progress", "--batch-size", str(batch_size))
    err = log.open("ab") if log is not None else subprocess.PIPE
    try:
        return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, env=_env(), cwd=ROOT)
    finally:
        if log is not None and not isinstance(err, int):
            err.close()


def run_ingest(paths: Sequence[Path | str], db: str, *, batch_size: int = 4, timeout: float = 900) -> str:
    """Run ``newswire ingest`` to completion; returns its stderr; raises when it fails."""
    proc = ingest(paths, db, batch_size=batch_size)
    _, err = proc.communicate(timeout=timeout)
    text = err.decode("utf-8", "replace") if err else ""
    if proc.returncode != 0:
        raise RuntimeError(f"newswire ingest exited with {proc.returncode}: {text[-2000:]}")
    return text


def kill(proc: subprocess.Popen[bytes]) -> None:
    """SIGKILL the process (if it still runs) and reap it."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGKILL)
    proc.wait()


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    """A running ``newswire serve``: its base URL and process."""

    url: str
    proc: subprocess.Popen[bytes]

    def exited(self) -> int | None:
        """The exit code when the server has died, else None."""
        return self.proc.poll()


@contextmanager
def serve(db: str, *, log: Path | None = None, timeout: float = 90) -> Iterator[Server]:
    """``newswire serve --db DB`` on a free loopback port, yielded once /api/health answers;
    stopped (SIGTERM, then SIGKILL) afterwards."""
    port = free_port()
    cmd = newswire("serve", "--db", db, "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning")
    err = log.open("ab") if log is not None else subprocess.DEVNULL
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, env=_env(), cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"newswire serve exited with {proc.returncode} (log: {log})")
            try:
                if httpx.get(base + "/api/health", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"newswire serve did not answer within {timeout:.0f}s")
            time.sleep(0.2)
        yield Server(base, proc)
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                kill(proc)
        if log is not None and not isinstance(err, int):
            err.close()
