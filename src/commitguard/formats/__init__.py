"""Formats for `commitguard check`. Pure: a CheckResult in, text out; the CLI writes it.

One small module per format. Each is imported only when asked for, because the CLI
imports this package on every command and XML or JSON machinery has no business in
the start-up time of `commitguard lint`.
"""

from __future__ import annotations

from commitguard.check import CheckResult
from commitguard.formats._shared import summary
from commitguard.render import Painter

FORMATS = ("text", "json", "github", "junit", "sarif", "markdown")


def render(result: CheckResult, fmt: str, paint: Painter) -> str:
    """The whole report in one format; only `text` uses `paint`, the others are for machines."""
    if fmt == "text":
        from commitguard.formats import text

        return text.render(result, paint)
    if fmt == "json":
        from commitguard.formats import json_

        return json_.render(result)
    if fmt == "github":
        from commitguard.formats import github

        return github.render(result)
    if fmt == "junit":
        from commitguard.formats import junit

        return junit.render(result)
    if fmt == "sarif":
        from commitguard.formats import sarif

        return sarif.render(result)
    if fmt == "markdown":
        from commitguard.formats import markdown

        return markdown.render(result)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


def summary_line(result: CheckResult) -> str:
    """The one line printed to stdout when the report itself went to `--output FILE`."""
    return summary(result, Painter(False))
