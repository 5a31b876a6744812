"""Migration rules: migrations alone, before the code that uses them, never rewritten.

`migration-separate` and `migration-without-down` judge one commit's paths (the index
in the hooks, each commit in `check`). `migration-order`, `migration-edited` and
`schema-without-migration` need the whole range: `check` runs them over the branch
(migrations/branch.py); here they are registered for the catalogue and the config.
"""

from __future__ import annotations

from commitguard.lazy import Pattern
from commitguard.message.parse import Message
from commitguard.migrations import presets
from commitguard.migrations.classify import CODE, MIGRATION_SIDE, Sorted
from commitguard.migrations.presets import SCHEMA
from commitguard.migrations.project import Project, for_config
from commitguard.model import Change, Finding, Severity, Value
from commitguard.rules import Context, rule

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping

WAIVER = "Migration-Waiver"
# Compiled on first use: almost no message has a waiver.
_WAIVER = Pattern(r"(?im)^[ \t]*migration-waiver[ \t]*:[ \t]*(.*?)[ \t]*$")
_SHOWN = 5
FAMILY = "migrations"


def waiver(text: str) -> str | None:
    """The reason a `Migration-Waiver:` line gives; "" when it gives none, None without."""
    if "aiver" not in text and "AIVER" not in text:
        return None  # the cheap test first: almost no commit has one
    match = _WAIVER.search(text.partition("\n")[2])  # never in the header
    return None if match is None else match[1]


def waived(text: str) -> bool:
    return bool(waiver(text))


def names(paths: list[str]) -> str:
    shown = ", ".join(f"`{path}`" for path in paths[:_SHOWN])
    more = len(paths) - _SHOWN
    return shown + (f" and {more} more" if more > 0 else "")


def split_hint(
    code: list[str],
    *,
    history: bool,
    sha: str | None = None,
    root: bool = False,
    known: Iterable[str] = (),
) -> str:
    """The commands that split a mixed index or commit, migration first: one command a
    line, each runnable as printed, on a first commit as on any other. `known`: every
    path of the index or commit, which a path's pattern must not match."""
    specs = [pathspec(path, known) for path in code]
    if None in specs:
        return (
            "commit the migration first, then the code, unstaging the code by hand (in "
            "your editor's git view, say): a path holds a character that no command line "
            "printed here can carry, and no pattern names it alone"
        )
    quoted = " ".join(spec for spec in specs if spec is not None)
    if not history:
        # `git reset -- PATHS` unstages with or without a HEAD; `git restore --staged`
        # needs one, so it fails before the first commit.
        return (
            "commit the migration first, then the code:\n"
            f"git reset -q -- {quoted}\n"
            "git commit            # the migration and schema files alone\n"
            f"git add -- {quoted}\n"
            "git commit            # then the code"
        )
    # A first commit has no parent to rebase onto, nor a HEAD^ to take the code from.
    if root:
        start, unstage = "git rebase -i --root", f"git rm -q --cached -- {quoted}"
    else:
        start = f"git rebase -i {sha[:10] if sha else '<this commit>'}^"
        unstage = f"git reset -q HEAD^ -- {quoted}"
    return (
        "split the commit, migration first: mark it `edit` in\n"
        f"{start}\n"
        f"{unstage}\n"
        "git commit --amend    # the migration and schema files alone\n"
        f"git add -- {quoted}\n"
        "git commit            # then the code\n"
        "git rebase --continue"
    )


def pathspec(path: str, known: Iterable[str] = ()) -> str | None:
    """`path` as one shell word for a printed git command: the path itself, quoted, when
    it prints as it is; else a pattern git matches against it, or None.

    Output escapes a control character, a bidi control or a line break (`\\n`), and a
    command pasted from it would name another path. Such a character becomes `?`, one
    per byte, in a `:(glob)` pathspec, checked against the `known` paths so that it
    names this one alone. A path starting with `:` or holding a wildcard is literal.
    """
    import shlex  # only a commit that mixes the two pays for it, not the hook's usual path

    unsafe = _unprintable(path)
    if not unsafe:
        literal = path.startswith(":") or any(char in path for char in _WILDCARDS)
        return shlex.quote(f":(literal){path}" if literal else path)
    pattern: list[int | None] = []  # bytes; None: any byte but `/`
    shown: list[str] = []
    for index, char in enumerate(path):
        if char == "\ufffd":
            return None  # git's bytes were not UTF-8, and which bytes they were is lost
        if index in unsafe:
            try:
                width = len(char.encode("utf-8", "surrogateescape"))
            except UnicodeEncodeError:
                return None
            pattern += [None] * width
            shown.append("?" * width)
        else:
            pattern += char.encode("utf-8")
            shown.append("\\" + char if char in _WILDCARDS else char)
    others = {other for other in known if other != path}
    if any(_glob_matches(pattern, other) for other in others):
        return None
    return shlex.quote(":(glob)" + "".join(shown))


