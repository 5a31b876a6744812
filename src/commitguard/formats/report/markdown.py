"""`report --format markdown`: to paste into a pull request, an issue or a chat. Team
figures first, then one collapsible section per person. Pure.

Every text from git or the configuration goes through `escape.markdown` (or
`markdown_html` inside a tag): it cannot break a table, inject HTML or links, or
@-mention (and so notify) anyone where the report is pasted."""

from __future__ import annotations

from commitguard.formats.report import _common as common
from commitguard.output import Painter
from commitguard.output.escape import markdown as escape
from commitguard.output.escape import markdown_html as _html
from commitguard.report.aggregate import Report
from commitguard.report.area_presets import AREAS
from commitguard.report.figures import AREA_COMMITS, AREA_LINES, conformance, headline, lines
from commitguard.report.tally import Tally

MAX_ATTENTION = 50  # a chat message has limits; the JSON format has them all


def render(report: Report, paint: Painter | None = None, width: int = 0) -> str:
    out = [
        "## commitguard report",
        "",
        f"**Window:** {common.window_line(report)}",
        "",
        "| | this window | vs previous |",
        "|---|---|---|",
    ]
    for figure, value, change in common.summary(report):
        out.append(f"| {figure.label} | {escape(value)} | {change} |")
    if len(report.repositories) > 1:
        out += [
            "",
            "### Repositories",
            "",
            "| repository | commits | engineers | standard | lines |",
        ]
        out.append("|---|---:|---:|---|---|")
        for name, counts in report.repositories.items():
            out.append(
                f"| {escape(name)} | {counts.number('commits')} | {len(counts.people)} | "
                f"{conformance(counts)} | {lines(counts)} |"
            )
    if report.totals.number("commits"):
        out += _areas(report)
    people = report.sorted_people()
    out += ["", f"### {common.people_heading(report)}", ""]
    for person, counts in people:
        out += [
            "<details>",
            f"<summary><b>{_html(person[0])}</b> &lt;{_html(person[1])}&gt;: "
            f"{_html(headline(counts))}</summary>",
            "",
            *_person(counts),
            "",
            "</details>",
        ]
    attention = report.sorted_attention()
    out += ["", f"### Needs attention ({len(attention)})", ""]
    if not attention:
        out.append("Nothing: every commit in the window follows the standard.")
    else:
        out += ["| commit | author | rule | header |", "|---|---|---|---|"]
        for item in attention[:MAX_ATTENTION]:
            rules = ", ".join(f"`{rule}`" for rule in item.rules)
            if item.undocumented_security:
                rules = "**undocumented security fix** " + rules
            out.append(
                f"| `{item.sha[: common.SHORT_SHA]}` | {escape(item.identity[0])} | {rules} | "
                f"{escape(item.header)} |"
            )
        if len(attention) > MAX_ATTENTION:
            out.append(f"\n…and {len(attention) - MAX_ATTENTION} more (`--format json` lists all).")
    groups = common.look_alike_lines(report)
    if groups:
        out += ["", "### Identities that look alike", ""]
        out += [f"- {escape(group)}" for group in groups]
        out.append("\nMerge them in `.mailmap` or `report.aliases` if they are one person.")
    out += ["", "---", ""]
    out += [f"- {escape(note)}" for note in common.notes(report)]
    return "\n".join(out) + "\n"


def _areas(report: Report) -> list[str]:
    """Each engineer's lines and commits by work area, alphabetical, the team's last;
    a column only for the areas someone worked in."""
    active = [area for area in AREAS if report.totals.mix(AREA_COMMITS)[area]]
    out = [
        "",
        "### Work areas",
        "",
        "Lines changed · commits in each area (a commit counts in every area it touches).",
        "",
        "| engineer | commits | lines | " + " | ".join(active) + " |",
        "|---|---:|---:|" + "---:|" * len(active),
    ]
    rows = [(escape(person[0]), counts) for person, counts in report.sorted_people()]
    for name, counts in [*rows, ("**Team**", report.totals)]:
        commits, changed = counts.mix(AREA_COMMITS), counts.mix(AREA_LINES)
        cells = [f"{changed[a]:,} · {commits[a]}" if commits[a] else "-" for a in active]
        total = counts.number("insertions") + counts.number("deletions")
        out.append(
            f"| {name} | {counts.number('commits'):,} | {total:,} | " + " | ".join(cells) + " |"
        )
    return out


def _person(counts: Tally) -> list[str]:
    rows = common.rows(counts)
    return ["| | |", "|---|---|", *(f"| {f.label} | {escape(text)} |" for f, text in rows)]
