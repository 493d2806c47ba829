"""The issues table: one open row per (kind, subject), counting occurrences.

Opening an issue that is already open bumps its count and refreshes its message; resolving
or dismissing it frees the dedupe key so the next failure opens a fresh row.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.domain.enums import EntityType, IssueAction, IssueKind, Provider
from procdesk.domain.health import HEALTH_KINDS
from procdesk.domain.issue import Issue, superseded_kinds
from procdesk.domain.labels import issue_search_text
from procdesk.store import events
from procdesk.store.schema import issues

OPEN, RESOLVED, DISMISSED = "open", "resolved", "dismissed"


def dedupe_key(kind: IssueKind, subject_type: EntityType, subject_id: str | int) -> str:
    return f"{kind.value}|{subject_type.value}|{subject_id}"


async def open_issue(
    conn: AsyncConnection,
    *,
    kind: IssueKind,
    subject_type: EntityType,
    subject_id: str | int,
    title: str,
    message: str,
    hint: str,
    action: IssueAction,
    actor: str,
    provider: Provider | None = None,
    detail: dict[str, Any] | None = None,
    now: datetime | None = None,
) -> int:
    """Open (or bump) the issue for this kind and subject; returns its id."""
    now = now or datetime.now(UTC)
    key = dedupe_key(kind, subject_type, subject_id)
    existing = (
        await conn.execute(sa.select(issues.c.id).where(issues.c.dedupe_key == key))
    ).scalar_one_or_none()
    if existing is not None:
        await conn.execute(
            issues.update()
            .where(issues.c.id == existing)
            .values(
                occurrences=issues.c.occurrences + 1,
                last_seen=now,
                message=message,
                title=title,
                detail=detail or {},
                search_text=issue_search_text(
                    kind, subject_type, subject_id, title=title, message=message, hint=hint
                ),
            )
        )
        await events.append(
            conn,
            actor=actor,
            entity_type=EntityType.ISSUE,
            entity_id=existing,
            action="recurred",
            detail={"kind": kind.value},
            at=now,
        )
        return int(existing)
    older = await _superseded(conn, kind, subject_type, subject_id)
    issue_id = (
        await conn.execute(
            issues.insert()
            .values(
                kind=kind.value,
                subject_type=subject_type.value,
                subject_id=str(subject_id),
                dedupe_key=key,
                status=OPEN,
                provider=provider.value if provider else None,
                title=title,
                message=message,
                hint=hint,
                action=action.value,
                detail=detail or {},
                occurrences=1,
                first_seen=now,
                last_seen=now,
                search_text=issue_search_text(
                    kind, subject_type, subject_id, title=title, message=message, hint=hint
                ),
            )
            .returning(issues.c.id)
        )
    ).scalar_one()
    await events.append(
        conn,
        actor=actor,
        entity_type=EntityType.ISSUE,
        entity_id=issue_id,
        action="opened",
        detail={
            "kind": kind.value,
            "subject_type": subject_type.value,
            "subject_id": str(subject_id),
        },
        at=now,
    )
    if older:
        await _supersede(conn, older, by=int(issue_id), kind=kind, actor=actor, now=now)
    return int(issue_id)


async def _superseded(
    conn: AsyncConnection, kind: IssueKind, subject_type: EntityType, subject_id: str | int
) -> list[int]:
    kinds = superseded_kinds(kind)
    if not kinds:
        return []
    rows = await conn.execute(
        sa.select(issues.c.id).where(
            issues.c.status == OPEN,
            issues.c.subject_type == subject_type.value,
            issues.c.subject_id == str(subject_id),
            issues.c.kind.in_([k.value for k in kinds]),
        )
    )
    return [int(i) for i in rows.scalars()]


async def _supersede(
    conn: AsyncConnection, ids: list[int], *, by: int, kind: IssueKind, actor: str, now: datetime
) -> None:
    """Resolve the older causes of the subject's problem, noting which issue replaced them."""
    note = f"superseded by issue {by} ({kind.value.replace('_', ' ')})"
    for older in ids:
        row = (await conn.execute(sa.select(issues.c.detail).where(issues.c.id == older))).one()
        await conn.execute(
            issues.update()
            .where(issues.c.id == older)
            .values(
                status=RESOLVED,
                dedupe_key=None,
                closed_at=now,
                closed_by=actor,
                detail={**(row.detail or {}), "resolution": note},
            )
        )
        await events.append(
            conn,
            actor=actor,
            entity_type=EntityType.ISSUE,
            entity_id=older,
            action=RESOLVED,
            detail={"note": note, "superseded_by": by},
            at=now,
        )


