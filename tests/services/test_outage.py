"""OutageWatch: backs off up to its cap and never gives up; one log line per change."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, timedelta

import asyncpg
import pytest

from procdesk.services.outage import OutageWatch, is_ledger_outage, quiet_driver_outages
from procdesk.store.outage import is_write_conflict


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 12, 6, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def test_it_keeps_retrying_past_half_a_minute_with_one_line_each_way(
    caplog: pytest.LogCaptureFixture,
) -> None:
    clock = Clock()
    watch = OutageWatch("worker w1", clock=clock, first_wait_s=0.5, max_wait_s=15)
    waits = []
    caplog.set_level(logging.INFO, logger="procdesk")
    while clock.now < datetime(2026, 12, 6, 9, 5, tzinfo=UTC):  # five minutes down
        waits.append(watch.lost(ConnectionRefusedError("refused")))
        clock.now += timedelta(seconds=waits[-1])
    assert waits[:5] == [0.5, 1.0, 2.0, 4.0, 8.0]
    assert set(waits[5:]) == {15.0}
    assert watch.down_since == datetime(2026, 12, 6, 9, 0, tzinfo=UTC)
    assert watch.back()
    assert not watch.back()
    lines = [r.getMessage() for r in caplog.records]
    assert len(lines) == 2
    assert "ledger unreachable (ConnectionRefusedError: refused)" in lines[0]
    assert "reachable again after 30" in lines[1]  # 300+ s: "after 30x s"


@pytest.mark.parametrize(
    ("exc", "outage"),
    [
        (ConnectionRefusedError("refused"), True),
        (TimeoutError(), True),
        (ExceptionGroup("batch", [ValueError("x"), ConnectionResetError("reset")]), True),
        (ValueError("a bug"), False),
        (KeyError("k"), False),
    ],
)
def test_what_counts_as_a_lost_ledger(exc: BaseException, outage: bool) -> None:
    assert is_ledger_outage(exc) is outage


@pytest.mark.parametrize(
    ("exc", "conflict"),
    [
        (asyncpg.exceptions.DeadlockDetectedError("deadlock detected"), True),
        (asyncpg.exceptions.SerializationError("could not serialize access"), True),
        (RuntimeError("wrapped"), False),  # alone: a bug
        (asyncpg.exceptions.UniqueViolationError("duplicate key"), False),
        (asyncpg.exceptions.CannotConnectNowError("starting up"), False),  # an outage
        (ConnectionRefusedError("refused"), False),
    ],
)
def test_what_counts_as_a_write_conflict(exc: BaseException, conflict: bool) -> None:
    assert is_write_conflict(exc) is conflict
    wrapped = RuntimeError("wrapped")
    wrapped.__cause__ = exc  # found under whatever raised it
    assert is_write_conflict(wrapped) is conflict


@pytest.mark.parametrize(
    ("exc", "printed"),
    [
        (asyncpg.exceptions.ConnectionDoesNotExistError("connection was closed"), False),
        (ConnectionResetError(104, "Connection reset by peer"), False),
        (ValueError("a bug, not an outage"), True),
    ],
    ids=["driver-closed", "reset", "other"],
)
async def test_a_driver_task_failing_with_the_outage_prints_no_traceback(
    caplog: pytest.LogCaptureFixture, exc: BaseException, printed: bool
) -> None:
    loop = asyncio.get_running_loop()
    before = loop.get_exception_handler()
    undo = quiet_driver_outages(loop)
    try:
        with caplog.at_level(logging.ERROR, logger="asyncio"):
            loop.call_exception_handler(
                {"message": "Task exception was never retrieved", "exception": exc}
            )
    finally:
        undo()
    assert loop.get_exception_handler() is before
    # asyncio's default handler logs the report, traceback included, at ERROR on its logger
    errors = [r for r in caplog.records if r.name == "asyncio" and r.levelno >= logging.ERROR]
    assert bool(errors) is printed
