"""`report --format table`: for a terminal. Colour when it is one, every line cut to its
width, mini bar charts for the type mix. Pure: the width and the painter come in.

Names, headers and scopes are whatever committers typed, and the table is printed on a
terminal or in a CI log: every line goes through `escape.log_line` before it is cut
and painted."""

from __future__ import annotations

from commitguard.formats.report import _common as common
from commitguard.output import Painter
from commitguard.output.escape import log_line
from commitguard.report import wording
from commitguard.report.aggregate import Report
from commitguard.report.figures import Figure, conformance, headline, lines, ranked_areas
from commitguard.report.tally import Tally
from commitguard.report.wording import ranked

BAR = "█"
_BAR_WIDTH = 12  # the longest bar, for the most frequent type
_LABEL = 28
_TERM = 10  # the width of a person's row labels (`migrations`)
_TREND_STYLES = {"better": "ok", "worse": "error", "neutral": "hint"}


def render(report: Report, paint: Painter, width: int = 100) -> str:
    width = max(width, 40)
    out: list[str] = []

    def line(text: str = "", style: str | None = None) -> None:
        text = _cut(log_line(text), width)
        out.append(paint(style, text) if style else text)

    line(f"commitguard report: {common.window_line(report)}", "bold")
    for name, counts in report.repositories.items() if len(report.repositories) > 1 else ():
        line(
            f"  {name}: {wording.count(counts.number('commits'), 'commit')}, "
            f"{wording.count(len(counts.people), 'engineer')}, "
            f"{conformance(counts)} follow the standard, {lines(counts)}"
        )
    line()
    line("Team", "bold")
    charts = []
    for figure, value, change in common.summary(report):
        if figure.chart:
            charts.append(figure)
            continue
        if figure.key == "areas":
            rows = _areas(report.totals)
            for index, row in enumerate(rows):
                line(f"  {figure.label if index == 0 else '':<{_LABEL}}{row}")
            continue
        column = min(width - _LABEL - 14, 44)
        text = f"  {figure.label:<{_LABEL}}{_cut(log_line(value), column):<{column}} "
        out.append((text + _delta(figure, change, paint)).rstrip())
    for figure in charts:
        line(
            f"  {figure.label:<{_LABEL}}" + _bars(report.totals.mix(figure.key), width - _LABEL - 3)
        )
    people = report.sorted_people()
    line()
    line(common.people_heading(report), "bold")
    for person, counts in people:
        line()
        line(f"  {common.identity(person)}", "bold")
        for text in _person(counts, width):
            line(f"    {text}")
    line()
    attention = report.sorted_attention()
    line(f"Needs attention ({len(attention)})", "bold")
    if not attention:
        line("  nothing: every commit in the window follows the standard", "ok")
    for item in attention:
        flag = "undocumented security fix · " if item.undocumented_security else ""
        text = (
            f"  {item.sha[: common.SHORT_SHA]}  {item.identity[0]}  {flag}"
            f"{', '.join(item.rules)}  {item.header}"
        )
        line(text, "error" if item.errors else "warning")
    groups = common.look_alike_lines(report)
    if groups:
        line()
        line("Identities that look alike (merge them in .mailmap or report.aliases)", "bold")
        for group in groups:
            line(f"  {group}")
    line()
    for note in common.notes(report):
        line(note, "dim")
    return "\n".join(out) + "\n"


def _person(counts: Tally, width: int) -> list[str]:
    rows = [headline(counts)]
    if counts.number("commits"):
        for figure, text in common.rows(counts):
            if figure.key == "areas":
                for index, row in enumerate(_areas(counts)):
                    rows.append(f"{_term(figure) if index == 0 else '':<{_TERM}} {row}")
                continue
            if figure.chart:
                text = _bars(counts.mix(figure.key), width - _TERM - 5)
            rows.append(f"{_term(figure):<{_TERM}} {text}")
    return rows


def _areas(counts: Tally) -> list[str]:
    """One line per work area worked in, most lines first: `api  ████████ 62%  1,240
    lines  9 commits`; the bar is the area's share of these lines."""
    worked = ranked_areas(counts)
    total = sum(changed for _, changed, _ in worked)
    if not worked:
        return ["-"]
    name = max(len(area) for area, _, _ in worked)
    rows = []
    for area, changed, commits in worked:
        bar = BAR * round(_BAR_WIDTH * changed / total) if total else ""
        rows.append(
            f"{area:<{name}} {bar:<{_BAR_WIDTH}} {wording.percent(changed, total):>4}  "
            f"{wording.count(changed, 'line'):>11}  {wording.count(commits, 'commit')}"
        )
    return rows


def _term(figure: Figure) -> str:
    return figure.term or figure.label.lower()[:_TERM]


def _bars(types: dict[str, int], width: int) -> str:
    """`feat ████████ 5  fix ███ 2`: as many names of a mix as the width holds."""
    if not types:
        return "-"
    items = ranked(types)
    top = items[0][1]
    parts: list[str] = []
    used = 0
    for name, count in items:
        bar = BAR * max(1, round(_BAR_WIDTH * count / top))
        part = f"{name} {bar} {count}"
        if used + len(part) + 2 > width - 9 and parts:  # room for "+N more"
            parts.append(f"+{len(items) - len(parts)} more")
            break
        parts.append(part)
        used += len(part) + 2
    return "  ".join(parts)


def _delta(figure: Figure, change: str, paint: Painter) -> str:
    """Green when the change is good news, red when it is bad, cyan when it is neither."""
    if not change:
        return ""
    style = "dim" if change.startswith("±") else _TREND_STYLES[common.trend(figure, change)]
    return paint(style, f"{change:>9}")


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
