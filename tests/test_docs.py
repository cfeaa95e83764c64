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


def test_readme_example_is_what_analyze_prints():
    """The README's console example (minus its shortened places lines) is the real output."""
    import re

    from click.testing import CliRunner

    from newswire.cli import main

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```console\n\$ echo \"(.+?)\" \\\n  \| newswire analyze - --published (\S+) --format text\n(.*?)```", readme, re.DOTALL)
    assert block is not None, "README lost its console example"
    text, published, shown = block.groups()
    result = CliRunner().invoke(main, ["analyze", "-", "--published", published, "--format", "text"], input=text + "\n")
    assert result.exit_code == 0, result.output
    printed = result.stdout.splitlines()
    for line in shown.splitlines():
        if line.startswith("Places"):
            break  # shortened in the README
        assert line in printed, f"README example line not in the output: {line!r}"
