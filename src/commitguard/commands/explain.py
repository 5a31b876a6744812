"""`commitguard rules` and `commitguard explain RULE`: the catalogue, and one rule's why.

The texts are built here from the rules' own docstrings and fields (rules/), so a new
rule is listed and explained without a line written in this module.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from typing import TypedDict

from commitguard import output
from commitguard.config import load as config_module
from commitguard.errors import EXIT_OK, CommitguardError, UsageError
from commitguard.output import Painter
from commitguard.output.escape import log_line, log_text
from commitguard.rules import Rule, catalogue


def list_rules(config_path: str | None) -> int:
    """`commitguard rules`: every rule, with its severity under the configuration."""
    config = _load_config(config_path)
    source = log_line(config.source or "built-in defaults")
    table = rules_table(catalogue(), config, output.stdout_painter())
    output.emit(f"preset {config.preset}, configuration from {source}\n\n{table}\n")
    return EXIT_OK


class ExplainOptions(TypedDict):
    """What `commitguard explain` was asked for: cli.py's options, by their names."""

    rule_id: str
    message_file: str | None
    commit: str | None
    paths: tuple[str, ...]
    staged: bool
    config_path: str | None


def explain_rule(options: ExplainOptions) -> int:
    """`commitguard explain RULE`; with a message, a commit or paths, the verdict of
    security-impact on them instead."""
    rule_id = options["rule_id"]
    rules = catalogue()
    asked = options["message_file"] or options["commit"] or options["paths"]
    if rule_id in rules and rules[rule_id].family == "migrations":
        if asked or options["staged"]:
            return _explain_migrations(options)
    elif options["staged"]:
        raise UsageError("--staged explains the migration rules only")
    elif asked:
        return _explain_security(options)
    if rule_id not in rules:
        from commitguard.message.suggest import closest

        guess = closest(rule_id, list(rules))
        raise CommitguardError(
            f"unknown rule {rule_id!r}",
            (f"did you mean {guess!r}? " if guess else "") + "`commitguard rules` lists them all",
        )
    config = _load_config(options["config_path"])
    output.emit(rule_text(rules[rule_id], config, output.stdout_painter()) + "\n")
    return EXIT_OK


def rules_table(rules: Mapping[str, Rule], config: config_module.Config, paint: Painter) -> str:
    """One line per rule, grouped by family: id, severity (and the default when the
    configuration changed it), summary."""
    width = max(len(rule_id) for rule_id in rules)
    lines: list[str] = []
    family = None
    for rule in rules.values():
        if rule.family != family:
            family = rule.family
            if lines:
                lines.append("")
            lines.append(paint("bold", f"{family} rules"))
        severity = config.severities[rule.id]
        shown = severity.value + (
            "" if severity is rule.severity else f" (default {rule.severity.value})"
        )
        style = {"error": "error", "warning": "warning"}.get(severity.value, "dim")
        summary = rule.summary + (" (`check` over a range)" if rule.range_rule else "")
        lines.append(f"  {rule.id:<{width}}  {paint(style, f'{shown:<8}')}  {summary}")
    return "\n".join(lines)


def rule_text(rule: Rule, config: config_module.Config, paint: Painter) -> str:
    """Why the rule exists, a good and a bad example, how to fix, how to configure."""
    severity = config.severities[rule.id]
    options = config.rule_options.get(rule.id, {})
    configured = log_line(", ".join(f"{name}={value}" for name, value in options.items()))
    lines = [
        paint("bold", f"{rule.id}")
        + f"  ({rule.family} rule, {severity.value}"
        + (f"; {configured}" if configured else "")
        + ")",
        "",
        rule.summary[0].upper() + rule.summary[1:] + ".",
        "",
        paint("bold", "Why"),
        _indent(rule.rationale),
        "",
        paint("bold", "Good"),
        _indent(paint("ok", rule.good)),
        "",
        paint("bold", "Bad"),
        _indent(paint("error", rule.bad)),
        "",
        paint("bold", "How to fix"),
        _indent(rule.fix),
        "",
        paint("bold", "Configure"),
        _indent(
            f"rules:\n  {rule.id}: error | warning | off"
            + "".join(
                f"\n  {rule.id}:\n    {name}: <{kind.__name__}>"
                for name, kind in rule.options.items()
            )
        ),
    ]
    return "\n".join(lines)


def _indent(text: str) -> str:
    return "\n".join(f"    {line}" if line else "" for line in text.split("\n"))


def _explain_security(options: ExplainOptions) -> int:
    from commitguard.security import explain as security_explain

    if options["rule_id"] != "security-impact":
        raise UsageError("--message, --commit and --path explain security-impact only")
    message_file = options["message_file"]
    commit = options["commit"]
    if message_file and commit:
        raise UsageError("give --message or --commit, not both")
    stdin = sys.stdin.buffer.read() if message_file == "-" else None
    config = _load_config(options["config_path"])
    subject = security_explain.gather(
        message_file or (None if commit else "-"), commit, options["paths"], stdin, config
    )
    # The verdict quotes the message, its paths and words of its changed lines. It
    # paints as it writes, so it is escaped as a whole without colour: a message that
    # needs escaping loses the colour, and no escape sequence of the message's own can
    # pass for commitguard's.
    plain = security_explain.verdict(subject, config, output.PLAIN)
    escaped = log_text(plain)
    paint = output.stdout_painter()
    if escaped == plain and paint.enabled:
        escaped = security_explain.verdict(subject, config, paint)
    output.emit(escaped + "\n")
    return EXIT_OK


def _explain_migrations(options: ExplainOptions) -> int:
    from commitguard.migrations import explain as migrations_explain
    from commitguard.migrations.project import find_root

    if options["message_file"]:
        raise UsageError("the migration rules judge paths: give --commit, --staged or --path")
    subject = migrations_explain.gather(options["commit"], options["paths"])
    rule_id = options["rule_id"]
    config = _load_config(options["config_path"])
    root = find_root(os.getcwd())
    # Paths come from the repository: escaped as a whole, colour only when nothing needs it.
    plain = migrations_explain.verdict(subject, config, root, output.PLAIN, rule_id)
    escaped = log_text(plain)
    paint = output.stdout_painter()
    if escaped == plain and paint.enabled:
        escaped = migrations_explain.verdict(subject, config, root, paint, rule_id)
    output.emit(escaped + "\n")
    return EXIT_OK


def _load_config(config_path: str | None) -> config_module.Config:
    return config_module.for_repository(config_path)
