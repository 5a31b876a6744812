"""How the commands that stream a whole history use Python's cyclic garbage collector.

`check` and `report` make millions of short-lived objects (each commit, its paths, its
findings), and reference counting frees nearly all of them: nothing on the streamed
path makes a reference cycle (tests/test_migration_history.py holds `check` to that).
The collector would still walk the young objects every 700 allocations, and every
object the imports and the configuration made on each full pass, to free nothing: 8-10%
of `check`'s time over 100,000 commits (bench/check.py). It stays on, as a safety net
against a cycle that slips in, but sees only what the stream makes, and rarely.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

# Allocations between two passes over the young objects; Python's default is 700.
_YOUNG = 20_000


@contextmanager
def streaming() -> Iterator[None]:
    """Around the reading of a history; the collector is as it was afterwards (the
    tests run commands in their own process, which goes on)."""
    thresholds = gc.get_threshold()
    gc.freeze()  # the imports and the configuration live as long as the process
    gc.set_threshold(_YOUNG, *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()