_WILDCARDS = "*?[\\"
_GITHUB_COMMAND = "##["  # the CI log spells it out wherever it stands


def _unprintable(path: str) -> set[int]:
    """Where `path` holds a character that output would not print as it is."""
    from commitguard.output.escape import log_line

    unsafe = (
        set()  # the common path: plain printable ASCII, which every edge prints as it is
        if path.isascii() and path.isprintable()
        else {
            index
            for index, char in enumerate(path)
            if char < " "
            or char == "\ufffd"
            or "\ud800" <= char <= "\udfff"
            or log_line(char) != char
        }
    )
    start = path.find(_GITHUB_COMMAND)
    while start != -1:
        unsafe.add(start)
        start = path.find(_GITHUB_COMMAND, start + 1)
    return unsafe


def _glob_matches(pattern: list[int | None], path: str) -> bool:
    """Whether the pattern names `path` or a directory above it, as git matches a
    pathspec: a wildcard byte is any byte but `/`."""
    data = path.encode("utf-8", "replace")
    if len(data) < len(pattern):
        return False
    if len(data) > len(pattern) and data[len(pattern)] != ord("/"):
        return False
    return all(
        byte != ord("/") if want is None else byte == want
        for want, byte in zip(pattern, data[: len(pattern)], strict=True)
    )


class Sides(Value):
    """What a commit or an index holds on each side: migration-side files, and code."""

    __slots__ = ("side", "schema", "code")

    def __init__(self, side: list[str], schema: list[Sorted], code: list[str]) -> None:
        self.side = side  # migrations and generated files: always the migration's side
        self.schema = schema  # schema files: the migration's side if their edit is structural
        self.code = code


def sides(sorted_changes: tuple[Sorted, ...]) -> Sides | None:
    """The two sides of a commit that may mix them; None when it cannot (one side is
    empty, whatever the schema edits turn out to be)."""
    side: list[str] = []
    schema: list[Sorted] = []
    code: list[str] = []
    for item in sorted_changes:
        kind = item.match.kind
        if kind == SCHEMA:
            schema.append(item)
        elif kind in MIGRATION_SIDE:
            side.append(item.change.path)
        elif kind == CODE:
            code.append(item.change.path)
            old = item.change.old_path
            if old and item.old is not None and item.old.kind == CODE:
                code.append(old)  # the rename's other half goes with it
    if not code or not (side or schema):
        return None
    return Sides(side, schema, code)


def schema_specs(item: Sorted, revision: str | None) -> tuple[str, str]:
    """The two versions of a schema file to compare: `<revision>^` and `<revision>`, or,
    for the index (`revision` None), HEAD's and the index's."""
    change = item.change
    before = change.old_path or change.path
    if revision is None:
        return f"HEAD:{before}", f":{change.path}"
    return f"{revision}^:{before}", f"{revision}:{change.path}"


def schema_differences(
    item: Sorted,
    texts: Mapping[str, str | None],
    revision: str | None,
    together: Iterable[Sorted] = (),
) -> tuple[str, ...]:
    """What a schema file's change does to the database's structure (a model, a field,
    an index), one sentence each; () for a comment, a method or the generator's
    settings. `texts`: the versions `schema_specs` names, as read; `together`: the
    change's schema files (read too), so a model moved within its app is no change."""
    from commitguard.migrations.structure import schema_differences as differences

    match = item.match
    elsewhere = [
        _versions(other, texts, revision)
        for other in together
        if other is not item
        and (other.match.preset, other.match.root) == (match.preset, match.root)
    ]
    return differences(match.preset or "", *_versions(item, texts, revision), elsewhere)


