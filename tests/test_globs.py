"""The one glob dialect (commitguard.globs): what matches, what is invalid, and that no
glob can make matching slow."""

from __future__ import annotations

import random
import re
import subprocess
import sys
import textwrap

import pytest

from commitguard import globs
from commitguard.config.load import build
from commitguard.migrations.classify import Classifier, Layouts, key_word, words
from commitguard.migrations.files import Files
from commitguard.migrations.presets import MIGRATION, Layout
from commitguard.model import Change
from commitguard.report import people
from commitguard.security.detect import path_reasons

MUST_MATCH = [
    pytest.param("*.md", "README.md", id="bare-name-at-the-root"),
    pytest.param("*.md", "docs/guide/intro.md", id="bare-name-at-any-depth"),
    pytest.param("src/*.py", "src/app.py", id="star-in-one-segment"),
    pytest.param("src/?.py", "src/a.py", id="question-mark-one-char"),
    pytest.param("*", "x", id="star-alone"),
    pytest.param("a*", "a", id="star-matches-nothing"),
    pytest.param("*a*a*b", "xaaxab", id="stars-and-pieces"),
    pytest.param("a**b", "axyb", id="double-star-inside-a-segment-is-a-star"),
    pytest.param("**/auth/**", "auth/login.py", id="double-star-spans-no-segment"),
    pytest.param("**/auth/**", "a/b/auth/c/d.py", id="double-star-spans-segments"),
    pytest.param("src/**", "src/a/b/c.py", id="trailing-double-star"),
    pytest.param("src/**/x.py", "src/x.py", id="middle-double-star-none"),
    pytest.param("src/**/x.py", "src/a/b/x.py", id="middle-double-star-some"),
    pytest.param("**/**/**/x", "x", id="double-stars-collapse"),
    pytest.param("**/a/**/b/**/c", "z/a/a/b/a/c", id="runs-in-order"),
    pytest.param("[0-9]*.py", "0001_init.py", id="class-range"),
    pytest.param("[!0-9]*.py", "models.py", id="class-negated-with-bang"),
    pytest.param("[^0-9]*.py", "models.py", id="class-negated-with-caret"),
    pytest.param("[]x]", "]", id="class-bracket-first-is-a-member"),
    pytest.param("[a-]", "-", id="class-dash-last-is-a-member"),
    pytest.param("[VUR]*__*.sql", "V1__init.sql", id="class-of-letters"),
    pytest.param("*.{js,ts}", "src/a.ts", id="braces"),
    pytest.param("*.{,min.}js", "a.min.js", id="braces-empty-alternative"),
    pytest.param("{docs,doc}/**", "doc/x.md", id="braces-with-a-slash-after"),
    pytest.param("{a/b,c}.txt", "a/b.txt", id="braces-holding-a-slash"),
    pytest.param("x.{a,{b,c}}", "x.c", id="braces-nested"),
    pytest.param("/CHANGELOG.md", "CHANGELOG.md", id="leading-slash-anchors"),
    pytest.param("auth/", "src/auth/x.py", id="trailing-slash-everything-inside"),
    pytest.param("a\\*b", "a*b", id="escaped-star"),
    pytest.param("a.c", "a.c", id="dot-is-literal"),
    pytest.param("**/AUTH/**", "src/auth/x.py", id="case-ignored-in-the-glob"),
    pytest.param("**/auth/**", "src/Auth/x.py", id="case-ignored-in-the-path"),
    pytest.param("[A-Z]*.cs", "x.cs", id="case-ignored-in-a-range"),
    pytest.param("*@ci.example.com", "deploy@ci.example.com", id="an-email"),
]

