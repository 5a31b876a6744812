"""`--format junit`: JUnit XML for the test-report views of GitLab and Jenkins.

One test suite, one test case per commit (the CLI keeps passing commits for this
format, so a clean commit shows as a passed test). Errors fail the case; warnings
do not, and go to the case's <system-out>; skipped merges and commits a bot wrote
are <skipped/>. Jenkins validates against its junit-10 schema, which allows
`skipped` on <testsuite> but not on <testsuites> (tests/junit-10-subset.xsd).

ElementTree escapes `<`, `&` and quotes. What it cannot do is make XML 1.0 carry
control characters, which a commit message may hold: every text from the commit goes
through `escape.xml` first.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from commitguard.engine.check import CheckedCommit, CheckResult
from commitguard.formats.check._shared import author, short
from commitguard.model import Violation
from commitguard.output import Painter
from commitguard.output.escape import xml as _xml
from commitguard.output.violations import block


def render(result: CheckResult, paint: Painter | None = None) -> str:
    failures = sum(1 for commit in result.commits if commit.errors)
    skipped = sum(1 for commit in result.commits if _is_merge(commit)) + len(result.bots)
    counts = {
        "tests": str(len(result.commits) + len(result.bots)),
        "failures": str(failures),
        "errors": "0",  # JUnit's "errors" are crashes of the test itself, not findings
    }
    root = ET.Element("testsuites", {"name": "commitguard", **counts})
    suite = ET.SubElement(
        root, "testsuite", {"name": "commitguard", **counts, "skipped": str(skipped)}
    )
    properties = ET.SubElement(suite, "properties")
    for name, value in (("range", result.range), ("reason", result.reason)):
        ET.SubElement(properties, "property", {"name": name, "value": _xml(value)})
    classname = _classname(result.range)
    for commit in result.commits:
        _testcase(suite, commit, classname)
    for commit in result.bots:
        case = _case(suite, commit, classname)
        message = f"written by a bot ({commit.author_name}): --include-bots judges it"
        ET.SubElement(case, "skipped", {"message": _xml(message)})
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def _classname(range_: str) -> str:
    # Jenkins splits a class name at its last dot into package and class: the dots
    # of `A..B` would make `HEAD` a class in a package named `commitguard.origin/main.`.
    return "commitguard." + _xml(range_).replace(".", "_")


def _is_merge(commit: CheckedCommit) -> bool:
    return commit.exemption == "merge" and not commit.violations


def _case(suite: ET.Element, commit: CheckedCommit, classname: str) -> ET.Element:
    return ET.SubElement(
        suite,
        "testcase",
        {"classname": classname, "name": _xml(f"{short(commit.sha)} {commit.header}")},
    )


def _testcase(suite: ET.Element, commit: CheckedCommit, classname: str) -> None:
    case = _case(suite, commit, classname)
    if _is_merge(commit):
        ET.SubElement(case, "skipped", {"message": "merge commit: merges are not checked"})
        return
    errors = [v for v in commit.violations if v.severity.value == "error"]
    warnings = [v for v in commit.violations if v.severity.value != "error"]
    if errors:
        rules = ", ".join(dict.fromkeys(v.rule for v in errors))
        failure = ET.SubElement(
            case,
            "failure",
            {"message": _xml(f"{len(errors)} error(s): {rules}"), "type": "commitguard"},
        )
        failure.text = _details(commit, errors)
    if warnings:
        ET.SubElement(case, "system-out").text = _details(commit, warnings)


def _details(commit: CheckedCommit, violations: list[Violation]) -> str:
    lines = [f"commit {commit.sha}", f"author {author(commit)}", commit.header, ""]
    for violation in violations:
        lines.extend(block(violation, gutter=False))
    return _xml("\n".join(lines))
