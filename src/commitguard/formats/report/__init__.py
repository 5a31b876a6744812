"""Formats for `commitguard report`. Pure: a Report in, text out; the command writes it.

One small module per format, each with `render(report, paint, width)`: only `table`,
for a terminal, uses the painter and the width. Every format lists the figures that
report/figures.py declares, in its order: a new figure needs no change here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from commitguard.formats import Registry

if TYPE_CHECKING:
    from commitguard.output import Painter
    from commitguard.report.aggregate import Report

# click reads FORMATS for `--format` on every start of the CLI: this module imports
# nothing of the report's machinery, and a format module only when it is asked for.

REGISTRY = Registry(
    __name__,
    {
        "table": "table",
        "markdown": "markdown",
        "json": "json_",
        "csv": "csv_",
        "html": "html",
    },
)
FORMATS = REGISTRY.names


def render(report: Report, fmt: str, paint: Painter, width: int = 100) -> str:
    """The whole report in one format; `paint` and `width` matter to `table` alone."""
    return REGISTRY.renderer(fmt)(report, paint, width)
