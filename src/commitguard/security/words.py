"""Security words read in context. Pure.

A keyword of `security.keywords` in a fix's description makes it security work, but
a few of them are everyday words too: "dependency injection", a CSS compiler's
"scoped injection", a "security contact", a billing "limitation bypass", a "memory
leak", the Escape key. Each such word counts only in the company that makes it an
attack or a defence (CONTEXTS); anywhere else it is discounted, and `explain` says why.
A defence's verb (validate, verify, reject, regenerate, ...) counts only next to what it
guards: a token, the OAuth state, a session, a redirect (_GUARDED).
Identifiers of published advisories (CVE-, GHSA-, CWE-) count in the body as well.
"""

from __future__ import annotations

from commitguard.globs import any_literal
from commitguard.lazy import IGNORECASE, Pattern, cached
from commitguard.security.defaults import (
    SECURITY_ADVISORY_IDS,
    SECURITY_BOUND_WORDS,
    SECURITY_CACHE_WORDS,
    SECURITY_CASE_WORDS,
    SECURITY_CHARACTER_WORDS,
    SECURITY_COOKIE_WORDS,
    SECURITY_DEFENCE_VERBS,
    SECURITY_EXPIRY_WORDS,
    SECURITY_EXPOSURE_WORDS,
    SECURITY_FRAMING_WORDS,
    SECURITY_LOGOUT_WORDS,
    SECURITY_RACE_WORDS,
    SECURITY_RATE_LIMIT_WORDS,
    SECURITY_REFUSAL_WORDS,
    SECURITY_RENDER_WORDS,
    SECURITY_SLOW_WORDS,
    SECURITY_TRAVERSAL_WORDS,
    SECURITY_TRUST_WORDS,
    SECURITY_USER_GONE_WORDS,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    import re

# word -> (what must be near it for it to count, why it is discounted otherwise). The
# test runs on the description with the word itself cut out, case ignored.
_NEAR = 40  # characters either side: a short description's clause
_ADVISORY_IDS = Pattern(SECURITY_ADVISORY_IDS, IGNORECASE)
CONTEXTS: dict[str, tuple[str, str]] = {
    "injection": (
        r"\b(sql|nosql|sqli|command|code|shell|os|ldap|xpath|header|crlf|template|html|"
        r"script|javascript|js|log|prompt|xml|query|queries|css|argument|attack|"
        r"vulnerab\w*|exploit\w*|unsanitized)\b",
        "names no attack (SQL, command, header, ... injection): dependency or scoped "
        "injection is a programming technique",
    ),
    "security": (
        r"^(?!.*\bsecurity[ -]?(@|\.md|policy|policies|contact|notice|report\w*|"
        r"advisor(y|ies)\b|team|keys?|scan\w*|workflow\w*|checks?|audit\w*|"
        r"txt|tab|page|settings|section|docs?))",
        "names a document, a contact, a tool or a feature (security policy, contact, "
        "scanning, security keys), not a fix",
    ),
    "bypass": (
        r"\b(auth\w*|login|sign[ -]?in|2fa|mfa|otp|totp|rate[ -]?limit\w*|limits?|csrf|"
        r"permissions?|check\w*|verif\w*|security|access|sso|captcha|validation|sanitiz\w*|"
        r"filter\w*|protection|guard\w*|restriction\w*|password|token|session|attempts?)\b",
        "bypasses no security control the description names (a business rule, a cache)",
    ),
    "escape": (
        r"\b(html|sql|quer(y|ies)|output|input|user\w*|attributes?|templates?|tags?|"
        r"markup|xss|shell|arguments?|not|unescaped|properly|missing|json|pages?|props|"
        r"params|parameters|render\w*|responses?|headers?|file ?names?|ids?)\b",
        "escapes nothing a page or a query reads (the Escape key, a string literal)",
    ),
    "leak": (
        r"^(?!.*\b(memory|resource|handle|connection|listener|event|fd|file descriptor|"
        r"goroutine|thread|socket)s?\s+leak)",
        "a memory or resource leak, not a leak of data",
    ),
    "takeover": (
        r"\b(account|subdomain|session|domain|user)\b",
        "takes over no account, session or domain",
    ),
    "enumeration": (
        r"^(?!.*\benum(eration)?\s+(of|values?|types?|members?|order)\b)",
        "enumerates values, not accounts",
    ),
    "dos": (
        r"^(?!.*\b(ms[- ]?)?dos\s+(line|newline|format|mode|style|paths?|prompt|box|batch|"
        r"partition|version|games?)\b)",
        "names the DOS system or its line endings, not a denial of service",
    ),
    "none": (
        r"\b(alg|algs|algorithms?)\b",
        "names no algorithm: `none` is an everyday word",
    ),
    "replay": (
        r"^(?!.*\breplay(ing|s|ed)?\s+(the\s+)?(migrations?|events?|log|queue|"
        r"messages?|recording|video|animation|tests?))",
        "replays events or a log, not a credential",
    ),
    "cve": (
        r"^(?!.*\bcves?\s+(scan\w*|check\w*|database|db|feeds?|reports?|lists?|data|"
        r"lookups?)\b)",
        "names a tool or data about CVEs (a CVE scanner, a CVE database), not a fix",
    ),
    "sensitive": (
        r"^(?!.*\bcase[ -]?sensitive)(?=.*\b(data|information|info|param\w*|fields?|values?|"
        r"headers?|attributes?|details|tokens?|keys?|logs?|logg\w*|cookies?|credentials?|"
        r"secrets?|variables?|settings?)\b)",
        "names no data a secret is kept in (case sensitivity, a sensitive test)",
    ),
    # A rate limit is a defence against guessing where a service sets it; a client that
    # meets another service's limit ("retry when the rate limit is hit") defends nothing.
    "rate limit": (
        r"^(?!.*\b(retr(y|ies|ying)|back-?off|429|hit|hits|hitting|exceed\w*|reach\w*|"
        r"quotas?|api rate limits?|rate[ -]?limited|"
        r"(prevent\w*|avoid\w*|handl\w*|getting|being|guard\w*\s+against)\s+(the\s+)?"
        r"rate[ -]?limit\w*|"
        r"rate[ -]?limit\w*\s+(errors?|responses?|exceptions?))\b)",
        "meets another service's limit (a retry, a back-off, handling or avoiding its "
        "errors), which defends nothing here",
    ),
    # "arbitrary file read", "downloading arbitrary files", "arbitrary code execution"
    "arbitrary": (
        r"\b(files?|code|commands?|paths?|read|write|writes|execution|redirects?|urls?|"
        r"hosts?|requests?|objects?|scripts?|sql|html)\b",
        "names nothing an attacker would choose (an arbitrary order, an arbitrary limit)",
    ),
    "merge commit from fork": (
        r"^merge commit from fork$",
        "GitHub titles the squash of a private advisory's fork so; in a longer "
        "description it names an ordinary merge",
    ),
}
for _word in ("leaks", "leaked"):
    CONTEXTS[_word] = CONTEXTS["leak"]
CONTEXTS["cves"] = CONTEXTS["cve"]
for _word in SECURITY_RATE_LIMIT_WORDS:
    CONTEXTS[_word] = CONTEXTS["rate limit"]
for _word in ("escapes", "escaped", "escaping"):
    CONTEXTS[_word] = CONTEXTS["escape"]

# What a defence guards: a verb of SECURITY_DEFENCE_VERBS counts only near one of
# these ("validate the OAuth state", "verify iss", "regenerate the session", "avoid
# reusing verification codes"), not near a form, a build or a field.
_GUARDED = (
    r"\b(oauth|(oauth|callback|csrf)\s+state|state\s+param\w*|nonce|csrf|xsrf|jwt|jws|"
    r"jwks?|jwe|id[_ ]?tokens?|access[_ ]?tokens?|refresh[_ ]?tokens?|tokens?|signatures?|"
    r"iss|aud|"
    r"issuer|audience|claims?|redirects?|redirect[_ ]?ur[il]s?|return[_ ]?(to|url)|"
    r"callback[_ ]?url|origin|host\s+header|sessions?|cookies?|passwords?|secrets?|"
    r"code[_ ]challenges?|code[_ ]verifiers?|pkce|private\s+(networks?|ips?|addresses)|"
    r"credentials?|certificates?|certs?|x5c|x\.?509|trust[_ ]anchors?|"
    r"(public|private|signing|api|rsa|pem|ssh|hmac|secret|ec|ecdh|ecdsa)[_ ]?keys?|"
    r"permissions?|authori[sz]\w*|authenticat\w*|identity|otp|totp|mfa|2fa|"
    r"(verification|confirmation|reset|login|one[- ]time)\s+(codes?|links?|tokens?)|"
    r"inactive|alg|algorithms?|hmac|digest)\b"
)


def _read_with(words: tuple[str, ...], wanted: str, why: str) -> None:
    """Each of `words` counts only where `wanted` matches (CONTEXTS)."""
    CONTEXTS.update(dict.fromkeys(words, (wanted, why)))


_read_with(
    SECURITY_DEFENCE_VERBS,
    _GUARDED,
    "names nothing a defence guards (a token, a session, a redirect)",
)
# What is refused or kept out may stand anywhere in the description: "disallow the media
# proxy to fetch resources on private networks".
_read_with(
    ("disallow", "disallows", "disallowed", "forbid", "forbids"),
    "^(?=.*" + _GUARDED + ")",
    "names nothing a defence guards (a token, a session, a redirect)",
)
# A session or a cookie called invalid is mostly one the code fails to read ("reset
# invalid HTTP/2 sessions", "fix invalid analyticsSessionId"): refused, they say nothing.
_REFUSED = _GUARDED.replace("sessions?|cookies?|", "")
assert _REFUSED != _GUARDED
_read_with(
    SECURITY_REFUSAL_WORDS,
    _REFUSED,
    "refuses nothing a defence guards (a token, a key, a signature)",
)
# A bound on what a request makes a server read, unpack or keep: a limit on a page or
# a list defends nothing.
_BOUNDED_INPUT = (
    r"\b(decompress\w*|multipart|form[ -]?(parts?|fields?|memory|data)|splits|"
    r"(numbers?|amounts?|counts?|sizes?|lengths?|depths?)\s+of\s+(parts|splits|fields|files|"
    r"headers|param\w*|nest\w*|recursion|redirects|chunks|bytes)|payload[ -]?sizes?|"
    r"request[ -]?bod(y|ies)|body[ -]?sizes?|upload[ -]?sizes?|"
    r"(nesting|recursion)[ -]?(depths?|levels?)|"
    r"header[ -]?(sizes?|counts?|lengths?)|zip|archives?)\b"
)
_read_with(
    SECURITY_BOUND_WORDS,
    _BOUNDED_INPUT,
    "bounds nothing a request makes the server read or keep",
)
# A secret kept out of an output: both must be named near the verb.
_SECRETS_NAMED = (
    r"\b((access|refresh|id|auth|api|bearer|session|csrf)[_ ]?tokens?|tokens?|passwords?|"
    r"password[_ ]hash(es)?|secrets?|credentials?|(private|secret|api|signing)[_ ]?keys?|keys?|"
    r"auth(orization)?[_ ]?headers?|cookies?)\b"
)
_OUTPUT = (
    r"\b(logs?|logging|log[_ ]?messages?|messages?|exceptions?|errors?|__str__|__repr__|repr|"
    r"to[_ ]?string|output|responses?|redirects?|urls?|query[_ ]?strings?|stack[_ ]?traces?|"
    r"traces?)(?![\w-])"
)
_read_with(
    SECURITY_EXPOSURE_WORDS,
    rf"\A(?=.*{_OUTPUT})(?=.*{_SECRETS_NAMED})",
    "keeps no secret out of a log, a message or a response",
)
# Trust in what a proxy forwards decides the client's address (X-Forwarded-For spoofing).
_read_with(
    SECURITY_TRUST_WORDS,
    r"\b(prox(y|ies)|forwarded\w*|client[ _-]?ips?|remote[ _-]?(addr\w*|ips?)|x-real-ip)\b",
    "trusts nothing that decides the client's address (a proxy, a forwarded header)",
)
_read_with(
    SECURITY_RACE_WORDS,
    _GUARDED,
    "races on nothing a defence guards (a token, a nonce, a session)",
)
# ReDoS and parsers an input can make slow: "slow multipart parsing for huge files",
# "replace slow regex attribute check" (not "slow page load").
_read_with(
    SECURITY_SLOW_WORDS,
    r"\b(regex\w*|regexp\w*|regular expressions?|pars(e|es|ed|er|ers|ing)|multipart|"
    r"backtrack\w*)\b",
    "names no parser or expression an input can make slow",
)
_read_with(
    SECURITY_RENDER_WORDS,
    r"\b(href|html|innerhtml|markup)\b",
    "keeps nothing out of a page's markup",
)
# A path or an archive validated is a traversal's defence: "validate static paths",
# "enhanced path validation in Windows", "improve zipfile validation".
_FILES = r"\b((static|file|upload\w*)\s+)?(paths?|file ?names?|zip ?files?|archives?)\b"
_read_with(
    ("validate", "validates", "validated", "validating", "validation"),
    f"{_GUARDED}|{_FILES}",
    "names nothing a defence guards (a token, a session, a redirect, a path)",
)
_read_with(
    SECURITY_FRAMING_WORDS,
    r"\b(strict\w*|reject\w*|invalid|duplicate\w*|malformed|smuggl\w*|validat\w*|"
    r"enforc\w*|limit\w*|bound\w*|excess\w*)\b",
    "reads an HTTP header no stricter than before",
)
# To "prevent" a session's expiry, a timeout or a logout keeps a user in: no defence. What
# it guards may stand anywhere in the description ("prevent user passwords showing in
# error emails").
_read_with(
    ("prevent", "prevents", "prevented", "preventing"),
    r"^(?!.*\b(expir\w*|time[ -]?outs?|log[ -]?outs?|sign[ -]?outs?)\b)(?=.*" + _GUARDED + ")",
    "keeps something a user wants (a session's expiry, a logout), or names nothing a "
    "defence guards",
)

_read_with(
    SECURITY_TRAVERSAL_WORDS,
    r"\b(director(y|ies)|dirs?|files?|file ?names?|folders?|static|uploads?|archives?|"
    r"zip|symlinks?)\b",
    "traverses no file system (a tree, a graph, a framework's resource path)",
)
_read_with(
    ("confusion",),
    r"\b(namespaces?|types?|algorithms?|alg|keys?|origins?|parsers?|protocols?|"
    r"content[- ]types?|mime|schemes?|hosts?)\b",
    "names no confusion an attacker makes (of a namespace, a type, an algorithm)",
)
# A character refused, replaced or let through alone: both must be named near the word.
_read_with(
    SECURITY_CHARACTER_WORDS,
    r"\A(?=.*\b(invalid|illegal|disallowed|allowed|unsafe|control|invisible|"
    r"non-?printable|unprintable|forbidden|dangerous|reserved|special|null|crlf)\b)"
    r"(?=.*\b(disallow\w*|reject\w*|refus\w*|forbid\w*|only|escap\w*|strip\w*|"
    r"remov\w*|replac\w*|convert\w*|validat\w*|filter\w*|sanitiz\w*|encod\w*|deny|"
    r"denies)\b)",
    "refuses or replaces no character an input could carry",
)
# A cookie alone is mostly a preference's (a language, a banner), and a session's expiry
# a user's comfort ("prevent session expiry"): what must expire is a token or a link.
_read_with(
    SECURITY_EXPIRY_WORDS,
    _REFUSED,
    "names nothing that must expire (a token, a key, a link)",
)
_read_with(
    SECURITY_CASE_WORDS,
    r"\b(uids?|user ?names?|usernames?|e-?mails?|e-?mail addresses|logins?|identifiers?|"
    r"sub|subjects?|hosts?|host ?names?|hostnames?|domains?|origins?)\b",
    "compares nothing that names a user or a host (a search, a sort)",
)
_read_with(
    SECURITY_CACHE_WORDS,
    r"\b(cookies?|sessions?|log[ -]?ins?|sign[ -]?ins?|passwords?|tokens?|auth\w*|"
    r"credentials?|private|personal|per[- ]user|user[- ]specific)\b",
    "keeps no signed-in user's page out of a cache",
)
# A cookie's scope: the domain, the host or the redirect it goes to.
_read_with(
    SECURITY_COOKIE_WORDS,
    r"\b(domains?|subdomains?|cross[- ](domain|origin|site)|hosts?|redirect\w*|"
    r"samesite|httponly|secure flag)\b",
    "names no cookie's scope (its domain, its host, a redirect)",
)
_read_with(
    SECURITY_LOGOUT_WORDS,
    r"\b(post|get|csrf|xsrf|methods?)\b",
    "names no request method a link could trigger it with",
)
# Guesses counted: failed sign-ins, codes, challenges; not a client's retries.
_read_with(
    ("attempts",),
    r"^(?!.*\b(retr(y|ies|ying)|reconnect\w*|connect\w*|back-?off)\b)"
    r"(?=.*\b(max\w*|lock\w*|limit\w*|too many|failed)\b)"
    r"(?=.*\b(log[ -]?ins?|sign[ -]?ins?|passwords?|otps?|codes?|pins?|challenges?|"
    r"auth\w*|verification|brute)\b)",
    "counts no guesses (failed sign-ins, codes) toward a limit",
)
# A user deleted or deactivated whose sessions or tokens live on.
_read_with(
    SECURITY_USER_GONE_WORDS,
    r"\b(sessions?|tokens?|api[_ ]?keys?|logged[ -]?in|log(ged)?[ -]?out|sign(ed)?[ -]?out)\b",
    "ends no session or token of the user",
)

# A disclosure of data, not a policy for reporting flaws.
_read_with(
    ("disclosure",),
    r"^(?!.*\b(responsible|coordinated|vulnerability|security)\s+disclosure|"
    r".*\bdisclosure\s+(polic\w*|process\w*|program\w*|guidelines?|triangles?|widgets?|"
    r"panels?|components?|buttons?|toggles?|transforms?)\b|.*\b(headings?|aria|ui)\s+"
    r"disclosure)",
    "names a policy for reporting flaws, or a widget that shows and hides, not data disclosed",
)
_read_with(
    ("backtracking",),
    r"\b(restrict\w*|limit\w*|prevent\w*|avoid\w*|reduc\w*|catastrophic|excessive|"
    r"repeated|exponential|quadratic|redos|regex\w*|regexp\w*|wildcards?)\b",
    "bounds no expression's backtracking (a solver's, a search's)",
)


class Word:
    """A keyword found in the description (or an advisory id in the body), and whether
    its context lets it count."""

    __slots__ = ("word", "configured", "counts", "why", "where")

    def __init__(self, word: str, configured: str, counts: bool, why: str, where: str) -> None:
        self.word = word  # as written
        self.configured = configured  # the keyword of the configuration it matched
        self.counts = counts
        self.why = why  # why it does not count; "" when it does
        self.where = where  # "description" or "body"


def description_words(description: str, keywords: tuple[str, ...]) -> list[Word]:
    """Each keyword of `keywords` in the description, once, read in its context."""
    if not keywords:
        return []
    # The keywords whose text the description holds, by one search in C (almost no
    # description holds any); then the whole-word expression of those few alone: over
    # every keyword it costs twenty times more, and a defence's verb is common text.
    held = _needles_of(keywords).held(description.lower())
    if not held:
        return []
    found: list[Word] = []
    seen: set[str] = set()
    by_lower = _by_lower(keywords)
    for match in _keyword_pattern(held).finditer(description):
        word = match[0]
        if word.lower() in seen:
            continue
        seen.add(word.lower())
        counts, why = _in_context(word.lower(), description, match.start(), match.end())
        found.append(Word(word, by_lower[word.lower()], counts, why, "description"))
    return found


def body_ids(body: str) -> list[Word]:
    """Advisory identifiers (CVE-2022-36087, GHSA-xxxx-xxxx-xxxx, CWE-79) in the body."""
    if "-" not in body:
        return []
    found: list[Word] = []
    for match in _ADVISORY_IDS.finditer(body):
        if all(word.word.lower() != match[0].lower() for word in found):
            found.append(Word(match[0], match[0].split("-")[0].upper() + "-", True, "", "body"))
    return found


def _in_context(word: str, text: str, start: int, end: int) -> tuple[bool, str]:
    rule = CONTEXTS.get(word)
    if rule is None:
        return True, ""
    wanted, why = rule
    if wanted.startswith("^"):  # a benign phrase anywhere in the description
        return folded(wanted).find(text) is not None, why
    near = text[max(0, start - _NEAR) : start] + " " + text[end : end + _NEAR]
    # An identifier names what it holds: `TokenEndpoint` is a token's endpoint and
    # `InvalidClaimError` a claim's error, so each word of it is read on its own.
    near = _CAMEL_BOUNDARY.sub(" ", near)
    return folded(wanted).find(near) is not None, why


# Between a lower-case letter or digit and a capital (`tokenEndpoint`), and before the
# last capital of an acronym of two letters or more (`RSAPublicKey`: RSA Public Key;
# `OAuth` stays one word).
_CAMEL_BOUNDARY = Pattern(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z]{2})(?=[A-Z][a-z])")


