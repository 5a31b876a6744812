"""`commitguard explain security-impact --message FILE | --commit REV`: why a commit is,
or is not, judged security work, reason by reason, and what its body still lacks."""

from __future__ import annotations

from commitguard import git
from commitguard.config.load import Config
from commitguard.engine.lint import lint
from commitguard.errors import GitError, UsageError
from commitguard.message import cleanup
from commitguard.message.parse import Message, parse
from commitguard.model import Change
from commitguard.output import Painter
from commitguard.rules.security import describe
from commitguard.security.body import read_body
from commitguard.security.detect import detect


def gather(
    message_source: str | None,
    commit: str | None,
    paths: tuple[str, ...],
    stdin: bytes | None,
) -> tuple[str, Message, tuple[Change, ...]]:
    """(where it came from, the message, its paths): a commit's own, or the staged ones
    for a message file, as the hook would see them; `paths` are added either way."""
    extra = tuple(Change("M", path) for path in paths)
    if commit is not None:
        found = git.read_commit(commit)
        if found is None:
            raise GitError(f"{commit!r} names no commit")
        text = cleanup.clean(found.message, comment="\0", mode="whitespace")
        return f"commit {found.sha[:12]}", parse(text), found.changes + extra
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
    shown = "stdin" if message_source == "-" else message_source
    return f"{shown}, {len(staged)} staged paths", parse(text), staged + extra


def verdict(
    source: str, message: Message, changes: tuple[Change, ...], config: Config, paint: Painter
) -> str:
    header = message.header
    lines = [paint("bold", message.header_text or "(empty message)") + f"  ({source})", ""]
    if header is None:
        lines.append("the header does not parse, so no rule judges it yet")
        return "\n".join(lines)
    found = detect(header, changes, config, every_reason=True)
    mark = {True: paint("ok", "yes"), False: paint("dim", "no")}
    lines.append(f"security-relevant: {mark[found.relevant]}")
    types = ", ".join(config.security_types) or "none"
    lines.append(
        f"  type `{header.type}` "
        + ("is" if found.type_matches else "is not")
        + f" in security.types ({types})"
    )
    for reason in found.reasons:
        lines.append(f"  {describe(reason)} ({reason.setting})")
    if not found.reasons:
        lines.append(
            f"  no security scope, path ({len(changes)} looked at) or keyword in the description"
        )
    for ignored in found.ignored:
        lines.append(
            f"  not counted: {ignored.path} matches `{ignored.pattern}` but also "
            f"`{ignored.ignored_by}` (security.ignore-paths)"
        )
    if not found.relevant:
        return "\n".join(lines)
    body = read_body(message)
    lines += ["", "body:"]
    lines.append(f"  description: {'yes' if body.has_description else 'missing'}")
    for key in ("Impact", "Affects", "CVE", "CWE", "Fixes", "Reported-by"):
        field = body.first(key)
        if field is not None or key in ("Impact", "Affects"):
            lines.append(f"  {key}: {field.value if field else 'missing'}")
    result = lint(message, config, changes=changes)
    findings = [v for v in result.violations if v.rule == "security-impact"]
    lines.append("")
    if findings:
        lines += [f"{paint('error', 'fails')}: {v.message}" for v in findings]
    else:
        lines.append(paint("ok", "passes security-impact"))
    return "\n".join(lines)
