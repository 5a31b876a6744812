"""Formats for `commitguard check`. Pure: a CheckResult in, text out; the CLI writes it.

One small module per format, each with `render(result, paint)`; only `text` paints.
"""

from __future__ import annotations

from commitguard.engine.check import CheckResult
from commitguard.formats import Registry
from commitguard.formats.check._shared import summary
from commitguard.output import PLAIN, Painter

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable

REGISTRY = Registry(
    __name__,
    {
        "text": "text",
        "json": "json_",
        "github": "github",
        "junit": "junit",
        "sarif": "sarif",
        "markdown": "markdown",
    },
)
FORMATS = REGISTRY.names


def render(result: CheckResult, fmt: str, paint: Painter) -> str:
    """The whole report in one format; only `text` uses `paint`, the others are for machines."""
    return REGISTRY.renderer(fmt)(result, paint)


def render_parts(result: CheckResult, fmt: str, paint: Painter) -> Iterable[str]:
    """The same report as consecutive parts, which join to `render`'s text: written as
    they come, a range of 100,000 commits never holds its whole report at once."""
    return REGISTRY.parts_renderer(fmt)(result, paint)


def summary_line(result: CheckResult) -> str:
    """The one line printed to stdout when the report itself went to `--output FILE`."""
    return summary(result, PLAIN)
