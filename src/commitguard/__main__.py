"""The `commitguard` console script and `python -m commitguard`.

The commit-msg hook runs `commitguard lint FILE` on every commit, so that one shape of
command line is parsed here, by hand, and never pays for importing click (about 30 ms,
more than the rest of the hook). Anything else, `--help` included, goes to cli.py.
"""

from __future__ import annotations

import sys

_LINT_FLAGS = {"--no-prompt"}
_LINT_OPTIONS = {"--format": ("text", "json"), "--config": None}


def parse_quick_lint(argv: list[str]) -> dict[str, str | None] | None:
    """The options of a plain `lint` command line, or None to leave it to click."""
    if not argv or argv[0] != "lint":
        return None
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
            choices = _LINT_OPTIONS[name]
            if not value or (choices is not None and value not in choices):
                return None  # click words the usage error
            options[name] = value
        else:
            return None
    return options


def quick_lint(options: dict[str, str | None]) -> int:
    from commitguard.commands import lint as commit_msg
    from commitguard.errors import EXIT_OK, EXIT_VIOLATIONS, CommitguardError
    from commitguard.output import render

    paint = render.Painter(render.colour_enabled(sys.stderr))
    file = options["file"]
    config = options["--config"]
    try:
        outcome = commit_msg.run(
            file,
            stdin=sys.stdin.buffer.read() if file == "-" else None,
            config_path=config,
            no_prompt=options.get("--no-prompt") is not None,
        )
    except CommitguardError as failure:
        sys.stderr.write(render.error(failure.message, failure.hint, paint))
        return failure.exit_code
    out, err = render.lint_outcome(outcome, options["--format"] or "text", paint)
    sys.stdout.write(out)
    sys.stderr.write(err)
    if outcome.notice:
        sys.stderr.write(outcome.notice + "\n")
    return EXIT_VIOLATIONS if outcome.result.errors else EXIT_OK


def main() -> int:
    argv = sys.argv[1:]
    options = parse_quick_lint(argv)
    if options is not None:
        return quick_lint(options)
    from commitguard.cli import run

    return run(argv)


if __name__ == "__main__":
    sys.exit(main())