MUST_NOT_MATCH = [
    pytest.param("**/auth/**", "src/author/x.py", id="whole-segments-only"),
    pytest.param("**/auth/**", "src/oauth/x.py", id="whole-segments-only-suffix"),
    pytest.param("src/*.py", "src/a/b.py", id="star-stays-in-its-segment"),
    pytest.param("src/?.py", "src/ab.py", id="question-mark-is-one-char"),
    pytest.param("a?c", "a/c", id="question-mark-is-never-a-slash"),
    pytest.param("a.c", "abc", id="dot-is-not-a-wildcard"),
    pytest.param("*a*a*b", "xab", id="pieces-need-their-count"),
    pytest.param("src/*.py", "lib/src/a.py", id="a-slash-roots-the-glob"),
    pytest.param("docs/**", "src/docs/x.md", id="a-slash-roots-double-star"),
    pytest.param("/CHANGELOG.md", "pkg/CHANGELOG.md", id="leading-slash-anchors"),
    pytest.param("src/**/x.py", "src/x.pyc", id="tail-is-whole"),
    pytest.param("[!0-9]*.py", "0001_init.py", id="negated-class"),
    pytest.param("[a-c]", "d", id="outside-the-range"),
    pytest.param("*.{js,ts}", "a.tsx", id="braces-are-whole"),
    pytest.param("a\\*b", "axb", id="escaped-star-is-literal"),
    pytest.param("**/a/**/b", "b/a", id="runs-keep-their-order"),
    pytest.param("**/x", "x/y", id="tail-is-last"),
]


@pytest.mark.parametrize(("glob", "path"), MUST_MATCH)
def test_must_match(glob: str, path: str) -> None:
    assert globs.problem(glob) is None
    assert globs.matches(glob, path)


@pytest.mark.parametrize(("glob", "path"), MUST_NOT_MATCH)
def test_must_not_match(glob: str, path: str) -> None:
    assert globs.problem(glob) is None
    assert not globs.matches(glob, path)


@pytest.mark.parametrize(
    ("glob", "words"),
    [
        pytest.param("", "empty", id="empty"),
        pytest.param("  ", "empty", id="blank"),
        pytest.param("/", "empty", id="only-a-slash"),
        pytest.param("src/[abc.py", "never closed with ']'", id="unclosed-class"),
        pytest.param("src/[a/b]", "never closed with ']'", id="class-across-a-slash"),
        pytest.param("[z-a]", "range z-a", id="reversed-range"),
        pytest.param("*.{js,ts", "never closed with '}'", id="unclosed-brace"),
        pytest.param("*.js}", "closes no '{'", id="stray-closing-brace"),
        pytest.param("a\\", "escapes nothing", id="lone-backslash"),
        pytest.param("src//x", "empty path segment", id="empty-segment"),
        pytest.param("{a,b}" * 9, "more than 256", id="too-many-alternatives"),
        pytest.param("{" + ",".join("x" * 300) + "}", "more than 256", id="too-wide-a-brace"),
    ],
)
def test_invalid_globs_say_why(glob: str, words: str) -> None:
    problem = globs.problem(glob)
    assert problem is not None
    assert words in problem
    with pytest.raises(ValueError, match=re.escape(words)):
        globs.compile(glob)


def test_compiled_once() -> None:
    assert globs.compile("**/x/*.py") is globs.compile("**/x/*.py")
    assert globs.glob_set(("a", "b")) is globs.glob_set(("a", "b"))


def test_a_set_says_which_glob_matched_first() -> None:
    found = globs.GlobSet(["**/*.ts", "**/auth/**", "*.md"])
    assert found.first("src/auth/x.ts") == "**/*.ts"
    assert found.first("src/auth/x.py") == "**/auth/**"
    assert found.first("src/app.py") is None
    assert not globs.GlobSet([])
    assert globs.GlobSet([]).first("x") is None


def test_a_set_sifts_an_index_in_one_search() -> None:
    found = globs.GlobSet(["**/auth/**", "*.sql"])
    paths = [f"src/module{i}/file{i}.py" for i in range(500)]
    assert found.sift(paths) == []
    assert found.sift([*paths, "db/1.SQL", "src/auth/a.py"]) == ["db/1.SQL", "src/auth/a.py"]
    # A glob without literal text cannot be sifted: every path may match it.
    assert globs.GlobSet(["*"]).sift(paths) == paths


def test_root_is_what_a_leading_double_star_spanned() -> None:
    prisma = globs.compile("**/prisma/migrations/*/migration.sql")
    assert prisma.root("prisma/migrations/1/migration.sql") == ""
    assert prisma.root("apps/Api/prisma/migrations/1/migration.sql") == "apps/Api/"
    assert prisma.root("apps/api/prisma/schema.prisma") is None
    nested = globs.compile("**/changelog/**/*.xml")
    assert nested.root("a/changelog/b/changelog/c.xml") == "a/"
    assert globs.compile("db/*.sql").root("db/1.sql") == ""


