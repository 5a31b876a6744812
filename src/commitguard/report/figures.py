"""Every figure of `commitguard report`, declared once.

A figure says how a commit adds to it, how it is shown, and where: the team summary
with its change against the previous window, each person's heading or table, the JSON
and the CSV. The aggregator and every format iterate FIGURES, so a new figure is one
entry here (and its test); the formats and the aggregator do not change. The order of
FIGURES is the order of the rows, the columns and the JSON keys in every format.
A spreadsheet reads CSV columns by position: a new figure with a CSV column goes at
the end, never between published ones.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import Enum

from commitguard.report import wording
from commitguard.report.area_presets import AREAS
from commitguard.report.facts import CommitFacts
from commitguard.report.tally import Tally

IMPACT_ORDER = ("Critical", "High", "Medium", "Low", "None", "unknown")
# The work areas' mixes, counted by the aggregator file by file (report/areas.py says
# which area a path is in): the commits that touch each area, and the lines changed there.
AREA_COMMITS = "area_commits"
AREA_LINES = "area_lines"
Value = int | dict[str, object]  # what JSON and CSV hold: a number, or names to numbers


class Place(Enum):
    TEAM = "a row of the team summary, with its change against the previous window"
    PERSON = "a row of each person's figures"
    JSON = "a key of every tally in the JSON (authors, totals, repositories)"
    CSV = "a column of the CSV"


class Rise(Enum):
    """Whether a rise against the previous window is good news; formats colour by it."""

    NEUTRAL = "neutral"
    BETTER = "better"
    WORSE = "worse"


EVERYWHERE = frozenset(Place)
DATA = frozenset({Place.JSON, Place.CSV})


@dataclass(frozen=True)
class Figure:
    key: str  # the JSON key and the CSV column: never renamed once published
    label: str = ""  # its row in the team summary and in a person's table
    term: str = ""  # its row in the terminal, where labels are at most 10 characters
    places: frozenset[Place] = field(default_factory=frozenset)
    # How one commit adds to it: a number, or names for a mix (types, scopes). Figures
    # with neither are derived from others, or counted by the aggregator (lines).
    adds: Callable[[CommitFacts], int] | None = None
    names: Callable[[CommitFacts], Iterable[str]] | None = None
    value: Callable[[Tally], Value] | None = None  # default: the number or mix counted
    text: Callable[[Tally], str] | None = None  # default: the number, or the mix ranked
    change: Callable[[Tally, Tally], str] | None = None  # default: the value's delta
    brief: Callable[[Tally], str] | None = None  # its phrase in a person's heading
    rise: Rise = Rise.NEUTRAL
    chart: bool = False  # drawn as a bar where a format draws charts
    per_person: bool = True  # False: only for groups of people (totals, repositories)

    @property
    def is_mix(self) -> bool:
        return self.names is not None

    def of(self, tally: Tally) -> Value:
        """The value for JSON and CSV; a mix, most frequent first."""
        if self.value is not None:
            return self.value(tally)
        if self.is_mix:
            return dict(wording.ranked(tally.mix(self.key)))
        return tally.number(self.key)

    def shown(self, tally: Tally) -> str:
        if self.text is not None:
            return self.text(tally)
        if self.is_mix:
            return wording.mix(tally.mix(self.key))
        value = self.of(tally)
        return f"{value:,}" if isinstance(value, int) else str(value)

    def changed(self, now: Tally, before: Tally) -> str:
        """Against the previous window; empty when a change means nothing (a mix)."""
        if self.change is not None:
            return self.change(now, before)
        if self.is_mix:
            return ""
        current, previous = self.of(now), self.of(before)
        assert isinstance(current, int), self.key
        assert isinstance(previous, int), self.key
        return wording.delta(current, previous)


def _security_fixes(tally: Tally) -> int:
    return sum(
        tally.number(name)
        for name in ("security_documented", "security_undocumented", "security_no_impact")
    )


def _impacts(tally: Tally) -> dict[str, int]:
    impacts = tally.mix("impacts")
    return {level: impacts[level] for level in IMPACT_ORDER if impacts[level]}


def _security_text(tally: Tally) -> str:
    fixes = _security_fixes(tally)
    if not fixes:
        return "0"
    no_impact = tally.number("security_no_impact")
    claimed = f", {no_impact} declared no impact" if no_impact else ""
    return (
        f"{fixes} ({tally.number('security_documented')} documented, "
        f"{tally.number('security_undocumented')} not{claimed})"
    )


def _impact_text(tally: Tally) -> str:
    """`High 1, unknown 1`, most severe first: on a row of its own, labelled as the
    impact, since a bare "unknown 1" beside the fixes read as unknown fixes."""
    impacts = _impacts(tally)
    return ", ".join(f"{level} {number}" for level, number in impacts.items()) or "-"


def _migrations_text(tally: Tally) -> str:
    migrations, mixed = tally.number("migrations"), tally.number("migrations_mixed")
    if not migrations:
        return "0"
    return f"{migrations} ({migrations - mixed} separate, {mixed} mixed)"


def areas(tally: Tally) -> dict[str, object]:
    """Every area, in its fixed order, zeros included: a script needs no key checks."""
    commits, changed = tally.mix(AREA_COMMITS), tally.mix(AREA_LINES)
    return {area: {"commits": commits[area], "lines": changed[area]} for area in AREAS}


def ranked_areas(tally: Tally) -> list[tuple[str, int, int]]:
    """(area, lines, commits) of the areas worked in, most lines first, then most
    commits, then the areas' own order: never alphabetical, never by person."""
    commits, changed = tally.mix(AREA_COMMITS), tally.mix(AREA_LINES)
    worked = [(area, changed[area], commits[area]) for area in AREAS if commits[area]]
    return sorted(worked, key=lambda item: (-item[1], -item[2]))


