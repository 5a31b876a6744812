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
    # the JOSE family beside JWT, identity provisioning, second factors and the
    # controls against guessing: each is a security control a team names its fixes after
    "jose",
    "jws",
    "jwe",
    "jwk",
    "scim",
    "2fa",
    "otp",
    "totp",
    "webauthn",
    "passkey",
    "passkeys",
    "crypto",
    "rate-limit",
    "ratelimit",
    "throttle",
    "throttling",
)

# Where security-sensitive code lives in real projects, which rarely use an `auth` scope
# for auth work: NestJS (src/auth/, passport *.strategy.ts), Express (middleware/auth.js),
# Django (account/, accounts/, socialaccount/), Spring (security/), Laravel (Policies/),
# a package named after auth (next-auth/, django_auth/). A folder name says where a file
# is, not what a change does: a path here counts only when the changed lines touch
# security code (SECURITY_DIFF_WORDS), unless `security.read-diff` is off. Globs match
# whole path segments, case ignored: `**/auth/**` is not `src/author/`.
SECURITY_PATHS = (
    "**/auth/**",
    "**/authn/**",
    "**/authz/**",
    "**/authentication/**",
    "**/authorization/**",
    "**/{*-,*_}auth/**",
    "**/auth{-,_}*/**",
    "**/oauth/**",
    "**/oauth2/**",
    "**/{oauth,oauth2}{-,_}*/**",
    "**/oidc/**",
    "**/idp/**",
    "**/saml/**",
    "**/sso/**",
    "**/mfa/**",
    "**/jwt/**",
    "**/{jose,jws,jwe,jwk}/**",
    "**/scim/**",
    "**/webauthn/**",
    "**/session/**",
    "**/sessions/**",
    "**/security/**",
    "**/permissions/**",
    "**/policies/**",
    "**/rbac/**",
    "**/acl/**",
    "**/guards/**",
    "**/middleware{,s}/*{auth,session,csrf}*",
    "**/account/**",
    "**/accounts/**",
    "**/socialaccount/**",
    "**/login/**",
    "**/signin/**",
)
# Files whose name gives them an auth role, wherever they are: NestJS guards, passport
# strategies (an auth folder's, or named after JWT, OAuth or passport: not any class of
# the strategy pattern), JWT, token and password handling, permission checks, Django's
# authentication backends. Such a file counts when its change is more than formatting,
# imports or comments. Code files only: a template, a stylesheet or a UI component is
# weighed by its changed lines (SECURITY_MARKUP); so is a data or settings file.
SECURITY_ROLES = (
    "**/*.guard.{ts,js}",
    "**/{auth,authentication}/**/*.strategy.{ts,js}",
    "**/*{jwt,passport,oauth,bearer}*.strategy.{ts,js}",
    "**/*{jwt,jwk,jws,jwe,jose,passport,oauth,oidc,saml,csrf,xsrf,webauthn,passkey,totp,bcrypt,"
    "argon2,password,passwd,hasher,permission,authenticat,authoriz,credential,login,logout,"
    "signin,signout}*.*",
    "**/{,*[._-]}{auth,authn,authz,sso,mfa,otp,token,tokens}{,[._-]*}.*",
    "**/middleware{,s}/*{auth,session,csrf}*.*",
)
# Files that hold no behaviour of their own, or only what a page shows: type
# definitions (a frontend's API-client types in `auth/`), templates, stylesheets and UI
# components. Their name never counts; their changed lines count only when they touch
# escaping (SECURITY_MARKUP_WORDS): an XSS fix in a template is security work.
SECURITY_MARKUP = (
    "**/*.d.ts",
    "**/types/**",
    "**/{types,*.types,*.type,*.interface,*.interfaces}.{ts,js}",
    "**/templates/**",
    "**/*.{html,htm,jinja,jinja2,j2,hbs,handlebars,ejs,njk,mustache,twig,erb,liquid}",
    "**/*.{css,scss,sass,less,styl,svg}",
    "**/*.{tsx,jsx,vue,svelte,astro}",
    "**/*.{json,yaml,yml,toml,ini,cfg,csv,txt,lock,snap}",
)
# What changed lines (additions and removals alike, formatting, imports and comments
# left out) must touch for a path to count. Regular expressions, case ignored. First the
# defences themselves, which count on any line: CSRF and OAuth state, nonces and token
# ids, constant-time comparison, escaping, safe redirects, trusted proxies, rate limits,
# sensitive parameters, activity and verification checks, raw SQL, and the algorithm
# lists of JWT and JOSE code (algorithm confusion is that code's commonest flaw).
SECURITY_DIFF_CHECKS = (
    r"csrf|xsrf|nonce|code_verifier|\bjti\b|supports_state|state_?(param|check|verif)",
    r"timingsafeequal|compare_digest|constant[_ -]?time|check_password|verify_password",
    r"has_usable_password|set_unusable_password|user_can_authenticate|is_active\b|isactive",
    r"escape|mark_safe|json_script|\|\s*safe\b|innerhtml|sanitiz|dompurify",
    r"is_safe_url|allowed_host|url_has_allowed|x-forwarded|remote_addr",
    r"trusted_?prox|samesite|httponly|rate_?limit|ratelimit|lockout|max_attempts",
    r"sensitive_post|sensitive_variables|email_verified|unverified|\bverified\b",
    r"queryrawunsafe|\$queryraw|\.raw\(|executeraw|parameteri[sz]|useguards|@roles\(",
    r"permissiondenied|forbidden|unauthori[sz]ed|canactivate|has_perm|is_superuser",
    r"login_required|permission_required|permission_classes|authentication_classes",
    r"authenticated\w*(view|mixin|required|guard)|require_?auth|@authenticated",
    r"token_?generator|make_token|check_token|password_?reset_?token",
    r"\balg\b|algorithms\b|\b[hrep]s(256|384|512)\b|begin (rsa )?public key|pkcs1",
)
# Then the data security code guards, which count on a line that tests or rejects
# (`if`, a comparison, `raise`, `throw`, `return False`) or next to one: every auth
# file names passwords and tokens, a fix changes a check on them.
SECURITY_DIFF_NOUNS = (
    r"passw(or)?d|secret|credential|api[_-]?key|\btoken|_token|token\b|jwt|\bjwk",
    r"signature|hmac|digest|\bhash|\bsalt|\bverif|\bsign(ed)?\b|expir|exp\b|max_?age",
    r"session|cookie|authenticat|authoriz|permission|\broles?\b|scope|owner|admin|superuser",
    r"redirect|callback_?url|return_?(to|url)|next_?url|origin|host\b|\bstate\b",
    r"\bemail|login|logout|attempt|mfa|totp|\botp\b|2fa|webauthn|passkey",
    r"\bcerts?\b|certificate|fingerprint|x509|\bx5c\b|trust_?anchor",
    r"\bauth(?!or)|_auth|auth_",
)
# What makes a line a test or a rejection, for SECURITY_DIFF_NOUNS. Every repetition is
# bounded: a hostile or minified line of a megabyte is read in linear time.
SECURITY_CHECK_LINE = (
    r"^\s*(if|elif|unless|while|assert|raise|throw|except|catch)\b|\bif\b.{0,200}:|(?<![?.])\?\s|"
    r"===?|!==?|<=|>=|&&|\|\||\bnot\b|\band\b|\bor\b|!\w|\breturn\s+(false|none|null)\b"
)
# What makes a line a rejection: a noun next to one counts too (`auth_string` decoded
# just before `return False`), where a noun next to a mere test (`if (user) {`) does not.
# Go rejects by returning an error (`return nil, errors.New("invalid key")`).
SECURITY_REJECT_LINE = (
    r"^\s*(raise|throw|except|catch|abort)\b|\bthrow\b|\breturn\s+(false|none|null)\b|"
    r"\}\s*catch\b|\breturn\b[^;\n]{0,120}?\b(errors\.new|fmt\.errorf)\(|"
    r"\breturn\s+(nil,\s*)?err\w+\s*$"
)
# What a template's or UI component's changed lines must touch to count.
SECURITY_MARKUP_WORDS = (
    r"escape|mark_safe|json_script|\|\s*safe\b|autoescape|innerhtml|sanitiz|dompurify",
    r"\{\{\{|v-html|@html|\|\s*raw\b|html_safe|csrf|xsrf",
)
# A description (or scope) that names formatting, tooling, compatibility, a dependency's
# version, a revert, an initial commit or a restructuring (a move, an extraction): such
# a fix in auth code changes no behaviour of its own, so its paths are not evidence (a
# keyword or a scope still is). `fix: prettier`, `fix(eslint): errors`, `chore(ci): add
# bandit`, `refactor: move types`, `Revert "..."`, `bump to oauth4webapi@3`.
SECURITY_FORMATTING_WORDS = (
    r"prettier|eslint|tslint|stylelint|lint(er|ing|s)?|(re)?format(ting|ted)|black|isort",
    r"flake8|ruff|mypy|pyright|bandit|typing|type hints?|typings|typo(s)?|whitespace|indent",
    r"imports?|import order|compat(ibility)?|py\d+|(python|node|ruby|php|java) ?[<>=]*\d+",
    r"refactor(ing|ed)?|renam(e|es|ed|ing)|restructur(e|es|ed|ing)|reorganiz(e|es|ed|ing)",
    r"clean(ed)? ?up|simplif(y|ies|ied|ication)|extract(s|ed|ing)?|revert(s|ed|ing)?",
    r"mov(e|es|ed|ing)\b[^.;]{0,80}?\b(to|into)|initial (commit|import|version|release)",
    r"bump(s|ed|ing)?|upgrad(e|es|ed|ing)|[a-z][\w.-]*(-\d+(\.\d+)+|@\d+(\.\d+)*)",
    r"style|merge (remote-tracking )?(branch )?\S+ into|"
    r"v?\d+\.\d+\.\d+|naming|performance|optimi[sz](e|es|ed|ing|ation)|"
    r"(reduce|fewer) (db |database |sql )?queries",
)
# A commit that adds this many files or more brings a scaffold, an imported tree or
# generated code ("chore(api): start", "Amplication build #..."): its guards and checks
# are new, not fixed, so its paths are not evidence (a keyword or a scope still is).
SECURITY_SCAFFOLD_FILES = 20
# Scopes that name tooling rather than code: `chore(ci)`, `fix(deps)`.
SECURITY_TOOLING_SCOPES = r"ci|deps|dependencies|build|release|docs|style|i18n|l10n|types"
# A description that announces new work ("add refresh tokens", "first version"): its
# paths count only when the lines it removes or replaces touch a defence
# (SECURITY_DIFF_CHECKS): a new route's guard or a new class's permission check is the
# feature, not a fix. SECURITY_DEFENCE_WORDS make it a fix after all.
SECURITY_FEATURE_WORDS = (
    r"^(first|initial|add|adds|added|adding|create|creates|created|introduce|introduces|implement|"
    r"implements|expose|exposes|enable|enables|support|supports|allow|allows)\b"
)
# Words that make a description announcing new work a fix after all ("add missing
# permission check", "add client_secret to sensitive parameters"): its lines are
# weighed as a fix's.
SECURITY_DEFENCE_WORDS = (
    r"\b(missing|checks?|verif(y|ies|ied|ication)|validat(e|es|ed|ion)|prevent(s|ed)?|"
    r"reject(s|ed)?|requires?|protect(s|ion)?|restrict(s|ion)?|limits?|escap(e|es|ed|ing)|"
    r"sanitiz(e|es|ed|ing)|secure|safe(ly)?)\b|\bsensitive"
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
    "**/{example,examples,demo,demos,sample,samples}/**",
)
# A defence, when it names what it defends (security/words.py reads them near a token,
# a session, a redirect, ...): "validate the OAuth state", "verify iss", "regenerate the
# session", "avoid reusing verification codes". Alone they are everyday words
# ("validate the form", "verify the build").
SECURITY_DEFENCE_VERBS = (
    "validate",
    "validates",
    "validated",
    "validating",
    "validation",
    "verify",
    "verifies",
    "verified",
    "verifying",
    "verification",
    "enforce",
    "enforces",
    "enforced",
    "enforcement",
    "reject",
    "rejects",
    "rejected",
    "regenerate",
    "regenerates",
    "regenerated",
    "bind",
    "binds",
    "tighten",
    "tightens",
    "tightened",
    "revoke",
    "revokes",
    "revoked",
    "reuse",
    "reusing",
    "reused",
    "prevent",
    "prevents",
    "prevented",
    "preventing",
    "disallow",
    "disallows",
    "disallowed",
    "forbid",
    "forbids",
    # ending or replacing what an attacker could hold: "invalidate the old session",
    # "rotate signing keys", "clear the user from the old session on logout"
    "invalidate",
    "invalidates",
    "invalidated",
    "invalidating",
    "rotate",
    "rotates",
    "rotated",
    "rotating",
    "rotation",
    "clear",
    "clears",
    "cleared",
    # what may pass: "an alg allowlist for decode"
    "allowlist",
    "whitelist",
    # and what is left without one: "redirecting to an unvalidated redirect_uri"
    "unvalidated",
    "unverified",
    "unsigned",
    "unchecked",
    "untrusted",
)
# A rate limit, as descriptions name it (security/words.py reads them in context: a
# client meeting another service's limit defends nothing).
SECURITY_RATE_LIMIT_WORDS = (
    "rate limit",
    "rate limits",
    "rate limiter",
    "rate limiting",
    "rate-limit",
    "rate-limiter",
    "rate-limiting",
    "ratelimit",
)
# What an attacker could make a server spend without end, bounded (security/words.py
# reads them next to such input: "limit maximum output from decompressing", "limit the
# maximum number of multipart form parts", "don't allow unbounded amounts of splits");
# a limit on anything else (a page, a list) defends nothing.
SECURITY_BOUND_WORDS = ("limit", "limits", "limiting", "cap", "caps", "capped", "unbounded")
# A secret kept out of what is shown, logged or sent on (read next to both: "remove
# potential key from exception message", "don't return access token in __str__", "strip
# auth headers on cross-origin redirects").
SECURITY_EXPOSURE_WORDS = (
    "remove",
    "removes",
    "removed",
    "strip",
    "strips",
    "stripped",
    "redact",
    "redacts",
    "redacted",
    "mask",
    "masks",
    "masked",
    "hide",
    "hides",
    "omit",
    "omits",
    "scrub",
    "scrubs",
    "don't return",
    "do not return",
    "don't log",
    "do not log",
    "don't print",
    "don't include",
    "do not include",
    "don't expose",
    "do not expose",
    "don't send",
    "do not send",
    "don't show",
    "do not show",
)
# What is no longer let through, read next to what a defence guards: "do not accept
# invalid public keys", "check for invalid ECDH keys in headers, JWKs".
SECURITY_REFUSAL_WORDS = (
    "don't accept",
    "do not accept",
    "no longer accept",
    "never accept",
    "stop accepting",
    "invalid",
)
# HTTP framing read strictly, request smuggling's defence ("make content-length parsing
# more strict", "stricter handling of transfer-encoding").
SECURITY_FRAMING_WORDS = (
    "content-length",
    "transfer-encoding",
    "chunked encoding",
    "chunk size",
    "chunk sizes",
    "chunk extension",
    "chunk extensions",
)
# Characters refused, replaced or let through alone in what a request carries ("disallow
# invalid characters in keys", "only match RFC allowed characters", "convert invisible
# characters to ?"): read next to both such characters and such a verb.
SECURITY_CHARACTER_WORDS = ("characters", "character", "chars")
# What a token, a key or a link must do in time ("ensure JWE expires as expected"): read
# next to one (not a session's expiry, which keeps a user in, nor a cookie's).
SECURITY_EXPIRY_WORDS = ("expire", "expires", "expired", "expiry", "expiration", "expiring")
# An identity compared in the wrong case ("make sure uid is compared case-sensitive"):
# read next to a user's name, id, e-mail or a host.
SECURITY_CASE_WORDS = (
    "case-sensitive",
    "case sensitive",
    "case-insensitive",
    "case insensitive",
    "case-sensitively",
    "case-insensitively",
    "case sensitivity",
    "case-sensitivity",
)
# A user gone whose sessions or tokens may live on ("cleanup sessions when deleting
# users"): read next to them.
SECURITY_USER_GONE_WORDS = (
    "user deletion",
    "account deletion",
    "delete user",
    "deleting users",
    "deleting a user",
    "deleting the user",
    "deleted user",
    "deleted users",
    "deactivated user",
    "deactivated users",
    "deactivating users",
    "disabled user",
    "disabled users",
)
# What a browser or a proxy may keep of a signed-in user's page ("set Vary: Cookie
# consistently for session", "add no cache directive to login forms").
SECURITY_CACHE_WORDS = ("vary", "no-cache", "no cache", "no-store", "cache-control", "cacheable")
# Trust in what a proxy forwards ("check every proxy for trustiness"): read next to a
# proxy or a forwarded address.
SECURITY_TRUST_WORDS = ("trust", "trusted", "trusting", "trustiness")
# A race on what a defence guards ("DPoP nonce retry race").
SECURITY_RACE_WORDS = ("race", "races", "race condition", "racy")
# A parser or an expression an input can make slow, ReDoS named as speed.
SECURITY_SLOW_WORDS = ("slow", "quadratic", "exponential")
# A value kept out of a page's markup ("don't render redirect values in anchor href").
SECURITY_RENDER_WORDS = ("don't render", "do not render", "stop rendering")
# Traversal of what names files ("prevent directory traversion with static files").
SECURITY_TRAVERSAL_WORDS = ("traversal", "traversals", "traversion")
# A cookie's scope: its domain, its host, the redirect it goes to.
SECURITY_COOKIE_WORDS = ("cookie", "cookies")
# A state change a link can trigger ("only logout with POST").
SECURITY_LOGOUT_WORDS = ("logout", "log out", "log-out", "sign out", "sign-out", "signout")
# Words in a fix's description that make it security work whatever its scope or paths,
# the vocabulary of published advisories; matched as whole words, case ignored ("CVE-"
# as a prefix of CVE-2024-1234). security/words.py reads some of them in context:
# "SQL injection" is security work, "dependency injection" is not.
SECURITY_KEYWORDS = (
    "vulnerability",
    "vulnerabilities",
    "vulnerable",
    "security",
    "CVE-",
    "GHSA-",
    "CWE-",
    "CVE",  # "bump nodemailer to address CVE"
    "CVEs",
    "XSS",
    "CSRF",
    "XSRF",
    "SSRF",
    "XXE",
    "RCE",
    "IDOR",
    "insecure direct object reference",
    "injection",
    "SQLi",
    "bypass",
    "privilege escalation",
    "account takeover",
    "takeover",
    "enumeration",
    "open redirect",
    "path traversal",
    "directory traversal",
    "session fixation",
    # the same, hyphenated as titles often write them: "fix possible open-redirect"
    "open-redirect",
    "path-traversal",
    "directory-traversal",
    "session-fixation",
    "account-takeover",
    "privilege-escalation",
    "timing-attack",
    "denial-of-service",
    "prototype-pollution",
    "clickjacking",
    "timing attack",
    "constant-time",
    "constant time",
    "timing-safe",
    "brute force",
    "brute-force",
    "replay",
    "prototype pollution",
    "ReDoS",
    "denial of service",
    "DoS",
    "decompression bomb",
    "zip bomb",
    "billion laughs",
    "none",
    "unsafe deserialization",
    "insecure deserialization",
    "X-Forwarded-For",
    "X-Forwarded-Host",
    "host header",
    "spoofing",
    "spoofed",
    "parameterize",
    "parameterized",
    "parameterise",
    "parameterised",
    "escape",
    "escapes",
    "escaped",
    "escaping",
    "unescaped",
    "sanitize",
    "sanitise",
    "leak",
    "leaks",
    "leaked",
    "flaw",
    "harden",
    "hardening",
    "exploit",
    "insecure",
    "unauthorized access",
    "unauthenticated access",
    # the titles of code-scanning alerts (CodeQL, Semgrep), which fixes often repeat:
    # "Address polynomial regular expression used on uncontrolled data"
    "uncontrolled data",
    "polynomial regular expression",
    "catastrophic backtracking",
    "insecure randomness",
    "cleartext",
    "clear-text",
    "hard-coded credentials",
    "hardcoded credentials",
    "hard-coded secret",
    "hardcoded secret",
    "cross-site scripting",
    "request forgery",
    "sanitization",
    "sanitisation",
    "unsanitized",
    "unsanitised",
    "information disclosure",
    # what is disclosed (`fix root path disclosure`), the key that pollutes a
    # prototype (`ignore __proto__ keys`), an expression's backtracking bounded
    # (`restrict repeated wildcard backtracking`)
    "disclosure",
    "__proto__",
    "backtracking",
    "information exposure",
    # a cryptographic random source named in place of a guessable one
    "randomBytes",
    "getRandomValues",
    "SecureRandom",
    "cryptographically secure",
    # GitHub's title for the squash of a private security advisory's fork
    "merge commit from fork",
    # what a defence is against, named plainly: "prevent XXE and other attacks", "add
    # cross site protection", Rails' `protect_from_forgery`, "filter out sensitive
    # parameters from logs" (read in context: "case sensitive" is no secret)
    "attack",
    "attacks",
    "attacker",
    "attackers",
    "malicious",
    "cross-site",
    "cross site",
    "forgery",
    "protect_from_forgery",
    "sensitive",
    # the controls against guessing, as the scopes name them: "add rate limiter",
    # "fix global lockout"
    *SECURITY_RATE_LIMIT_WORDS,
    "lockout",
    # defences named by their own names: Django's and Flask apps' redirect check,
    # Werkzeug's trusted-proxy middleware, a certificate chain's roots
    "is_safe_url",
    "safe_url",
    "safe_join",
    "trusted hosts",
    "trusted_hosts",
    "allowed hosts",
    "allowed_hosts",
    "arbitrary",
    "exploits",
    "ProxyFix",
    "trust anchor",
    "trust anchors",
    # the client's address taken only from proxies trusted to set it: "add
    # trustedproxies and remoteIP" (X-Forwarded-For spoofing)
    "trusted proxies",
    "trusted proxy",
    "trusted_proxies",
    "trustedproxies",
    "trust proxy",
    "trust_proxy",
    "smuggling",
    # read in context (security/words.py): trust in a proxy's forwarded address ("check
    # every proxy for trustiness"), a race on a credential ("DPoP nonce retry race"),
    # a value rendered into a page ("don't render redirect values in anchor href")
    *SECURITY_TRUST_WORDS,
    *SECURITY_RACE_WORDS,
    # a parser or an expression an input can make slow, ReDoS named as speed
    *SECURITY_SLOW_WORDS,
    *SECURITY_RENDER_WORDS,
    # traversal of what names files (`prevent directory traversion with static files`)
    # and a confusion an attacker makes (`namespace confusion`), read in context; the
    # file of credentials a URL picks from (`netrc`), the size a stream reads at most
    # (`read limit`) and a cookie's own defences, counted as they stand; a cookie's
    # scope (`don't ascribe cookies to the target domain`), a state change a link can
    # trigger (`only logout with POST`), guesses counted (`lock attempts ... with max
    # attempts`) and sessions that outlive their user (`cleanup sessions when deleting
    # users`), read in context
    *SECURITY_TRAVERSAL_WORDS,
    "confusion",
    "netrc",
    "read limit",
    "read-limit",
    "readlimit",
    "samesite",
    "httponly",
    *SECURITY_COOKIE_WORDS,
    *SECURITY_LOGOUT_WORDS,
    "attempts",
    *SECURITY_USER_GONE_WORDS,
    *SECURITY_CHARACTER_WORDS,
    *SECURITY_EXPIRY_WORDS,
    *SECURITY_CASE_WORDS,
    *SECURITY_CACHE_WORDS,
    *SECURITY_BOUND_WORDS,
    *SECURITY_EXPOSURE_WORDS,
    *SECURITY_REFUSAL_WORDS,
    *SECURITY_FRAMING_WORDS,
    *SECURITY_DEFENCE_VERBS,
    "compare_digest",
)
# Identifiers of published advisories, looked for in the body as well.
SECURITY_ADVISORY_IDS = r"(?<![\w-])(CVE-\d{4}-\d{3,}|GHSA(-[23456789cfghjmpqrvwx]{4}){3}|CWE-\d+)"
# Tests, fixtures and prose: a keyword in a commit that changes only these describes
# no change to the product ("docs: security contact", "add tests for known
# vulnerabilities"). Any other path, a lockfile included, keeps the keyword.
SECURITY_PROSE_PATHS = (
    "**/*.{md,mdx,rst,txt,adoc}",
    "**/{AUTHORS,CONTRIBUTORS,LICENSE,NOTICE,CODEOWNERS,CHANGELOG,CHANGES}{,.*}",
    "**/test/**",
    "**/tests/**",
    "**/__tests__/**",
    "**/spec/**",
    "**/e2e/**",
    "**/fixtures/**",
    "**/*.spec.*",
    "**/*.test.*",
    "**/*.e2e-spec.*",
    "**/test_*.py",
    "**/*_test.{py,go}",
    "**/conftest.py",
)
# Dependency manifests that share prose's extension: a keyword in a commit that only
# bumps `requirements.txt` ("bump Jinja2 for CVE-2019-10906") is a dependency's fix.
SECURITY_MANIFEST_PATHS = (
    "**/{requirements,constraints}{,[._-]*}.txt",
    "**/requirements/*.txt",
)
# Dependency manifests a fix may bump a security package in: their changed lines are
# read for a package whose version changed (security/packages.py). Lockfiles are left
# out: they move every transitive package at once, and a bump names its package in the
# manifest too.
SECURITY_DEPENDENCY_MANIFESTS = (
    "**/package.json",
    "**/{requirements,constraints}{,[._-]*}.{txt,in}",
    "**/requirements/*.{txt,in}",
    "**/{setup.py,setup.cfg,pyproject.toml,Pipfile}",
    "**/{Gemfile,*.gemspec}",
    "**/{go.mod,composer.json,Cargo.toml}",
)
# What a description says when its commit moves a dependency to another version: in a
# project that is itself security code, any dependency's move is weighed then.
SECURITY_DEPENDENCY_WORDS = (
    r"(?<![\w-])(bump(s|ed|ing)?|upgrad(e|es|ed|ing)|updat(e|es|ed|ing)|downgrad(e|es|ed|ing)|"
    r"pin(s|ned|ning)?|deps|dependenc(y|ies)|peer ?dependenc(y|ies)|peerdependenc(y|ies)|"
    r"versions?)(?![\w-])|(?<![\w.-])[a-z][\w.-]*@\^?~?\d"
)
# Packages that do a project's authentication, sessions, tokens, cryptography or
# escaping (`security.packages`): a fix that moves one of them to another version is
# security work, as a fix to that code in the project would be ("upgrade jsonwebtoken
# to v9", "bump oauthlib to 3.2.2"). A name counts whole, or as one word of a package's
# name (`passport-jwt`, `@auth/core`, `python-jose`, `github.com/golang-jwt/jwt/v5`).
SECURITY_PACKAGES = (
    "jwt",
    "jws",
    "jwe",
    "jwk",
    "jwa",
    "jwks",
    "jose",
    "joserfc",
    "jsonwebtoken",
    "pyjwt",
    "simplejwt",
    "auth",
    "auth0",
    "authlib",
    "allauth",
    "oauth",
    "oauth2",
    "oauthlib",
    "oauth4webapi",
    "openid",
    "oidc",
    "saml",
    "saml2",
    "pysaml2",
    "samlify",
    "xmldsig",
    "signxml",
    "xmlsec",
    "xml-crypto",
    "xml-encryption",
    "passport",
    "devise",
    "doorkeeper",
    "omniauth",
    "warden",
    "bcrypt",
    "bcryptjs",
    "argon2",
    "scrypt",
    "pbkdf2",
    "crypto",
    "cryptography",
    "pycryptodome",
    "pycryptodomex",
    "pyopenssl",
    "forge",
    "itsdangerous",
    "cookie",
    "session",
    "csrf",
    "csurf",
    "helmet",
    "otp",
    "pyotp",
    "otplib",
    "webauthn",
    "simplewebauthn",
    # the controls against guessing: django-axes, Rack::Attack
    "axes",
    "rack-attack",
    "bleach",
    "dompurify",
    "sanitize-html",
    "sanitizer",
    "loofah",
    "xss",
)