# Each of these runs past a minute through a backtracking regular expression.
HOSTILE = [
    pytest.param("*a*a*a*a*a*a*b", "a" * 100_000, id="stars-in-a-segment"),
    pytest.param("**/**/**/**/**/x", "/".join(["a"] * 20_000) + "/y", id="double-stars"),
    pytest.param("**/a/**/a/**/a/**/b", "/".join(["a"] * 20_000), id="runs"),
    pytest.param("*[ab]*[ab]*[ab]*c", "ab" * 50_000, id="classes"),
    pytest.param("{*a,*a*}*a*a*a*b", "a" * 50_000, id="braces"),
]


@pytest.mark.parametrize(("glob", "path"), HOSTILE)
def test_hostile_globs_match_in_linear_time(glob: str, path: str) -> None:
    # A generous guard, in a child process so a regression cannot hang the suite:
    # linear matching takes milliseconds here, backtracking takes minutes.
    script = textwrap.dedent(
        f"""
        from commitguard import globs
        path = {path[:8]!r} * {len(path) // 8} + {path[len(path) // 8 * 8 :]!r}
        assert len(path) == {len(path)}
        print(globs.matches({glob!r}, path), globs.GlobSet([{glob!r}]).first(path))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=30, check=True
    )
    assert done.stdout.split() == ["False", "None"]


# --- every feature speaks the dialect -------------------------------------------------


@pytest.mark.parametrize(
    ("glob", "path", "expected"),
    [
        pytest.param("billing/{api,jobs}/**", "billing/jobs/charge.py", True, id="braces"),
        pytest.param("**/pay[0-9]/**", "src/pay2/x.py", True, id="class"),
        pytest.param("billing/**", "src/billing/x.py", False, id="rooted"),
        pytest.param("*.PEM", "keys/server.pem", True, id="case-and-depth"),
    ],
)
def test_security_paths(glob: str, path: str, expected: bool) -> None:
    config = build({"security": {"paths": [glob], "ignore-paths": []}}, "x.yaml")
    reasons, _ = path_reasons((Change("M", path),), config)
    assert bool(reasons) is expected
    if expected:
        assert reasons[0].pattern == glob


class NoFiles(Files):
    """A repository with no marker files: the globs alone decide."""

    def exists(self, relative: str) -> bool:
        return False

    def text(self, relative: str) -> str | None:
        return None


@pytest.mark.parametrize(
    ("glob", "path", "expected"),
    [
        pytest.param("db/sql/*.sql", "db/sql/001.sql", True, id="rooted"),
        pytest.param("db/sql/*.sql", "app/db/sql/001.sql", False, id="rooted-not-deeper"),
        pytest.param("*.{up,down}.psql", "x/1.up.psql", True, id="bare-braces-any-depth"),
        pytest.param("/*.psql", "x/1.psql", False, id="leading-slash-root-only"),
        pytest.param("DB/[0-9]*.sql", "db/1_x.sql", True, id="case"),
    ],
)
def test_configured_migration_globs(glob: str, path: str, expected: bool) -> None:
    layout = Layout("configured", MIGRATION, (glob,), anchored=True)
    classify = Classifier(Layouts([layout], ()), NoFiles())
    assert (classify(path).kind == MIGRATION) is expected


def test_preset_migration_globs_find_their_app_root() -> None:
    layout = Layout("prisma", MIGRATION, ("prisma/migrations/*/migration.sql",))
    classify = Classifier(Layouts([layout], ()), NoFiles())
    found = classify("apps/API/prisma/migrations/1/Migration.sql")
    assert (found.kind, found.root) == (MIGRATION, "apps/API/")


@pytest.mark.parametrize(
    ("glob", "name", "email", "expected"),
    [
        pytest.param("*@ci.example.com", "Deploy", "deploy@CI.example.com", True, id="email"),
        pytest.param("Release-*", "release-bot", "r@example.com", True, id="name-any-case"),
        pytest.param("[!a]ot-?", "bot-1", "x@example.com", True, id="class"),
        pytest.param("ci-{deploy,release}", "ci-test", "x@example.com", False, id="braces"),
    ],
)
def test_report_bots(glob: str, name: str, email: str, expected: bool) -> None:
    loaded = build({"report": {"bots": [glob]}}, "x.yaml").report
    assert people.is_bot(name, email, loaded) is expected


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        pytest.param("web/package-lock.json", "package-lock.json", id="bare-name-any-depth"),
        pytest.param("packages/ui/node_modules/x.js", "**/node_modules/**", id="any-depth"),
        pytest.param("docs/api/index.html", "docs/api/**", id="configured"),
        pytest.param("src/docs/api/x.py", None, id="configured-rooted"),
        pytest.param("static/App.MIN.JS", "*.min.js", id="case"),
    ],
)
def test_report_excludes(path: str, expected: str | None) -> None:
    from commitguard.report.aggregate import Aggregator

    loaded = build({"report": {"exclude-paths": ["docs/api/**"]}}, "x").report
    aggregator = Aggregator.__new__(Aggregator)
    aggregator.use(loaded)
    assert aggregator._excluded(path) == expected


# --- runs between `**`, against a plain recursive reference -----------------------------


def _reference(parts: list[str], segments: list[str]) -> bool:
    """What a run glob means, the slow way: `**` spans any number of whole segments, and
    any other part matches one segment as fnmatch would (these globs hold `*` and text)."""
    if not parts:
        return not segments
    if parts[0] == "**":
        return any(_reference(parts[1:], segments[skip:]) for skip in range(len(segments) + 1))
    if not segments:
        return False
    pattern = "".join(".*" if char == "*" else re.escape(char) for char in parts[0])
    return bool(re.fullmatch(pattern, segments[0])) and _reference(parts[1:], segments[1:])


RUN_GLOBS = (
    "**/a/b/**/c",
    "**/a/*/b/**/*",
    "x/**/a/a/b/**/a/**/c",
    "**/*/a/**/b/b/**",
    "**/ab/a*/**/c*",
)
RUN_PATHS = (
    "a/b/c",
    "x/a/a/b/a/c",
    "x/a/a/a/b/q/a/c",
    "q/a/z/b/c/c",
    "a/a/a/b/b/b",
    "ab/ax/ab/ab/c1",
    "z/a/b/a/b/c",
    "a/a/a/a/a/a",
)


@pytest.mark.parametrize("glob", RUN_GLOBS)
def test_runs_found_by_their_fixed_segment_match_as_the_reference(glob: str) -> None:
    for path in RUN_PATHS:
        expected = _reference(glob.split("/"), path.split("/"))
        assert globs.matches(glob, path) is expected, path


def test_hostile_globs_over_a_large_index_stay_fast() -> None:
    """2,000 staged paths of 10,000 characters each: a run between `**` is looked for by
    its fixed segment, so no glob costs a Python step per segment of every path."""
    script = textwrap.dedent(
        """
        import time
        from commitguard import globs
        paths = ["a/" * 4_999 + "b", "a" * 9_999 + "c"] * 1_000
        assert len(paths[0]) >= 9_999 and len(paths) == 2_000
        found = globs.GlobSet(["**/a/a/a/a/c/**/b", "*a*a*a*a*a*b"])
        started = time.perf_counter()
        print(sum(found.first(path) is not None for path in paths))
        print(time.perf_counter() - started)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True
    )
    matched, seconds = done.stdout.split()
    assert matched == "0"
    assert float(seconds) < 10, seconds  # about half a second; 30 s before runs had anchors


