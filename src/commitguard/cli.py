"""The command line: thin. Parses arguments, calls the core, prints, returns an exit code.

Every failure is a CommitguardError carrying its exit code, rendered once, here.
"""

from __future__ import annotations

import os
import sys

import click

from commitguard import __version__
from commitguard.config import load as config_module
from commitguard.errors import (
    EXIT_OK,
    EXIT_USAGE,
    EXIT_VIOLATIONS,
    CommitguardError,
    UsageError,
)
from commitguard.formats import check as formats
from commitguard.formats.check import FORMATS
from commitguard.output import render, write_file

_CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
HOOK_NAMES = ("commit-msg", "pre-push")  # what `install` writes by default
# Opt-in: pre-commit refuses a mixed index early, prepare-commit-msg pre-fills the
# security template.
OPTIONAL_HOOKS = ("pre-commit", "prepare-commit-msg")
_hook_option = click.option(
    "--hook",
    "hooks",
    multiple=True,
    type=click.Choice(HOOK_NAMES + OPTIONAL_HOOKS),
    help="Only this hook (repeatable). Default: commit-msg and pre-push; pre-commit and "
    "prepare-commit-msg are opt-in.",
)


def run(argv: list[str]) -> int:
    """Run the CLI and return its exit code; nothing below here calls sys.exit."""
    try:
        result = cli.main(args=argv, prog_name="commitguard", standalone_mode=False)
    except CommitguardError as error:
        _print_error(error.message, error.hint)
        return error.exit_code
    except click.exceptions.Exit as done:  # --help, --version
        return done.exit_code
    except click.ClickException as error:
        error.show()
        return EXIT_USAGE if error.exit_code == 2 else error.exit_code
    except click.exceptions.Abort:
        click.echo("commitguard: aborted", err=True)
        return 130
    except KeyboardInterrupt:
        return 130
    return result if isinstance(result, int) else EXIT_OK


def _print_error(message: str, hint: str | None) -> None:
    paint = render.Painter(render.colour_enabled(sys.stderr))
    click.echo(render.error(message, hint, paint), nl=False, err=True)


@click.group(context_settings=_CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="commitguard")
def cli() -> None:
    """Keep the git history honest: one commit standard at every door.

    \b
    Example:
      commitguard install          # check every commit message from now on
      commitguard rules            # what the standard asks for
    """


_config_option = click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    help="Configuration file (default: .commitguard.yaml or pyproject.toml at the root).",
)


@cli.command()
@click.argument("file", required=False)
@click.option("--no-prompt", is_flag=True, help="Never ask anything (implied without a terminal).")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="json prints a machine-readable result on stdout.",
)
@_config_option
def lint(file: str | None, no_prompt: bool, output_format: str, config_path: str | None) -> int:
    """Check one commit message: FILE, - for stdin, or the repository's COMMIT_EDITMSG.

    This is what the commit-msg hook runs. A rejected message is kept in
    .git/COMMITGUARD_EDITMSG and the command to retry with it is printed. In a
    terminal, a security fix that lacks only its description, Impact: or Affects:
    is completed by asking for them (never with --no-prompt, in CI or without one).
    Exits 0 when the message follows the standard (warnings allowed), 1 when not.

    \b
    Examples:
      commitguard lint .git/COMMIT_EDITMSG
      echo 'feat(orders): add GET /api/orders' | commitguard lint -
    """
    from commitguard.commands import lint as commit_msg

    stdin = sys.stdin.buffer.read() if file == "-" else None
    outcome = commit_msg.run(file, stdin=stdin, config_path=config_path, no_prompt=no_prompt)
    out, err = render.lint_outcome(
        outcome, output_format, render.Painter(render.colour_enabled(sys.stderr))
    )
    click.echo(out, nl=False)
    click.echo(err, nl=False, err=True)
    if outcome.notice:
        click.echo(outcome.notice, err=True)
    return EXIT_VIOLATIONS if outcome.result.errors else EXIT_OK


