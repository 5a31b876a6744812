"""Every format of `commitguard report` against a snapshot, over the history of
test_report.py (rewrite with COMMITGUARD_UPDATE_SNAPSHOTS=1 and review the diff); the
table's fit to a narrow terminal; the HTML opened in a real headless browser."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest

from commitguard.commands.report import build, render_report
from commitguard.formats.report import FORMATS
from commitguard.output import Painter
from commitguard.report import figures
from commitguard.report.aggregate import Report
from commitguard.report.figures import EVERYWHERE, Figure
from commitguard.report.window import resolve
from tests.helpers import Histories, Repo, assert_snapshot, run_commitguard
from tests.test_report import ENV, GIT_WINDOW, SINCE, UNTIL, WINDOW, build_history
from tests.test_report_core import DESIGN_AUTHOR_KEYS

EXTENSIONS = {"table": "txt", "markdown": "md", "json": "json", "csv": "csv", "html": "html"}
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture
def history(repo: Repo, histories: Histories) -> Repo:
    return histories.copy(build_history, repo)


@pytest.mark.parametrize("fmt", list(EXTENSIONS))
def test_format_snapshot(history: Repo, fmt: str) -> None:
    result = run_commitguard("report", *WINDOW, "--format", fmt, cwd=history.path, env=ENV)
    assert result.returncode == 0, result.stderr
    # The window, in absolute times with their zone, opens every format.
    head = result.stdout[:2000]
    assert "2026-01-05" in head
    assert "2026-01-19" in head
    assert_snapshot(f"report.{EXTENSIONS[fmt]}", result.stdout)


def test_json_has_the_design_shape(history: Repo) -> None:
    data = json.loads(
        run_commitguard("report", *WINDOW, "--format", "json", cwd=history.path, env=ENV).stdout
    )
    assert data["version"] == 1
    assert data["window"]["since"] == SINCE
    assert data["window"]["until"] == UNTIL
    keys = {"name", "email", *DESIGN_AUTHOR_KEYS}
    for author in data["authors"]:
        assert keys <= set(author)
    assert isinstance(data["totals"], dict)


def test_csv_has_one_row_per_engineer(history: Repo) -> None:
    out = run_commitguard("report", *WINDOW, "--format", "csv", cwd=history.path, env=ENV).stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    names = [row["name"] for row in rows]
    assert names == ["Ada Lovelace", "Grace Hopper", "grace hopper", "Linus Torvalds"]
    assert all(row["since"] == SINCE for row in rows)


def test_format_choices_come_from_the_registry() -> None:
    assert tuple(EXTENSIONS) == FORMATS
    result = run_commitguard("report", "--help")
    assert f"[{'|'.join(FORMATS)}]" in result.stdout


def test_a_figure_declared_once_reaches_every_format(
    history: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What adding a figure takes: its entry in report/figures.py, nothing else."""
    orders = Figure(
        "orders_work",
        "Work on orders",
        "orders",
        EVERYWHERE,
        adds=lambda facts: "orders" in facts.scopes,
    )
    monkeypatch.setattr(figures, "FIGURES", (*figures.FIGURES, orders))
    monkeypatch.setattr(figures, "COUNTED", (*figures.COUNTED, orders))
    expected: dict[str, int] = {}
    log = ("log", "--no-merges", "--format=%aN\t%s", *GIT_WINDOW, "HEAD")
    for line in history.git(*log).stdout.splitlines():
        name, subject = line.split("\t", 1)
        if "[bot]" not in name:
            expected[name] = expected.get(name, 0) + ("(orders)" in subject)
    assert sum(expected.values()) == 4  # the history has some, or this proves nothing
    made = _report(history)
    out = {fmt: render_report(made, fmt, Painter(False), 100) for fmt in FORMATS}
    data = json.loads(out["json"])
    assert data["totals"]["orders_work"] == 4
    assert {a["name"]: a["orders_work"] for a in data["authors"]} == expected
    rows = csv.DictReader(io.StringIO(out["csv"]))
    assert {row["name"]: int(row["orders_work"]) for row in rows} == expected
    people = len(expected)
    assert out["markdown"].count("| Work on orders | ") == 1 + people
    assert out["html"].count("<td>Work on orders</td>") == 1 + people
    assert f"  {'Work on orders':<28}4 " in out["table"]
    assert out["table"].count("\n    orders     ") == people


def _report(history: Repo) -> Report:
    now = datetime.fromisoformat(UNTIL)
    window = resolve(SINCE, UNTIL, now)
    return build(window, [str(history.path)], revisions=[])


@pytest.mark.parametrize("width", [60, 80, 140])
def test_table_fits_the_terminal_and_paints(history: Repo, width: int) -> None:
    text = render_report(_report(history), "table", Painter(True), width)
    assert "\x1b[1m" in text
    for line in _ANSI.sub("", text).splitlines():
        assert len(line) <= width, line
    assert "█" in text  # the type-mix bars


def test_markdown_cannot_be_broken_by_a_header(repo: Repo) -> None:
    repo.git(
        "commit",
        "-q",
        "--allow-empty",
        "-m",
        "Fix | the <b>thing</b> `now`",
        env={"GIT_AUTHOR_DATE": "2026-01-10T10:00:00+00:00"},
    )
    out = run_commitguard("report", *WINDOW, "--format", "markdown", cwd=repo.path, env=ENV)
    row = next(line for line in out.stdout.splitlines() if "thing" in line)
    assert row.count(" | ") == 3  # four cells: the header's own `|` is escaped
    assert "<b>" not in row


def _browser() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def test_html_renders_in_a_headless_browser(history: Repo, tmp_path: Path) -> None:
    browser = _browser()
    if browser is None:
        if os.environ.get("COMMITGUARD_BROWSER_TEST") == "required":
            pytest.fail("no Chromium: .ci/run installs it with apt-get install chromium")
        pytest.skip("no Chromium here (apt-get install chromium); .ci/run requires it")
    page = tmp_path / "report.html"
    result = run_commitguard(
        "report", *WINDOW, "--format", "html", "--output", str(page), cwd=history.path, env=ENV
    )
    assert result.returncode == 0, result.stderr
    assert "http" not in page.read_text().replace("http-equiv", "")  # nothing to fetch
    flags = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]
    flags += [f"--user-data-dir={tmp_path / 'profile'}"]
    dom = subprocess.run(
        [*flags, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120
    )
    assert dom.returncode == 0, dom.stderr[-2000:]
    # What the browser built from the file: the window, the charts, every person.
    assert "2026-01-05 00:00 +00:00" in dom.stdout
    assert dom.stdout.count('class="types"') == 1 + 4
    assert 'class="activity"' in dom.stdout
    for name in ("Ada Lovelace", "Grace Hopper", "Linus Torvalds"):
        assert name in dom.stdout
    # The work areas' table, above the cards: a row and a bar per engineer, the team's.
    table = dom.stdout.split('<table id="areas">', 1)[1].split("</table>", 1)[0]
    assert table.count('class="area-bar"') == 4 + 1
    assert table.count("<tr") == 1 + 4 + 1
    assert re.search(r"<title>Ada Lovelace: other \d+% \(\d+ lines?, \d+ commits?\)", table)
    assert dom.stdout.index('id="areas"') < dom.stdout.index('class="person"')
    assert 'id="area-legend"' in dom.stdout
    shot = tmp_path / "shot.png"
    subprocess.run(
        [*flags, f"--screenshot={shot}", "--window-size=1200,2400", page.as_uri()],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert shot.exists()
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 20_000  # a blank page is a few kilobytes
