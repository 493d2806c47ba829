"""search every column a pane shows: issues and charges

An issue's search text held its kind, subject id, title and message; the pane also shows the
kind in words, the subject as people read it ("Autotask login", "charge 12") and the fix, so
typing what was on screen found nothing. Open and closed issues get the new text.

A charge's search text held what never changes (quote, company, SKU, description, ticket);
its status, error, cancel reason, Autotask id and PSA status follow it now, after a newline,
kept current by every write (`store/charges/writes.py`). Existing charges get theirs here.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from procdesk.domain.enums import IssueKind
from procdesk.domain.labels import issue_search_text

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

BATCH = 1000

issues = sa.table(
    "issues",
    sa.column("id", sa.Integer),
    sa.column("kind", sa.String),
    sa.column("subject_type", sa.String),
    sa.column("subject_id", sa.String),
    sa.column("title", sa.String),
    sa.column("message", sa.Text),
    sa.column("hint", sa.Text),
    sa.column("search_text", sa.Text),
)


CHANGING = ("status", "last_error", "cancel_reason", "autotask_id", "procurement_status")


def upgrade() -> None:
    _issues()
    _charges()


def _charges() -> None:
    charges = sa.table("charges", sa.column("search_text", sa.Text))
    text: sa.ColumnElement[str] = charges.c.search_text + sa.literal("\n")
    for i, name in enumerate(CHANGING):
        part = sa.func.lower(sa.func.coalesce(sa.cast(sa.column(name), sa.Text), ""))
        text = text + (sa.literal(" ") + part if i else part)
    op.get_bind().execute(charges.update().values(search_text=text))


def _issues() -> None:
    conn = op.get_bind()
    known = {k.value for k in IssueKind}
    after = 0
    while True:
        rows = conn.execute(
            sa.select(issues).where(issues.c.id > after).order_by(issues.c.id).limit(BATCH)
        ).all()
        if not rows:
            return
        for row in rows:
            if row.kind in known:
                text = issue_search_text(
                    IssueKind(row.kind),
                    row.subject_type,
                    row.subject_id,
                    title=row.title or "",
                    message=row.message or "",
                    hint=row.hint or "",
                )
                conn.execute(issues.update().where(issues.c.id == row.id).values(search_text=text))
        after = rows[-1].id


def downgrade() -> None:
    """The wider text stays: the older filter finds a superset, which is harmless."""
