"""The shortcut `check` takes for most commits of a history: no rule can fault them,
shown without parsing each message whole or running each rule. Pure. Kept apart from
engine/lint.py, which the commit-msg hook imports: the hook judges one message."""

from __future__ import annotations

from commitguard.config.load import Config
from commitguard.engine.lint import REVERT_PREFIXES, body_rules, header_conforms
from commitguard.lazy import cached
from commitguard.message.parse import Header, is_release, parse_header
from commitguard.model import Change, Value
from commitguard.rules.history import AUTOSQUASH_PREFIXES
from commitguard.security.types import is_security_type

# The rules whose silence over a message `passes_plainly` shows without running them.
_PLAIN_BODY_RULES = frozenset(
    {
        "body-leading-blank",
        "body-max-line-length",
        "breaking-change-description",
        "fixup-commit",
        "security-impact",
        "security-no-impact",
    }
)
_NOT_PLAIN = (*AUTOSQUASH_PREFIXES, *REVERT_PREFIXES)


class _PlainPlan(Value):
    """What `passes_plainly` tests for one configuration's active body rules."""

    __slots__ = ("leading_blank", "max_line", "breaking", "security")

    def __init__(
        self, leading_blank: bool, max_line: int | None, breaking: bool, security: bool
    ) -> None:
        self.leading_blank = leading_blank
        self.max_line = max_line  # None: body-max-line-length is off
        self.breaking = breaking
        self.security = security


def passes_plainly(text: str, config: Config, changes: tuple[Change, ...]) -> str | None:
    """The header of a commit of a history that no active rule can fault, shown with a
    few tests in C instead of parsing its message whole and running each rule: a
    conforming header (engine/lint.py) without `!`, a body with a blank second line,
    short lines and no `BREAKING`, and, for a type the security rules look at, no
    evidence of security work (weighed as security-impact weighs it).
    Most commits of a healthy history are such, and `check` reads 100,000 of them.
    None when any of it does not hold, or a rule is active whose silence it cannot
    show so: then `lint` judges the message (tests/test_plain.py holds the two to the
    same verdicts). Merges and reverts are the caller's to leave out."""
    plan = _plain_plan(config)
    if plan is None or text.startswith(_NOT_PLAIN):
        return None
    if plan.breaking and "BREAKING" in text:
        return None
    header_line, _, body = text.partition("\n")
    header = parse_header(header_line)[0]
    if header is None or header.breaking:
        return None
    if not header_conforms(header, header_line, config) or is_release(header_line):
        return None
    if body:
        lines = body.split("\n")
        if plan.leading_blank and lines[0].strip():
            return None
        if plan.max_line is not None and max(map(len, lines)) > plan.max_line:
            return None
    # Both security rules find nothing in a fix the evidence does not make security
    # work, whatever its body says: weighed as they weigh it.
    security = plan.security and is_security_type(header, config)
    if security and _security_work(header, changes, config, body):
        return None
    return header_line


def _security_work(header: Header, changes: tuple[Change, ...], config: Config, body: str) -> bool:
    """Whether a commit of a history is a security fix by the evidence security-impact
    weighs (its paths by their names: `check` reads their lines later)."""
    from commitguard.rules.security import judge_header

    return judge_header(header, changes, config, body=body, history=True).relevant


@cached(maxsize=8)
def _plain_plan(config: Config) -> _PlainPlan | None:
    """What the shortcut tests for this configuration, worked out once per configuration;
    None when an active rule is one it cannot vouch for."""
    active = {rule.id for rule, _ in body_rules(config)}
    if not active <= _PLAIN_BODY_RULES:
        return None
    limit = config.rule_options["body-max-line-length"]["max"]
    if "body-max-line-length" in active and not isinstance(limit, int):
        return None
    return _PlainPlan(
        "body-leading-blank" in active,
        limit if "body-max-line-length" in active and isinstance(limit, int) else None,
        "breaking-change-description" in active,
        bool(active & {"security-impact", "security-no-impact"}),
    )
