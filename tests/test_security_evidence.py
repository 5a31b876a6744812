"""How security detection weighs its evidence: keywords in context, what changed lines
touch, which paths need their lines, and the hook that reads them through real commits.
The cases are the classes bench/security.py found on real histories."""

from __future__ import annotations

import random
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest

from commitguard.config.load import Config, build
from commitguard.errors import ConfigError
from commitguard.message.parse import parse
from commitguard.model import Change
from commitguard.security.detect import Detection, detect
from commitguard.security.diff import changed
from commitguard.security.lines import moved_lines, substantive, touched
from commitguard.security.words import CONTEXTS, body_ids, description_words
from tests.helpers import Repo, hooked_after, run_commitguard


def config(settings: Mapping[str, object] | None = None) -> Config:
    return build(dict(settings or {}), "test.yaml")


def detection(
    header: str,
    hunks: Mapping[str, Sequence[str]] | None = None,
    *,
    paths: Sequence[str] = (),
    body: str = "",
    settings: Mapping[str, object] | None = None,
) -> Detection:
    message = parse(header)
    assert message.header is not None
    every = list(paths) + [path for path in (hunks or {}) if path not in paths]
    changes = tuple(Change("M", path) for path in every)
    return detect(message.header, changes, config(settings), hunks=hunks, body=body)


# --- keywords in context ------------------------------------------------------------------

COUNTS = [
    pytest.param("prevent SQL injection in search", id="sql-injection"),
    pytest.param("stop header injection in redirects", id="header-injection"),
    pytest.param("prevent IDOR on invoices", id="idor"),
    pytest.param("distrust X-Forwarded-For", id="x-forwarded-for"),
    pytest.param("use a constant-time compare for tokens", id="constant-time"),
    pytest.param("Account enumeration timing attack", id="enumeration-timing"),
    pytest.param("ACCOUNT_CHANGE_EMAIL=True verification flaw", id="flaw"),
    pytest.param("JWT: Prevent replay using JTI", id="replay"),
    pytest.param("user_display did not escape", id="escape-not"),
    pytest.param("parameterize the report queries", id="parameterize"),
    pytest.param("close an open redirect after login", id="open-redirect"),
    pytest.param("login attempts limit bypass by casing", id="rate-limit-bypass"),
    pytest.param("update dependency nodemailer to v6.9.9 [security]", id="renovate-security"),
    pytest.param("add security headers to the docs site", id="security-headers"),
    pytest.param("stop the token leak in logs", id="token-leak"),
    pytest.param("fix subdomain takeover of preview hosts", id="takeover"),
    pytest.param("validate the OAuth state on callback", id="validate-state"),
    pytest.param("verify iss in Apple ID tokens", id="verify-iss"),
    pytest.param("Regenerate session on login", id="regenerate-session"),
    pytest.param("avoid reusing verification codes", id="reuse-codes"),
    pytest.param("tighten redirect URL validation", id="redirect-validation"),
    pytest.param("use hmac.compare_digest for value comparison", id="compare-digest"),
    pytest.param('remove "none" from the default JWT algorithms', id="alg-none"),
    pytest.param("add a size limit to prevent DoS", id="dos"),
    pytest.param("stop redirecting to an unvalidated redirect_uri", id="unvalidated"),
    pytest.param("Enforce POST HTTP method on TokenEndpoint", id="camel-case-identifier"),
    pytest.param("Fix verify for RSAPublicKey formatted keys", id="acronym-identifier"),
    pytest.param("tighten OAuth state handling", id="oauth-is-one-word"),
    pytest.param("Clear user from old session on logout", id="clear-session"),
    pytest.param("invalidate refresh tokens on password change", id="invalidate-tokens"),
    pytest.param("rotate the signing keys", id="rotate-keys"),
    pytest.param("add an alg allowlist to decode", id="alg-allowlist"),
    pytest.param(
        "Address polynomial regular expression used on uncontrolled data", id="code-scanning"
    ),
    pytest.param("Use crypto.randomBytes for ID generation", id="csprng"),
    pytest.param("Merge commit from fork", id="private-advisory-fork"),
    pytest.param("bump nodemailer to 8.0.2 to address CVE", id="bare-cve"),
    pytest.param("A (hopeful) fix for possible open-redirect.", id="hyphenated"),
    pytest.param("the error page escapes props inherited from params", id="escapes"),
    pytest.param("use defusedxml to prevent XXE and other attacks", id="attacks"),
    pytest.param("Add cross site protection via rack-protection", id="cross-site"),
    pytest.param("Add protect_from_forgery to the authorizations controller", id="forgery"),
    pytest.param("Filter out sensitive parameters from logs", id="sensitive-parameters"),
    pytest.param("add a rate limiter to the login view", id="rate-limiter"),
    pytest.param("fix global lockout by an empty username", id="lockout"),
    pytest.param("Expand is_safe_url validator cases", id="is-safe-url"),
    pytest.param("Change ProxyFix default to not include x_prefix", id="proxy-fix"),
    pytest.param("Check using only valid trust anchors", id="trust-anchors"),
    pytest.param("Reject when x5c self-signed root detected", id="x5c"),
    pytest.param("Fail cert path validation closed", id="cert-validation"),
    pytest.param("Stricter validation of the code challenge value", id="pkce"),
    pytest.param("per-session max_age enforcement", id="enforcement"),
    pytest.param("prevent OctKey to import ssh/rsa/pem keys", id="tooling-word-after-defence"),
    pytest.param("do not allow downloading arbitrary files on Windows", id="arbitrary-files"),
    pytest.param("safe_join prevents windows special device names", id="safe-join"),
    pytest.param("restrict debugger trusted hosts", id="trusted-hosts"),
    pytest.param("new and interesting iframe validation exploits", id="exploits"),
    pytest.param("escape id of headings", id="escape-ids"),
    pytest.param("escape filename in the Content-Disposition header", id="escape-header"),
    pytest.param("jwe: limit maximum output from decompressing", id="bound-decompression"),
    pytest.param("limit the maximum number of multipart form parts", id="bound-parts"),
    pytest.param("Don't allow unbounded amounts of splits", id="unbounded"),
    pytest.param("Remove potential key from exception message", id="secret-out-of-message"),
    pytest.param("Don't return access token in __str__", id="secret-out-of-str"),
    pytest.param("Strip auth headers on cross-origin redirects", id="secret-out-of-redirect"),
    pytest.param("Do not accept invalid public keys in DeriveECDHES", id="refuse-keys"),
    pytest.param("Check for invalid ECDH keys in headers, JWKs", id="invalid-keys"),
    pytest.param("add trustedproxies and remoteIP", id="trusted-proxies"),
    pytest.param("disallow the media proxy to fetch resources on private networks", id="far"),
    pytest.param("Make content-length parsing more strict", id="strict-framing"),
    pytest.param("Stricter handling of transfer-encoding", id="strict-transfer-encoding"),
    pytest.param("guard against request smuggling", id="smuggling"),
    pytest.param("Fix: slow multipart parsing for huge files", id="slow-parsing"),
    pytest.param("anchor the pattern to prevent quadratic backtracking", id="quadratic"),
    pytest.param("Prevent directory traversion with static files", id="traversion"),
    pytest.param("Prevent symlink path traversals", id="traversals"),
    pytest.param("Namespace confusion when disallowing svg or math", id="confusion"),
    pytest.param("disallow invalid characters in keys to the xmlattr filter", id="chars-refused"),
    pytest.param("Convert invisible characters to ? in tokens", id="chars-replaced"),
    pytest.param("only match RFC allowed characters in the authority", id="chars-allowed"),
    pytest.param("Ensure JWE expires as expected", id="expiry"),
    pytest.param("make sure uid is compared case-sensitive", id="case-of-identity"),
    pytest.param("set Vary: Cookie header consistently for session", id="vary"),
    pytest.param("add no cache directive to login forms", id="no-cache"),
    pytest.param("Don't ascribe cookies to the target domain", id="cookie-scope"),
    pytest.param("only logout with POST", id="logout-method"),
    pytest.param("lock attempts at challenges with max attempts", id="attempts"),
    pytest.param("cleanup sessions when deleting users", id="sessions-outlive-user"),
    pytest.param("Only use hostname to do netrc lookup", id="netrc"),
    pytest.param("Read Limit Fix", id="read-limit"),
    pytest.param("set the SameSite attribute on the trust cookie", id="samesite"),
    pytest.param("Fix root path disclosure", id="disclosure"),
    pytest.param("parse: ignore __proto__ keys", id="proto"),
    pytest.param("Restrict repeated wildcard backtracking", id="backtracking"),
    pytest.param("Validate chunk size in chunked encoding", id="chunk-size"),
]

