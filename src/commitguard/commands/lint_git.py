"""What the lint door asks git, each question asked once.

`lint` asks git three things that do not depend on one another: where the repository is,
how git cleans a message (core.commentChar, commit.cleanup, i18n.commitEncoding) and what
the index would commit. The commit-msg hook asks them all `ahead`, the moment it starts,
each in a thread of its own: git answers on the other core while Python imports the
rules, and the hook pays for the longest of the three (the index of a big change) instead
of their sum after the imports. A thread spends its time waiting on git with the
interpreter lock released; git.py stays the one module that runs git.

An answer is what the git.py function returns, or the exception it raised, raised again
only when the door asks for that answer: a question the door never asks (the index, when
no rule reads paths) changes nothing but the time git spent on it.
"""

from __future__ import annotations

import _thread  # threading would cost the hook its import; a lock is all this needs

from commitguard import git, interrupts

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

    from commitguard.model import Change


class GitAnswers:
    """The repository, its message settings and its staged changes, as git.py reads them
    from `cwd`: asked at once in the background (`ahead`), or when first wanted."""

    def __init__(self, cwd: str | None = None, *, ahead: bool = False) -> None:
        self._cwd = cwd
        self._answers: dict[str, tuple[object, BaseException | None]] = {}
        self._pending: dict[str, _thread.LockType] = {}
        if ahead:
            # Only the main thread takes Ctrl-C (commitguard/interrupts.py); the git
            # these threads start holds it back too, and soon ends on its own.
            held = interrupts.hold()
            try:
                for name in _QUESTIONS:
                    self._start(name)
            finally:
                interrupts.release(held)

    def repository(self) -> git.Repository | None:
        """`git.find_repository`: None outside any."""
        answer = self._answer("repository")
        assert answer is None or isinstance(answer, git.Repository)
        return answer

    def settings(self) -> git.MessageSettings:
        answer = self._answer("settings")
        assert isinstance(answer, git.MessageSettings)
        return answer

    def staged(self) -> tuple[Change, ...]:
        answer = self._answer("staged")
        assert isinstance(answer, tuple)
        return answer

    def wait(self) -> None:
        """Until every question asked ahead is answered: the hook leaves no git behind."""
        for name in list(self._pending):
            self._pending.pop(name).acquire()

    def _answer(self, name: str) -> object:
        pending = self._pending.pop(name, None)
        if pending is not None:
            pending.acquire()  # released by the thread once the answer is in
        elif name not in self._answers:
            self._ask(name)
        value, failure = self._answers[name]
        if failure is not None:
            raise failure
        return value

    def _start(self, name: str) -> None:
        done = _thread.allocate_lock()
        done.acquire()
        self._pending[name] = done

        def ask() -> None:
            try:
                self._ask(name)
            finally:
                done.release()

        _thread.start_new_thread(ask, ())

    def _ask(self, name: str) -> None:
        try:
            self._answers[name] = (_QUESTIONS[name](self._cwd), None)
        except BaseException as failure:  # raised again, in the door, if it asks
            self._answers[name] = (None, failure)


_QUESTIONS: dict[str, Callable[[str | None], object]] = {
    "repository": git.find_repository,
    "settings": git.message_settings,
    "staged": git.staged_changes,
}
