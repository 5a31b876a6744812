"""cleanup.py: the message git will store, from the raw file the commit-msg hook sees.

The pure tables pin each behaviour; the tables at the end run the same raw files through
real `git commit` and compare with what git stored, so the tables cannot drift from git.
"""

from __future__ import annotations

import stat
import subprocess
from pathlib import Path

import pytest

from commitguard.errors import ConfigError, UsageError
from commitguard.message.cleanup import SCISSORS, clean, comment_prefix, decode
from tests.helpers import Repo

CUT = f"# {SCISSORS}"
DIFF = "diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1 +1 @@\n-old line\n+new line\n"

# --- clean(): must pass (text, comment, mode -> stored) -------------------------------


@pytest.mark.parametrize(
    ("text", "comment", "mode", "expected"),
    [
        pytest.param("feat(api): x\n", "#", "strip", "feat(api): x", id="one-line"),
        pytest.param(
            "feat(api): x\n\nbody\n# Please enter the commit message\n#\n",
            "#",
            "strip",
            "feat(api): x\n\nbody",
            id="default-comment-lines",
        ),
        pytest.param(
            "feat(api): x\n# a comment between\nbody\n",
            "#",
            "strip",
            "feat(api): x\nbody",
            id="comment-inside-text",
        ),
        pytest.param(
            "feat(api): x\n\n#123 is the ticket\n",
            "#",
            "strip",
            "feat(api): x",
            id="hash-ticket-is-a-comment-too",
        ),
        pytest.param(
            "feat(api): x\n\n    # indented code\n",
            "#",
            "strip",
            "feat(api): x\n\n    # indented code",
            id="indented-hash-is-not-a-comment",
        ),
        pytest.param(
            "feat(api): x\n\n#1 ticket\n; Please enter\n;\n",
            ";",
            "strip",
            "feat(api): x\n\n#1 ticket",
            id="custom-comment-char",
        ),
        pytest.param(
            "feat(api): x\n\nbody\n" + CUT + "\n# Do not modify\n" + DIFF,
            "#",
            "strip",
            "feat(api): x\n\nbody",
            id="scissors-cuts-the-diff",
        ),
        pytest.param(
            "feat(api): x\n\nbody\n" + CUT + "\n" + DIFF,
            "#",
            "whitespace",
            "feat(api): x\n\nbody",
            id="scissors-cuts-in-whitespace-mode",
        ),
        pytest.param(
            "feat(api): x\n\nbody\n" + CUT + "\n" + DIFF,
            "#",
            "verbatim",
            "feat(api): x\n\nbody",
            id="scissors-cuts-in-verbatim-mode",
        ),
        pytest.param(
            "feat(api): x\n\n; " + SCISSORS + "\n" + DIFF,
            ";",
            "strip",
            "feat(api): x",
            id="scissors-with-custom-comment-char",
        ),
        pytest.param(
            "feat(api): x\n\n" + CUT + "\nkept\n",
            ";",
            "strip",
            "feat(api): x\n\n" + CUT + "\nkept",
            id="scissors-of-another-comment-char-does-not-cut",
        ),
        pytest.param(
            "feat(api): x\n\n" + CUT,
            "#",
            "scissors",
            "feat(api): x\n\n" + CUT,
            id="scissors-without-newline-does-not-cut",
        ),
        pytest.param(
            CUT + "\n" + DIFF,
            "#",
            "strip",
            "",
            id="scissors-on-the-first-line",
        ),
        pytest.param("\n\n\nfeat(api): x\n\n\n", "#", "strip", "feat(api): x", id="outer-blanks"),
        pytest.param(
            "feat(api): x\n\n\n\nbody\n\n\n\nmore\n",
            "#",
            "strip",
            "feat(api): x\n\nbody\n\nmore",
            id="blank-runs-squeezed",
        ),
        pytest.param(
            "feat(api): x\n \t\n\nbody\n",
            "#",
            "strip",
            "feat(api): x\n\nbody",
            id="whitespace-only-lines-are-blank",
        ),
        pytest.param(
            "feat(api): x  \t\n\nbody   \n",
            "#",
            "strip",
            "feat(api): x\n\nbody",
            id="trailing-whitespace",
        ),
        pytest.param(
            "feat(api): x\x0b\n\nbody\x0c\n",
            "#",
            "strip",
            "feat(api): x\x0b\n\nbody\x0c",
            id="vertical-tab-and-form-feed-survive",
        ),
        pytest.param(
            "feat(api): x\r\n\r\nbody\r\n# comment\r\n",
            "#",
            "strip",
            "feat(api): x\n\nbody",
            id="crlf",
        ),
        pytest.param(
            "feat(api): x\r\n\r\n# " + SCISSORS + "\r\ndiff\r\n",
            "#",
            "strip",
            "feat(api): x\n\ndiff",
            id="crlf-scissors-does-not-cut",
        ),
        pytest.param(
            "feat(api): x\n\nbody\n# kept comment\n\n\n",
            "#",
            "whitespace",
            "feat(api): x\n\nbody\n# kept comment",
            id="whitespace-keeps-comments",
        ),
        pytest.param(
            "feat(api): x\n\n# kept comment\n" + CUT + "\n" + DIFF,
            "#",
            "scissors",
            "feat(api): x\n\n# kept comment",
            id="scissors-mode-keeps-comments",
        ),
        pytest.param(
            "\nfeat(api): x  \n\n\n# comment\n",
            "#",
            "verbatim",
            "\nfeat(api): x  \n\n\n# comment",
            id="verbatim-keeps-everything",
        ),
        pytest.param(
            "feat(api): x\n\n# template\n",
            "#",
            "default",
            "feat(api): x",
            id="default-strips-comments",
        ),
        pytest.param(
            "feat(api): x\n\n// note\n",
            "//",
            "strip",
            "feat(api): x",
            id="comment-string",
        ),
        pytest.param("# only\n# comments\n", "#", "strip", "", id="only-comments"),
        pytest.param("", "#", "strip", "", id="empty"),
    ],
)
def test_clean(text: str, comment: str, mode: str, expected: str) -> None:
    assert clean(text, comment, mode) == expected