DISCOUNTED = [
    pytest.param("repair the dependency injection container", "injection", id="di"),
    pytest.param("keep scoped injection order in the compiler", "injection", id="scoped"),
    pytest.param("update security contact", "security", id="contact"),
    pytest.param("docs: security@example.org", "security", id="address"),
    pytest.param("match docs page wording for SECURITY.md", "SECURITY", id="security-md"),
    pytest.param("add bandit security checks", "security", id="tool"),
    pytest.param("WebAuthn based security keys", "security", id="security-keys"),
    pytest.param("allow limitation bypass for enterprise plans", "bypass", id="billing-bypass"),
    pytest.param("close the dialog on escape", "escape", id="escape-key"),
    pytest.param("plug a memory leak in the watcher", "leak", id="memory-leak"),
    pytest.param("replay migrations in order", "replay", id="replay-migrations"),
    pytest.param("validate the form before submit", "validate", id="validate-form"),
    pytest.param("verify the build on CI", "verify", id="verify-build"),
    pytest.param("reject empty lines in the CSV import", "reject", id="reject-lines"),
    pytest.param("prevent a double submit of the order", "prevent", id="prevent-submit"),
    pytest.param("convert DOS line endings", "DOS", id="dos-line-endings"),
    pytest.param("none of the buttons work", "none", id="none"),
    pytest.param(
        "prevent session expiry on flaky networks", ("prevent", "expiry"), id="keep-alive"
    ),
    pytest.param("clear the search form", "clear", id="clear-form"),
    pytest.param("rotate the log files daily", "rotate", id="rotate-logs"),
    pytest.param("add a colour allowlist to the theme editor", "allowlist", id="allowlist"),
    pytest.param(
        "merge commit from fork into release", "merge commit from fork", id="fork-in-prose"
    ),
    pytest.param("invalidate the cache of AuthorNames", "invalidate", id="author-not-auth"),
    pytest.param("add a CVE scanner to the pipeline", "CVE", id="cve-scanner"),
    pytest.param("stop escaping the string literal twice", "escaping", id="escaping-literal"),
    pytest.param("make the user search case sensitive", "case sensitive", id="case-sensitive"),
    pytest.param("skip the sensitive test on CI", "sensitive", id="sensitive-test"),
    pytest.param("retry when the GitHub rate limit is hit", "rate limit", id="client-limit"),
    pytest.param("avoid rate limiting by the carrier API", "rate limiting", id="avoid-limit"),
    pytest.param("limit the number of results per page", "limit", id="page-limit"),
    pytest.param("cap the output width of the table", "cap", id="cap-width"),
    pytest.param("remove duplicate keys from the list", "remove", id="remove-keys"),
    pytest.param("remove the token counter from the sidebar", "remove", id="no-output"),
    pytest.param("hide the sidebar on errors", "hide", id="no-secret"),
    pytest.param("fix invalid JSON in the config", "invalid", id="invalid-json"),
    pytest.param("reset invalid HTTP/2 sessions", "invalid", id="invalid-session"),
    pytest.param("fix slow page load on the dashboard", "slow", id="slow-page"),
    pytest.param("fix content-length for gzip responses", "content-length", id="framing"),
    pytest.param("disallow empty names in the order form", "disallow", id="disallow-form"),
    pytest.param("sort the list in an arbitrary order", "arbitrary", id="arbitrary-order"),
    pytest.param("handle rate limit errors from Stripe", "rate limit", id="limit-errors"),
    pytest.param("fix tree traversal order", "traversal", id="tree-traversal"),
    pytest.param("reduce confusion in the setup guide", "confusion", id="confusion-prose"),
    pytest.param("fix special characters in translations", "characters", id="chars-shown"),
    pytest.param("fix cache expiry for products", "expiry", id="cache-expiry"),
    pytest.param("fix expiry of the language preference", "expiry", id="preference-expiry"),
    pytest.param("make the search case-insensitive", "case-insensitive", id="search-case"),
    pytest.param("rename the cookie banner", "cookie", id="cookie-banner"),
    pytest.param("move the logout button to the menu", "logout", id="logout-button"),
    pytest.param("increase max retry attempts", "attempts", id="retry-attempts"),
    pytest.param("show deleted users in the audit log", "deleted users", id="user-gone-shown"),
    pytest.param("values vary by region", "vary", id="vary-prose"),
    pytest.param("add a responsible disclosure policy", "disclosure", id="disclosure-policy"),
    pytest.param("fix heading disclosure transform", "disclosure", id="disclosure-widget"),
    pytest.param("fix backtracking in the solver", "backtracking", id="solver"),
    pytest.param("fix chunk size of the upload progress bar", "chunk size", id="chunk-ui"),
]


