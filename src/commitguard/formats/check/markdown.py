"""`--format markdown`: a pull-request comment, or the GitHub job summary.

A verdict heading, a table of the commits with findings, and a collapsed section per
commit with its findings and how to fix them. Commit headers and author names are
written by whoever pushed: they are escaped so they cannot break the table, inject
HTML or links, or @-mention (and so notify) people in a comment.
"""

from __future__ import annotations

import re

from commitguard.engine.check import CheckResult
from commitguard.engine.commit import CheckedCommit
from commitguard.formats.check._shared import checked, counts, plural, short, with_findings
from commitguard.output import PLAIN, Painter
from commitguard.output.escape import markdown as inline
from commitguard.output.escape import markdown_code as code
from commitguard.output.escape import markdown_html as html_text
from commitguard.output.escape import terminal
from commitguard.output.violations import block

_MARK = {"error": "❌", "warning": "⚠️"}

# A PR comment holds at most 65,536 characters; a long range of bad history lists its
# first commits here and leaves the rest to the full report.
MAX_COMMITS = 50


def render(result: CheckResult, paint: Painter | None = None) -> str:
    listed: list[CheckedCommit] = []  # the first MAX_COMMITS; the rest are counted
    more = 0
    for commit in with_findings(result):
        if len(listed) < MAX_COMMITS:
            listed.append(commit)
        else:
            more += 1
    lines = [_heading(result), "", _subtitle(result)]
    if listed:
        lines += ["", *_table(listed)]
        if more:
            lines += [
                "",
                f"…and {plural(more, 'more commit')} with findings: "
                "`commitguard check` prints them all.",
            ]
        for commit in listed:
            lines += ["", *_details(commit)]
    if result.bots:
        lines += ["", *_bots(result.bots)]
    return "\n".join(lines) + "\n"


def _heading(result: CheckResult) -> str:
    judged = checked(result)
    if judged == 0:
        return "### commitguard: no commits to check"
    if result.errors:
        return (
            f"### ❌ commitguard: {result.failed} of {plural(judged, 'commit')} "
            "break the commit standard"
        )
    verdict = "1 commit follows" if judged == 1 else f"all {judged} commits follow"
    warned = f", with {plural(result.warnings, 'warning')}" if result.warnings else ""
    return f"### ✅ commitguard: {verdict} the standard{warned}"


def _subtitle(result: CheckResult) -> str:
    where = f"Range {code(result.range)} ({inline(result.reason)})"
    if result.total == 0:
        return f"{where}: the range holds no commits."
    judged = plural(checked(result), "commit")
    return f"{where}: {judged} checked, {counts(result, PLAIN)}."


def _table(commits: list[CheckedCommit]) -> list[str]:
    rows = ["| Commit | Author | Header | Findings |", "| --- | --- | --- | --- |"]
    for commit in commits:
        # a rule that fires twice on one commit is one entry here; the details have both
        marks = (f"{_MARK[v.severity.value]} `{v.rule}`" for v in commit.violations)
        findings = ", ".join(dict.fromkeys(marks))
        rows.append(
            f"| `{short(commit.sha)}` | {inline(commit.author_name)} "
            f"| {inline(commit.header)} | {findings} |"
        )
    return rows


def _bots(commits: tuple[CheckedCommit, ...]) -> list[str]:
    shown = commits[:MAX_COMMITS]
    lines = [
        "<details>",
        f"<summary>{plural(len(commits), 'bot commit')} skipped "
        "(<code>--include-bots</code> judges them)</summary>",
        "",
        *(f"- `{short(c.sha)}` {inline(c.header)} (by {inline(c.author_name)})" for c in shown),
    ]
    if len(commits) > len(shown):
        lines.append(f"- …and {plural(len(commits) - len(shown), 'more')}")
    return [*lines, "", "</details>"]


def _details(commit: CheckedCommit) -> list[str]:
    body = [f"commit {commit.sha}", f"by {commit.author_name} <{commit.author_email}>", ""]
    for violation in commit.violations:
        body.extend(block(violation))
    text = terminal("\n".join(body))
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return [
        "<details>",
        f"<summary><code>{short(commit.sha)}</code> {html_text(commit.header)}</summary>",
        "",
        f"{fence}text",
        text,
        fence,
        "",
        "</details>",
    ]
