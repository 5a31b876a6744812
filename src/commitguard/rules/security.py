"""Security rules: a fix to security-sensitive code documents its impact."""

from __future__ import annotations

import re
from collections.abc import Iterator

from commitguard.message import Message
from commitguard.model import Finding, Span
from commitguard.rules import Context, rule
from commitguard.rules.conventional import scope_parts

IMPACT_LEVELS = ("Critical", "High", "Medium", "Low")
# GitHub security advisories say "moderate" where the team says Medium.
_IMPACT_ALIASES = {"moderate": "Medium"}
_FIELD = re.compile(r"\s*(?P<key>security-impact|impact|affects)\s*:\s*(?P<value>.*)\Z", re.I)
TEMPLATE = "Impact: <Critical|High|Medium|Low>\nAffects: <what is affected>"


def impact_level(value: str) -> str | None:
    """The canonical level for an `Impact:` value, or None when it is not one."""
    word = value.strip().split(" ", 1)[0].lower().rstrip(".,;")
    for level in IMPACT_LEVELS:
        if word == level.lower():
            return level
    return _IMPACT_ALIASES.get(word)


def security_fields(message: Message) -> dict[str, tuple[int, str]]:
    """`impact` and `affects` from anywhere in the body: the team writes them right under
    the description, which git's trailer parser would not read as trailers."""
    found: dict[str, tuple[int, str]] = {}
    for index in range(message.body_start, len(message.lines)):
        match = _FIELD.match(message.lines[index])
        if match is None:
            continue
        key = "affects" if match["key"].lower() == "affects" else "impact"
        found.setdefault(key, (index, match["value"].strip()))
    return found


@rule(
    "security-impact",
    family="security",
    summary="a security fix (`fix` with a security scope) has `Impact:` and `Affects:`",
    good="fix(auth): patch JWT validation vulnerability\n\nSecurity fix for token bypass "
    "issue.\nImpact: Critical\nAffects: All authenticated endpoints",
    bad="fix(auth): patch JWT validation vulnerability",
    fix="Add `Impact: Critical|High|Medium|Low` and `Affects: <what>` to the body.",
)
def security_impact(message: Message, context: Context) -> Iterator[Finding]:
    """Whoever deploys, audits or backports a security fix must judge its urgency without
    reading the diff. `Security-Impact:` is accepted for `Impact:`. Which types and
    scopes count as security work is configurable (`security.types`, `security.scopes`)."""
    assert message.header is not None
    header = message.header
    config = context.config
    if header.type.lower() not in config.security_types:
        return
    sensitive = {scope.lower() for scope in config.security_scopes}
    matched = [(name, column) for name, column in scope_parts(header) if name.lower() in sensitive]
    if not matched:
        return
    name, column = matched[0]
    why = f"`{header.type}({header.scope})` is a security fix (scope `{name}`)"
    span = Span(0, column, column + len(name))
    fields = security_fields(message)
    if "impact" not in fields and "affects" not in fields:
        yield Finding(
            f"{why} but the body has no `Impact:` and `Affects:`",
            "add to the body:\n" + TEMPLATE,
            span,
        )
        return
    if "impact" not in fields:
        yield Finding(
            f"{why} but the body has no `Impact:`", "add `Impact: <Critical|High|Medium|Low>`", span
        )
    else:
        line, value = fields["impact"]
        if impact_level(value) is None:
            yield Finding(
                f"`Impact: {value}` is not a level; expected one of: {', '.join(IMPACT_LEVELS)}",
                "write `Impact: Critical`, `High`, `Medium` or `Low`",
                Span(line, 0, len(message.lines[line])),
            )
    if "affects" not in fields:
        yield Finding(
            f"{why} but the body has no `Affects:`", "add `Affects: <what is affected>`", span
        )
    elif not fields["affects"][1]:
        line = fields["affects"][0]
        yield Finding(
            "`Affects:` is empty",
            "say what is affected: `Affects: <what>`",
            Span(line, 0, len(message.lines[line])),
        )
