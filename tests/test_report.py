"""`commitguard report` over a real repository, every figure checked against git itself.

The history (pinned dates and identities, author date = committer date) holds what a
team's two weeks hold: a .mailmap that merges two addresses, a bot, a co-author, a
merge, a revert, a rename, a binary file, a lockfile, a migration, security fixes with
and without their impact, a breaking change, a header that breaks the standard, and
an identity that looks like another. Expected numbers come from independent git
commands (`git shortlog -sne`, `git log --numstat`, `git rev-list --count`), never from
the code under test.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest

from commitguard.commands.report import build, render_report
from commitguard.output import Painter
from commitguard.report.window import resolve
from tests.helpers import Histories, JsonObject, Repo, run_commitguard

SINCE = "2026-01-05T00:00:00+00:00"
UNTIL = "2026-01-19T00:00:00+00:00"
WINDOW = ("--since", SINCE, "--until", UNTIL)
GIT_WINDOW = (f"--since={SINCE}", f"--until={UNTIL}")
PREVIOUS = ("--since=2025-12-22T00:00:00+00:00", f"--until={SINCE}")
ENV = {"TZ": "UTC", "NO_COLOR": "1", "COLUMNS": "100"}

ADA = ("Ada Lovelace", "ada@example.com")
ADA_OLD = ("Ada L", "ada@old.example.com")  # merged into ADA by .mailmap
GRACE = ("Grace Hopper", "grace@example.com")
GRACE_ALIKE = ("grace hopper", "grace@navy.example.mil")  # not merged: a look-alike
LINUS = ("Linus Torvalds", "linus@example.com")
BOT = ("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com")
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x00\x00\x00"


def as_(who: tuple[str, str], day: str) -> dict[str, str]:
    stamp = f"{day}T10:00:00+00:00"
    return {
        "GIT_AUTHOR_NAME": who[0],
        "GIT_AUTHOR_EMAIL": who[1],
        "GIT_COMMITTER_NAME": who[0],
        "GIT_COMMITTER_EMAIL": who[1],
        "GIT_AUTHOR_DATE": stamp,
        "GIT_COMMITTER_DATE": stamp,
    }


def commit(repo: Repo, who: tuple[str, str], day: str, message: str, **files: str | bytes) -> str:
    # Keyword arguments spell paths: src__orders__api_py is src/orders/api.py.
    paths = {
        key if "." in key else ".".join(key.replace("__", "/").rsplit("_", 1)): content
        for key, content in files.items()
    }
    return repo.record(message, paths, who=who, date=f"{day}T10:00:00+00:00")


def build_history(repo: Repo) -> None:
    # The previous window: two commits, for the deltas.
    commit(
        repo, ADA, "2025-12-28", "feat(orders): add the order model", src__orders__model_py="a\nb\n"
    )
    commit(repo, GRACE, "2025-12-30", "fix(billing): round totals", src__billing__total_py="1\n")
    # The window.
    commit(
        repo,
        ADA,
        "2026-01-05",
        "chore(repo): map identities",
        **{".mailmap": "Ada Lovelace <ada@example.com> <ada@old.example.com>\n"},
    )
    commit(
        repo,
        ADA,
        "2026-01-06",
        "feat(orders): add GET /api/orders",
        src__orders__api_py="1\n2\n3\n4\n5\n",
    )
    commit(
        repo,
        ADA_OLD,
        "2026-01-07",
        "fix(auth): patch JWT validation vulnerability",
        src__auth__jwt_py="check\n",
    )
    commit(
        repo,
        GRACE,
        "2026-01-08",
        "feat(billing)!: drop legacy invoices\n\nOld invoices go.\n\n"
        "BREAKING CHANGE: /api/invoices/legacy is gone\n"
        "Co-authored-by: Ada Lovelace <ada@example.com>",
        src__billing__invoice_py="x\ny\nz\n",
    )
    commit(
        repo,
        GRACE,
        "2026-01-09",
        "feat(db): add the orders table",
        db__migrations__001_orders_sql="CREATE TABLE orders (id int);\n",
    )
    stuff = commit(repo, GRACE, "2026-01-09", "Update stuff", notes_txt="n\n")
    commit(
        repo,
        LINUS,
        "2026-01-10",
        "chore(assets): add the logo and lock dependencies",
        assets__logo_png=PNG,
        **{"package-lock.json": "{\n" + '  "x": 1,\n' * 40 + "}\n"},
    )
    repo.git("mv", "src/orders/api.py", "src/orders/http.py")
    repo.write("src/orders/http.py", "1\n2\n3\n4\n5\n6\n")
    repo.git("add", "-A")
    commit(repo, LINUS, "2026-01-11", "refactor(orders): rename the api module")
    commit(
        repo,
        LINUS,
        "2026-01-11",
        "feat(orders): add the order status",
        db__migrations__002_status_sql="ALTER TABLE orders ADD status text;\n",
        src__orders__status_py="NEW = 1\n",
    )
    repo.git("revert", "--no-edit", stuff, env=as_(GRACE, "2026-01-12"))
    commit(repo, BOT, "2026-01-12", "chore(deps): bump lodash", package_json='{"lodash": "4"}\n')
    repo.git("checkout", "-q", "-b", "feature", env=as_(LINUS, "2026-01-13"))
    commit(
        repo,
        LINUS,
        "2026-01-13",
        "test(orders): cover the order model",
        tests__test_orders_py="ok\n",
    )
    repo.git("checkout", "-q", "main")
    commit(
        repo,
        GRACE,
        "2026-01-14",
        "fix(session): rotate session keys\n\nSessions could be replayed.\n\n"
        "Impact: High\nAffects: every signed-in session",
        src__session__keys_py="rotate\n",
    )
    repo.git(
        "merge",
        "-q",
        "--no-ff",
        "-m",
        "Merge branch 'feature'",
        "feature",
        env=as_(ADA, "2026-01-15"),
    )
    commit(repo, GRACE_ALIKE, "2026-01-16", "docs(readme): explain orders", README_md="orders\n")
    # After the window: never counted.
    commit(repo, ADA, "2026-01-20", "feat(orders): add paging", src__orders__page_py="p\n")


@pytest.fixture
def history(repo: Repo, histories: Histories) -> Repo:
    return histories.copy(build_history, repo)


def report_json(repo: Repo, *args: str) -> JsonObject:
    result = run_commitguard("report", *WINDOW, "--format", "json", *args, cwd=repo.path, env=ENV)
    assert result.returncode == 0, result.stderr
    data: JsonObject = json.loads(result.stdout)
    return data


def git_lines(repo: Repo, *args: str) -> list[str]:
    return [line for line in repo.git(*args).stdout.splitlines() if line.strip()]


def authors(data: JsonObject) -> dict[str, JsonObject]:
    listed = data["authors"]
    assert isinstance(listed, list)
    return {f"{a['name']} <{a['email']}>": a for a in listed}


def numstat(repo: Repo, *window: str) -> dict[str, tuple[int, int]]:
    """Lines per mailmapped author from `git log --numstat`, lockfile and binaries out."""
    totals: dict[str, list[int]] = {}
    who = ""
    for line in git_lines(repo, "log", "--no-merges", "--format=@%aN <%aE>", "--numstat", *window):
        if line.startswith("@"):
            who = line[1:]
            totals.setdefault(who, [0, 0])
            continue
        added, deleted, path = line.split("\t", 2)
        if added == "-" or path.endswith("package-lock.json"):
            continue
        totals[who][0] += int(added)
        totals[who][1] += int(deleted)
    return {who: (a, d) for who, (a, d) in totals.items()}


def test_commits_per_person_match_git_shortlog(history: Repo) -> None:
    data = report_json(history)
    shortlog = {
        line.split("\t", 1)[1]: int(line.split("\t", 1)[0])
        for line in git_lines(history, "shortlog", "-sne", "--no-merges", *GIT_WINDOW, "HEAD")
    }
    bot = f"{BOT[0]} <{BOT[1]}>"
    assert bot in shortlog
    people = {name: shortlog[name] for name in shortlog if name != bot}
    assert {name: a["commits"] for name, a in authors(data).items() if a["commits"]} == people
    # The .mailmap merged Ada's two addresses: one row, both addresses listed.
    ada = authors(data)["Ada Lovelace <ada@example.com>"]
    assert ada["emails"] == ["ada@example.com", "ada@old.example.com"]


def test_totals_match_git_rev_list_and_numstat(history: Repo) -> None:
    data = report_json(history)
    totals = data["totals"]
    assert isinstance(totals, dict)
    no_merges = int(history.git("rev-list", "--count", "--no-merges", *GIT_WINDOW, "HEAD").stdout)
    bots = int(
        history.git(
            "rev-list", "--count", "--no-merges", "--author=dependabot", *GIT_WINDOW, "HEAD"
        ).stdout
    )
    merges = int(history.git("rev-list", "--count", "--merges", *GIT_WINDOW, "HEAD").stdout)
    assert totals["commits"] == no_merges - bots == 13
    assert data["merges_excluded"] == merges == 1
    assert data["bots_excluded"] == [{"name": BOT[0], "email": BOT[1], "commits": bots}]
    lines = numstat(history, *GIT_WINDOW)
    lines.pop(f"{BOT[0]} <{BOT[1]}>")
    assert totals["insertions"] == sum(a for a, _ in lines.values())
    assert totals["deletions"] == sum(d for _, d in lines.values())
    for name, person in authors(data).items():
        assert (person["insertions"], person["deletions"]) == lines.get(name, (0, 0)), name
    # The lockfile's lines are left out, and said to be.
    lockfile = git_lines(history, "log", "--numstat", "--format=", "-1", "--", "package-lock.json")
    added = int(lockfile[0].split("\t")[0])
    assert data["lines_excluded"] == [
        {"pattern": "package-lock.json", "files": 1, "insertions": added, "deletions": 0}
    ]
    assert totals["binary_files"] == 1


def test_previous_window_gives_the_deltas(history: Repo) -> None:
    data = report_json(history)
    previous = data["previous"]
    assert isinstance(previous, dict)
    count = int(history.git("rev-list", "--count", "--no-merges", *PREVIOUS, "HEAD").stdout)
    assert previous["commits"] == count == 2
    assert previous["engineers"] == 2
    lines = numstat(history, *PREVIOUS)
    assert previous["insertions"] == sum(a for a, _ in lines.values())
    assert data["window"]["previous"] == {
        "since": "2025-12-22T00:00:00+00:00",
        "until": SINCE,
    }


def test_active_days_types_and_scopes_match_git_log(history: Repo) -> None:
    data = report_json(history)
    days: dict[str, set[str]] = {}
    types: dict[str, Counter[str]] = {}
    header = re.compile(r"(\w+)(?:\(([^)]*)\))?!?: ")
    for line in git_lines(
        history, "log", "--no-merges", "--format=%aN <%aE>\t%ad\t%s", "--date=short", *GIT_WINDOW
    ):
        who, day, subject = line.split("\t", 2)
        days.setdefault(who, set()).add(day)
        match = header.match(subject)
        kind = match[1] if match else ("revert" if subject.startswith("Revert") else "other")
        types.setdefault(who, Counter())[kind] += 1
    for name, person in authors(data).items():
        if not person["commits"]:
            continue
        assert person["active_days"] == len(days[name]), name
        assert person["types"] == dict(types[name]), name
    assert authors(data)["Ada Lovelace <ada@example.com>"]["scopes"] == {
        "auth": 1,
        "orders": 1,
        "repo": 1,
    }


def test_conformance_and_attention_agree_with_check(history: Repo) -> None:
    # Two messages in the shape of git's reverts that revert nothing they name: one
    # cites a commit whose header is another, one a sha this history does not have.
    # `check` judges both; so must the report, beside the genuine revert it exempts.
    orders = git_lines(history, "log", "--format=%H", "--grep=add GET /api/orders")[0]
    borrowed = commit(
        history,
        LINUS,
        "2026-01-17",
        f'Revert "fix(orders): drop the cache"\n\nThis reverts commit {orders}.',
        src__orders__cache_py="c\n",
    )
    missing = commit(
        history,
        LINUS,
        "2026-01-18",
        f'Revert "feat(orders): add a cache"\n\nThis reverts commit {"0123abcd" * 5}.',
        src__orders__cache_py="d\n",
    )
    data = report_json(history)
    first = git_lines(history, "rev-list", "--reverse", *GIT_WINDOW, "HEAD")[0]
    checked = run_commitguard("check", f"{first}^..HEAD", "--format", "json", cwd=history.path)
    failing = {
        c["sha"]
        for c in json.loads(checked.stdout)["commits"]
        if any(v["severity"] == "error" for v in c["violations"])
    }
    attention = data["needs_attention"]
    assert isinstance(attention, list)
    assert {item["sha"] for item in attention} == failing
    assert {borrowed, missing} <= failing
    totals = data["totals"]
    assert isinstance(totals, dict)
    assert totals["conventional"] == totals["commits"] - len(failing)
    assert totals["reverts"] == 1  # git's own, which names what it reverts
    # Undocumented security fixes come first.
    assert attention[0]["header"] == "fix(auth): patch JWT validation vulnerability"
    assert attention[0]["undocumented_security_fix"] is True
    assert attention[0]["author"] == {"name": ADA[0], "email": ADA[1]}
    assert {"header-format"} <= {rule for item in attention for rule in item["rules"]}


def test_a_declared_no_impact_is_counted_apart_and_listed_by_check(history: Repo) -> None:
    commit(
        history,
        LINUS,
        "2026-01-18",
        "fix(auth): stop the login redirect loop\n\nThe return URL pointed at itself.\n\n"
        "Impact: None",
        src__auth__login_py="next = '/home'\n",
    )
    totals = report_json(history)["totals"]
    assert isinstance(totals, dict)
    assert totals["security_fixes"] == 3
    assert totals["security_no_impact"] == 1
    assert totals["security"] == {
        "documented": 1,
        "undocumented": 1,
        "no_impact": 1,
        "impact": {"High": 1, "None": 1, "unknown": 1},
    }
    table = run_commitguard("report", *WINDOW, cwd=history.path, env=ENV)
    assert "1 declared no impact" in table.stdout
    checked = run_commitguard("check", "HEAD~1..HEAD", "--format", "json", cwd=history.path)
    assert checked.returncode == 0, checked.stdout  # a warning: the claim is shown, not refused
    [found] = json.loads(checked.stdout)["commits"]
    assert [(v["rule"], v["severity"]) for v in found["violations"]] == [
        ("security-no-impact", "warning")
    ]


def test_security_migrations_breaking_reverts_and_co_authors(history: Repo) -> None:
    data = report_json(history)
    totals = data["totals"]
    assert isinstance(totals, dict)
    assert totals["security_fixes"] == 2
    assert totals["security"] == {
        "documented": 1,
        "undocumented": 1,
        "no_impact": 0,
        "impact": {"High": 1, "unknown": 1},
    }
    assert (totals["migrations"], totals["migrations_separate"]) == (2, 1)
    migrations = git_lines(history, "log", "--format=%H", *GIT_WINDOW, "--", "db/migrations")
    assert totals["migrations"] == len(migrations)
    linus = authors(data)["Linus Torvalds <linus@example.com>"]
    assert (linus["migrations"], linus["migrations_mixed"]) == (1, 1)
    assert totals["breaking"] == 1
    reverts = int(history.git("rev-list", "--count", "--grep=^Revert", *GIT_WINDOW, "HEAD").stdout)
    assert totals["reverts"] == reverts == 1
    ada = authors(data)["Ada Lovelace <ada@example.com>"]
    co_authored = git_lines(
        history, "log", "--format=%H", "--grep=Co-authored-by: Ada", *GIT_WINDOW
    )
    assert ada["co_authored"] == len(co_authored) == 1
    grace = authors(data)["Grace Hopper <grace@example.com>"]
    assert grace["breaking"] == 1
    assert grace["security"]["impact"] == {"High": 1}


def test_look_alike_identities_are_listed_not_merged(history: Repo) -> None:
    data = report_json(history)
    assert data["look_alikes"] == [
        [
            {"name": "Grace Hopper", "email": "grace@example.com"},
            {"name": "grace hopper", "email": "grace@navy.example.mil"},
        ]
    ]
    assert "grace hopper <grace@navy.example.mil>" in authors(data)


def test_aliases_from_the_configuration_merge_people(history: Repo) -> None:
    history.write(
        ".commitguard.yaml",
        'report:\n  aliases:\n    "Grace Hopper <grace@example.com>": [grace@navy.example.mil]\n',
    )
    data = report_json(history)
    grace = authors(data)["Grace Hopper <grace@example.com>"]
    assert grace["emails"] == ["grace@example.com", "grace@navy.example.mil"]
    assert data["look_alikes"] == []


def test_include_bots_counts_them(history: Repo) -> None:
    data = report_json(history, "--include-bots")
    assert data["bots_excluded"] == []
    assert authors(data)[f"{BOT[0]} <{BOT[1]}>"]["commits"] == 1


def test_author_path_and_committer_date_narrow_the_report(history: Repo) -> None:
    data = report_json(history, "--author", "linus")
    assert list(authors(data)) == ["Linus Torvalds <linus@example.com>"]
    data = report_json(history, "--path", "src/billing")
    assert data["totals"]["commits"] == 1
    expected = git_lines(history, "log", "--numstat", "--format=", *GIT_WINDOW, "--", "src/billing")
    assert data["totals"]["insertions"] == sum(int(x.split()[0]) for x in expected)
    assert report_json(history, "--date", "committer")["window"]["date"] == "committer"


def test_all_branches(history: Repo) -> None:
    commit(history, LINUS, "2026-01-17", "feat(orders): work in progress")  # on main
    history.git("checkout", "-q", "-b", "side", "HEAD~1")
    commit(history, LINUS, "2026-01-17", "feat(orders): side work", side_py="s\n")
    history.git("checkout", "-q", "main")
    head = report_json(history)["totals"]["commits"]
    every = report_json(history, "--all")["totals"]["commits"]
    count = (
        int(history.git("rev-list", "--count", "--no-merges", "--all", *GIT_WINDOW).stdout) - 1
    )  # the bot
    assert every == count == head + 1


def test_several_repositories_make_one_report(history: Repo, tmp_path: Path) -> None:
    other = Repo(tmp_path / "other")
    other.path.mkdir()
    other.git("init", "-q")
    commit(other, ADA, "2026-01-10", "feat(web): add the page", page_html="<p>\n")
    result = run_commitguard(
        "report",
        *WINDOW,
        "--format",
        "json",
        "--repo",
        str(history.path),
        "--repo",
        str(other.path),
        env=ENV,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [(r["name"], r["commits"]) for r in data["repositories"]] == [("repo", 13), ("other", 1)]
    assert authors(data)["Ada Lovelace <ada@example.com>"]["commits"] == 4


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        pytest.param(("--since", "3m"), 2, "minutes or months", id="ambiguous-unit"),
        pytest.param(("--since", "soon"), 2, "neither a duration nor a date", id="not-a-date"),
        pytest.param(("--since", "2026-02-01", "--until", "2026-01-01"), 2, "empty", id="empty"),
        pytest.param(("--rev", "nope"), 4, "unknown revision", id="unknown-revision"),
        pytest.param(("--format", "xml"), 2, "xml", id="unknown-format"),
    ],
)
def test_usage_and_git_errors(
    history: Repo, args: tuple[str, ...], code: int, message: str
) -> None:
    result = run_commitguard("report", *args, cwd=history.path, env=ENV)
    assert result.returncode == code, result.stderr
    assert message in result.stderr


def test_outside_a_repository_is_a_git_error(tmp_path: Path) -> None:
    result = run_commitguard("report", cwd=tmp_path, env=ENV)
    assert result.returncode == 4
    assert "not a git repository" in result.stderr


def test_a_bad_report_setting_is_a_configuration_error(history: Repo) -> None:
    history.write(".commitguard.yaml", "report:\n  bot: [ci]\n")
    result = run_commitguard("report", cwd=history.path, env=ENV)
    assert result.returncode == 3
    assert "report.bot" in result.stderr
    assert "did you mean 'bots'" in result.stderr


def test_exit_zero_unless_asked_to_fail_on_violations(history: Repo) -> None:
    assert run_commitguard("report", *WINDOW, cwd=history.path, env=ENV).returncode == 0
    failing = run_commitguard("report", *WINDOW, "--fail-on-violations", cwd=history.path, env=ENV)
    assert failing.returncode == 1


def test_output_file(history: Repo, tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    result = run_commitguard(
        "report",
        *WINDOW,
        "--format",
        "markdown",
        "--output",
        str(target),
        cwd=history.path,
        env=ENV,
    )
    assert result.returncode == 0
    assert str(target) in result.stdout
    assert target.read_text().startswith("## commitguard report")


def test_a_window_reaching_before_1970_reads_the_whole_history(history: Repo) -> None:
    # git reads a --since before 1970 as "nothing": the report must not pass one on.
    result = run_commitguard(
        "report", "--since", "1970-01-02", "--format", "json", cwd=history.path, env=ENV
    )
    data = json.loads(result.stdout)
    count = int(history.git("rev-list", "--count", "--no-merges", "HEAD").stdout)
    assert data["totals"]["commits"] == count - 1  # the bot


def test_an_output_file_that_cannot_be_written_is_a_usage_error(history: Repo) -> None:
    target = history.path / "missing" / "report.json"
    result = run_commitguard("report", "--output", str(target), cwd=history.path, env=ENV)
    assert result.returncode == 2
    assert "cannot be written" in result.stderr


def test_a_short_window_stops_walking_the_history_early(repo: Repo) -> None:
    # The oldest commit's object is deleted: a report that walked the whole history
    # would make git fail (exit 4); one that stops at the previous window never sees it.
    for day in range(1, 21):
        commit(repo, ADA, f"2020-01-{day:02}", f"feat(old): change {day}", **{f"old{day}.txt": "o"})
    commit(repo, ADA, "2026-01-10", "feat(orders): recent work", recent_txt="r\n")
    root = repo.git("rev-list", "--max-parents=0", "HEAD").stdout.strip()
    (repo.git_dir / "objects" / root[:2] / root[2:]).unlink()
    assert repo.git("log", "--format=%H", "HEAD", check=False).returncode != 0
    data = report_json(repo)
    assert data["totals"]["commits"] == 1
    whole = run_commitguard("report", "--since", "1970-01-02", cwd=repo.path, env=ENV)
    assert whole.returncode == 4, whole.stderr


# What a lead reading the report would trip on (issue 14): each over a real repository.

MARGARET = ("Margaret Hamilton", "margaret@example.com")  # only ever a co-author


def report_text(repo: Repo, fmt: str, *args: str) -> str:
    result = run_commitguard("report", *WINDOW, "--format", fmt, *args, cwd=repo.path, env=ENV)
    assert result.returncode == 0, result.stderr
    return result.stdout


def html_change(page: str, label: str) -> tuple[str, str]:
    """The class and the text of a team row's change in the HTML report."""
    row = re.search(rf'<tr><td>{label}</td><td>[^<]*</td><td class="num (\w+)">([^<]*)<', page)
    assert row is not None, label
    return row[1], row[2]


