"""Is this fix security work? The evidence, weighed. Pure.

A commit of a security type (`security.types`) is security work when one piece of
evidence holds:

* its scope is a security scope (`fix(auth)`): the team's rule, taken as it is;
* its description names an attack or a defence (`security.keywords`, read in context
  by security/words.py), or its body cites an advisory (CVE-, GHSA-, CWE-), unless every
  path it changes is a test or prose ("docs: security contact");
* a path it changes is a candidate, by its name (`security.roles`: a guard, a passport
  strategy, JWT, token or password handling, a permission check) or by its folder
  (`security.paths`: `auth/`, `account/`, `oauth2/`, ...), and its changed lines touch
  security code: a defence anywhere (CSRF state, escaping, a constant-time compare, a
  rate limit, a permission check, a JWT algorithm list), or a password, token, session
  or redirect on a line that tests or rejects. A name says where a file is, not what
  the change does. In a repository whose own package is a security package (an auth
  library: `security.project`), every path is such a candidate;
* a dependency manifest it changes moves a security package (`security.packages`) to
  another version: `fix(deps): bump jsonwebtoken to 9.0.0`.

A template, stylesheet, type, data or UI file counts only when its lines touch
escaping; no path counts for a description or scope that names formatting, tooling or
a restructuring (`fix: prettier`, `fix(eslint): ...`, a move, a revert, a version: a
manifest's bump still counts), nor in a commit that adds a whole scaffold; a
description that announces new work ("add refresh tokens") needs a defence it removes
or replaces, since a new route's guard is the feature itself. Lines that change no
behaviour (formatting, imports, comments, docstring prose, type annotations, new
definitions, moves) are not read as changes (security/lines.py).

Every piece of evidence is kept, counted or discounted with its reason, because
`commitguard explain security-impact` shows them. The changed lines come from the
caller (`hunks`: path -> "+line"/"-line"); a candidate without them is `unread`, and
the caller reads the diff of those paths only, when nothing else decided.
"""

from __future__ import annotations

from commitguard import globs
from commitguard.lazy import IGNORECASE, Pattern, cached
from commitguard.message.parse import Header
from commitguard.message.suggest import scope_parts
from commitguard.model import Change, Value
from commitguard.security import defaults
from commitguard.security.types import is_security_type
from commitguard.security.words import Word, body_ids, description_words

# typing costs ~10 ms of import time in the commit-msg hook; mypy reads this flag too.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from commitguard.config.load import Config

    Hunks = Mapping[str, Sequence[str]]


class Reason(Value):
    """One piece of evidence that counts."""

    __slots__ = ("kind", "subject", "setting", "pattern", "support")

    def __init__(
        self, kind: str, subject: str, setting: str, pattern: str, support: str = ""
    ) -> None:
        self.kind = kind  # "scope", "path" or "keyword"
        self.subject = subject  # the scope name, the path or the word as written
        self.setting = setting  # the configuration key that lists `pattern`
        self.pattern = pattern  # the configured scope, glob or keyword that matched
        self.support = support  # what tipped a path or a body id ("" for the rest)


class Discounted(Value):
    """Evidence that was found but does not count, and why."""

    __slots__ = ("kind", "subject", "pattern", "why")

    def __init__(self, kind: str, subject: str, pattern: str, why: str) -> None:
        self.kind = kind  # "path" or "keyword"
        self.subject = subject
        self.pattern = pattern
        self.why = why


class Ignored(Value):
    """A path that matches a security glob but is excluded by an ignore glob."""

    __slots__ = ("path", "pattern", "ignored_by")

    def __init__(self, path: str, pattern: str, ignored_by: str) -> None:
        self.path = path
        self.pattern = pattern
        self.ignored_by = ignored_by


