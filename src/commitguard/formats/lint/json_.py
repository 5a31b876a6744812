"""`lint --format json`: one message's verdict for scripts, on stdout.

    {"version": 1, "source": "...", "header": "...", "exemption": null,
     "violations": [{"rule": ..., "severity": ..., "message": ..., "hint": ...,
                     "line": 1, "column": 1}],
     "summary": {"errors": 1, "warnings": 0}}

Fields may be added; none is ever renamed.
"""

from __future__ import annotations

import json  # only scripts ask for JSON: the hook's text never imports this module

from commitguard.engine.lint import LintResult
from commitguard.message.parse import Message
from commitguard.output import Painter
from commitguard.output.escape import json as safe_json


def render(result: LintResult, message: Message, paint: Painter, *, source: str) -> str:
    data = {
        "version": 1,
        "source": source,
        "header": message.header_text,
        "exemption": result.exemption,
        "violations": [violation.to_json() for violation in result.violations],
        "summary": {"errors": result.errors, "warnings": result.warnings},
    }
    return safe_json(json.dumps(data, indent=2, ensure_ascii=False)) + "\n"
