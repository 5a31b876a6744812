"""`report --format html`: one self-contained file that reads offline. Pure.

The charts are inline SVG drawn here, with the styles inline too: no script, no font,
no request to anywhere, so the file opens the same from a mail attachment or a CI
artifact years later. Every text from git is escaped (`escape.html`: markup, quotes,
and control characters shown).
"""

from __future__ import annotations

from commitguard.formats.report import _common as common
from commitguard.formats.report import _html_areas as areas
from commitguard.output import Painter
from commitguard.output.escape import html as escape
from commitguard.report import wording
from commitguard.report.aggregate import Report
from commitguard.report.figures import FIGURES, Figure, conformance, headline, lines
from commitguard.report.tally import Tally
from commitguard.report.wording import ranked

Colours = dict[str, str]  # a mix's names to their colour, the same in every chart

# Colour-blind-safe (Okabe-Ito), one per type in order of frequency.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999")
_STYLE = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;
max-width:72rem;padding:0 1rem;color:#1f2328;background:#fff}
h1{font-size:1.5rem;margin-bottom:.2rem}h2{margin-top:2rem;border-bottom:1px solid #d0d7de}
table{border-collapse:collapse;margin:.5rem 0}td,th{padding:.25rem .7rem;text-align:left;
border-bottom:1px solid #eaeef2;vertical-align:top}th{background:#f6f8fa}
.num{text-align:right;font-variant-numeric:tabular-nums}.dim{color:#59636e}
.better{color:#1a7f37}.worse{color:#cf222e}.person{border:1px solid #d0d7de;border-radius:6px;
padding:.5rem 1rem;margin:.7rem 0}.legend span{display:inline-block;margin-right:1rem}
.swatch{display:inline-block;width:.8rem;height:.8rem;margin-right:.3rem;border-radius:2px}
.security{color:#cf222e;font-weight:600}code{font-size:.9em}
"""


def render(report: Report, paint: Painter | None = None, width: int = 0) -> str:
    charts = {figure: _colours(figure, report.totals) for figure in FIGURES if figure.chart}
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>commitguard report</title>",
        f"<style>{_STYLE}{areas.STYLE}</style></head><body>",
        "<h1>commitguard report</h1>",
        f'<p class="dim" id="window">{escape(common.window_line(report))}</p>',
        "<h2>Team</h2>",
        '<table id="summary"><tr><th>Figure</th><th>This window</th><th>vs previous</th></tr>',
    ]
    for figure, value, change in common.summary(report):
        if figure.key == "areas":
            continue  # the team's split is the last row of the work areas' table
        parts.append(
            f"<tr><td>{escape(figure.label)}</td><td>{escape(value)}</td>"
            f'<td class="num {_trend(figure, change)}">{escape(change)}</td></tr>'
        )
    parts.append("</table>")
    for figure, colours in charts.items():
        parts.append(f"<h3>{escape(figure.label)}</h3>")
        parts += [_bar(figure, report.totals, colours, 640, 28), _legend(colours)]
    parts += ["<h3>Activity over the window</h3>", _activity(report)]
    if len(report.repositories) > 1:
        parts += [
            "<h2>Repositories</h2>",
            "<table><tr><th>Repository</th><th>Commits</th><th>Engineers</th>"
            "<th>Follow the standard</th><th>Lines</th></tr>",
        ]
        for name, counts in report.repositories.items():
            parts.append(
                f"<tr><td>{escape(name)}</td><td class=num>{counts.number('commits')}</td>"
                f"<td class=num>{len(counts.people)}</td><td>{conformance(counts)}</td>"
                f"<td>{lines(counts)}</td></tr>"
            )
        parts.append("</table>")
    if report.totals.number("commits"):
        parts += areas.table(report)  # the comparison, above the people's own cards
    people = report.sorted_people()
    parts.append(f"<h2>{escape(common.people_heading(report))}</h2>")
    for person, counts in people:
        parts.append(_person(person, counts, charts))
    attention = report.sorted_attention()
    parts.append(f"<h2>Needs attention ({len(attention)})</h2>")
    if attention:
        parts.append(
            '<table id="attention"><tr><th>Commit</th><th>Author</th><th>Rule</th>'
            "<th>Header</th></tr>"
        )
        for item in attention:
            flag = (
                '<span class="security">undocumented security fix</span> '
                if item.undocumented_security
                else ""
            )
            rules = ", ".join(f"<code>{escape(rule)}</code>" for rule in item.rules)
            parts.append(
                f"<tr><td><code>{item.sha[: common.SHORT_SHA]}</code></td>"
                f"<td>{escape(item.identity[0])}</td><td>{flag}{rules}</td>"
                f"<td>{escape(item.header)}</td></tr>"
            )
        parts.append("</table>")
    else:
        parts.append("<p>Nothing: every commit in the window follows the standard.</p>")
    groups = common.look_alike_lines(report)
    if groups:
        parts.append("<h2>Identities that look alike</h2><ul>")
        parts += [f"<li>{escape(group)}</li>" for group in groups]
        parts.append("</ul><p class=dim>Merge them in .mailmap or report.aliases.</p>")
    parts.append("<h2>Notes</h2><ul class=dim>")
    parts += [f"<li>{escape(note)}</li>" for note in common.notes(report)]
    parts.append("</ul></body></html>")
    return "\n".join(parts) + "\n"


def _person(person: tuple[str, str], counts: Tally, charts: dict[Figure, Colours]) -> str:
    rows = [(figure, text) for figure, text in common.rows(counts) if figure not in charts]
    table = "".join(f"<tr><td>{f.label}</td><td>{escape(text)}</td></tr>" for f, text in rows)
    bars = "".join(_bar(figure, counts, colours, 480, 18) for figure, colours in charts.items())
    return (
        f'<div class="person"><h3>{escape(person[0])} '
        f'<span class="dim">&lt;{escape(person[1])}&gt;</span></h3>'
        f"<p>{escape(headline(counts))}</p>"
        f"{bars if counts.number('commits') else ''}"
        f"<table>{table}</table></div>"
    )


def _colours(figure: Figure, totals: Tally) -> Colours:
    names = [name for name, _ in ranked(totals.mix(figure.key))]
    return {name: PALETTE[min(index, len(PALETTE) - 1)] for index, name in enumerate(names)}


def _bar(figure: Figure, counts: Tally, colours: Colours, width: int, height: int) -> str:
    """One stacked bar: each name's share of a mix (the types), with a tooltip."""
    mix = counts.mix(figure.key)
    total = sum(mix.values())
    if not total:
        return "<p class=dim>No commits.</p>"
    x = 0.0
    rects = []
    for name, count in ranked(mix):
        share = width * count / total
        rects.append(
            f'<rect x="{x:.1f}" y="0" width="{share:.1f}" height="{height}" '
            f'fill="{colours.get(name, PALETTE[-1])}"><title>{escape(name)}: {count}</title></rect>'
        )
        x += share
    return (
        f'<svg class="{figure.key}" role="img" aria-label="{escape(figure.label)}" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}">{"".join(rects)}</svg>'
    )


def _legend(colours: dict[str, str]) -> str:
    items = "".join(
        f'<span><i class="swatch" style="background:{colour}"></i>{escape(name)}</span>'
        for name, colour in colours.items()
    )
    return f'<p class="legend">{items}</p>'


def _activity(report: Report) -> str:
    """Commits per day over the window, one column each, in the window's time zone."""
    days = report.window.days
    # A long window is drawn in buckets of several days, at most 120 columns.
    size = -(-len(days) // 120)
    buckets = [days[start : start + size] for start in range(0, len(days), size)]
    counts = [sum(report.activity[day] for day in bucket) for bucket in buckets]
    width, height, gap = 720, 120, 2
    top = max(counts, default=0) or 1
    column = (width - gap * len(buckets)) / len(buckets)
    bars = []
    for index, (bucket, count) in enumerate(zip(buckets, counts, strict=True)):
        tall = (height - 20) * count / top
        x = index * (column + gap)
        when = bucket[0].isoformat() + (f" to {bucket[-1].isoformat()}" if size > 1 else "")
        when += f": {wording.count(count, 'commit')}"
        bars.append(
            f'<rect x="{x:.1f}" y="{height - 16 - tall:.1f}" width="{column:.1f}" '
            f'height="{tall:.1f}" fill="{PALETTE[0]}"><title>{when}</title></rect>'
        )
    first, last = days[0].isoformat(), days[-1].isoformat()
    labels = (
        f'<text x="0" y="{height - 2}" font-size="11">{first}</text>'
        f'<text x="{width}" y="{height - 2}" font-size="11" text-anchor="end">{last}</text>'
    )
    return (
        f'<svg class="activity" role="img" aria-label="commits per day" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}">{"".join(bars)}{labels}</svg>'
    )


def _trend(figure: Figure, change: str) -> str:
    """Green when the change is good news for the team, red when it is bad, grey when
    it is neither (more commits are not better work)."""
    trend = common.trend(figure, change)
    return trend if trend != "neutral" else "dim"
