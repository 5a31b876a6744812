"""The pure parts of `commitguard report`: the window, identities, the settings, the
declaration of its figures."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

import pytest

from commitguard.config import load as config
from commitguard.errors import ConfigError, UsageError
from commitguard.formats.report import _common as common
from commitguard.model import Commit, CommitStats
from commitguard.report import figures, people
from commitguard.report.aggregate import Aggregator
from commitguard.report.tally import Tally
from commitguard.report.window import parse, resolve

UTC = timezone.utc
PLUS_ONE = timezone(timedelta(hours=1))
# A Thursday, 31 March: month arithmetic must clamp to the end of February.
NOW = datetime(2026, 3, 31, 15, 30, tzinfo=PLUS_ONE)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("2w", NOW - timedelta(weeks=2), id="weeks"),
        pytest.param("14d", NOW - timedelta(days=14), id="days"),
        pytest.param("36h", NOW - timedelta(hours=36), id="hours"),
        pytest.param("90min", NOW - timedelta(minutes=90), id="minutes"),
        pytest.param("1mo", datetime(2026, 2, 28, 15, 30, tzinfo=PLUS_ONE), id="month-clamped"),
        pytest.param("3 months ago", datetime(2025, 12, 31, 15, 30, tzinfo=PLUS_ONE), id="words"),
        pytest.param("1y", datetime(2025, 3, 31, 15, 30, tzinfo=PLUS_ONE), id="year"),
        pytest.param("2026-01-05", datetime(2026, 1, 5).astimezone(), id="date-is-local-time"),
        pytest.param(
            "2026-01-05T09:30:00Z", datetime(2026, 1, 5, 9, 30, tzinfo=UTC), id="datetime-utc"
        ),
        pytest.param(
            "2026-01-05T09:30+05:30",
            datetime(2026, 1, 5, 4, 0, tzinfo=UTC),
            id="datetime-offset",
        ),
        pytest.param("today", datetime(2026, 3, 31, tzinfo=PLUS_ONE), id="today"),
        pytest.param("yesterday", datetime(2026, 3, 30, tzinfo=PLUS_ONE), id="yesterday"),
        pytest.param("last monday", datetime(2026, 3, 30, tzinfo=PLUS_ONE), id="last-monday"),
        pytest.param(
            "tuesday", datetime(2026, 3, 24, tzinfo=PLUS_ONE), id="weekday-is-before-today"
        ),
    ],
)
def test_window_values_parse(text: str, expected: datetime) -> None:
    parsed = parse(text, NOW, "--since")
    assert parsed == expected
    assert parsed.tzinfo is not None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("3m", "minutes or months", id="m-is-ambiguous"),
        pytest.param("2 fortnights", "unknown unit", id="unknown-unit"),
        pytest.param("next week", "neither a duration nor a date", id="words"),
        pytest.param("2026-13-01", "neither a duration nor a date", id="bad-date"),
    ],
)
def test_window_values_refused(text: str, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        parse(text, NOW, "--since")


def test_since_counts_back_from_until_and_the_previous_window_matches() -> None:
    window = resolve("2w", "2026-01-19T00:00:00+00:00", NOW)
    assert window.since == datetime(2026, 1, 5, tzinfo=UTC)
    assert window.previous_since == datetime(2025, 12, 22, tzinfo=UTC)
    assert window.holds(window.until)
    assert window.held_before(window.previous_since)
    assert not window.held_before(window.since)
    assert len(window.days) == 15


def test_default_window_is_two_weeks_to_now() -> None:
    window = resolve(None, None, NOW)
    assert (window.since, window.until) == (NOW - timedelta(weeks=2), NOW)


def test_an_empty_window_is_refused() -> None:
    with pytest.raises(UsageError, match="empty"):
        resolve("2026-02-01", "2026-01-01", NOW)


DEFAULTS = config.default().report


@pytest.mark.parametrize(
    ("name", "email"),
    [
        pytest.param(
            "dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com", id="app"
        ),
        pytest.param("renovate", "bot@renovateapp.com", id="renovate-name"),
        pytest.param("CI", "github-actions@github.com", id="actions-email"),
        pytest.param("Deploy", "12345+pre-commit-ci@users.noreply.github.com", id="noreply-user"),
    ],
)
def test_bots_are_recognised(name: str, email: str) -> None:
    assert people.is_bot(name, email, DEFAULTS)


def test_configured_bots_and_people_who_are_not_bots() -> None:
    assert not people.is_bot("Ada Lovelace", "ada@example.com", DEFAULTS)
    assert not people.is_bot("Abbot Costello", "abbot@example.com", DEFAULTS)
    custom = config.build({"report": {"bots": ["*@ci.example.com"]}}, "x.yaml").report
    assert people.is_bot("Deployer", "deploy@ci.example.com", custom)


def test_co_authors_are_read_from_trailers() -> None:
    message = (
        "feat(x): y\n\nBody.\n\nCo-authored-by: Ada Lovelace <ada@example.com>\n"
        "co-authored-by: Grace Hopper <grace@example.com>\n"
        "Co-authored-by: Ada Lovelace <ada@example.com>\nCo-authored-by: nobody"
    )
    assert people.co_authors(message) == [
        ("Ada Lovelace", "ada@example.com"),
        ("Grace Hopper", "grace@example.com"),
    ]


@pytest.mark.parametrize(
    ("identities", "groups"),
    [
        pytest.param(
            [("José Fernández", "jose@a.com"), ("Jose Fernandez", "jf@b.com")], 1, id="accents"
        ),
        pytest.param([("Lovelace, Ada", "a@x.com"), ("Ada Lovelace", "b@y.com")], 1, id="order"),
        pytest.param([("Ada", "ada@x.com"), ("A. L.", "ADA@x.com")], 1, id="same-email"),
        pytest.param([("Ada", "ada@x.com"), ("Countess", "ada@y.org")], 1, id="same-user"),
        pytest.param(
            [("Ada", "1+ada@users.noreply.github.com"), ("A", "ada@work.com")], 1, id="github"
        ),
        pytest.param([("Ada", "ada@x.com"), ("Grace", "grace@x.com")], 0, id="different"),
        pytest.param([("Ada", "noreply@x.com"), ("Grace", "noreply@y.com")], 0, id="generic"),
    ],
)
def test_look_alikes(identities: list[tuple[str, str]], groups: int) -> None:
    assert len(people.look_alikes(identities)) == groups


def test_aliases_resolve_by_email_and_by_name() -> None:
    loaded = config.build(
        {"report": {"aliases": {"Ada Lovelace <ada@x.com>": ["ADA@old.com", "Countess"]}}},
        "x.yaml",
    ).report
    assert people.resolve("A", "ada@old.com", loaded) == ("Ada Lovelace", "ada@x.com")
    assert people.resolve("countess", "c@y.com", loaded) == ("Ada Lovelace", "ada@x.com")
    assert people.resolve("Grace", "g@y.com", loaded) == ("Grace", "g@y.com")


@pytest.mark.parametrize(
    ("section", "key"),
    [
        pytest.param({"alias": {}}, "report.alias", id="unknown-key"),
        pytest.param({"aliases": {"Ada": ["a@x"]}}, "report.aliases.Ada", id="alias-key"),
        pytest.param({"aliases": {"Ada <a@x>": "b@x"}}, "report.aliases.Ada <a@x>", id="not-list"),
        pytest.param({"bots": "ci"}, "report.bots", id="bots-text"),
        pytest.param({"exclude-paths": [1]}, "report.exclude-paths[0]", id="path-number"),
        pytest.param({"default-excludes": "no"}, "report.default-excludes", id="not-bool"),
    ],
)
def test_bad_settings_name_the_key(section: dict[str, object], key: str) -> None:
    with pytest.raises(ConfigError) as raised:
        config.build({"report": section}, "x.yaml")
    assert raised.value.key == key


def test_default_excludes_can_be_turned_off() -> None:
    loaded = config.build(
        {"report": {"default-excludes": False, "exclude-paths": ["gen/**"]}}, "x"
    ).report
    assert loaded.exclude_paths == ("gen/**",)
    assert "package-lock.json" in DEFAULTS.exclude_paths


# The figures' declaration: the one place a report figure is written.

# The keys docs/DESIGN.md promises for each author in `report --format json`.
DESIGN_AUTHOR_KEYS = {
    "commits",
    "types",
    "scopes",
    "conventional",
    "migrations",
    "security_fixes",
    "breaking",
    "insertions",
    "deletions",
    "active_days",
    "violations",
}


def test_figure_keys_are_unique_and_the_design_keys_are_declared() -> None:
    keys = [figure.key for figure in figures.FIGURES]
    assert len(keys) == len(set(keys))
    assert all(re.fullmatch(r"[a-z]+(?:_[a-z]+)*", key) for key in keys)
    person_json = {figure.key for figure in figures.placed(figures.Place.JSON, person=True)}
    assert person_json >= DESIGN_AUTHOR_KEYS


def test_every_figure_is_shown_or_counted_for_another() -> None:
    for figure in figures.FIGURES:
        shown = bool(figure.places) or figure.brief is not None
        assert shown or figure.adds or figure.names, figure.key


def test_shown_figures_have_labels_that_fit_the_terminal() -> None:
    for place in (figures.Place.TEAM, figures.Place.PERSON):
        for figure in figures.placed(place):
            assert figure.label, figure.key
    for figure in figures.placed(figures.Place.PERSON):
        assert 0 < len(figure.term) <= 10, figure.key


def _tally(**numbers: int) -> Tally:
    tally = Tally()
    tally.numbers.update(numbers)
    return tally


@pytest.mark.parametrize(
    ("key", "now", "before", "change", "trend"),
    [
        pytest.param("commits", 13, 2, "+11", "neutral", id="more-commits-are-not-better"),
        pytest.param("reverts", 3, 1, "+2", "worse", id="more-reverts"),
        pytest.param("reverts", 0, 2, "−2", "better", id="fewer-reverts"),
        pytest.param(
            "security_undocumented", 1, 0, "+1", "worse", id="an-undocumented-security-fix"
        ),
        pytest.param("breaking", 1, 1, "±0", "neutral", id="no-change"),
    ],
)
def test_a_change_reads_as_good_or_bad_news(
    key: str, now: int, before: int, change: str, trend: str
) -> None:
    figure = next(figure for figure in figures.FIGURES if figure.key == key)
    shown = figure.changed(_tally(**{key: now}), _tally(**{key: before}))
    assert shown == change
    assert common.trend(figure, shown) == trend


def test_the_standard_changes_in_points_and_a_fall_is_bad_news() -> None:
    figure = next(figure for figure in figures.FIGURES if figure.key == "conventional")
    now = _tally(commits=4, conventional=3)  # 75%
    before = _tally(commits=2, conventional=2)  # 100%
    assert figure.shown(now) == "3 of 4 (75%)"
    assert figure.changed(now, before) == "−25 pts"
    assert common.trend(figure, "−25 pts") == "worse"


def test_a_total_sums_every_number_and_mix_of_its_parts() -> None:
    # The sum knows no figure by name: a figure added later is summed too.
    ada, grace = _tally(commits=2, co_authored=1, invented=5), _tally(commits=3, invented=1)
    ada.mixes["types"].update(["feat", "fix"])
    grace.mixes["types"].update(["feat"])
    whole = Tally.total([ada, grace])
    assert dict(whole.numbers) == {"commits": 5, "co_authored": 1, "invented": 6}
    assert whole.mix("types") == {"feat": 2, "fix": 1}
    assert whole.mix("never-counted") == {}
    assert "never-counted" not in whole.mixes


def _stats(sha: str, day: int, message: str) -> CommitStats:
    stamp = f"2026-01-{day:02d}T10:00:00+00:00"
    commit = Commit(sha, ("f" * 40,), "Ada Lovelace", "ada@example.com", stamp, message)
    return CommitStats(commit, stamp, "ada@example.com", ())


def test_reverts_are_settled_with_one_question_and_listed_in_git_order() -> None:
    # git's order, newest first: a revert citing a commit with another header, a commit
    # that breaks the standard, a genuine revert, a revert citing no commit at all.
    target, elsewhere = "a" * 40, "b" * 40
    stream = [
        _stats("1" * 40, 9, f'Revert "feat(orders): add paging"\n\nThis reverts commit {target}.'),
        _stats("2" * 40, 8, "Update stuff"),
        _stats("3" * 40, 7, f'Revert "fix(cart): keep items"\n\nThis reverts commit {target}.'),
        _stats("4" * 40, 6, f'Revert "fix(cart): x"\n\nThis reverts commit {elsewhere}.'),
    ]
    asked: list[set[str]] = []

    def headers(shas: set[str]) -> dict[str, str]:
        asked.append(shas)  # what the shell would ask of one `git cat-file --batch`
        return {target: "fix(cart): keep items"}

    window = resolve("2026-01-05", "2026-01-10T00:00:00+00:00", NOW)
    aggregator = Aggregator(window, {})
    settings = config.default()
    aggregator.use(settings.report, commit_headers=headers)
    for stats in stream:
        aggregator.add(stats, settings, "app")
    assert asked == []  # nothing asked while the stream runs
    made = aggregator.finish()
    assert asked == [{target, elsewhere}]
    assert [item.sha[0] for item in made.attention] == ["1", "2", "4"]
    assert made.totals.number("reverts") == 1
