"""`commitguard explain security-impact --message FILE | --commit REV`: why a commit is,
or is not, judged security work, piece of evidence by piece of evidence (what counted
and what tipped it, what was discounted and why), and what its body still lacks."""

from __future__ import annotations

from commitguard import git
from commitguard.config.load import Config
from commitguard.errors import GitError, UsageError
from commitguard.message import cleanup
from commitguard.message.parse import Message, parse
from commitguard.model import Change
from commitguard.output import Painter
from commitguard.rules.security import describe, impact_findings
from commitguard.security.body import read_body
from commitguard.security.detect import Detection, detect, path_candidates
from commitguard.security.diff import commit_lines, staged_lines

TYPE_CHECKING = False
if TYPE_CHECKING:
    from commitguard.security.detect import Hunks


class Subject:
    """What is explained: where it came from, the message, its paths, and the changed
    lines of those paths whose name makes them candidates."""

    __slots__ = ("source", "message", "changes", "hunks")

    def __init__(
        self, source: str, message: Message, changes: tuple[Change, ...], hunks: Hunks
    ) -> None:
        self.source = source
        self.message = message
        self.changes = changes
        self.hunks = hunks


def gather(
    message_source: str | None,
    commit: str | None,
    paths: tuple[str, ...],
    stdin: bytes | None,
    config: Config,
) -> Subject:
    """A commit's own message and paths, or the staged paths for a message file, as the
    hook would see them; `paths` are added either way (with no lines of their own)."""
    extra = tuple(Change("M", path) for path in paths)
    if commit is not None:
        found = git.read_commit(commit)
        if found is None:
            raise GitError(f"{commit!r} names no commit")
        text = cleanup.clean(found.message, comment="\0", mode="whitespace")
        hunks = commit_lines(found.sha, _candidates(found.changes, config))
        return Subject(f"commit {found.sha[:12]}", parse(text), found.changes + extra, hunks)
    assert message_source is not None
    if message_source == "-":
        raw = stdin or b""
    else:
        try:
            with open(message_source, "rb") as handle:
                raw = handle.read()
        except OSError as error:
            raise UsageError(f"{message_source}: cannot be read: {error.strerror}") from None
    text = cleanup.clean(cleanup.decode(raw, None), "#", "strip")
    staged = git.staged_changes_if_any()
    hunks = staged_lines(_candidates(staged, config)) if staged else {}
    shown = "stdin" if message_source == "-" else message_source
    return Subject(f"{shown}, {len(staged)} staged paths", parse(text), staged + extra, hunks)


def _candidates(changes: tuple[Change, ...], config: Config) -> list[str]:
    found, _ = path_candidates(changes, config, weighed=True)
    return [reason.subject for reason, _ in found]


def verdict(subject: Subject, config: Config, paint: Painter) -> str:
    message, changes = subject.message, subject.changes
    header = message.header
    lines = [paint("bold", message.header_text or "(empty message)") + f"  ({subject.source})"]
    lines.append("")
    if header is None:
        lines.append("the header does not parse, so no rule judges it yet")
        return "\n".join(lines)
    body = "\n".join(message.lines[1:])
    # A path given with --path has no lines of its own: it stays undecided.
    hunks = subject.hunks or None
    found = detect(header, changes, config, every_reason=True, hunks=hunks, body=body)
    mark = {True: paint("ok", "yes"), False: paint("dim", "no")}
    lines.append(f"security-relevant: {mark[found.relevant]}")
    types = ", ".join(config.security_types) or "none"
    lines.append(
        f"  type `{header.type}` "
        + ("is" if found.type_matches else "is not")
        + f" in security.types ({types})"
    )
    for reason in found.reasons:
        lines.append(f"  counts: {describe(reason)} ({reason.setting})")
    for reason in found.unread:
        lines.append(
            f"  undecided: {describe(reason)} ({reason.setting}), "
            "but its changed lines were not read"
        )
    for item in found.discounted:
        lines.append(f"  discounted: {_discounted_subject(item.kind, item.subject)}: {item.why}")
    for ignored in found.ignored:
        lines.append(
            f"  not counted: {ignored.path} matches `{ignored.pattern}` but also "
            f"`{ignored.ignored_by}` (security.ignore-paths)"
        )
    if not (found.reasons or found.discounted or found.unread or found.ignored):
        lines.append(
            f"  no security scope, path ({len(changes)} looked at) or keyword in the description"
        )
    if not found.relevant:
        return "\n".join(lines)
    return "\n".join(lines + _body_lines(message, found, paint))


def _discounted_subject(kind: str, subject: str) -> str:
    return f"path {subject}" if kind == "path" else f"`{subject}`"


def _body_lines(message: Message, found: Detection, paint: Painter) -> list[str]:
    body = read_body(message)
    lines = ["", "body:"]
    lines.append(f"  description: {'yes' if body.has_description else 'missing'}")
    for key in ("Impact", "Affects", "CVE", "CWE", "Fixes", "Reported-by"):
        field = body.first(key)
        if field is not None or key in ("Impact", "Affects"):
            lines.append(f"  {key}: {field.value if field else 'missing'}")
    # The rule's own findings, for the detection made above with the commit's own lines
    # (not whatever the index holds now).
    findings = list(impact_findings(message, found))
    lines.append("")
    if findings:
        lines += [f"{paint('error', 'fails')}: {finding.message}" for finding in findings]
    else:
        lines.append(paint("ok", "passes security-impact"))
    return lines
