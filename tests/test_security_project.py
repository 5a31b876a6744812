"""A repository that is itself security code: an auth library, whose own package is a
security package (`security.project: auto`). Every code path is a candidate there,
weighed by its changed lines as an auth folder's is: the fixes of such a library are
named by their mechanism ("Made algorithms mandatory") in files no auth folder names.
The class is the one bench/security.py found among advisories' fixing commits."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import pytest

from commitguard.config.load import Config, build, load
from commitguard.errors import ConfigError
from commitguard.message.parse import parse
from commitguard.model import Change
from commitguard.security.detect import Detection, detect, path_reasons, security_project
from commitguard.security.project import project_package
from tests.helpers import Repo, hooked_after, run_commitguard, security_totals

MANIFESTS = [
    pytest.param(
        "package.json",
        '{\n  "name": "jsonwebtoken",\n  "author": {"name": "x"}\n}\n',
        "jsonwebtoken",
        id="package.json",
    ),
    pytest.param(
        "pyproject.toml",
        '[build-system]\nrequires = []\n\n[project]\nname = "PyJWT"\n',
        "PyJWT",
        id="pep-621",
    ),
    pytest.param(
        "pyproject.toml",
        '[tool.poetry]\nname = "authlib"\nversion = "1.0"\n',
        "authlib",
        id="poetry",
    ),
    pytest.param(
        "setup.cfg",
        "[metadata]\nname = django-oauth-toolkit\n",
        "django-oauth-toolkit",
        id="setup.cfg",
    ),
    pytest.param(
        "setup.py",
        'package_name = "x"\nsetup(\n    name="oauthlib",\n)\n',
        "oauthlib",
        id="setup.py",
    ),
    pytest.param(
        "go.mod",
        "module github.com/golang-jwt/jwt/v5\n\ngo 1.21\n",
        "github.com/golang-jwt/jwt/v5",
        id="go.mod",
    ),
    pytest.param(
        "composer.json",
        '{\n    "name": "league/oauth2-server",\n    "type": "library"\n}\n',
        "league/oauth2-server",
        id="composer.json",
    ),
    pytest.param(
        "Cargo.toml",
        '[workspace]\nmembers = []\n\n[package]\nname = "jsonwebtoken"\n',
        "jsonwebtoken",
        id="Cargo.toml",
    ),
    pytest.param("devise.gemspec", "", "devise", id="gemspec"),
    pytest.param("package.json", '{"private": true}\n', None, id="no-name"),
    pytest.param("package.json", '{"name": 12}\n', None, id="not-a-string"),
]


@pytest.mark.parametrize(("manifest", "text", "name"), MANIFESTS)
def test_the_root_manifest_names_the_project(manifest: str, text: str, name: str | None) -> None:
    assert project_package([manifest, "README.md"], {manifest: text}.get) == name


def config(settings: Mapping[str, object] | None = None, package: str | None = None) -> Config:
    return build(dict(settings or {}), "test.yaml").with_project_package(package)


def detection(header: str, hunks: Mapping[str, Sequence[str]], configured: Config) -> Detection:
    message = parse(header)
    assert message.header is not None
    changes = tuple(Change("M", path) for path in hunks)
    return detect(message.header, changes, configured, hunks=hunks)


A_SECRET_CHECK = {"lib/sign-stream.js": ["+  if (!secret) throw new Error('secret required')"]}


def test_every_path_of_a_security_package_is_weighed_by_its_lines() -> None:
    library = config(package="jws")
    assert security_project(library) == "jws"
    found = detection("fix: improve secret handling in SignStream", A_SECRET_CHECK, library)
    assert found.relevant
    reason = found.reasons[0]
    assert (reason.subject, reason.setting, reason.pattern) == (
        "lib/sign-stream.js",
        "security.project",
        "jws",
    )
    # its lines decide, as an auth folder's do: a reflowed README line does not count
    prose = {"lib/sign-stream.js": ["-  // sign the stream", "+  // Sign the stream."]}
    assert not detection("fix: comment", prose, library).relevant
    # tests and examples are no more the product in a library than in an application
    assert not detection(
        "fix: x", {"test/sign.test.js": A_SECRET_CHECK["lib/sign-stream.js"]}, library
    ).relevant


XML2JS_BUMP = {"package.json": ['-    "xml2js": "^0.4.23",', '+    "xml2js": "^0.5.0",']}


def test_a_security_library_moving_any_dependency_it_names_is_security_work() -> None:
    # What node-saml depends on runs inside it: its bump of xml2js (prototype pollution)
    # is as much security work as a bump of a security package is in an application.
    library = config(package="node-saml")
    for header in ("fix: bump xml2js from 0.4.23 to 0.5.0", "fix(deps): xml2js@0.5.0"):
        found = detection(header, XML2JS_BUMP, library)
        assert found.relevant, found.discounted
        assert found.reasons[0].support == (
            "its changed lines move `xml2js`, a dependency of `node-saml`"
        )
    # a fix whose own change drags a version along is weighed by its code
    assert not detection("fix: mongodb conflicting ids", XML2JS_BUMP, library).relevant
    # a repository declared security code (`security.project: true`) is named so
    declared = config({"security": {"project": True}}, "identity-service")
    found = detection("fix: bump xml2js", XML2JS_BUMP, declared)
    assert (
        found.reasons[0].support
        == "its changed lines move `xml2js`, a dependency of the repository"
    )
    # and in an application, xml2js is no security package
    assert not detection("fix: bump xml2js", XML2JS_BUMP, config(package="orders")).relevant
    # type stubs hold no code, in a library as anywhere; the library's own version and
    # the runtimes its `engines` name are no dependency
    for lines in (
        ['-    "@types/node": "^18.0.0",', '+    "@types/node": "^20.0.0",'],
        ['-  "version": "4.1.0",', '+  "version": "4.1.1",'],
        ['-    "node": ">=14"', '+    "node": ">=16"'],
    ):
        found = detection("fix: bump the version", {"package.json": lines}, library)
        assert not found.relevant, lines


@pytest.mark.parametrize("package", ["rails-html-sanitizer", "loofah", "bleach"])
def test_a_sanitizer_is_a_security_package(package: str) -> None:
    # a sanitizer's every fix is weighed as a security library's: its lines decide
    assert security_project(config(package=package)) == package


def test_an_application_is_judged_as_before() -> None:
    application = config(package="orders-api")
    assert security_project(application) is None
    assert not detection("fix: x", A_SECRET_CHECK, application).relevant


def test_the_setting_overrides_the_name() -> None:
    assert security_project(config({"security": {"project": False}}, "jws")) is None
    forced = config({"security": {"project": True}}, "identity-service")
    assert security_project(forced) == "the repository"
    assert detection("fix: x", A_SECRET_CHECK, forced).relevant
    # a project's paths count by their lines only: without them, never
    blind = config({"security": {"read-diff": False}}, "jws")
    assert security_project(blind) is None
    with pytest.raises(ConfigError, match=r"security\.project"):
        config({"security": {"project": "sometimes"}})


def test_named_alone_a_project_path_says_nothing() -> None:
    # the prepare-commit-msg template lists auth code by name: in a library, not all of it
    library = config(package="jws")
    assert path_reasons((Change("M", "lib/sign-stream.js"),), library) == ([], [])


def test_load_reads_the_work_tree_root(repo: Repo) -> None:
    repo.write("package.json", '{\n  "name": "passport-saml"\n}\n')
    assert load(str(repo.path)).project_package == "passport-saml"
    repo.write(".commitguard.yaml", "security:\n  project: false\n")
    assert load(str(repo.path)).project_package is None


# --- through git -------------------------------------------------------------------------

VERIFY = "module.exports = function verify(token, secret) {\n  return decode(token)\n}\n"


def test_the_hook_and_explain_in_an_auth_library(
    repo: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = {"package.json": '{\n  "name": "jsonwebtoken"\n}\n', "lib/verify.js": VERIFY}
    hooked = hooked_after(repo, monkeypatch, "feat(verify): start", files)
    hooked.stage("README.md", "# jsonwebtoken\n")
    assert hooked.commit("fix(readme): the title", check=False).returncode == 0
    checked = VERIFY.replace("  return", "  if (!secret) throw new Error('no secret')\n  return")
    hooked.stage("lib/verify.js", checked)
    refused = hooked.commit("fix(verify): require a secret", check=False)
    assert refused.returncode != 0
    assert "path lib/verify.js is code of `jsonwebtoken`, a security package" in refused.stderr
    body = "\n\nA missing secret verified nothing.\nImpact: High\nAffects: verify()"
    assert hooked.commit("fix(verify): require a secret" + body).returncode == 0
    explained = run_commitguard("explain", "security-impact", "--commit", "HEAD", cwd=repo.path)
    assert explained.returncode == 0, explained.stderr
    assert "(security.project)" in explained.stdout
    assert security_totals(repo) == (1, 0)


COMPOSER = """{
    "name": "league/oauth2-server",
    "require": {
        "psr/http-message": "^1.0"
    }
}
"""


def test_a_php_library_bumping_a_dependency_asks_and_explains(
    repo: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    # composer.json names the project (league/oauth2-server: an OAuth library) and holds
    # its dependencies: the hook reads the staged lines, explain the commit's
    hooked = hooked_after(repo, monkeypatch, "feat(server): start", {"composer.json": COMPOSER})
    hooked.stage("composer.json", COMPOSER.replace("^1.0", "^1.1"))
    refused = hooked.commit("fix(deps): bump psr/http-message to 1.1", check=False)
    assert refused.returncode != 0
    assert "a dependency of `league/oauth2-server`" in refused.stderr
    documented = "fix(deps): bump psr/http-message to 1.1\n\nRoutine.\nImpact: None"
    assert hooked.commit(documented).returncode == 0
    explained = run_commitguard("explain", "security-impact", "--commit", "HEAD", cwd=repo.path)
    assert explained.returncode == 0, explained.stderr
    assert "move `psr/http-message`, a dependency of `league/oauth2-server`" in explained.stdout
    assert security_totals(repo) == (1, 0)  # a security fix, its impact documented (None)


# --- a hostile root --------------------------------------------------------------------------


def _fifo(path: Path) -> None:
    os.mkfifo(path)


HOSTILE_ROOTS = [
    pytest.param(
        lambda root: (root / "package.json").write_bytes(b'{"name": "\xff\xfe\x00jwt"}'),
        id="not-utf-8",
    ),
    pytest.param(lambda root: (root / "package.json").mkdir(), id="a-directory"),
    pytest.param(lambda root: _fifo(root / "package.json"), id="a-fifo"),
    pytest.param(
        lambda root: (root / "package.json").symlink_to(root / "nowhere"), id="a-dangling-link"
    ),
    pytest.param(
        lambda root: (root / "setup.py").write_text("name=" * 200_000), id="name-repeated"
    ),
    pytest.param(
        lambda root: (root / "package.json").write_text('{"name": "' + "a" * 3_000_000),
        id="unterminated-and-long",
    ),
]


@pytest.mark.parametrize("plant", HOSTILE_ROOTS)
def test_a_hostile_root_manifest_neither_stops_nor_hangs_a_command(
    repo: Repo, plant: Callable[[Path], None]
) -> None:
    plant(repo.path)
    load(str(repo.path))  # no error: a manifest is the project's, not commitguard's
    message = repo.write("msg", "fix(api): keep the orders\n")
    result = run_commitguard("lint", "--no-prompt", str(message), cwd=repo.path)
    assert result.returncode == 0, result.stdout + result.stderr
