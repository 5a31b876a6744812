"""Formats for people and scripts. Pure: results in, text out; the CLI writes it."""

from __future__ import annotations

import os
from collections.abc import Mapping

from commitguard.commands.lint import Outcome
from commitguard.config.load import Config
from commitguard.engine.lint import LintResult
from commitguard.message.parse import Message
from commitguard.model import Violation
from commitguard.rules import Rule

_STYLES = {
    "error": "1;31",
    "warning": "1;33",
    "gutter": "1;34",
    "hint": "36",
    "bold": "1",
    "ok": "32",
    "dim": "2",
}


def colour_enabled(stream: object) -> bool:
    """Colour on a terminal only; NO_COLOR (https://no-color.org) wins over FORCE_COLOR."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


class Painter:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, style: str, text: str) -> str:
        if not self.enabled or not text:
            return text
        return f"\033[{_STYLES[style]}m{text}\033[0m"


def violations_text(result: LintResult, message: Message, paint: Painter) -> str:
    """rustc-style blocks: the rule, the line with a caret under the exact columns, the fix."""
    blocks = [_violation_block(v, message, paint) for v in result.violations]
    return "\n\n".join(blocks)


def _violation_block(violation: Violation, message: Message, paint: Painter) -> str:
    level = violation.severity.value
    out = [f"{paint(level, level)}{paint('bold', f'[{violation.rule}]: {violation.message}')}"]
    span = violation.span
    if span is not None and span.line < len(message.lines):
        number = str(span.line + 1)
        pad = " " * len(number)
        line = message.lines[span.line]
        width = max(1, min(span.end, len(line) + 1) - span.start)
        out.append(paint("gutter", f"{pad} |"))
        out.append(paint("gutter", f"{number} |") + f" {line}")
        out.append(paint("gutter", f"{pad} |") + " " * (span.start + 1) + paint(level, "^" * width))
    if violation.hint:
        hint_lines = violation.hint.split("\n")
        indent = " " * (len(str(span.line + 1)) if span else 1)
        out.append(f"{indent} {paint('gutter', '=')} {paint('hint', 'fix:')} {hint_lines[0]}")
        out.extend(f"{indent}        {extra}" for extra in hint_lines[1:])
    return "\n".join(out)


def summary_line(result: LintResult, paint: Painter) -> str:
    errors, warnings = result.errors, result.warnings
    parts = []
    if errors:
        parts.append(paint("error", f"{errors} error{'s' if errors != 1 else ''}"))
    if warnings:
        parts.append(paint("warning", f"{warnings} warning{'s' if warnings != 1 else ''}"))
    verdict = "commit message rejected" if errors else "commit message accepted with warnings"
    return f"commitguard: {verdict}: {', '.join(parts)}"


def lint_outcome(outcome: Outcome, output_format: str, paint: Painter) -> tuple[str, str]:
    """What `commitguard lint` prints: (stdout, stderr). Silent when the message is clean."""
    result, message = outcome.result, outcome.message
    if output_format == "json":
        return lint_json(result, message, outcome.source) + "\n", ""
    if not result.violations:
        return "", ""
    parts = [violations_text(result, message, paint), "", summary_line(result, paint)]
    if result.suggestion:
        parts.append(f"{paint('hint', 'suggested header:')} {result.suggestion}")
    if outcome.retry_command:
        parts.append(
            f"Your message was kept in {outcome.saved_to}. Fix it and retry with:\n"
            f"  {outcome.retry_command}"
        )
    return "", "\n".join(parts) + "\n"


def error(message: str, hint: str | None, paint: Painter) -> str:
    text = f"commitguard: {paint('error', 'error:')} {message}\n"
    if hint:
        text += f"  {paint('hint', 'hint:')} {hint}\n"
    return text


def lint_json(result: LintResult, message: Message, source: str) -> str:
    import json  # only scripts ask for JSON; the hook's text path skips the import

    data = {
        "version": 1,
        "source": source,
        "header": message.header_text,
        "exemption": result.exemption,
        "violations": [violation.to_json() for violation in result.violations],
        "summary": {"errors": result.errors, "warnings": result.warnings},
    }
    return json.dumps(data, indent=2, ensure_ascii=False)


def rules_table(rules: Mapping[str, Rule], config: Config, paint: Painter) -> str:
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


def explain(rule: Rule, config: Config, paint: Painter) -> str:
    severity = config.severities[rule.id]
    options = config.rule_options.get(rule.id, {})
    configured = ", ".join(f"{name}={value}" for name, value in options.items())
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
