"""The formats of `commitguard check` and `lint`, fed by the real engine, and the one
violation layout every text-like output shares.

Every format is compared with a snapshot in tests/snapshots/ (rewrite them with
COMMITGUARD_UPDATE_SNAPSHOTS=1 and review the diff), and checked for the structure its
readers depend on: XML and JSON that parse, workflow commands that stay one per line,
Markdown that cannot be broken by what a commit header holds.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from lxml import etree

from commitguard import __version__
from commitguard.bots import BotFilter
from commitguard.config import load as config
from commitguard.engine.check import CheckResult, check_commits
from commitguard.engine.commit import CheckedCommit
from commitguard.engine.lint import lint
from commitguard.formats.check import FORMATS, render, render_parts, summary_line
from commitguard.formats.check.github import annotation, escape_data, escape_property
from commitguard.formats.check.markdown import MAX_COMMITS
from commitguard.formats.lint import FORMATS as LINT_FORMATS
from commitguard.formats.lint import render as render_lint
from commitguard.message.parse import parse
from commitguard.model import Change, Commit, Severity, Span, Violation
from commitguard.output import Painter
from commitguard.output.violations import block, compact
from commitguard.rules import catalogue
from tests.helpers import assert_snapshot

DATE = "2026-01-15T10:00:00+00:00"
PARENT = ("0" * 40,)
EXTENSIONS = {
    "text": "txt",
    "json": "json",
    "github": "txt",
    "junit": "xml",
    "sarif": "json",
    "markdown": "md",
}


def commit(
    sha: str,
    message: str,
    name: str = "Ada Lovelace",
    email: str = "ada@example.com",
    parents: tuple[str, ...] = PARENT,
) -> Commit:
    return Commit(sha if len(sha) == 40 else sha * 40, parents, name, email, DATE, message)


FINDINGS = (
    # markup in the author name, `|`, backticks, `%` and a comma in the header
    commit(
        "a",
        "Fix | the `thing` 100% done, ok\n\nbody",
        name="Zoë <&\"> O'Brien",
        email="zoe+ci@example.com",
    ),
    commit("b", "feat(orders): add GET /api/orders\n\nWhy: customers asked.\n"),
    commit("c", "feat(api): add paging\n\n" + "word " * 30),
    commit("d", "Merge branch 'topic'", parents=(*PARENT, "e" * 40)),
    # a hint with newlines in it, `:` and `,` in the header, a would-be @-mention
    commit("f", "fix(auth): patch jwt, 50%: done\n\nbody", name="Grace @hopper"),
    commit("1", "fixup! feat(api): add paging"),
    # an escape sequence and HTML in the header, and a non-ASCII author
    commit("2", "feat(API): add \x1b[31mred\x1b[0m <b>bold</b> @octocat.", name="Jürgen Çelik"),
)
BOTS = (
    commit(
        "8",
        "build(deps): bump lodash from 4.17.20 to 4.17.21",
        name="dependabot[bot]",
        email="49699333+dependabot[bot]@users.noreply.github.com",
    ),
    commit(
        "9",
        "chore(deps): update dependency x to v2",
        name="Renovate Bot",
        email="bot@renovateapp.com",
    ),
    # a person's commit whose header looks like a bot's is judged all the same
    commit("b", "build(deps): bump lodash"),
    Commit(
        "c" * 40,
        PARENT,
        "Ada Lovelace",
        "ada@example.com",
        DATE,
        "feat(orders): add status column",
        (
            Change("A", "prisma/migrations/20260101_status/migration.sql"),
            Change("M", "src/orders/orders.service.ts"),
        ),
    ),
)
CLEAN = (
    commit("3", "feat(orders): add pagination\n\nCustomers asked for it."),
    commit("4", "Merge pull request #7 from x/y", parents=(*PARENT, "5" * 40)),
    commit("6", "docs(readme): explain the gate"),
)


def result_of(commits: tuple[Commit, ...], *, keep_passing: bool = False) -> CheckResult:
    return check_commits(
        commits,
        config.default(),
        range_="origin/main..HEAD",
        reason="pull request into main",
        keep_passing=keep_passing,
        skip_bot=BotFilter(),  # as the CLI does by default
    )


SCENARIOS = {"findings": FINDINGS, "clean": CLEAN, "empty": (), "bots": BOTS}


def rendered(scenario: str, fmt: str) -> str:
    # as the CLI calls it: junit is the one format that keeps passing commits
    result = result_of(SCENARIOS[scenario], keep_passing=fmt == "junit")
    return render(result, fmt, Painter(False))


def stable_sarif(text: str) -> str:
    """The rule catalogue's wording belongs to the rules' own tests: keep ids only."""
    data = json.loads(text)
    driver = data["runs"][0]["tool"]["driver"]
    assert driver["version"] == __version__
    driver["version"] = driver["semanticVersion"] = "<version>"
    driver["rules"] = [rule["id"] for rule in driver["rules"]]
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


# -- snapshots ------------------------------------------------------------------


@pytest.mark.parametrize("scenario", list(SCENARIOS))
@pytest.mark.parametrize("fmt", FORMATS)
def test_snapshot(fmt: str, scenario: str) -> None:
    text = rendered(scenario, fmt)
    if fmt == "sarif":
        text = stable_sarif(text)
    assert_snapshot(f"check-{scenario}-{fmt}.{EXTENSIONS[fmt]}", text)


@pytest.mark.parametrize("scenario", list(SCENARIOS))
@pytest.mark.parametrize("fmt", FORMATS)
def test_the_parts_written_one_by_one_are_the_whole_report(fmt: str, scenario: str) -> None:
    result = result_of(SCENARIOS[scenario], keep_passing=fmt == "junit")
    parts = list(render_parts(result, fmt, Painter(False)))
    assert "".join(parts) == render(result, fmt, Painter(False))
    if fmt in ("json", "text") and scenario == "findings":
        # a commit at a time: the report of a long range is never one string
        assert len(parts) > len(result.commits)


def test_every_format_is_tested() -> None:
    assert set(EXTENSIONS) == set(FORMATS)


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown format 'yaml'"):
        render(result_of(()), "yaml", Painter(False))


# -- text -------------------------------------------------------------------------


def test_text_groups_violations_under_their_commit() -> None:
    text = rendered("findings", "text")
    blocks = text.split("\n\n")
    assert blocks[0] == "commitguard: checking origin/main..HEAD (pull request into main)"
    auth = next(block for block in blocks if block.startswith("ffffffffff "))
    assert "by Grace @hopper <ada@example.com>" in auth
    assert "error[security-impact]" in auth
    assert "\n           Impact: <Critical|High|Medium|Low|None>" in auth  # hint lines aligned
    assert "error[" not in next(b for b in blocks if b.startswith("cccccccccc "))
    assert not any(block.startswith(("bbbbbbbbbb", "dddddddddd")) for block in blocks)
    assert "\x1b" not in text
    assert "add \\x1b[31mred" in text


def test_text_colour_comes_only_from_the_painter() -> None:
    result = result_of(FINDINGS)
    plain = render(result, "text", Painter(False))
    coloured = render(result, "text", Painter(True))
    assert "\x1b[" in coloured
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain


def test_summary_line_counts_everything() -> None:
    assert summary_line(result_of(FINDINGS)) == (
        "commitguard: 6 commits checked in origin/main..HEAD (pull request into main): "
        "3 failed, 4 errors, 2 warnings, 1 merge skipped"
    )
    assert summary_line(result_of(())) == (
        "commitguard: no commits to check in origin/main..HEAD (pull request into main)"
    )
    assert "\x1b" not in summary_line(result_of(FINDINGS))


# -- json -------------------------------------------------------------------------


def test_json_has_the_design_shape() -> None:
    data = json.loads(rendered("findings", "json"))
    assert data["version"] == 1
    assert data["range"] == "origin/main..HEAD"
    assert {"commits", "failed", "errors", "warnings"} <= set(data["summary"])
    assert all(type(value) is int for value in data["summary"].values())
    assert data["summary"] == {
        "commits": 7,
        "failed": 3,
        "errors": 4,
        "warnings": 2,
        "merges_skipped": 1,
        "exempted": 0,
        "bots_skipped": 0,
    }
    assert data["skipped_bots"] == []
    assert len(data["commits"]) == 5  # every commit with a finding
    for entry in data["commits"]:
        assert re.fullmatch("[0-9a-f]{40}", entry["sha"])
        assert set(entry["author"]) == {"name", "email"}
        assert isinstance(entry["header"], str)
        assert entry["violations"]
        for violation in entry["violations"]:
            assert {"rule", "severity", "message", "hint"} <= set(violation)
            assert violation["rule"] in catalogue()
            assert violation["severity"] in {"error", "warning"}
            assert isinstance(violation["message"], str)
            assert violation["hint"] is None or isinstance(violation["hint"], str)
    first = data["commits"][0]
    assert first["author"]["name"] == "Zoë <&\"> O'Brien"  # text as git stored it
    assert first["header"] == "Fix | the `thing` 100% done, ok"


# -- github -----------------------------------------------------------------------

COMMAND = re.compile(r"::(error|warning) title=([^:]*)::(.*)")


def unescape(text: str) -> str:
    for escaped, raw in (("%3A", ":"), ("%2C", ","), ("%0A", "\n"), ("%0D", "\r"), ("%25", "%")):
        text = text.replace(escaped, raw)
    return text


def test_github_writes_one_escaped_command_per_violation() -> None:
    result = result_of(FINDINGS)
    lines = rendered("findings", "github").splitlines()
    commands = [COMMAND.fullmatch(line) for line in lines[:-1]]
    assert all(commands), lines
    assert len(commands) == result.errors + result.warnings
    assert lines[-1] == summary_line(result)
    for match in commands:
        assert match is not None
        title, data = match[2], match[3]
        assert re.fullmatch(r"commit [0-9a-f]{10}%3A [a-z-]+", title)
        assert not re.search("%(?!25|0A|0D)", data), data  # every raw % was escaped
    by_sha = {match[2][7:17]: match for match in commands if match}
    assert "100%25 done" in by_sha["aaaaaaaaaa"][3]
    security = unescape(by_sha["ffffffffff"][3])
    assert "fix: add to the body:\nImpact: <Critical|High|Medium|Low|None>\n" in security
    assert "patch jwt, 50%: done" in security
    assert "\x1b" not in by_sha["2222222222"][3]


def test_github_escapes_by_the_runner_rules() -> None:
    assert escape_data("100%\r\nnext: a, b") == "100%25%0D%0Anext: a, b"
    assert escape_property("100%\r\nnext: a, b") == "100%25%0D%0Anext%3A a%2C b"


def test_github_never_lets_a_message_break_or_start_a_command() -> None:
    hostile = Violation(
        "header-format", Severity.ERROR, "50% bad\r\n::error::forged", "line one\nline two"
    )
    checked = CheckedCommit("9" * 40, "Eve, the: tester", "eve@example.com", "x", (hostile,))
    result = CheckResult("A..B", "argument", (checked,), 1, 0, 0, 1, 1, 0)
    lines = render(result, "github", Painter(False)).splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("::error title=commit 9999999999%3A header-format::50%25 bad")
    match = COMMAND.fullmatch(lines[0])
    assert match is not None
    # the forged command stays inside the data; the stray CR is shown, not obeyed
    assert unescape(match[3]).startswith("50% bad\\r\n\\x3a:error::forged\n")
    assert "title=commit 9999999999%3A header-format::" in lines[0]


def _about(path: str) -> CheckedCommit:
    violation = Violation("migration-order", Severity.ERROR, "late", "move it", path=path)
    return CheckedCommit("a" * 40, "Ada", "ada@example.com", "feat(x): y", (violation,))


def test_github_annotates_the_file_a_finding_is_about() -> None:
    line = annotation(_about("prisma/migrations/1_a/migration.sql"), _about("x").violations[0])
    assert line.startswith("::error file=x,title=commit aaaaaaaaaa%3A migration-order::late")
    found = render(result_of(BOTS), "github", Painter(False))
    assert "::error file=prisma/migrations/20260101_status/migration.sql,title=" in found
    # a finding about the message names no file
    assert "::error title=commit bbbbbbbbbb%3A type-enum::" in found


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        pytest.param("db/a,b:c%d.sql", "file=db/a%2Cb%3Ac%25d.sql,title=", id="property-escapes"),
        pytest.param("db/a\nb.sql", "::error title=", id="newline-no-file"),
        pytest.param("db/\x1b[31m.sql", "::error title=", id="escape-no-file"),
        pytest.param("db/::error::x.sql", "file=db/%3A%3Aerror%3A%3Ax.sql,", id="command"),
    ],
)
def test_github_escapes_or_leaves_out_a_hostile_path(path: str, expected: str) -> None:
    commit = _about(path)
    line = annotation(commit, commit.violations[0])
    assert expected in line
    assert "\n" not in line
    assert "\x1b" not in line


def test_sarif_points_a_finding_about_a_file_at_that_file() -> None:
    data = json.loads(render(result_of(BOTS), "sarif", Painter(False)))
    places = {
        result["ruleId"]: result["locations"][0]["physicalLocation"]
        for result in data["runs"][0]["results"]
    }
    assert places["migration-separate"] == {
        "artifactLocation": {"uri": "prisma/migrations/20260101_status/migration.sql"},
        "region": {"startLine": 1},
    }
    assert places["type-enum"]["artifactLocation"]["uri"] == "COMMIT_EDITMSG"
    skipped = data["runs"][0]["properties"]["skippedBots"]
    assert [bot["commit"][:1] for bot in skipped] == ["8", "9"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_bots_name_and_header_are_escaped_in_every_format(fmt: str) -> None:
    hostile = commit(
        "e",
        "chore(deps): bump\x1b[2J x\r::error title=x::forged",
        name="evil[bot]\n::error::forged <b>@octocat</b>",
        email="1+evil[bot]@users.noreply.github.com",
    )
    text = render(result_of((hostile,)), fmt, Painter(False))
    assert "\x1b" not in text
    assert "\r" not in text
    lines = text.splitlines()
    assert not any(line.lstrip().startswith("::error") for line in lines)
    if fmt == "markdown":
        assert "<b>" not in text
        assert "@octocat" not in text


def test_github_folds_the_bot_commits_into_one_group() -> None:
    found = render(result_of(BOTS), "github", Painter(False)).splitlines()
    start = found.index("::group::commitguard: 2 bot commits skipped")
    assert found[start + 2].startswith("8888888888 build(deps): bump lodash")
    assert found[start + 4] == "::endgroup::"
    assert not any(line.startswith("::notice") for line in found)


def test_github_says_when_annotations_will_be_cut() -> None:
    many = tuple(commit(f"{n:040x}", f"Bad header {n}") for n in range(11))
    assert "the job summary lists every finding" in render(
        result_of(many), "github", Painter(False)
    )
    assert "job summary" not in rendered("findings", "github")


# -- junit ------------------------------------------------------------------------


def test_junit_is_valid_xml_with_one_case_per_commit() -> None:
    result = result_of(FINDINGS, keep_passing=True)
    root = ET.fromstring(render(result, "junit", Painter(False)).encode("utf-8"))
    suites = root.findall("testsuite")
    assert len(suites) == 1
    assert suites[0].get("name") == "commitguard"
    cases = suites[0].findall("testcase")
    assert len(cases) == len(FINDINGS) == result.total
    assert suites[0].get("tests") == str(result.total)
    assert suites[0].get("failures") == str(result.failed)
    assert len(suites[0].findall("testcase/failure")) == result.failed
    assert len(suites[0].findall("testcase/skipped")) == result.merges
    names = [case.get("name") for case in cases]
    assert names[0] == "aaaaaaaaaa Fix | the `thing` 100% done, ok"
    assert names[-1] == "2222222222 feat(API): add \\x1b[31mred\\x1b[0m <b>bold</b> @octocat."
    failure = cases[0].find("failure")
    assert failure is not None
    assert "author Zoë <&\"> O'Brien" in (failure.text or "")
    # a warning does not fail its commit
    warned = cases[2]
    assert warned.find("failure") is None
    assert "warning[body-max-line-length]" in (warned.findtext("system-out") or "")
    passed = cases[1]
    assert list(passed) == []
    assert all(case.get("classname") == "commitguard.origin/main__HEAD" for case in cases)


JUNIT_SCHEMA = Path(__file__).parent / "schemas" / "junit-10.xsd"


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_junit_is_valid_against_jenkins_junit_10_schema(scenario: str) -> None:
    schema = etree.XMLSchema(etree.parse(str(JUNIT_SCHEMA)))
    document = etree.fromstring(rendered(scenario, "junit").encode("utf-8"))
    assert schema.validate(document), schema.error_log
    assert "skipped" not in document.attrib  # what junit-10 refuses on <testsuites>


def test_the_junit_schema_refuses_what_jenkins_refuses() -> None:
    # the schema is a test's oracle: it must fail the output this change fixed
    schema = etree.XMLSchema(etree.parse(str(JUNIT_SCHEMA)))
    document = etree.fromstring(rendered("findings", "junit").encode("utf-8"))
    document.set("skipped", "1")
    assert not schema.validate(document)


def test_junit_lists_bot_commits_as_skipped_cases() -> None:
    root = ET.fromstring(rendered("bots", "junit"))
    suite = root.find("testsuite")
    assert suite is not None
    skipped = [case for case in suite.findall("testcase") if case.find("skipped") is not None]
    assert [case.get("name", "")[:10] for case in skipped] == ["8888888888", "9999999999"]
    assert suite.get("skipped") == "2"
    assert suite.get("tests") == str(len(suite.findall("testcase")))


def test_junit_survives_characters_xml_cannot_carry() -> None:
    odd = commit("7", "feat(api): add \x00\x08\x0c\ufffe thing", name="Nul\x01 Byte")
    root = ET.fromstring(render(result_of((odd,), keep_passing=True), "junit", Painter(False)))
    case = root.find("testsuite/testcase")
    assert case is not None
    assert "\\x00\\x08\\x0c" in (case.get("name") or "")


# -- sarif ------------------------------------------------------------------------


def test_sarif_has_one_result_per_violation_with_stable_fingerprints() -> None:
    result = result_of(FINDINGS)
    data = json.loads(render(result, "sarif", Painter(False)))
    assert data["version"] == "2.1.0"
    assert len(data["runs"]) == 1
    run = data["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "commitguard"
    rules = driver["rules"]
    assert [rule["id"] for rule in rules] == list(catalogue())
    for rule in rules:
        assert rule["shortDescription"]["text"] == catalogue()[rule["id"]].summary
    results = run["results"]
    assert len(results) == result.errors + result.warnings
    fingerprints = set()
    for entry in results:
        assert rules[entry["ruleIndex"]]["id"] == entry["ruleId"]
        assert entry["level"] in {"error", "warning"}
        assert entry["message"]["text"]
        sha = entry["partialFingerprints"]["commitSha"]
        assert re.fullmatch("[0-9a-f]{40}", sha)
        location = entry["locations"][0]["logicalLocations"][0]
        assert location["fullyQualifiedName"] == sha
        assert location["kind"] == "commit"
        # GitHub code scanning refuses a result without a physical location.
        physical = entry["locations"][0]["physicalLocation"]
        assert physical["artifactLocation"]["uri"]
        assert physical["region"]["startLine"] >= 1
        fingerprints.add(entry["partialFingerprints"]["commitguardFinding/v1"])
    assert len(fingerprints) == len(results)
    assert render(result, "sarif", Painter(False)) == render(
        result_of(FINDINGS), "sarif", Painter(False)
    )


def test_sarif_describes_a_rule_the_catalogue_does_not_know() -> None:
    finding = Violation("future-rule", Severity.WARNING, "something")
    checked = CheckedCommit("9" * 40, "Eve", "eve@example.com", "x", (finding,))
    result = CheckResult("A..B", "argument", (checked,), 1, 0, 0, 0, 0, 1)
    run = json.loads(render(result, "sarif", Painter(False)))["runs"][0]
    (entry,) = run["results"]
    assert run["tool"]["driver"]["rules"][entry["ruleIndex"]]["id"] == "future-rule"


# -- markdown ---------------------------------------------------------------------


def table_rows(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("| `")]


def test_markdown_lists_failing_commits_in_an_unbreakable_table() -> None:
    text = rendered("findings", "markdown")
    assert text.startswith("### ❌ commitguard: 3 of 6 commits break the commit standard\n")
    rows = table_rows(text)
    assert len(rows) == 5
    for row in rows:
        # four cells: five `|` that are not escaped
        assert len(re.findall(r"(?<!\\)\|", row)) == 5, row
    first = rows[0]
    assert "Fix \\| the \\`thing\\` 100% done, ok" in first
    assert "Zoë \\<\\&\"\\> O'Brien" in first
    outside_code = re.sub(r"```text\n.*?```", "", text, flags=re.S)
    assert "@octocat" not in outside_code.replace("@&#8203;octocat", "")  # nobody notified
    assert "@&#8203;hopper" in outside_code
    assert text.count("<details>") == text.count("</details>") == 5
    assert "<b>" not in text.split("<details>", 1)[0]  # no raw HTML outside code


def test_markdown_says_when_every_commit_follows_the_standard() -> None:
    text = rendered("clean", "markdown")
    assert text.startswith("### ✅ commitguard: all 2 commits follow the standard\n")
    assert "<details>" not in text
    assert "| Commit |" not in text


def test_markdown_passes_a_range_with_only_warnings() -> None:
    text = render(result_of(FINDINGS[2:3]), "markdown", Painter(False))
    assert text.startswith("### ✅ commitguard: 1 commit follows the standard, with 1 warning\n")
    assert len(table_rows(text)) == 1


def test_markdown_stays_short_for_a_long_bad_history() -> None:
    many = tuple(commit(f"{n:040x}", f"Bad header {n}") for n in range(MAX_COMMITS + 5))
    text = render(result_of(many), "markdown", Painter(False))
    assert len(table_rows(text)) == MAX_COMMITS
    assert "…and 5 more commits with findings" in text


def test_markdown_code_fences_outgrow_backticks_in_the_content() -> None:
    fenced = commit("8", "Feat(api): add ```` fence")
    text = render(result_of((fenced,)), "markdown", Painter(False))
    assert "\n`````text\n" in text


# -- import cost ------------------------------------------------------------------


def test_the_package_imports_no_format_machinery_up_front() -> None:
    code = "import sys, commitguard.formats.check; print('xml.etree' in ' '.join(sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False"


# -- one violation layout for every text-like output ------------------------------------

HINTED = Violation(
    "security-impact",
    Severity.ERROR,
    "no `Impact:`",
    "add to the body:\n<one sentence>\n\nImpact: <level>",
    Span(0, 0, 3),
)
DEEP = Violation("body-max-line-length", Severity.WARNING, "too long", "wrap it", Span(9, 2, 4))
TEN_LINES = ("fix(auth): x", *(f"line {n}" for n in range(2, 11)))


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        pytest.param(
            block(HINTED),
            [
                "error[security-impact]: no `Impact:`",
                "  = fix: add to the body:",
                "         <one sentence>",
                "",
                "         Impact: <level>",
            ],
            id="block-a-blank-hint-line-stays-blank",
        ),
        pytest.param(
            block(HINTED, lines=("fix(auth): x",)),
            [
                "error[security-impact]: no `Impact:`",
                "  |",
                "1 | fix(auth): x",
                "  | ^^^",
                "  = fix: add to the body:",
                "         <one sentence>",
                "",
                "         Impact: <level>",
            ],
            id="block-caret-under-the-columns",
        ),
        pytest.param(
            block(DEEP, lines=TEN_LINES),
            [
                "warning[body-max-line-length]: too long",
                "   |",
                "10 | line 10",
                "   |   ^^",
                "   = fix: wrap it",
            ],
            id="block-the-fix-lines-up-with-a-wider-gutter",
        ),
        pytest.param(
            block(DEEP),
            ["warning[body-max-line-length]: too long", "  = fix: wrap it"],
            id="block-without-the-message-keeps-a-narrow-gutter",
        ),
        pytest.param(
            block(HINTED, gutter=False),
            [
                "error[security-impact]: no `Impact:`",
                "  fix: add to the body:",
                "       <one sentence>",
                "",
                "       Impact: <level>",
            ],
            id="block-plain-text-without-gutter",
        ),
        pytest.param(
            compact(
                Violation("x", Severity.ERROR, "bad \x1b[31m", "a\nb\x07"),
                indent="  ",
                escape=lambda text: text.replace("\x1b", "ESC").replace("\x07", "BEL"),
            ),
            ["  error[x]: bad ESC[31m", "    = fix: a", "           bBEL"],
            id="compact-escapes-what-the-commit-wrote",
        ),
    ],
)
def test_violation_layout(lines: list[str], expected: list[str]) -> None:
    assert lines == expected


def test_violation_layout_paints_only_through_the_painter() -> None:
    plain = block(HINTED, lines=("fix(auth): x",))
    coloured = block(HINTED, Painter(True), lines=("fix(auth): x",))
    assert "\x1b[" not in "\n".join(plain)
    assert [re.sub("\x1b\\[[0-9;]*m", "", line) for line in coloured] == plain


# -- the lint family ---------------------------------------------------------------------


@pytest.mark.parametrize("fmt", LINT_FORMATS)
def test_every_lint_format_renders_a_rejected_message(fmt: str) -> None:
    message = parse("feature(Orders): Add pagination.")
    result = lint(message, config.default())
    stdout, stderr = render_lint(result, message, fmt, Painter(False), source="-")
    text = stdout + stderr
    assert "type-enum" in text
    assert text.endswith("\n")
    assert (stderr != "") is (fmt == "text")  # text is for the person at the hook


def test_lint_text_says_nothing_for_a_clean_message() -> None:
    message = parse("feat(orders): add pagination")
    result = lint(message, config.default())
    assert render_lint(result, message, "text", Painter(False), source="-") == ("", "")