@pytest.mark.parametrize("description", COUNTS)
def test_a_keyword_counts_in_the_company_of_an_attack(description: str) -> None:
    words = description_words(description, config().security_keywords)
    assert any(word.counts for word in words), [(w.word, w.why) for w in words]


@pytest.mark.parametrize("scope", ["jose", "jwk", "scim", "webauthn", "totp", "rate-limit"])
def test_the_scopes_of_security_controls_beside_auth_count(scope: str) -> None:
    found = detection(f"fix({scope}): handle the edge case")
    assert [(reason.kind, reason.subject) for reason in found.reasons] == [("scope", scope)]


def test_a_defence_is_discounted_by_the_tooling_said_before_it_not_after() -> None:
    # "move the token validation to a helper" works on the defence; "prevent OctKey to
    # import PEM keys" (authlib's CVE-2024-37568) names what it defends against
    for header in ("fix: move the token validation to a helper", "fix: extract JWT verification"):
        found = detection(header)
        assert not found.relevant, header
    found = detection("fix: prevent OctKey to import ssh/rsa/pem keys")
    assert [(reason.kind, reason.subject) for reason in found.reasons] == [("keyword", "prevent")]


@pytest.mark.parametrize(("description", "word"), DISCOUNTED)
def test_a_keyword_in_everyday_company_is_discounted(
    description: str, word: str | tuple[str, ...]
) -> None:
    words = description_words(description, config().security_keywords)
    discounted = [word] if isinstance(word, str) else list(word)
    assert [w.word for w in words if not w.counts] == discounted
    assert not any(w.counts for w in words)
    assert all(w.why for w in words)


def test_the_contexts_are_written_in_lower_case() -> None:
    # An ASCII description is lower-cased and searched without IGNORECASE (words.py
    # _search): an upper-case letter in an expression would never match there.
    for word, (expression, _) in CONTEXTS.items():
        literal = re.sub(r"\\[a-zA-Z]", "", expression)
        assert literal == literal.lower(), word
        assert word == word.lower()


