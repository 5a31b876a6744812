"""A configuration file written to hurt, and a description written to say nothing:
each is exit 3 (or a violation) with the file, the line and the key, never a hang,
a traceback or a silent default."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.helpers import Repo, run_commitguard

GOOD = "feat(orders): add pagination\n"

# 343 bytes; nine levels of nine aliases are 9**9 strings once expanded.
ALIAS_BOMB = textwrap.dedent(
    """\
    a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
    b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
    c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
    d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
    e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
    f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
    g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
    h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
    types: [*h,*h,*h,*h,*h,*h,*h,*h,*h]
    """
)


def _lint(repo: Repo, message: str = GOOD) -> subprocess.CompletedProcess[str]:
    return run_commitguard("lint", "--no-prompt", "-", cwd=repo.path, input=message)


def test_an_alias_bomb_is_refused_before_it_expands(repo: Repo) -> None:
    repo.write(".commitguard.yaml", ALIAS_BOMB)
    # In a child process with its memory capped: the old loader took gigabytes here.
    limit = "import resource; resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))"
    code = f"{limit}; import sys; from commitguard.cli import run; sys.exit(run(sys.argv[1:]))"
    done = subprocess.run(
        [sys.executable, "-c", code, "lint", "--no-prompt", "-"],
        cwd=repo.path,
        input=GOOD,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 3, done.stderr
    assert ".commitguard.yaml: b[0]: an alias (*name) repeats the value anchored on line 1" in (
        done.stderr
    )
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("text", "where"),
    [
        pytest.param(
            'security:\n  paths: &p ["src/pay/**"]\n  ignore-paths: *p\n',
            "security.ignore-paths: line 3: an alias (*name) repeats the value anchored on line 2",
            id="alias-of-a-list",
        ),
        pytest.param(
            "scopes:\n  allowed:\n    - &o orders\n    - *o\n",
            "scopes.allowed[1]: an alias (*name) repeats the value anchored on line 3",
            id="alias-in-a-list",
        ),
        pytest.param(
            "base: &b {subject-case: off}\nrules:\n  <<: *b\n",
            "rules.<<: line 3: an alias (*name) repeats the value anchored on line 1",
            id="merge-key",
        ),
    ],
)
def test_anchors_and_aliases_are_refused(repo: Repo, text: str, where: str) -> None:
    repo.write(".commitguard.yaml", text)
    result = _lint(repo)
    assert result.returncode == 3
    assert f".commitguard.yaml: {where}; anchors and aliases are not allowed" in result.stderr
    assert "write the value out in full" in result.stderr


@pytest.mark.parametrize(
    ("text", "where"),
    [
        pytest.param(
            "rules:\n  subject-case: off\ntypes: [feat]\nrules:\n  subject-case: error\n",
            "rules: line 4: the key 'rules' is given twice (first on line 1)",
            id="top-level",
        ),
        pytest.param(
            "rules:\n  subject-case: off\n  header-max-length: {max: 90}\n  subject-case: error\n",
            "rules.subject-case: line 4: the key 'subject-case' is given twice (first on line 2)",
            id="nested",
        ),
        pytest.param(
            "security: {types: [fix], types: [feat]}\n",
            "security.types: line 1: the key 'types' is given twice (first on line 1)",
            id="flow-mapping",
        ),
    ],
)
def test_a_key_given_twice_is_refused(repo: Repo, text: str, where: str) -> None:
    repo.write(".commitguard.yaml", text)
    result = _lint(repo)
    assert result.returncode == 3
    assert f".commitguard.yaml: {where}" in result.stderr


@pytest.mark.parametrize(
    ("text", "where"),
    [
        pytest.param(
            '[tool.commitguard]\npreset = "team"\npreset = "conventional"\n',
            "pyproject.toml: preset: line 3: given twice (Cannot overwrite a value)",
            id="key",
        ),
        pytest.param(
            '[tool.commitguard]\npreset = "team"\n[tool.commitguard]\ntypes = ["feat"]\n',
            "pyproject.toml: tool.commitguard: line 3: given twice",
            id="table",
        ),
    ],
)
def test_a_pyproject_key_given_twice_is_refused(repo: Repo, text: str, where: str) -> None:
    repo.write("pyproject.toml", text)
    result = _lint(repo)
    assert result.returncode == 3
    assert where in result.stderr
    assert "Traceback" not in result.stderr


# --- a configuration that is not a file, or says what no header can meet ----------------


def test_a_configuration_that_is_a_directory_is_an_error(repo: Repo) -> None:
    (repo.path / ".commitguard.yaml").mkdir()
    result = _lint(repo)
    assert result.returncode == 3
    assert ".commitguard.yaml: is a directory, not a configuration file" in result.stderr


def test_a_configuration_that_links_to_nothing_is_an_error(repo: Repo) -> None:
    (repo.path / ".commitguard.yml").symlink_to("shared/commitguard.yaml")
    result = _lint(repo)
    assert result.returncode == 3
    assert (
        ".commitguard.yml: is a symbolic link to 'shared/commitguard.yaml', which does not exist"
        in result.stderr
    )


def test_a_configuration_that_links_to_a_file_is_read(repo: Repo) -> None:
    repo.write("shared/commitguard.yaml", "types: [feat, fix]\n")
    (repo.path / ".commitguard.yaml").symlink_to("shared/commitguard.yaml")
    assert _lint(repo, "chore(orders): tidy\n").returncode == 1
    assert _lint(repo).returncode == 0


def test_a_dangling_pyproject_is_an_error(repo: Repo) -> None:
    (repo.path / "pyproject.toml").symlink_to("gone.toml")
    result = _lint(repo)
    assert result.returncode == 3
    assert "pyproject.toml: is a symbolic link to 'gone.toml'" in result.stderr


@pytest.mark.parametrize(
    ("types", "said"),
    [
        pytest.param(
            "[feat, FEAT]", "types[1]: types are lower-case: did you mean feat?", id="upper"
        ),
        pytest.param("[Fix]", "types[0]: types are lower-case: did you mean fix?", id="capital"),
        pytest.param('["feat:"]', "types[0]: 'feat:' cannot be written as a type", id="colon"),
        pytest.param('["hot fix"]', "types[0]: 'hot fix' cannot be written as a type", id="space"),
    ],
)
def test_types_no_header_can_meet_are_refused_at_load(repo: Repo, types: str, said: str) -> None:
    repo.write(".commitguard.yaml", f"types: {types}\n")
    result = _lint(repo)
    assert result.returncode == 3
    assert f".commitguard.yaml: {said}" in result.stderr


def test_a_reversed_glob_range_is_refused_at_load(repo: Repo) -> None:
    repo.write(".commitguard.yaml", 'security:\n  paths: ["src/[z-a]/**"]\n')
    result = _lint(repo, "fix(orders): keep the cart\n")
    assert result.returncode == 3
    assert "security.paths[0]: 'src/[z-a]/**' is not a valid glob" in result.stderr
    assert "reversed" in result.stderr


def test_a_hostile_security_glob_over_a_large_index_ends_in_a_verdict(repo: Repo) -> None:
    """2,000 staged paths, one of 10,000 characters, against `*a*a*a*a*a*b`: a
    backtracking matcher would never end here. How fast it ends is bench/globs.py's
    to measure ("hostile"); this holds the verdict."""
    # read-diff off: the name alone decides, as the glob is what is tested here
    repo.write(".commitguard.yaml", 'security:\n  paths: ["*a*a*a*a*a*b"]\n  read-diff: false\n')
    long_name = "a" * 9_999 + "c"  # all but the last character meet the glob
    blob = repo.git("hash-object", "-w", "--stdin", input="x\n").stdout.strip()
    index = "".join(f"100644 {blob} 0\tsrc/m{n}/{'a' * 40}c.py\n" for n in range(1_999))
    index += f"100644 {blob} 0\t{'/'.join([long_name[:200]] * 49)}\n"
    repo.git("update-index", "--index-info", input=index)
    assert _lint(repo, "fix(orders): keep the cart\n").returncode == 0
    repo.git("update-index", "--index-info", input=f"100644 {blob} 0\taaaaab\n")
    flagged = _lint(repo, "fix(orders): keep the cart\n")
    assert flagged.returncode == 1, flagged.stderr
    assert "aaaaab" in flagged.stderr


# --- a description that says nothing ------------------------------------------------------


@pytest.mark.parametrize(
    ("description", "shown"),
    [
        pytest.param("\u200b", "U+200B", id="zero-width-space"),
        pytest.param("\u200c\u200d", "U+200C, U+200D", id="zero-width-joiners"),
        pytest.param("\u2060", "U+2060", id="word-joiner"),
        pytest.param("\ufeff", "U+FEFF", id="byte-order-mark"),
        pytest.param("\u00ad\u00ad", "U+00AD", id="soft-hyphens"),
        pytest.param("\u200b \u3164", "U+200B, U+0020, U+3164", id="mixed-with-a-filler"),
    ],
)
def test_an_invisible_description_is_empty(description: str, shown: str) -> None:
    result = run_commitguard("lint", "--no-prompt", "-", input=f"feat(orders): {description}\n")
    assert result.returncode == 1
    assert (
        f"error[subject-empty]: the description is empty: it holds only invisible "
        f"characters ({shown})" in result.stderr
    )


@pytest.mark.parametrize(
    "description",
    [
        pytest.param("\u200bkeep the cart", id="zero-width-then-words"),
        pytest.param("garder le panier \u00e9t\u00e9", id="accents"),
        pytest.param("\u4fdd\u7559\u8d2d\u7269\u8f66", id="chinese"),
    ],
)
def test_a_visible_description_with_unicode_passes(description: str) -> None:
    result = run_commitguard("lint", "--no-prompt", "-", input=f"feat(orders): {description}\n")
    assert result.returncode == 0, result.stderr


def test_check_refuses_an_invisible_description_too(repo: Repo) -> None:
    repo.record("feat(orders): add pagination")
    repo.record("fix(orders): \u200b\u200b")
    result = run_commitguard("check", "HEAD~1..HEAD", cwd=repo.path)
    assert result.returncode == 1
    assert "only invisible characters (U+200B)" in result.stdout


def test_the_config_path_is_shown_in_the_error(tmp_path: Path) -> None:
    config = tmp_path / "team.yaml"
    config.write_text("types: [feat]\ntypes: [fix]\n")
    result = run_commitguard("lint", "--config", str(config), "-", input=GOOD)
    assert result.returncode == 3
    assert f"{config}: types: line 2: the key 'types' is given twice" in result.stderr
