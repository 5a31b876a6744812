"""`check` skips the header-only rules for a header lint.header_conforms() accepts.

That shortcut must never hide a violation: over every combination below, a header it
accepts is one on which every header-only rule finds nothing.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping

import pytest

from commitguard.config import load as config_module
from commitguard.engine.lint import header_conforms
from commitguard.message.parse import parse
from commitguard.rules import Context, catalogue

TYPES = ("feat", "Feat", "fix", "FIX", "feature", "chore", "style", "x-y")
SCOPES = (None, "api", "API", "api,auth", "api, auth", "a b", "order_history", "v2.1/x", "-x", "é")
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
)
CONFIGS: dict[str, Mapping[str, object]] = {
    "team": {},
    "conventional": {"preset": "conventional"},
    "allowed": {"scopes": {"allowed": ["api", "Auth"]}},
    "optional-scope": {"scopes": {"required": False}},
    "short": {"rules": {"header-max-length": {"max": 20}}},
    "upper-type": {"types": ["Feat", "fix"]},
}


def _header(type_: str, scope: str | None, description: str) -> str:
    return f"{type_}({scope}): {description}" if scope is not None else f"{type_}: {description}"


@pytest.mark.parametrize("name", sorted(CONFIGS))
def test_an_accepted_header_breaks_no_header_only_rule(name: str) -> None:
    config = config_module.build(CONFIGS[name], f"{name}.yaml")
    header_rules = [rule for rule in catalogue().values() if rule.header_only]
    assert len(header_rules) >= 10
    accepted = 0
    for type_, scope, description in itertools.product(TYPES, SCOPES, DESCRIPTIONS):
        message = parse(_header(type_, scope, description))
        if message.header is None or not header_conforms(
            message.header, message.header_text, config
        ):
            continue
        accepted += 1
        context = Context(config)
        for rule in header_rules:
            found = list(rule.check(message, context))
            assert found == [], (message.header_text, rule.id, found)
    assert accepted > 0  # the shortcut is taken at all


@pytest.mark.parametrize(
    "header",
    ["feat(api): add x", "fix(order_history): keep items", "chore(v2.1/x): bump"],
)
def test_ordinary_headers_take_the_shortcut(header: str) -> None:
    message = parse(header)
    assert message.header is not None
    assert header_conforms(message.header, header, config_module.default())
