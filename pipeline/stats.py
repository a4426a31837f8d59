"""Counts of what the database holds."""

from __future__ import annotations

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from models import orm

COUNTED: dict[str, type[orm.Base]] = {
    "meetings": orm.Meeting,
    "bodies": orm.Body,
    "agenda_items": orm.AgendaItem,
    "attendances": orm.Attendance,
    "people": orm.Person,
    "resolutions": orm.Resolution,
    "actions": orm.Action,
    "metrics": orm.Metric,
    "indicators": orm.Indicator,
    "vote_events": orm.VoteEvent,
    "person_votes": orm.PersonVote,
}


def database_stats(engine: Engine) -> dict[str, object]:
    with Session(engine) as session:
        rows = session.execute(
            select(orm.SourceDocument.status, func.count()).group_by(orm.SourceDocument.status)
        ).all()
        by_status: dict[str, int] = {str(status): int(count) for status, count in rows}
        counts: dict[str, object] = {"documents": {"total": sum(by_status.values()), **dict(sorted(by_status.items()))}}
        for name, model in COUNTED.items():
            counts[name] = session.scalar(select(func.count()).select_from(model)) or 0
    return counts
