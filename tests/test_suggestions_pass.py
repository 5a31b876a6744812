"""Every header commitguard proposes passes commitguard and keeps the author's words.

A property over many bad headers, built from the mistakes people make (a type in the
wrong case or spelling, a verb for a type, a missing colon, a scope in another case, a
capital, a full stop), in both presets and with a list of allowed scopes: each header is
linted with the real engine, and every header it proposes (each hint's "write `...`"
and the suggested header) is linted again, its `<scope>` placeholder filled in as the
author would. The proposal must break no rule, and every word the author wrote after
the type must still be in it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Mapping

import pytest

from commitguard.config.load import Config, build
from commitguard.engine.lint import lint
from commitguard.message.parse import parse
from commitguard.message.suggest import DESCRIPTION_PLACEHOLDER, SCOPE_PLACEHOLDER, TYPE_VERBS
from commitguard.model import Severity

SETTINGS: dict[str, Mapping[str, object]] = {
    "team": {},
    "conventional": {"preset": "conventional"},
    "allowed-scopes": {"scopes": {"allowed": ["orders", "payments", "order-history"]}},
}
# (type as typed, how it joins the description): `None` for no type at all.
TYPES = ["feat", "Feat", "FEAT", "feature", "fxi", "Fix", "bugfix", "docs", "add", None]
SCOPES = [None, "orders", "Orders", "OrderHistory", "order history", "api,Payments"]
JOINS = [": ", ":", " ", " : ", ":  "]
DESCRIPTIONS = [
    "add pagination",
    "Add pagination",
    "Bad one.",
    "retry to stripe webhook",
    "more wip",
    "JWT header check.",
    "wait for it...",
]
_PROPOSED = re.compile(r"`([^`]+)`")
_WORD = re.compile(r"[A-Za-z0-9]+")


def bad_headers() -> Iterator[str]:
    for type_, scope, join, description in itertools.product(TYPES, SCOPES, JOINS, DESCRIPTIONS):
        if type_ is None:
            if scope is None and join == ": ":
                yield description
            continue
        yield f"{type_}{f'({scope})' if scope else ''}{join}{description}"


def proposals(header: str, config: Config) -> list[str]:
    """The headers commitguard proposes for `header`: the suggested header, and each
    hint's proposed header (the backticked text after "write" or "for example")."""
    result = lint(parse(header), config)
    found = [result.suggestion] if result.suggestion else []
    for violation in result.violations:
        for marker in ("write `", "for example `"):
            if violation.hint and marker in violation.hint:
                after = violation.hint.split(marker, 1)[1]
                found.append(after.split("`", 1)[0])
    return found


def filled(proposal: str, config: Config) -> str:
    scope = config.scopes[0] if config.scopes else "orders"
    return proposal.replace(SCOPE_PLACEHOLDER, scope).replace(
        DESCRIPTION_PLACEHOLDER, "add pagination"
    )


def errors(header: str, config: Config) -> list[str]:
    return [
        f"{v.rule}: {v.message}"
        for v in lint(parse(header), config).violations
        if v.severity is Severity.ERROR
    ]


def words(text: str) -> set[str]:
    return {word.lower() for word in _WORD.findall(text)}


@pytest.mark.parametrize("preset", sorted(SETTINGS))
def test_every_proposed_header_passes_and_keeps_the_words(preset: str) -> None:
    config = build(dict(SETTINGS[preset]), "test.yaml")
    failures: list[str] = []
    proposed = 0
    for header in bad_headers():
        if not errors(header, config):
            continue
        # What the author wrote after the type (and scope): it must all survive.
        said = header.split(")", 1)[-1] if "(" in header.split(" ", 1)[0] else header
        description_words = words(said.split(":", 1)[-1] if ":" in said else said)
        first = _WORD.match(header)
        if first and first[0].lower() in TYPE_VERBS:  # `add: x` keeps its verb too
            description_words.add(first[0].lower())
        for proposal in proposals(header, config):
            proposed += 1
            still = errors(filled(proposal, config), config)
            if still:
                failures.append(f"{header!r} -> {proposal!r}: {still}")
            lost = description_words - words(proposal)
            # A type word the author wrote first may become the type itself.
            lost -= {"feat", "feature", "fxi", "fix", "bugfix", "docs"}
            if lost:
                failures.append(f"{header!r} -> {proposal!r}: lost {sorted(lost)}")
    assert proposed > 300
    assert not failures, "\n".join(failures[:30])


@pytest.mark.parametrize(
    ("header", "preset", "expected"),
    [
        pytest.param(
            "add retry to stripe webhook",
            "team",
            "feat(<scope>): add retry to stripe webhook",
            id="verb-kept-scope-placeholder",
        ),
        pytest.param(
            "add retry to stripe webhook",
            "conventional",
            "feat: add retry to stripe webhook",
            id="verb-kept-no-scope-needed",
        ),
        pytest.param("more wip", "team", "feat(<scope>): more wip", id="more-is-not-chore"),
        pytest.param(
            "Feat(Orders) add pagination", "team", "feat(orders): add pagination", id="scope-case"
        ),
        pytest.param("Bad one.", "team", "feat(<scope>): bad one", id="full-stop-dropped"),
        pytest.param("add(api): pagination", "team", "feat(api): add pagination", id="verb-type"),
    ],
)
def test_the_proposals_issue_13_names(header: str, preset: str, expected: str) -> None:
    config = build(dict(SETTINGS[preset]), "test.yaml")
    found = proposals(header, config)
    assert expected in found, found
    assert not any(proposal.startswith("chore: wip") for proposal in found)


def test_the_scope_placeholder_is_explained() -> None:
    config = build({}, "test.yaml")
    result = lint(parse("add retry to stripe webhook"), config)
    hints = [v.hint or "" for v in result.violations]
    assert any("`<scope>`: the module or feature" in hint for hint in hints), hints
