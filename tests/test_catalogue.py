"""The rule catalogue as a whole: how rules are found, what every rule must carry, and
the flags the engine trusts (`header_only`, `range_rule`).

The engine skips every `header_only` rule for a header `header_conforms` accepts. A rule
flagged so by mistake would be skipped silently on exactly the headers where it finds
something; the contract test below runs every registered rule over many such headers.
"""

from __future__ import annotations

import itertools
import re
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from commitguard.config.load import Config, build
from commitguard.engine.lint import active_rules, header_conforms
from commitguard.message.parse import Message, parse
from commitguard.model import Finding, Severity
from commitguard.rules import Context, Rule, catalogue, rule_modules
from tests.helpers import ROOT, run_commitguard

README = (ROOT / "README.md").read_text()
# The rules the product contract says need a whole range (docs/DESIGN.md, "Rules").
RANGE_RULE_IDS = {"migration-order", "migration-edited", "schema-without-migration"}

# --- how rules are found -----------------------------------------------------------------


def test_every_rule_module_is_found_and_contributes_rules() -> None:
    modules = rule_modules()
    assert modules == sorted(modules)
    assert {"conventional", "history", "migrations", "security"} <= set(modules)
    found = {rule.check.__module__.rsplit(".", 1)[1] for rule in catalogue().values()}
    assert found == set(modules)


def test_the_catalogue_goes_module_by_module_in_source_order() -> None:
    modules = rule_modules()
    places = [
        (modules.index(rule.check.__module__.rsplit(".", 1)[1]), rule.check.__code__.co_firstlineno)
        for rule in catalogue().values()
    ]
    assert places == sorted(places)


