"""Evaluation against gold data sets: ``newswire eval KIND PATH`` and ``make eval``.

Each kind is a scorer function ``run(path, nlp) -> dict[str, float]`` in a module
of this package. ``newswire eval all DATA_DIR`` runs every kind on its default
path under ``DATA_DIR`` (the ``../shared/data`` layout), prints one table and
fails when a metric is under its floor in ``floors.json``.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language

from ..errors import EvaluationError

__all__ = ["KINDS", "Kind", "check_floors", "load_floors", "run_kind"]


@dataclass(frozen=True)
class Kind:
    name: str
    module: str
    function: str
    default_path: str  # relative to the shared data directory
    description: str

    def scorer(self) -> Callable[[Path, Language], dict[str, float]]:
        mod = importlib.import_module(f"newswire.evaluate.{self.module}")
        fn: Callable[[Path, Language], dict[str, float]] = getattr(mod, self.function)
        return fn


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind("plover", "events", "run_plover", "events/plover-gsr-dev.json",
             "PLOVER gold sentences: event detection, type accuracy and macro-F1, actor countries"),
        Kind("case", "events", "run_case", "events/case2021-task2-dev.tsv",
             "CASE 2021 task 2 snippets: macro-F1 of PLOVER types via the ACLED crosswalk"),
        Kind("time", "time", "run", "time/TBAQ-cleaned",
             "TimeBank+AQUAINT TIMEX3: span F1, type accuracy, value accuracy and F1"),
        Kind("geo-lgl", "geo", "run", "geo/lgl-dev.xml",
             "LGL dev toponyms: recognition P/R/F1, accuracy@161km, errors, geonameid rate"),
        Kind("geo-trnews", "geo", "run", "geo/TR-News.xml",
             "TR-News toponyms: recognition P/R/F1, accuracy@161km, errors, geonameid rate"),
        Kind("quotes", "quotes", "run", "quotes/PolNeAR/dev",
             "PolNeAR dev attributions: content P/R/F1 by kind, speaker accuracy"),
        Kind("actors-gum", "actors", "run_gum", "corpus/gum",
             "GUM Wikinews entities: mention clustering (MUC, B3) of actors"),
        Kind("actors-plover", "actors", "run_plover", "events/plover-gsr-dev.json",
             "PLOVER gold actors: share whose country newswire assigns"),
    )
}

FLOORS_FILE = Path(__file__).with_name("floors.json")


def load_floors(path: Path | None = None) -> dict[str, dict[str, float]]:
    with open(path or FLOORS_FILE, encoding="utf-8") as fh:
        data: dict[str, dict[str, float]] = json.load(fh)
    return data


def run_kind(kind: str, path: Path, nlp: Language) -> dict[str, float]:
    if kind not in KINDS:
        raise EvaluationError(f"unknown evaluation kind {kind!r}; choose from {', '.join(KINDS)}")
    if not path.exists():
        raise EvaluationError(f"{path}: no such file or directory")
    return KINDS[kind].scorer()(path, nlp)


def check_floors(kind: str, metrics: dict[str, float], floors: dict[str, dict[str, float]]) -> list[str]:
    """Messages for every metric of ``kind`` under its floor (empty when all hold)."""
    failures = []
    table = floors.get(kind, {})
    for metric, floor in (table.items() if isinstance(table, dict) else ()):
        if metric.startswith("_"):
            continue
        value = metrics.get(metric)
        if value is None:
            failures.append(f"{kind}.{metric}: not reported (floor {floor})")
        elif value + 1e-9 < floor:
            failures.append(f"{kind}.{metric}: {value:.4f} is under the floor {floor}")
    return failures
