"""`commitguard report` over many repositories: read in parallel, listed in a file.

Each repository is folded by a worker process of its own and the parts added up; the
report must be the one a single sequential fold makes, byte for byte, in every format.
The repositories are real ones on disk, driven through real git (tests/test_report.py's
history, and smaller ones beside it that share its people).
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from commitguard.report.aggregate import Report
from commitguard.report.combine import COMBINED
from commitguard.report.window import Window
from tests.helpers import Histories, Repo, run_commitguard
from tests.test_report import (
    ADA,
    ENV,
    GRACE,
    LINUS,
    WINDOW,
    build_history,
    commit,
)


def _another(tmp_path: Path, name: str) -> Repo:
    other = Repo(tmp_path / name)
    other.path.mkdir()
    other.git("init", "-q")
    return other


@pytest.fixture
def services(repo: Repo, histories: Histories, tmp_path: Path) -> list[Repo]:
    """Three repositories whose people overlap: the same engineers in several, a
    co-author, a revert of the repository's own commit, and errors in more than one."""
    first = histories.copy(build_history, repo)
    web = _another(tmp_path, "web")
    commit(web, ADA, "2025-12-29", "feat(web): add the shell", index_html="<html>\n")
    commit(web, ADA, "2026-01-06", "feat(web): add the page", page_html="<p>\n")
    page = commit(web, LINUS, "2026-01-07", "Fix the page", page_html="<p>2\n")
    web.git("revert", "--no-edit", page)
    commit(
        web,
        GRACE,
        "2026-01-12",
        "fix(web): escape the title\n\nCo-authored-by: Linus Torvalds <linus@example.com>",
        title_html="t\n",
    )
    jobs = _another(tmp_path, "jobs")
    commit(jobs, GRACE, "2026-01-08", "feat(queue): add the mail job", mail_py="m\n")
    commit(jobs, LINUS, "2026-01-09", "Update stuff", notes_txt="n\n")
    return [first, web, jobs]


def _report(fmt: str, *args: str, cwd: Path | None = None) -> str:
    result = run_commitguard("report", *WINDOW, "--format", fmt, *args, cwd=cwd, env=ENV)
    assert result.returncode == 0, result.stderr
    return result.stdout


def _repo_args(repos: list[Repo]) -> list[str]:
    return [arg for each in repos for arg in ("--repo", str(each.path))]


@pytest.mark.parametrize("fmt", ["json", "markdown", "html", "csv", "table"])
def test_one_worker_and_several_make_the_same_report(services: list[Repo], fmt: str) -> None:
    repos = _repo_args(services)
    alone = _report(fmt, *repos, "--jobs", "1")
    assert _report(fmt, *repos, "--jobs", "3") == alone
    assert _report(fmt, *repos, "--jobs", "2") == alone  # a worker reads two


def test_the_parallel_report_adds_up_each_repository(services: list[Repo]) -> None:
    data = json.loads(_report("json", *_repo_args(services), "--jobs", "3"))
    each = {r["name"]: r for r in data["repositories"]}
    assert list(each) == ["repo", "web", "jobs"]
    singles = {
        repo.path.name: json.loads(_report("json", cwd=repo.path))["totals"] for repo in services
    }
    for name, totals in singles.items():
        assert each[name]["commits"] == totals["commits"], name
        assert each[name]["insertions"] == totals["insertions"], name
    assert data["totals"]["commits"] == sum(t["commits"] for t in singles.values())
    assert data["previous"]["commits"] == sum(
        json.loads(_report("json", cwd=repo.path))["previous"]["commits"] for repo in services
    )
    # The commits that need attention: repository after repository, in git's order
    # (after the undocumented security fixes, which come first).
    listed = [
        item["repository"]
        for item in data["needs_attention"]
        if not item["undocumented_security_fix"]
    ]
    assert listed == sorted(listed, key=["repo", "web", "jobs"].index)
    assert {"repo", "web", "jobs"} <= set(listed)


def test_repos_from_a_file(services: list[Repo], tmp_path: Path) -> None:
    listing = tmp_path / "lists" / "services.txt"
    listing.parent.mkdir()
    listing.write_text(
        "# the services of the orders team\n"
        f"{services[0].path}\n"
        "\n"
        "   ../web   \n"  # relative to the file's folder, spaces around it dropped
        f"{services[2].path}  \n"
        "# {services[1].path} is listed once, however often it is named\n"
        f"{services[1].path}/\n"
    )
    listed = _report("json", "--repos-from", str(listing))
    assert listed == _report("json", *_repo_args(services))
    assert [r["name"] for r in json.loads(listed)["repositories"]] == ["repo", "web", "jobs"]


