"""Security rules: a fix to security-sensitive code documents its impact."""

from __future__ import annotations

from commitguard.message.parse import Header, Message
from commitguard.message.suggest import scope_parts
from commitguard.model import Change, Finding, Severity, Span
from commitguard.rules import Context, rule
from commitguard.security.types import is_security_type

# typing costs ~10 ms of import time in the commit-msg hook; mypy reads this flag too.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from commitguard.config.load import Config
    from commitguard.security.detect import Detection, Reason

    # The changed lines of each of these paths: path -> "+line"/"-line".
    LineReader = Callable[[tuple[str, ...]], dict[str, list[str]]]

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
    "`Affects: <what>`, or `Impact: None` when nothing an attacker could use changed (in "
    "the hook, commitguard asks for them in the terminal).",
    needs_header=True,
    uses_changes=True,
)
def security_impact(message: Message, context: Context) -> Iterator[Finding]:
    """Whoever deploys, audits or backports a security fix must judge its urgency without
    reading the diff. A commit is a security fix when its type is in `security.types` and
    its scope is in `security.scopes`, or its description names an attack or a defence
    (`security.keywords`, read in context), or a path it changes is auth code by its name
    (`security.roles`, `security.paths`; not `security.ignore-paths`: rate limiting and
    tests are not auth code) and its changed lines touch a check, a secret or a token
    (the staged diff in the hook; the commit's in `check`). A fix in such code that
    changes nothing an attacker could use (a redirect loop, a typo in an error message) says so
    with `Impact: None` and its one-sentence description, and needs no `Affects:`;
    `security-no-impact` lists those for review. `Security-Impact:` is accepted for
    `Impact:`, `moderate` for Medium; `CVE:`, `CWE:`, `Fixes: <sha> ("<subject>")` and
    `Reported-by:` are optional and checked when present. Add `--message FILE` or
    `--commit REV` to see why a commit counts."""
    assert message.header is not None
    if not is_security_type(message.header, context.config):
        return  # most commits: no detection to build, no body to join
    yield from impact_findings(message, judge(message, context))


def impact_findings(message: Message, detection: Detection) -> Iterator[Finding]:
    """What security-impact says of `message`, judged as `detection` says (`explain`
    passes its own, made with a commit's lines)."""
    if not detection.relevant:
        return
    reason = detection.reasons[0]
    why = f"`{message.header_text.split(':', 1)[0]}` is a security fix ({describe(reason)})"
    span = _span(message, reason)
    # Only a security fix gets here: the hook's usual path never imports the body's parser.
    from commitguard.security.body import (
        IMPACT_CHOICES,
        NO_IMPACT,
        field_problem,
        impact_level,
        read_body,
        template,
    )

    body = read_body(message)
    impact, affects = body.first("Impact"), body.first("Affects")
    level = impact_level(impact.value) if impact is not None else None
    absent = tuple(
        part
        for part, gone in (
            ("description", not body.has_description),
            ("impact", impact is None),
            ("affects", affects is None and level != NO_IMPACT),
        )
        if gone
    )
    if absent:
        names = [_NAMES[part] for part in absent]
        listed = ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0]
        hint = "add to the body:\n" + template(absent)
        if "impact" in absent:
            hint += f"\n(`Impact: {NO_IMPACT}` when it changes nothing an attacker could use;"
            hint += " then no `Affects:`)"
        path = reason.subject if reason.kind == "path" else None  # for a CI to annotate
        yield Finding(f"{why} but the body has no {listed}", hint, span, path)
    if impact is not None and level is None:
        yield Finding(
            f"`Impact: {impact.value}` is not a level; expected one of: "
            + ", ".join(IMPACT_CHOICES),
            "write `Impact: Critical`, `High`, `Medium`, `Low` or `None`",
            _line_span(message, impact.line),
        )
    if affects is not None and not affects.value and level != NO_IMPACT:
        yield Finding(
            "`Affects:` is empty",
            "say what is affected: `Affects: <what>`",
            _line_span(message, affects.line),
        )
    for field in body.fields:
        problem = field_problem(field)
        if problem is not None:
            yield Finding(problem, f"fix or remove `{field.key}:`", _line_span(message, field.line))


def judge(message: Message, context: Context) -> Detection:
    """The detection of the rule's message, as `judge_header` makes it."""
    assert message.header is not None
    body = message.text.partition("\n")[2]  # the lines after the header
    return judge_header(
        message.header, context.changes, context.config, body=body, history=context.history
    )


