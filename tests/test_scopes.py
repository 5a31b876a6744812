"""The scope the staged paths suggest: the module folder, or the repository's habit, in
the hook's error, the prepare-commit-msg template, and `cz commit`'s default answer
(tests/test_commitizen.py). Through real `git commit` with the hooks installed."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator

import pytest

from commitguard.message.scopes import (
    Suggestion,
    folder_scope,
    history_pathspecs,
    module_of,
    suggest,
)
from tests.helpers import ROOT, Repo, run_commitguard

# --- the module a path is in --------------------------------------------------------------

MODULES = [
    pytest.param("src/properties/properties.service.ts", "properties", id="nestjs-module"),
    pytest.param("src/properties/dto/create.dto.ts", "properties", id="nestjs-nested"),
    pytest.param("src/modules/billing/invoice.ts", "billing", id="modules-folder"),
    pytest.param("packages/ui-kit/src/button.tsx", "ui-kit", id="monorepo-package"),
    pytest.param("apps/api/src/main.ts", "api", id="monorepo-app"),
    pytest.param("shop/orders/models.py", "orders", id="django-models"),
    pytest.param("shop/orders/migrations/0002_total.py", "orders", id="django-migration"),
    pytest.param("orders/views/list.py", "orders", id="top-level-app"),
    pytest.param("src/main.ts", None, id="file-of-no-module"),
    pytest.param("README.md", None, id="top-level-file"),
    pytest.param("test/app.e2e-spec.ts", None, id="tests-of-every-module"),
    pytest.param(".github/workflows/ci.yml", None, id="dot-folder"),
    pytest.param("packages/README.md", None, id="workspace-itself"),
]


@pytest.mark.parametrize(("path", "module"), MODULES)
def test_module_of_a_path(path: str, module: str | None) -> None:
    assert module_of(path) == module


def test_a_commit_across_two_modules_suggests_neither() -> None:
    assert folder_scope(["src/users/a.ts", "src/orders/b.ts"]) is None
    assert folder_scope(["src/users/a.ts", "src/users/b.ts", "src/orders/c.ts"]) == "users"
    assert folder_scope(["src/users/a.ts", "README.md", "test/users.e2e-spec.ts"]) == "users"


def test_history_is_asked_about_the_files_then_their_folders_literally() -> None:
    assert history_pathspecs(["src/a/x.ts", "src/a/y.ts", "go.mod"]) == [
        [":(literal)go.mod", ":(literal)src/a/x.ts", ":(literal)src/a/y.ts"],
        [":(literal)go.mod", ":(literal)src/a"],
    ]
    assert history_pathspecs(["go.mod"]) == [[":(literal)go.mod"]]
    assert history_pathspecs([f"src/a/{n}.ts" for n in range(40)]) == [[":(literal)src/a"]]
    assert history_pathspecs([f"dir{n}/x" for n in range(40)]) == []


def test_the_repositorys_habit_wins_if_the_rules_accept_it() -> None:
    paths = ["src/properties/a.ts"]
    headers = ["feat(listing): a", "fix(props): b", "feat(props): c", "chore: d"]
    assert suggest(paths, [headers], lambda scope: True) == Suggestion("props", "history")
    listing = suggest(paths, [headers], lambda scope: scope == "listing")
    assert listing == Suggestion("listing", "history")
    folder = suggest(paths, [headers], lambda scope: scope == "properties")
    assert folder == Suggestion("properties", "folder")
    assert suggest(paths, [headers], lambda scope: False) is None


def test_the_files_own_history_comes_before_their_folders_and_is_read_lazily() -> None:
    read: list[str] = []

    def histories() -> Iterator[list[str]]:
        read.append("files")
        yield ["feat(listing): a"]
        read.append("folders")
        yield ["feat(props): b", "feat(props): c"]

    assert suggest(["src/properties/a.ts"], histories(), lambda scope: True) == Suggestion(
        "listing", "history"
    )
    assert read == ["files"]
    new_file = suggest(["src/properties/b.ts"], [[], ["feat(props): b"]], lambda scope: True)
    assert new_file == Suggestion("props", "history")


def test_a_folder_name_is_offered_in_kebab_case_when_the_rules_want_it() -> None:
    found = suggest(["src/OrderHistory/a.ts"], [], lambda scope: scope.islower())
    assert found == Suggestion("order-history", "folder")


# --- the hook's error ---------------------------------------------------------------------


# The hooks run this tree's commitguard, whatever PYTHONPATH the tests were given: they
# drop a relative entry, and would then import the one installed in the environment.
TREE = {"PYTHONPATH": str(ROOT / "src")}


def _commit(repo: Repo, message: str) -> subprocess.CompletedProcess[str]:
    return repo.git("commit", "-m", message, check=False, env=TREE)


def _install(repo: Repo, *hooks: str) -> None:
    args = [item for hook in hooks for item in ("--hook", hook)]
    result = run_commitguard("install", *args, cwd=repo.path)
    assert result.returncode == 0, result.stderr


def test_the_hook_offers_the_module_folder_for_a_missing_scope(repo: Repo) -> None:
    _install(repo, "commit-msg")
    repo.stage("src/properties/properties.service.ts", "export class S {}\n")
    repo.stage("src/properties/dto/create-property.dto.ts", "export class D {}\n")
    result = _commit(repo, "feat: add property listing")
    assert result.returncode != 0
    assert "suggest the scope `properties` (the module these paths are in)" in result.stderr
    assert "`feat(properties): add property listing`" in result.stderr
    assert repo.git("rev-parse", "--verify", "-q", "HEAD", check=False).returncode != 0


def test_the_hook_offers_the_scope_the_history_used_for_those_paths(repo: Repo) -> None:
    repo.record("feat(props): add properties", {"src/properties/a.ts": "a\n"})
    repo.record("fix(props): round prices", {"src/properties/a.ts": "b\n"})
    repo.record("feat(users): add users", {"src/users/u.ts": "u\n"})
    _install(repo, "commit-msg")
    repo.stage("src/properties/a.ts", "c\n")
    result = _commit(repo, "feat: add listing")
    assert "suggest the scope `props` (the scope earlier commits used most" in result.stderr
    assert "`feat(props): add listing`" in result.stderr


def test_the_hook_offers_only_a_scope_of_scopes_allowed(repo: Repo) -> None:
    repo.write(".commitguard.yaml", "scopes:\n  allowed: [catalogue, users]\n")
    repo.record("feat(props): add properties", {"src/properties/a.ts": "a\n"})
    repo.record("feat(catalogue): list properties", {"src/properties/a.ts": "b\n"})
    _install(repo, "commit-msg")
    repo.stage("src/properties/a.ts", "c\n")
    unknown = _commit(repo, "feat(propertys): add listing")
    assert "scope-enum" in unknown.stderr
    assert "suggest the scope `catalogue`" in unknown.stderr
    assert "props`" not in unknown.stderr


def test_no_suggestion_when_no_allowed_scope_fits_or_the_scope_is_valid(repo: Repo) -> None:
    repo.write(".commitguard.yaml", "scopes:\n  allowed: [users]\n")
    _install(repo, "commit-msg")
    repo.stage("src/properties/a.ts", "c\n")
    result = _commit(repo, "feat: add listing")
    assert result.returncode != 0
    assert "suggest the scope" not in result.stderr
    passing = _commit(repo, "feat(users): Add listing")  # subject-case only
    assert "suggest the scope" not in passing.stderr


def test_a_hostile_folder_name_is_shown_escaped(repo: Repo) -> None:
    repo.write(".commitguard.yaml", "preset: conventional\nscopes:\n  required: true\n")
    _install(repo, "commit-msg")
    repo.stage("src/x\x1b[31my/a.ts", "c\n")
    result = _commit(repo, "feat: add listing")
    assert result.returncode != 0
    assert "\x1b" not in result.stderr


# --- the prepare-commit-msg template ------------------------------------------------------


def test_the_template_shows_the_suggested_scope_as_a_comment(repo: Repo) -> None:
    _install(repo, "prepare-commit-msg")
    repo.stage("packages/billing/src/invoice.ts", "export const total = 0\n")
    seen = repo.path.parent / "seen.txt"
    editor = repo.path.parent / "editor.sh"
    editor.write_text(f'#!/bin/sh\ncp "$1" "{seen}"\nprintf "feat(billing): x\\n" > "$1"\n')
    editor.chmod(0o755)
    repo.git("commit", "-q", "--no-verify", env={**TREE, "GIT_EDITOR": str(editor)})
    shown = seen.read_text().splitlines()
    assert "# commitguard: the staged paths suggest the scope `billing`: " in "\n".join(shown)
    assert all(line.startswith("#") or not line.strip() for line in shown)  # never written


def test_the_template_says_nothing_for_a_commit_of_no_module(repo: Repo) -> None:
    _install(repo, "prepare-commit-msg")
    repo.stage("README.md", "hello\n")
    seen = repo.path.parent / "seen.txt"
    editor = repo.path.parent / "editor.sh"
    editor.write_text(f'#!/bin/sh\ncp "$1" "{seen}"\nprintf "docs(readme): x\\n" > "$1"\n')
    editor.chmod(0o755)
    repo.git("commit", "-q", "--no-verify", env={**TREE, "GIT_EDITOR": str(editor)})
    assert "suggest the scope" not in seen.read_text()
