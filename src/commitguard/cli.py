"""The command line, and only its wiring: every click command is defined here, parses
its options and calls one function of its door in commands/, which returns the exit
code. The commit-msg hook's fast lane (__main__.py) calls the same `lint` door.

Every failure is a CommitguardError carrying its exit code, rendered once, here.
"""

from __future__ import annotations

import click

from commitguard import __version__, output
from commitguard.commands.install import HOOK_NAMES, OPTIONAL_HOOKS
from commitguard.errors import EXIT_OK, EXIT_USAGE, CommitguardError
from commitguard.formats.check import FORMATS as CHECK_FORMATS
from commitguard.formats.lint import FORMATS as LINT_FORMATS
from commitguard.formats.report import FORMATS as REPORT_FORMATS

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing_extensions import Unpack

    from commitguard.commands.check import CheckOptions
    from commitguard.commands.explain import ExplainOptions
    from commitguard.commands.report import ReportOptions

# Each command imports its door in commands/ when it runs: a start of the CLI pays for
# click, the format names and the hook names, not for every command's machinery. A door
# with many options declares them once, as a TypedDict of the click parameter names; the
# command here passes them on as they come.

_CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
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
        output.show_error(error)
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
    type=click.Choice(LINT_FORMATS),
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
    from commitguard.commands import lint as door

    return door.main(
        file, output_format=output_format, config_path=config_path, no_prompt=no_prompt
    )


@cli.command()
@click.argument("range_", metavar="[RANGE]", required=False)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(CHECK_FORMATS),
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
@click.option(
    "--config-from",
    metavar="REV",
    help="Judge by the configuration as it is at REV (read through git), not the "
    "checkout's: in CI, the base branch's, so a pull request cannot switch off the "
    "rules that judge it. With --config, that path (from the repository root) at REV.",
)
@click.option(
    "--include-bots",
    is_flag=True,
    help="Judge bot commits (renovate, dependabot, [bot] accounts, report.bots) too; "
    "by default they are skipped and listed.",
)
def check(**options: Unpack[CheckOptions]) -> int:
    """Check every commit in RANGE: CI gates and the pre-push hook.

    RANGE is one argument `git rev-list` accepts (A..B, A...B, or one revision for
    its whole history). Without it, the range comes from the CI's variables, the
    refs being pushed, or the upstream of the current branch; the output says which.
    Merges are skipped, and so are commits a bot wrote (by its author: [bot]
    accounts, dependabot, renovate, ..., and report.bots), which are listed;
    --include-bots judges them. A shallow clone that hides part of the range is
    exit 4, unless --unshallow fetches the rest first.

    \b
    Examples:
      commitguard check origin/main..HEAD
      commitguard check --format github
      commitguard check --format junit --output commitguard.xml
      commitguard check --config-from origin/main origin/main..HEAD
    """
    from commitguard.commands import check as door

    return door.main(options)


@cli.command()
@_config_option
def staged(config_path: str | None) -> int:
    """Check the index: refuse migrations staged together with application code.

    This is what the pre-commit hook runs, before the commit message is typed. It
    prints which files are migrations, which are code, and the commands that split
    them. Exits 0 when the index is fine (warnings allowed), 1 when not.

    \b
    Example:
      commitguard staged
    """
    from commitguard.commands import staged as door

    return door.main(config_path)


