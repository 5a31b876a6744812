"""security-impact: detection on real project layouts and their traps, both body layouts,
what commitguard writes (read back by git's own trailer parser), and `explain`."""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from commitguard.config.load import Config, build
from commitguard.engine.lint import lint
from commitguard.message.parse import parse
from commitguard.model import Change
from commitguard.rules.security import describe
from commitguard.security.body import field_problem, read_body, with_fields
from commitguard.security.detect import detect
from tests.helpers import Repo, run_commitguard, security_totals


def config(settings: Mapping[str, object] | None = None) -> Config:
    return build(dict(settings or {}), "test.yaml")


# A change to a check, as a security fix in an auth file makes: what a candidate path's
# lines must touch for it to count (the lines themselves are weighed further below).
CHECK_CHANGE = ("-    if user:", "+    if user and user.is_active:")


def judged(
    header: str,
    *paths: str,
    settings: Mapping[str, object] | None = None,
    lines: tuple[str, ...] = CHECK_CHANGE,
    body: str = "",
) -> bool:
    message = parse(header)
    assert message.header is not None
    changes = tuple(Change("M", path) for path in paths)
    hunks = {path: list(lines) for path in paths}
    return detect(message.header, changes, config(settings), hunks=hunks, body=body).relevant


# --- detection ------------------------------------------------------------------------------

SECURITY_WORK = [
    pytest.param("fix(auth): x", (), id="scope-auth"),
    pytest.param("fix(api,oauth): x", (), id="second-scope"),
    pytest.param("fix(JWT): x", (), id="scope-case-ignored"),
    pytest.param("fix(users): x", ("src/auth/guards/jwt-auth.guard.ts",), id="nestjs-auth-guards"),
    pytest.param("fix(users): x", ("src/users/roles.guard.ts",), id="nestjs-guard-file"),
    pytest.param("fix(users): x", ("src/auth/strategies/jwt.strategy.ts",), id="nestjs-strategy"),
    pytest.param("fix(api): x", ("server/middleware/auth.js",), id="express-middleware-auth"),
    pytest.param("fix(api): x", ("src/middleware/requireAuth.ts",), id="express-require-auth"),
    pytest.param("fix(api): x", ("src/middlewares/authenticate.js",), id="express-middlewares"),
    pytest.param("fix(users): x", ("accounts/views.py",), id="django-accounts"),
    pytest.param("fix(users): x", ("project/accounts/forms.py",), id="django-accounts-nested"),
    pytest.param("fix(api): x", ("api/permissions.py",), id="drf-permissions"),
    pytest.param("fix(api): x", ("app/authentication/backends.py",), id="authentication-dir"),
    pytest.param("fix(api): x", ("src/main/java/com/acme/security/JwtFilter.java",), id="spring"),
    pytest.param("fix(api): x", ("app/Policies/PostPolicy.php",), id="laravel-policies"),
    pytest.param("fix(api): x", ("docs/readme.md", "src/Auth/Login.cs"), id="one-of-many-paths"),
    pytest.param("fix(orders): patch XSS in the order notes", (), id="keyword-xss"),
    pytest.param("fix(orders): close CVE-2024-12345", (), id="keyword-cve-prefix"),
    pytest.param("fix(search): prevent SQL injection", (), id="keyword-injection"),
    pytest.param("fix(api): stop the admin check bypass", (), id="keyword-bypass"),
    pytest.param("fix(api): patch JWT validation vulnerability", (), id="keyword-vulnerability"),
]