class Detection(Value):
    __slots__ = ("type_matches", "reasons", "ignored", "discounted", "unread")

    def __init__(
        self,
        type_matches: bool,
        reasons: tuple[Reason, ...],
        ignored: tuple[Ignored, ...] = (),
        discounted: tuple[Discounted, ...] = (),
        unread: tuple[Reason, ...] = (),
    ) -> None:
        self.type_matches = type_matches  # the type is in security.types
        self.reasons = reasons  # the evidence that counts
        self.ignored = ignored
        self.discounted = discounted
        self.unread = unread  # candidate paths whose changed lines were not given

    @property
    def relevant(self) -> bool:
        return self.type_matches and bool(self.reasons)

    @property
    def wants_lines(self) -> tuple[str, ...]:
        """The paths whose changed lines could still decide: none once anything counts."""
        if self.reasons or not self.type_matches:
            return ()
        return tuple(reason.subject for reason in self.unread)


def detect(
    header: Header,
    changes: tuple[Change, ...],
    config: Config,
    *,
    every_reason: bool = False,
    hunks: Hunks | None = None,
    body: str = "",
) -> Detection:
    """Every piece of evidence that the commit is security work, weighed. A type that
    does not count ends the search, unless `every_reason` (`explain` says what would
    have counted). The detection by paths' names is remembered for the last commit
    asked: `check` asks again which of a flagged fix's paths to read (engine/check.py)."""
    if every_reason or hunks is not None:
        return _detect(header, changes, config, every_reason=every_reason, hunks=hunks, body=body)
    global _LAST_DETECTED
    asked = (header, body, changes, config)
    last = _LAST_DETECTED
    # The same commit asks with the same paths, the very tuple: any other commit is told
    # apart by it at once, before its header is compared field by field.
    if last is not None and last[0][2] is changes and last[0] == asked:
        return last[1]
    found = _detect(header, changes, config, every_reason=False, hunks=None, body=body)
    _LAST_DETECTED = (asked, found)
    return found


# The last commit's question and answer (its header, body, paths and configuration).
_LAST_DETECTED: tuple[tuple[object, ...], Detection] | None = None


def _detect(
    header: Header,
    changes: tuple[Change, ...],
    config: Config,
    *,
    every_reason: bool,
    hunks: Hunks | None,
    body: str,
) -> Detection:
    type_matches = is_security_type(header, config)
    if not every_reason and not type_matches:
        return Detection(False, ())
    reasons = scope_reasons(header, config)
    discounted: list[Discounted] = []
    words = description_words(header.description, config.security_keywords) + body_ids(body)
    for word in words:
        why = word.why if not word.counts else _defence_named_by_tooling(word, header.description)
        if not why:
            reasons.append(_word_reason(word))
        else:
            discounted.append(Discounted("keyword", word.word, word.configured, why))
    if any(reason.kind == "keyword" for reason in reasons) and _only_prose(changes):
        why = "every path the commit changes is a test, a fixture or prose"
        discounted += [Discounted("keyword", r.subject, r.pattern, why) for r in reasons]
        reasons = [reason for reason in reasons if reason.kind != "keyword"]
    weighed = weigh_paths(header, changes, config, hunks)
    reasons += weighed.reasons
    discounted += weighed.discounted
    return Detection(
        type_matches, tuple(reasons), weighed.ignored, tuple(discounted), weighed.unread
    )


def unread_counted(detection: Detection) -> Detection:
    """The detection with its unread folder paths counted by their folder alone: for a
    commit whose changed lines are not at hand (`check` and `report` read paths only)."""
    if not detection.unread:
        return detection
    why = "its name (the changed lines were not read)"
    counted = tuple(_supported(reason, why) for reason in detection.unread)
    return Detection(
        detection.type_matches,
        detection.reasons + counted,
        detection.ignored,
        detection.discounted,
    )