def test_repo_and_repos_from_add_up(services: list[Repo], tmp_path: Path) -> None:
    listing = tmp_path / "more.txt"
    listing.write_text(f"{services[1].path}\n{services[2].path}\n")
    both = _report("json", "--repo", str(services[0].path), "--repos-from", str(listing))
    assert both == _report("json", *_repo_args(services))


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        pytest.param("missing", "no such directory", id="missing"),
        pytest.param("plain", "not a git repository", id="not-a-repository"),
        pytest.param("a-file.txt", "no such directory", id="a-file"),
    ],
)
def test_a_line_that_names_no_repository_is_exit_4_naming_it(
    services: list[Repo], tmp_path: Path, line: str, reason: str
) -> None:
    (tmp_path / "plain").mkdir()
    (tmp_path / "a-file.txt").write_text("x\n")
    listing = tmp_path / "services.txt"
    listing.write_text(f"{services[0].path}\n# a comment\n\n{line}\n")
    result = run_commitguard("report", "--repos-from", str(listing), env=ENV)
    assert result.returncode == 4, result.stderr
    assert f"{listing}:4: {line}: {reason}" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unreadable_or_empty_list_is_a_usage_error(tmp_path: Path) -> None:
    missing = run_commitguard("report", "--repos-from", str(tmp_path / "none.txt"), env=ENV)
    assert missing.returncode == 2
    assert "none.txt: cannot be read" in missing.stderr
    empty = tmp_path / "empty.txt"
    empty.write_text("# nothing yet\n\n")
    result = run_commitguard("report", "--repos-from", str(empty), env=ENV)
    assert result.returncode == 2
    assert "empty.txt: names no repository" in result.stderr


def test_jobs_must_be_positive(services: list[Repo]) -> None:
    result = run_commitguard("report", "--jobs", "0", *_repo_args(services), env=ENV)
    assert result.returncode == 2
    assert "--jobs" in result.stderr


def test_a_worker_failure_is_the_same_error_as_in_sequence(services: list[Repo]) -> None:
    services[1].write(".commitguard.yaml", "report:\n  bot: [ci]\n")
    runs = [
        run_commitguard("report", *WINDOW, *_repo_args(services), "--jobs", jobs, env=ENV)
        for jobs in ("1", "3")
    ]
    for result in runs:
        assert result.returncode == 3, result.stderr
        assert "report.bot" in result.stderr
        assert "did you mean 'bots'" in result.stderr  # the hint crosses the process too
        assert "Traceback" not in result.stderr
    assert runs[0].stderr == runs[1].stderr


def test_the_same_repository_twice_is_counted_once(services: list[Repo]) -> None:
    twice = [*_repo_args(services[:2]), "--repo", str(services[0].path / "src")]
    for jobs in ("1", "2"):
        data = json.loads(_report("json", *twice, "--jobs", jobs))
        assert [r["name"] for r in data["repositories"]] == ["repo", "web"], jobs


def test_combine_adds_up_every_field_of_a_report() -> None:
    # A field added to Report must be added up by combine() too, or the parallel
    # report would silently drop it.
    moment = datetime.fromisoformat("2026-01-05T00:00:00+00:00")
    assert set(vars(Report(Window(moment, moment), {}))) == COMBINED


def test_a_hostile_line_is_escaped_in_the_error(tmp_path: Path) -> None:
    listing = tmp_path / "services.txt"
    listing.write_bytes(b"\x1b]0;owned\x07\x1b[2Jgone\n")
    result = run_commitguard("report", "--repos-from", str(listing), env=ENV)
    assert result.returncode == 4, result.stderr
    assert f"{listing}:1: " in result.stderr
    assert "\x1b" not in result.stderr
    assert "\x07" not in result.stderr


def test_a_quiet_repository_is_listed_with_its_zeros(services: list[Repo], tmp_path: Path) -> None:
    quiet = _another(tmp_path, "quiet")
    commit(quiet, ADA, "2024-03-01", "feat(old): long ago", old_txt="o\n")
    repos = [services[1], quiet, services[2]]
    for jobs in ("1", "3"):
        data = json.loads(_report("json", *_repo_args(repos), "--jobs", jobs))
        listed = {r["name"]: r["commits"] for r in data["repositories"]}
        assert list(listed) == ["web", "quiet", "jobs"], jobs
        assert listed["quiet"] == 0, jobs
    for fmt in ("table", "markdown", "html"):
        assert "quiet" in _report(fmt, *_repo_args(repos)), fmt
    # Two repositories, one of them quiet: the table of repositories is still shown.
    pair = _report("markdown", *_repo_args([services[2], quiet]))
    assert "| quiet | 0 | 0 | 0 of 0" in pair


def test_bare_repositories_are_named_by_their_folder(services: list[Repo], tmp_path: Path) -> None:
    bare = []
    for each in services[1:]:
        target = tmp_path / f"{each.path.name}.git"
        each.git("clone", "-q", "--bare", str(each.path), str(target))
        bare.append(str(target))
    worked = json.loads(_report("json", *_repo_args(services[1:])))
    for jobs in ("1", "2"):
        data = json.loads(_report("json", "--repo", bare[0], "--repo", bare[1], "--jobs", jobs))
        named = {r["name"]: r["commits"] for r in data["repositories"]}
        assert named == {f"{r['name']}.git": r["commits"] for r in worked["repositories"]}
