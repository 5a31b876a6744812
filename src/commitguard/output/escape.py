"""Text someone else wrote, made harmless at the edge it leaves by.

A commit's header, body, author and paths are written by whoever pushed the branch; a
configuration value or a ref by whoever wrote the file or the CI job. Every output
passes that text through one function here, chosen by where the output goes:

- `terminal`: a person's terminal. Control characters (C0, DEL, C1: CR, ESC, BEL...)
  and the bidirectional overrides are spelled out (`\\r`, `\\x1b`, `\\u202e`), so they
  show instead of acting; newlines and tabs stay.
- `log_line`, `log_text`: a CI log, which is also a terminal. The runner reads one
  command per line: a line break is spelled out too (`log_line`, for one field), or
  each line is checked on its own (`log_text`, for a hint that spans lines), and a
  GitHub workflow command (`::error`, `##[error]`) is broken where it would start.
- `markdown`, `markdown_html`, `markdown_code`: a pull-request comment or a job summary.
- `csv_cell`: a spreadsheet, which runs a cell that starts like a formula.
- `xml`: JUnit reports; `html`: the HTML report.
- `json`: any JSON output, after the encoder: the same values, with no raw character
  a terminal would act on when the JSON is printed.

Pure and light: the commit-msg hook renders its verdict through here, so the patterns
are compiled (and cached by `re`) when an edge that needs one is first used.
"""

from __future__ import annotations

import re

# Bidirectional controls: they reorder what follows them on screen, so a line can read
# differently from what it holds ("Trojan Source", CVE-2021-42574). Line and paragraph
# separators end a line in some viewers.
_BIDI = (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
_SEPARATORS = (0x2028, 0x2029)

_NAMED = {"\r": "\\r", "\n": "\\n"}


def _spelled(code: int) -> str:
    char = chr(code)
    if char in _NAMED:
        return _NAMED[char]
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


_CONTROLS = (*range(0x00, 0x20), *range(0x7F, 0xA0))
# What every edge spells out (a tab does nothing worse than a space); a line break is
# kept where lines are the layout.
_LINE = {code: _spelled(code) for code in (*_CONTROLS, *_BIDI, *_SEPARATORS) if code != 0x09}
_TEXT = {code: spelled for code, spelled in _LINE.items() if code != 0x0A}

# GitHub's runner takes a line whose text (after leading blanks) starts with `::` as a
# workflow command, and finds the older `##[command]` form anywhere in a line.
_OLD_COMMAND = "##["
_OLD_COMMAND_SHOWN = "\\x23#["
_NEW_COMMAND = "::"
_NEW_COMMAND_SHOWN = "\\x3a:"


def terminal(text: str) -> str:
    """Text for a terminal: control and bidi characters shown, lines and tabs kept."""
    # Every character spelled out is one Python does not call printable (a test holds
    # the tables to it): most text has none, and the test costs a tenth of translate.
    return text if text.isprintable() else text.translate(_TEXT)


def log_line(text: str) -> str:
    """One field of a line a CI log may read (a header, a name, a path): every control
    character shown, line breaks too, and no workflow command can start in it."""
    return _no_command(text if text.isprintable() else text.translate(_LINE))


def log_text(text: str) -> str:
    """Several lines for a CI log (a fix that spans lines): each line as `log_line`."""
    return "\n".join(log_line(line) for line in text.split("\n"))


def _no_command(line: str) -> str:
    line = line.replace(_OLD_COMMAND, _OLD_COMMAND_SHOWN)
    stripped = line.lstrip()
    if stripped.startswith(_NEW_COMMAND):
        line = line[: len(line) - len(stripped)] + _NEW_COMMAND_SHOWN + stripped[2:]
    return line


# Markdown: enough to keep text literal mid-line: emphasis, code, links and images,
# raw HTML and entities, table cells (`|`), strikethrough. Block syntax (`#`, `-`)
# cannot start mid-line, and every caller writes this text mid-line.
_MARKDOWN_PUNCTUATION = r"([\\`*_\[\]<>|~&])"
# GitHub sees a mention in `@name` unless a letter, digit or `_` comes just before it
# (an email address is not a mention). A zero-width space after `@`, as Renovate does:
# the name reads the same, but nobody is notified.
_MENTION = r"(?<![A-Za-z0-9_])@(?=[A-Za-z0-9])"
_NO_MENTION = "@&#8203;"


def markdown(text: str) -> str:
    """Text for a Markdown line or table cell: shown literally, on one line, whatever
    it holds, and mentioning nobody."""
    flat = terminal(text.replace("\r\n", " ").replace("\n", " "))
    return re.sub(_MENTION, _NO_MENTION, re.sub(_MARKDOWN_PUNCTUATION, r"\\\1", flat))


def markdown_html(text: str) -> str:
    """Text inside an HTML tag of a Markdown document (<summary>), where Markdown does
    not apply."""
    return re.sub(_MENTION, _NO_MENTION, html(text.replace("\n", " ")))


def markdown_code(text: str) -> str:
    """A code span that holds any backticks `text` has (not for table cells). Nobody
    is mentioned from inside a code span."""
    shown = terminal(text.replace("\n", " "))
    longest = max((len(run) for run in re.findall("`+", shown)), default=0)
    fence = "`" * (longest + 1)
    padded = f" {shown} " if shown.startswith("`") or shown.endswith("`") else shown
    return f"{fence}{padded}{fence}"


# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection;
# the full-width forms too, which some spreadsheets fold to ASCII). A leading `'` makes
# it text, the quote that spreadsheets themselves use.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def csv_cell(text: str) -> str:
    """A cell a spreadsheet shows as text, never runs; and, since the CSV is often just
    printed, with its control characters shown."""
    shown = terminal(text)
    return "'" + shown if shown.startswith(_FORMULA_STARTS) else shown


# XML 1.0 cannot carry most C0 controls at all (they are spelled out with the rest);
# lone surrogates and the two non-characters are not XML either.
_NOT_XML = "[\ud800-\udfff\ufffe\uffff]"


def xml(text: str) -> str:
    """Text for an XML element or attribute that ElementTree then escapes (`<`, `&`,
    quotes): only characters XML 1.0 allows, controls shown."""
    return re.sub(_NOT_XML, "\ufffd", terminal(text))


def html(text: str) -> str:
    """Text for an HTML element or a quoted attribute: markup and quotes escaped,
    controls shown."""
    import html as markup  # its entity table is large: only the edges that write HTML

    return markup.escape(terminal(text), quote=True)


# What a JSON encoder leaves raw that a terminal or a log would act on. The encoder
# has already escaped quotes, backslashes and C0; a structural character of JSON is
# never one of these, so they can only stand inside a string, where `\\uXXXX` is the
# same value.
_JSON_RAW = {code: f"\\u{code:04x}" for code in (*range(0x7F, 0xA0), *_BIDI, *_SEPARATORS)}
_JSON_RAW_CLASS = "[" + "".join(re.escape(chr(code)) for code in _JSON_RAW) + "]"


def json(dumped: str) -> str:
    """JSON text, already encoded, safe to print: the same values for any parser."""
    if not dumped.isascii() or "\x7f" in dumped:  # the common case: nothing to find
        # A search finds the few at C speed; translating walks every character.
        dumped = re.sub(_JSON_RAW_CLASS, lambda match: _JSON_RAW[ord(match[0])], dumped)
    return dumped.replace(_OLD_COMMAND, "#\\u0023[")