@cli.command()
@click.argument("range_", metavar="[RANGE]", required=False)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--output",
    "output_file",
    type=click.Path(dir_okay=False, writable=True),
    help="Write the report here; a short summary still goes to stdout.",
)
@click.option("--fail-on-empty", is_flag=True, help="Exit 2 when the range holds no commit.")
@click.option(
    "--unshallow",
    is_flag=True,
    help="In a shallow clone, fetch the missing history first (git fetch --unshallow).",
)
@click.option(
    "--pre-push",
    "pre_push_remote",
    metavar="REMOTE",
    hidden=True,
    help="Check the refs git passes a pre-push hook on stdin.",
)
@_config_option
def check(
    range_: str | None,
    output_format: str,
    output_file: str | None,
    fail_on_empty: bool,
    unshallow: bool,
    pre_push_remote: str | None,
    config_path: str | None,
) -> int:
    """Check every commit in RANGE: CI gates and the pre-push hook.

    RANGE is one argument `git rev-list` accepts (A..B, A...B, or one revision for
    its whole history). Without it, the range comes from the CI's variables, the
    refs being pushed, or the upstream of the current branch; the output says which.
    Merges are skipped; a shallow clone that hides part of the range is exit 4,
    unless --unshallow fetches the rest first.

    \b
    Examples:
      commitguard check origin/main..HEAD
      commitguard check --format github
      commitguard check --format junit --output commitguard.xml
    """
    from commitguard.commands import check as gate

    result = gate.run_check(
        range_,
        env=dict(os.environ),
        config_path=config_path,
        pre_push_remote=pre_push_remote,
        keep_passing=output_format == "junit",
        stdin=sys.stdin if pre_push_remote is not None else None,
        progress=_progress if sys.stderr.isatty() else None,
        unshallow=unshallow,
    )
    if sys.stderr.isatty():
        click.echo("\r\033[K", nl=False, err=True)
    paint = render.Painter(render.colour_enabled(sys.stdout) and output_file is None)
    report = formats.render(result, output_format, paint)
    if output_file:
        write_file(output_file, report)
        click.echo(formats.summary_line(result))
    else:
        click.echo(report, nl=False)
    step_summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if output_format == "github" and step_summary:
        write_file(step_summary, formats.render(result, "markdown", render.Painter(False)), "a")
    if result.total == 0 and fail_on_empty:
        raise CommitguardError(f"no commits to check in {result.range} ({result.reason})")
    return EXIT_VIOLATIONS if result.errors else EXIT_OK


@cli.command()
@_config_option
def rules(config_path: str | None) -> int:
    """List every rule with its severity under the current configuration.

    \b
    Example:
      commitguard rules
    """
    from commitguard.rules import catalogue

    config = _load_config(config_path)
    paint = render.Painter(render.colour_enabled(sys.stdout))
    source = config.source or "built-in defaults"
    click.echo(f"preset {config.preset}, configuration from {source}\n")
    click.echo(render.rules_table(catalogue(), config, paint))
    return EXIT_OK


@cli.command()
@click.argument("rule_id", metavar="RULE")
@click.option(
    "--message",
    "message_file",
    metavar="FILE",
    help="security-impact: judge this message (- for stdin) with the staged paths.",
)
@click.option("--commit", metavar="REV", help="security-impact: judge this commit and its paths.")
@click.option(
    "--path", "paths", multiple=True, help="security-impact: judge as if PATH changed too."
)
@_config_option
def explain(
    rule_id: str,
    message_file: str | None,
    commit: str | None,
    paths: tuple[str, ...],
    config_path: str | None,
) -> int:
    """Explain one rule: why it exists, a good and a bad example, how to fix it.

    For security-impact, --message, --commit or --path show why a commit is judged
    security work (type, then scope, paths and subject words) and what its body lacks.

    \b
    Examples:
      commitguard explain security-impact
      commitguard explain security-impact --commit HEAD
      commitguard explain security-impact --message .git/COMMIT_EDITMSG
    """
    from commitguard.message.suggest import closest
    from commitguard.rules import catalogue

    if message_file or commit or paths:
        return _explain_security(rule_id, message_file, commit, paths, config_path)

    rules = catalogue()
    if rule_id not in rules:
        guess = closest(rule_id, list(rules))
        raise CommitguardError(
            f"unknown rule {rule_id!r}",
            (f"did you mean {guess!r}? " if guess else "") + "`commitguard rules` lists them all",
        )
    config = _load_config(config_path)
    paint = render.Painter(render.colour_enabled(sys.stdout))
    click.echo(render.explain(rules[rule_id], config, paint))
    return EXIT_OK


