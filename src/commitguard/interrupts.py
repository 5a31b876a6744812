"""Ctrl-C in the commit-msg hook's fast lane: stop at once, with one line and 130.

Python raises KeyboardInterrupt in the main thread, between two steps of its code. In
the hook that can go wrong three ways, each seen when Ctrl-C came during the start of
`lint` on a message file nobody writes (a FIFO), about one start in a hundred:
- the signal lands while git's threads and the main thread import modules, inside
  importlib's bookkeeping (a lock's weakref callback), where the exception is reported
  as ignored and the import lock stays held;
- a git thread takes the signal, and the main thread, blocked in open() or read(),
  never wakes to raise it;
- the signal comes just before the main thread enters that blocking call: the
  exception waits for a next step that never comes.

So until the verdict is known (`settle`), when nothing the hook does needs cleaning up,
Ctrl-C is not left to the main thread: the signal handler's C half writes to a pipe
(signal.set_wakeup_fd) however busy or blocked the main thread is, and a thread of
its own reads it and ends the process. The other threads hold the signal back, so
that the main thread's call is interrupted too. From `settle` on (the prompt, the
message written back, the rejected message kept), Ctrl-C raises KeyboardInterrupt
as usual, which those steps handle.
"""

from __future__ import annotations

import _thread
import os

# `_signal` is loaded with the interpreter itself, so the hook pays nothing for it;
# `signal` would import enum. mypy reads signal's stubs: the same functions.
TYPE_CHECKING = False
if TYPE_CHECKING:
    import signal as _signal
else:
    import _signal

INTERRUPTED = 130  # 128 + SIGINT, what a shell reports for a command Ctrl-C stopped
_LINE = b"\ncommitguard: interrupted\n"

_at_once = False


class Stopping:
    """What `stop_at_once` changed, for `restore` to give back."""

    __slots__ = ("handler", "wakeup", "pipe")

    def __init__(self, handler: object, wakeup: int, pipe: tuple[int, int] | None) -> None:
        self.handler = handler
        self.wakeup = wakeup  # the wakeup fd before, -1 for none
        self.pipe = pipe


def hold() -> set[int] | None:
    """Hold Ctrl-C back from this thread and the threads it starts (they keep the mask
    they start with), so that it goes to a thread that takes it. The mask before, for
    `release`; None where threads have no masks (Windows)."""
    block = getattr(_signal, "pthread_sigmask", None)
    if block is None:
        return None
    return {int(number) for number in block(_signal.SIG_BLOCK, {_signal.SIGINT})}


def release(previous: set[int] | None) -> None:
    """Restore the mask `hold` changed: a Ctrl-C held back meanwhile arrives now."""
    if previous is not None:
        _signal.pthread_sigmask(_signal.SIG_SETMASK, previous)


def stop_at_once() -> Stopping | None:
    """Until `settle`, Ctrl-C ends the process at once. None where no handler can be
    set (not the main thread)."""
    global _at_once
    # In this order: a Ctrl-C at any step between is one the watcher sees, or one the
    # handler it replaces raises, never one the new handler leaves to a watcher not
    # yet there.
    _at_once = True
    pipe = None
    wakeup = -1
    try:
        if hasattr(_signal, "pthread_sigmask"):  # POSIX: the watcher below
            pipe = os.pipe()
            os.set_blocking(pipe[1], False)  # set_wakeup_fd writes without waiting
            wakeup = _signal.set_wakeup_fd(pipe[1], warn_on_full_buffer=False)
            held = hold()
            try:
                _thread.start_new_thread(_watch, (pipe[0],))
            finally:
                release(held)
        handler: object = _signal.signal(_signal.SIGINT, _interrupted)
    except ValueError:  # signals are the main thread's
        _at_once = False
        return None
    return Stopping(handler, wakeup, pipe)


def settle() -> None:
    """From here on Ctrl-C raises KeyboardInterrupt, for the steps that handle it."""
    global _at_once
    _at_once = False


def restore(stopping: Stopping | None) -> None:
    """Give back what `stop_at_once` changed; the watcher ends."""
    global _at_once
    _at_once = False
    if stopping is None:
        return
    _signal.signal(_signal.SIGINT, stopping.handler)  # type: ignore[arg-type]
    if stopping.pipe is not None:
        _signal.set_wakeup_fd(stopping.wakeup)
        os.close(stopping.pipe[1])  # the watcher reads the end of it, and returns


def _interrupted(signum: int, frame: object) -> None:
    """The Python half of the handler: the watcher ends the process while `_at_once`
    (or here, where there is no watcher); after `settle`, the usual exception."""
    if not _at_once:
        raise KeyboardInterrupt
    if not hasattr(_signal, "pthread_sigmask"):
        _stop()


def _watch(read_end: int) -> None:
    """Wait for the signal numbers the C handler writes; end the process on Ctrl-C."""
    try:
        while True:
            signals = os.read(read_end, 64)
            if not signals:
                return  # restored: the pipe is closed
            if _at_once and _signal.SIGINT in signals:
                _stop()
    except OSError:
        return
    finally:
        os.close(read_end)


def tell() -> None:
    """The one line an interrupt ends with, straight to file descriptor 2: sys.stderr
    may be closed, or half-way through a write the interrupt cut short."""
    try:
        os.write(2, _LINE)
    except OSError:
        return  # no stderr at all: the exit code alone says it


def _stop() -> None:
    tell()
    os._exit(INTERRUPTED)
