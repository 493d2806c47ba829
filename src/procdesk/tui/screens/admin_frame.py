"""The frame the admin screens share (Connections, Category billing codes, Vendor
mapping): a title line, the list of what is set up on the left, the panel that checks or
edits the highlighted row on the right, and one message line that says how the last
action went."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Static


class AdminScreen(Screen[None]):
    """Each screen gives its widgets these classes and says things through `say`."""

    DEFAULT_CSS = """
    AdminScreen .admin-title { height: 1; padding: 0 1; background: $panel; }
    AdminScreen .admin-body { height: 1fr; }
    AdminScreen .admin-list { width: 1fr; height: 1fr; border: round $secondary; }
    AdminScreen .admin-list:focus { border: round $primary; }
    AdminScreen .admin-panel { width: 1fr; height: 1fr; border: round $secondary; padding: 0 1; }
    AdminScreen .admin-message { height: auto; }
    AdminScreen .admin-message.-error { color: $error; }
    AdminScreen .admin-message.-ok { color: $success; }
    AdminScreen .admin-actions { height: auto; }
    AdminScreen .admin-actions Button { margin-right: 1; }
    """
    MESSAGE_ID = "message"  # the id of the screen's message line

    def say(self, text: str, *, error: bool = False, ok: bool = False) -> None:
        """Show how the last action went: red when it failed, green when it worked."""
        message = self.query_one(f"#{self.MESSAGE_ID}", Static)
        message.update(text)
        message.set_class(error, "-error")
        message.set_class(ok, "-ok")
