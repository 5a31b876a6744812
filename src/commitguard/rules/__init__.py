"""The rule catalogue: small units, registered once, each with a stable id.

A rule is a function from a parsed message and its context to findings, plus the
data `commitguard rules` and `commitguard explain` show. Adding a rule means writing
one function in the family module it belongs to (or in a new module of this package:
it is found by itself) and decorating it with `@rule`; then its test and its row in
the README's rule table.
"""

from __future__ import annotations

import os

from commitguard.model import Change, Finding, Severity, Value

# typing costs ~10 ms of import time in the commit-msg hook; mypy reads this flag too.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping

    from commitguard.config.load import Config
    from commitguard.message.parse import Message

    Check = Callable[[Message, "Context"], Iterable[Finding]]


class Context(Value):
    """What a rule may look at besides the message."""

    __slots__ = ("config", "changes", "history")

    def __init__(
        self, config: Config, changes: tuple[Change, ...] = (), history: bool = False
    ) -> None:
        self.config = config
        self.changes = changes  # the staged paths (hook) or the commit's paths (check)
        self.history = history  # True for commits already made (`check`)

    def option(self, rule_id: str, name: str) -> object:
        return self.config.rule_options[rule_id][name]


class Rule(Value):
    __slots__ = (
        "id",
        "family",
        "severity",
        "summary",
        "rationale",
        "good",
        "bad",
        "fix",
        "check",
        "needs_header",
        "uses_changes",
        "header_only",
        "range_rule",
        "options",
    )

    def __init__(
        self,
        *,
        id: str,
        family: str,
        severity: Severity,
        summary: str,
        rationale: str,
        good: str,
        bad: str,
        fix: str,
        check: Check,
        needs_header: bool,
        uses_changes: bool,
        header_only: bool,
        range_rule: bool,
        options: Mapping[str, type],
    ) -> None:
        self.id = id
        self.family = family
        self.severity = severity  # the default; the configuration may change it
        self.summary = summary
        self.rationale = rationale
        self.good = good
        self.bad = bad
        self.fix = fix
        self.check = check
        self.needs_header = needs_header  # skipped when the header does not parse
        self.uses_changes = uses_changes  # reads Context.changes: the hook must ask git
        # Judges the header line alone, so a header lint.header_conforms() accepts
        # cannot break it: `check` skips it for such headers.
        self.header_only = header_only
        # Judged over a whole range by `check` (migrations/branch.py), never on one
        # message: the engine does not run its function, which finds nothing alone.
        self.range_rule = range_rule
        self.options = options


REGISTRY: dict[str, Rule] = {}


def rule(
    rule_id: str,
    *,
    family: str,
    severity: Severity = Severity.ERROR,
    summary: str,
    good: str,
    bad: str,
    fix: str,
    needs_header: bool = False,
    uses_changes: bool = False,
    header_only: bool = False,
    range_rule: bool = False,
    options: Mapping[str, type] | None = None,
) -> Callable[[Check], Check]:
    """Register a rule; its docstring is the rationale `commitguard explain` prints.

    `needs_header`: the rule reads the parsed header, so the engine skips it when the
    header does not parse. `header_only`: the rule judges the header line alone, so the
    engine may skip it for a header `engine.lint.header_conforms` accepts
    (tests/test_catalogue.py holds every such rule to that). `range_rule`: the rule
    needs the whole range and is judged by `check` elsewhere; its function only carries
    the documentation.
    """

    def register(check: Check) -> Check:
        if rule_id in REGISTRY:
            raise AssertionError(f"rule {rule_id} registered twice")
        REGISTRY[rule_id] = Rule(
            id=rule_id,
            family=family,
            severity=severity,
            summary=summary,
            rationale=_dedent(check.__doc__ or ""),
            good=good,
            bad=bad,
            fix=fix,
            check=check,
            needs_header=needs_header,
            uses_changes=uses_changes,
            header_only=header_only,
            range_rule=range_rule,
            options=dict(options or {}),
        )
        return check

    return register


def _dedent(text: str) -> str:
    lines = text.strip("\n").splitlines()
    indents = [len(line) - len(line.lstrip()) for line in lines[1:] if line.strip()]
    cut = min(indents, default=0)
    return "\n".join([lines[0].strip(), *(line[cut:] for line in lines[1:])]).strip()


_catalogue: dict[str, Rule] | None = None


def catalogue() -> dict[str, Rule]:
    """Every rule, family by family: the modules of this package in alphabetical order of
    their file names (conventional, history, migrations, security), each module's rules
    in the order they are written. Stable from run to run, whoever imports what first:
    `--format sarif` numbers the rules in this order."""
    global _catalogue
    if _catalogue is None:
        modules = rule_modules()
        for name in modules:
            # __import__ rather than importlib or pkgutil: the commit-msg hook comes
            # through here, and pkgutil alone costs it ~10 ms of import time.
            __import__(f"{__name__}.{name}")
        place = {f"{__name__}.{name}": index for index, name in enumerate(modules)}
        last = len(place)  # a rule registered from outside this package
        ordered = sorted(REGISTRY.values(), key=lambda r: place.get(r.check.__module__, last))
        _catalogue = {rule.id: rule for rule in ordered}
    return _catalogue


def rule_modules() -> list[str]:
    """The names of the rule modules in this package, sorted: every `.py` file here but
    the private ones (`_name.py`) and this one."""
    folder = os.path.dirname(os.path.abspath(__file__))
    return sorted(
        name[:-3] for name in os.listdir(folder) if name.endswith(".py") and name[0] != "_"
    )
