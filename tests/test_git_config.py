"""The user's git configuration never changes a verdict.

Each hostile setting goes into the test's global git config (conftest points
GIT_CONFIG_GLOBAL at a per-test file), and every door must then print, byte for byte,
what it printed for the same repository under no settings at all.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from commitguard import git
from tests.helpers import Histories, Repo, run_commitguard

WINDOW = ("--since", "2025-12-01", "--until", "2026-02-01")
# Lines whose diff myers counts as 3 + 3 and patience or histogram as 6 + 6.
BEFORE = "b\ne\na\nc\na\nd\nd\nd\n"
AFTER = "d\nb\na\nd\na\nd\nd\ne\n"


def _history(repo: Repo) -> None:
    """Commits whose paths, renames, line counts and root each hinge on a setting."""
    dated = "2026-01-{:02d}T10:00:00+00:00".format
    repo.record(
        "feat(orders): start the orders service",
        {
            "prisma/migrations/20260101_init/migration.sql": "CREATE TABLE o (id int);\n",
            "src/orders/service.ts": BEFORE,
            "src/orders/long.ts": "".join(f"line {n}\n" for n in range(40)),
        },
        date=dated(2),
    )
    repo.record("refactor(orders): count lines", {"src/orders/service.ts": AFTER}, date=dated(5))
    repo.record(
        "refactor(orders): move the long module",
        {
            "src/orders/long.ts": None,
            "src/orders/moved.ts": "".join(f"line {n}\n" for n in range(40)),
        },
        date=dated(7),
    )
    repo.record(
        "fix(api): check the token",
        {"src/auth/guard.ts": "guard\n", "docs/notes.md": "notes\n"},
        date=dated(9),
    )
    repo.record(
        "docs(readme): explain the café's menu\n\nZoë wrote it, naïvely.",
        {"README.md": "café\n"},
        who=("Zoë Åström", "zoe@example.com"),
        date=dated(11),
    )
    repo.record("Feature: wrong header", {"README.md": "readme\n"}, date=dated(12))


# One hostile value per setting a user may have; each changes some git output.
HOSTILE: dict[str, str] = {
    "log.showSignature": "true",
    "color.ui": "always",
    "color.diff": "always",
    "log.decorate": "full",
    "log.excludeDecoration": "refs/heads/*",
    "log.initialDecorationSet": "all",
    "log.abbrevCommit": "true",
    "log.date": "relative",
    "log.follow": "true",
    "log.showRoot": "false",
    "log.mailmap": "false",
    "format.pretty": "oneline",
    "core.quotePath": "false",
    "core.abbrev": "4",
    "core.pager": "cat -A",
    "pager.log": "cat -A",
    "i18n.logOutputEncoding": "UTF-16",
    "diff.renames": "false",
    "diff.renameLimit": "1",
    "diff.noprefix": "true",
    "diff.mnemonicPrefix": "true",
    "diff.external": "false",
    "diff.relative": "true",
    "diff.algorithm": "patience",
    "diff.orderFile": "{home}/order",
    "core.attributesFile": "{home}/attributes",
    "mailmap.file": "{home}/mailmap",
    "diff.ignoreSubmodules": "all",
    "status.short": "true",
    "status.renames": "false",
    "grep.patternType": "perl",
    "notes.displayRef": "refs/notes/*",
}


def test_every_pinned_setting_is_in_the_matrix() -> None:
    # A pin without its hostile case could be dropped, or mistyped, unnoticed.
    pinned = {setting.partition("=")[0].lower() for setting in git._PINNED}
    assert pinned <= {key.lower() for key in HOSTILE}


def _set_hostile(home: Path, settings: dict[str, str]) -> None:
    """Append `settings` to the global git config of this test (and the files some
    of them name: an order file that reverses the paths, attributes hiding lines, a
    personal mailmap)."""
    (home / "order").write_text("src/*\ndocs/*\nprisma/*\n*\n")
    (home / "attributes").write_text("* -diff\n")
    (home / "mailmap").write_text("Someone Else <else@example.com> <ada@example.com>\n")
    for key, value in settings.items():
        subprocess.run(
            ["git", "config", "--global", key, value.format(home=home)],
            check=True,
            capture_output=True,
        )


def _home() -> Path:
    return Path(os.environ["HOME"])  # the test's own, from conftest


def _doors(repo: Repo) -> list[tuple[int, str, str]]:
    """What check, report and staged print, run from a subdirectory."""
    where = repo.path / "src"
    return [
        (result.returncode, result.stdout, result.stderr)
        for result in (
            run_commitguard("check", "--format", "json", "HEAD", cwd=where),
            run_commitguard("report", "--format", "json", *WINDOW, cwd=where),
            run_commitguard("staged", cwd=where),
        )
    ]


@pytest.fixture
def history(repo: Repo, histories: Histories) -> Repo:
    histories.copy(_history, repo)
    # A mixed index, for `staged`, with paths both inside and outside src/.
    repo.stage("prisma/migrations/20260120_more/migration.sql", "ALTER TABLE o ADD x int;\n")
    repo.stage("src/orders/api.ts", "api\n")
    # A submodule bumped to another commit: a gitlink, as `git submodule` stages it.
    head = repo.git("rev-parse", "HEAD").stdout.strip()
    repo.git("update-index", "--add", "--cacheinfo", f"160000,{head},vendor/lib")
    return repo


@pytest.mark.parametrize("key", sorted(HOSTILE))
def test_a_hostile_setting_changes_nothing_check_report_or_staged_print(
    history: Repo, key: str
) -> None:
    plain = _doors(history)
    assert [code for code, _, _ in plain] == [1, 0, 1], plain
    _set_hostile(_home(), {key: HOSTILE[key]})
    assert _doors(history) == plain


def test_every_hostile_setting_at_once_changes_nothing_either(history: Repo) -> None:
    plain = _doors(history)
    _set_hostile(_home(), HOSTILE)
    assert _doors(history) == plain


def _through_hooks(repo: Repo, remote: Path) -> list[tuple[int, str]]:
    """A refused commit (commit-msg hook) and a refused push (pre-push hook)."""
    results = []
    for args in (
        ("commit", "-q", "-m", "fix(api): check the token"),
        ("push", "-q", str(remote), "HEAD:refs/heads/main"),
    ):
        done = repo.git(*args, check=False)
        results.append((done.returncode, done.stdout + done.stderr))
    return results


def test_the_hooks_decide_the_same_under_every_hostile_setting(
    history: Repo, tmp_path: Path
) -> None:
    remote = tmp_path / "remote.git"
    history.git("init", "-q", "--bare", str(remote))
    assert run_commitguard("install", cwd=history.path).returncode == 0
    history.git("reset", "-q")
    history.stage("src/auth/session.ts", "if (!session.user) throw new UnauthorizedException()\n")
    plain = _through_hooks(history, remote)
    assert [code for code, _ in plain] == [1, 1], plain
    assert "security-impact" in plain[0][1]
    assert "type-enum" in plain[1][1]
    assert "migration-separate" in plain[1][1]
    _set_hostile(_home(), HOSTILE)
    assert _through_hooks(history, remote) == plain


@pytest.fixture
def gnupg_home(tmp_path: Path) -> Iterator[Path]:
    """A throwaway GnuPG home with one signing key; its agent is stopped afterwards."""
    if shutil.which("gpg") is None:
        pytest.skip("gpg is not installed: no key to sign a commit with")
    keys = tmp_path / "gnupg"
    keys.mkdir(mode=0o700)
    env = {**os.environ, "GNUPGHOME": str(keys)}
    unlocked = ("--batch", "--quiet", "--pinentry-mode", "loopback", "--passphrase", "")
    key = ("Ada <ada@example.com>", "ed25519", "sign", "never")
    subprocess.run(
        ["gpg", *unlocked, "--quick-gen-key", *key], check=True, capture_output=True, env=env
    )
    yield keys
    subprocess.run(["gpgconf", "--kill", "gpg-agent"], env=env, capture_output=True, check=False)


def test_a_signed_commit_under_show_signature_keeps_its_sha(
    repo: Repo, tmp_path: Path, gnupg_home: Path
) -> None:
    # log.showSignature prints nothing for an unsigned commit: only a signed one shows
    # gpg's report, glued to the front of the record's first field.
    env = {"GNUPGHOME": str(gnupg_home)}
    repo.commit_file("a.txt", "feat(a): first")
    repo.commit_file("b.txt", "feat(b): second")
    repo.stage("c.txt")
    signing = ("-c", "user.signingKey=ada@example.com")
    repo.git(*signing, "commit", "-q", "-S", "-m", "feat(c): signed", env=env)
    plain = run_commitguard("check", "--format", "json", "HEAD", cwd=repo.path, env=env)
    assert plain.returncode == 0, plain.stderr
    _set_hostile(_home(), {"log.showSignature": "true"})
    hostile = run_commitguard("check", "--format", "json", "HEAD", cwd=repo.path, env=env)
    assert (hostile.returncode, hostile.stdout) == (0, plain.stdout)

    # A shallow clone hides the signed commit's parents: exit 4, never a pass.
    clone = tmp_path / "shallow"
    repo.git("clone", "-q", "--depth", "1", f"file://{repo.path}", str(clone))
    shallow = run_commitguard("check", "--format", "json", "HEAD", cwd=clone, env=env)
    assert shallow.returncode == 4, shallow.stdout + shallow.stderr
