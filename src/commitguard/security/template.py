"""The security template the prepare-commit-msg hook adds to a fresh message.

When the staged paths are security-sensitive, the editor git opens already shows, as
comments, the lines a security fix needs. The type is not known yet (nothing is typed),
so the paths alone decide; comments cost nothing when the commit is not a fix, since git
strips them. Pure: text in, text out; commands/prepare_msg.py reads and writes the file.
"""

from __future__ import annotations


def commented_template(paths: list[str], comment: str) -> str:
    """The lines to add, each behind git's comment prefix."""
    shown = ", ".join(paths[:3]) + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")
    lines = [
        f"commitguard: the staged changes touch security-sensitive code ({shown}).",
        "A fix needs a sentence on what was fixed, then (remove the comment prefix):",
        "Impact: <Critical|High|Medium|Low|None>",
        "Affects: <what is affected>",
        "(No security impact? `Impact: None` and no Affects line.)",
    ]
    return "".join(f"{comment} {line}\n" for line in lines)


def insert_template(text: str, template: str, comment: str) -> str:
    """`template` right above git's own comments (or at the end), after a blank line."""
    lines = text.splitlines(keepends=True)
    at = next((n for n, line in enumerate(lines) if line.startswith(comment)), len(lines))
    head = "".join(lines[:at])
    if head and not head.endswith("\n"):
        head += "\n"
    return head + template + ("\n" if at < len(lines) else "") + "".join(lines[at:])