class Folded:
    """An expression written in lower case, matched whatever the case. An ASCII text is
    lower-cased once and searched without IGNORECASE, which tries every alternative in
    both cases at each character: a third of the time. Other text (where lower() may
    change a length) is searched as it is, ignoring case. Each way is compiled on its
    first use: the hook meets one description."""

    __slots__ = ("_plain", "_ignoring")

    def __init__(self, expression: str) -> None:
        self._plain = Pattern(expression)
        self._ignoring = Pattern(expression, IGNORECASE)

    def find(self, text: str) -> str | None:
        """The first match in `text`, as written there."""
        if text.isascii():
            match = self._plain.search(text.lower())
            return None if match is None else text[match.start() : match.end()]
        match = self._ignoring.search(text)
        return None if match is None else match[0]


@cached(maxsize=128)
def folded(expression: str) -> Folded:
    """The Folded matcher of `expression`, built once."""
    return Folded(expression)


class _Needles:
    """The keywords' text, found in a lower-cased description at once: which keywords it
    holds. A keyword that holds another (`leaks`, `leak`) is found by the shorter one."""

    __slots__ = (
        "_keywords",
        "_needles",
        "_asked",
        "_any",
        "_every",
        "_holders",
        "_by_first",
        "_anywhere",
    )

    def __init__(self, keywords: tuple[str, ...]) -> None:
        self._keywords = keywords
        self._needles = tuple({word.lower() for word in keywords if word})
        self._asked = 0
        # Compiled once asked often (`check`): the hook asks once, and a loop of
        # substring tests costs it less than compiling an expression of every keyword.
        self._any: re.Pattern[str] | None = None
        self._every: re.Pattern[str] | None = None
        self._holders: dict[str, tuple[str, ...]] = {}  # needle -> the keywords holding it
        # Once asked often, for an ASCII text (nearly every description): each keyword
        # by its first word, since a keyword found as a whole word begins with a whole
        # word of the text; and those that need not (a prefix such as `CVE-`, a keyword
        # that starts with a sign), looked for as text. Built on the first such text.
        self._by_first: dict[str, tuple[tuple[str, str], ...]] | None = None
        self._anywhere: tuple[tuple[str, str], ...] = ()

    def held(self, lowered: str) -> tuple[str, ...]:
        """The keywords that may stand in the text as whole words: a superset of those
        `_keyword_pattern` finds there, found without reading every keyword's text."""
        if lowered.isascii() and self._asked >= _COMPILED_AFTER:
            return self._by_tokens(lowered)  # `check`: many descriptions
        found = self._found(lowered)
        if not found:
            return ()
        held: set[str] = set()
        for needle in found:
            holders = self._holders.get(needle)
            if holders is None:  # worked out for the needles met, not every keyword's
                holders = tuple(word for word in self._keywords if needle in word.lower())
                self._holders[needle] = holders
            held.update(holders)
        return tuple(sorted(held))

    def _by_tokens(self, lowered: str) -> tuple[str, ...]:
        if self._by_first is None:
            self._index_first_words()
        assert self._by_first is not None
        by_first = self._by_first
        held: set[str] = set()
        for token in set(_words(lowered)):
            found = by_first.get(token)
            if found is None:
                continue  # most words of a description begin no keyword
            # A keyword of several words is held only when its whole text is there: the
            # expression of the keywords held is compiled for each new set of them.
            held.update(keyword for keyword, needle in found if needle in lowered)
        for keyword, needle in self._anywhere:
            if needle in lowered:
                held.add(keyword)
        return tuple(sorted(held))

    def _index_first_words(self) -> None:
        by_first: dict[str, list[tuple[str, str]]] = {}
        anywhere: list[tuple[str, str]] = []
        for keyword in self._keywords:
            needle = keyword.lower()
            # Whole words on both sides (`_keyword_pattern`): `[\w-]` neither before the
            # keyword nor after it, so its first word is a whole word of the text.
            if needle.isascii() and needle[:1] in _WORD_CHARACTERS and needle[-1].isalnum():
                by_first.setdefault(_words(needle)[0], []).append((keyword, needle))
            elif needle:
                anywhere.append((keyword, needle))
        self._by_first = {word: tuple(found) for word, found in by_first.items()}
        self._anywhere = tuple(anywhere)

    def _found(self, lowered: str) -> set[str]:
        """The needles the text holds, every occurrence counted (none hides another)."""
        if self._any is None:
            self._asked += 1
            if self._asked <= _COMPILED_AFTER:
                return {needle for needle in self._needles if needle in lowered}
            self._any = any_literal(set(self._needles))
        if self._any.search(lowered) is None:
            return set()  # most descriptions: one search that skips ahead, and stops at a hit
        if self._every is None:
            # Inside a lookahead, so that no occurrence hides another that overlaps it.
            self._every = Pattern(f"(?=({self._any.pattern}))").compiled
        return set(self._every.findall(lowered))