@cli.command()
@click.option(
    "--chain",
    is_flag=True,
    help="Keep a hook commitguard did not write, running it before commitguard.",
)
@_hook_option
def install(chain: bool, hooks: tuple[str, ...]) -> int:
    """Install the git hooks (commit-msg and pre-push) into this repository.

    The commit-msg hook checks each message as it is written; the pre-push hook
    checks every commit about to be pushed. Honours core.hooksPath and worktrees. A
    hook commitguard did not write is never overwritten: install refuses, or with
    --chain keeps it running first.

    Opt-in: `--hook pre-commit` refuses an index that mixes migrations with code
    before the message is typed; `--hook prepare-commit-msg` pre-fills the security
    template when the staged paths are security-sensitive.

    \b
    Examples:
      commitguard install
      commitguard install --hook commit-msg --hook pre-commit
    """
    from commitguard.commands import install as installer

    for action in installer.install(hooks or HOOK_NAMES, chain=chain):
        detail = f" ({action.detail})" if action.detail else ""
        click.echo(f"commitguard: {action.what} {action.hook} hook at {action.path}{detail}")
    return EXIT_OK


@cli.command()
@_hook_option
def uninstall(hooks: tuple[str, ...]) -> int:
    """Remove the hooks commitguard installed, and only those.

    \b
    Example:
      commitguard uninstall
    """
    from commitguard.commands import install as installer

    actions = installer.uninstall(hooks or HOOK_NAMES + OPTIONAL_HOOKS)
    for action in actions:
        detail = f" ({action.detail})" if action.detail else ""
        click.echo(f"commitguard: {action.what} {action.hook} hook at {action.path}{detail}")
    if not actions:
        click.echo("commitguard: no commitguard hooks installed")
    return EXIT_OK


@cli.command()
@click.option(
    "--preset",
    type=click.Choice(["team", "conventional"]),
    default="team",
    show_default=True,
    help="The standard to start from.",
)
@click.option("--force", is_flag=True, help="Replace an existing .commitguard.yaml.")
def init(preset: str, force: bool) -> int:
    """Write a commented .commitguard.yaml at the repository root.

    An existing file is never replaced without --force.

    \b
    Example:
      commitguard init --preset team
    """
    from commitguard import git
    from commitguard.commands import init as scaffold

    repository = git.find_repository()
    root = repository.toplevel if repository and repository.toplevel else os.getcwd()
    target = os.path.join(root, scaffold.CONFIG_NAME)
    if os.path.exists(target) and not force:
        raise CommitguardError(
            f"{target} already exists; it was left untouched",
            "edit it, or run `commitguard init --force` to start over",
        )
    write_file(target, scaffold.config_text(preset))
    click.echo(f"commitguard: wrote {target} (preset {preset})")
    return EXIT_OK


def _explain_security(
    rule_id: str,
    message_file: str | None,
    commit: str | None,
    paths: tuple[str, ...],
    config_path: str | None,
) -> int:
    from commitguard.security import explain as security_explain

    if rule_id != "security-impact":
        raise UsageError("--message, --commit and --path explain security-impact only")
    if message_file and commit:
        raise UsageError("give --message or --commit, not both")
    stdin = sys.stdin.buffer.read() if message_file == "-" else None
    source, message, changes = security_explain.gather(
        message_file or (None if commit else "-"), commit, paths, stdin
    )
    paint = render.Painter(render.colour_enabled(sys.stdout))
    text = security_explain.verdict(source, message, changes, _load_config(config_path), paint)
    click.echo(text)
    return EXIT_OK


def _progress(count: int) -> None:
    click.echo(f"\rcommitguard: {count:,} commits checked", nl=False, err=True)


def _load_config(config_path: str | None) -> config_module.Config:
    return config_module.for_repository(config_path)


# Commands that live with their feature. Each line registers one; keep them sorted.
from commitguard.commands.prepare_msg import prepare_msg  # noqa: E402
from commitguard.commands.report import report  # noqa: E402
from commitguard.commands.staged import staged  # noqa: E402

cli.add_command(prepare_msg)
cli.add_command(report)
cli.add_command(staged)