def _versions(
    item: Sorted, texts: Mapping[str, str | None], revision: str | None
) -> tuple[str, str | None, str | None]:
    before, after = schema_specs(item, revision)
    old = None if item.change.status == "A" else texts.get(before)
    new = None if item.change.status == "D" else texts.get(after)
    return item.change.path, old, new


def structural(
    item: Sorted,
    texts: Mapping[str, str | None],
    revision: str | None,
    together: Iterable[Sorted] = (),
) -> bool:
    """Whether the schema file's change is one a migration must follow."""
    return bool(schema_differences(item, texts, revision, together))


def mixed(
    found: Sides,
    structural_schema: list[str],
    changes: tuple[Change, ...],
    *,
    history: bool,
    sha: str | None = None,
    root: bool = False,
) -> Finding | None:
    """The finding for a commit or index whose migration side (with the schema files
    whose edit is structural) and code are both non-empty; a schema file edited only
    in form goes with either side."""
    side = [*found.side, *structural_schema]
    if not side:
        return None
    where = "this commit" if history else "the index"
    known = [change.path for change in changes] + [c.old_path for c in changes if c.old_path]
    return Finding(
        f"{where} mixes migrations with application code: migration and schema: "
        f"{names(side)}; code: {names(found.code)}",
        split_hint(found.code, history=history, sha=sha, root=root, known=known),
        path=side[0],
    )


def separate(
    changes: tuple[Change, ...], settings: Project, *, history: bool = False
) -> Finding | None:
    """The finding for an index that mixes migrations with code, if it does. A schema
    file's staged edit is read (HEAD's and the index's text, one git call) only when
    it is all that stands on the migration's side. For a commit of a history (the
    report's), whose versions are not at hand here, any schema edit counts; `check`
    reads them (migrations/branch.py)."""
    sorted_changes = settings.classify.changes(changes)
    found = None if sorted_changes is None else sides(sorted_changes)
    if found is None:
        return None
    schema: list[str] = []
    if history:
        schema = [item.change.path for item in found.schema]
    elif found.schema:
        from commitguard import git

        specs = [spec for item in found.schema for spec in schema_specs(item, None)]
        texts = git.read_blobs(specs)
        schema = [i.change.path for i in found.schema if structural(i, texts, None, found.schema)]
    return mixed(found, schema, changes, history=history)


@rule(
    "migration-separate",
    family=FAMILY,
    summary="a commit (or the index) holds migration and schema files, or code, not both",
    good="chore(properties): create migration for filter fields\n\n(only prisma/ files)",
    bad="feat(properties): add filters\n\n(prisma/migrations/... with src/properties/*.ts)",
    fix="Unstage the code, commit the migration, then commit the code (`staged` and `check` "
    "print the commands for the paths at hand).",
    uses_changes=True,
)
def migration_separate(message: Message, context: Context) -> tuple[Finding, ...]:
    """A migration is deployed, reviewed and rolled back on its own schedule: the
    database changes before the code that needs it, so the two travel in separate
    commits. Schema sources and generated files (`schema.prisma`, `schema.rb`, a model
    snapshot, a lock or checksum file) belong with the migration; documentation may go
    with either. Which paths are migrations comes from the detected frameworks
    (`migrations:` in the configuration). A `Migration-Waiver: <reason>` trailer lets a
    justified exception through, and `check` shows it."""
    # Plain tuples, not generators: this runs for each of 100,000 commits in `check`.
    if not context.changes:
        return ()
    finding = separate(context.changes, for_config(context.config), history=context.history)
    if finding is None or waived(message.text):  # the rare case last
        return ()
    return (finding,)


def missing_downs(
    changes: tuple[Change, ...],
    settings: Project,
    sorted_changes: tuple[Sorted, ...] | None = None,
) -> Iterator[Finding]:
    """An up migration added without its down file, where the framework keeps them
    apart; `sorted_changes`: the changes as already classified, if they were. Where the
    migration carries its own way back, its text decides: see `to_read`."""
    paths: set[str] | None = None
    if sorted_changes is None:
        sorted_changes = settings.classify.changes(changes)
    for item in sorted_changes or ():
        change, match = item.change, item.match
        if match.kind != presets.MIGRATION or match.preset not in settings.require_down:
            continue
        if change.status != "A":
            continue
        if paths is None:
            paths = {change.path for change in changes}
        for pattern, replacement in presets.DOWN_PAIRS.get(match.preset, ()):
            found = Pattern(pattern).fullmatch(change.path)
            if found is None:
                continue
            down = found.expand(replacement)
            if down not in paths:
                yield Finding(
                    f"the {match.preset} migration `{change.path}` has no down migration "
                    f"`{down}` in the same commit",
                    f"write `{down}` that undoes it, and commit the two together",
                    path=change.path,
                )