def test_changes_are_coloured_by_what_they_mean(history: Repo) -> None:
    # Against the previous window: one more undocumented security fix and one more
    # migration mixed with code (bad news), 11 more commits (neither), fewer commits
    # following the standard (bad news).
    page = report_text(history, "html")
    assert html_change(page, "Undocumented security fixes") == ("worse", "+1")
    assert html_change(page, "Migrations mixed with code") == ("worse", "+1")
    assert html_change(page, "Commits") == ("dim", "+11")
    assert html_change(page, "Follow the standard") == ("worse", "−23 pts")
    painted = render_report(
        build(
            resolve(SINCE, UNTIL, datetime.fromisoformat(UNTIL)), [str(history.path)], revisions=[]
        ),
        "table",
        Painter(True),
        100,
    )
    mixed = next(line for line in painted.splitlines() if "Migrations mixed" in line)
    assert Painter(True)("error", f"{'+1':>9}") in mixed


def test_no_change_is_shown_against_an_empty_previous_window(repo: Repo) -> None:
    commit(repo, ADA, "2026-01-06", "feat(orders): add the order model", model_py="a\n")
    commit(repo, ADA, "2026-01-07", "Update stuff", notes_txt="n\n")
    assert git_lines(repo, "log", "--format=%H", *PREVIOUS) == []
    for fmt in ("table", "markdown", "html"):
        text = report_text(repo, fmt)
        assert "pts" not in text, fmt
        assert "no commits in the previous window" in text, fmt
    table = report_text(repo, "table").splitlines()
    assert next(line for line in table if "Commits" in line).split() == ["Commits", "2"]
    assert html_change(report_text(repo, "html"), "Commits") == ("dim", "")
    markdown = report_text(repo, "markdown")
    assert "| Commits | 2 |  |" in markdown
    data = report_json(repo)
    assert data["previous"]["commits"] == 0