NOT_SECURITY_WORK = [
    pytest.param("feat(auth): add MFA", ("src/auth/mfa.ts",), id="not-a-fix"),
    pytest.param("fix(cart): keep items", ("src/cart/cart.ts",), id="plain-fix"),
    pytest.param("fix(posts): x", ("src/author/author.service.ts",), id="trap-author-dir"),
    pytest.param("fix(posts): x", ("src/authors.py", "oauthlib.txt"), id="trap-auth-prefix"),
    pytest.param(
        "fix(api): x", ("src/common/guards/throttler.guard.ts",), id="trap-throttler-guard"
    ),
    pytest.param("fix(api): x", ("src/auth/guards/rate-limit.guard.ts",), id="trap-rate-limit"),
    pytest.param("fix(api): x", ("src/throttler/guards/ip.guard.ts",), id="trap-throttler-dir"),
    pytest.param("fix(api): x", ("src/auth/auth.service.spec.ts",), id="trap-spec-file"),
    pytest.param("fix(api): x", ("src/auth/__tests__/login.test.js",), id="trap-jest-test"),
    pytest.param("fix(api): x", ("accounts/tests/test_views.py",), id="trap-django-tests"),
    pytest.param("fix(api): x", ("test/e2e/auth/login.e2e-spec.ts",), id="trap-e2e"),
    pytest.param("fix(api): x", ("docs/security/README.md",), id="trap-docs"),
    pytest.param("fix(di): repair the dependency injection container", (), id="trap-di"),
    pytest.param("fix(ui): use the right font", (), id="trap-no-word"),
    pytest.param("fix(ui): enforce the spacing", (), id="trap-rce-inside-a-word"),
]


@pytest.mark.parametrize(("header", "paths"), SECURITY_WORK)
def test_security_work_is_found(header: str, paths: tuple[str, ...]) -> None:
    assert judged(header, *paths)


@pytest.mark.parametrize(("header", "paths"), NOT_SECURITY_WORK)
def test_other_work_is_not(header: str, paths: tuple[str, ...]) -> None:
    assert not judged(header, *paths)


def test_a_rename_out_of_auth_counts() -> None:
    message = parse("fix(users): x")
    assert message.header is not None
    moved = (Change("R", "src/users/login.ts", "src/auth/login.ts"),)
    hunks = {"src/users/login.ts": list(CHECK_CHANGE)}
    assert detect(message.header, moved, config(), hunks=hunks).relevant


@pytest.mark.parametrize(
    ("settings", "header", "paths", "expected"),
    [
        pytest.param({"security": {"types": ["fix", "perf"]}}, "perf(auth): x", (), True, id="t"),
        pytest.param({"security": {"scopes": ["payments"]}}, "fix(auth): x", (), False, id="s"),
        pytest.param(
            {"security": {"paths": ["billing/**"]}}, "fix(x): y", ("billing/a.py",), True, id="p"
        ),
        pytest.param({"security": {"paths": []}}, "fix(x): y", ("src/auth/a.py",), False, id="np"),
        pytest.param(
            {"security": {"ignore-paths": []}},
            "fix(x): y",
            ("src/guards/throttler.guard.ts",),
            True,
            id="no-ignores",
        ),
        pytest.param({"security": {"keywords": ["leak"]}}, "fix(x): token leak", (), True, id="k"),
        pytest.param({"security": {"keywords": []}}, "fix(x): XSS", (), False, id="no-keywords"),
    ],
)
def test_everything_is_configurable(
    settings: Mapping[str, object], header: str, paths: tuple[str, ...], expected: bool
) -> None:
    assert judged(header, *paths, settings=settings) is expected


@pytest.mark.parametrize(
    ("glob", "path", "matches"),
    [
        ("**/auth/**", "auth/x.py", True),
        ("**/auth/**", "a/b/auth/c/d.py", True),
        ("**/auth/**", "a/author/x.py", False),
        ("**/auth/**", "a/oauth/x.py", False),
        ("**/*.guard.ts", "a.guard.ts", True),
        ("*.guard.ts", "deep/down/a.guard.ts", True),
        ("src/*.py", "src/a/b.py", False),
        ("**/middleware/*auth*", "x/middleware/basicAuth.js", True),
        ("a?c", "abc", True),
        ("a.c", "abc", False),
    ],
)
def test_globs_match_whole_segments(glob: str, path: str, matches: bool) -> None:
    # The security features' own cases; the dialect itself is tested in test_globs.py.
    assert judged("fix(x): y", path, settings={"security": {"paths": [glob]}}) is matches