# --- comment_prefix(): core.commentChar, including "auto" -----------------------------


@pytest.mark.parametrize(
    ("setting", "text", "expected"),
    [
        pytest.param(None, "feat(api): x\n", "#", id="unset"),
        pytest.param("", "feat(api): x\n", "#", id="empty"),
        pytest.param(";", "feat(api): x\n# not a comment\n", ";", id="explicit"),
        pytest.param("//", "feat(api): x\n", "//", id="comment-string"),
        pytest.param("auto", "feat(api): x\n\n# Please enter\n#\n", "#", id="auto-hash"),
        pytest.param(
            "auto",
            "feat(api): x\n\n#1 ticket\n\n; Please enter\n; Changes:\n;\tnew file: a\n;\n",
            ";",
            id="auto-from-trailing-comments",
        ),
        pytest.param(
            "auto",
            "feat(api): x\n\n#1\n;2\n\n@ Please enter\n@\tnew file: a\n",
            "@",
            id="auto-third-candidate",
        ),
        pytest.param(
            "auto",
            "feat(api): x\n\n#1 ticket\n; Please\n;\n; " + SCISSORS + "\n; Do not\n" + DIFF,
            ";",
            id="auto-from-scissors",
        ),
        pytest.param(
            "auto",
            "feat(api): x\r\n\r\n#1\r\n\r\n; Please enter\r\n;\r\n",
            ";",
            id="auto-crlf",
        ),
        pytest.param("auto", "feat(api): x\n", "#", id="auto-no-comments"),
        pytest.param("auto", "feat(api): x\n\n;no space\n", "#", id="auto-not-a-comment-block"),
    ],
)
def test_comment_prefix(setting: str | None, text: str, expected: str) -> None:
    assert comment_prefix(setting, text) == expected


# --- decode() ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "encoding", "expected"),
    [
        pytest.param(b"feat(api): x\n", None, "feat(api): x\n", id="ascii"),
        pytest.param("feat(i18n): añadir\n".encode(), None, "feat(i18n): añadir\n", id="utf-8"),
        pytest.param(b"\xef\xbb\xbffeat(api): x\n", None, "feat(api): x\n", id="utf-8-bom"),
        pytest.param(
            "feat(i18n): añadir\n".encode("latin-1"),
            "ISO-8859-1",
            "feat(i18n): añadir\n",
            id="latin-1-with-encoding",
        ),
        pytest.param("fix(ui): ü\n".encode("cp1252"), "cp1252", "fix(ui): ü\n", id="cp1252"),
    ],
)
def test_decode(raw: bytes, encoding: str | None, expected: str) -> None:
    assert decode(raw, encoding) == expected


