"""`commitguard staged`: the pre-commit door, before a message is even typed."""

from __future__ import annotations

from commitguard import git, output
from commitguard.config import load as config_module
from commitguard.engine.lint import active_rules
from commitguard.errors import EXIT_OK, EXIT_VIOLATIONS, GitError
from commitguard.migrations import project
from commitguard.model import Change, Severity, Violation
from commitguard.output.violations import block
from commitguard.rules.migrations import separate, staged_downs


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
        finding = separate(changes, loaded)
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
            for f in staged_downs(changes, loaded)
        )
    return found


def main(config_path: str | None = None) -> int:
    """`commitguard staged`: the index's violations on stderr; exit 1 on an error."""
    repository = git.find_repository()
    if repository is None or repository.toplevel is None:
        raise GitError("not in a git work tree", "run `commitguard staged` inside the repository")
    config = config_module.for_repository(config_path, repository=repository)
    found = staged_violations(git.staged_changes(), config, repository.toplevel)
    paint = output.stderr_painter()
    said = "".join("\n".join(block(violation, paint)) + "\n\n" for violation in found)
    errors = sum(1 for v in found if v.severity is Severity.ERROR)
    if errors:
        said += "commitguard: the index was refused; nothing was committed\n"
    output.emit(stderr=said)
    return EXIT_VIOLATIONS if errors else EXIT_OK