# --- the body ---------------------------------------------------------------------------

TEAM = (
    "fix(auth): patch JWT validation vulnerability\n\n"
    "Security fix for token bypass issue.\n"
    "Impact: Critical\n"
    "Affects: All authenticated endpoints"
)
TRAILERS = (
    "fix(auth): patch JWT validation vulnerability\n\n"
    "Security fix for token bypass issue.\n\n"
    "Impact: Critical\n"
    "Affects: All authenticated endpoints"
)


def security_errors(text: str, *paths: str) -> list[str]:
    changes = tuple(Change("M", path) for path in paths)
    result = lint(parse(text), config(), changes=changes)
    return [v.message for v in result.violations if v.rule == "security-impact"]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(TEAM, id="team-layout"),
        pytest.param(TRAILERS, id="trailer-layout"),
        pytest.param(TRAILERS.replace("Impact:", "Security-Impact:"), id="security-impact-key"),
        pytest.param(TRAILERS.replace("Critical", "moderate"), id="github-moderate"),
        pytest.param(
            TRAILERS.replace("All authenticated endpoints", "All authenticated\n  endpoints"),
            id="folded-affects",
        ),
        pytest.param(
            TRAILERS + "\nCVE: CVE-2024-12345\nCWE: CWE-287\n"
            'Fixes: 1a2b3c4d5e6f ("feat(auth): add JWT guard")\n'
            "Reported-by: Grace Hopper <grace@example.com>",
            id="optional-fields",
        ),
        pytest.param(
            "fix(auth): stop the login redirect loop\n\nIt pointed at itself.\n\nImpact: None",
            id="no-impact-needs-no-affects",
        ),
        pytest.param(
            "fix(auth): stop the loop\n\nIt pointed at itself.\nimpact: none.", id="no-impact-case"
        ),
    ],
)
def test_bodies_that_pass(text: str) -> None:
    assert security_errors(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(TRAILERS + "\nCVE: 2024-1", "`CVE:` expects", id="bad-cve"),
        pytest.param(TRAILERS + "\nCWE: 287", "`CWE:` expects", id="bad-cwe"),
        pytest.param(TRAILERS + "\nFixes: #12", "`Fixes:` expects", id="bad-fixes"),
        pytest.param(TRAILERS + "\nReported-by: grace", "`Reported-by:` expects", id="bad-rep"),
        pytest.param(
            "fix(auth): x\n\nfix: the token check\nimpact: high\naffects: login",
            None,
            id="fix-colon-is-prose-and-counts-as-description",
        ),
        pytest.param(
            "fix(auth): x\n\nImpact: High\nAffects: login", "no description", id="no-description"
        ),
        pytest.param(
            "fix(auth): x\n\nImpact: None", "no description", id="no-impact-still-says-what"
        ),
        pytest.param(
            "fix(auth): x\n\nThe loop.\n\nImpact: Nothing\nAffects: login",
            "not a level",
            id="not-a-level",
        ),
    ],
)
def test_bodies_that_fail(text: str, expected: str | None) -> None:
    errors = security_errors(text)
    if expected is None:
        assert errors == []
    else:
        assert len(errors) == 1, errors
        assert expected in errors[0]


def test_a_path_reason_is_named_in_the_error() -> None:
    message = parse("fix(api): check tokens")
    assert message.header is not None
    changes = (Change("M", "server/middleware/auth.js"),)
    hunks = {"server/middleware/auth.js": ["+  if (!token) return res.status(401).end()"]}
    found = detect(message.header, changes, config(), hunks=hunks)
    [reason] = found.reasons
    assert describe(reason).startswith("path server/middleware/auth.js matches `**/")
    assert describe(reason).endswith("`: its changed lines touch `token`")
    assert security_errors(TEAM) == []