@pytest.mark.parametrize(
    ("raw", "encoding", "error", "text"),
    [
        pytest.param(
            "feat(i18n): añadir\n".encode("latin-1"),
            None,
            UsageError,
            "not valid utf-8",
            id="latin-1-without-encoding",
        ),
        pytest.param(b"\xff\xfe", "utf-8", UsageError, "byte 0", id="invalid-utf-8"),
        pytest.param(b"feat(api): x\0y\n", None, UsageError, "NUL byte", id="nul-byte"),
        pytest.param(
            b"feat(api): x\n", "klingon-8", ConfigError, "i18n.commitEncoding", id="unknown-codec"
        ),
    ],
)
def test_decode_fails(raw: bytes, encoding: str | None, error: type[Exception], text: str) -> None:
    with pytest.raises(error) as caught:
        decode(raw, encoding)
    assert text in str(caught.value)


def test_decode_errors_carry_their_exit_codes() -> None:
    with pytest.raises(UsageError) as usage:
        decode(b"\xff")
    assert usage.value.exit_code == 2
    assert usage.value.hint
    with pytest.raises(ConfigError) as config:
        decode(b"x", "no-such-codec")
    assert config.value.exit_code == 3
    assert "no-such-codec" in config.value.message


# --- against real git ----------------------------------------------------------------
# Each raw file is committed with `git commit -F` and the stored message read back
# from the commit object, byte for byte.

RAW_MESSAGES = [
    pytest.param(b"feat(api): x\n", id="plain"),
    pytest.param(b"feat(api): x", id="no-final-newline"),
    pytest.param(b"\n\n  \nfeat(api): x\n\n\n\nbody\n\n\n", id="blank-lines"),
    pytest.param(b"feat(api): x \t \n\nbody  \n", id="trailing-whitespace"),
    pytest.param(b"feat(api): x\x0b\n\nbody\x0c\n", id="vt-ff"),
    pytest.param(b"feat(api): x\r\n\r\nbody\r\n# c\r\n", id="crlf"),
    pytest.param(b"feat(api): x\n# one\nbody\n#\n#two\n", id="comments"),
    pytest.param(b"feat(api): x\n\n    # indented\n\t# tab\n", id="indented-hash"),
    pytest.param(b"feat(api): x\n\n; semi\n#hash\n", id="semicolon-line"),
    pytest.param("fix(i18n): ñ\n\n  añadir  \n".encode(), id="utf-8"),
    pytest.param(b"# only\n# comments\n", id="only-comments"),
    pytest.param(b"\n \n", id="only-blank"),
]
# Without `-v`, git cuts at the scissors line only in scissors mode; under `-v` it cuts
# in every mode, and clean() always cuts (the template test below covers `-v`).
SCISSORS_MESSAGES = [
    pytest.param(f"feat(api): x\n\nbody\n{{c}} {SCISSORS}\n{DIFF}", id="scissors"),
    pytest.param(f"feat(api): x\n\nbody\n{{c}} {SCISSORS}", id="scissors-at-eof"),
    pytest.param(f"feat(api): x\n\nbody\n{{c}} {SCISSORS} \ndiff\n", id="trailing-space"),
    pytest.param(f"feat(api): x\r\n\r\n{{c}} {SCISSORS}\r\ndiff\r\n", id="crlf"),
    pytest.param(f"{{c}} {SCISSORS}\n{DIFF}", id="first-line"),
    pytest.param(f"feat(api): x\n\n{{c}}{SCISSORS}\ndiff\n", id="no-space"),
    pytest.param(f"feat(api): x\n\n# {SCISSORS}\n; {SCISSORS}\ndiff\n", id="both-chars"),
]


def _stored(repo: Repo, raw: bytes, mode: str) -> str | None:
    """What git stores when the editor leaves `raw` in the message file; None when git
    refuses it as empty. Through an editor, because without one git runs `scissors`
    (and `default`) as `whitespace`."""
    message = repo.path.parent / "raw-message"
    message.write_bytes(raw)
    result = repo.git(
        "commit",
        "-q",
        "--allow-empty",
        f"--cleanup={mode}",
        env={"GIT_EDITOR": f"cp {message}"},
        check=False,
    )
    if result.returncode != 0:
        assert "empty commit message" in result.stderr, result.stderr
        return None
    # Bytes, not text: text mode would turn a CRLF that verbatim keeps into LF.
    commit = subprocess.run(
        ["git", "cat-file", "commit", "HEAD"], cwd=repo.path, capture_output=True, check=True
    ).stdout
    return commit.split(b"\n\n", 1)[1].decode()


