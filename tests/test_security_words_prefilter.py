"""The keywords a description may hold as whole words are found from its words alone
(security/words.py, `_Needles.held`): never one fewer than the keyword expressions find.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from commitguard.config.schema import build
from commitguard.security import words

KEYWORDS = build({}, "test.yaml").security_keywords
# Text around the keywords: words that hold them (`sqli` in `sqlite`, `leak` in
# `leaking`), signs that bound a word or do not (`-`, `_`, `/`), and capitals.
_FILLER = ["the", "sqlite", "leaking", "token", "x-", "-", "_", "/", ".", "(", ")", "CVE-2024-1"]
_JOINS = [" ", "", "-", "_", ", ", "/", "\t"]


@st.composite
def descriptions(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.sampled_from([*KEYWORDS, *_FILLER]), min_size=1, max_size=6))
    cased = [draw(st.sampled_from([part, part.upper(), part.title()])) for part in parts]
    joins = [draw(st.sampled_from(_JOINS)) for _ in cased]
    return "".join(part + join for part, join in zip(cased, joins, strict=True))


@settings(max_examples=300, deadline=None)
@given(descriptions())
def test_every_keyword_found_as_a_word_is_held(description: str) -> None:
    """Both ways of holding keywords: the hook's (one description, each keyword's text
    looked for) and `check`'s (many, looked up by the description's words)."""
    lowered = description.lower()
    by_text = set(words._Needles(KEYWORDS).held(lowered))
    by_words = set(words._Needles(KEYWORDS)._by_tokens(lowered)) if lowered.isascii() else None
    for keyword in KEYWORDS:
        if words._keyword_pattern((keyword,)).search(description):
            assert keyword in by_text, (keyword, description)
            assert by_words is None or keyword in by_words, (keyword, description)


def test_check_looks_keywords_up_by_word_once_asked_often() -> None:
    """The hook's one description is read keyword by keyword (no index to build, no
    expression to compile); `check` switches to the words once it has asked often."""
    needles = words._Needles(KEYWORDS)
    assert "SQLi" in needles.held("move to sqlite")  # its text is there: the pattern decides
    for _ in range(words._COMPILED_AFTER):
        needles.held("keep the order list")
    assert "SQLi" not in needles.held("move to sqlite")
    assert "SQLi" in needles.held("escape the sqli payload")


def test_a_keyword_of_several_words_is_held_only_whole() -> None:
    needles = words._Needles(KEYWORDS)
    several = next(k for k in KEYWORDS if " " in k)
    first = several.lower().split()[0]
    assert several not in needles._by_tokens(f"the {first} alone")
    assert several in needles._by_tokens(f"fix {several.lower()} here")