def test_only_known_keys_are_fields() -> None:
    body = read_body(parse("fix(auth): x\n\nNote: the old check\nImpact: High\nfix: y"))
    assert [field.key for field in body.fields] == ["Impact"]
    assert body.has_description


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("CVE-2024-12345", True),
        ("cve-2024-1234, CVE-2023-99999", True),
        ("GHSA-abcd-efgh-jkmp", False),
        ("GHSA-2345-6789-cfgh", True),
        ("CVE-24-1", False),
    ],
)
def test_cve_values(value: str, ok: bool) -> None:
    field = read_body(parse(f"fix(auth): x\n\nCVE: {value}")).fields[0]
    assert (field_problem(field) is None) is ok


# --- what commitguard writes: git's trailer parser reads it ----------------------------


WRITES = [
    pytest.param("fix(auth): x", {"Impact": "High", "Affects": "Login"}, "Fixed.", id="empty"),
    pytest.param(
        "fix(auth): x\n\nFixed.\nimpact: low\naffects: login",
        {},
        None,
        id="team-layout-moved-and-canonical",
    ),
    pytest.param(
        "fix(auth): x\n\nFixed.\n\nRefs: #12\nSigned-off-by: A <a@example.com>",
        {"Impact": "Medium", "Affects": "Login"},
        None,
        id="existing-trailer-block",
    ),
    pytest.param(
        "fix(auth): x\n\nFixed.\nSecurity-Impact: MODERATE\nAffects: all\n  endpoints\n"
        "cve: cve-2024-12345",
        {},
        None,
        id="alias-folded-and-cve",
    ),
]


@pytest.mark.parametrize(("text", "answers", "description"), WRITES)
def test_what_is_written_is_canonical_and_git_reads_it(
    repo: Repo, text: str, answers: dict[str, str], description: str | None
) -> None:
    written = with_fields(parse(text), answers, description)
    assert security_errors(written) == []
    parsed = repo.git("interpret-trailers", "--parse", input=written + "\n").stdout
    keys = [line.split(": ", 1)[0] for line in parsed.splitlines()]
    assert keys[:2] == ["Impact", "Affects"]
    impact = parsed.splitlines()[0].split(": ", 1)[1]
    assert impact in ("Critical", "High", "Medium", "Low")
    # Nothing else in the message was lost.
    assert written.startswith("fix(auth): x\n\nFixed.\n\n")
    if "Signed-off-by" in text:
        assert parsed.splitlines()[-1] == "Signed-off-by: A <a@example.com>"
    if "cve" in text:
        assert "CVE: CVE-2024-12345" in parsed
        assert "Affects: all endpoints" in parsed


def test_the_team_layout_is_not_read_by_git_but_is_by_commitguard(repo: Repo) -> None:
    parsed = repo.git("interpret-trailers", "--parse", input=TEAM + "\n").stdout
    assert parsed == ""  # why both layouts have to be accepted
    assert security_errors(TEAM) == []


# --- check: the commit's own paths -------------------------------------------------------