def _as_git_stores(cleaned: str) -> str | None:
    return cleaned + "\n" if cleaned else None


@pytest.mark.parametrize("raw", RAW_MESSAGES)
@pytest.mark.parametrize(
    ("mode", "comment_char"),
    [
        pytest.param("strip", None, id="strip"),
        pytest.param("strip", ";", id="strip-semicolon"),
        pytest.param("whitespace", None, id="whitespace"),
        pytest.param("scissors", None, id="scissors"),
    ],
)
def test_clean_matches_what_git_stores(
    repo: Repo, raw: bytes, mode: str, comment_char: str | None
) -> None:
    if comment_char is not None:
        repo.git("config", "core.commentChar", comment_char)
    text = decode(raw)
    expected = _stored(repo, raw, mode)
    assert _as_git_stores(clean(text, comment_prefix(comment_char, text), mode)) == expected


@pytest.mark.parametrize("raw", RAW_MESSAGES[:-2])
def test_verbatim_matches_what_git_stores(repo: Repo, raw: bytes) -> None:
    expected = _stored(repo, raw, "verbatim")
    assert expected is not None
    assert clean(decode(raw), "#", "verbatim") == expected.removesuffix("\n")


@pytest.mark.parametrize("template", SCISSORS_MESSAGES)
@pytest.mark.parametrize("comment_char", ["#", ";"])
def test_scissors_matches_what_git_stores(repo: Repo, template: str, comment_char: str) -> None:
    repo.git("config", "core.commentChar", comment_char)
    raw = template.replace("{c}", comment_char).encode()
    expected = _stored(repo, raw, "scissors")
    assert _as_git_stores(clean(decode(raw), comment_char, "scissors")) == expected


EDITOR = """#!/bin/sh
cp "$1" "$SEEN"
"""


@pytest.mark.parametrize(
    "typed",
    [
        pytest.param("fix(api): y\n", id="no-hash"),
        pytest.param("fix(api): y\n\n#1 ticket\n", id="hash-line"),
        pytest.param("fix(api): y\n\n#1 ticket\n;2 more\n", id="hash-and-semicolon"),
        pytest.param("fix(api): see #12\n", id="hash-inside-a-line"),
    ],
)
@pytest.mark.parametrize("verbose", [False, True], ids=["plain", "verbose"])
@pytest.mark.parametrize("comment_char", [None, "auto", ";"])
@pytest.mark.parametrize("mode", ["strip", "whitespace", "scissors", "verbatim"])
def test_clean_of_the_hook_file_matches_git_through_the_editor(
    repo: Repo, tmp_path: Path, typed: str, verbose: bool, comment_char: str | None, mode: str
) -> None:
    """The file a hook really sees: git's template (and `-v` diff) in git's comment char."""
    if comment_char is not None:
        repo.git("config", "core.commentChar", comment_char)
    editor = tmp_path / "editor"
    editor.write_text(EDITOR)
    editor.chmod(editor.stat().st_mode | stat.S_IXUSR)
    seen = tmp_path / "seen"
    repo.stage("src/app.py", "print('changed')\n")
    message = tmp_path / "typed"
    message.write_text(typed)
    args = ["commit", "-q", "-e", f"--cleanup={mode}", "-F", str(message)]
    env = {"GIT_EDITOR": str(editor), "SEEN": str(seen)}
    repo.git(*args, *(["-v"] if verbose else []), env=env)
    stored = repo.git("cat-file", "commit", "HEAD").stdout.split("\n\n", 1)[1]

    text = decode(seen.read_bytes())
    assert (SCISSORS in text) == (verbose or mode == "scissors")
    cleaned = clean(text, comment_prefix(comment_char, text), mode)
    if mode == "verbatim":
        cleaned += "\n"  # verbatim keeps the file's final newline
    else:
        cleaned = _as_git_stores(cleaned) or ""
    assert cleaned == stored
