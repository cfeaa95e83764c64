"""Third-party front-end files (d3, topojson-client, world-atlas shapes) from npm's node_modules.

They are installed by ``npm ci`` from the checked-in package.json / package-lock.json and are never
committed nor fetched from a CDN. Only the files listed in :data:`ASSETS` are served.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["ASSETS", "asset_path", "assets_available", "node_modules"]

#: Public name -> path inside node_modules.
ASSETS: dict[str, str] = {
    "d3.min.js": "d3/dist/d3.min.js",
    "topojson-client.min.js": "topojson-client/dist/topojson-client.min.js",
    "countries-110m.json": "world-atlas/countries-110m.json",
    "swagger-ui-bundle.js": "swagger-ui-dist/swagger-ui-bundle.js",
    "swagger-ui.css": "swagger-ui-dist/swagger-ui.css",
    "favicon-32x32.png": "swagger-ui-dist/favicon-32x32.png",
}


def node_modules() -> Path | None:
    """The node_modules folder holding the assets: ``$NEWSWIRE_NODE_MODULES`` when set (and only
    it), else the first ``node_modules`` with d3 in it found walking up from this package (a source
    checkout) or from the working directory. None when not installed."""
    env = os.environ.get("NEWSWIRE_NODE_MODULES")
    candidates: list[Path] = []
    if env:  # given explicitly: that folder only
        candidates.append(Path(env))
    else:
        for start in (Path(__file__).resolve().parent, Path.cwd().resolve()):
            candidates += [p / "node_modules" for p in (start, *start.parents)]
    for folder in candidates:
        if (folder / ASSETS["d3.min.js"]).is_file():
            return folder
    return None


def asset_path(name: str) -> Path | None:
    """The file behind public asset ``name``, or None when unknown or not installed."""
    rel = ASSETS.get(name)
    root = node_modules()
    if rel is None or root is None:
        return None
    path = root / rel
    return path if path.is_file() else None


def assets_available() -> bool:
    """Whether every asset file is installed."""
    return all(asset_path(name) is not None for name in ASSETS)
