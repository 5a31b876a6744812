"""Ask for a security fix's impact in the terminal, from inside the commit-msg hook.

git runs hooks with standard input from /dev/null, so the questions go to the
controlling terminal (/dev/tty) directly. The terminal is put in a mode where Ctrl-C
arrives as a key instead of a signal: a signal would reach git too, which would die
mid-commit before the hook had said anything or kept the message. Imported only when a
security fix lacks its impact, so the hook's usual path never pays for termios.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping

from commitguard.security.body import IMPACT_CHOICES, NO_IMPACT, impact_level

_CI_VARIABLES = (
    "CI",
    "GITHUB_ACTIONS",
    "GITLAB_CI",
    "BUILDKITE",
    "CIRCLECI",
    "TRAVIS",
    "JENKINS_URL",
    "TF_BUILD",
    "TEAMCITY_VERSION",
    "BITBUCKET_BUILD_NUMBER",
)
# GUI clients that may still have a terminal somewhere nobody is looking at.
_GUI_VARIABLES = ("VSCODE_GIT_IPC_HANDLE", "GITHUB_DESKTOP", "GIT_COLA", "SOURCETREE")
_CTRL_C, _CTRL_D, _BACKSPACE, _DELETE, _ESCAPE = 0x03, 0x04, 0x08, 0x7F, 0x1B


class Aborted(Exception):
    """Ctrl-C, Ctrl-D or an empty answer: the commit is not made. `answers` holds what
    was answered before, which the kept message keeps for the retry."""

    def __init__(self, answers: dict[str, str] | None = None) -> None:
        super().__init__("aborted")
        self.answers = answers or {}


def refusal(no_prompt: bool, env: Mapping[str, str], stderr_is_terminal: bool) -> str | None:
    """Why not to ask at all, or None when asking is fine."""
    if no_prompt:
        return "--no-prompt"
    if env.get("COMMITGUARD_NO_PROMPT", "") not in ("", "0"):
        return "COMMITGUARD_NO_PROMPT is set"
    for name in _CI_VARIABLES:
        if env.get(name, "").lower() not in ("", "0", "false"):
            return f"running in CI ({name} is set)"
    for name in _GUI_VARIABLES:
        if env.get(name):
            return "running under a GUI client"
    if not stderr_is_terminal and env.get("PRE_COMMIT") != "1":
        # git hands the hook its own stderr: a pipe means a GUI or a script is reading.
        # The pre-commit framework pipes every hook's output, so there /dev/tty decides.
        return "no terminal"
    return None


def parse_impact(answer: str) -> str | None:
    """A level from what was typed: its name, its first letter or its number (1 =
    Critical, 5 = None)."""
    word = answer.strip().lower()
    if word.isdigit() and 1 <= int(word) <= len(IMPACT_CHOICES):
        return IMPACT_CHOICES[int(word) - 1]
    if len(word) == 1:
        return next((level for level in IMPACT_CHOICES if level[0].lower() == word), None)
    return impact_level(word)


def questions(
    missing: tuple[str, ...], read_line: Callable[[str], str], say: Callable[[str], None]
) -> dict[str, str]:
    """Ask for each missing part; the answers by canonical key ("description" for the
    sentence). Raises Aborted, with the answers given so far, on an empty answer or an
    interruption. Pure given its two callables."""
    answers: dict[str, str] = {}
    try:
        _ask_each(missing, read_line, say, answers)
    except Aborted:
        raise Aborted(answers) from None
    return answers


def _ask_each(
    missing: tuple[str, ...],
    read_line: Callable[[str], str],
    say: Callable[[str], None],
    answers: dict[str, str],
) -> None:
    if "description" in missing:
        say("What did this fix? One sentence, e.g. `Security fix for token bypass issue.`")
        answers["description"] = _required(read_line("Description: "))
    if "impact" in missing:
        levels = "  ".join(f"{n}) {level}" for n, level in enumerate(IMPACT_CHOICES, 1))
        say(f"How severe was it? {levels} (no security impact)")
        while True:
            level = parse_impact(_required(read_line("Impact [1-5, c/h/m/l/n]: ")))
            if level is not None:
                answers["Impact"] = level
                break
            say(
                f"Type a number from 1 to 5, a first letter, or one of: {', '.join(IMPACT_CHOICES)}"
            )
    if "affects" in missing and answers.get("Impact") != NO_IMPACT:
        say("What does it affect? e.g. `All authenticated endpoints`")
        answers["Affects"] = _required(read_line("Affects: "))


def _required(answer: str) -> str:
    if not answer.strip():
        raise Aborted
    return " ".join(answer.split())


def ask(intro: str, missing: tuple[str, ...]) -> dict[str, str] | None:
    """Ask on the controlling terminal; None when there is none. Raises Aborted."""
    try:
        fd = os.open("/dev/tty", os.O_RDWR | os.O_NOCTTY)
    except OSError:
        return None
    terminal = _Terminal(fd)
    try:
        terminal.say(intro)
        answers = questions(missing, terminal.read_line, terminal.say)
        terminal.say("")
        return answers
    except Aborted:
        terminal.say("\ncommitguard: aborted; the commit was not made.")
        raise
    finally:
        terminal.close()


class _Terminal:
    def __init__(self, fd: int) -> None:
        import termios

        self.fd = fd
        self.saved = termios.tcgetattr(fd)
        mode = termios.tcgetattr(fd)
        # Keys one by one, no echo and no signals: Ctrl-C is read as a byte (see above).
        mode[3] &= ~(termios.ICANON | termios.ECHO | termios.ISIG | termios.IEXTEN)
        mode[6][termios.VMIN] = 1
        mode[6][termios.VTIME] = 0
        termios.tcsetattr(fd, termios.TCSAFLUSH, mode)

    def close(self) -> None:
        import termios

        try:
            termios.tcsetattr(self.fd, termios.TCSAFLUSH, self.saved)
        finally:
            os.close(self.fd)

    def say(self, text: str) -> None:
        self._write(text.replace("\n", "\r\n") + "\r\n")

    def _write(self, text: str) -> None:
        os.write(self.fd, text.encode("utf-8", "replace"))

    def read_line(self, label: str) -> str:
        """One line with echo and Backspace; Ctrl-C or Ctrl-D abort."""
        self._write(label)
        typed = ""
        pending = b""
        while True:
            byte = os.read(self.fd, 1)
            if not byte or byte[0] in (_CTRL_C, _CTRL_D):
                raise Aborted
            code = byte[0]
            if code in (0x0A, 0x0D):
                self._write("\r\n")
                return typed
            if code in (_BACKSPACE, _DELETE):
                if typed:
                    typed = typed[:-1]
                    self._write("\b \b")
                continue
            if code == _ESCAPE:
                self._skip_escape()
                continue
            if code < 0x20:
                continue
            pending += byte
            try:
                char = pending.decode("utf-8")
            except UnicodeDecodeError:
                if len(pending) < 4:
                    continue  # the rest of a multi-byte character is coming
                pending = b""
                continue
            pending = b""
            typed += char
            self._write(char)

    def _skip_escape(self) -> None:
        """Arrow keys and the like send ESC [ ... letter; they do nothing here."""
        first = os.read(self.fd, 1)
        if first not in (b"[", b"O"):
            return
        while True:
            byte = os.read(self.fd, 1)
            if not byte or byte.isalpha() or byte == b"~":
                return