def test_the_keywords_found_are_those_one_expression_over_all_of_them_finds() -> None:
    # description_words searches only the keywords whose text a description holds: it
    # must find what the whole-word expression over every keyword finds, in its order,
    # overlapping keywords (`leak`/`leaks`, `escape`/`unescaped`) and odd cases included.
    # A tuple of its own, so that its first descriptions are found by substring tests and
    # the rest by the compiled expressions (words.py `_Needles`): both ways are held.
    keywords = (*config().security_keywords, "x-test-keyword")
    every = re.compile(
        "|".join(
            r"(?<![\w-])" + re.escape(word) + (r"(?![\w-])" if word[-1].isalnum() else "")
            for word in sorted(keywords, key=len, reverse=True)
        ),
        re.IGNORECASE,
    )
    filler = ["the", "revalidated", "bindings", "unescape", "leakage", "x", "token", "é", "İ"]
    separators = [" ", "-", "_", ".", "/", "", ": "]
    generator = random.Random(1219)
    for _ in range(2000):
        parts = generator.sample(keywords, generator.randint(0, 3))
        parts += generator.choices(filler, k=generator.randint(0, 4))
        generator.shuffle(parts)
        text = "".join(
            (part.upper() if generator.random() < 0.2 else part) + generator.choice(separators)
            for part in parts
        )
        expected: list[str] = []
        for match in every.finditer(text):
            if match[0].lower() not in {word.lower() for word in expected}:
                expected.append(match[0])
        assert [word.word for word in description_words(text, keywords)] == expected, text
    # Configured keywords may overlap: `old token` inside `bold` is no word, and must not
    # hide the `token leak` that starts within it.
    overlapping = ("old token", "token leak")
    assert [w.word for w in description_words("bold token leak", overlapping)] == ["token leak"]


def test_advisory_ids_count_in_the_body_and_nothing_else_does() -> None:
    body = "Bumps oauthlib for CVE-2022-36087 (GHSA-3pgj-pg6c-r5p7); see CWE-79.\nsecurity"
    assert [word.word for word in body_ids(body)] == [
        "CVE-2022-36087",
        "GHSA-3pgj-pg6c-r5p7",
        "CWE-79",
    ]
    assert body_ids("GHSA-zzzz-zzzz-zzzz is not one; CVE-12 neither") == []
    found = detection("fix(deps): bump oauthlib", paths=("pyproject.toml",), body=body)
    assert found.relevant
    assert found.reasons[0].support == "in the body"


def test_a_keyword_in_a_commit_of_tests_and_prose_only_is_discounted() -> None:
    prose = detection("fix: add tests for known vulnerabilities", paths=("tests/test_x.py",))
    assert not prose.relevant
    assert "a test, a fixture or prose" in prose.discounted[0].why
    lockfile = ("package.json", "pnpm-lock.yaml", "CHANGELOG.md")
    assert detection("fix(deps): bump node-fetch for a vulnerability", paths=lockfile).relevant
    # A dependency manifest shares prose's extension; it is not prose.
    for manifest in ("requirements.txt", "requirements/base.txt", "constraints-dev.txt"):
        bump = detection("fix: bump Jinja2 for CVE-2019-10906", paths=(manifest,))
        assert bump.relevant, manifest
    assert not detection("fix: note CVE-2019-10906", paths=("docs/notes.txt",)).relevant


# --- what the changed lines touch -----------------------------------------------------------


def test_formatting_imports_comments_and_moves_are_not_changes() -> None:
    lines = [
        "-    return check(token,user)",
        "+    return check( token, user )",  # reformatted
        "+import { verify } from 'jsonwebtoken'",
        "+from django.contrib.auth import hashers",
        "+    // check the password",
        "+    # TODO: the session",
        "-    if not user.is_active:",
        "+    if not user.is_active:  # nosec",  # a linter's marker
        "+",
    ]
    assert substantive(lines) == []
    moved = moved_lines(
        [["-    if (!session) throw new Forbidden()"], ["+if (!session) throw new Forbidden()"]]
    )
    assert substantive(["+if (!session) throw new Forbidden()"], moved) == []


def test_the_words_of_changed_lines_are_found_whatever_their_case() -> None:
    # An ASCII line is lower-cased and searched without IGNORECASE: sound only while
    # every expression is written in lower case (an escape such as \\S aside).
    from commitguard.security import defaults

    tables = (
        defaults.SECURITY_DIFF_CHECKS,
        defaults.SECURITY_DIFF_NOUNS,
        defaults.SECURITY_MARKUP_WORDS,
        (defaults.SECURITY_CHECK_LINE, defaults.SECURITY_REJECT_LINE),
    )
    for words in tables:
        for word in words:
            assert not re.findall(r"(?<!\\)[A-Z]", word), word
    checks, nouns = defaults.SECURITY_DIFF_CHECKS, defaults.SECURITY_DIFF_NOUNS
    assert touched(["    if (!Crypto.timingSafeEqual(a, b))"], checks, nouns) == "timingSafeEqual"
    assert touched(["    élan = CSRF_Token  # ü"], checks, nouns) == "CSRF"  # not ASCII: as it is
    assert touched(["    IF NOT USER.IS_ACTIVE:"], checks, nouns) == "IS_ACTIVE"


def test_a_defence_counts_anywhere_and_data_only_on_a_check() -> None:
    checks = config()  # only for its defaults' sake: the words live in defaults.py
    from commitguard.security import defaults

    assert checks.security_read_diff
    words = (defaults.SECURITY_DIFF_CHECKS, defaults.SECURITY_DIFF_NOUNS)
    assert touched(["    supports_state = True"], *words) == "supports_state"
    assert touched(["    return json_script(settings)"], *words) == "json_script"
    assert touched(["    const token = sign(payload)"], *words) is None  # no test
    assert touched(["    if not token:", "        return None"], *words) == "token"
    assert touched(["    raise ValueError(password)"], *words) == "password"
    # the line next to a test counts too: the value a check is about to judge
    assert touched(["    decoded = b64decode(auth_string)", "except TypeError:"], *words)


