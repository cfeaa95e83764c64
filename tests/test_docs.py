"""Documentation stays true: CLI reference generated from the CLI, README's first lines."""

from __future__ import annotations

from pathlib import Path

from newswire.cli import reference_markdown

ROOT = Path(__file__).resolve().parents[1]


def test_cli_reference_is_current():
    on_disk = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert on_disk == reference_markdown(), "docs/cli.md is stale: run `make docs`"


def test_readme_shows_the_two_commands_first():
    head = "\n".join((ROOT / "README.md").read_text(encoding="utf-8").splitlines()[:15])
    assert "make demo" in head and "make test" in head


def test_docs_links_resolve():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    import re

    for target in re.findall(r"\]\(([^)#]+)\)", readme):
        if "://" in target:
            continue
        assert (ROOT / target).exists(), f"README links to missing {target}"
