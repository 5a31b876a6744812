"""Bad input ends in a clear message and a documented exit code: 2 usage, 3
configuration, 4 git. Never a traceback, and never exit 1, which means "violations"."""

from __future__ import annotations

import json
import subprocess

import pytest

from commitguard.errors import EXIT_USAGE
from tests.helpers import Repo, run_commitguard


def assert_clear(result: subprocess.CompletedProcess[str], code: int, *said: str) -> None:
    """Exit `code`, with one `commitguard: error:` block saying each of `said`."""
    output = result.stdout + result.stderr
    assert result.returncode == code, output
    assert "Traceback" not in output
    assert result.stderr.startswith("commitguard: error: "), output
    for words in said:
        assert words in result.stderr


# --- report's window at the ends of the calendar --------------------------------------


@pytest.mark.parametrize("since", ["999999y", "99999999999999999999999d", "9999-12-31T23:00-05:00"])
def test_a_window_beyond_the_calendar_is_a_usage_error(repo: Repo, since: str) -> None:
    repo.record("feat(a): one", {"a.txt": "a\n"})
    result = run_commitguard("report", "--since", since, cwd=repo.path)
    assert_clear(result, EXIT_USAGE, f"--since {since!r}", "years 1 to 9999")


@pytest.mark.parametrize("since", ["1500y", "0001-01-01"])
def test_a_window_from_the_first_years_reports_the_whole_history(repo: Repo, since: str) -> None:
    # The previous window would start before the year 1: it starts there instead.
    repo.record("feat(a): one", {"a.txt": "a\n"})
    result = run_commitguard("report", "--since", since, "--format", "json", cwd=repo.path)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["window"]["previous"]["since"] == "0001-01-01T00:00:00+00:00"
    assert [author["commits"] for author in report["authors"]] == [1]