def test_check_reads_the_lines_of_a_fix_flagged_by_its_paths(repo: Repo) -> None:
    """A fix whose only evidence is an auth path's name is judged by that path's changed
    lines in `check` too, read for all such fixes at once: a guard that now rejects
    expired tokens is security work; the same guard's text reflowed is not."""
    guard = "src/auth/guards/jwt.guard.ts"
    repo.record("chore(auth): add the guard", {guard: "export class JwtGuard {}\n"})
    base = repo.git("rev-parse", "HEAD").stdout.strip()
    checked = (
        "export class JwtGuard {\n  if (token.exp < now) throw new UnauthorizedException();\n}\n"
    )
    repo.record("fix(users): reject expired tokens", {guard: checked})
    repo.record("fix(users): tidy the guard", {guard: checked.replace("  if", "    if")})
    repo.record("fix(api): raise the limit", {"src/common/guards/throttler.guard.ts": "x\n"})
    result = run_commitguard("check", f"{base}..HEAD", cwd=repo.path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "reject expired tokens" in result.stdout
    assert "tidy the guard" not in result.stdout
    assert "raise the limit" not in result.stdout
    assert "1 failed" in result.stdout
    # The report counts as `check` judges: one security fix, undocumented.
    assert security_totals(repo) == (1, 1)


# --- explain ---------------------------------------------------------------------------

STRATEGY = """import { PassportStrategy } from '@nestjs/passport'

export class JwtStrategy extends PassportStrategy(Strategy) {
  validate(payload, user) {
    if (!user) throw new UnauthorizedException()
    return user
  }
}
"""


def test_explain_a_commit(repo: Repo) -> None:
    repo.record("feat(api): add guards", {"src/auth/jwt.strategy.ts": STRATEGY})
    repo.record(
        "fix(api): stop the token bypass",
        {
            "src/common/guards/throttler.guard.ts": "x\n",
            "src/auth/jwt.strategy.ts": STRATEGY.replace(
                "if (!user)", "if (!user || !user.active)"
            ),
        },
    )
    result = run_commitguard("explain", "security-impact", "--commit", "HEAD", cwd=repo.path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "security-relevant: yes" in out
    assert "counts: `bypass` in the description (security.keywords)" in out
    assert (
        "counts: path src/auth/jwt.strategy.ts matches `**/{auth,authentication}/**/*.strategy"
        ".{ts,js}`: its changed lines touch `Unauthorized` (security.roles)" in out
    )
    assert "not counted: src/common/guards/throttler.guard.ts matches `**/*.guard.{ts,js}`" in out
    assert "Impact: missing" in out


def test_explain_a_message_with_the_staged_paths(repo: Repo) -> None:
    repo.stage("accounts/views.py", "if not user.is_active:\n    raise PermissionDenied\n")
    message = repo.write("msg.txt", "fix(users): keep users logged out\n\nFixed.\nImpact: low\n")
    result = run_commitguard("explain", "security-impact", "--message", str(message), cwd=repo.path)
    assert result.returncode == 0, result.stderr
    assert (
        "counts: path accounts/views.py matches `**/accounts/**`: its changed lines touch "
        "`is_active`" in result.stdout
    )
    assert "Impact: low" in result.stdout
    assert "but the body has no `Affects:`" in result.stdout


def test_explain_says_why_not(repo: Repo) -> None:
    result = run_commitguard(
        "explain",
        "security-impact",
        "--message",
        "-",
        "--path",
        "src/author/a.py",
        cwd=repo.path,
        input="fix(posts): show the author\n",
    )
    assert result.returncode == 0, result.stderr
    assert "security-relevant: no" in result.stdout
    assert "no security scope, path (1 looked at) or keyword" in result.stdout


def test_explain_other_rules_take_no_message(repo: Repo) -> None:
    result = run_commitguard("explain", "type-enum", "--commit", "HEAD", cwd=repo.path)
    assert result.returncode == 2
    assert "security-impact only" in result.stderr


@pytest.mark.parametrize(
    ("text", "listed"),
    [
        pytest.param("fix(auth): stop the loop\n\nIt looped.\n\nImpact: None", True, id="none"),
        pytest.param(TRAILERS, False, id="a-level"),
        pytest.param("fix(orders): x\n\nIt looped.\n\nImpact: None", False, id="not-security"),
        pytest.param("feat(auth): x\n\nIt looped.\n\nImpact: None", False, id="not-a-fix"),
    ],
)
def test_a_claim_of_no_impact_is_listed_for_review(text: str, listed: bool) -> None:
    result = lint(parse(text), config())
    found = [(v.rule, v.severity.value) for v in result.violations]
    assert (("security-no-impact", "warning") in found) == listed
    assert not [v for v in result.violations if v.rule == "security-impact"]
