"""A fix that moves a security package to another version is security work: the
dependency manifests' changed lines, read as each ecosystem writes a dependency, and
the hook, `check`, `report` and `explain` that read them through real commits. The
class is the one bench/security.py found among published advisories' fixing commits
("upgrade jsonwebtoken to v9", "bump oauthlib to 3.2.2", "Update pyjwt dependency")."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

import pytest

from commitguard.config.load import Config, build
from commitguard.errors import ConfigError
from commitguard.message.parse import parse
from commitguard.model import Change
from commitguard.security.defaults import SECURITY_PACKAGES
from commitguard.security.detect import Detection, detect, path_reasons
from commitguard.security.packages import bumped_package
from tests.helpers import Repo, hooked_after, run_commitguard, security_totals


def config(settings: Mapping[str, object] | None = None) -> Config:
    return build(dict(settings or {}), "test.yaml")


def detection(
    header: str,
    hunks: Mapping[str, Sequence[str]] | None,
    *,
    paths: Sequence[str] = (),
    settings: Mapping[str, object] | None = None,
) -> Detection:
    message = parse(header)
    assert message.header is not None
    every = [*paths, *(path for path in hunks or {} if path not in paths)]
    changes = tuple(Change("M", path) for path in every)
    return detect(message.header, changes, config(settings), hunks=hunks)


# --- the lines of a manifest ------------------------------------------------------------

BUMPS = [
    pytest.param(
        ['-    "jsonwebtoken": "^8.5.1",', '+    "jsonwebtoken": "^9.0.0",'],
        "jsonwebtoken",
        id="package.json",
    ),
    pytest.param(
        ['-    "@auth/core": "0.18.0",', '+    "@auth/core": "0.18.1"'], "@auth/core", id="scoped"
    ),
    pytest.param(
        ['-    "passport-jwt": "~4.0.0",', '+    "passport-jwt": "~4.0.1",'],
        "passport-jwt",
        id="a-word-of-the-name",
    ),
    pytest.param(["-oauthlib>=3.1.0", "+oauthlib>=3.2.2"], "oauthlib", id="requirements"),
    pytest.param(
        ['-        "oauthlib>=3.1.0",', '+        "oauthlib>=3.2.2",'], "oauthlib", id="setup.py"
    ),
    pytest.param(
        ['-    "PyJWT[crypto]>=2.3",', '+    "PyJWT[crypto]>=2.4",'], "PyJWT", id="extras"
    ),
    pytest.param(['-pyjwt = "^2.3.0"', '+pyjwt = "^2.4.0"'], "pyjwt", id="poetry"),
    pytest.param(['-gem "devise", "~> 4.7"', '+gem "devise", "~> 4.8"'], "devise", id="gemfile"),
    pytest.param(
        ['-  s.add_dependency "jwt", ">= 1.5"', '+  s.add_dependency "jwt", ">= 2.0"'],
        "jwt",
        id="gemspec",
    ),
    pytest.param(
        ["-\tgithub.com/golang-jwt/jwt/v4 v4.4.2", "+\tgithub.com/golang-jwt/jwt/v5 v5.0.0"],
        "github.com/golang-jwt/jwt/v5",
        id="go-major",
    ),
]


@pytest.mark.parametrize(("lines", "package"), BUMPS)
def test_a_security_package_whose_version_changed_is_found(lines: list[str], package: str) -> None:
    assert bumped_package(lines, SECURITY_PACKAGES) == package


NOT_BUMPS = [
    pytest.param(['+    "jsonwebtoken": "^9.0.0",'], id="only-added"),
    pytest.param(['-    "jsonwebtoken": "^9.0.0",'], id="only-removed"),
    pytest.param(['-    "jest": "^28.0.0",', '+    "jest": "^29.0.0",'], id="not-security"),
    pytest.param(
        ['-    "authorize-net": "1.0.0",', '+    "authorize-net": "1.0.1",'],
        id="auth-is-a-word-not-a-prefix",
    ),
    pytest.param(
        ['-  "description": "JWT for node 1.2",', '+  "description": "JWT for node 1.3",'],
        id="prose",
    ),
    pytest.param(['-  "version": "1.2.3",', '+  "version": "1.2.4",'], id="own-version"),
    pytest.param(['-    "jwt",', '+    "jws",'], id="keywords-no-version"),
    pytest.param(['-  "jsonwebtoken": "^8.5.1",', '+  "jws": "^4.0.0",'], id="another-package"),
    pytest.param(
        ['-    "@types/passport": "1.0.6",', '+    "@types/passport": "1.0.7",'], id="type-stubs"
    ),
    pytest.param(["-types-oauthlib==3.2.0", "+types-oauthlib==3.3.0"], id="python-stubs"),
    pytest.param(['-    "passport": "^0.6.0",', '+    "passport": "0.6.0",'], id="pinned"),
    pytest.param(["-oauthlib==3.2.2", "+oauthlib>=3.2.2"], id="loosened"),
    pytest.param(
        [
            "-    openid = 'python-openid >= 2.2.5'",
            "-    openid = 'python3-openid >= 3.0.8'",
            "+    openid = 'python-openid >= 2.2.5'",
            "+    openid = 'python3-openid >= 3.0.8'",
        ],
        id="lines-removed-and-added-as-they-were",
    ),
]


@pytest.mark.parametrize("lines", NOT_BUMPS)
def test_nothing_else_is_a_bump(lines: list[str]) -> None:
    assert bumped_package(lines, SECURITY_PACKAGES) is None


# --- weighed with the other evidence ------------------------------------------------------

JWT_BUMP = {"package.json": ['-    "jsonwebtoken": "^8.5.1",', '+    "jsonwebtoken": "^9.0.0",']}
JEST_BUMP = {"package.json": ['-    "jest": "^28.0.0",', '+    "jest": "^29.0.0",']}


def test_a_fix_that_bumps_a_security_package_is_security_work_whatever_it_says() -> None:
    # "bump", "upgrade" and the `deps` scope discount an auth folder's paths (formatting
    # or tooling); for a manifest they say what a dependency's fix is.
    for header in ("fix(deps): bump jsonwebtoken to 9.0.0", "fix: upgrade dependencies"):
        found = detection(header, JWT_BUMP)
        assert found.relevant, found.discounted
        reason = found.reasons[0]
        assert (reason.kind, reason.subject, reason.setting) == (
            "path",
            "package.json",
            "security.packages",
        )
        assert reason.support == "its changed lines move `jsonwebtoken` to another version"


def test_a_manifest_is_weighed_as_one_wherever_it_lies_and_whatever_its_name() -> None:
    lines = [
        "-  gem.add_runtime_dependency 'ruby-saml', '~> 1.3'",
        "+  gem.add_runtime_dependency 'ruby-saml', '~> 1.4'",
    ]
    for manifest in ("omniauth-saml.gemspec", "packages/next-auth/package.json"):
        found = detection("fix: bump ruby-saml", {manifest: lines})
        assert found.relevant, found.discounted
        assert found.reasons[0].setting == "security.packages"


def test_a_bump_of_any_other_package_is_not() -> None:
    found = detection("fix(deps): bump jest to 29", JEST_BUMP)
    assert not found.relevant
    assert "move no security package" in found.discounted[0].why


def test_a_manifest_wants_its_lines_and_its_name_never_counts() -> None:
    found = detection("fix: bump", None, paths=("package.json", "src/cart.ts"))
    assert not found.relevant
    assert found.wants_lines == ("package.json",)
    # the prepare-commit-msg template lists auth code by name: a manifest is none
    assert path_reasons((Change("M", "package.json"),), config()) == ([], [])
    # a lockfile moves every transitive package: it is read through its manifest
    assert detection("fix: bump", None, paths=("package-lock.json",)).wants_lines == ()
    # nor is a manifest under a test folder, nor any without `read-diff`
    assert detection("fix: bump", {"test/package.json": JWT_BUMP["package.json"]}).reasons == ()
    off = {"security": {"read-diff": False}}
    assert detection("fix: bump", None, paths=("package.json",), settings=off).wants_lines == ()


def test_packages_are_configurable() -> None:
    stripe = {"package.json": ['-    "stripe": "^11.0.0",', '+    "stripe": "^12.0.0",']}
    own = {"security": {"packages": ["stripe"]}}
    assert detection("fix(deps): bump stripe", stripe, settings=own).relevant
    assert not detection("fix(deps): bump jsonwebtoken", JWT_BUMP, settings=own).relevant
    none: dict[str, object] = {"security": {"packages": []}}
    assert detection("fix: bump", None, paths=("package.json",), settings=none).wants_lines == ()
    with pytest.raises(ConfigError, match=r"security\.packages"):
        config({"security": {"packages": "jwt"}})


# --- through git: the hook, check, report and explain ----------------------------------------

MANIFEST = """{
  "name": "api",
  "dependencies": {
    "jest": "^28.0.0",
    "jsonwebtoken": "^8.5.1"
  }
}
"""


@pytest.fixture
def hooked(repo: Repo, monkeypatch: pytest.MonkeyPatch) -> Repo:
    return hooked_after(repo, monkeypatch, "feat(api): start", {"package.json": MANIFEST})


def test_the_hook_asks_a_bump_of_a_security_package_for_its_impact(hooked: Repo) -> None:
    hooked.stage("package.json", MANIFEST.replace("^8.5.1", "^9.0.0"))
    refused = hooked.commit("fix(deps): bump jsonwebtoken to 9.0.0", check=False)
    assert refused.returncode != 0
    assert "its changed lines move `jsonwebtoken` to another version" in refused.stderr
    body = "\n\nCVE-2022-23529: a poisoned secret could run code.\nImpact: High\nAffects: login"
    assert hooked.commit("fix(deps): bump jsonwebtoken to 9.0.0" + body).returncode == 0
    bumped = MANIFEST.replace("^8.5.1", "^9.0.0")
    hooked.stage("package.json", bumped.replace("^28.0.0", "^29.0.0"))
    assert hooked.commit("fix(deps): bump jest to 29", check=False).returncode == 0


def test_check_report_and_explain_read_the_manifest(repo: Repo) -> None:
    repo.record("feat(api): start", {"package.json": MANIFEST})
    base = repo.git("rev-parse", "HEAD").stdout.strip()
    repo.record("fix(deps): bump jest", {"package.json": MANIFEST.replace("^28", "^29")})
    bumped = MANIFEST.replace("^28", "^29").replace("^8.5.1", "^9.0.0")
    repo.record("fix(deps): bump jsonwebtoken", {"package.json": bumped})
    checked = run_commitguard("check", f"{base}..HEAD", "--format", "json", cwd=repo.path)
    assert checked.returncode == 1, checked.stderr
    flagged = [c["header"] for c in json.loads(checked.stdout)["commits"] if c["violations"]]
    assert flagged == ["fix(deps): bump jsonwebtoken"]
    assert security_totals(repo) == (1, 1)
    explained = run_commitguard("explain", "security-impact", "--commit", "HEAD", cwd=repo.path)
    assert explained.returncode == 0, explained.stderr
    assert "counts: path package.json matches `**/package.json`: its changed lines move" in (
        explained.stdout
    )
    assert "(security.packages)" in explained.stdout