async def _close(
    conn: AsyncConnection,
    where: sa.ColumnElement[bool],
    status: str,
    actor: str,
    now: datetime | None,
) -> list[int]:
    now = now or datetime.now(UTC)
    ids = [
        int(i)
        for i in (
            await conn.execute(sa.select(issues.c.id).where(where, issues.c.status == OPEN))
        ).scalars()
    ]
    if not ids:
        return []
    await conn.execute(
        issues.update()
        .where(issues.c.id.in_(ids))
        .values(status=status, dedupe_key=None, closed_at=now, closed_by=actor)
    )
    await events.append_many(
        conn,
        [
            events.NewEvent(
                at=now,
                actor=actor,
                entity_type=EntityType.ISSUE.value,
                entity_id=str(i),
                action=status,
                detail={},
            )
            for i in ids
        ],
    )
    return ids


async def resolve_for_subject(
    conn: AsyncConnection,
    subject_type: EntityType,
    subject_id: str | int,
    *,
    actor: str,
    kinds: Iterable[IssueKind] | None = None,
    now: datetime | None = None,
) -> list[int]:
    """Resolve the subject's open issues (all, or only the given kinds)."""
    where = sa.and_(
        issues.c.subject_type == subject_type.value, issues.c.subject_id == str(subject_id)
    )
    if kinds is not None:
        where = sa.and_(where, issues.c.kind.in_([k.value for k in kinds]))
    return await _close(conn, where, RESOLVED, actor, now)


async def resolve_kind(
    conn: AsyncConnection,
    kind: IssueKind,
    *,
    actor: str,
    provider: Provider | None = None,
    now: datetime | None = None,
) -> list[int]:
    """Resolve every open issue of a kind (e.g. credentials fixed for a provider)."""
    where = issues.c.kind == kind.value
    if provider is not None:
        where = sa.and_(where, issues.c.provider == provider.value)
    return await _close(conn, where, RESOLVED, actor, now)


async def dismiss(
    conn: AsyncConnection, issue_ids: Iterable[int], *, actor: str, now: datetime | None = None
) -> list[int]:
    return await _close(conn, issues.c.id.in_(list(issue_ids)), DISMISSED, actor, now)


async def get(conn: AsyncConnection, issue_id: int) -> Issue | None:
    row = (await conn.execute(sa.select(issues).where(issues.c.id == issue_id))).first()
    return Issue.model_validate(row._mapping) if row else None


async def list_open(
    conn: AsyncConnection, *, kind: IssueKind | None = None, limit: int | None = None
) -> list[Issue]:
    query = sa.select(issues).where(issues.c.status == OPEN).order_by(issues.c.kind, issues.c.id)
    if kind is not None:
        query = query.where(issues.c.kind == kind.value)
    if limit is not None:
        query = query.limit(limit)
    return [Issue.model_validate(r._mapping) for r in await conn.execute(query)]


async def open_about(
    conn: AsyncConnection, subject_type: EntityType, subject_id: str | int
) -> list[Issue]:
    """The open issues about one subject, oldest first."""
    rows = await conn.execute(
        sa.select(issues)
        .where(
            issues.c.subject_type == subject_type.value,
            issues.c.subject_id == str(subject_id),
            issues.c.status == OPEN,
        )
        .order_by(issues.c.id)
    )
    return [Issue.model_validate(r._mapping) for r in rows]


async def list_open_health(conn: AsyncConnection) -> list[Issue]:
    """The open issues that say something about a provider's health."""
    rows = await conn.execute(
        sa.select(issues)
        .where(issues.c.status == OPEN, issues.c.kind.in_([k.value for k in HEALTH_KINDS]))
        .order_by(issues.c.id)
    )
    return [Issue.model_validate(r._mapping) for r in rows]