def judge_header(
    header: Header,
    changes: tuple[Change, ...],
    config: Config,
    *,
    body: str = "",
    history: bool = False,
    read_lines: LineReader | None = None,
) -> Detection:
    """The detection, with the changed lines of the paths that need them: the staged
    ones (or what `read_lines` gives: `cz` remembers them across its questions), read
    only when nothing else decided. A commit of a history (`check`, `report`) has only
    its paths here: a candidate path counts by its name until the engine reads its
    lines (engine/check.py, report/aggregate.py) and judges again."""
    # Imported here: the commit-msg hook loads this module for every message, and only
    # a commit of a security type is judged.
    from commitguard.security.detect import detect, unread_counted

    found = detect(header, changes, config, body=body)
    wanted = found.wants_lines
    if not wanted:
        return found
    if history:
        return unread_counted(found)
    if read_lines is None:
        from commitguard.security.diff import staged_lines

        read_lines = staged_lines
    return detect(header, changes, config, body=body, hunks=read_lines(wanted))


def describe(reason: Reason) -> str:
    if reason.kind == "scope":
        return f"scope `{reason.subject}`"
    if reason.kind == "path":
        support = f": {reason.support}" if reason.support else ""
        if reason.setting == "security.project":
            return f"path {reason.subject} is code of {_project(reason.pattern)}{support}"
        return f"path {reason.subject} matches `{reason.pattern}`{support}"
    if reason.setting == "advisory id":
        return f"`{reason.subject}` in the body"
    return f"`{reason.subject}` in the description"


def _project(name: str) -> str:
    """How a reason names the project whose every path is security code: the
    repository, or its package, which is a security package."""
    from commitguard.security.project import WHOLE_REPOSITORY, shown  # only a fix's reason asks

    return shown(name) + ("" if name == WHOLE_REPOSITORY else ", a security package")


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


@rule(
    "security-no-impact",
    family="security",
    severity=Severity.WARNING,
    summary="a security fix that declares `Impact: None` is listed for review",
    good="fix(auth): reject expired refresh tokens\n\nExpired refresh tokens were accepted.\n"
    "Impact: High\nAffects: All authenticated endpoints",
    bad="fix(auth): stop the login redirect loop\n\nThe return URL pointed at itself.\n"
    "Impact: None",
    fix="Nothing to fix when the answer is honest: a reviewer confirms that the change "
    "gives an attacker nothing. Turn the rule off to stop listing them.",
    needs_header=True,
    uses_changes=True,
)
def security_no_impact(message: Message, context: Context) -> Iterator[Finding]:
    """`Impact: None` is the honest short answer for a fix in security code that has no
    security impact. It is accepted, and shown (a warning by default) so that a lead or
    a reviewer sees each such claim once: `report` counts them apart as well."""
    assert message.header is not None
    if not is_security_type(message.header, context.config):
        return  # the cheap tests first: most commits are no fix, most fixes say no impact
    if "impact" not in message.text.lower():
        return
    from commitguard.security.body import NO_IMPACT, impact_level, read_body

    body = read_body(message)
    impact = body.first("Impact")
    if impact is None or impact_level(impact.value) != NO_IMPACT:
        return
    if not judge(message, context).relevant:
        return
    yield Finding(
        "declares no security impact (`Impact: None`): review the claim",
        None,
        _line_span(message, impact.line),
    )


def unread_paths(message: Message, changes: tuple[Change, ...], config: Config) -> tuple[str, ...]:
    """The paths whose names alone made a commit of a history a security fix, because
    their changed lines were not at hand: `check` reads them, for the few commits the
    rule flagged that way, and judges them again (`judged_with_lines`)."""
    if message.header is None:
        return ()
    from commitguard.security.detect import detect

    body = message.text.partition("\n")[2]  # the lines after the header
    return detect(message.header, changes, config, body=body).wants_lines


def judged_with_lines(
    message: Message, changes: tuple[Change, ...], config: Config, hunks: dict[str, list[str]]
) -> Detection:
    """The detection of a commit of a history, its candidate paths' changed lines read."""
    from commitguard.security.detect import detect

    assert message.header is not None
    body = message.text.partition("\n")[2]  # the lines after the header
    return detect(message.header, changes, config, body=body, hunks=hunks)