def test_one_of_anything_is_singular(repo: Repo, tmp_path: Path) -> None:
    other = Repo(tmp_path / "other")
    other.path.mkdir()
    other.git("init", "-q")
    commit(repo, ADA, "2026-01-06", "feat(orders): add the order model", model_py="a\n")
    commit(other, ADA, "2026-01-07", "feat(web): add the page", page_html="<p>\n")
    both = ("--repo", str(repo.path), "--repo", str(other.path))
    for fmt in ("table", "markdown", "html"):
        text = report_text(repo, fmt, *both)
        for plural in ("1 commits", "1 engineers", "1 active days", "1 changes"):
            assert plural not in text, (fmt, plural)
    assert "1 commit, 1 engineer," in report_text(repo, "table", *both)
    assert "2026-01-06: 1 commit<" in report_text(repo, "html")


def test_an_unknown_impact_says_it_is_the_impact(history: Repo) -> None:
    for fmt in ("table", "markdown", "html"):
        text = report_text(history, fmt)
        rows = [line for line in text.splitlines() if "unknown 1" in line]
        assert rows, fmt
        for row in rows:  # labelled as the impact, on the team's row and Ada's
            assert re.search(r"(by impact|impact)\W.*unknown 1", row), (fmt, row)


def _co_authored_by_margaret(repo: Repo) -> None:
    commit(
        repo,
        GRACE,
        "2026-01-16",
        "fix(billing): round refunds\n\nCo-authored-by: Margaret Hamilton <margaret@example.com>",
        src__billing__refund_py="r\n",
    )


