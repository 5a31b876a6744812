"""Hostile text at every output edge: each edge's escaping function, by its rules."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import pytest

from commitguard.output import escape

# What no output may carry raw: C0 controls but tab and newline, DEL, C1, the
# bidirectional controls and the Unicode line separators.
UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]"
)

LEGITIMATE = "feat(orders): add GET /api/orders, 100% faster\tfor ada@example.com"


# -- one function per edge ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("edge", "text", "shown"),
    [
        pytest.param(
            escape.terminal,
            "a\rb\x1b[2Jc\x07\x7f\x9b\u202ed\n\te",
            "a\\rb\\x1b[2Jc\\x07\\x7f\\x9b\\u202ed\n\te",
            id="terminal-shows-controls-keeps-lines",
        ),
        pytest.param(escape.log_line, "a\nb\u2028c", "a\\nb\\u2028c", id="log-line-breaks"),
        pytest.param(escape.log_line, "::error::x", "\\x3a:error::x", id="log-command"),
        pytest.param(escape.log_line, "  ::error::x", "  \\x3a:error::x", id="log-indented"),
        pytest.param(escape.log_line, "a ##[error]b", "a \\x23#[error]b", id="log-old-command"),
        pytest.param(escape.log_line, "a::b ok::", "a::b ok::", id="log-colons-mid-line"),
        pytest.param(escape.log_text, "fix:\n::error::x", "fix:\n\\x3a:error::x", id="log-text"),
        pytest.param(
            escape.markdown,
            "@octocat <b>|x|</b>\n(@team) ada@example.com",
            "@&#8203;octocat \\<b\\>\\|x\\|\\</b\\> (@&#8203;team) ada@example.com",
            id="markdown",
        ),
        pytest.param(
            escape.markdown_html,
            "<b>@octocat</b>",
            "&lt;b&gt;@&#8203;octocat&lt;/b&gt;",
            id="markdown-html",
        ),
        pytest.param(escape.markdown_code, "a`b\x1b", "``a`b\\x1b``", id="markdown-code"),
        pytest.param(escape.csv_cell, "=1+2", "'=1+2", id="csv-formula"),
        pytest.param(escape.csv_cell, "-1", "'-1", id="csv-minus"),
        pytest.param(escape.csv_cell, "\uff1d1", "'\uff1d1", id="csv-full-width"),
        pytest.param(escape.csv_cell, "a;=b", "a;=b", id="csv-mid-cell"),
        pytest.param(escape.xml, "a\x00b\udc80\x0c", "a\\x00b\ufffd\\x0c", id="xml"),
        pytest.param(
            escape.html,
            '<a href="x">\'&\x1b',
            "&lt;a href=&quot;x&quot;&gt;&#x27;&amp;\\x1b",
            id="html",
        ),
    ],
)
def test_each_edge_escapes_by_its_own_rules(
    edge: Callable[[str], str], text: str, shown: str
) -> None:
    assert edge(text) == shown


@pytest.mark.parametrize(
    "edge",
    [escape.terminal, escape.log_line, escape.log_text, escape.xml, escape.csv_cell],
)
def test_legitimate_text_passes_unchanged(edge: Callable[[str], str]) -> None:
    assert edge(LEGITIMATE) == LEGITIMATE


def test_json_is_the_same_value_with_nothing_raw() -> None:
    value = {"header": "a\x9b\u202e ##[error]x \u2028 \x7f", "ok": LEGITIMATE}
    dumped = escape.json(json.dumps(value, ensure_ascii=False))
    assert json.loads(dumped) == value
    assert not UNSAFE.search(dumped)
    assert "##[" not in dumped
