"""Security rules: a fix to security-sensitive code documents its impact."""

from __future__ import annotations

from collections.abc import Iterator

from commitguard.message.parse import Message
from commitguard.message.suggest import scope_parts
from commitguard.model import Finding, Span
from commitguard.rules import Context, rule
from commitguard.security.detect import Reason, detect

_NAMES = {"description": "description", "impact": "`Impact:`", "affects": "`Affects:`"}


@rule(
    "security-impact",
    family="security",
    summary="a security fix (`fix` with a security scope, path or subject word) says what "
    "was fixed, then `Impact:` and `Affects:`",
    good="fix(auth): patch JWT validation vulnerability\n\nSecurity fix for token bypass "
    "issue.\nImpact: Critical\nAffects: All authenticated endpoints",
    bad="fix(auth): patch JWT validation vulnerability",
    fix="Add a sentence on what was fixed, then `Impact: Critical|High|Medium|Low` and "
    "`Affects: <what>` (in the hook, commitguard asks for them in the terminal).",
    needs_header=True,
    uses_changes=True,
)
def security_impact(message: Message, context: Context) -> Iterator[Finding]:
    """Whoever deploys, audits or backports a security fix must judge its urgency without
    reading the diff. A commit is a security fix when its type is in `security.types` and
    its scope is in `security.scopes`, or a path it changes matches `security.paths` (and
    not `security.ignore-paths`: rate limiting and tests are not auth code), or its
    description has a word of `security.keywords`. `Security-Impact:` is accepted for
    `Impact:`, `moderate` for Medium; `CVE:`, `CWE:`, `Fixes: <sha> ("<subject>")` and
    `Reported-by:` are optional and checked when present. Add `--message FILE` or
    `--commit REV` to see why a commit counts."""
    assert message.header is not None
    header = message.header
    detection = detect(header, context.changes, context.config)
    if not detection.relevant:
        return
    reason = detection.reasons[0]
    why = f"`{message.header_text.split(':', 1)[0]}` is a security fix ({describe(reason)})"
    span = _span(message, reason)
    # Only a security fix gets here: the hook's usual path never imports the body's parser.
    from commitguard.security.body import (
        IMPACT_LEVELS,
        field_problem,
        impact_level,
        read_body,
        template,
    )

    body = read_body(message)
    impact, affects = body.first("Impact"), body.first("Affects")
    absent = tuple(
        part
        for part, gone in (
            ("description", not body.has_description),
            ("impact", impact is None),
            ("affects", affects is None),
        )
        if gone
    )
    if absent:
        names = [_NAMES[part] for part in absent]
        listed = ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0]
        hint = "add to the body:\n" + template(absent)
        yield Finding(f"{why} but the body has no {listed}", hint, span)
    if impact is not None and impact_level(impact.value) is None:
        yield Finding(
            f"`Impact: {impact.value}` is not a level; expected one of: {', '.join(IMPACT_LEVELS)}",
            "write `Impact: Critical`, `High`, `Medium` or `Low`",
            _line_span(message, impact.line),
        )
    if affects is not None and not affects.value:
        yield Finding(
            "`Affects:` is empty",
            "say what is affected: `Affects: <what>`",
            _line_span(message, affects.line),
        )
    for field in body.fields:
        problem = field_problem(field)
        if problem is not None:
            yield Finding(problem, f"fix or remove `{field.key}:`", _line_span(message, field.line))


def describe(reason: Reason) -> str:
    if reason.kind == "scope":
        return f"scope `{reason.subject}`"
    if reason.kind == "path":
        return f"path {reason.subject} matches `{reason.pattern}`"
    return f"`{reason.subject}` in the description"


def _span(message: Message, reason: Reason) -> Span:
    header = message.header
    assert header is not None
    if reason.kind == "scope":
        column = next(c for name, c in scope_parts(header) if name == reason.subject)
        return Span(0, column, column + len(reason.subject))
    if reason.kind == "keyword":
        column = message.header_text.lower().find(reason.subject.lower(), header.description_start)
        if column >= 0:
            return Span(0, column, column + len(reason.subject))
    return Span(0, 0, len(header.type))


def _line_span(message: Message, line: int) -> Span:
    return Span(line, 0, max(1, len(message.lines[line])))
