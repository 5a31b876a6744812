"""The scope a commit's paths suggest: the module or feature name, as the standard says.

Pure: paths and the headers of earlier commits go in, a suggestion comes out. The
repository's own habit wins (the scope its commits most used for those paths); else the
module folder the paths share: a monorepo package (`packages/<name>/`, `apps/<name>/`),
a Django app (the folder holding `models.py` or `migrations/`), a NestJS module
(`src/<module>/`). Only ever offered: the shells show it, the author writes it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable

from commitguard.message.parse import parse
from commitguard.message.suggest import kebab_case
from commitguard.model import Value

# Folders whose next level is one package of a monorepo.
WORKSPACES = frozenset({"packages", "apps", "libs", "services", "plugins"})
# Folders that hold the modules rather than being one (`src/orders/` is `orders`).
CONTAINERS = frozenset({"src", "lib", "app", "source", "internal", "pkg", "modules"})
# Folders that hold no module of their own: tests and docs of every module.
NOT_MODULES = frozenset({"test", "tests", "__tests__", "spec", "e2e", "docs", "doc"})
# The files that make a folder a Django app.
DJANGO_FILES = frozenset(
    {"models.py", "views.py", "apps.py", "admin.py", "urls.py", "serializers.py", "forms.py"}
)
# How many earlier commits touching the paths are read: enough for a habit, bounded.
HISTORY_COMMITS = 100
# More folders than this and the history is not asked: the commit spans the repository.
MAX_PATHSPECS = 32


class Suggestion(Value):
    __slots__ = ("scope", "source")

    def __init__(self, scope: str, source: str) -> None:
        self.scope = scope
        self.source = source  # why: "history" (the repository's habit) or "folder"


def module_of(path: str) -> str | None:
    """The module a path belongs to, by its folders; None for a file of no module
    (`README.md`, `src/main.ts`, `test/app.e2e-spec.ts`)."""
    *folders, name = path.split("/")
    if len(folders) >= 2 and folders[0] in WORKSPACES:
        return folders[1]
    if "migrations" in folders[1:]:
        return folders[folders.index("migrations", 1) - 1]
    if name in DJANGO_FILES and folders:
        return folders[-1]
    rest = list(folders)
    while rest and rest[0] in CONTAINERS:
        rest.pop(0)
    if not rest or rest[0] in NOT_MODULES | WORKSPACES or rest[0].startswith("."):
        return None
    return rest[0]


def folder_scope(paths: Iterable[str]) -> str | None:
    """The module most of the paths (of those in a module) belong to, when it holds more
    than half of them: a commit across two modules suggests neither."""
    modules = Counter(module for path in paths if (module := module_of(path)))
    if not modules:
        return None
    module, count = modules.most_common(1)[0]
    return module if count * 2 > sum(modules.values()) else None


def history_pathspecs(paths: Iterable[str]) -> list[list[str]]:
    """What to ask git's history about, in turn: the staged files themselves (their own
    habit is the surest), then their folders (for new files), each literal; a list left
    out when too long to say anything of one module."""
    files = sorted(set(paths))
    folders = sorted({path.rpartition("/")[0] or path for path in files})
    asked = [files] if len(files) <= MAX_PATHSPECS else []
    if len(folders) <= MAX_PATHSPECS and folders != files:
        asked.append(folders)
    return [[f":(literal){path}" for path in specs] for specs in asked]


def used_scopes(headers: Iterable[str]) -> list[str]:
    """The scopes of `headers`, most used first; of equal counts, the most recent
    first (git lists the newest commit first)."""
    counts: Counter[str] = Counter()
    for header in headers:
        parsed = parse(header).header
        if parsed is None or not parsed.scope:
            continue
        counts.update(name.strip() for name in parsed.scope.split(",") if name.strip())
    return [scope for scope, _ in counts.most_common()]


def suggest(
    paths: Iterable[str], histories: Iterable[Iterable[str]], accepts: Callable[[str], bool]
) -> Suggestion | None:
    """The scope to offer for a commit of `paths`, given `histories`, the headers of
    earlier commits that touched them (per history_pathspecs, read only as far as
    needed): the most used one `accepts` takes in the first history that has one, else
    the module folder (as written, or kebab-case), else None."""
    for headers in histories:
        for scope in used_scopes(headers):
            if accepts(scope):
                return Suggestion(scope, "history")
    module = folder_scope(paths)
    if module is None:
        return None
    for scope in dict.fromkeys((module, kebab_case(module))):
        if scope and accepts(scope):
            return Suggestion(scope, "folder")
    return None
