"""The changed lines of the few paths whose lines decide a security judgement.

Only paths that detection could not judge by name are read (`Detection.wants_lines`),
and only when nothing else decided the commit: most commits never get here, so the
commit-msg hook pays for it only on a fix in an auth folder. Each path's two versions
come through one `git cat-file --batch` (git.read_blobs); they are compared here.
"""

from __future__ import annotations

from collections.abc import Iterable

from commitguard import git
from commitguard.edits import alike_ends

# A file larger than this is compared by its first lines only: a generated or vendored
# file must not hold up a commit.
_MAX_LINES = 5000
# Files with no lines to read: media, fonts, archives, compiled code. They hold no check,
# secret or token a reader could point to, and a blobless clone would fetch each one
# (a fix that removes an app's video is no security work by its bytes).
_UNREADABLE = (
    ".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico", ".bmp", ".tif", ".tiff", ".avif",
    ".mp4", ".mov", ".webm", ".avi", ".mkv", ".mp3", ".wav", ".ogg", ".flac",
    ".pdf", ".zip", ".gz", ".tgz", ".bz2", ".xz", ".7z", ".rar", ".jar", ".war",
    ".woff", ".woff2", ".ttf", ".otf", ".eot",
    ".so", ".dll", ".dylib", ".exe", ".bin", ".class", ".pyc", ".wasm", ".pack",
)  # fmt: skip


def staged_lines(paths: Iterable[str], cwd: str | None = None) -> dict[str, list[str]]:
    """Each path's changed lines between HEAD and the index ("+line"/"-line")."""
    return _lines(paths, "HEAD:", ":", cwd)


def commit_lines(sha: str, paths: Iterable[str], cwd: str | None = None) -> dict[str, list[str]]:
    """Each path's changed lines in commit `sha`, against its first parent."""
    return _lines(paths, f"{sha}^:", f"{sha}:", cwd)


def commits_lines(
    wanted: dict[str, tuple[str, ...]], cwd: str | None = None
) -> dict[str, dict[str, list[str]]]:
    """`commit_lines` of many commits (sha -> its paths), through one git process: for
    `check`, which reads the lines of the few fixes it flagged by their paths' names."""
    return _compared({sha: (f"{sha}^:", f"{sha}:", paths) for sha, paths in wanted.items()}, cwd)


def _lines(paths: Iterable[str], before: str, after: str, cwd: str | None) -> dict[str, list[str]]:
    return _compared({"": (before, after, tuple(dict.fromkeys(paths)))}, cwd)[""]


def _compared(
    sides: dict[str, tuple[str, str, tuple[str, ...]]], cwd: str | None
) -> dict[str, dict[str, list[str]]]:
    """For each key, (the `before` and `after` revision prefixes, the paths): each
    path's changed lines between its two versions, all read in one git call."""
    specs = [
        prefix + path
        for before, after, paths in sides.values()
        for path in paths
        if not path.lower().endswith(_UNREADABLE)
        for prefix in (before, after)
    ]
    texts = git.read_blobs(specs, cwd) if specs else {}
    return {
        key: {
            path: changed(texts.get(before + path) or "", texts.get(after + path) or "")
            for path in paths
        }
        for key, (before, after, paths) in sides.items()
    }


def changed(old: str, new: str) -> list[str]:
    """The lines removed ("-...") and added ("+...") from `old` to `new`: everything
    between the first and the last line that differ. Pure. Coarser than a diff where a
    file has two edits far apart, and cheaper (no matcher to import or run): the lines
    between them appear on both sides, and security/lines.py reads a line removed and
    added again as no change."""
    before = old.splitlines()[:_MAX_LINES]
    after = new.splitlines()[:_MAX_LINES]
    start, end = alike_ends(before, after)
    removed = before[start : len(before) - end]
    added = after[start : len(after) - end]
    return ["-" + line for line in removed] + ["+" + line for line in added]
