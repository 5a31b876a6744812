"""The security-impact body: read it in either layout, write it in git's. Pure.

The team writes `Impact:` and `Affects:` right under the description, a layout git's
trailer parser does not read; a separate closing paragraph is what git reads. Both are
accepted on input. What commitguard writes itself is canonical (`Impact: High`) and goes
in the closing trailer block, so `git log --format=%(trailers)` finds it.
"""

from __future__ import annotations

import re

from commitguard.message.parse import Message
from commitguard.model import Value

IMPACT_LEVELS = ("Critical", "High", "Medium", "Low")
# The honest short answer: a fix in auth code that changes nothing an attacker could use
# (a redirect loop, a typo in an error). Its description says why; `Affects:` is moot.
NO_IMPACT = "None"
IMPACT_CHOICES = (*IMPACT_LEVELS, NO_IMPACT)
# GitHub security advisories say "moderate" where the team says Medium.
_IMPACT_ALIASES = {"moderate": "Medium"}
# Only these keys count: a body line such as `fix: something` is prose, not a field.
CANONICAL_KEYS = {
    "impact": "Impact",
    "security-impact": "Impact",
    "affects": "Affects",
    "cve": "CVE",
    "cwe": "CWE",
    "fixes": "Fixes",
    "reported-by": "Reported-by",
}
WRITE_ORDER = ("Impact", "Affects", "CVE", "CWE", "Fixes", "Reported-by")
_FIELD = re.compile(
    r"\s*(?P<key>security-impact|impact|affects|cve|cwe|fixes|reported-by)\s*:\s*(?P<value>.*)\Z",
    re.IGNORECASE,
)
# git's trailer parser: `Token: value`, the token without spaces; indented lines continue.
_GIT_TRAILER = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]*:\s")
# Trailers that say who and what, not what was fixed; any other line is description,
# `Note: ...` and `fix: ...` included.
_OTHER_TRAILER = re.compile(
    r"\s*(signed-off-by|co-authored-by|reviewed-by|acked-by|tested-by|suggested-by|"
    r"helped-by|cc|refs?|references|closes|resolves|see-also|change-id|link|"
    r"breaking[ -]change)\s*:",
    re.IGNORECASE,
)
_CVE = re.compile(r"CVE-\d{4}-\d{4,}\Z", re.IGNORECASE)
_CWE = re.compile(r"CWE-\d+\Z", re.IGNORECASE)
_GHSA = re.compile(r"GHSA(?:-[23456789cfghjmpqrvwx]{4}){3}\Z", re.IGNORECASE)
_FIXES = re.compile(r'[0-9a-f]{7,64} \("(?P<subject>.+)"\)\Z')
_REPORTED_BY = re.compile(r"[^<>@\s][^<>]*\s<[^<>@\s]+@[^<>\s]+>\Z|@[A-Za-z0-9][\w-]*\Z")


class Field(Value):
    __slots__ = ("key", "value", "line", "end")

    def __init__(self, key: str, value: str, line: int, end: int) -> None:
        self.key = key  # canonical: Impact, Affects, CVE, CWE, Fixes, Reported-by
        self.value = value  # folded lines joined by one space
        self.line = line  # index in Message.lines of the `Key:` line
        self.end = end  # index after its last continuation line


class SecurityBody(Value):
    __slots__ = ("fields", "has_description")

    def __init__(self, fields: tuple[Field, ...], has_description: bool) -> None:
        self.fields = fields
        self.has_description = has_description

    def first(self, key: str) -> Field | None:
        return next((field for field in self.fields if field.key == key), None)

    def missing(self) -> tuple[str, ...]:
        """What the prompt can ask for: "description", "impact", "affects"."""
        impact, affects = self.first("Impact"), self.first("Affects")
        wanted = []
        if not self.has_description:
            wanted.append("description")
        if impact is None or impact_level(impact.value) is None:
            wanted.append("impact")
        no_impact = impact is not None and impact_level(impact.value) == NO_IMPACT
        if not no_impact and (affects is None or not affects.value):
            wanted.append("affects")
        return tuple(wanted)


def impact_level(value: str) -> str | None:
    """The canonical level for an `Impact:` value (NO_IMPACT included), or None when
    it is not one."""
    word = value.strip().split(" ", 1)[0].lower().rstrip(".,;")
    for level in IMPACT_CHOICES:
        if word == level.lower():
            return level
    return _IMPACT_ALIASES.get(word)


