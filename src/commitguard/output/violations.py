"""How a finding reads in every text-like output: `lint`, `staged`, `check`'s text,
markdown and junit formats, and `cz check`.

    error[header-format]: missing `:` after `Fix`
     |
    1 | Fix the thing
     | ^^^
     = fix: write `<type>(<scope>): <description>`
            continuation lines start under the hint's first character

One layout, so the hook, the gate and the pull-request comment read alike. Pure. A
finding quotes what the commit holds (its header, its paths), so what it says goes out
through `escape`, a CI log's line rules by default: each line of a fix on its own, since
a fix's lines are its layout, while a path in it may hold a line break of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from commitguard.model import Violation
from commitguard.output import PLAIN, Painter
from commitguard.output.escape import log_line

Escape = Callable[[str], str]


def block(
    violation: Violation,
    paint: Painter = PLAIN,
    *,
    lines: Sequence[str] = (),
    gutter: bool = True,
    escape: Escape = log_line,
) -> list[str]:
    """A finding on its own: the rule and message in bold, then, when `lines` are the
    message it was found in, that line with a caret under the exact columns, then the
    fix. `gutter=False` drops the `=` before `fix:` (plain-text reports)."""
    level = violation.severity.value
    said = escape(violation.message)
    out = [f"{paint(level, level)}{paint('bold', f'[{violation.rule}]: {said}')}"]
    span = violation.span
    width = 1  # of the line-number gutter, which the fix lines up with
    if span is not None and lines:
        number = str(span.line + 1)
        width = len(number)
        if span.line < len(lines):
            pad = " " * width
            line = lines[span.line]
            # Columns as shown: a control character before the span is spelled out wider.
            # A span may start or end just past the line (a missing `:`).
            start = _shown_column(line, span.start, escape)
            end = _shown_column(line, min(span.end, len(line) + 1), escape)
            carets = max(1, end - start)
            out.append(paint("gutter", f"{pad} |"))
            out.append(paint("gutter", f"{number} |") + f" {escape(line)}")
            out.append(paint("gutter", f"{pad} |") + " " * (start + 1) + paint(level, "^" * carets))
    if violation.hint:
        hint = _each_line(violation.hint, escape)
        out.extend(fix_lines(hint, paint, indent=" " * (width + 1), gutter=gutter))
    return out


def compact(
    violation: Violation,
    paint: Painter = PLAIN,
    *,
    indent: str = "",
    escape: Escape = log_line,
) -> list[str]:
    """A finding among a range's, under its commit: only the rule in bold, no excerpt
    (the commit's header is already shown above it)."""
    level = violation.severity.value
    head = f"{indent}{paint(level, level)}{paint('bold', f'[{violation.rule}]')}: "
    out = [head + escape(violation.message)]
    if violation.hint:
        out.extend(fix_lines(_each_line(violation.hint, escape), paint, indent=indent + "  "))
    return out


def _shown_column(line: str, column: int, escape: Escape) -> int:
    return len(escape(line[:column])) + max(0, column - len(line))


def _each_line(text: str, escape: Escape) -> str:
    return "\n".join(escape(line) for line in text.split("\n"))


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
