"""`check` skips the header-only rules for a header lint.header_conforms() accepts.

The shortcut must be taken for ordinary headers; that it never hides a violation is
tests/test_catalogue.py's header_only contract, over every registered rule.
"""

from __future__ import annotations

import pytest

from commitguard.config import load as config_module
from commitguard.engine.lint import header_conforms
from commitguard.message.parse import parse


@pytest.mark.parametrize(
    "header",
    ["feat(api): add x", "fix(order_history): keep items", "chore(v2.1/x): bump"],
)
def test_ordinary_headers_take_the_shortcut(header: str) -> None:
    message = parse(header)
    assert message.header is not None
    assert header_conforms(message.header, header, config_module.default())
