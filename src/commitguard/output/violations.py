"""How a finding reads in every text-like output: `lint`, `staged`, `check`'s text,
markdown and junit formats, and `cz check`.

    error[header-format]: missing `:` after `Fix`
     |
    1 | Fix the thing
     | ^^^
     = fix: write `<type>(<scope>): <description>`
            continuation lines start under the hint's first character

One layout, so the hook, the gate and the pull-request comment read alike. Pure: the
caller escapes what it must (control characters for a CI log, XML, Markdown), through
`escape` or over the joined text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from commitguard.model import Violation
from commitguard.output import PLAIN, Painter


def _as_is(text: str) -> str:
    return text


def block(
    violation: Violation,
    paint: Painter = PLAIN,
    *,
    lines: Sequence[str] = (),
    gutter: bool = True,
) -> list[str]:
    """A finding on its own: the rule and message in bold, then, when `lines` are the
    message it was found in, that line with a caret under the exact columns, then the
    fix. `gutter=False` drops the `=` before `fix:` (plain-text reports)."""
    level = violation.severity.value
    out = [f"{paint(level, level)}{paint('bold', f'[{violation.rule}]: {violation.message}')}"]
    span = violation.span
    width = 1  # of the line-number gutter, which the fix lines up with
    if span is not None and lines:
        number = str(span.line + 1)
        width = len(number)
        if span.line < len(lines):
            pad = " " * width
            line = lines[span.line]
            carets = max(1, min(span.end, len(line) + 1) - span.start)
            out.append(paint("gutter", f"{pad} |"))
            out.append(paint("gutter", f"{number} |") + f" {line}")
            out.append(
                paint("gutter", f"{pad} |") + " " * (span.start + 1) + paint(level, "^" * carets)
            )
    if violation.hint:
        out.extend(fix_lines(violation.hint, paint, indent=" " * (width + 1), gutter=gutter))
    return out


def compact(
    violation: Violation,
    paint: Painter = PLAIN,
    *,
    indent: str = "",
    escape: Callable[[str], str] = _as_is,
) -> list[str]:
    """A finding among a range's, under its commit: only the rule in bold, no excerpt
    (the commit's header is already shown above it)."""
    level = violation.severity.value
    head = f"{indent}{paint(level, level)}{paint('bold', f'[{violation.rule}]')}: "
    out = [head + escape(violation.message)]
    if violation.hint:
        out.extend(fix_lines(escape(violation.hint), paint, indent=indent + "  "))
    return out


def fix_lines(hint: str, paint: Painter = PLAIN, *, indent: str, gutter: bool = True) -> list[str]:
    """`= fix: first line`, each further line under the hint's first character; a blank
    line stays blank rather than carry trailing spaces."""
    mark = f"{paint('gutter', '=')} " if gutter else ""
    first, *rest = hint.split("\n")
    under = " " * (len(indent) + (2 if gutter else 0) + len("fix: "))
    return [
        f"{indent}{mark}{paint('hint', 'fix:')} {first}",
        *(f"{under}{line}" if line else "" for line in rest),
    ]