def read_body(message: Message) -> SecurityBody:
    fields: list[Field] = []
    described = False
    lines = message.lines
    index = message.body_start
    while index < len(lines):
        match = _FIELD.match(lines[index])
        if match is None:
            line = lines[index]
            described = described or bool(line.strip() and not _OTHER_TRAILER.match(line))
            index += 1
            continue
        end = index + 1
        while end < len(lines) and lines[end][:1].isspace() and lines[end].strip():
            if _FIELD.match(lines[end]):
                break
            end += 1
        value = " ".join(part.strip() for part in [match["value"], *lines[index + 1 : end]])
        fields.append(Field(CANONICAL_KEYS[match["key"].lower()], value.strip(), index, end))
        index = end
    return SecurityBody(tuple(fields), described)


def field_problem(field: Field) -> str | None:
    """What is wrong with an optional field's value, or None."""
    value = field.value
    if field.key == "CVE":
        ids = [part.strip() for part in value.split(",")]
        if not all(_CVE.match(i) or _GHSA.match(i) for i in ids):
            return "`CVE:` expects identifiers such as CVE-2024-12345 (or GHSA-xxxx-xxxx-xxxx)"
    elif field.key == "CWE":
        ids = [part.strip() for part in value.split(",")]
        if not all(_CWE.match(i) for i in ids):
            return "`CWE:` expects weakness identifiers such as CWE-287"
    elif field.key == "Fixes":
        if not _FIXES.match(value):
            return '`Fixes:` expects the commit that introduced the bug: <sha> ("<subject>")'
    elif field.key == "Reported-by" and not _REPORTED_BY.match(value):
        return "`Reported-by:` expects `Name <email>` or an @handle"
    return None


def canonical(field: Field) -> str:
    """A field as commitguard writes it: canonical key, level and identifier case."""
    value = field.value
    if field.key == "Impact":
        value = impact_level(value) or value
    elif field.key in ("CVE", "CWE"):
        value = ", ".join(part.strip().upper() for part in value.split(","))
    return f"{field.key}: {value}"


def with_fields(
    message: Message,
    answers: dict[str, str],
    description: str | None = None,
) -> str:
    """The message text with `answers` (canonical key to value) written in, every security
    field moved into the closing trailer block in canonical form, and `description` (when
    given) as the first body paragraph."""
    body = read_body(message)
    given = {field.key: field for field in reversed(body.fields)}  # the first one wins
    for key, value in answers.items():
        given[key] = Field(key, value, -1, -1)
    drop = {n for field in body.fields for n in range(field.line, field.end)}
    kept = [line for n, line in enumerate(message.lines) if n not in drop]
    paragraphs = _paragraphs(kept[1:])
    if description:
        paragraphs.insert(0, [description.strip()])
    block = [canonical(given[key]) for key in WRITE_ORDER if key in given]
    if paragraphs:
        paragraphs[-1:] = _split_trailers(paragraphs[-1])
    if paragraphs and is_trailer_block(paragraphs[-1]):
        paragraphs[-1] = block + paragraphs[-1]  # Signed-off-by and the like stay last
    else:
        paragraphs.append(block)
    header = kept[0] if kept else ""
    return "\n\n".join(["\n".join(p) for p in [[header], *paragraphs]])


def is_trailer_block(paragraph: list[str]) -> bool:
    """Whether git's trailer parser reads this closing paragraph as trailers (every
    line a `Token: value`, or an indented continuation of one)."""
    return bool(paragraph) and all(
        _GIT_TRAILER.match(line) or (n > 0 and line[:1].isspace())
        for n, line in enumerate(paragraph)
    )


def _split_trailers(paragraph: list[str]) -> list[list[str]]:
    """Prose followed by trailers in one paragraph (`Sessions never expired.` then
    `Signed-off-by: ...`) becomes two, so the trailers are where git reads them."""
    cut = len(paragraph)
    while cut > 0 and (_GIT_TRAILER.match(paragraph[cut - 1]) or paragraph[cut - 1][:1].isspace()):
        cut -= 1
    while cut < len(paragraph) and not _GIT_TRAILER.match(paragraph[cut]):
        cut += 1  # continuation lines with no trailer above them are prose
    if 0 < cut < len(paragraph):
        return [paragraph[:cut], paragraph[cut:]]
    return [paragraph]


def _paragraphs(lines: list[str]) -> list[list[str]]:
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    return [p for p in paragraphs if p]


def template(missing: tuple[str, ...]) -> str:
    """The exact lines to add, for a refusal."""
    lines = []
    if "description" in missing:
        lines += ["<one sentence on what was fixed>", ""]
    if "impact" in missing:
        lines.append("Impact: <Critical|High|Medium|Low|None>")
    if "affects" in missing:
        lines.append("Affects: <what is affected>")
    return "\n".join(lines).rstrip("\n")