def test_a_path_s_words_are_what_the_expression_finds() -> None:
    # Found without `re` (the commit-msg hook reads every staged path's words), and held
    # here to `[a-z0-9]+` over drawn texts, ASCII and not.
    generator = random.Random(1203)
    alphabet = "ab9z/._-*{}[],é \n"
    for _ in range(5_000):
        text = "".join(generator.choices(alphabet, k=generator.randint(0, 20)))
        assert words(text) == re.findall(r"[a-z0-9]+", text), text


@pytest.mark.parametrize(
    ("glob", "word"),
    [
        pytest.param("**/migrations/*.py", "migrations", id="folder"),
        pytest.param("db/schema.prisma", "schema", id="longest-bounded"),
        pytest.param("**/[0-9]*_*.py", "py", id="past-a-class"),
        pytest.param("**/*.{ts,js}", None, id="only-inside-braces"),
        pytest.param("**/[a/b]/c*", None, id="inside-a-class"),
        pytest.param("**/{alembic,db}/versions/*.py", "versions", id="braces-skipped"),
        pytest.param("prisma*/x", "x", id="unbounded-left-out"),
        pytest.param("é/migrations/*.sql", "migrations", id="beyond-ascii"),
    ],
)
def test_a_glob_s_key_word_is_one_every_path_holds(glob: str, word: str | None) -> None:
    assert key_word(glob) == word
