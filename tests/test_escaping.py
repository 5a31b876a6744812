"""Hostile text at every output edge: one repository of hostile commits, every format of
every command, each output judged by the rule of the edge it is written for.

The names, headers, bodies and paths below are what an attacker can put in a branch:
escape sequences that recolour, hyperlink or clear a terminal, a lone CR or a line
break that starts a GitHub workflow command of its own, Markdown that mentions people
or injects HTML, cells a spreadsheet runs as formulas, text that is not XML.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from html.parser import HTMLParser

import pytest

from commitguard.output import escape
from tests.helpers import Histories, Repo, run_commitguard

EVE = (
    "Eve \x1b]8;;https://evil.example\x07click me\x1b]8;;\x07\x1b[2J\x1b[H",
    "=1+2@evil.example",
)
MALLORY = "Mallory @octocat \u202eevil\x7f\x9b"
CR_HEADER = "Bad\r::error title=x::forged"
MARKUP_HEADER = "feat(api): ##[error]forged @octocat <script>alert(1)</script> ]]> \u202eok."
ESCAPE_HEADER = "fix(ui): \x1b]8;;https://evil.example\x07link\x1b]8;;\x07 \x1b[2J\x07 cleared."
FORMULA_SCOPE = "=cmd|' /C calc'!A0"
EVIL_PATH = "src/evil\n::error title=x::forged.ts"
MIGRATION = "prisma/migrations/20260101000000_init/migration.sql"
BODY = "Body \x1b[31mred\n::warning::forged from the body\n##[error]body"
HEADERS = (CR_HEADER, MARKUP_HEADER, ESCAPE_HEADER)
WINDOW = ("--since", "2026-01-01", "--until", "2026-02-01")
RANGE = "HEAD~4..HEAD"

# What no output may carry raw: C0 controls but tab and newline, DEL, C1, the
# bidirectional controls and the Unicode line separators.
UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]"
)
SGR = re.compile(r"\x1b\[[0-9;]*m")  # commitguard's own colour
# The only workflow commands commitguard writes: one annotation per finding (with the
# file it is about, its `:` and `,` escaped), and the folded group of bots' commits.
OWN_COMMAND = re.compile(
    r"::(?:(?:error|warning) (?:file=[^:,\n]+,)?title=commit [0-9a-f]{10}%3A [a-z-]+::"
    r"|group::commitguard: \d+ bot commits? skipped\Z|endgroup::\Z)"
)
LIVE_MENTION = re.compile(r"(?<![A-Za-z0-9_])@octocat")
FORMULA = ("=", "+", "-", "@", "\t", "\r", "\n")


LEGITIMATE = "feat(orders): add GET /api/orders, 100% faster\tfor ada@example.com"


# -- one function per edge ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("edge", "text", "shown"),
    [
        pytest.param(
            escape.terminal,
            "a\rb\x1b[2Jc\x07\x7f\x9b\u202ed\n\te",
            "a\\rb\\x1b[2Jc\\x07\\x7f\\x9b\\u202ed\n\te",
            id="terminal-shows-controls-keeps-lines",
        ),
        pytest.param(escape.log_line, "a\nb\u2028c", "a\\nb\\u2028c", id="log-line-breaks"),
        pytest.param(escape.log_line, "::error::x", "\\x3a:error::x", id="log-command"),
        pytest.param(escape.log_line, "  ::error::x", "  \\x3a:error::x", id="log-indented"),
        pytest.param(escape.log_line, "a ##[error]b", "a \\x23#[error]b", id="log-old-command"),
        pytest.param(escape.log_line, "a::b ok::", "a::b ok::", id="log-colons-mid-line"),
        pytest.param(escape.log_text, "fix:\n::error::x", "fix:\n\\x3a:error::x", id="log-text"),
        pytest.param(
            escape.markdown,
            "@octocat <b>|x|</b>\n(@team) ada@example.com",
            "@&#8203;octocat \\<b\\>\\|x\\|\\</b\\> (@&#8203;team) ada@example.com",
            id="markdown",
        ),
        pytest.param(
            escape.markdown_html,
            "<b>@octocat</b>",
            "&lt;b&gt;@&#8203;octocat&lt;/b&gt;",
            id="markdown-html",
        ),
        pytest.param(escape.markdown_code, "a`b\x1b", "``a`b\\x1b``", id="markdown-code"),
        pytest.param(escape.csv_cell, "=1+2", "'=1+2", id="csv-formula"),
        pytest.param(escape.csv_cell, "-1", "'-1", id="csv-minus"),
        pytest.param(escape.csv_cell, "\uff1d1", "'\uff1d1", id="csv-full-width"),
        pytest.param(escape.csv_cell, "a;=b", "a;=b", id="csv-mid-cell"),
        pytest.param(escape.xml, "a\x00b\udc80\x0c", "a\\x00b\ufffd\\x0c", id="xml"),
        pytest.param(
            escape.html,
            '<a href="x">\'&\x1b',
            "&lt;a href=&quot;x&quot;&gt;&#x27;&amp;\\x1b",
            id="html",
        ),
    ],
)
def test_each_edge_escapes_by_its_own_rules(
    edge: Callable[[str], str], text: str, shown: str
) -> None:
    assert edge(text) == shown


@pytest.mark.parametrize(
    "edge",
    [escape.terminal, escape.log_line, escape.log_text, escape.xml, escape.csv_cell],
)
def test_legitimate_text_passes_unchanged(edge: Callable[[str], str]) -> None:
    assert edge(LEGITIMATE) == LEGITIMATE


def test_every_character_a_terminal_or_log_spells_out_is_one_python_calls_unprintable() -> None:
    # terminal() and log_line() skip the translation for printable text: sound only
    # while nothing printable is in their tables.
    tables = (escape._LINE, escape._TEXT)
    assert all(not chr(code).isprintable() for table in tables for code in table)
    for code in (0x1B, 0x7F, 0x85, 0x202E, 0x2028):
        assert escape.log_line(f"a{chr(code)}b") != f"a{chr(code)}b"
        assert escape.terminal(f"a{chr(code)}b") != f"a{chr(code)}b"


def test_json_is_the_same_value_with_nothing_raw() -> None:
    value = {"header": "a\x9b\u202e ##[error]x \u2028 \x7f", "ok": LEGITIMATE}
    dumped = escape.json(json.dumps(value, ensure_ascii=False))
    assert json.loads(dumped) == value
    assert not UNSAFE.search(dumped)
    assert "##[" not in dumped


# -- every format of every command, over a hostile history -------------------------------


def _hostile(repo: Repo) -> None:
    repo.record("chore(repo): start", {"README.md": "hello\n"})
    repo.record(
        f"feat({FORMULA_SCOPE}): add the table",
        {MIGRATION: "CREATE TABLE a (id int);\n", EVIL_PATH: "x\n"},
        who=EVE,
    )
    for header in HEADERS:
        # git itself, for what git does with a CR, a DEL or a C1 character in a name
        repo.git(
            "commit", "-q", "--allow-empty", "-m", header, "-m", BODY,
            env={"GIT_AUTHOR_NAME": MALLORY, "GIT_AUTHOR_EMAIL": EVE[1]},
        )  # fmt: skip


@pytest.fixture
def hostile(repo: Repo, histories: Histories) -> Repo:
    return histories.copy(_hostile, repo)


def assert_log_safe(text: str) -> None:
    """What a terminal or a CI log may read: commitguard's colour and its own
    annotations only. The runner ends a line at CR as well as LF: splitlines() ends
    one at every character that might."""
    bare = SGR.sub("", text)
    assert not UNSAFE.findall(bare), bare
    for line in bare.splitlines():
        assert "##[" not in line, line
        assert not line.lstrip().startswith("::") or OWN_COMMAND.match(line), line


def commitguard(repo: Repo, *args: str, stdin: str | None = None, colour: bool = False) -> str:
    """stdout and stderr of one run, which must not have crashed."""
    env = {"FORCE_COLOR": "1"} if colour else {}
    result = run_commitguard(*args, cwd=repo.path, input=stdin, env=env)
    assert result.returncode in (0, 1, 2, 3, 4), result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout + result.stderr


# -- terminals and CI logs ---------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(("check", RANGE), id="check-text"),
        pytest.param(("check", "--format", "github", RANGE), id="check-github"),
        pytest.param(("report", *WINDOW), id="report-table"),
        pytest.param(("report", "--repo", "missing\n::error title=x::forged"), id="error-path"),
    ],
)
@pytest.mark.parametrize("colour", [False, True], ids=["plain", "colour"])
def test_a_log_gets_no_command_and_no_control(
    hostile: Repo, args: tuple[str, ...], colour: bool
) -> None:
    assert_log_safe(commitguard(hostile, *args, colour=colour))


def test_a_configuration_error_quotes_the_file_without_obeying_it(repo: Repo) -> None:
    repo.write(".commitguard.yaml", '"x\\r::error title=x::forged": 1\n')
    said = commitguard(repo, "rules")
    assert "unknown key" in said
    assert_log_safe(said)


@pytest.mark.parametrize("header", HEADERS)
def test_lint_shows_the_message_without_obeying_it(hostile: Repo, header: str) -> None:
    said = commitguard(hostile, "lint", "--no-prompt", "-", stdin=f"{header}\n{BODY}\n")
    assert "error[" in said
    assert_log_safe(said)


def test_lint_keeps_the_caret_under_the_columns_it_names(hostile: Repo) -> None:
    said = commitguard(hostile, "lint", "--no-prompt", "-", stdin="feat(a\x07pi): Add x\n")
    assert said.splitlines()[2:4] == ["1 | feat(a\\x07pi): Add x", "  |      ^^^^^^^"]
    assert "  |                ^" in said.splitlines()
    said = commitguard(hostile, "lint", "--no-prompt", "-", stdin="feat(a\x07pi)\n")
    assert said.splitlines()[2:4] == ["1 | feat(a\\x07pi)", "  |              ^"]


def test_staged_names_a_hostile_path_without_obeying_it(repo: Repo) -> None:
    repo.stage(MIGRATION, "CREATE TABLE a (id int);\n")
    repo.stage(EVIL_PATH)
    said = commitguard(repo, "staged")
    assert "migration-separate" in said
    assert_log_safe(said)


def test_explain_shows_the_message_and_paths_without_obeying_them(hostile: Repo) -> None:
    said = commitguard(
        hostile,
        "explain", "security-impact", "--message", "-", "--path", f"src/auth/{EVIL_PATH}",
        stdin=f"fix(auth): {ESCAPE_HEADER}\n\n{BODY}\n",
    )  # fmt: skip
    assert "security-relevant" in said
    assert_log_safe(said)


# -- JSON: the same values, nothing raw a log would act on --------------------------------


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(("check", "--format", "json", RANGE), id="check-json"),
        pytest.param(("check", "--format", "sarif", RANGE), id="check-sarif"),
        pytest.param(("report", "--format", "json", *WINDOW), id="report-json"),
    ],
)
def test_json_keeps_every_value_and_prints_safely(hostile: Repo, args: tuple[str, ...]) -> None:
    text = commitguard(hostile, *args)
    assert_log_safe(text)
    values = json.dumps(json.loads(text), ensure_ascii=False)
    assert json.dumps(MARKUP_HEADER, ensure_ascii=False)[1:-1] in values
    assert json.dumps(MALLORY, ensure_ascii=False)[1:-1] in values


def test_lint_json_keeps_the_header_and_prints_safely(hostile: Repo) -> None:
    text = commitguard(hostile, "lint", "--format", "json", "-", stdin=MARKUP_HEADER + "\n")
    assert_log_safe(text)
    assert json.loads(text)["header"] == MARKUP_HEADER


# -- Markdown: literal text, one line per row, nobody mentioned ---------------------------


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(("check", "--format", "markdown", RANGE), id="check-markdown"),
        pytest.param(("report", "--format", "markdown", *WINDOW), id="report-markdown"),
    ],
)
def test_markdown_mentions_nobody_and_keeps_its_tables(
    hostile: Repo, args: tuple[str, ...]
) -> None:
    text = commitguard(hostile, *args)
    assert "octocat" in text
    # Inside a fenced block nothing is markup and nobody is mentioned.
    rendered = re.sub(r"^(`{3,})text\n.*?^\1$", "", text, flags=re.M | re.S)
    assert not LIVE_MENTION.search(rendered)
    assert not re.search(r"(?<!\\)<script", rendered)
    assert not UNSAFE.search(text)
    columns: int | None = None  # of the table being read, from its first row
    for line in text.splitlines():
        if not line.startswith("|"):
            columns = None
            continue
        bars = len(re.findall(r"(?<!\\)\|", line))
        columns = columns or bars
        assert bars == columns, line


# -- CSV: a spreadsheet runs nothing -------------------------------------------------------


def test_csv_cells_never_start_a_formula(hostile: Repo) -> None:
    text = commitguard(hostile, "report", "--format", "csv", *WINDOW)
    rows = list(csv.reader(io.StringIO(text)))
    cells = [cell for row in rows[1:] for cell in row]
    assert "'=1+2@evil.example" in cells
    items = [item for cell in cells for item in cell.split(";")]
    assert [item for item in items if item.startswith(FORMULA)] == []
    assert not UNSAFE.search(text)


# -- XML and HTML: they parse, and only commitguard wrote their markup --------------------


def test_junit_is_xml_that_holds_the_headers_as_text(hostile: Repo) -> None:
    text = commitguard(hostile, "check", "--format", "junit", RANGE)
    root = ET.fromstring(text.encode())
    assert {element.tag for element in root.iter()} <= {
        "testsuites", "testsuite", "properties", "property", "testcase", "failure",
        "system-out", "skipped",
    }  # fmt: skip
    names = [case.get("name", "") for case in root.iter("testcase")]
    assert any("<script>alert(1)</script> ]]>" in name for name in names)
    assert not UNSAFE.search(text)


class _Markup(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes += attrs

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_report_holds_no_markup_from_the_history(hostile: Repo) -> None:
    text = commitguard(hostile, "report", "--format", "html", *WINDOW)
    parsed = _Markup()
    parsed.feed(text)
    assert "script" not in parsed.tags
    given = [f"{name}={value}" for name, value in parsed.attributes]
    assert [pair for pair in given if "evil" in pair or "octocat" in pair] == []
    assert "<script>alert(1)</script>" in "".join(parsed.text)
    assert not UNSAFE.search(text)


# -- work areas: hostile paths are classified, never printed ------------------------------

HOSTILE_PATHS = {
    "src/<script>alert(1)</script>/orders.controller.ts": "api",
    "src/a|b/@octocat.service.ts": "services",
    "=cmd|' /C calc'!A0.sql": "database",
    "-rf --output=x/README.md": "docs",
    "src/evil\r::error title=x::forged/\x1b[2J.guard.ts": "auth",
}


def test_report_areas_classify_hostile_paths_and_print_none(repo: Repo) -> None:
    repo.record(
        "chore(repo): start", {"package.json": '{"dependencies": {"@nestjs/core": "10"}}\n'}
    )
    repo.record(
        f"feat({FORMULA_SCOPE}): {MARKUP_HEADER}",
        dict.fromkeys(HOSTILE_PATHS, "x\n"),
        who=EVE,
        date="2026-01-15T10:00:00+00:00",
    )
    data = json.loads(commitguard(repo, "report", "--format", "json", *WINDOW))
    areas = data["totals"]["areas"]
    for area in set(HOSTILE_PATHS.values()):
        assert areas[area] == {"commits": 1, "lines": 1}, area
    markdown = commitguard(repo, "report", "--format", "markdown", *WINDOW)
    row = next(line for line in markdown.splitlines() if line.startswith("| Eve"))
    active = [area for area, counts in areas.items() if counts["commits"]]
    assert len(re.findall(r"(?<!\\)\|", row)) == 4 + len(active)  # one cell each
    assert not UNSAFE.search(markdown)
    html = commitguard(repo, "report", "--format", "html", *WINDOW)
    parsed = _Markup()
    parsed.feed(html)
    assert "script" not in parsed.tags
    assert [pair for pair in parsed.attributes if "evil" in str(pair)] == []
    assert not UNSAFE.search(html)
    assert_log_safe(commitguard(repo, "report", *WINDOW))
    cells = [
        c
        for row in csv.reader(io.StringIO(commitguard(repo, "report", "--format", "csv", *WINDOW)))
        for c in row
    ]
    assert [cell for cell in cells if cell.startswith(FORMULA)] == []
    for text in (markdown, html):
        for path in HOSTILE_PATHS:
            assert path not in text
