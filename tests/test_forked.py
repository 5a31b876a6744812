"""forked.py: questions answered by several processes give one process's answers, a
group stays in one process, and a child that fails or dies leaves its share to the
parent. The last test checks a Django history both ways, through `commitguard check`."""

from __future__ import annotations

import json
import os
import signal
import threading
from collections.abc import Callable

import pytest

from commitguard import forked
from tests.helpers import Repo, run_commitguard

QUESTIONS = list(range(48))
needs_cores = pytest.mark.skipif(
    forked._free_cores() < 2, reason="a fork needs a second core this process may use"
)


def _group(question: int) -> int:
    return question % 6


def _weight(question: int) -> int:
    return 10 + question


KEYS = [_group(question) for question in QUESTIONS]
WEIGHTS = [_weight(question) for question in QUESTIONS]


def _asked(answer: Callable[[int], bool], split_from: int = 0) -> list[bool]:
    return forked.answered(QUESTIONS, answer, group=_group, weight=_weight, split_from=split_from)


def test_shares_keep_each_group_whole_in_order_and_balanced() -> None:
    shares = forked._shares(KEYS, WEIGHTS, 2)
    assert shares is not None
    assert sorted(index for share in shares for index in share) == QUESTIONS
    groups = [{_group(QUESTIONS[index]) for index in share} for share in shares]
    assert not groups[0] & groups[1]  # a group's questions all in one share
    assert all(share == sorted(share) for share in shares)
    loads = [sum(_weight(QUESTIONS[index]) for index in share) for share in shares]
    heaviest_group = max(sum(_weight(q) for q in QUESTIONS if _group(q) == g) for g in range(6))
    assert abs(loads[0] - loads[1]) <= heaviest_group


def test_one_group_or_no_question_is_not_split() -> None:
    assert forked._shares(["models.py"] * len(QUESTIONS), WEIGHTS, 4) is None
    assert forked._shares([], [], 4) is None
    assert forked._shares(KEYS, WEIGHTS, 4) is not None


@needs_cores
def test_several_processes_give_one_process_answers() -> None:
    def answer(question: int) -> bool:
        return question % 3 == 0 or question % 7 == 2

    assert _asked(answer) == [answer(question) for question in QUESTIONS]


@needs_cores
def test_a_share_is_answered_by_another_process_and_each_group_by_one() -> None:
    parent = os.getpid()
    answers = _asked(lambda _: os.getpid() == parent)
    assert True in answers
    assert False in answers  # a child's
    for group in {_group(q) for q in QUESTIONS}:
        assert len({answers[q] for q in QUESTIONS if _group(q) == group}) == 1


@needs_cores
def test_a_failing_child_leaves_its_share_to_the_parent() -> None:
    parent = os.getpid()

    def answer(question: int) -> bool:
        if os.getpid() != parent:
            raise RuntimeError("a reader tripped in the child")
        return question % 2 == 0

    assert _asked(answer) == [question % 2 == 0 for question in QUESTIONS]


@needs_cores
def test_a_killed_child_leaves_its_share_to_the_parent() -> None:
    parent = os.getpid()

    def answer(question: int) -> bool:
        if os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)  # the kernel's out-of-memory killer
        return question > 20

    assert _asked(answer) == [question > 20 for question in QUESTIONS]


def test_light_work_is_answered_here() -> None:
    parent = os.getpid()
    total = sum(map(_weight, QUESTIONS))
    assert _asked(lambda _: os.getpid() == parent, split_from=total + 1) == [True] * len(QUESTIONS)


def test_with_another_thread_running_nothing_forks() -> None:
    parent = os.getpid()
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert forked._free_cores() == 1
        assert _asked(lambda _: os.getpid() == parent) == [True] * len(QUESTIONS)
    finally:
        stop.set()
        other.join()


def _model(fields: list[str], method: str) -> str:
    body = "".join(f"    {field}\n" for field in fields)
    return (
        "from django.db import models\n\n\n"
        f"class Item(models.Model):\n{body}\n"
        f"    def __str__(self):\n        return {method}\n"
    )


def _django_history(repo: Repo) -> None:
    """Three apps whose models.py are edited beside code: in fields (each a finding) and
    in a method only (none)."""
    apps = ("shop", "billing", "users")
    files: dict[str, str | None] = {"manage.py": "import django\n"}
    for app in apps:
        files[f"{app}/migrations/__init__.py"] = ""
        files[f"{app}/models.py"] = _model(["name = models.TextField()"], "self.name")
    repo.record("chore(repo): set up the apps", files)
    for step in range(4):
        for app in apps:
            fields = ["name = models.TextField()"]
            fields += [f"extra{n} = models.IntegerField(default=0)" for n in range(step + 1)]
            repo.record(
                f"feat({app}): add field {step}",
                {
                    f"{app}/models.py": _model(fields, "self.name"),
                    f"{app}/views.py": f"v = {step}\n",
                },
            )
            repo.record(
                f"fix({app}): show the pk {step}",
                {
                    f"{app}/models.py": _model(fields, f"str(self.pk + {step})"),
                    f"{app}/api.py": f"a = {step}\n",
                },
            )


def test_check_finds_the_same_in_a_django_history_split_or_not(
    repo: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    _django_history(repo)
    alone = run_commitguard("check", "HEAD", "--format", "json", cwd=repo.path)
    forks: list[int] = []
    real_fork = forked._fork

    def counted(*args: object) -> object:
        forks.append(1)
        return real_fork(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(forked, "SPLIT_FROM", 0)
    monkeypatch.setattr(forked, "_fork", counted)
    split = run_commitguard("check", "HEAD", "--format", "json", cwd=repo.path)
    assert split.stdout == alone.stdout
    assert (split.returncode, split.stderr) == (alone.returncode, alone.stderr)
    if forked._free_cores() > 1:
        assert forks
    found = {
        (commit["header"], violation["rule"])
        for commit in json.loads(split.stdout)["commits"]
        for violation in commit["violations"]
    }
    for app in ("shop", "billing", "users"):
        assert (f"feat({app}): add field 2", "schema-without-migration") in found
        assert not any(header == f"fix({app}): show the pk 2" for header, _ in found)
