"""The articles the stress runs ingest, written to a scratch folder at run time.

Two sources, mixed:

- real statements: when the shared data folder is there (``../shared/data/corpus``, or
  ``$NEWSWIRE_SHARED``), a seeded sample of short White House statements (Markdown with front
  matter) is read from it at run time and copied into the scratch folder (never into the
  repository); else the repository's ``examples/articles``;
- generated news items (police arrests, ministers' meetings, strikes, troop deployments, for
  several countries, from different desks), which give fused events reported by several
  articles, plus a wire story with an exact copy and a near copy (duplicate detection).

File names fix the input order (folders are read in name order), so every run of the same
corpus ingests the same documents in the same order.
"""

from __future__ import annotations

import os
import random
import shutil
from pathlib import Path

from .db import ROOT

COUNTRIES = [
    ("Kenya", "Nairobi", "Kenyan"),
    ("Peru", "Lima", "Peruvian"),
    ("Poland", "Warsaw", "Polish"),
    ("Indonesia", "Jakarta", "Indonesian"),
    ("Ghana", "Accra", "Ghanaian"),
    ("Chile", "Santiago", "Chilean"),
    ("Vietnam", "Hanoi", "Vietnamese"),
]
TEMPLATES = [
    (
        "{adj} police arrested {n} protesters in {city} on {day}, a police spokesman said. "
        "The demonstrators had gathered outside parliament to oppose a new fuel tax."
    ),
    (
        "The foreign minister of {country} met his counterpart from {other} in {city} on {day} to discuss trade. "
        "Both governments agreed to open talks on a free trade agreement next year."
    ),
    (
        "Thousands of teachers went on strike across {country} on {day}, demanding higher pay. "
        "The education ministry said it would meet union leaders next week."
    ),
    (
        "{country} announced on {day} that it would send {n} troops to a United Nations peacekeeping mission. "
        "The deployment is expected to begin in {month}."
    ),
    (
        "Opposition leaders in {country} accused the government on {day} of rigging the local elections. "
        '"We will not accept these results," an opposition spokeswoman told reporters in {city}.'
    ),
    (
        "The president of {country} on {day} called for a ceasefire in the border dispute with {other} "
        "and offered to host peace talks in {city} in {month}."
    ),
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
MONTHS = ["March", "April", "May", "June"]
DESKS = ["Metro Desk", "World Desk", "Wire Service"]


def shared_corpus() -> Path | None:
    """The shared folder of real statements, when present."""
    base = Path(os.environ.get("NEWSWIRE_SHARED", ROOT.parent / "shared"))
    folder = base / "data" / "corpus" / "wh-briefings" / "statements-releases"
    return folder if folder.is_dir() else None


def generated(folder: Path, n: int, *, seed: int = 8, prefix: str = "item") -> list[Path]:
    """``n`` short generated news items (two paragraphs each) with front matter; returns their paths."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        country, city, adj = rng.choice(COUNTRIES)
        other = rng.choice([c for c in COUNTRIES if c[0] != country])[0]
        first, second = rng.sample(TEMPLATES, 2)
        text = " ".join(
            tpl.format(
                country=country,
                city=city,
                adj=adj,
                other=other,
                n=rng.randint(12, 900),
                day=rng.choice(DAYS),
                month=rng.choice(MONTHS),
            )
            for tpl in (first, second)
        )
        front = (
            f"---\ntitle: {country} report {i}\ndate: 2023-0{1 + i % 9}-1{i % 10}\n"
            f"source: {DESKS[i % len(DESKS)]}\n---\n"
        )
        path = folder / f"{prefix}{i:04d}.md"
        path.write_text(front + text + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def wire_copies(folder: Path, *, prefix: str = "wire") -> list[Path]:
    """A long wire story, an exact copy (other case and spacing) and a near copy (credit lines added)."""
    story = " ".join(
        f"Officials in {c} said on {d} that the regional summit in {city} would focus on trade, energy and "
        f"migration, and that ministers from {o} were expected to attend."
        for (c, city, _), d, o in zip(
            COUNTRIES, DAYS * 2, ["Peru", "Kenya", "Chile", "Ghana", "Poland", "Peru", "Chile"], strict=False
        )
    )
    folder.mkdir(parents=True, exist_ok=True)
    texts = {
        f"{prefix}_a.txt": story,
        f"{prefix}_b.txt": "  " + story.upper() + "\n",
        f"{prefix}_c.txt": "(Reuters) - " + story + " Reporting by the desk.",
    }
    paths = []
    for name, text in texts.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def real_statements(
    folder: Path, n: int, *, seed: int = 1, min_bytes: int = 700, max_bytes: int = 2600
) -> list[Path]:
    """``n`` short real statements copied from the shared corpus (seeded sample), else the examples."""
    folder.mkdir(parents=True, exist_ok=True)
    src = shared_corpus()
    if src is None:
        pool = sorted((ROOT / "examples" / "articles").iterdir())
        chosen = pool[:n]
    else:
        pool = sorted(p for p in src.rglob("*.md") if min_bytes <= p.stat().st_size <= max_bytes)
        chosen = sorted(random.Random(seed).sample(pool, min(n, len(pool))))
    paths = []
    for i, p in enumerate(chosen):
        dest = folder / f"real{i:04d}{p.suffix}"
        shutil.copyfile(p, dest)
        paths.append(dest)
    return paths


def build(folder: Path, *, real: int = 24, items: int = 24, seed: int = 1) -> list[Path]:
    """The stress corpus in ``folder``: real statements, generated items and wire copies; the
    generated ones are interleaved by name with the real ones. Returns the files in input order."""
    real_statements(folder, real, seed=seed)
    generated(folder, items, seed=seed + 7, prefix="real0000_gen")  # sorts among the first real files
    wire_copies(folder, prefix="real9999_wire")
    return sorted(p for p in folder.iterdir() if p.is_file())


def shards(folder: Path, count: int, size: int, *, seed: int = 1) -> list[Path]:
    """``count`` sub-folders of about ``size`` new articles each (for the load test's ingest),
    distinct from one another: real statements when available, else generated items."""
    out = []
    src = shared_corpus()
    pool: list[Path] = []
    if src is not None:
        pool = sorted(p for p in src.rglob("*.md") if 700 <= p.stat().st_size <= 4000)
        random.Random(seed).shuffle(pool)
    for k in range(count):
        shard = folder / f"shard{k:03d}"
        shard.mkdir(parents=True)
        part = pool[k * size : (k + 1) * size]
        for i, p in enumerate(part):
            shutil.copyfile(p, shard / f"real{i:04d}.md")
        generated(shard, max(size - len(part), size // 3), seed=seed * 1000 + k, prefix=f"s{k:03d}_")
        out.append(shard)
    return out