def to_read(sorted_changes: tuple[Sorted, ...] | None, settings: Project) -> list[Sorted]:
    """The migrations added whose own text says whether they can be rolled back (a
    `down()`, a `downgrade()`, a reverse): only these are read, never the others."""
    added = [
        item
        for item in sorted_changes or ()
        if item.match.kind == presets.MIGRATION
        and item.change.status == "A"
        and item.match.preset in settings.require_down
    ]
    if not added:
        return added  # the usual commit: the hook's path never loads the readers
    from commitguard.migrations.content import IN_FILE

    return [item for item in added if item.match.preset in IN_FILE]


def no_down(item: Sorted, text: str | None) -> Finding | None:
    """The finding for an added migration whose text (as read) has no way back."""
    from commitguard.migrations.content import no_way_back

    preset, path = item.match.preset or "", item.change.path
    reason = None if text is None else no_way_back(preset, path, text)
    if reason is None:
        return None
    return Finding(
        f"the {preset} migration `{path}` cannot be rolled back: {reason}",
        _UNDO.get(preset, "write the half that undoes it"),
        path=path,
    )


_UNDO = {
    "typeorm": "write `down()` so that it undoes what `up()` does",
    "mikro-orm": "write `down()` so that it undoes what `up()` does",
    "knex": "export a `down` that undoes what `up` does",
    "sequelize": "write `down` so that it undoes what `up` does",
    "alembic": "write `downgrade()` so that it undoes what `upgrade()` does",
    "django": "give each `RunPython` a `reverse_code` and each `RunSQL` a `reverse_sql` "
    "(`migrations.RunPython.noop` when undoing needs nothing)",
    "rails": "wrap the operations Rails cannot reverse in `reversible do |dir| ... end`, "
    "or write `up` and `down` in place of `change`",
    "goose": "write the `-- +goose Down` section (a Go migration: its down function)",
    "dbmate": "write the `-- migrate:down` section",
}


def staged_downs(changes: tuple[Change, ...], settings: Project) -> list[Finding]:
    """migration-without-down on the index: the down files, and the staged text of the
    migrations that carry their own way back (one git call, only when there are some)."""
    sorted_changes = settings.classify.changes(changes)
    found = list(missing_downs(changes, settings, sorted_changes))
    wanted = to_read(sorted_changes, settings)
    if wanted:
        from commitguard import git

        texts = git.read_blobs([f":{item.change.path}" for item in wanted])
        found += [
            finding
            for item in wanted
            for finding in [no_down(item, texts.get(f":{item.change.path}"))]
            if finding is not None
        ]
    return found


@rule(
    "migration-without-down",
    family=FAMILY,
    severity=Severity.WARNING,
    summary="an up migration can be rolled back: its down file, or its own down",
    good="chore(db): add orders table\n\n(1_orders.up.sql and 1_orders.down.sql)",
    bad="chore(db): add orders table\n\n(1_orders.up.sql alone)",
    fix="Add the down (revert) migration, or write the migration's own `down`, in the same commit.",
    uses_changes=True,
)
def migration_without_down(message: Message, context: Context) -> tuple[Finding, ...]:
    """The team tests its migrations up and down: one that cannot be rolled back
    leaves a bad deploy stuck. Where a framework keeps rollbacks as separate files
    (golang-migrate's `.down.sql`, Hasura's `down.sql`, sqitch's `revert/`), the down
    file must come in the same commit. Where a migration carries its own way back,
    its text must hold one, and an empty or `pass` body is none: TypeORM's and
    MikroORM's `down()`, Knex's and Sequelize's `down`, Alembic's `downgrade()`,
    Django's `RunPython`/`RunSQL` with a reverse, a Rails `change` whose operations
    Rails can reverse (or `reversible`, or a `down`), goose's and dbmate's down
    sections. Prisma has no down migrations, so it is never flagged. Which frameworks
    are checked is `migrations.require-down`; add `flyway` there for Flyway's undo
    (`U`) scripts."""
    if not context.changes:
        return ()
    settings = for_config(context.config)
    if context.history:  # a commit's texts are not at hand here: `check` reads them
        found = tuple(missing_downs(context.changes, settings))
    else:
        found = tuple(staged_downs(context.changes, settings))
    return () if not found or waived(message.text) else found


