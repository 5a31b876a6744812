"""Every command has help with an example and a README section; every rule is documented."""

from __future__ import annotations

import re

import pytest

from commitguard.cli import cli
from commitguard.rules import catalogue
from tests.helpers import ROOT, run_commitguard

README = (ROOT / "README.md").read_text()
COMMANDS = sorted(cli.commands)


def test_readme_starts_with_the_install_and_the_test_commands() -> None:
    blocks = re.findall(r"```sh\n(.*?)```", README, flags=re.S)
    assert "pip install ." in blocks[0]
    assert "commitguard" in blocks[0].split("pip install .", 1)[1]
    assert "pip install -e '.[test]'" in blocks[1]
    assert "pytest" in blocks[1]
    ci = (ROOT / ".ci" / "run").read_text()
    assert blocks[1].strip() in ci


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = run_commitguard(command, "--help")
    assert result.returncode == 0
    assert "Example" in result.stdout
    assert f"commitguard {command}" in result.stdout.split("Example", 1)[1]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_a_readme_section(command: str) -> None:
    assert f"### commitguard {command}" in README


@pytest.mark.parametrize("rule_id", sorted(catalogue()))
def test_every_rule_is_in_the_readme_table(rule_id: str) -> None:
    assert f"| `{rule_id}` |" in README
