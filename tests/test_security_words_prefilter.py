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
    held = set(words._needles(KEYWORDS).held(description.lower()))
    for keyword in KEYWORDS:
        if words._keyword_pattern((keyword,)).search(description):
            assert keyword in held, (keyword, description)


def test_a_keyword_inside_a_longer_word_is_not_held() -> None:
    assert "SQLi" not in words._needles(KEYWORDS).held("move to sqlite")