@rule(
    "migration-waiver",
    family=FAMILY,
    severity=Severity.WARNING,
    summary="a `Migration-Waiver: <reason>` trailer gives a reason, and `check` lists it",
    good="chore(db): backfill and index in one step\n\nMigration-Waiver: hotfix INC-42",
    bad="chore(db): backfill and index in one step\n\nMigration-Waiver:",
    fix="Say why the exception is justified: `Migration-Waiver: <reason>`.",
)
def migration_waiver(message: Message, context: Context) -> tuple[Finding, ...]:
    """The rare justified exception to the migration rules carries a trailer with its
    reason; the waiver exempts its commit from every migration rule. `check` lists
    every waiver it meets (a warning), so reviewers and reports see them; set this
    rule to `error` to forbid waivers, or `off` to stop listing them."""
    reason = waiver(message.text)
    if reason is None:
        return ()
    if not reason:
        return (
            Finding(
                f"`{WAIVER}:` gives no reason, so it waives nothing",
                f"write `{WAIVER}: <why this exception is justified>`",
            ),
        )
    return (Finding(f"migration rules waived: {reason}"),) if context.history else ()


# The rules below need the whole range (`range_rule=True`): `check` judges them in
# migrations/branch.py, and the engine never runs their functions on one message.


@rule(
    "migration-order",
    family=FAMILY,
    range_rule=True,
    summary="on a branch, an additive migration comes before code commits of its scope",
    good="chore(properties): create migration for filter fields\n"
    "feat(properties): filter by the new fields",
    bad="feat(properties): filter by the new fields\n"
    "chore(properties): create migration for filter fields",
    fix="Reorder the branch with an interactive rebase (`check` prints the one to run) and "
    "move the migration commit above the code.",
)
def migration_order(message: Message, context: Context) -> tuple[Finding, ...]:
    """On a branch, the migration lands before the service, API and tests that use it:
    deploys follow commit order, and a bisect must never meet code whose columns do not
    exist yet. So an additive migration may not follow a code commit of the same scope
    (any code commit when either has no scope, or with `migrations.same-scope: false`).
    A destructive migration (dropping or renaming a table or column) is exempt: in
    expand/contract it rightly follows the code that stopped using the column. Checked
    by `commitguard check` over a branch range (`origin/main..HEAD`), and over each side
    branch of a merge when a whole history is checked."""
    return ()


@rule(
    "migration-edited",
    family=FAMILY,
    range_rule=True,
    summary="a migration that already exists on the base is not changed or deleted",
    good="chore(db): add a migration that fixes the orders index",
    bad="chore(db): fix a typo in 0001_initial.py",
    fix="Restore the old migration and write a new one that makes the change.",
)
def migration_edited(message: Message, context: Context) -> tuple[Finding, ...]:
    """A migration the base already has may have run in production: changing or
    deleting it leaves the databases that ran the old text different from new ones.
    Write a new migration instead. Checked by `commitguard check` against the range's
    base; for a single revision (a whole history), any change to a committed migration
    counts."""
    return ()


@rule(
    "schema-without-migration",
    family=FAMILY,
    range_rule=True,
    severity=Severity.WARNING,
    summary="a structural schema change comes with a migration in its commit or branch",
    good="feat(properties): add filter columns to schema\n"
    "chore(properties): create migration for filter fields",
    bad="feat(properties): add filter columns to schema   (and no migration)",
    fix="Generate the migration (`prisma migrate dev`, `manage.py makemigrations`, ...) "
    "and commit it.",
)
def schema_without_migration(message: Message, context: Context) -> tuple[Finding, ...]:
    """A structural change to the schema source (`schema.prisma`, Django models, an
    entity) needs a migration in the same commit or on the same branch, or the
    database never gets it. Comment-only and whitespace-only edits do not count.
    Checked by `commitguard check` over the range."""
    return ()
