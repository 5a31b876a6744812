"""Plain git hooks for developers without the pre-commit framework.

A hook commitguard did not write is never overwritten: `install` refuses, or with
`chain` keeps it running before commitguard. `uninstall` removes only what it wrote.
"""

from __future__ import annotations

import shlex
import sys
from typing import TYPE_CHECKING

from commitguard import output
from commitguard.errors import EXIT_OK, UsageError
from commitguard.git import hooks_directory
from commitguard.model import Value

if TYPE_CHECKING:
    from pathlib import Path

# cli.py reads the hook names for `--hook` on every start of every command: pathlib is
# imported by the functions that make paths, as nothing else in commitguard needs it.

HOOK_NAMES = ("commit-msg", "pre-push")  # what `install` writes by default
# Opt-in: pre-commit refuses a mixed index early, prepare-commit-msg pre-fills the
# security template.
OPTIONAL_HOOKS = ("pre-commit", "prepare-commit-msg")

MARKER = "# commitguard-managed-hook:"
CHAINED_SUFFIX = ".pre-commitguard"
_PYTHON = "@COMMITGUARD_PYTHON@"
_START = "@COMMITGUARD_START@"

# How every hook starts commitguard: `python -c START ARGS`. git runs a hook from the
# top of the work tree, and `python -m` or `-c` puts that folder first on sys.path, so
# a committed subprocess.py, re.py or commitguard/ would run inside the hook. `-P` is
# 3.11+, `-I` also drops the user's site-packages (`pip install --user`), and `-m`
# imports runpy and its modules before anything could be dropped (and costs the hook
# time). START drops "" (the work tree, for -c), the work tree itself and whatever
# PYTHONPATH named relative to it (Python has made those absolute), then imports
# commitguard. os and sys are loaded at start-up: nothing is looked up before.
START = (
    "import os, sys; "
    "unsafe = {os.getcwd()} | {os.path.abspath(entry) for entry in "
    'os.environ.get("PYTHONPATH", "").split(os.pathsep) if not os.path.isabs(entry)}; '
    "sys.path[:] = [entry for entry in sys.path "
    "if entry and os.path.abspath(entry) not in unsafe]; "
    "from commitguard.__main__ import main; sys.exit(main())"
)


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
    source = _templates_directory() / hook
    text = source.read_text(encoding="utf-8")
    return text.replace(_START, shlex.quote(START)).replace(_PYTHON, shlex.quote(sys.executable))


def _templates_directory() -> Path:
    from pathlib import Path

    packaged = Path(__file__).parents[1] / "hooks"  # inside an installed wheel
    if packaged.is_dir():
        return packaged
    return Path(__file__).parents[3] / "hooks"  # a source checkout or editable install


def is_ours(path: Path) -> bool:
    try:
        with path.open("r", encoding="utf-8", errors="replace") as handle:
            head = handle.read(512)
    except OSError:
        return False
    return MARKER in head


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
    # Refuse before writing anything, so a refusal leaves the repository as it was.
    plans = [(hook, directory / hook) for hook in hooks]
    for hook, path in plans:
        if path.exists() and not is_ours(path) and not chain:
            raise UsageError(
                f"{path} exists and was not written by commitguard; it was left untouched",
                _foreign_hook_advice(path, hook),
            )
        if path.exists() and not is_ours(path) and _chained(path).exists():
            raise UsageError(
                f"{path} and {_chained(path)} both exist; commitguard will not overwrite either",
                "merge them by hand, then run `commitguard install` again",
            )
    directory.mkdir(parents=True, exist_ok=True)
    actions = []
    for hook, path in plans:
        what = "installed"
        if path.exists():
            if is_ours(path):
                what = "updated"
            else:
                path.rename(_chained(path))
                what = "chained"
        _write_executable(path, template(hook))
        detail = (
            f"the previous hook now runs first, from {_chained(path).name}"
            if (what == "chained")
            else ""
        )
        actions.append(Action(hook, path, what, detail))
    return actions


def uninstall(hooks: tuple[str, ...], *, cwd: Path | None = None) -> list[Action]:
    from pathlib import Path

    directory = Path(hooks_directory(None if cwd is None else str(cwd)))
    actions = []
    for hook in hooks:
        path = directory / hook
        if not path.exists():
            continue
        if not is_ours(path):
            actions.append(Action(hook, path, "skipped", "not written by commitguard"))
            continue
        path.unlink()
        chained = _chained(path)
        if chained.exists():
            chained.rename(path)
            actions.append(Action(hook, path, "restored", "the hook that was there before"))
        else:
            actions.append(Action(hook, path, "removed"))
    return actions


def _chained(path: Path) -> Path:
    return path.with_name(path.name + CHAINED_SUFFIX)


def _foreign_hook_advice(path: Path, hook: str) -> str:
    head = path.read_text(encoding="utf-8", errors="replace")[:2048]
    if "pre-commit" in head and "File generated by pre-commit" in head:
        return (
            "this repository uses the pre-commit framework: add commitguard to "
            ".pre-commit-config.yaml instead (see the README)"
        )
    return (
        f"run `commitguard install --chain` to keep it running before commitguard, "
        f'or fold it into your own {hook} hook by calling `commitguard lint "$1"`'
    )


def _write_executable(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.commitguard-tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.chmod(0o755)
    temporary.replace(path)