def _defence_named_by_tooling(word: Word, description: str) -> str:
    """Why a defence the description names is not the change: "reduce queries on access
    token validation", "refactor the state validation" work on it, not in it. What the
    description says after the defence is what it defends against ("prevent OctKey to
    import PEM keys"), not the change. An attack word ("SQL injection", "XSS") counts
    whatever the description says next to it."""
    if word.configured.lower() not in _DEFENCE_VERBS:
        return ""
    at = description.find(word.word)
    for match in _FORMATTING_WORDS.finditer(description):
        if at < 0 or match.start() < at:  # "move the token validation to", not "prevent import"
            return f"the description says formatting or tooling (`{match[0]}`)"
    return ""


_DEFENCE_VERBS = frozenset(defaults.SECURITY_DEFENCE_VERBS)


def _word_reason(word: Word) -> Reason:
    if word.where == "body":
        return Reason("keyword", word.word, "advisory id", word.configured, "in the body")
    return Reason("keyword", word.word, "security.keywords", word.configured)


@cached(maxsize=16)
def _security_scopes(config: Config) -> dict[str, str]:
    """The security scopes by their lower-cased names."""
    return {name.lower(): name for name in config.security_scopes}


def scope_reasons(header: Header, config: Config) -> list[Reason]:
    if header.scope is None:
        return []
    sensitive = _security_scopes(config)
    reasons = []
    for raw in header.scope.split(","):  # `api,auth` names two
        name = raw.strip()
        configured = sensitive.get(name.lower())
        if configured is not None:
            reasons.append(Reason("scope", name, "security.scopes", configured))
    return reasons


def keyword_reasons(description: str, config: Config) -> list[Reason]:
    """The keywords of the description that count in their context."""
    words = description_words(description, config.security_keywords)
    return [
        _word_reason(word)
        for word in words
        if word.counts and not _defence_named_by_tooling(word, description)
    ]


def formatting_word(description: str) -> str | None:
    """The word of the description that says the fix is formatting or tooling."""
    match = _FORMATTING_WORDS.search(description)
    return match[0] if match else None


def _tooling_scope(header: Header) -> str | None:
    if header.scope is None:
        return None
    for name, _ in scope_parts(header):
        if formatting_word(name) or _TOOLING_SCOPE.fullmatch(name):
            return name
    return None


_TOOLING_SCOPE = Pattern(defaults.SECURITY_TOOLING_SCOPES, IGNORECASE)
# A description that says the commit moves a dependency: "bump xml2js", "upgrade minimal
# debug version", "deps: on-headers@1.1.0", "enforce nextjs peerDependency".
_DEPENDENCY_WORK = Pattern(defaults.SECURITY_DEPENDENCY_WORDS, IGNORECASE)
_FEATURE_WORDS = Pattern(defaults.SECURITY_FEATURE_WORDS, IGNORECASE)
_DEFENCE_WORDS = Pattern(defaults.SECURITY_DEFENCE_WORDS, IGNORECASE)
_FORMATTING_WORDS = Pattern(
    rf"(?<![\w-])(?:{'|'.join(defaults.SECURITY_FORMATTING_WORDS)})(?![\w-])", IGNORECASE
)


def _only_prose(changes: tuple[Change, ...]) -> bool:
    if not changes:
        return False
    prose = globs.glob_set(defaults.SECURITY_PROSE_PATHS)
    manifests = globs.glob_set(defaults.SECURITY_MANIFEST_PATHS)
    return all(
        prose.first(change.path) is not None and manifests.first(change.path) is None
        for change in changes
    )


class Weighed(Value):
    __slots__ = ("reasons", "discounted", "ignored", "unread")

    def __init__(
        self,
        reasons: list[Reason],
        discounted: list[Discounted],
        ignored: tuple[Ignored, ...],
        unread: tuple[Reason, ...],
    ) -> None:
        self.reasons = reasons
        self.discounted = discounted
        self.ignored = ignored
        self.unread = unread


