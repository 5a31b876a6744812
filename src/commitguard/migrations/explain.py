"""`commitguard explain migration-separate --commit REV` (or `--staged`, `--path`): how
each path of a commit or of the index was sorted, by which framework and why, and what
the migration rules make of it.

The same classifier as the rules, against the same files (the commit's own, its
parent's for what it deletes; the work tree's for the index), so what it says is what
`check` and the hooks judge.
"""

from __future__ import annotations

from commitguard import git
from commitguard.config.load import Config
from commitguard.errors import GitError
from commitguard.migrations import files as files_module
from commitguard.migrations.classify import CODE, NEUTRAL, Sorted
from commitguard.migrations.presets import MIGRATION, SCHEMA
from commitguard.migrations.project import Project, for_config
from commitguard.model import Change
from commitguard.output import Painter
from commitguard.rules.migrations import (
    missing_downs,
    mixed,
    no_down,
    schema_differences,
    schema_specs,
    sides,
    to_read,
)

_KIND_STYLE = {CODE: "dim", NEUTRAL: "dim"}


class Subject:
    """What is explained: a commit (sha, header) or the index, and its changes."""

    def __init__(self, label: str, sha: str | None, changes: tuple[Change, ...]) -> None:
        self.label = label
        self.sha = sha
        self.changes = changes


def gather(commit: str | None, paths: tuple[str, ...]) -> Subject:
    """The commit `commit` names, or else the staged paths and `paths`."""
    extra = tuple(Change("M", path) for path in paths)
    if commit is not None:
        found = git.read_commit(commit)
        if found is None:
            raise GitError(f"{commit!r} names no commit")
        header = found.message.partition("\n")[0]
        return Subject(f"commit {found.sha[:12]} `{header}`", found.sha, found.changes + extra)
    staged = () if paths else _staged()
    label = f"the index, {len(staged)} staged paths" if not paths else "the paths given"
    return Subject(label, None, staged + extra)


def _staged() -> tuple[Change, ...]:
    """The index's changes; outside a work tree there is no index to explain."""
    repository = git.find_repository()
    if repository is None or repository.toplevel is None:  # as `commitguard staged` says
        raise GitError(
            "not in a git work tree, so there is no index to explain",
            "run it inside the repository, or give --commit REV or --path P",
        )
    return git.staged_changes()


def verdict(subject: Subject, config: Config, root: str, paint: Painter, rule_id: str = "") -> str:
    """Path by path, then the verdict on them of migration-without-down when it is the
    rule asked about, else of migration-separate."""
    with git.ObjectIds() as objects:
        return _verdict(subject, config, root, paint, objects, rule_id)


def _verdict(
    subject: Subject,
    config: Config,
    root: str,
    paint: Painter,
    objects: git.ObjectIds,
    rule_id: str,
) -> str:
    project = for_config(config, root)
    if subject.sha is None:
        classify, before = project.classify, project.classify
        judged_by = "the work tree's files"
    else:
        classify = project.classifier(files_module.CommitFiles(objects, subject.sha))
        before = project.classifier(files_module.CommitFiles(objects, f"{subject.sha}^"))
        judged_by = f"the files of {subject.sha[:12]} (and of its parent, for what it deletes)"
    lines = [paint("bold", f"migration rules on {subject.label}"), f"judged by {judged_by}", ""]
    if not subject.changes:
        lines.append("no paths: nothing for the migration rules to judge")
        return "\n".join(lines)
    sorted_changes = classify.changes(subject.changes, before) or tuple(
        Sorted(change, classify(change.path), None) for change in subject.changes
    )
    texts = _schema_texts(sorted_changes, subject.sha)
    width = max(len(kind) for kind in ("migration", "schema", "generated", "support", "neutral"))
    for item in sorted_changes:
        match = item.match
        kind = paint(_KIND_STYLE.get(match.kind, "bold"), f"{match.kind:<{width}}")
        why = match.why or "no framework's layout claims it"
        lines.append(f"  {item.change.status} {kind}  {item.change.path}")
        lines.append(f"      {why}")
        if match.kind == SCHEMA:
            differences = schema_differences(item, texts, subject.sha)
            lines.append(
                "      structural: " + "; ".join(differences)
                if differences
                else "      not structural (comments, formatting, settings, methods): it "
                "goes with either side"
            )
    if rule_id == "migration-without-down":
        lines += ["", *_down_verdict(subject, sorted_changes, project, paint)]
    else:
        lines += ["", _separate_verdict(subject, sorted_changes, texts, paint)]
    return "\n".join(lines)


def _separate_verdict(
    subject: Subject,
    sorted_changes: tuple[Sorted, ...],
    texts: dict[str, str | None],
    paint: Painter,
) -> str:
    two_sides = sides(sorted_changes)
    if two_sides is None:
        return f"migration-separate: {paint('ok', 'passes')}: one side only (or none)"
    schema = [i.change.path for i in two_sides.schema if schema_differences(i, texts, subject.sha)]
    finding = mixed(
        two_sides, schema, subject.changes, history=subject.sha is not None, sha=subject.sha
    )
    if finding is None:
        return (
            f"migration-separate: {paint('ok', 'passes')}: the schema edits are not "
            "structural, so they go with the code"
        )
    return f"migration-separate: {paint('error', 'flagged')}: {finding.message}"


def _down_verdict(
    subject: Subject, sorted_changes: tuple[Sorted, ...], project: Project, paint: Painter
) -> list[str]:
    """migration-without-down on the same paths: the down files, the texts of the
    migrations that carry their own way back, and a word on Prisma, which has none."""
    findings = list(missing_downs(subject.changes, project, sorted_changes))
    wanted = to_read(sorted_changes, project)
    where = ":" if subject.sha is None else f"{subject.sha}:"
    texts = git.read_blobs([where + i.change.path for i in wanted]) if wanted else {}
    findings += [
        finding
        for item in wanted
        for finding in [no_down(item, texts.get(where + item.change.path))]
        if finding is not None
    ]
    lines = [
        f"migration-without-down: {paint('warning', 'flagged')}: {finding.message}"
        for finding in findings
    ]
    if any(
        i.match.preset == "prisma" and i.match.kind == MIGRATION and i.change.status == "A"
        for i in sorted_changes
    ):
        lines.append(
            "migration-without-down: Prisma has no down migrations (`prisma migrate` only "
            "goes forward; a rollback is a new migration, or a script from `prisma "
            "migrate diff`), so its migrations are never flagged"
        )
    if not findings:
        lines.insert(
            0,
            f"migration-without-down: {paint('ok', 'passes')}: every migration "
            "added that the rule checks has its way back (or none was added)",
        )
    return lines


def _schema_texts(sorted_changes: tuple[Sorted, ...], sha: str | None) -> dict[str, str | None]:
    specs = [
        spec
        for item in sorted_changes
        if item.match.kind == SCHEMA
        for spec in schema_specs(item, sha)
    ]
    return git.read_blobs(specs) if specs else {}