@cli.command()
@click.option("--since", help="Start of the window: 2w, 14d, 36h, 3mo, 1y or a date. Default: 2w.")
@click.option(
    "--until", help="End of the window: a date or a duration back from now. Default: now."
)
@click.option(
    "--date",
    "basis",
    type=click.Choice(["author", "committer"]),
    default="author",
    show_default=True,
    help="Which date of a commit places it in the window.",
)
@click.option(
    "--rev", "revisions", multiple=True, help="Revision to walk (repeatable). Default: HEAD."
)
@click.option("--all", "all_refs", is_flag=True, help="Walk every branch and tag.")
@click.option("--path", "paths", multiple=True, help="Only commits and lines under this path.")
@click.option("--author", help="Only this person (part of a name or an email).")
@click.option("--include-bots", is_flag=True, help="Count bots as people instead of listing them.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(REPORT_FORMATS),
    default="table",
    show_default=True,
    help="table is for a terminal; markdown pastes into a PR or chat; html is one file.",
)
@click.option(
    "--output", "output_file", type=click.Path(dir_okay=False), help="Write the report here."
)
@click.option(
    "--repo",
    "repositories",
    multiple=True,
    type=click.Path(file_okay=False),
    help="Repository to report on (repeatable, one report over all). Default: here.",
)
@click.option(
    "--repos-from",
    "repositories_file",
    type=click.Path(dir_okay=False),
    help="File listing repositories to report on, one path a line (relative to the file; "
    "# comments and blank lines skipped).",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    help="Repositories read at once, each in a process of its own. Default: one per CPU.",
)
@click.option(
    "--fail-on-violations", is_flag=True, help="Exit 1 when a commit in the window breaks a rule."
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    help="Configuration file (default: each repository's own).",
)
def report(**options: Unpack[ReportOptions]) -> int:
    """What each engineer's commits in a time window hold: the work, not a ranking.

    Team figures first, with the change against the previous window of the same
    length; then each person, alphabetically; then the commits that need attention.
    Identities go through .mailmap and report.aliases; merges and bots are left out
    and said so. Exits 0 when the report is made, whatever the history holds.

    \b
    Examples:
      commitguard report --since 2w
      commitguard report --since 2026-01-05 --until 2026-01-19 --format markdown
      commitguard report --since 1mo --all --format html --output team.html
      commitguard report --repo ../api --repo ../web --format json
      commitguard report --repos-from services.txt --format html --output team.html
    """
    from commitguard.commands import report as door

    return door.report(options)


@cli.command()
@_config_option
def rules(config_path: str | None) -> int:
    """List every rule with its severity under the current configuration.

    \b
    Example:
      commitguard rules
    """
    from commitguard.commands import explain as door

    return door.list_rules(config_path)


@cli.command()
@click.argument("rule_id", metavar="RULE")
@click.option(
    "--message",
    "message_file",
    metavar="FILE",
    help="security-impact: judge this message (- for stdin) with the staged paths.",
)
@click.option(
    "--commit",
    metavar="REV",
    help="security-impact, migration rules: judge this commit and its paths.",
)
@click.option(
    "--path", "paths", multiple=True, help="security-impact: judge as if PATH changed too."
)
@click.option(
    "--staged", is_flag=True, help="migration rules: judge the staged paths, path by path."
)
@_config_option
def explain(**options: Unpack[ExplainOptions]) -> int:
    """Explain one rule: why it exists, a good and a bad example, how to fix it.

    For security-impact, --message, --commit or --path show why a commit is judged
    security work (type, then scope, paths and subject words) and what its body lacks.
    For the migration rules, --commit, --staged or --path show how each path was sorted
    (migration, schema, generated, neutral or code), by which framework and why.

    \b
    Examples:
      commitguard explain security-impact
      commitguard explain security-impact --commit HEAD
      commitguard explain security-impact --message .git/COMMIT_EDITMSG
      commitguard explain migration-separate --commit HEAD
      commitguard explain migration-separate --staged
    """
    from commitguard.commands import explain as door

    return door.explain_rule(options)


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
    from commitguard.commands import install as door

    return door.install_hooks(hooks or HOOK_NAMES, chain=chain)


@cli.command()
@_hook_option
def uninstall(hooks: tuple[str, ...]) -> int:
    """Remove every hook commitguard installed: commit-msg, pre-push, pre-commit and
    prepare-commit-msg, and only those.

    A hook commitguard did not write stays; one it kept with --chain is put back.
    With husky, the one line install added to each .husky/ hook is removed. --hook
    removes only the hooks named.

    \b
    Examples:
      commitguard uninstall
      commitguard uninstall --hook pre-commit
    """
    from commitguard.commands import install as door

    return door.uninstall_hooks(hooks or HOOK_NAMES + OPTIONAL_HOOKS)


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
    from commitguard.commands import init as door

    return door.main(preset, force=force)


@cli.command("prepare-msg")
@click.argument("file")
@click.argument("source", required=False, default="")
@click.argument("sha", required=False)
def prepare_msg(file: str, source: str, sha: str | None) -> int:
    """Add a commented security template to FILE (the prepare-commit-msg hook).

    Only when the editor opens a new message and the staged paths match
    security.paths. Always exits 0: it prepares, it never judges.

    \b
    Example:
      commitguard prepare-msg .git/COMMIT_EDITMSG
    """
    from commitguard.commands import prepare_msg as door

    return door.main(file, source)