def weigh_paths(
    header: Header, changes: tuple[Change, ...], config: Config, hunks: Hunks | None
) -> Weighed:
    """Each candidate path (a role or a folder, not ignored), weighed by its changed
    lines when `hunks` has them (a rename counts both sides, once)."""
    candidates, ignored = path_candidates(changes, config, weighed=True)
    if not candidates:
        return Weighed([], [], tuple(ignored), ())
    # The words that say the commit is formatting or tooling; a description that
    # announces new work ("add refresh tokens", not "add missing permission check"),
    # for which only a defence it changes counts.
    formatting = _tooling_scope(header) or formatting_word(header.description)
    new_work = (
        _FEATURE_WORDS.match(header.description.strip()) is not None
        and _DEFENCE_WORDS.search(header.description) is None
    )
    # A file the commit adds is new code, not a fix to a check that was there.
    added = {change.path for change in changes if change.status == "A"}
    # A scaffold is judged, like the lines, only when they are read (`read-diff: false`
    # makes a name count alone).
    scaffold_size = len(added) >= defaults.SECURITY_SCAFFOLD_FILES
    if formatting is None and config.security_read_diff and scaffold_size:
        scaffold = f"the commit adds {len(added)} files: a scaffold, an import or generated code"
    else:
        scaffold = None
    reasons: list[Reason] = []
    discounted: list[Discounted] = []
    unread: list[Reason] = []
    weighed_by = (reasons, discounted, unread)
    if hunks is not None:
        # Only a commit whose lines were read gets here: the hook's usual path never
        # loads the line reader.
        from commitguard.security.lines import moved_lines, substantive

    markup = globs.glob_set(defaults.SECURITY_MARKUP)
    moved = moved_lines(hunks.values()) if hunks else frozenset()
    for candidate, old_path in candidates:
        path, pattern = candidate.subject, candidate.pattern
        if candidate.setting == _PACKAGES:
            # A bump is weighed by its lines alone: "bump", "upgrade" and `deps` say what
            # a dependency's fix is, not that it is tooling.
            lines = _lines_of(hunks, path, old_path)
            _weigh_manifest(candidate, lines, config, header.description, weighed_by)
            continue
        if formatting is not None or scaffold is not None:
            why = scaffold or f"the description says formatting or tooling (`{formatting}`)"
            discounted.append(Discounted("path", path, pattern, why))
            continue
        lines = _lines_of(hunks, path, old_path)
        is_markup = markup.first(path) is not None
        if not config.security_read_diff:
            reasons.append(candidate)  # the name alone, as configured
        elif lines is None:
            unread.append(candidate)
        else:
            found, why = _weigh_lines(substantive, lines, moved, is_markup, new_work, path in added)
            if found is None:
                discounted.append(Discounted("path", path, pattern, why))
            else:
                reasons.append(_supported(candidate, f"its changed lines touch `{found}`"))
    return Weighed(reasons, discounted, tuple(ignored), tuple(unread))


def _weigh_manifest(
    candidate: Reason,
    lines: Sequence[str] | None,
    config: Config,
    description: str,
    weighed_by: tuple[list[Reason], list[Discounted], list[Reason]],
) -> None:
    """A dependency manifest counts when its changed lines move a security package to
    another version (security/packages.py), or, in a project that is itself security
    code, any package the description says it moves: what such a project depends on
    runs inside it (`node-saml`'s "bump xml2js", `express-session`'s "deps:
    on-headers@1.1.0"). A fix whose own change drags a version along ("fix: mongodb
    conflicting ids") is weighed by its code. The manifest's name alone never counts."""
    reasons, discounted, unread = weighed_by
    if lines is None:
        unread.append(candidate)
        return
    from commitguard.security.packages import bumped_package

    package = bumped_package(lines, config.security_packages)
    if package is not None:
        moved = f"its changed lines move `{package}` to another version"
        reasons.append(_supported(candidate, moved))
        return
    project = _path_judge(config).project
    if project is not None and _DEPENDENCY_WORK.search(description):
        # no security package moved, so any package that did is the project's dependency
        package = bumped_package(lines, (), every=True)
        if package is not None:
            from commitguard.security.project import shown

            moved = f"its changed lines move `{package}`, a dependency of {shown(project)}"
            reasons.append(_supported(candidate, moved))
            return
    why = "its changed lines move no security package (`security.packages`) to another version"
    discounted.append(Discounted("path", candidate.subject, candidate.pattern, why))


