"""`[user]`: who is acting (recorded as the actor of every event), and where their files go."""

from __future__ import annotations

from pydantic import Field

from procdesk.config.section import Section


class UserConfig(Section):
    name: str | None = Field(default=None, min_length=1, max_length=100)
    # The folder the dashboard's exports go to (`~` allowed); unset: `procdesk` in the
    # documents folder.
    exports: str | None = Field(default=None, min_length=1)
