"""The `commitguard` console script and `python -m commitguard`.

The commit-msg hook runs `commitguard lint FILE` on every commit, so that one shape of
command line is parsed here, by hand, and never pays for importing click (about 30 ms,
more than the rest of the hook). Anything else, `--help` included, goes to cli.py.
"""

from __future__ import annotations

import gc
import sys

from commitguard import interrupts

_LINT_FLAGS = {"--no-prompt"}
_LINT_OPTIONS = ("--format", "--config")


def parse_quick_lint(argv: list[str]) -> dict[str, str | None] | None:
    """The options of a plain `lint` command line, or None to leave it to click."""
    if not argv or argv[0] != "lint":
        return None
    from commitguard.formats.lint import FORMATS

    choices = {"--format": FORMATS, "--config": None}
    options: dict[str, str | None] = {"file": None, "--format": "text", "--config": None}
    args = iter(argv[1:])
    positional_only = False
    for arg in args:
        if positional_only or arg == "-" or not arg.startswith("-"):
            if options["file"] is not None:
                return None
            options["file"] = arg
        elif arg == "--":
            positional_only = True
        elif arg in _LINT_FLAGS:
            options[arg] = "yes"
        elif arg.partition("=")[0] in _LINT_OPTIONS:
            name, equals, value = arg.partition("=")
            if not equals:
                value = next(args, "")
            allowed = choices[name]
            if not value or (allowed is not None and value not in allowed):
                return None  # click words the usage error
            options[name] = value
        else:
            return None
    return options


def quick_lint(options: dict[str, str | None]) -> int:
    """The same `main` click's `lint` calls, and the same error block as cli.run."""
    # The hook's process lives for one message. The cyclic garbage collector would walk
    # the objects the imports make, again and again as they are made and once more at
    # exit, and free none of them: it stays off for the run, and its pass at exit is
    # spared (everything alive is frozen first). Reference counting frees as ever.
    collecting = gc.isenabled()
    gc.disable()
    _freeze_at_exit()
    try:
        return _lint(options)
    finally:
        if collecting:  # the tests run this in their own process, which goes on
            gc.enable()


def _freeze_at_exit() -> None:
    global _FREEZING
    if not _FREEZING:
        import atexit

        atexit.register(gc.freeze)
        _FREEZING = True


_FREEZING = False


def _lint(options: dict[str, str | None]) -> int:
    try:
        # git answers the door's questions while the door and its rules are imported.
        from commitguard.commands.lint_git import GitAnswers

        asked = GitAnswers(ahead=True)
        try:
            from commitguard import output
            from commitguard.commands import lint
            from commitguard.errors import CommitguardError

            try:
                return lint.main(
                    options["file"],
                    output_format=options["--format"] or "text",
                    config_path=options["--config"],
                    no_prompt=options.get("--no-prompt") is not None,
                    asked=asked,
                )
            except CommitguardError as failure:
                output.show_error(failure)
                return failure.exit_code
        finally:
            asked.wait()
    except KeyboardInterrupt:
        # Ctrl-C once the verdict is known (before it, commitguard/interrupts.py ends
        # the process itself): one line and the shell's code, never a traceback.
        interrupts.tell()
        return interrupts.INTERRUPTED


def main() -> int:
    argv = sys.argv[1:]
    if argv[:1] == ["lint"]:
        # Before anything else is imported: a Ctrl-C that lands in an import must end
        # the hook, not be lost there (commitguard/interrupts.py).
        previous = interrupts.stop_at_once()
        try:
            options = parse_quick_lint(argv)
            if options is not None:
                return quick_lint(options)
        finally:
            interrupts.restore(previous)
    from commitguard.cli import run

    return run(argv)


if __name__ == "__main__":
    sys.exit(main())
