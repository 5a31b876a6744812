"""Plain git hooks for developers without the pre-commit framework.

A hook commitguard did not write is never overwritten: `install` refuses, or with
`chain` keeps it running before commitguard. `uninstall` removes only what it wrote.
Both change the hooks directory all at once or not at all: every new hook is written in
full before any file is moved, and a failure puts back what was already moved. In a
husky repository the hooks live in the git dir, run by one line in the team's scripts.
"""

from __future__ import annotations

import os
import shlex
import sys
from typing import TYPE_CHECKING

from commitguard import output
from commitguard.errors import EXIT_OK, UsageError
from commitguard.git import find_repository, hooks_directory
from commitguard.model import Value

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

# cli.py reads the hook names for `--hook` on every start of every command: pathlib is
# imported by the functions that make paths, as nothing else in commitguard needs it.

HOOK_NAMES = ("commit-msg", "pre-push")  # what `install` writes by default
# Opt-in: pre-commit refuses a mixed index early, prepare-commit-msg pre-fills the
# security template.
OPTIONAL_HOOKS = ("pre-commit", "prepare-commit-msg")

CHAINED_SUFFIX = ".pre-commitguard"
_PYTHON = "@COMMITGUARD_PYTHON@"
_START = "@COMMITGUARD_START@"
_PYTHON_LINE = f"COMMITGUARD_PYTHON={_PYTHON}\n"

# How every hook starts commitguard: `python -c START ARGS`. git runs a hook from the
# top of the work tree, and `python -m` or `-c` puts that folder first on sys.path, so
# a committed subprocess.py, re.py or commitguard/ would run inside the hook. `-P` is
# 3.11+, `-I` also drops the user's site-packages (`pip install --user`), and `-m`
# imports runpy and its modules before anything could be dropped (and costs the hook
# time). START drops "" (the work tree, for -c), the work tree itself and whatever
# PYTHONPATH named relative to it (Python has made those absolute), then imports
# commitguard. os and sys are loaded at start-up: nothing is looked up before. A Python
# that no longer has commitguard says so in a line, as `-m` did, not in a traceback.
START = """import os, sys
unsafe = {os.getcwd()} | {
    os.path.abspath(entry)
    for entry in os.environ.get("PYTHONPATH", "").split(os.pathsep)
    if not os.path.isabs(entry)
}
sys.path[:] = [entry for entry in sys.path if entry and os.path.abspath(entry) not in unsafe]
try:
    from commitguard.__main__ import main
except ImportError as missing:
    print(f"commitguard: cannot start with {sys.executable}: {missing}", file=sys.stderr)
    sys.exit(2)
sys.exit(main())"""


class Action(Value):
    """What was done to one hook file."""

    __slots__ = ("hook", "path", "what", "detail")

    def __init__(self, hook: str, path: Path, what: str, detail: str = "") -> None:
        self.hook = hook
        self.path = path
        self.what = what  # "installed", "updated", "chained", "removed", "restored", "skipped"
        self.detail = detail


def template(hook: str) -> str:
    """The hook script from `hooks/`, with this interpreter filled in."""
    return _render(_read_template(_templates_directory() / hook), shlex.quote(sys.executable))


def _render(text: str, python: str) -> str:
    return text.replace(_START, shlex.quote(START)).replace(_PYTHON, python)


