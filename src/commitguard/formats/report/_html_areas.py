"""The HTML report's work-area table: one row per engineer, alphabetical, each with a
stacked bar of where their changed lines went, and the team's split below. Pure.

Never ranked: the rows keep the people's order, and the bars are each person's own
split (a full bar is 100% of that person's lines), so the table compares what people
worked on, not how much. Each bar is inline SVG with a text equivalent (its `<title>`,
and one per part) and the numbers beside it, so it reads without colour and
without the picture. Every name is escaped.
"""

from __future__ import annotations

from commitguard.output.escape import html as escape
from commitguard.report import wording
from commitguard.report.aggregate import Report
from commitguard.report.area_presets import AREAS, MEANING
from commitguard.report.figures import AREA_COMMITS, AREA_LINES, ranked_areas
from commitguard.report.tally import Tally

# One fixed colour per area, the same in every report, told apart by colour-blind
# readers (Okabe-Ito first, then a purple and a brown); `other` is grey.
COLOURS = {
    "database": "#0072B2",
    "api": "#E69F00",
    "services": "#009E73",
    "integrations": "#CC79A7",
    "jobs": "#56B4E9",
    "auth": "#D55E00",
    "tests": "#F0E442",
    "infrastructure": "#7B52AE",
    "docs": "#A6761D",
    "other": "#999999",
}
# The area headers stand upright, so that ten areas fit beside the bars on a laptop.
STYLE = """
.wide{overflow-x:auto}#areas td,#areas th{vertical-align:middle;padding:.25rem .4rem}
#areas .area{font-size:.8em}#areas small{display:block;color:#59636e;white-space:nowrap}
#areas th.area{writing-mode:vertical-rl;transform:rotate(180deg);text-align:left;
vertical-align:bottom}#areas tr.team td,#areas tr.team th{border-top:2px solid #d0d7de;
font-weight:600}
"""
_WIDTH, _HEIGHT = 160, 14


def table(report: Report) -> list[str]:
    """The section: heading, table, legend. Areas no one worked in get no column."""
    team = report.totals
    active = [area for area in AREAS if team.mix(AREA_COMMITS)[area]]
    parts = [
        '<h2 id="work-areas">Work areas</h2>',
        '<p class="dim">Where each engineer\'s changed lines went, alphabetical; a bar is '
        "that person's own split. Each cell: lines changed, then commits (a commit counts "
        "once in every area it touches).</p>",
        '<div class="wide"><table id="areas"><tr><th>Engineer</th><th class="num">Commits</th>'
        '<th class="num">Lines</th><th>Split of lines</th>'
        + "".join(f'<th class="num area" title="{escape(MEANING[a])}">{a}</th>' for a in active)
        + "</tr>",
    ]
    for person, counts in report.sorted_people():
        parts.append(_row(escape(person[0]), person[0], counts, active, "td"))
    parts.append(_row("Team", "The team", team, active, "th", css=' class="team"'))
    parts += ["</table></div>", _legend(active)]
    return parts


def _row(shown: str, who: str, counts: Tally, active: list[str], cell: str, css: str = "") -> str:
    commits, changed = counts.mix(AREA_COMMITS), counts.mix(AREA_LINES)
    lines = counts.number("insertions") + counts.number("deletions")
    numbers = "".join(
        f'<td class="num area">{changed[area]:,}<small>'
        f"{wording.count(commits[area], 'commit')}</small></td>"
        if commits[area]
        else '<td class="num area dim">-</td>'
        for area in active
    )
    return (
        f"<tr{css}><{cell}>{shown}</{cell}>"
        f'<td class="num">{counts.number("commits"):,}</td><td class="num">{lines:,}</td>'
        f'<td class="split">{bar(who, counts)}</td>{numbers}</tr>'
    )


def bar(who: str, counts: Tally) -> str:
    """A 100% stacked bar of `counts`' lines by area, described in words for a reader
    who cannot see it."""
    worked = [(area, lines, commits) for area, lines, commits in ranked_areas(counts) if lines]
    total = sum(lines for _, lines, _ in worked)
    words = (
        "; ".join(
            f"{area} {wording.percent(lines, total)} ({wording.count(lines, 'line')}, "
            f"{wording.count(commits, 'commit')})"
            for area, lines, commits in worked
        )
        or "no lines changed"
    )
    label = escape(f"{who}: {words}")
    if not total:
        rects = f'<rect width="{_WIDTH}" height="{_HEIGHT}" fill="#eaeef2"></rect>'
    else:
        x, pieces = 0.0, []
        for area, lines, commits in worked:
            share = _WIDTH * lines / total
            pieces.append(
                f'<rect x="{x:.1f}" width="{share:.1f}" height="{_HEIGHT}" '
                f'fill="{COLOURS[area]}"><title>{area}: {wording.percent(lines, total)}, '
                f"{wording.count(lines, 'line')}, {wording.count(commits, 'commit')}"
                "</title></rect>"
            )
            x += share
        rects = "".join(pieces)
    # The first <title> is the picture's accessible name: text, where no name can
    # reach an attribute.
    return (
        f'<svg class="area-bar" role="img" width="{_WIDTH}" height="{_HEIGHT}" '
        f'viewBox="0 0 {_WIDTH} {_HEIGHT}"><title>{label}</title>{rects}</svg>'
    )


def _legend(active: list[str]) -> str:
    items = "".join(
        f'<span title="{escape(MEANING[area])}"><i class="swatch" '
        f'style="background:{COLOURS[area]}"></i>{area} '
        f'<span class="dim">({escape(MEANING[area])})</span></span>'
        for area in active
    )
    return f'<p class="legend" id="area-legend">{items}</p>'