def _weigh_lines(
    substantive: Callable[..., list[str]],
    lines: Sequence[str],
    moved: frozenset[str],
    markup: bool,
    new_work: bool,
    added: bool,
) -> tuple[str | None, str]:
    """(the security word a path's changed lines touch, or None and why they do not
    count). `substantive` is security/lines.py's, passed in so that this module does not
    import the line reader the hook rarely needs."""
    from commitguard.security.lines import touched

    if new_work:
        # New work counts only for a defence it changes: a line it removes or replaces
        # holds it (a new route's guard, a new class's permission check are the feature).
        kept = substantive(lines, moved, signs="-")
        found = touched(kept, defaults.SECURITY_DIFF_CHECKS)
        return found, "new work (announced as such) that removes or replaces no defence"
    kept = substantive(lines, moved, new_file=added)
    if not kept:
        return None, (
            "its changed lines are only formatting, imports, comments, declarations or moves"
        )
    if markup:
        found = touched(kept, defaults.SECURITY_MARKUP_WORDS)
        return found, "a template, style, data, type or UI file whose lines touch no escaping"
    if added:
        found = touched(kept, defaults.SECURITY_DIFF_CHECKS)
        return found, "a new file whose lines touch no defence"
    found = touched(kept, defaults.SECURITY_DIFF_CHECKS, defaults.SECURITY_DIFF_NOUNS)
    return found, "its changed lines touch no security check, nor a secret or token in a test"


def _supported(reason: Reason, support: str) -> Reason:
    return Reason(reason.kind, reason.subject, reason.setting, reason.pattern, support)


def _lines_of(hunks: Hunks | None, path: str, old_path: str | None) -> Sequence[str] | None:
    if hunks is None:
        return None
    found = hunks.get(path)
    if found is None and old_path is not None:
        found = hunks.get(old_path)
    return found


def path_candidates(
    changes: tuple[Change, ...], config: Config, *, weighed: bool = False
) -> tuple[list[tuple[Reason, str | None]], list[Ignored]]:
    """Paths that match a role or folder glob and no ignore glob, each with the other
    side of its rename; a role before a folder. With `weighed` (for a judgement that
    reads their lines), the dependency manifests too, whose lines may bump a security
    package, and every path of a project that is security code: named alone, they say
    nothing (the commit template, the report's auth area)."""
    if not changes or not (
        config.security_paths
        or config.security_roles
        or (weighed and (config.security_packages or config.security_project == "true"))
    ):
        return [], []
    found, ignored = _path_judge(config).candidates(changes)
    if not weighed:
        found = [item for item in found if item[0].setting not in (_PACKAGES, _PROJECT)]
    return found, ignored


@cached(maxsize=8)
def _path_judge(config: Config) -> _PathJudge:
    # A manifest is weighed by its lines alone: without them (`read-diff: false`) it is
    # no candidate.
    with_packages = config.security_packages and config.security_read_diff
    return _PathJudge(
        globs.glob_set(config.security_roles),
        globs.glob_set(config.security_paths),
        globs.glob_set(config.security_ignore_paths),
        globs.glob_set(defaults.SECURITY_DEPENDENCY_MANIFESTS if with_packages else ()),
        security_project(config),
    )


_PACKAGES = "security.packages"
_PROJECT = "security.project"


def security_project(config: Config) -> str | None:
    """What makes every path of the repository a candidate, if anything: its own package
    is a security package (`security.project: auto`), or the configuration says so.
    Weighed by their lines alone: without them (`read-diff: false`) nothing is."""
    if not config.security_read_diff or config.security_project == "false":
        return None
    if config.security_project == "true":
        from commitguard.security.project import WHOLE_REPOSITORY

        return WHOLE_REPOSITORY
    name = config.project_package
    if not name:
        return None
    from commitguard.security.packages import is_security_package

    return name if is_security_package(name, config.security_packages) else None


