"""The import's progress bar: drawn on a terminal, silent anywhere else."""

from __future__ import annotations

import io

from procdesk.cli.import_progress import TerminalProgress


def test_a_terminal_sees_both_stages_counted_in_quotes() -> None:
    screen = io.StringIO()
    with TerminalProgress(screen, force=True) as progress:
        progress.read(250, 1000)
        progress.read(1000, 1000)
        progress.stored(1000, 1000)
    drawn = screen.getvalue()
    assert progress.enabled
    assert "Reading" in drawn
    assert "Storing" in drawn
    assert "1000/1000" in drawn


def test_a_pipe_or_file_gets_nothing() -> None:
    piped = io.StringIO()
    with TerminalProgress(piped) as progress:
        progress.read(10, 10)
        progress.stored(10, 10)
    assert not progress.enabled
    assert piped.getvalue() == ""
