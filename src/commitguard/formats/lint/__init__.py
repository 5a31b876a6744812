"""Formats for `commitguard lint`: one message's verdict. Pure: the verdict in, text out.

One small module per format, each with `render(result, message, paint, *, source)`:
`source` is where the message was read. What to run to retry a rejected commit depends
on git's state, which only the shell sees: commands/lint.py adds it after the verdict
(commands/retry.py builds it). The commit-msg hook renders through here on every
commit, so `text` imports nothing beyond what linting already did.
"""

from __future__ import annotations

from commitguard.engine.lint import LintResult
from commitguard.formats import Registry
from commitguard.message.parse import Message
from commitguard.output import Painter

REGISTRY = Registry(__name__, {"text": "text", "json": "json_"})
FORMATS = REGISTRY.names

# The text is for the person at the commit-msg hook, and git shows a hook's stderr;
# every other format is for a script, which reads stdout.
_FOR_PEOPLE = ("text",)


def render(
    result: LintResult,
    message: Message,
    fmt: str,
    paint: Painter,
    *,
    source: str,
) -> tuple[str, str]:
    """(stdout, stderr) for one format."""
    text: str = REGISTRY.renderer(fmt)(result, message, paint, source=source)
    return ("", text) if fmt in _FOR_PEOPLE else (text, "")
