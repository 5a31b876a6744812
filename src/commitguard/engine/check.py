"""The range engine: every commit of a range through the same rules as the hook. Pure.

Commits stream in (from git.log), results stream into a summary; only commits with
findings are kept for the report, and past a few thousand they wait in a temporary
file (engine/kept.py), so memory does not grow with the length of the history.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass

from commitguard.config.load import Config
from commitguard.engine.commit import CheckedCommit
from commitguard.engine.kept import KeptCommits
from commitguard.engine.lint import lint, revert_facts, reverted_commit
from commitguard.engine.plain import passes_plainly
from commitguard.message.cleanup import clean
from commitguard.message.parse import parse
from commitguard.model import Commit, Violation
from commitguard.rules.history import AUTOSQUASH_PREFIXES, FixupTargets

TYPE_CHECKING = False
if TYPE_CHECKING:
    from commitguard.migrations.branch import RangeRules, Subject


@dataclass(slots=True)
class CheckResult:
    range: str  # what was given to git
    reason: str  # why this range: "pull request into main", "argument", ...
    # every commit with a finding (all, with keep_passing), in git's order: read as often
    # as a report likes, from a temporary file once there are many (engine/kept.py)
    commits: Collection[CheckedCommit]
    total: int  # commits in the range, merges included
    merges: int  # skipped: a merge is a commit with two parents
    exempted: int  # git's reverts (and merges)
    failed: int  # commits with at least one error
    errors: int
    warnings: int
    bots: tuple[CheckedCommit, ...] = ()  # skipped, not judged: a bot wrote them


def _unclean(text: str) -> bool:
    """Whether git's whitespace cleanup would change `text`: trailing blanks, CR, leading
    blank lines, runs of blank lines. Most stored messages have none and skip it; plain
    substring tests, because a regular expression over every message cost more."""
    return (
        text.startswith("\n")
        or text.endswith((" ", "\t", "\v", "\f", "\n"))
        or "\n\n\n" in text
        or " \n" in text
        or "\t\n" in text
        or "\r" in text
        or "\v\n" in text
        or "\f\n" in text
    )


# The header of each of these shas that names a commit (git.py reads them).
CommitHeaders = Callable[[set[str]], dict[str, str]]
# The changed lines of these paths of each commit: sha -> paths -> "+line"/"-line".
CommitLines = Callable[[dict[str, tuple[str, ...]]], dict[str, dict[str, list[str]]]]


def check_commits(
    commits: Iterable[Commit],
    config: Config,
    *,
    range_: str,
    reason: str,
    commit_headers: CommitHeaders | None = None,
    keep_passing: bool = False,
    progress: Callable[[int], None] | None = None,
    range_rules: RangeRules | None = None,
    skip_bot: Callable[[str, str], bool] | None = None,
    commit_lines: CommitLines | None = None,
) -> CheckResult:
    """Check a stream of commits. A git-written revert is exempt only if the commit it
    names exists with the header it quotes; those few are held back and settled with
    one question to git after the stream ends, so no second git process runs beside
    `git log`. `range_rules` see
    every commit too, and add at the end what only the whole range shows. A commit whose
    author `skip_bot` names is not judged, and listed: the range rules still see it, as
    part of the branch, but find nothing in it. A fix flagged as security work by its
    paths' names alone waits too, until `commit_lines` has read those paths' changed
    lines for all such fixes at once: what the lines show decides, as in the hook."""
    if range_rules is not None:
        config = range_rules.per_commit  # the migration rules are judged in one pass there
    kept = KeptCommits()
    deferred: list[tuple[int, Commit, str]] = []
    tally = [0, 0, 0, 0, 0]  # merges, exempted, failed, errors, warnings
    total = 0
    fixups = FixupTargets()  # where each autosquash commit folds, for its hint
    autosquash: list[int] = []  # their positions: only they are named a rebase
    bots: dict[int, CheckedCommit] = {}
    unread: list[tuple[int, Commit, CheckedCommit, tuple[str, ...]]] = []
    count = _counter(tally, kept, keep_passing, config, unread if commit_lines else None)
    for commit in commits:
        total += 1
        if progress is not None and total % 1000 == 0:
            progress(total)
        if range_rules is not None:
            range_rules.see(total, commit)
        bot = skip_bot is not None and skip_bot(commit.author_name, commit.author_email)
        if bot and not commit.is_merge:
            bots[total] = _skipped(commit)
            continue
        is_autosquash = commit.message.startswith(AUTOSQUASH_PREFIXES)
        if is_autosquash:
            autosquash.append(total)
        if fixups.pending or is_autosquash:
            fixups.see(commit)
        reverted = cited_commit(commit) if commit_headers is not None else None
        if reverted is not None:
            deferred.append((total, commit, reverted))
            continue
        count(total, commit, check_commit(commit, config))
    # Settled after the stream: each takes its place in git's order by its position.
    kept.stream_ended()
    if deferred and commit_headers is not None:
        known = commit_headers({sha for _, _, sha in deferred})
        for position, commit, sha in deferred:
            count(
                position,
                commit,
                check_commit(commit, config, reverted_header=known.get(sha, False)),
            )
    if unread and commit_lines is not None:
        lines = commit_lines({commit.sha: paths for _, commit, _, paths in unread})
        for position, commit, checked, _ in unread:
            weigh_security_lines(commit, checked, config, lines.get(commit.sha, {}))
            _count(tally, kept, position, commit, checked, keep_passing)
    if range_rules is not None:
        found = range_rules.finish()
        _add_range_findings(tally, kept, [f for f in found if f[0].index not in bots])
    if fixups.seen:
        _name_the_rebases(kept, autosquash, fixups)
    merges, exempted, failed, errors, warnings = tally
    return CheckResult(
        range_,
        reason,
        kept.view(),
        total,
        merges,
        exempted,
        failed,
        errors,
        warnings,
        tuple(bots.values()),
    )


def _counter(
    tally: list[int],
    kept: KeptCommits,
    keep_passing: bool,
    config: Config,
    unread: list[tuple[int, Commit, CheckedCommit, tuple[str, ...]]] | None,
) -> Callable[[int, Commit, CheckedCommit], None]:
    """Count a judged commit, or hold it in `unread` while its security verdict waits
    for its paths' lines."""

    def count(position: int, commit: Commit, checked: CheckedCommit) -> None:
        violations = checked.violations  # most commits have none: no generator to run
        if (
            unread is not None
            and violations
            and any(v.rule == "security-impact" for v in violations)
        ):
            paths = security_paths_unread(commit, config)
            if paths:
                unread.append((position, commit, checked, paths))
                return
        _count(tally, kept, position, commit, checked, keep_passing)

    return count