_COMPILED_AFTER = 32  # descriptions
# A whole word as _keyword_pattern bounds one: a run of `[\w-]`. Split out of an ASCII
# text by translating every other character to a space, in C, with no expression.
_WORD_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")
_NOT_WORD = {code: " " for code in range(128) if chr(code) not in _WORD_CHARACTERS}


def _words(ascii_text: str) -> list[str]:
    r"""The runs of `[\w-]` of an ASCII text, in order."""
    return ascii_text.translate(_NOT_WORD).split()


def _needles_of(keywords: tuple[str, ...]) -> _Needles:
    """The needles of the configuration's own tuple, without hashing its hundred words
    again: `check` asks for every fix of a history."""
    global _LAST
    if _LAST is None or _LAST[0] is not keywords:
        _LAST = (keywords, _needles(keywords))
    return _LAST[1]


_LAST: tuple[tuple[str, ...], _Needles] | None = None


@cached(maxsize=8)
def _needles(keywords: tuple[str, ...]) -> _Needles:
    return _Needles(keywords)


@cached(maxsize=8)
def _by_lower(keywords: tuple[str, ...]) -> dict[str, str]:
    return {word.lower(): word for word in keywords}


@cached(maxsize=256)  # the few keywords a description holds, per description
def _keyword_pattern(keywords: tuple[str, ...]) -> re.Pattern[str]:
    import re  # only for a description that holds a keyword's text

    # Whole words: `RCE` is not in `force`. A keyword ending in `-` (CVE-) is a prefix.
    alternatives = sorted(keywords, key=len, reverse=True)
    parts = [
        r"(?<![\w-])" + re.escape(word) + (r"(?![\w-])" if word[-1].isalnum() else "")
        for word in alternatives
    ]
    return re.compile("|".join(parts), re.IGNORECASE)
