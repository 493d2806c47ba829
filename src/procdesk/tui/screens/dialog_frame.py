"""The frame the dashboard's forms and questions share (confirm, substitute, receive by
hand, link a purchase order): a bordered box in the middle of the screen with a bold
title, muted field labels, problems in red under what they are about, and the buttons on
the right. Esc backs out and answers None."""

from __future__ import annotations

from typing import TypeVar

from textual.screen import ModalScreen

Answer = TypeVar("Answer")


class DialogScreen(ModalScreen[Answer | None]):
    """Each form sets its own width (`<Form> > Vertical { width: N; }`)."""

    DEFAULT_CSS = """
    DialogScreen { align: center middle; }
    DialogScreen > Vertical {
        max-width: 98%; height: auto; max-height: 98%;
        border: round $warning; background: $surface; padding: 0 1;
    }
    DialogScreen .title { text-style: bold; }
    DialogScreen .field { margin-top: 1; color: $text-muted; }
    DialogScreen .problem { color: $error; height: auto; }
    DialogScreen Horizontal { height: auto; align-horizontal: right; }
    DialogScreen Button { margin-left: 1; }
    """

    def action_back_out(self) -> None:
        self.dismiss(None)
