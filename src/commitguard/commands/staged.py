"""`commitguard staged`: the pre-commit door, before a message is even typed."""

from __future__ import annotations

import sys

import click

from commitguard import git
from commitguard.config import load as config_module
from commitguard.engine.lint import active_rules
from commitguard.errors import EXIT_OK, EXIT_VIOLATIONS, GitError
from commitguard.migrations import project
from commitguard.model import Change, Severity, Violation
from commitguard.output import render
from commitguard.rules.migrations import missing_downs, separate


def staged_violations(
    changes: tuple[Change, ...], config: config_module.Config, root: str
) -> list[Violation]:
    """What the index rules find in `changes`, at the configured severities."""
    severities = {rule.id: severity for rule, severity in active_rules(config)}
    found: list[Violation] = []
    if not changes:
        return found
    loaded = project.for_config(config, root)
    if "migration-separate" in severities:
        finding = separate(changes, loaded, history=False)
        if finding is not None:
            found.append(
                Violation(
                    "migration-separate",
                    severities["migration-separate"],
                    finding.message,
                    finding.hint,
                )
            )
    if "migration-without-down" in severities:
        found.extend(
            Violation(
                "migration-without-down", severities["migration-without-down"], f.message, f.hint
            )
            for f in missing_downs(changes, loaded)
        )
    return found


@click.command()
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    help="Configuration file (default: .commitguard.yaml or pyproject.toml at the root).",
)
def staged(config_path: str | None) -> int:
    """Check the index: refuse migrations staged together with application code.

    This is what the pre-commit hook runs, before the commit message is typed. It
    prints which files are migrations, which are code, and the commands that split
    them. Exits 0 when the index is fine (warnings allowed), 1 when not.

    \b
    Example:
      commitguard staged
    """
    repository = git.find_repository()
    if repository is None or repository.toplevel is None:
        raise GitError("not in a git work tree", "run `commitguard staged` inside the repository")
    config = config_module.for_repository(config_path, repository=repository)
    found = staged_violations(git.staged_changes(), config, repository.toplevel)
    paint = render.Painter(render.colour_enabled(sys.stderr))
    for violation in found:
        click.echo(_block(violation, paint) + "\n", err=True)
    errors = sum(1 for v in found if v.severity is Severity.ERROR)
    if errors:
        click.echo("commitguard: the index was refused; nothing was committed", err=True)
    return EXIT_VIOLATIONS if errors else EXIT_OK


def _block(violation: Violation, paint: render.Painter) -> str:
    level = violation.severity.value
    lines = [f"{paint(level, level)}{paint('bold', f'[{violation.rule}]: {violation.message}')}"]
    if violation.hint:
        first, *rest = violation.hint.split("\n")
        lines.append(f"  {paint('gutter', '=')} {paint('hint', 'fix:')} {first}")
        lines.extend(f"         {line}" for line in rest)
    return "\n".join(lines)