def test_co_authored_totals_add_up_the_people(history: Repo, tmp_path: Path) -> None:
    _co_authored_by_margaret(history)
    other = Repo(tmp_path / "other")
    other.path.mkdir()
    other.git("init", "-q")
    commit(
        other,
        LINUS,
        "2026-01-10",
        "feat(web): add the page\n\nCo-authored-by: " + "Ada Lovelace <ada@example.com>",
        page_html="<p>\n",
    )
    credited = 0
    for each in (history, other):
        credited += len(
            git_lines(each, "log", "--format=%H", "--grep=Co-authored-by:", *GIT_WINDOW)
        )
    data = report_json(history, "--repo", str(history.path), "--repo", str(other.path))
    people = authors(data)
    assert sum(person["co_authored"] for person in people.values()) == credited == 3
    assert data["totals"]["co_authored"] == credited
    assert {r["name"]: r["co_authored"] for r in data["repositories"]} == {"repo": 2, "other": 1}
    single = report_json(history)
    assert single["totals"]["co_authored"] == 2
    assert single["repositories"][0]["co_authored"] == 2


def test_the_previous_window_counts_its_co_authors_too(history: Repo) -> None:
    """`previous.co_authored` compares with `totals.co_authored`: it was always 0, the
    previous window's trailers never read, while its people's commits were counted."""
    commit(
        history,
        GRACE,
        "2025-12-31",
        "fix(billing): round credits\n\nCo-authored-by: Margaret Hamilton <margaret@example.com>"
        "\nCo-authored-by: Grace Hopper <grace@example.com>",  # herself: not credited
        src__billing__credit_py="c\n",
    )
    _co_authored_by_margaret(history)
    before = git_lines(history, "log", "--format=%H", "--grep=Co-authored-by: Margaret", *PREVIOUS)
    data = report_json(history)
    assert data["previous"]["co_authored"] == len(before) == 1
    assert data["previous"]["commits"] == 3  # the two before, and this one
    assert data["totals"]["co_authored"] == sum(a["co_authored"] for a in data["authors"]) > 0


def test_people_listed_agree_with_the_engineers_counted(history: Repo) -> None:
    _co_authored_by_margaret(history)
    data = report_json(history)
    assert data["totals"]["engineers"] == 4  # who committed
    assert len(data["authors"]) == 5  # and Margaret, who only co-authored
    assert authors(data)[f"{MARGARET[0]} <{MARGARET[1]}>"]["commits"] == 0
    for fmt in ("table", "markdown", "html"):
        text = report_text(history, fmt)
        assert "Per engineer (5, of whom 1 only co-authored" in text, fmt
