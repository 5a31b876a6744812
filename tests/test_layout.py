"""The contributor docs stay true to the tree: the README's layout table names every
package and top-level module, and the contract the code points at is in the repository."""

from __future__ import annotations

import re

import pytest

from tests.helpers import ROOT

PACKAGE = ROOT / "src" / "commitguard"
README = (ROOT / "README.md").read_text()
LAYOUT = README.split("## How the code is laid out", 1)[1].split("\n## ", 1)[0]
PARTS = sorted(
    [f"{path.name}/" for path in PACKAGE.iterdir() if (path / "__init__.py").is_file()]
    + [path.name for path in PACKAGE.glob("*.py") if path.name != "__init__.py"]
)


@pytest.mark.parametrize("part", PARTS)
def test_the_readme_layout_names_every_package_and_module(part: str) -> None:
    assert f"| `{part}` |" in LAYOUT


def test_the_readme_layout_names_nothing_that_is_gone() -> None:
    named = re.findall(r"^\| `([^`]+)` \|", LAYOUT, flags=re.M)
    assert sorted(named) == PARTS


def test_every_pointer_to_the_design_names_a_file_that_exists() -> None:
    assert (ROOT / "docs/DESIGN.md").is_file()
    for folder in ("src", "tests", "bench"):
        for path in (ROOT / folder).rglob("*"):
            skipped = path.suffix not in (".py", ".md") or ".work" in path.parts
            if skipped or path.name == "test_layout.py":
                continue
            for line in path.read_text(encoding="utf-8").splitlines():
                for pointer in re.findall(r"[\w/]*DESIGN\.md", line):
                    assert pointer == "docs/DESIGN.md", f"{path}: {line.strip()}"


def test_the_repository_s_own_hook_configuration_is_one_pre_commit_accepts() -> None:
    # The repository guards itself through it (`pre-commit install`): a value
    # YAML cannot read (an unquoted `: ` in a hook's name) would switch every hook off.
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-config", ".pre-commit-config.yaml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