def _read_template(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _templates_directory() -> Path:
    from pathlib import Path

    packaged = Path(__file__).parents[1] / "hooks"  # inside an installed wheel
    if packaged.is_dir():
        return packaged
    return Path(__file__).parents[3] / "hooks"  # a source checkout or editable install


def _known_texts(hook: str) -> list[str]:
    """Every text `install` has written for `hook`, its Python left as a placeholder.

    Today's, and each released one kept in hooks/released/<version>/ (from `git log -p
    hooks/`), so that installing a new version replaces the old hook instead of taking
    it for the user's. Changing a hook of a released version starts by copying its
    released text there.
    """
    directory = _templates_directory()
    released = sorted((directory / "released").glob(f"*/{hook}"))
    return [_read_template(path) for path in [directory / hook, *released]]


def is_ours(path: Path, hook: str) -> bool:
    """Whether `path` holds exactly what some `install` wrote for `hook`.

    Byte for byte, but for the Python it records: a hook installed from another
    virtual environment is still commitguard's to update or remove. Anything else, a
    marker line copied into the team's own script or a symlink (dangling or not)
    included, is the user's hook.
    """
    if path.is_symlink() or not path.is_file():
        return False
    try:
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return any(_matches(text, known) for known in _known_texts(hook))


def _matches(text: str, known: str) -> bool:
    before, line, after = _render(known, _PYTHON).partition(_PYTHON_LINE)
    prefix = before + "COMMITGUARD_PYTHON="
    if not line or not text.startswith(prefix):
        return False
    quoted, newline, rest = text[len(prefix) :].partition("\n")
    if not newline or rest != after:
        return False
    try:
        words = shlex.split(quoted)
    except ValueError:
        return False
    # what shlex.quote made of some interpreter's path, and nothing more
    return len(words) == 1 and shlex.quote(words[0]) == quoted


def install_hooks(hooks: tuple[str, ...] = HOOK_NAMES, *, chain: bool = False) -> int:
    """`commitguard install`: write the hooks, and say what was done to each."""
    output.emit(_said(install(hooks, chain=chain)))
    return EXIT_OK


def uninstall_hooks(hooks: tuple[str, ...] = HOOK_NAMES + OPTIONAL_HOOKS) -> int:
    """`commitguard uninstall`: remove the hooks commitguard wrote, and only those."""
    actions = uninstall(hooks)
    output.emit(_said(actions) or "commitguard: no commitguard hooks installed\n")
    return EXIT_OK


def _said(actions: list[Action]) -> str:
    return "".join(
        f"commitguard: {action.what} {action.hook} hook at {action.path}"
        + (f" ({action.detail})" if action.detail else "")
        + "\n"
        for action in actions
    )


def install(
    hooks: tuple[str, ...], *, chain: bool = False, cwd: Path | None = None
) -> list[Action]:
    from pathlib import Path

    directory = Path(hooks_directory(None if cwd is None else str(cwd)))
    husky = _husky_folder(directory, cwd)
    if husky is not None:
        # An earlier commitguard wrote its hooks into husky's .husky/_, renaming the
        # stubs: put the stubs back, or commitguard would run twice until `npm install`.
        earlier = _uninstall_plain(directory, hooks) if directory.parent == husky else []
        return _done(earlier) + _install_husky(husky, _shared_git_dir(cwd), hooks)
    # Refuse before writing anything, so a refusal leaves the repository as it was.
    plans = [_plan(hook, directory / hook, chain) for hook in hooks]
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as failure:
        raise _not_changed(f"cannot create {directory}", failure) from None
    with _Transaction() as change:
        staged = [change.stage(path, template(hook)) for hook, path, _ in plans]
        actions = []
        for (hook, path, what), temporary in zip(plans, staged, strict=True):
            if what == "chained":
                change.move(path, _chained(path))
            change.move(temporary, path)
            detail = f"the previous hook now runs first, from {_chained(path).name}"
            actions.append(Action(hook, path, what, detail if what == "chained" else ""))
    return actions


def _plan(hook: str, path: Path, chain: bool) -> tuple[str, Path, str]:
    """What installing `hook` at `path` will do, or the reason it must not."""
    if not os.path.lexists(path):
        return hook, path, "installed"
    if path.is_dir() and not path.is_symlink():
        raise UsageError(
            f"{path} is a directory, not a hook; it was left untouched",
            "move it out of the hooks directory, then run `commitguard install` again",
        )
    if is_ours(path, hook):
        return hook, path, "updated"
    if not path.is_symlink():
        try:
            path.open("rb").close()
        except OSError as failure:
            raise UsageError(
                f"cannot read {path} ({failure.strerror}); it was left untouched",
                "commitguard cannot tell whose hook it is: fix its permissions, "
                "then run `commitguard install` again",
            ) from None
    if not chain:
        raise UsageError(
            f"{path} exists and was not written by commitguard; it was left untouched",
            _foreign_hook_advice(path, hook),
        )
    if os.path.lexists(_chained(path)):
        raise UsageError(
            f"{path} and {_chained(path)} both exist; commitguard will not overwrite either",
            "merge them by hand, then run `commitguard install` again",
        )
    return hook, path, "chained"


def uninstall(hooks: tuple[str, ...], *, cwd: Path | None = None) -> list[Action]:
    from pathlib import Path

    directory = Path(hooks_directory(None if cwd is None else str(cwd)))
    actions = _uninstall_plain(directory, hooks)
    husky = _husky_folder(directory, cwd)
    if husky is not None:  # husky's own stubs are no news
        actions = _done(actions) + _uninstall_husky(husky, _shared_git_dir(cwd), hooks)
    return actions


def _done(actions: list[Action]) -> list[Action]:
    return [action for action in actions if action.what != "skipped"]


def _uninstall_plain(directory: Path, hooks: tuple[str, ...]) -> list[Action]:
    actions = []
    with _Transaction() as change:
        for hook in hooks:
            path = directory / hook
            if not os.path.lexists(path):
                continue
            if not is_ours(path, hook):
                actions.append(Action(hook, path, "skipped", "not written by commitguard"))
                continue
            chained = _chained(path)
            if os.path.lexists(chained):
                change.move(chained, path)  # commitguard's is set aside, then deleted
                actions.append(Action(hook, path, "restored", "the hook that was there before"))
            else:
                change.remove(path)
                actions.append(Action(hook, path, "removed"))
    return actions


# --- husky ------------------------------------------------------------------------------
#
# husky (v9) sets core.hooksPath to .husky/_, where each hook is a stub that runs the
# team's committed .husky/<hook> with `sh -e`; `npm install` rewrites .husky/_ from
# scratch, and a hook renamed there runs nothing. So commitguard's hook lives in the git
# dir (it names this machine's Python: never committed), and the team's .husky/<hook>
# gets one line that runs it. The line is the same on every machine. Where commitguard
# is not installed it stops the commit and says how to install it: a line that passed
# in silence would let the team believe every commit had been checked.

_HUSKY_HOME = "commitguard/hooks"  # in the git common dir, shared by every worktree
_HUSKY_MISSING = (
    'echo "commitguard: not installed in this clone: install it and run'
    ' \\`commitguard install\\`, or skip once with --no-verify" >&2; exit 1'
)


def husky_line(hook: str) -> str:
    """The line commitguard adds to the team's .husky/<hook>, and removes again."""
    find = f'commitguard_hook="$(git rev-parse --git-common-dir)/{_HUSKY_HOME}/{hook}"'
    run = '"$commitguard_hook" "$@" || exit $?'
    if hook == "pre-push":
        # git's refs arrive on stdin, once: kept in a file, read by commitguard, then
        # given again to the rest of the team's script (`git lfs pre-push` reads them).
        run = (
            'commitguard_refs=$(mktemp) && cat >"$commitguard_refs" && '
            '"$commitguard_hook" "$@" <"$commitguard_refs" && exec <"$commitguard_refs"; '
            'commitguard_status=$?; rm -f "$commitguard_refs"; '
            '[ "$commitguard_status" = 0 ] || exit "$commitguard_status"'
        )
    return f'{find}; if [ -x "$commitguard_hook" ]; then {run}; else {_HUSKY_MISSING}; fi'


def _husky_folder(directory: Path, cwd: Path | None) -> Path | None:
    """The team's .husky/ when husky runs this repository's hooks, or will."""
    from pathlib import Path

    stubs = ("h", "husky.sh")  # husky 9's dispatcher; husky 8's
    in_husky = directory.name == "_" and directory.parent.name == ".husky"
    if in_husky and any((directory / stub).is_file() for stub in stubs):
        return directory.parent
    repository = find_repository(None if cwd is None else str(cwd))
    if repository is None or repository.toplevel is None:
        return None
    folder = Path(repository.toplevel, ".husky")
    return folder if folder.is_dir() and not folder.is_symlink() else None


def _shared_git_dir(cwd: Path | None) -> Path:
    """What `git rev-parse --git-common-dir` answers, the line's own starting point.

    A linked worktree's git dir names the shared one in its `commondir` file.
    """
    from pathlib import Path

    repository = find_repository(None if cwd is None else str(cwd))
    assert repository is not None  # hooks_directory() has found it already
    git_dir = Path(repository.git_dir)
    pointer = git_dir / "commondir"
    if pointer.is_file():
        return (git_dir / pointer.read_text(encoding="utf-8").strip()).resolve()
    return git_dir


def _install_husky(folder: Path, git_dir: Path, hooks: tuple[str, ...]) -> list[Action]:
    home = git_dir / _HUSKY_HOME
    plans = [_plan(hook, home / hook, chain=False) for hook in hooks]
    edits = [(hook, folder / hook, _team_script(folder / hook)) for hook in hooks]
    try:
        home.mkdir(parents=True, exist_ok=True)
    except OSError as failure:
        raise _not_changed(f"cannot create {home}", failure) from None
    actions = []
    with _Transaction() as change:
        staged = [change.stage(path, template(hook)) for hook, path, _ in plans]
        lines = []
        for hook, script, (text, mode) in edits:
            line = husky_line(hook)
            wanted = _with_line(text, line) if text is not None else line + "\n"
            lines.append(change.stage(script, wanted, mode) if wanted != text else None)
        for (hook, path, what), temporary, new_text in zip(plans, staged, lines, strict=True):
            change.move(temporary, path)
            script = folder / hook
            if new_text is not None:
                change.move(new_text, script)
                what = "installed"
            detail = f"a line that runs {path}; commit it, so that the whole team runs it"
            actions.append(Action(hook, script, what, detail))
    return actions


def _uninstall_husky(folder: Path, git_dir: Path, hooks: tuple[str, ...]) -> list[Action]:
    home = git_dir / _HUSKY_HOME
    actions = []
    with _Transaction() as change:
        for hook in hooks:
            script = folder / hook
            text, mode = _team_script(script) if os.path.lexists(script) else (None, 0)
            line = husky_line(hook)
            if text is not None and line in text.splitlines():
                kept = "".join(
                    each for each in text.splitlines(keepends=True) if each.rstrip("\r\n") != line
                )
                if kept.strip() and kept.strip() != "#!/usr/bin/env sh":
                    change.move(change.stage(script, kept, mode), script)
                else:
                    change.remove(script)  # nothing of the team's was left in it
                actions.append(Action(hook, script, "removed", "the line commitguard added"))
            ours = home / hook
            if os.path.lexists(ours) and is_ours(ours, hook):
                change.remove(ours)
    return actions


def _team_script(path: Path) -> tuple[str | None, int]:
    """The text and mode of the team's .husky/<hook>; (None, 0o755) when there is none."""
    if not os.path.lexists(path):
        return None, 0o755
    if path.is_symlink() or not path.is_file():
        raise UsageError(
            f"{path} is not a plain file; commitguard will not rewrite it",
            f"add this line to the script it stands for:\n  {husky_line(path.name)}",
        )
    try:
        return path.read_text(encoding="utf-8"), path.stat().st_mode & 0o7777
    except (OSError, UnicodeDecodeError) as failure:
        raise UsageError(f"cannot read {path} ({failure}); it was left untouched") from None


def _with_line(text: str, line: str) -> str:
    """`text` with `line` first, after a `#!` line if there is one."""
    lines = text.splitlines(keepends=True)
    if any(each.rstrip("\r\n") == line for each in lines):
        return text
    at = 1 if lines and lines[0].startswith("#!") else 0
    if at and not lines[0].endswith("\n"):
        lines[0] += "\n"
    return "".join([*lines[:at], line + "\n", *lines[at:]])


def _chained(path: Path) -> Path:
    return path.with_name(path.name + CHAINED_SUFFIX)


def _foreign_hook_advice(path: Path, hook: str) -> str:
    try:
        with path.open("rb") as handle:
            head = handle.read(2048).decode("utf-8", "replace")
    except OSError:
        head = ""  # a dangling symlink: a hook all the same, and the user's
    if "pre-commit" in head and "File generated by pre-commit" in head:
        return (
            "this repository uses the pre-commit framework: add commitguard to "
            ".pre-commit-config.yaml instead (see the README)"
        )
    return (
        f"run `commitguard install --chain` to keep it running before commitguard, "
        f'or fold it into your own {hook} hook by calling `commitguard lint "$1"`'
    )


def _not_changed(what: str, failure: OSError) -> UsageError:
    reason = failure.strerror or str(failure)
    return UsageError(
        f"{what} ({reason}); no hook was changed",
        "free some space or fix the permissions of the hooks directory, then run the command again",
    )


class _Transaction:
    """File changes in one directory that all happen, or are all undone.

    `stage` writes a complete new file under a name of its own (never a fixed name that
    something could squat); `move` and `remove` are renames, and what they displace is
    set aside rather than deleted. When anything fails, the steps already taken are
    undone in reverse and a UsageError says that nothing changed; on success what was
    set aside is deleted.
    """

    def __init__(self) -> None:
        self._undo: list[Callable[[], None]] = []
        self._leftovers: list[Path] = []  # staged files not moved, files set aside

    def __enter__(self) -> _Transaction:
        return self

    def __exit__(self, kind: object, failure: BaseException | None, trace: object) -> None:
        if failure is not None:
            from contextlib import suppress

            for undo in reversed(self._undo):
                with suppress(OSError):  # put back the rest; the error names the first
                    undo()
        for leftover in self._leftovers:
            leftover.unlink(missing_ok=True)
        if isinstance(failure, OSError):
            where = failure.filename or "the hooks directory"
            raise _not_changed(f"cannot change {where}", failure) from None

    def stage(self, beside: Path, text: str, mode: int = 0o755) -> Path:
        """A new file with `text` (executable unless told), in the directory of `beside`."""
        temporary = self._unique(beside, ".commitguard-new")
        try:
            temporary.write_text(text, encoding="utf-8")
            temporary.chmod(mode)
        except OSError as failure:  # a full disk, a file size limit
            raise _not_changed(f"cannot write {beside}", failure) from None
        return temporary

    def move(self, source: Path, target: Path) -> None:
        self._set_aside(target)
        os.rename(source, target)

        self._undo.append(lambda: os.rename(target, source))  # then `kept` goes back

    def remove(self, path: Path) -> None:
        self._set_aside(path)

    def _set_aside(self, path: Path) -> Path | None:
        """Move what is at `path` to a name of its own, to be put back or deleted."""
        if not os.path.lexists(path):
            return None
        kept = self._unique(path, ".commitguard-old")
        os.rename(path, kept)
        self._undo.append(lambda: os.rename(kept, path))
        return kept

    def _unique(self, beside: Path, suffix: str) -> Path:
        """A new empty file next to `beside` that no one else has: mkstemp's O_EXCL."""
        import tempfile
        from pathlib import Path

        handle, name = tempfile.mkstemp(prefix=f".{beside.name}.", suffix=suffix, dir=beside.parent)
        os.close(handle)
        self._leftovers.append(Path(name))
        return Path(name)