def _in(area: str, key: str) -> Callable[[Tally], Value]:
    """One area's commits or lines, for its CSV column."""
    return lambda tally: tally.mix(key)[area]


def _areas_text(tally: Tally) -> str:
    """`api 62% (1,240 lines, 9 commits), database 38% (...)`: the share of the lines."""
    worked = ranked_areas(tally)
    total = sum(lines for _, lines, _ in worked)
    return (
        ", ".join(
            f"{area} {wording.percent(lines, total)} "
            f"({wording.count(lines, 'line')}, {wording.count(commits, 'commit')})"
            for area, lines, commits in worked
        )
        or "-"
    )


def conformance(tally: Tally) -> str:
    """`10 of 13 (77%)`: the commits that follow the standard."""
    conforming, commits = tally.number("conventional"), tally.number("commits")
    return f"{conforming:,} of {commits:,} ({wording.percent(conforming, commits)})"


def _rate(tally: Tally) -> float:
    commits = tally.number("commits")
    return 100 * tally.number("conventional") / commits if commits else 0.0


def lines(tally: Tally) -> str:
    return f"+{tally.number('insertions'):,} −{tally.number('deletions'):,}"


FIGURES: tuple[Figure, ...] = (
    Figure(
        "commits",
        "Commits",
        places=EVERYWHERE - {Place.PERSON},
        adds=lambda facts: 1,
        brief=lambda tally: wording.count(tally.number("commits"), "commit"),
    ),
    Figure(
        "co_authored",
        places=DATA,
        # Counted by the aggregator: another author's commit names this person.
        brief=lambda tally: (
            f"{tally.number('co_authored')} co-authored" if tally.number("co_authored") else ""
        ),
    ),
    Figure(
        "engineers",
        "Engineers",
        places=frozenset({Place.TEAM, Place.JSON}),
        value=lambda tally: len(tally.people),
        per_person=False,
    ),
    Figure(
        "active_days",
        places=DATA,
        value=lambda tally: len(tally.days),
        brief=lambda tally: wording.count(len(tally.days), "active day"),
    ),
    Figure(
        "conventional",
        "Follow the standard",
        "standard",
        EVERYWHERE,
        adds=lambda facts: facts.conforming,
        text=conformance,
        change=lambda now, before: wording.points(_rate(now), _rate(before)),
        rise=Rise.BETTER,
    ),
    Figure(
        "types",
        "Types",
        "types",
        EVERYWHERE,
        names=lambda facts: (facts.type,),
        chart=True,
    ),
    Figure(
        "scopes",
        "Top scopes",
        "scopes",
        EVERYWHERE - {Place.TEAM},
        names=lambda facts: facts.scopes,
        text=lambda tally: wording.mix(tally.mix("scopes"), 5),
    ),
    Figure(
        "violations",
        "Rules broken",
        "broke",
        EVERYWHERE - {Place.TEAM},
        names=lambda facts: facts.violation_rules,
    ),
    Figure(
        "migrations",
        "Migrations",
        "migrations",
        EVERYWHERE,
        adds=lambda facts: facts.migration,
        text=_migrations_text,
    ),
    Figure(
        "migrations_mixed",
        "Migrations mixed with code",
        places=DATA | {Place.TEAM},
        adds=lambda facts: facts.mixed,
        rise=Rise.WORSE,
    ),
    Figure(
        "security_fixes",
        "Security fixes",
        "security",
        EVERYWHERE,
        value=_security_fixes,
        text=_security_text,
    ),
    Figure(
        "impacts",
        "Security fixes by impact",
        "impact",
        frozenset({Place.TEAM, Place.PERSON}),
        names=lambda facts: (facts.impact,) if facts.security else (),
        text=_impact_text,
    ),
    Figure(
        "security_undocumented",
        "Undocumented security fixes",
        places=DATA | {Place.TEAM},
        adds=lambda facts: facts.undocumented_security,
        rise=Rise.WORSE,
    ),
    # Counted for the figures above, not shown on their own.
    Figure(
        "security_documented",
        adds=lambda facts: (
            facts.security and not facts.undocumented_security and not facts.no_impact
        ),
    ),
    Figure(
        "security_no_impact",
        "Declared no security impact",
        places=DATA | {Place.TEAM},
        adds=lambda facts: facts.security and facts.no_impact,
    ),
    Figure(
        "security",
        places=frozenset({Place.JSON}),
        value=lambda tally: {
            "documented": tally.number("security_documented"),
            "undocumented": tally.number("security_undocumented"),
            "no_impact": tally.number("security_no_impact"),
            "impact": _impacts(tally),
        },
    ),
    Figure("breaking", "Breaking changes", "breaking", EVERYWHERE, adds=lambda f: f.breaking),
    Figure("reverts", "Reverts", "reverts", EVERYWHERE, adds=lambda f: f.revert, rise=Rise.WORSE),
    # Lines are counted by the aggregator, file by file, outside the excluded paths.
    Figure(
        "insertions",
        "Lines added",
        places=DATA | {Place.TEAM},
        text=lambda tally: f"+{tally.number('insertions'):,}",
    ),
    Figure(
        "deletions",
        "Lines removed",
        places=DATA | {Place.TEAM},
        text=lambda tally: f"−{tally.number('deletions'):,}",
    ),
    Figure("lines", brief=lambda tally: f"{lines(tally)} lines"),
    Figure(
        "migrations_separate",
        places=DATA,
        value=lambda tally: tally.number("migrations") - tally.number("migrations_mixed"),
    ),
    Figure("binary_files", places=DATA),  # changed files with no line counts
    Figure(
        "areas",
        "Work areas (share of lines)",
        "areas",
        frozenset({Place.TEAM, Place.PERSON, Place.JSON}),
        value=areas,
        text=_areas_text,
        change=lambda now, before: "",
    ),
    # The CSV's columns for it, two an area, in the areas' order: `area_api_lines`.
    *(
        Figure(f"area_{area}_{measure}", places=frozenset({Place.CSV}), value=_in(area, key))
        for area in AREAS
        for measure, key in (("commits", AREA_COMMITS), ("lines", AREA_LINES))
    ),
)

COUNTED = tuple(figure for figure in FIGURES if figure.adds or figure.names)


def placed(place: Place, *, person: bool = False) -> tuple[Figure, ...]:
    """The figures shown in one place, in order; `person`: only those a person has."""
    return tuple(
        figure for figure in FIGURES if place in figure.places and (figure.per_person or not person)
    )


def add(tally: Tally, facts: CommitFacts) -> None:
    """What one commit adds to a tally, figure by figure."""
    for figure in COUNTED:
        if figure.adds is not None:
            tally.numbers[figure.key] += figure.adds(facts)
        elif figure.names is not None:
            tally.mixes[figure.key].update(figure.names(facts))


def headline(tally: Tally) -> str:
    """A person's heading: `3 commits · 1 co-authored · 3 active days · +7 −0 lines`."""
    phrases = (figure.brief(tally) for figure in FIGURES if figure.brief is not None)
    return " · ".join(phrase for phrase in phrases if phrase)