class _PathJudge:
    """What each path is to the security rules: a candidate, ignored, or nothing. A
    history names the same paths again and again (`check` asks of every fix's paths),
    so each path's verdict is worked out once."""

    __slots__ = ("_roles", "_folders", "_ignore", "_manifests", "project", "_known")

    def __init__(
        self,
        roles: globs.GlobSet,
        folders: globs.GlobSet,
        ignore: globs.GlobSet,
        manifests: globs.GlobSet,
        project: str | None,
    ):
        self._roles = roles
        self._folders = folders
        self._ignore = ignore
        self._manifests = manifests
        self.project = project  # every path is a candidate: the project is security code
        self._known: dict[str, Reason | Ignored | None] = {}

    def candidates(
        self, changes: tuple[Change, ...]
    ) -> tuple[list[tuple[Reason, str | None]], list[Ignored]]:
        maybe = None
        if len(changes) >= globs.SIFTED and self.project is None:
            # A large index (the hook's 2,000 staged paths): one search over every path
            # first, since most match nothing.
            every = [p for c in changes for p in (c.path, c.old_path) if p]
            maybe = (
                set(self._roles.sift(every))
                | set(self._folders.sift(every))
                | set(self._manifests.sift(every))
            )
        found: list[tuple[Reason, str | None]] = []
        ignored: list[Ignored] = []
        for change in changes:
            for path, other in ((change.path, change.old_path), (change.old_path, change.path)):
                if path is None or (maybe is not None and path not in maybe):
                    continue
                verdict = self._verdict(path)
                if verdict is None:
                    continue
                if isinstance(verdict, Ignored):
                    ignored.append(verdict)
                else:
                    found.append((verdict, other))
                break
        return found, ignored

    def _verdict(self, path: str) -> Reason | Ignored | None:
        known = self._known
        if path in known:
            return known[path]
        if len(known) > 65536:  # flat memory over any history
            known.clear()
        # A dependency manifest is weighed as one wherever it lies and whatever it is
        # named (`packages/next-auth/package.json`, `omniauth-saml.gemspec`): it holds
        # versions, not auth code.
        manifest = self._manifests.first(path)
        role = None if manifest else self._roles.first(path)
        folder = None if manifest or role else self._folders.first(path)
        pattern = manifest or role or folder or self.project
        verdict: Reason | Ignored | None = None
        if pattern is not None:
            excluded = self._ignore.first(path)
            if excluded is not None:
                verdict = Ignored(path, pattern, excluded)
            else:
                verdict = Reason("path", path, _setting(role, folder, manifest), pattern)
        known[path] = verdict
        return verdict


def _setting(role: str | None, folder: str | None, manifest: str | None) -> str:
    """The configuration key that made a path a candidate."""
    if role:
        return "security.roles"
    if folder:
        return "security.paths"
    return _PACKAGES if manifest else _PROJECT


def path_reasons(changes: tuple[Change, ...], config: Config) -> tuple[list[Reason], list[Ignored]]:
    """The paths that may make a fix security work, by name alone (the prepare-commit-msg
    hook's template: the type is not typed yet, and a comment costs nothing)."""
    found, ignored = path_candidates(changes, config)
    return [reason for reason, _ in found], ignored


def needs_paths(header: Header | None, config: Config) -> bool:
    """Whether judging this header needs the staged paths: a security-type commit whose
    scope does not already decide it (a keyword does not count for a commit of tests
    and prose only). Spares the hook a git call for every other commit."""
    if header is None or not is_security_type(header, config):
        return False
    if not (
        config.security_paths
        or config.security_roles
        or config.security_keywords
        or config.security_packages
    ):
        return False
    return not scope_reasons(header, config)