def test_changed_lines_are_what_one_side_has_and_the_other_lacks() -> None:
    old = "a = 1\nb = 2\nc = 3\nd = 4\n"
    new = "a = 1\nb = 5\nc = 3\nd = 4\ne = 6\n"
    # everything between the first and the last difference; what both sides hold is
    # then read as no change
    assert changed(old, new) == [
        "-b = 2",
        "-c = 3",
        "-d = 4",
        "+b = 5",
        "+c = 3",
        "+d = 4",
        "+e = 6",
    ]
    assert substantive(changed(old, new)) == ["b = 2", "b = 5", "e = 6"]
    assert changed("", "x\n") == ["+x"]
    assert changed("same\n", "same\n") == []


# --- paths: a name makes a candidate, the lines decide -------------------------------------

GUARD_CHECK = ["-    return true", "+    return !!request.user?.roles.includes('admin')"]
A_CHECK = ["-    if user:", "+    if user and user.is_active:"]

ALGORITHMS = ["-jwt = JsonWebToken(list(REGISTRY.keys()))", '+    "HS256",']
PKCS1_KEY = ["+            b'-----BEGIN RSA PUBLIC KEY-----',"]  # a key a check refuses
REQUIRED = ["+  if (options.algorithms === undefined) throw err"]
PATHS_THAT_COUNT = [
    pytest.param("fix(users): x", {"src/auth/guards/jwt-auth.guard.ts": GUARD_CHECK}, id="guard"),
    pytest.param("fix: x", {"allauth/account/adapter.py": A_CHECK}, id="singular-account"),
    pytest.param("fix: x", {"project/accounts/forms.py": A_CHECK}, id="accounts"),
    pytest.param(
        "fix(edx): supports_state=True",
        {"allauth/socialaccount/providers/edx/views.py": ["-    supports_state = False"]},
        id="oauth-state",
    ),
    pytest.param("fix: x", {"packages/next-auth/src/lib/index.ts": A_CHECK}, id="package-name"),
    pytest.param("fix: x", {"oauth2_provider/oauth2_validators.py": A_CHECK}, id="role-anywhere"),
    pytest.param("fix: x", {"authlib/jose/rfc7515/models.py": A_CHECK}, id="jose-library"),
    pytest.param("fix: x", {"src/lib/jose-keys.ts": A_CHECK}, id="jose-role"),
    # algorithm confusion: the fix changes which algorithms a token may carry
    pytest.param("fix: remove none", {"authlib/jose/__init__.py": ALGORITHMS}, id="jwt-algorithms"),
    pytest.param("fix: x", {"jwt/algorithms.py": PKCS1_KEY}, id="a-prefixed-string-is-no-prose"),
    pytest.param("fix: x", {"lib/jwt/verify.js": REQUIRED}, id="jwt-algorithms-required"),
    pytest.param("fix: x", {"packages/scim/src/routes.ts": A_CHECK}, id="scim"),
    pytest.param(
        "fix(facebook): use json_script",
        {
            "allauth/socialaccount/templates/fb.html": [
                "-{{ settings|safe }}",
                "+{{ s|json_script }}",
            ]
        },
        id="template-escaping",
    ),
    pytest.param(
        "fix: add client_secret to sensitive_post_parameters",
        {"oauth2_provider/views/base.py": ['+@method_decorator(sensitive_post_parameters("x"))']},
        id="new-work-with-a-defence",
    ),
    pytest.param(
        "fix: add missing permission check",
        {"src/auth/auth.controller.ts": ["+  @UseGuards(AdminGuard)"]},
        id="new-work-that-names-a-check",
    ),
    pytest.param(
        "fix: x",
        {
            "allauth/headless/account/views.py": [
                "-class SessionView(AuthenticatedAPIView):",
                "+class SessionView(APIView):",
            ]
        },
        id="a-replaced-definition",
    ),
    pytest.param(
        "fix: make nonce work correctly",
        {
            "packages/core/src/lib/oauth/callback.ts": [
                "-      codeGrantResponse",
                "+      codeGrantResponse,",
                "+      nonce?.value ?? o.expectNoNonce",
            ]
        },
        id="code-that-reads-like-words",
    ),
    pytest.param(
        "fix: x",
        {
            "oauth2_provider/oauth2_validators.py": [
                "-        auth_type, auth_string = auth.split(' ', 1)",
                "+        splitted = auth.split(' ', 1)",
                "+        if len(splitted) != 2:",
                "+            return None",
                "+        auth_type, auth_string = splitted",
            ]
        },
        id="noun-next-to-a-rejection",
    ),
    pytest.param(
        "fix: x",
        {
            "auth/keys.go": [
                "+\tif !ok {",
                '+\t\treturn nil, fmt.Errorf("no secret for kid %q", kid)',
                "+\t}",
            ]
        },
        id="go-returns-an-error",
    ),
]

