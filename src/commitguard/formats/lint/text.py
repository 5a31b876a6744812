"""`lint --format text`: rustc-style blocks, a caret under the exact columns, the fix.

    error[type-enum]: type `feature` is not allowed
     |
    1 | feature(orders): add pagination
     | ^^^^^^^
     = fix: did you mean `feat`?

    commitguard: commit message rejected: 1 error

Silent when the message is clean: a hook that passes says nothing.
"""

from __future__ import annotations

from commitguard.engine.lint import LintResult
from commitguard.message.parse import Message
from commitguard.output import Painter


def render(result: LintResult, message: Message, paint: Painter, *, source: str) -> str:
    if not result.violations:
        return ""
    # Only a message with something to say pays for the renderer: the hook passes most
    # commits, and prints nothing for them. The renderer escapes what the message holds.
    from commitguard.output.escape import log_line
    from commitguard.output.violations import block

    blocks = ["\n".join(block(v, paint, lines=message.lines)) for v in result.violations]
    parts = ["\n\n".join(blocks), "", summary_line(result, paint)]
    if result.suggestion:
        parts.append(f"{paint('hint', 'suggested header:')} {log_line(result.suggestion)}")
    return "\n".join(parts) + "\n"


def summary_line(result: LintResult, paint: Painter) -> str:
    errors, warnings = result.errors, result.warnings
    parts = []
    if errors:
        parts.append(paint("error", f"{errors} error{'s' if errors != 1 else ''}"))
    if warnings:
        parts.append(paint("warning", f"{warnings} warning{'s' if warnings != 1 else ''}"))
    verdict = "commit message rejected" if errors else "commit message accepted with warnings"
    return f"commitguard: {verdict}: {', '.join(parts)}"
