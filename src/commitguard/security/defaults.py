"""What counts as security work by default: types, scopes, paths and words. Pure data.

The presets (config/presets.py) start from these; `security:` in the configuration
replaces any of them.
"""

from __future__ import annotations

SECURITY_TYPES = ("fix",)
SECURITY_SCOPES = (
    "auth",
    "authn",
    "authz",
    "security",
    "session",
    "jwt",
    "token",
    "oauth",
    "oidc",
    "sso",
    "saml",
    "mfa",
    "password",
    "permissions",
    "rbac",
    "acl",
    "csrf",
    "cors",
)

# Where security-sensitive code lives in real projects, which rarely use an `auth` scope
# for auth work: NestJS (src/auth/guards, *.guard.ts, passport *.strategy.ts), Express
# (middleware/auth.js), Django (accounts/, permissions.py, DRF authentication.py),
# Spring (security/), Laravel (Policies/). Globs match whole path segments, case
# ignored: `**/auth/**` is not `src/author/`.
SECURITY_PATHS = (
    "**/auth/**",
    "**/authn/**",
    "**/authz/**",
    "**/authentication/**",
    "**/authorization/**",
    "**/oauth/**",
    "**/oauth2/**",
    "**/oidc/**",
    "**/saml/**",
    "**/sso/**",
    "**/mfa/**",
    "**/jwt/**",
    "**/session/**",
    "**/sessions/**",
    "**/security/**",
    "**/permissions/**",
    "**/policies/**",
    "**/rbac/**",
    "**/acl/**",
    "**/guards/**",
    "**/*.guard.ts",
    "**/*.guard.js",
    "**/strategies/**",
    "**/*.strategy.ts",
    "**/*.strategy.js",
    "**/middleware/*auth*",
    "**/middlewares/*auth*",
    "**/middleware/*session*",
    "**/middleware/*csrf*",
    "**/accounts/**",
    "**/permissions.py",
    "**/authentication.py",
    "**/passport.js",
    "**/passport.ts",
)
# Code that sits under those paths but is not auth code: rate limiting (NestJS's
# ThrottlerGuard lives in guards/), tests, fixtures and documentation.
SECURITY_IGNORE_PATHS = (
    "**/*throttl*",
    "**/*throttl*/**",
    "**/*rate-limit*",
    "**/*rate-limit*/**",
    "**/*rate_limit*",
    "**/*ratelimit*",
    "**/*ratelimit*/**",
    "**/test/**",
    "**/tests/**",
    "**/__tests__/**",
    "**/spec/**",
    "**/e2e/**",
    "**/fixtures/**",
    "**/__mocks__/**",
    "**/*.spec.*",
    "**/*.test.*",
    "**/*.e2e-spec.*",
    "**/test_*.py",
    "**/*_test.py",
    "**/*_test.go",
    "**/*_spec.rb",
    "**/*Test.java",
    "**/*Tests.cs",
    "**/docs/**",
    "**/*.md",
)
# Words in a fix's description that make it security work whatever its scope or paths;
# matched as whole words, case ignored ("CVE-" as a prefix of CVE-2024-1234).
SECURITY_KEYWORDS = (
    "vulnerability",
    "vulnerabilities",
    "vulnerable",
    "security",
    "CVE-",
    "GHSA-",
    "XSS",
    "CSRF",
    "XSRF",
    "SSRF",
    "XXE",
    "RCE",
    "injection",
    "SQLi",
    "bypass",
    "privilege escalation",
    "open redirect",
    "path traversal",
    "directory traversal",
    "session fixation",
    "clickjacking",
    "timing attack",
    "brute force",
    "brute-force",
    "prototype pollution",
    "ReDoS",
    "exploit",
    "insecure",
    "unauthorized access",
    "unauthenticated access",
)