@pytest.mark.parametrize("first", ["security", "migrations", "history"])
def test_the_order_does_not_depend_on_what_is_imported_first(first: str) -> None:
    script = (
        f"import commitguard.rules.{first}\n"
        "from commitguard.rules import catalogue\n"
        "print(' '.join(catalogue()))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == list(catalogue())


# --- what every rule carries -------------------------------------------------------------


def test_rule_ids_are_unique_and_kebab_case() -> None:
    ids = [rule.id for rule in catalogue().values()]
    assert len(ids) == len(set(ids))
    assert list(catalogue()) == ids
    for rule_id in ids:
        assert re.fullmatch(r"[a-z]+(?:-[a-z]+)*", rule_id), rule_id


@pytest.mark.parametrize("rule_id", list(catalogue()))
def test_every_rule_is_documented(rule_id: str) -> None:
    rule = catalogue()[rule_id]
    assert f"| `{rule_id}` | {rule.severity.value} |" in README, "add its row to the README"
    for field in ("summary", "rationale", "good", "bad", "fix"):
        value = getattr(rule, field)
        assert isinstance(value, str), field
        assert value.strip(), f"{rule_id} has no {field}"
    assert len(rule.rationale) > len(rule.summary)
    assert re.fullmatch(r"[a-z]+", rule.family)
    assert rule.severity in (Severity.ERROR, Severity.WARNING)
    assert rule.good != rule.bad


# --- range rules ---------------------------------------------------------------------------


def test_range_rules_are_the_ones_the_contract_names() -> None:
    flagged = {rule.id for rule in catalogue().values() if rule.range_rule}
    assert flagged == RANGE_RULE_IDS


@pytest.mark.parametrize("rule_id", sorted(RANGE_RULE_IDS))
def test_the_engine_never_runs_a_range_rule_on_one_message(rule_id: str) -> None:
    config = build({}, "test.yaml")
    assert config.severities[rule_id] is not Severity.OFF
    assert rule_id not in {rule.id for rule, _ in active_rules(config)}


def test_commitguard_rules_says_which_rules_need_a_range(tmp_path: Path) -> None:
    result = run_commitguard("rules", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    for rule in catalogue().values():
        line = next(line for line in result.stdout.splitlines() if f" {rule.id} " in line)
        assert ("(`check` over a range)" in line) is rule.range_rule, line


# --- the header_only contract ------------------------------------------------------------

TYPES = ("feat", "Feat", "fix", "FIX", "feature", "chore", "style", "build", "revert", "x-y")
SCOPES = (
    None,
    "api",
    "API",
    "Auth",
    "auth",
    "api,auth",
    "api, auth",
    "a b",
    "order_history",
    "v2.1/x",
    "-x",
    "é",
)
DESCRIPTIONS = (
    "add x",
    "Add x",
    "x.",
    "x...",
    " x",
    "JWT fix",
    "éclair",
    "Éclair",
    "1 more",
    "a" * 90,
    "[wip] x",
    "`code` x",
    "patch token bypass",
    "fix XSS in search",
)
CONFIGS: dict[str, dict[str, object]] = {
    "team": {},
    "conventional": {"preset": "conventional"},
    "allowed": {"scopes": {"allowed": ["api", "Auth"]}},
    "conventional-allowed": {"preset": "conventional", "scopes": {"allowed": ["api"]}},
    "optional-scope": {"scopes": {"required": False}},
    "short": {"rules": {"header-max-length": {"max": 20}}},
    # An upper-case configured type is refused at load (test_config_hostile.py).
}
BODIES = ("", "\n\nBody line.", "\n\nBREAKING CHANGE: x is gone.\nImpact: High")


def _headers() -> Iterator[str]:
    for type_, scope, description in itertools.product(TYPES, SCOPES, DESCRIPTIONS):
        scoped = f"({scope})" if scope is not None else ""
        yield f"{type_}{scoped}: {description}"
        yield f"{type_}{scoped}!: {description}"


def _conforming(config: Config) -> Iterator[Message]:
    """Messages whose header `header_conforms` accepts under `config`."""
    for header in _headers():
        for body in BODIES:
            message = parse(header + body)
            if message.header is not None and header_conforms(
                message.header, message.header_text, config
            ):
                yield message


def header_only_breaches(rules: Iterable[Rule], config: Config) -> list[tuple[str, str]]:
    """(rule id, header) for each header_only rule that finds something in a header the
    engine's shortcut accepts: a finding the engine would never show."""
    context = Context(config)
    breaches = []
    for message in _conforming(config):
        for rule in rules:
            if rule.header_only and list(rule.check(message, context)):
                breaches.append((rule.id, message.header_text))
    return breaches


@pytest.mark.parametrize("name", sorted(CONFIGS))
def test_a_header_only_rule_finds_nothing_in_an_accepted_header(name: str) -> None:
    config = build(CONFIGS[name], f"{name}.yaml")
    assert sum(1 for _ in _conforming(config)) >= 20  # the shortcut is taken, often
    assert header_only_breaches(catalogue().values(), config) == []


def test_every_header_only_rule_finds_something_somewhere() -> None:
    """Otherwise the contract above would hold for a rule that never looks at all."""
    config = build({"scopes": {"allowed": ["api"]}}, "test.yaml")
    context = Context(config)
    messages = [parse(header) for header in _headers()]
    for rule in catalogue().values():
        if rule.header_only:
            found = any(m.header is not None and list(rule.check(m, context)) for m in messages)
            found = found or bool(list(rule.check(parse(rule.bad), context)))
            assert found, rule.id


def test_the_contract_catches_a_rule_flagged_header_only_by_mistake() -> None:
    def no_body(message: Message, context: Context) -> Iterator[Finding]:
        if len(message.lines) == 1:
            yield Finding("no body")

    wrong = Rule(
        id="body-required",
        family="message",
        severity=Severity.ERROR,
        summary="a body",
        rationale="a body",
        good="x",
        bad="y",
        fix="z",
        check=no_body,
        needs_header=True,
        uses_changes=False,
        header_only=True,
        range_rule=False,
        options={},
    )
    breaches = header_only_breaches([wrong], build({}, "test.yaml"))
    assert ("body-required", "feat(api): add x") in breaches


@pytest.mark.parametrize("rule_id", [r.id for r in catalogue().values() if r.header_only])
def test_a_header_only_rule_reads_the_header_alone(rule_id: str) -> None:
    """Whatever follows the header never changes what a header_only rule finds."""
    rule = catalogue()[rule_id]
    for name, settings in CONFIGS.items():
        context = Context(build(settings, f"{name}.yaml"))
        for header in itertools.islice(_headers(), 0, None, 7):
            alone = parse(header)
            if alone.header is None and rule.needs_header:
                continue
            expected = list(rule.check(alone, context))
            for body in BODIES[1:]:
                assert list(rule.check(parse(header + body), context)) == expected, header


HEADLESS = (
    "",
    "Fix the login bug",
    "feat(api) add x",
    "fixup! feat(api): add x",
    "Update auth\n\nImpact: High\nAffects: login",
    "wip\n\nBREAKING CHANGE: the api moved\nMigration-Waiver: tested by hand",
)


@pytest.mark.parametrize("rule_id", [r.id for r in catalogue().values() if not r.needs_header])
def test_a_rule_that_runs_without_a_header_never_needs_one(rule_id: str) -> None:
    """`needs_header` defaults to False: a rule that reads the parsed header and forgets
    to say so fails here, not on a user's commit whose header does not parse."""
    rule = catalogue()[rule_id]
    for name, settings in CONFIGS.items():
        context = Context(build(settings, f"{name}.yaml"), history=True)
        for text in HEADLESS:
            message = parse(text)
            assert message.header is None, text
            list(rule.check(message, context))  # must not raise


def test_the_design_names_every_rule() -> None:
    design = (ROOT / "docs/DESIGN.md").read_text()
    missing = [rule_id for rule_id in catalogue() if f"`{rule_id}`" not in design]
    assert missing == []