PATHS_THAT_DO_NOT = [
    pytest.param(
        "fix: prettier", {"src/auth/auth.service.ts": A_CHECK}, "formatting", id="prettier"
    ),
    pytest.param(
        "fix(eslint): errors",
        {"src/auth/auth.service.ts": A_CHECK},
        "formatting",
        id="eslint-scope",
    ),
    pytest.param(
        "fix(ci): add bandit", {"allauth/account/checks.py": A_CHECK}, "formatting", id="ci-scope"
    ),
    pytest.param(
        "fix: x",
        {
            "src/http/retry.strategy.ts": ["+    if (attempt > this.max) throw error"],
            "src/http/strategies/backoff.ts": ["+    if (attempt > this.max) throw error"],
        },
        None,
        id="strategy-pattern",
    ),
    pytest.param(
        "fix: x",
        {"client/src/auth/types.ts": ["+  password?: string | null"]},
        "declarations",
        id="api-client-types",
    ),
    pytest.param(
        "fix: x",
        {"allauth/templates/mfa/index.html": ["+<p>{% trans 'Password' %}</p>"]},
        "escaping",
        id="mfa-template",
    ),
    pytest.param(
        "fix: x",
        {"src/sessions/session-list.ts": ["+  const label = session.title.trim()"]},
        "touch no security",
        id="sessions-module",
    ),
    pytest.param(
        "fix: x",
        {"src/auth/auth.service.ts": ["-  foo(a,b)", "+  foo( a, b )"]},
        "only formatting",
        id="formatting-lines",
    ),
    pytest.param(
        "fix: add refresh token",
        {"src/auth/auth.service.ts": ["+    if (!token) return this.issue(user)"]},
        "new work",
        id="new-work-without-a-defence",
    ),
    pytest.param(
        "fix: add refresh token",
        {
            "src/auth/auth.controller.ts": [
                "+  @UseGuards(AuthGuard('jwt-refresh'))",
                "+    if (!session) throw new UnauthorizedException()",
            ]
        },
        "removes or replaces no defence",
        id="new-work-with-its-own-guard",
    ),
    pytest.param(
        "fix: initial commit of the client",
        {"src/client/auth-client.js": ["+session.csrfToken = locals._csrf"]},
        "formatting or tooling",
        id="initial-commit",
    ),
    pytest.param(
        'fix: revert "keep passwords out of error emails"',
        {
            "oauth2_provider/views/base.py": [
                "-@method_decorator(sensitive_post_parameters('password'))",
            ]
        },
        "formatting or tooling",
        id="revert",
    ),
    pytest.param(
        "fix: move create access token to server",
        {"src/auth/auth.controller.ts": ["+  @UseGuards(AuthGuard('github'))"]},
        "formatting or tooling",
        id="move",
    ),
    pytest.param(
        "fix: bump to oauth4webapi@3",
        {"src/lib/oauth/callback.ts": ["+  const nonce = await checks.nonce.use(cookies)"]},
        "formatting or tooling",
        id="dependency-version",
    ),
    pytest.param(
        "fix: python3-openid-3.0.4 issue",
        {
            "allauth/socialaccount/providers/openid/utils.py": [
                "+    if assoc.getExpiresIn() == 0:",
            ]
        },
        "formatting or tooling",
        id="library-version",
    ),
    pytest.param(
        "fix: x",
        {
            "src/auth/auth.controller.ts": [
                "+import {",
                "+  UseGuards,",
                "+  UnauthorizedException,",
                "+} from '@nestjs/common'",
            ]
        },
        "only formatting",
        id="multi-line-import",
    ),
    pytest.param(
        "fix: x",
        {
            "allauth/socialaccount/adapter.py": [
                "+        verifying whether or not a username already exists, is not a",
                "+        responsibility of this method: the password is checked elsewhere.",
            ]
        },
        "only formatting",
        id="docstring-prose",
    ),
    pytest.param(
        "fix: x",
        {
            "oauth2_provider/contrib/rest_framework/permissions.py": [
                "+    def has_permission(self, request, view):",
                "+        return self.allowed(request)",
            ]
        },
        "touch no security",
        id="a-new-definition",
    ),
    pytest.param(
        "fix: x",
        {
            "packages/next-auth/src/providers/zitadel.ts": [
                "+  email_verified: boolean // if the email was verified",
            ]
        },
        "only formatting",
        id="a-type-annotation",
    ),
    pytest.param(
        "fix: x",
        {
            "src/auth/auth.service.ts": [
                "+    if (user) {",
                "+      jwt.userId = user.id",
            ]
        },
        "touch no security",
        id="noun-next-to-a-mere-test",
    ),
    pytest.param(
        "fix: x",
        {
            "src/auth/auth.service.ts": [
                "-    const isValidPassword = await bcrypt.compare(a, b)",
                "+    const isValidPassword: boolean = await bcrypt.compare(a, b)",
                "-  ): Promise<{ token: string; user: User }> {",
                "+  ): Promise<LoginResponseType> {",
            ]
        },
        "only formatting",
        id="types-added-to-lines",
    ),
    pytest.param(
        "fix: x",
        {"packages/client/src/auth/logo.svg": ["+" + "iVBORw0KGgoAAAANSUhEUgCsrf" * 8]},
        "only formatting",
        id="encoded-data",
    ),
    pytest.param(
        "fix(playgrounds): Nuxt 3.5.1",
        {"apps/nuxt/lib/auth/client.ts": ['+const { csrfToken } = await $fetch("/csrf")']},
        "formatting or tooling",
        id="semantic-version",
    ),
    pytest.param(
        "fix: reduce queries on access token validation",
        {"oauth2_provider/oauth2_validators.py": ["+    if not token:", "+        return False"]},
        "formatting or tooling",
        id="performance",
    ),
    pytest.param(
        "fix: misc. style fixes",
        {
            "oauth2_provider/decorators.py": [
                "+    if not valid:",
                "+        raise PermissionDenied",
            ]
        },
        "formatting or tooling",
        id="style",
    ),
    pytest.param(
        "fix: merge main into next",
        {"src/server/pages/signin.js": ["+export default function signin ({ csrfToken }) {"]},
        "formatting or tooling",
        id="a-merge-made-as-a-commit",
    ),
    pytest.param(
        "fix: x",
        {
            "oauth2_provider/ext/rest_framework/permissions.py": [
                "+    if they log in using a middleware that is not token based,",
                "+    the permission still reads the scopes of their access token.",
            ]
        },
        "only formatting",
        id="prose-that-opens-with-if",
    ),
    pytest.param(
        "fix: x",
        {
            "src/core/account/account.service.ts": [
                "-      email: account.email,",
                "+      email: account.previewAccountEmail ?? account.email,",
            ]
        },
        "touch no security",
        id="a-default-is-no-test",
    ),
]


