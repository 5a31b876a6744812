"""What a change's lines touch. Pure: changed lines in, words out.

A folder name says where a file is; the changed lines say what the change does. Only
the lines that change behaviour are read: blank lines, comments, imports (and the bare
names of a multi-line import list), docstring prose, type annotations, encoded data, a
new definition's signature, and a line removed and added again with other spacing,
quotes, trailing commas or type annotations (a formatter's work, a moved line) are
left out. What remains is searched for the words of security
code (`security/defaults.py`: the defences anywhere, the data they guard on a line
that tests or rejects).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence

from commitguard.security.defaults import SECURITY_CHECK_LINE, SECURITY_REJECT_LINE
from commitguard.security.words import Folded, folded

_COMMENT = re.compile(r"^\s*(#|//|/\*|\*|<!--|\"\"\"|'''|--\s)")
_IMPORT = re.compile(
    r"^\s*(import\s|from\s+\S+\s+import\s|\}\s*from\s|export\s+\*\s+from\s|export\s+\{[^}]*\}\s+from\s|"
    r"(const|let|var)\s+\w+\s*=\s*require\(|using\s|package\s|@import\s|require\s)"
)
_NOISE = re.compile(r"[\s'\"`,;()]+")
# A name alone on its line, with at most a trailing comma: a member of an import or
# export list that spans lines (`UseGuards,`), of an enum or of an argument list. It
# names something; it tests nothing.
_BARE_NAME = re.compile(r"^\s*[\w.$]+\s*,?\s*$")
# A line of prose inside a docstring or a comment block whose opening is not among the
# changed lines: four words or more, separated by spaces, and no code (no `=`, braces,
# calls, `?.`), not opening with a keyword of code (`if not user or not verified:` is
# code, and so is `nonce?.value ?? o.expectNoNonce`).
# Written so that each character has one way to match: spaces are one run (a dash
# between two runs opens the second), and a word's trailing punctuation begins at its
# first character a word cannot hold. With two ways a character (a space, a `.`), a
# line of aligned columns took seconds per word and a hostile one forever.
_PROSE = re.compile(
    r"^\s*\(?[A-Za-z][\w'’-]*[,;:.!?)]*"
    r"(?:\s+(?:[-–—]+\s*)?[(\"`]?[A-Za-z#][\w'’`.#-]*(?:[,;:!?)\"][,;:.!?)\"`]*)?){3,}\s*$"
)
# A string literal with a prefix (`b'-----BEGIN RSA PUBLIC KEY-----',`) reads like
# words, but it is data a check compares with: code.
_PREFIXED_STRING = re.compile(r"""^\s*[bBrRuUfF]{1,2}['"]""")
# A line that declares a name: a new function, class or method says what the code is
# called, not what it tests (`def has_permission(self, request, view):`), and a type
# annotation (`email_verified: boolean`) holds no behaviour. An added definition is
# left out; a removed or replaced one still counts (`class SessionView(Authenticated
# APIView)` becoming `class SessionView(APIView)` drops a protection).
_DEFINITION = re.compile(
    r"^\s*(export\s+)?(default\s+)?(abstract\s+)?(async\s+)?"
    r"(def|class|function\*?|interface|enum)\s+[\w$]+"
    r"|^\s*((public|private|protected|static|async|override|get|set)\s+)*[\w$]+\s*"
    r"\([^()]*\)\s*(:\s*[^={}]+)?\{\s*$"
)
_TYPE = (
    r"(?:[A-Z][\w.]*(?:<[^=]{0,120}>)?(?:\[\])*|string|number|boolean|bigint|any|unknown|"
    r"object|void)"
)
_ANNOTATION = re.compile(
    rf"^\s*(readonly\s+)?[\w$]+\??\s*:\s*{_TYPE}(\s*\|\s*({_TYPE}|null|undefined))*"
    r"\s*[;,]?\s*(//.*)?$"
)
# A type annotation on a name (`const valid: boolean = ...`, `): Promise<User> {`): a
# line that only gains or changes one is the same line. Types only (a capitalised name
# or a primitive) right after a name and before `=`, `)`, `{` or `;`, never a value:
# `"verified": True`, `useClass: JwtAuthGuard,` and `a ? b : C` keep theirs.
_TYPED = re.compile(
    r"(?<=[\w)\]])\??:\s*(?!(True|False|None)\b)(?:[A-Z][\w.]*(?:<[^=]{0,120}>)?|string|number|"
    r"boolean|bigint|any|unknown|void|object)(?:\[[^\]=]{0,40}\])*(?:\s*\|\s*[\w.<>\[\]]+)*"
    r"(?=\s*[=){;])"
)
# Encoded data (an image inlined in an SVG, a minified bundle): a long run of base64
# or identifier characters spells `Csrf` or `jwt` by chance.
_ENCODED = re.compile(r"[A-Za-z0-9+/=_-]{120,}")
_CODE_WORDS = re.compile(
    r"^\s*(else|return|raise|throw|assert|await|yield|and|or|not|del|pass|lambda|new|"
    r"typeof|case|def|class|function|const|let|var|export|async|import|from|is|in)\b|"
    # a condition or loop is code when it opens a block or a parenthesis: "if they log
    # in with a token," in a docstring is prose
    r"^\s*(if|elif|unless|while|for|with)\b.*([:{]\s*$|\()"
)
# A trailing comment: a linter's marker (`# nosec`, `// eslint-disable-line`) added to
# a line changes nothing it does.
_TRAILING_COMMENT = re.compile(r"(?<!\s)\s+(#|//)\s.*$|(?<!\s)\s+#\s*(nosec|noqa|type:).*$")
# A changed line this long is generated (minified code, inlined data), not written: it
# is left out before any expression reads it, so a hostile line costs no more than its
# length. Every repetition in the expressions above that may start anywhere is bounded
# for the same reason.
_LONGEST_LINE = 1000


def substantive(
    lines: Sequence[str],
    moved: frozenset[str] = frozenset(),
    signs: str = "+-",
    new_file: bool = False,
) -> list[str]:
    """The changed lines ("+..." or "-...") that change behaviour, without their sign.
    `moved`: lines the commit removes and adds elsewhere (moved between files);
    `signs`: "-" for the removed lines only; `new_file`: every line is added, so a
    definition is the file's own (a new guard's `canActivate`), not one added to it."""
    kept: list[tuple[str, str, str]] = []
    for line in lines:
        sign, text = line[:1], line[1:]
        if sign not in ("+", "-"):
            continue
        kind = _kind(text)
        if kind is _NOISE_LINE or (kind is _DEFINITION_LINE and sign == "+" and not new_file):
            continue
        kept.append((sign, _key(text), text))
    # A line removed and added again (reformatted, requoted, moved) counts on neither side.
    both = {key for sign, key, _ in kept if sign == "+"} & {
        key for sign, key, _ in kept if sign == "-"
    }
    return [
        text for sign, key, text in kept if sign in signs and key not in both and key not in moved
    ]


# What a changed line is, whichever side it is on: noise (blank, a comment, an import, a
# bare name, prose, an annotation, encoded data), a definition (which an added line of a
# file that was there does not count as), or code. Asked again of a history's repeated
# lines: a fix's lines are read per path, and its moved ones on both sides.
_NOISE_LINE, _DEFINITION_LINE, _CODE_LINE = "noise", "definition", "code"


@functools.lru_cache(maxsize=8192)  # a few commits' lines, not a history's
def _kind(text: str) -> str:
    if len(text) > _LONGEST_LINE or _noise(text):
        return _NOISE_LINE
    if _DEFINITION.match(text):
        return _DEFINITION_LINE
    return _CODE_LINE


def _noise(text: str) -> bool:
    if not text.strip() or _COMMENT.match(text) or _IMPORT.match(text):
        return True
    if _BARE_NAME.match(text) or _ANNOTATION.match(text) or _ENCODED.search(text):
        return True
    code = _without_trailing_comment(text)
    return (
        _PROSE.match(code) is not None
        and _CODE_WORDS.match(code) is None
        and _PREFIXED_STRING.match(code) is None
    )


def _without_trailing_comment(text: str) -> str:
    # A substring test first, in C: the expression tries every blank of the line, and
    # most lines hold neither `#` nor `//`.
    return _TRAILING_COMMENT.sub("", text) if "#" in text or "//" in text else text


def moved_lines(hunks: Iterable[Sequence[str]]) -> frozenset[str]:
    """The lines a commit removes from one file and adds to another (normalised)."""
    added: set[str] = set()
    removed: set[str] = set()
    for lines in hunks:
        for line in lines:
            if line[1:].strip() and len(line) <= _LONGEST_LINE:
                (added if line[:1] == "+" else removed).add(_key(line[1:]))
    return frozenset(added & removed)


# Each line is keyed twice: among every line of the commit (moved_lines), then among
# its path's lines that count (substantive). Three substitutions each time.
@functools.lru_cache(maxsize=8192)  # a few commits' lines, not a history's
def _key(text: str) -> str:
    code = _without_trailing_comment(text)
    return _NOISE.sub("", _TYPED.sub("", code) if ":" in code else code)  # _TYPED needs a `:`


def touched(
    lines: Sequence[str], checks: tuple[str, ...], nouns: tuple[str, ...] = ()
) -> str | None:
    """The first security word the lines hold, as written: one of `checks` on any line,
    one of `nouns` on a line that tests or rejects, or next to one; None if none."""
    strong = _words(checks)
    for line in lines:
        found = strong.find(line)
        if found is not None:
            return found
    if not nouns:
        return None
    weak = _words(nouns)
    check, reject = _words((SECURITY_CHECK_LINE,)), _words((SECURITY_REJECT_LINE,))
    tests = [check.find(line) is not None for line in lines]
    rejects = [reject.find(line) is not None for line in lines]
    for index, line in enumerate(lines):
        if tests[index] or any(rejects[max(0, index - 1) : index + 2]):
            found = weak.find(line)
            if found is not None:
                return found
    return None


@functools.lru_cache(maxsize=8)
def _words(words: tuple[str, ...]) -> Folded:
    """Expressions written in lower case, matched as one whatever the case."""
    return folded("|".join(f"(?:{word})" for word in words))
