"""The range-level migration rules: what one commit alone cannot show.

Fed the commits of `check`'s single streamed `git log`, newest first. It keeps only
the few commits that touch migrations or schema files (and a pointer per line of
history), so memory stays flat; migration text is read at the end, through one git
process, and only for the commits a rule is about to flag.

Branches: with a base (`origin/main..HEAD`, a push, a pull request) the range is the
branch. Without one (a whole history) each side line of a merge is followed from the
merge's second parent along first parents until it meets a line already followed, and
the main line is not judged for order. Where two lines meet, the commits from there on
are the line's that merged them first: the line the other's merge is on, or else the
older merge's (a branch forked from another's work, merged after it, brings only its
own commits). A commit's branch, for schema-without-migration, is its line, the lines
merged into it and the lines it was merged into, up to the main line or a long-lived
line (one merged into the main line again and again: `next`, `develop`), so a pull
request's helper branches and `git pull` merges are the pull request's, and a sibling
pull request's migration covers nothing of it.

In `check` this one pass judges the per-commit migration rules too (`per_commit` is
the configuration the per-commit engine gets, with them turned off): the paths are
sorted once, and 100,000 commits do not pay for six rule calls each.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from commitguard.config.load import Config
from commitguard.migrations import identity, restated
from commitguard.migrations.classify import CODE, MIGRATION_SIDE, NEUTRAL, Match, Sorted
from commitguard.migrations.content import is_destructive
from commitguard.migrations.files import Files, History
from commitguard.migrations.presets import MIGRATION, SCHEMA
from commitguard.migrations.project import Project
from commitguard.migrations.structure import reading_once
from commitguard.model import Commit, Finding, Severity, Value, Violation
from commitguard.rules import catalogue
from commitguard.rules.migrations import (
    FAMILY,
    WAIVER,
    Sides,
    missing_downs,
    mixed,
    no_down,
    pathspec,
    schema_specs,
    sides,
    structural,
    to_read,
    waiver,
)

ReadBlobs = Callable[[list[str]], "dict[str, str | None]"]  # "<rev>:<path>" -> text
BlobId = Callable[[str], "str | None"]  # "<rev>:<path>" -> the blob's id, None if none
InBase = Callable[[tuple[str, ...], list[str]], "set[str]"]  # which paths the base has
FilesUnder = Callable[[str, str], "list[str]"]  # (revision, folder) -> its files' paths
# A window asked about: its commits with their files and their parents', the commits
# with a path that may be more than code, and what reads git's answers (None: nothing).
_Asked = tuple[list[tuple[int, Commit, Files, Files]], set[int], Callable[[], None] | None]
# Commits taken before they are judged: what judging them asks of git (each commit's
# frameworks and markers) is asked at once, not one round trip at a time.
_WINDOW = 256
_SCOPE = re.compile(r"[^\s(:!]+\(([^)]*)\)")
# What the per-commit engine exempts in a history: git's reverts and autosquash commits.
_EXEMPT = ('Revert "', 'Reapply "', "fixup! ", "squash! ", "amend! ")
_GENERATE = {
    "prisma": "npx prisma migrate dev",
    "django": "python manage.py makemigrations",
    "alembic": "alembic revision --autogenerate",
    "rails": "bin/rails generate migration",
    "typeorm": "npx typeorm migration:generate",
    "drizzle": "npx drizzle-kit generate",
    "atlas": "atlas migrate diff",
    "supabase": "supabase db diff",
    "hasura": "hasura migrate create",
}


class Subject(Value):
    """A commit a range rule may report on: enough to print it."""

    __slots__ = ("index", "sha", "root", "author_name", "author_email", "header")

    def __init__(self, index: int, commit: Commit) -> None:
        self.index = index  # its position in the stream, to keep git's order
        self.sha = commit.sha
        self.root = not commit.parents  # a first commit: no `<sha>^` to name
        self.author_name = commit.author_name
        self.author_email = commit.author_email
        self.header = commit.message.partition("\n")[0]


class _Migration:
    __slots__ = ("subject", "scopes", "paths", "roots", "after")

    def __init__(
        self, subject: Subject, scopes: frozenset[str], paths: list[str], roots: frozenset[str]
    ) -> None:
        self.subject = subject
        self.scopes = scopes
        self.paths = paths  # the migrations it adds
        self.roots = roots  # their apps' roots ("apps/api/"), "" for the repository's root
        self.after: Subject | None = None  # the code commit it follows


Migrated = set[tuple[str, str]]  # (framework, app root) of the migrations seen
# A migration a commit adds: (framework, app root, path, the commit's stream index).
Added = tuple[str, str, str, int]


class _Branch:
    __slots__ = (
        "judged",
        "pending",
        "migrated",
        "added",
        "moved",
        "parent",
        "tip",
        "lasting",
    )

    def __init__(self, judged: bool, parent: _Branch | None = None, tip: str = "") -> None:
        self.judged = judged  # the main line of a whole history is not a branch
        self.pending: list[_Migration] = []  # newer migrations, no code seen before yet
        self.migrated: Migrated = set()  # the migrations it changes or deletes
        self.added: list[Added] = []  # the migrations it adds, in either order
        self.moved: set[tuple[str, str]] = set()  # (app root, root) its schemas moved
        self.parent = parent  # the line of the merge that began it
        self.tip = tip  # the commit its merge brought in (its second parent)
        # Merged into the main line more than once: a long-lived line (`next`,
        # `develop`) that pull requests are merged into, not itself one.
        self.lasting = False

    def within(self, other: _Branch) -> bool:
        """Whether this line began at a merge on `other`, or on a line that did."""
        line = self.parent
        while line is not None:
            if line is other:
                return True
            line = line.parent
        return False


class _Cover:
    """What may cover one commit's schema change: the migrations of its own commit and,
    off the main line of a whole history, those of the branch that merged it."""

    __slots__ = ("own", "branch")

    def __init__(self, own: Migrated, branch: _Branch | None) -> None:
        self.own = own
        self.branch = branch


class RangeRules:
    def __init__(
        self,
        config: Config,
        settings: Project,
        read: ReadBlobs,
        in_base: InBase,
        history: History,
        blob_id: BlobId,
        *,
        each_window: bool = False,
        files_under: FilesUnder | None = None,
    ) -> None:
        self._severity = {rule: config.severities[rule] for rule in _RULES}
        self.per_commit = config.with_severities(dict.fromkeys(_RULES, Severity.OFF))
        self._found: list[tuple[Subject, Violation]] = []  # the per-commit rules' findings
        self._settings = settings
        self._claims = settings.classify.layouts.claims  # which paths may be more than code
        self._read = read
        self._in_base = in_base
        self._history = history  # each commit's own files, as its paths are judged by
        self._blob_id = blob_id
        # Commits whose only migration-side files are schema files: mixed or not is
        # settled at the end, when their schema edits are read in one git call.
        self._schema_mixed: list[tuple[Subject, Commit, Sides]] = []
        self._window: list[tuple[int, Commit]] = []  # seen, not yet asked about
        # The window asked about, judged once the next one is.
        self._asked: _Asked | None = None
        self._base: tuple[str, ...] = ()
        self._expected: dict[str, int] = {}  # the next commit of each line -> that line
        self._branches: dict[int, _Branch] = {}
        self._lines: list[_Branch] = []  # every line opened, ended or not
        self._next_id = 0
        self._flagged: list[_Migration] = []
        # (commit, path, status, base, the path as a printed command names it, and the
        # migrations the commit adds, which a deleted one may have moved to)
        self._edited: list[tuple[Subject, str, str, tuple[str, ...], str | None, bool]] = []
        # (commit, the schema file's change, framework, app root, the migrations that may
        # cover it: its commit's and its branch's, or, on the main line of a whole
        # history, its own commit's)
        self._schema: list[tuple[Subject, Sorted, str, str, _Cover]] = []
        # Each migration path -> the stream index of the oldest commit seen adding it: a
        # later commit adding it again (a bot's merge-conflict "resolution" that copies
        # the target branch's tree) brings no new migration to its branch.
        self._first_added: dict[str, int] = {}
        self._merged_into: dict[_Branch, list[_Branch]] | None = None  # line -> lines
        # Each line's branch migrations, once asked: several schema commits share a line.
        self._by_line: dict[_Branch, tuple[Migrated, set[tuple[str, str]]]] = {}
        # `report`: each window's per-commit verdicts settled as it is judged (see take)
        self._each_window = each_window
        self._files_under = files_under
        self._sides: dict[int, frozenset[str]] = {}  # commit -> its migration-side paths
        # Added migrations whose own text says whether they can be rolled back: read at
        # the end (each window's end for `report`), in one git call.
        self._downs: list[tuple[Subject, Sorted]] = []

    @property
    def active(self) -> bool:
        return any(severity is not Severity.OFF for severity in self._severity.values())

    def begin(self, revisions: Iterable[str]) -> None:
        """A new range: its negative revisions are the base."""
        self._judge_seen()  # the last range's commits, against its own base
        self._base = tuple(r for r in revisions if r.startswith("^") or ".." in r)
        self._expected.clear()
        self._branches.clear()

    def see(self, index: int, commit: Commit) -> bool:
        """Take the next commit of the stream; it is judged with the next few, once
        what judging them asks of git has been asked at once (`_WINDOW`). True when
        this judged them: every commit seen so far (`report`'s `each_window`; `check`
        judges each window while git answers the next one's questions)."""
        self._window.append((index, commit))
        if len(self._window) < _WINDOW:
            return False
        self._judge_window()
        return self._each_window

    def _judge_window(self) -> None:
        """Ask git what judging the commits seen needs, once the window asked before
        is judged: git works out the answers while the next window streams in."""
        self._settle()
        window: list[tuple[int, Commit, Files, Files]] = [
            # Every commit, so each learns its files from its child's, whose questions
            # are answered by now: see migrations/files.py.
            (index, commit, *self._history.files(commit.sha, commit.parents, commit.changes))
            for index, commit in self._window
        ]
        self._window = []
        claims = self._claims
        asked: dict[Files, list[str]] = {}
        claimed: set[int] = set()  # the commits with a path that may be more than code
        for index, commit, files, parent_files in window:
            if commit.is_merge:
                continue
            paths = [c.path for c in commit.changes if claims(c.path)]
            if paths:
                claimed.add(index)
                asked.setdefault(files, []).extend(paths)
                # A deleted path alone is judged by the parent's files (see _judge).
                gone = [c.path for c in commit.changes if c.status == "D" and claims(c.path)]
                if gone:
                    asked.setdefault(parent_files, []).extend(gone)
        learn = self._settings.prepare_later(list(asked.items())) if asked else None
        self._asked = (window, claimed, learn)
        if self._each_window:
            self._settle()

    def _judge_seen(self) -> None:
        """Judge every commit seen: the window asked of git, then the one still open."""
        self._judge_window()
        self._settle()

    def _settle(self) -> None:
        """Judge the window asked of git last, its answers read."""
        if self._asked is None:
            return
        window, claimed, learn = self._asked
        self._asked = None
        if learn is not None:
            learn()
        for index, commit, files, parent_files in window:
            self._judge(index, commit, files, parent_files, index in claimed)
        if self._each_window:
            with reading_once():
                # One window's few edits, read in this process: it reads the next
                # window's versions as edits of these.
                texts = self._schema_texts([])
                answers = [
                    structural(item, texts, sha, together)
                    for item, sha, together in self._mixing_questions()
                ]
                self._found.extend(self._schema_mixing(answers))
            self._found.extend(self._rollbacks())
            self._schema_mixed.clear()
            self._schema.clear()  # the range rules are not asked for: keep memory flat
            self._edited.clear()
            self._flagged.clear()

    def take(self) -> tuple[dict[int, list[Violation]], dict[int, frozenset[str]]]:
        """For `report`, which counts each commit as `check` judges it: the per-commit
        migration rules' findings and the migration-side paths of every commit judged
        since the last call, by stream index. With `each_window`, commits are judged
        (and their schema edits read) a window at a time: `see` them, then `flush`."""
        found: dict[int, list[Violation]] = {}
        for subject, violation in self._found:
            found.setdefault(subject.index, []).append(violation)
        sides, self._found, self._sides = self._sides, [], {}
        return found, sides

    def flush(self) -> None:
        """Judge the commits seen and not judged yet (the end of a `report` stream)."""
        self._judge_seen()

    def _judge(
        self, index: int, commit: Commit, files: Files, parent_files: Files, claimed: bool
    ) -> None:
        branch = self._branch(commit)
        changes = commit.changes
        if commit.is_merge or commit.message.startswith(_EXEMPT):
            return
        reason = waiver(commit.message)
        if reason is not None:
            self._waiver(Subject(index, commit), reason)
            if reason:
                return  # a waiver exempts its commit from every migration rule
        if not changes:
            return
        if not claimed:
            sorted_changes = None  # code alone, whatever the commit's files say
        else:
            classify = self._settings.classifier(files)
            # The parent's files judge only what the commit deleted (or renamed away).
            before = (
                self._settings.classifier(parent_files)
                if any(c.status == "D" or c.old_path for c in changes)
                else None
            )
            sorted_changes = classify.changes(changes, before)
        if sorted_changes is None:  # code alone
            if branch.judged and branch.pending:
                self._code_commit(branch, index, commit)
            return
        sorted_changes = _apps_removed(sorted_changes)
        sorted_changes, renamed = self._unmoved(commit.sha, sorted_changes)
        sorted_changes = self._schemas_moved(commit.sha, sorted_changes, branch)
        if self._each_window:
            self._sides[index] = frozenset(
                i.change.path for i in sorted_changes if i.match.kind in MIGRATION_SIDE
            )
        subject = self._per_commit(index, commit, sorted_changes)
        code = side = False
        added: list[str] = []
        roots: set[str] = set()
        own: Migrated = set()
        cover = _Cover(own, branch if branch.judged else None)
        for item in sorted_changes:
            change, match = item.change, item.match
            code = code or match.kind == CODE
            side = side or match.kind in MIGRATION_SIDE
            if match.kind == CODE and (item.old is None or item.old.kind == CODE):
                continue
            if match.kind == MIGRATION:
                framework = match.preset or ""
                own.add((framework, match.root))
                if change.status in "AC":
                    added.append(change.path)
                    roots.add(match.root)
                    self._first_added[change.path] = index  # the stream goes back in time
                    if branch.judged:
                        branch.added.append((framework, match.root, change.path, index))
                elif branch.judged:
                    branch.migrated.add((framework, match.root))
            gone = item.old or match
            if gone.kind == MIGRATION and change.status in "MDRT":
                subject = subject or Subject(index, commit)
                edited = change.old_path or change.path
                spec = pathspec(edited, (other.path for other in changes))
                self._edited.append(
                    (subject, edited, change.status, self._base, spec, edited in renamed)
                )
            if match.kind == SCHEMA:
                subject = subject or Subject(index, commit)
                self._schema.append((subject, item, match.preset or "", match.root, cover))
        if not branch.judged:
            return
        if added and not code:
            subject = subject or Subject(index, commit)
            migration = _Migration(subject, _scopes(commit.message), added, frozenset(roots))
            branch.pending.append(migration)
        elif code and not side and branch.pending:
            self._code_commit(branch, index, commit)

    def _per_commit(
        self, index: int, commit: Commit, sorted_changes: tuple[Sorted, ...]
    ) -> Subject | None:
        """migration-separate and migration-without-down, on the paths sorted once."""
        found: list[tuple[str, Finding]] = []
        subject = Subject(index, commit)
        if self._severity["migration-separate"] is not Severity.OFF:
            two_sides = sides(sorted_changes)
            if two_sides is not None and two_sides.side:
                finding = mixed(
                    two_sides,
                    [],  # the schema files need no reading: a migration decides it
                    commit.changes,
                    history=True,
                    sha=commit.sha,
                    root=not commit.parents,
                )
                found += [("migration-separate", finding)] if finding else []
            elif two_sides is not None:
                self._schema_mixed.append((subject, commit, two_sides))
        if self._severity["migration-without-down"] is not Severity.OFF:
            found += [
                ("migration-without-down", f)
                for f in missing_downs(commit.changes, self._settings, sorted_changes)
            ]
            unread = to_read(sorted_changes, self._settings)
            self._downs += [(subject, item) for item in unread]
            if unread and not found:
                return subject
        if not found:
            return None
        for rule, finding in found:
            violation = self._violation(rule, finding.message, finding.hint, finding.path)
            self._found.append((subject, violation))
        return subject

    def _waiver(self, subject: Subject, reason: str) -> None:
        if self._severity["migration-waiver"] is Severity.OFF:
            return
        if reason:
            self._found.append(
                (subject, self._violation("migration-waiver", f"migration rules waived: {reason}"))
            )
        else:
            message = f"`{WAIVER}:` gives no reason, so it waives nothing"
            hint = f"write `{WAIVER}: <why this exception is justified>`"
            self._found.append((subject, self._violation("migration-waiver", message, hint)))

    def _code_commit(self, branch: _Branch, index: int, commit: Commit) -> None:
        """The newer migrations of its scope on its branch came after it: flag them."""
        scopes = _scopes(commit.message)
        paths = [change.path for change in commit.changes]
        for migration in [m for m in branch.pending if self._related(m, scopes, paths)]:
            migration.after = Subject(index, commit)
            self._flagged.append(migration)
            branch.pending.remove(migration)

    def _branch(self, commit: Commit) -> _Branch:
        """The line of history `commit` is on; sets up the lines its parents continue."""
        current = self._expected.pop(commit.sha, 0)
        if not current:  # the tip, or a commit whose child is not in the range
            # With a base the range is the branch; a whole history's main line is not.
            current = self._open(judged=bool(self._base))
        branch = self._branches[current]
        parents = commit.parents
        if parents:
            self._continue(parents[0], current)
            for parent in parents[1:]:  # a merge: its side branch begins
                self._continue(parent, self._open(judged=True, parent=branch, tip=parent))
        return branch

    def _continue(self, sha: str, line: int) -> None:
        """Line `line` goes on at commit `sha`. Where two lines meet, one ends: the one
        whose merge is on the other (`sha` is in that merge's first parent), or else,
        of two side branches, the later merged (its merge's first parent has `sha`,
        merged first by the other); where the main line meets one, the side line."""
        other = self._expected.get(sha)
        if other is None or other == line:
            self._expected[sha] = line
            return
        first, second = self._branches[other], self._branches[line]
        if sha in (first.tip, second.tip) and _beside(first) and _beside(second):
            # A merge into the main line brings in a commit a newer merge into it
            # already brought: one line merged again and again, a long-lived line.
            first.lasting = second.lasting = True
        if not (first.judged and second.judged):
            kept = min(other, line)  # the main line, opened first
        elif second.within(first):
            kept = other
        elif first.within(second):
            kept = line
        else:
            kept = max(other, line)  # lines open as their merges come: newest first
        self._expected[sha] = kept
        self._branches.pop(line if kept == other else other, None)

    def _open(self, *, judged: bool, parent: _Branch | None = None, tip: str = "") -> int:
        self._next_id += 1
        self._branches[self._next_id] = line = _Branch(judged, parent, tip)
        self._lines.append(line)
        return self._next_id

    def _related(self, migration: _Migration, scopes: frozenset[str], paths: list[str]) -> bool:
        """Whether a code commit's work is the migration's: they share a scope, or, where
        either has none, the code changed the app the migration belongs to (apps/api/
        of a monorepo). Two unscoped commits of one app at the root say nothing of each
        other: a frontend fix is not the code a migration should have come before."""
        if not self._settings.same_scope:
            return True
        if migration.scopes and scopes:
            return bool(migration.scopes & scopes)
        apps = [root for root in migration.roots if root]
        return any(path.startswith(root) for root in apps for path in paths)

    def finish(self) -> list[tuple[Subject, Violation]]:
        self._judge_seen()
        found = self._found
        uncovered = (
            [c for c in self._schema if not self._covered(*c[2:])]
            if self._severity["schema-without-migration"] is not Severity.OFF
            else []
        )
        texts = self._schema_texts(uncovered)
        with reading_once():
            # Both rules' questions at once: processes may share them (forked.py),
            # and each reads an edit that both rules ask about once.
            mixing = self._mixing_questions()
            answers = _structural_each([*mixing, *_changes_questions(uncovered)], texts)
            found.extend(self._schema_mixing(answers[: len(mixing)]))
            found.extend(self._rollbacks())
            if self._severity["migration-order"] is not Severity.OFF:
                found.extend(self._order())
            if self._severity["migration-edited"] is not Severity.OFF:
                found.extend(self._edits())
            if self._severity["schema-without-migration"] is not Severity.OFF:
                found.extend(self._schema_changes(uncovered, texts, answers[len(mixing) :]))
        return found

    def _schema_texts(
        self, uncovered: list[tuple[Subject, Sorted, str, str, _Cover]]
    ) -> dict[str, str | None]:
        """Both versions of every schema file a rule must judge, in one git call."""
        specs = [
            spec
            for subject, item in (
                *((s, i) for s, _, two in self._schema_mixed for i in two.schema),
                *((s, i) for s, i, *_ in uncovered),
            )
            for spec in schema_specs(item, subject.sha)
        ]
        return self._read(specs) if specs else {}

    def _mixing_questions(self) -> list[tuple[Sorted, str, list[Sorted]]]:
        """Whether each schema edit of the commits `_schema_mixing` judges is structural."""
        return [
            (item, subject.sha, two_sides.schema)
            for subject, _, two_sides in self._schema_mixed
            for item in two_sides.schema
        ]

    def _schema_mixing(self, structural: list[bool]) -> list[tuple[Subject, Violation]]:
        """migration-separate for the commits whose schema edits alone could mix them,
        given `_mixing_questions`' answers."""
        found = []
        answers = iter(structural)
        for subject, commit, two_sides in self._schema_mixed:
            schema = [item.change.path for item in two_sides.schema if next(answers)]
            finding = mixed(
                two_sides,
                schema,
                commit.changes,
                history=True,
                sha=commit.sha,
                root=not commit.parents,
            )
            if finding is not None:
                found.append(
                    (
                        subject,
                        self._violation(
                            "migration-separate", finding.message, finding.hint, finding.path
                        ),
                    )
                )
        return found

    def _rollbacks(self) -> list[tuple[Subject, Violation]]:
        """migration-without-down for the added migrations that carry their own way
        back: their texts, read in one git call."""
        downs, self._downs = self._downs, []
        specs = [f"{subject.sha}:{item.change.path}" for subject, item in downs]
        texts = self._read(specs) if specs else {}
        found = []
        for (subject, item), spec in zip(downs, specs, strict=True):
            finding = no_down(item, texts.get(spec))
            if finding is not None:
                violation = self._violation(
                    "migration-without-down", finding.message, finding.hint, finding.path
                )
                found.append((subject, violation))
        return found

    def _violation(
        self, rule: str, message: str, hint: str | None = None, path: str | None = None
    ) -> Violation:
        return Violation(rule, self._severity[rule], message, hint, path=path)

    def _order(self) -> list[tuple[Subject, Violation]]:
        specs = [f"{m.subject.sha}:{path}" for m in self._flagged for path in m.paths]
        texts = self._read(specs) if specs else {}
        found = []
        for migration in self._flagged:
            sha = migration.subject.sha
            if any(is_destructive(texts.get(f"{sha}:{path}") or "") for path in migration.paths):
                continue  # expand/contract: dropping follows the code that stopped using it
            code = migration.after
            assert code is not None
            found.append(
                (
                    migration.subject,
                    self._violation(
                        "migration-order",
                        f"the migration {_names(migration.paths)} comes after the code commit "
                        f"{code.sha[:10]} `{code.header}` of the same scope",
                        "commit the migration before the code that uses it: "
                        f"`git rebase -i {'--root' if code.root else code.sha[:10] + '^'}` "
                        f"and move this commit above {code.sha[:10]}",
                        migration.paths[0] if migration.paths else None,
                    ),
                )
            )
        return found

    def _edits(self) -> list[tuple[Subject, Violation]]:
        wanted: dict[tuple[str, ...], list[str]] = {}
        for _, path, _, base, *_ in self._edited:
            if base:
                wanted.setdefault(base, []).append(path)
        on_base = {base: self._in_base(base, paths) for base, paths in wanted.items()}
        found = []
        for subject, path, status, base, spec, renamed in self._edited:
            if base and path not in on_base[base]:
                continue  # added on this branch: still the branch's to change
            verb = "renames" if renamed else {"D": "deletes", "R": "renames"}.get(status, "changes")
            where = "the base already has" if base else "was committed earlier"
            found.append(
                (
                    subject,
                    self._violation(
                        "migration-edited",
                        f"this commit {verb} the migration `{path}`, which {where}",
                        f"leave it as it ran: `git checkout {subject.sha[:10]}^ -- {spec}` "
                        "and write a new migration for the change"
                        if spec is not None
                        else "leave it as it ran (restore it from before this commit) and "
                        "write a new migration for the change",
                        path,
                    ),
                )
            )
        return found

    def _unmoved(
        self, sha: str, sorted_changes: tuple[Sorted, ...]
    ) -> tuple[tuple[Sorted, ...], frozenset[str]]:
        """The commit's changes with each migration it moved unchanged, under the name
        its framework knows it by, taken for neutral: the databases see no change. And
        the deleted migrations it moved unchanged under another name: renamed."""
        gone = [i for i in sorted_changes if i.match.kind == MIGRATION and i.change.status == "D"]
        added = [i for i in sorted_changes if i.match.kind == MIGRATION and i.change.status in "AC"]
        if not gone or not added:
            return sorted_changes, frozenset()
        copies = {item.change.path: self._copies(sha, item, added) for item in gone}
        moved: set[str] = set()
        for path, (same, _) in copies.items():
            if same is not None:
                moved.update((path, same))
        renamed = frozenset(
            path
            for path, (same, others) in copies.items()
            if same is None and any(other not in moved for other in others)
        )
        if moved:
            sorted_changes = tuple(
                Sorted(i.change, _MOVED, i.old) if i.change.path in moved else i
                for i in sorted_changes
            )
        return sorted_changes, renamed

    def _schemas_moved(
        self, sha: str, sorted_changes: tuple[Sorted, ...], branch: _Branch
    ) -> tuple[Sorted, ...]:
        """A schema file deleted and added under another app root, at the same place in
        it: the app moved, and its branch's migrations in either root are the app's.
        Moved unchanged (one blob), neither path is a schema change."""
        schemas = [i for i in sorted_changes if i.match.kind == SCHEMA]
        gone: dict[tuple[str | None, str], list[Sorted]] = {}
        came: dict[tuple[str | None, str], list[Sorted]] = {}
        for item in schemas:
            key = (item.match.preset, item.change.path[len(item.match.root) :])
            if item.change.status == "D":
                gone.setdefault(key, []).append(item)
            elif item.change.status in "AC":
                came.setdefault(key, []).append(item)
        unchanged: set[str] = set()
        for key, added in came.items():
            deleted = gone.get(key, [])
            # A move pairs one app with one: a tree that deletes one app and adds four
            # at the same place in each (a bot's merge-conflict "resolution") moved none.
            if len(added) != 1 or len(deleted) != 1:
                continue
            item, old = added[0], deleted[0]
            if old.match.root == item.match.root:
                continue
            if branch.judged:
                branch.moved.add((old.match.root, item.match.root))
            blob = self._blob_id(f"{sha}^:{old.change.path}")
            if blob is not None and blob == self._blob_id(f"{sha}:{item.change.path}"):
                unchanged.update((old.change.path, item.change.path))
        unchanged |= self._copied_in(sha, sorted_changes, schemas, unchanged)
        if not unchanged:
            return sorted_changes
        return tuple(
            Sorted(i.change, _SCHEMA_MOVED, i.old) if i.change.path in unchanged else i
            for i in sorted_changes
        )

    def _copied_in(
        self,
        sha: str,
        sorted_changes: tuple[Sorted, ...],
        schemas: list[Sorted],
        known: set[str],
    ) -> set[str]:
        """Schema files added with the very text of a file of the same name the commit
        deletes, whatever that file was (an example app's schema moved into a package):
        the text is the same, so the database has nothing new to migrate."""
        deleted: dict[str, list[str]] = {}
        for item in sorted_changes:
            if item.change.status == "D" and item.change.path not in known:
                name = item.change.path.rpartition("/")[2]
                deleted.setdefault(name, []).append(item.change.path)
        found: set[str] = set()
        for item in schemas:
            path = item.change.path
            candidates = deleted.get(path.rpartition("/")[2])
            if item.change.status not in "AC" or path in known or not candidates:
                continue
            blob = self._blob_id(f"{sha}:{path}")
            for old in candidates:
                if blob is not None and blob == self._blob_id(f"{sha}^:{old}"):
                    found.update((old, path))
                    break
        return found

    def _copies(self, sha: str, gone: Sorted, added: list[Sorted]) -> tuple[str | None, list[str]]:
        """The added migrations of its framework that hold a deleted one's blob: the one
        that keeps what its framework knows it by, if any, and the others."""
        blob = self._blob_id(f"{sha}^:{gone.change.path}")
        others: list[str] = []
        for item in added:
            if blob is None or item.match.preset != gone.match.preset:
                continue
            if self._blob_id(f"{sha}:{item.change.path}") != blob:
                continue
            if identity.same(gone.match, gone.change.path, item.match, item.change.path):
                return item.change.path, others
            others.append(item.change.path)
        return None, others

    def _schema_changes(
        self,
        uncovered: list[tuple[Subject, Sorted, str, str, _Cover]],
        texts: dict[str, str | None],
        structural: list[bool],
    ) -> list[tuple[Subject, Violation]]:
        """schema-without-migration, given `_changes_questions`' answers."""
        found = []
        for (subject, item, preset, _, _), changes_structure in zip(
            uncovered, structural, strict=True
        ):
            if not changes_structure:
                continue
            if preset == "prisma" and self._restates(subject.sha, item, texts):
                continue
            command = _GENERATE.get(preset)
            how = f" (`{command}`)" if command else ""
            found.append(
                (
                    subject,
                    self._violation(
                        "schema-without-migration",
                        f"the schema `{item.change.path}` changes, but no migration does in "
                        "this commit or on this branch",
                        f"generate the migration{how} and commit it next, before the code",
                        item.change.path,
                    ),
                )
            )
        return found

    def _restates(self, sha: str, item: Sorted, texts: dict[str, str | None]) -> bool:
        """Whether a Prisma schema edit only writes out the names and referential
        actions the app's migrations already created (a Prisma 3 upgrade): those are
        read, for the few commits about to be flagged, from the commit's own tree."""
        before, after = (texts.get(spec) for spec in schema_specs(item, sha))
        if before is None or after is None or self._files_under is None:
            return False
        written = restated.written_out(before, after)
        if written is None:
            return False
        for place in _prisma_migrations(item.change.path):
            paths = [p for p in self._files_under(sha, place) if p.endswith(".sql")]
            if paths:
                sql = self._read([f"{sha}:{path}" for path in paths])
                return restated.held_by(written, (sql.get(f"{sha}:{p}") or "" for p in paths))
        return False

    def _covered(self, preset: str, root: str, cover: _Cover) -> bool:
        """A migration of the schema's framework and app in its own commit or on the
        branch that merged it; one the branch only adds again (a copy of a migration
        an older commit added) is none of the branch's."""
        if _covered(preset, root, cover.own):
            return True
        if cover.branch is None:
            return False
        migrated, moved = self._branch_migrations(cover.branch)
        roots = {root}  # and every root the branch moved its app to or from
        while True:
            more = {b for a, b in moved if a in roots} | {a for a, b in moved if b in roots}
            if more <= roots:
                break
            roots |= more
        return any(_covered(preset, app, migrated) for app in roots)

    def _branch_migrations(self, line: _Branch) -> tuple[Migrated, set[tuple[str, str]]]:
        """The migrations and app moves of a line's branch: the line with every line
        merged into it, and the lines it was merged into, below the main line and any
        long-lived line (their own commits: a sibling's work is not this branch's)."""
        if line in self._by_line:
            return self._by_line[line]
        if self._merged_into is None:
            self._merged_into = {}
            for each in self._lines:
                if each.parent is not None and each.judged:
                    self._merged_into.setdefault(each.parent, []).append(each)
        lines = [line]
        if not line.lasting:  # what was merged into `next` is not `next`'s own work
            stack = [line]
            while stack:
                merged = self._merged_into.get(stack.pop(), [])
                lines += merged
                stack += merged
        into = line.parent
        while into is not None and into.judged and not into.lasting:
            lines.append(into)
            into = into.parent
        first = self._first_added
        migrated: Migrated = set()
        moved: set[tuple[str, str]] = set()
        for each in lines:
            migrated |= each.migrated
            migrated.update(
                (framework, app)
                for framework, app, path, index in each.added
                if first.get(path) == index
            )
            moved |= each.moved
        self._by_line[line] = migrated, moved
        return migrated, moved


# A schema file or migration deleted with its whole app.
_APP_REMOVED = Match(NEUTRAL, why="deleted with its app, whose manifest the commit deletes")
# What makes a folder an app (or a package) of its own: deleting it deletes the app.
_MANIFESTS = frozenset(
    (
        "package.json",
        "pyproject.toml",
        "setup.py",
        "setup.cfg",
        "manage.py",
        "Gemfile",
        "go.mod",
        "pom.xml",
        "build.gradle",
        "build.gradle.kts",
        "composer.json",
        "Cargo.toml",
        "project.json",  # an Nx monorepo's project
    )
)


def _apps_removed(sorted_changes: tuple[Sorted, ...]) -> tuple[Sorted, ...]:
    """The commit's changes with the migrations and schema files it deletes along with
    their app's manifest taken for neutral, when it deletes only: an app removed leaves
    its database nothing a migration could describe."""
    if any(i.change.status != "D" and i.match.kind in MIGRATION_SIDE for i in sorted_changes):
        return sorted_changes  # an app moved, or one removed while another changed
    deleted = {i.change.path for i in sorted_changes if i.change.status == "D"}
    removed = {
        i.match.root
        for i in sorted_changes
        if i.change.status == "D"
        and i.match.kind in MIGRATION_SIDE
        and any(f + name in deleted for f in _folders(i.match.root) for name in _MANIFESTS)
    }
    if not removed:
        return sorted_changes
    return tuple(
        Sorted(i.change, _APP_REMOVED, i.old)
        if i.change.status == "D" and i.match.kind in MIGRATION_SIDE and i.match.root in removed
        else i
        for i in sorted_changes
    )


def _folders(root: str) -> Iterator[str]:
    """The app root and the folders above it, not the repository's root: `a/b/`, `a/`."""
    while root:
        yield root
        root = root[: root.rstrip("/").rfind("/") + 1]


# A schema file moved unchanged with its app.
_SCHEMA_MOVED = Match(NEUTRAL, why="a schema file moved unchanged with its app")
# A migration moved unchanged, under the name its framework knows it by.
_MOVED = Match(NEUTRAL, why="a migration moved unchanged, under the same name to its framework")


def _prisma_migrations(schema: str) -> tuple[str, ...]:
    """Where Prisma keeps the migrations of the schema file `schema`: beside it, or
    beside its folder (a `prisma/schema/` of several files keeps `prisma/migrations/`)."""
    folder = schema.rpartition("/")[0]
    places = (folder, folder.rpartition("/")[0])
    return tuple(
        dict.fromkeys(f"{place}/migrations/" if place else "migrations/" for place in places)
    )


def _beside(line: _Branch) -> bool:
    """A line merged into the main line of a whole history."""
    return line.parent is not None and not line.parent.judged


def _covered(preset: str, root: str, migrated: Migrated) -> bool:
    """A migration of the schema's framework and app among those that may cover it."""
    return any(
        (framework == preset or "configured" in (framework, preset))
        and (root.startswith(app) or app.startswith(root))
        for framework, app in migrated
    )


# Every rule of the migrations family, whether judged per commit or over the range: this
# class judges them all, so a new one in rules/migrations.py is found here by itself.
_RULES = tuple(rule.id for rule in catalogue().values() if rule.family == FAMILY)


def _scopes(message: str) -> frozenset[str]:
    match = _SCOPE.match(message)
    if match is None:
        return frozenset()
    return frozenset(s.strip().lower() for s in match[1].split(",") if s.strip())


def _names(paths: list[str]) -> str:
    shown = ", ".join(f"`{path}`" for path in paths[:3])
    return shown + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")


def _changes_questions(
    uncovered: list[tuple[Subject, Sorted, str, str, _Cover]],
) -> list[tuple[Sorted, str, list[Sorted]]]:
    """Whether each schema edit no migration covers is structural, read beside the
    commit's other uncovered schema edits (a model moved between them is no change)."""
    together: dict[str, list[Sorted]] = {}
    for subject, item, *_ in uncovered:
        together.setdefault(subject.sha, []).append(item)
    return [(item, subject.sha, together[subject.sha]) for subject, item, *_ in uncovered]


def _structural_each(
    questions: list[tuple[Sorted, str, list[Sorted]]], texts: dict[str, str | None]
) -> list[bool]:
    """`structural` of each (change, revision, its commit's schema changes), in order. A
    Django history asks it of thousands of models.py edits, each read with `ast`:
    several processes share them where more than one core is free (forked.py), each
    file's versions in one, which reads each as an edit of the one before."""
    from commitguard import forked

    return forked.answered(
        questions,
        lambda asked: structural(asked[0], texts, asked[1], asked[2]),
        group=lambda asked: asked[0].change.path,
        weight=lambda asked: sum(
            len(texts.get(spec) or "") for spec in schema_specs(asked[0], asked[1])
        ),
    )
