"""What to run after the commit-msg hook refused a message: commands that work as printed.

The hook never sees git's command line, only the state git leaves for it, so the advice
is built from what that state proves and states a condition where it proves nothing:

- Amending looks the same as a new commit from inside the hook (the same index, the
  same author variables), so both retries are printed, each with when to use it. The
  amend form is left out where git refuses to amend: no HEAD yet, a merge or a
  cherry-pick in progress.
- `git commit -a` and `git commit PATHS` build the commit in a temporary index
  (GIT_INDEX_FILE, `index.lock` or `next-index-*.lock`) that git throws away once the
  hook refuses, so a bare retry would commit something else or nothing. The retry
  names the same staging again: `-a` when it reproduces that index exactly, else the
  paths the commit changes, or `-p` (pick the hunks again) when only parts of them
  were staged.
- In an interactive rebase the retry is followed by `git rebase --continue`, as git's
  own advice below it says.

Imported only when a message is refused: the hook pays for none of it on a pass.
"""

from __future__ import annotations

import os
import shlex

from commitguard import git


def advice(kept: str, git_dir: str, cwd: str | None = None) -> str:
    """The lines that say where the message was kept and how to commit it again."""
    staging, paths = _staging(git_dir, cwd)

    def retry(*flags: str) -> str:
        words = ["git", "commit", *flags, *staging, "--edit", f"--file={kept}"]
        return "  " + shlex.join([*words, "--", *paths] if paths else words)

    again = " (pick the same hunks again)" if "-p" in staging else ""
    lines = [f"Your message was kept in {kept}. Fix it and retry with{again}:", retry()]
    if _can_amend(git_dir, cwd):
        lines += ["or, if you were amending the last commit (--amend, or a rebase's reword):"]
        lines += [retry("--amend")]
    if os.path.isdir(os.path.join(git_dir, "rebase-merge")):
        lines += ["then go on with the rebase:", "  git rebase --continue"]
    return "\n".join(lines)


def _can_amend(git_dir: str, cwd: str | None) -> bool:
    # git refuses `--amend` in the middle of a merge or a cherry-pick, and before the
    # first commit there is nothing to amend.
    if any(os.path.exists(os.path.join(git_dir, f)) for f in ("MERGE_HEAD", "CHERRY_PICK_HEAD")):
        return False
    return git.resolve_commit("HEAD", cwd) is not None


def _staging(git_dir: str, cwd: str | None) -> tuple[list[str], list[str]]:
    """(flags, paths) that stage again what git was about to commit."""
    index = os.environ.get("GIT_INDEX_FILE")
    if not index or _same_file(os.path.join(cwd or "", index), os.path.join(git_dir, "index")):
        return [], []  # the repository's own index: it is still there for the retry
    # `-a`, `-i PATHS` and `-p` lock the index and add to it; `git commit PATHS`
    # (--only) builds a fresh one from HEAD. Where the locked index now matches the
    # work tree, `-a` builds the same one again.
    included = os.path.basename(index) == "index.lock"
    if included and git.index_matches_work_tree(cwd):
        return ["-a"], []
    changed = git.staged_changes(cwd)
    paths = sorted({p for c in changed for p in (c.path, c.old_path) if p is not None})
    # Naming the paths again takes each whole from the work tree: right unless only
    # some hunks were staged (`-p`), which only the person can pick again.
    if paths and not git.index_matches_work_tree(cwd, tuple(paths)):
        return ["-p"], []
    return (["-i"] if included and paths else []), paths


def _same_file(left: str, right: str) -> bool:
    return os.path.realpath(left) == os.path.realpath(right)