def security_paths_unread(commit: Commit, config: Config) -> tuple[str, ...]:
    """The paths whose changed lines would decide whether the commit is a security fix:
    `check` and `report` hold such a commit back until those lines are read."""
    from commitguard.rules.security import unread_paths

    return unread_paths(parse(commit.message), commit.changes, config)


def weigh_security_lines(
    commit: Commit, checked: CheckedCommit, config: Config, hunks: dict[str, list[str]]
) -> None:
    """Drop the commit's security-impact findings if its paths' changed lines show no
    security work: a fix in an auth folder that touches no check, secret or token."""
    from commitguard.rules.security import judged_with_lines

    if judged_with_lines(parse(commit.message), commit.changes, config, hunks).relevant:
        return
    checked.violations = tuple(v for v in checked.violations if v.rule != "security-impact")


def _skipped(commit: Commit) -> CheckedCommit:
    return CheckedCommit(
        commit.sha,
        commit.author_name,
        commit.author_email,
        commit.message.partition("\n")[0],
        (),
        "bot",
    )


def _add_range_findings(
    tally: list[int],
    kept: KeptCommits,
    found: list[tuple[Subject, Violation]],
) -> None:
    """Range findings joined to their commits, which stay in git's order."""
    for subject, violation in found:
        before = kept.get(subject.index) or CheckedCommit(
            subject.sha, subject.author_name, subject.author_email, subject.header, ()
        )
        after = CheckedCommit(
            before.sha,
            before.author_name,
            before.author_email,
            before.header,
            (*before.violations, violation),
            before.exemption,
        )
        kept.put(subject.index, after)
        tally[2] += bool(after.errors) and not before.errors
        tally[3] += after.errors - before.errors
        tally[4] += after.warnings - before.warnings


def _name_the_rebases(kept: KeptCommits, autosquash: list[int], fixups: FixupTargets) -> None:
    """Each autosquash commit's hint: the rebase that folds it, now the range is known."""
    for position in autosquash:
        checked = kept.get(position)
        if checked is None:
            continue  # nothing kept for it (fixup-commit is off)
        hint = fixups.hint(checked.sha)
        if hint is None:
            continue
        checked.violations = tuple(
            Violation(v.rule, v.severity, v.message, hint, v.span, v.path)
            if v.rule == "fixup-commit"
            else v
            for v in checked.violations
        )
        kept.put(position, checked)  # one read from disk is a copy: keep it


def cited_commit(commit: Commit) -> str | None:
    """The sha a commit's git-written revert message names, if it is one; `check` and
    `report` hold those back to ask git about them once the stream ends."""
    if commit.is_merge or "This reverts commit" not in commit.message:
        return None  # the cheap test first: almost no commit is a revert
    return reverted_commit(parse(commit.message))


def _count(
    tally: list[int],
    kept: KeptCommits,
    position: int,
    commit: Commit,
    checked: CheckedCommit,
    keep_passing: bool,
) -> None:
    if commit.is_merge:
        tally[0] += 1
    elif checked.exemption is not None and not checked.violations:
        tally[1] += 1
    if checked.errors:
        tally[2] += 1
    tally[3] += checked.errors
    tally[4] += checked.warnings
    if checked.violations or keep_passing:
        kept.add(position, checked)


def check_commit(
    commit: Commit, config: Config, reverted_header: str | bool | None = None
) -> CheckedCommit:
    """One commit through every rule. `reverted_header`: the header of the commit a
    revert names, False when there is no such commit, None when nobody asked git."""
    # git stored the message cleaned already; cleaning again only normalises what a
    # tool other than `git commit` may have written (trailing blanks, CRLF, blank runs).
    text = commit.message
    if _unclean(text):
        text = clean(text, comment="\0", mode="whitespace")
    if reverted_header is None and not commit.is_merge:
        header = passes_plainly(text, config, commit.changes)
        if header is not None:  # most commits: nothing to parse or run
            return CheckedCommit(commit.sha, commit.author_name, commit.author_email, header, ())
    message = parse(text)
    facts = revert_facts(reverted_header, merge=commit.is_merge)
    result = lint(message, config, facts, commit.changes, history=True)
    return CheckedCommit(
        commit.sha,
        commit.author_name,
        commit.author_email,
        message.header_text,
        result.violations,
        result.exemption,
    )