def test_a_type_annotation_is_no_change_but_a_value_is() -> None:
    typed = [
        "-    const valid = await compare(a, b)",
        "+    const valid: boolean = await compare(a, b)",
    ]
    assert substantive(typed) == []
    values = [
        "-    { provide: APP_GUARD, useClass: JwtAuthGuard },",
        "+    { provide: APP_GUARD, useClass: AnonymousGuard },",
        '-    "email_verified": True,',
        '+    "email_verified": False,',
        "-    const role = isAdmin ? a : Admin",
        "+    const role = isAdmin ? a : Guest",
    ]
    assert substantive(values) == [line[1:] for line in values]


def test_a_new_file_counts_by_its_own_definitions() -> None:
    # An added method in a file that was there is new work; a new guard file is all
    # definitions, and its `canActivate` is what makes it one.
    message = parse("fix(api): handle anonymous users")
    assert message.header is not None
    guard = {"src/auth/guards/jwt.guard.ts": ["+  canActivate(context) {", "+    return !!user"]}
    new = (Change("A", "src/auth/guards/jwt.guard.ts"),)
    assert detect(message.header, new, config(), hunks=guard).relevant
    changed = (Change("M", "src/auth/guards/jwt.guard.ts"),)
    assert not detect(message.header, changed, config(), hunks=guard).relevant


def test_a_scaffold_of_new_files_is_not_a_fix() -> None:
    message = parse("fix(api): start")
    assert message.header is not None
    guard = {"src/auth/jwt.strategy.ts": ["+    if (!user) throw new UnauthorizedException()"]}
    scaffold = tuple(Change("A", f"src/m{n}/m{n}.module.ts") for n in range(19))
    changes = (*scaffold, Change("A", "src/auth/jwt.strategy.ts"))
    found = detect(message.header, changes, config(), hunks=guard)
    assert not found.relevant
    assert "adds 20 files" in found.discounted[0].why
    # one file fewer is a commit like any other: its new guard file counts
    assert detect(message.header, changes[1:], config(), hunks=guard).relevant


@pytest.mark.parametrize(("header", "hunks"), PATHS_THAT_COUNT)
def test_a_candidate_path_counts_by_its_lines(
    header: str, hunks: Mapping[str, Sequence[str]]
) -> None:
    found = detection(header, hunks)
    assert found.relevant, found.discounted
    assert any(reason.kind == "path" and "touch" in reason.support for reason in found.reasons)


@pytest.mark.parametrize(("header", "hunks", "why"), PATHS_THAT_DO_NOT)
def test_a_name_alone_does_not_count(
    header: str, hunks: Mapping[str, Sequence[str]], why: str | None
) -> None:
    found = detection(header, hunks)
    assert not found.relevant, found.reasons
    if why is not None:
        assert any(why in item.why for item in found.discounted), found.discounted


def test_a_new_file_is_new_work_and_needs_a_defence() -> None:
    message = parse("fix: x")
    assert message.header is not None
    service = ["+    if (!token) return this.issue(user)"]
    added = (Change("A", "src/auth/token.service.ts"),)
    modified = (Change("M", "src/auth/token.service.ts"),)
    hunks = {"src/auth/token.service.ts": service}
    assert not detect(message.header, added, config(), hunks=hunks).relevant
    assert detect(message.header, modified, config(), hunks=hunks).relevant
    defended = {"src/auth/token.service.ts": ["+    if (!timingSafeEqual(a, b)) throw e"]}
    assert detect(message.header, added, config(), hunks=defended).relevant


def test_without_lines_a_candidate_is_undecided_and_wants_them() -> None:
    found = detection("fix: x", paths=("src/auth/auth.service.ts", "src/cart/cart.ts"))
    assert not found.relevant
    assert found.wants_lines == ("src/auth/auth.service.ts",)
    decided = detection("fix(auth): x", paths=("src/auth/auth.service.ts",))
    assert decided.relevant
    assert decided.wants_lines == ()


def test_read_diff_off_lets_a_name_count_alone() -> None:
    found = detection(
        "fix: x", paths=("src/auth/auth.service.ts",), settings={"security": {"read-diff": False}}
    )
    assert found.relevant


def test_roles_are_configurable_and_checked_at_load() -> None:
    settings = {"security": {"roles": ["**/billing.py"], "paths": []}}
    assert detection("fix: x", {"app/billing.py": A_CHECK}, settings=settings).relevant
    assert not detection("fix: x", {"src/auth/x.py": A_CHECK}, settings=settings).relevant
    with pytest.raises(ConfigError, match=r"security.roles\[0\]"):
        config({"security": {"roles": ["src/[z-a]/**"]}})
    with pytest.raises(ConfigError, match=r"security\.read-diff"):
        config({"security": {"read-diff": "sometimes"}})


# --- through git commit and explain ---------------------------------------------------------

GUARD = """export class RolesGuard {
  canActivate(context) {
    return true
  }
}
"""


