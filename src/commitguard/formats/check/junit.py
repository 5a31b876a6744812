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

from commitguard.engine.check import CheckResult
from commitguard.engine.commit import CheckedCommit
from commitguard.formats.check._shared import author, short
from commitguard.model import Violation
from commitguard.output import Painter
from commitguard.output.escape import xml as _xml
from commitguard.output.violations import block


def render(result: CheckResult, paint: Painter | None = None) -> str:
    root = ET.Element("testsuites", {"name": "commitguard"})
    suite = ET.SubElement(root, "testsuite", {"name": "commitguard"})
    properties = ET.SubElement(suite, "properties")
    for name, value in (("range", result.range), ("reason", result.reason)):
        ET.SubElement(properties, "property", {"name": name, "value": _xml(value)})
    classname = _classname(result.range)
    # One pass over the commits, counted on the way: a long range's are read from disk.
    tests = failures = skipped = 0
    for commit in result.commits:
        _testcase(suite, commit, classname)
        tests += 1
        failures += bool(commit.errors)
        skipped += _is_merge(commit)
    for commit in result.bots:
        case = _case(suite, commit, classname)
        message = f"written by a bot ({commit.author_name}): --include-bots judges it"
        ET.SubElement(case, "skipped", {"message": _xml(message)})
    counts = {
        "tests": str(tests + len(result.bots)),
        "failures": str(failures),
        "errors": "0",  # JUnit's "errors" are crashes of the test itself, not findings
    }
    # The attributes in the order they always had: name, the counts, then skipped.
    root.attrib.update(counts)
    suite.attrib.update({**counts, "skipped": str(skipped + len(result.bots))})
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