@pytest.fixture
def hooked(repo: Repo, monkeypatch: pytest.MonkeyPatch) -> Repo:
    files = {"src/auth/roles.guard.ts": GUARD, "src/cart/cart.ts": "export const cart = []\n"}
    return hooked_after(repo, monkeypatch, "feat(auth): add the guard", files)


def test_the_hook_asks_for_the_impact_of_a_changed_check(hooked: Repo) -> None:
    hooked.stage("src/auth/roles.guard.ts", GUARD.replace("true", "!!context.user?.isAdmin"))
    refused = hooked.commit("fix(api): let admins in only", check=False)
    assert refused.returncode != 0
    assert "is a security fix" in refused.stderr
    assert "its changed lines touch" in refused.stderr


def test_the_hook_lets_a_formatting_fix_in_auth_code_through(hooked: Repo) -> None:
    hooked.stage("src/auth/roles.guard.ts", GUARD.replace("    return true", "    return true;"))
    assert hooked.commit("fix(api): keep the style", check=False).returncode == 0
    hooked.stage("src/auth/roles.guard.ts", GUARD.replace("true", "!context.isAdmin"))
    assert hooked.commit("fix(api): prettier", check=False).returncode == 0


def test_the_hook_reads_no_file_for_a_commit_without_candidates(
    hooked: Repo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    trace = tmp_path / "trace.txt"
    monkeypatch.setenv("GIT_TRACE", str(trace))
    hooked.stage("src/cart/cart.ts", "export const cart = [] as string[]\n")
    assert hooked.commit("fix(cart): type the cart", check=False).returncode == 0
    assert "cat-file" not in trace.read_text()
    trace.write_text("")
    hooked.stage("src/auth/roles.guard.ts", GUARD.replace("true", "!!context.isAdmin"))
    assert hooked.commit("fix(cart): check the admin", check=False).returncode != 0
    assert "cat-file" in trace.read_text()


def test_explain_shows_each_piece_of_evidence_and_its_weight(hooked: Repo) -> None:
    hooked.record(
        "fix: prevent dependency injection of the guard",
        {
            "src/auth/roles.guard.ts": GUARD.replace("true", "context.user?.isAdmin === true"),
            "src/auth/types.ts": "export type Role = 'admin'\n",
            "src/auth/auth.service.ts": "export const x = 1\n",
        },
    )
    result = run_commitguard("explain", "security-impact", "--commit", "HEAD", cwd=hooked.path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "security-relevant: yes" in out
    # only the changed lines are read: `canActivate` is in the file, not in the change
    assert (
        "counts: path src/auth/roles.guard.ts matches `**/*.guard.{ts,js}`: its changed lines "
        "touch `Admin` (security.roles)" in out
    )
    assert "discounted: `injection`: names no attack" in out
    assert "discounted: path src/auth/types.ts: a template, style, data, type or UI file" in out
    assert "discounted: path src/auth/auth.service.ts: a new file whose lines" in out
    # the rule's verdict on the commit's own lines, not on whatever the index holds
    assert "fails: `fix` is a security fix (path src/auth/roles.guard.ts matches" in out


def test_explain_escapes_what_it_quotes(hooked: Repo) -> None:
    hostile = "src/auth/\x1b[31mred\x1b[0m.ts"
    hooked.record("fix: x\x1b]0;title\x07", {hostile: "if (!token) throw new Forbidden()\n"})
    result = run_commitguard("explain", "security-impact", "--commit", "HEAD", cwd=hooked.path)
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout
    assert "\x07" not in result.stdout
    assert "security-relevant: yes" in result.stdout


def test_a_detection_is_asked_once_per_commit_and_answered_alike() -> None:
    """`check` asks which paths of a flagged fix to read with the same header, body,
    paths and configuration it was judged with: the remembered answer is that one, and
    any other question is answered afresh."""
    from commitguard.model import Change
    from commitguard.security.detect import detect

    config = build({}, "test.yaml")
    header = parse("fix(orders): keep the session cookie").header
    assert header is not None
    paths = (Change("M", "src/auth/session.ts"),)
    first = detect(header, paths, config)
    assert detect(header, paths, config) is first
    other = detect(header, (Change("M", "src/orders/list.ts"),), config)
    assert other is not first
    assert other.wants_lines != first.wants_lines
    again = parse("fix(orders): keep the session cookie").header
    assert again is not None
    assert detect(again, paths, config) == first


# --- hostile text -------------------------------------------------------------------------

HOSTILE = [
    # Each took minutes or more before its expression was bounded (a line read by every
    # fix in an auth folder, a header `check` meets in a hostile history); each reads in
    # linear time now. A hang here shows as a test that never ends.
    pytest.param("fix: x", ("x" + " " * 20) * 12 + "1", id="aligned-columns-as-prose"),
    pytest.param("fix: x", "z = 1 if a else 2; " * 50_000, id="if-without-a-colon"),
    pytest.param("fix: x", "a: B<c " * 40_000, id="annotations-never-closed"),
    pytest.param("fix: x", "return x; " * 50_000, id="returns-without-errors"),
    pytest.param("fix: " + "move x " * 20_000 + "validate the token", "x", id="moves-never-to"),
]


@pytest.mark.parametrize(("header", "line"), HOSTILE)
def test_hostile_lines_and_headers_are_read_in_linear_time(header: str, line: str) -> None:
    found = detection(header, {"src/auth/auth.service.ts": ["+" + line, "-" + line[:-1]]})
    assert found.type_matches
