"""Indicators: the performance measures the minutes quote, with how often and where."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from models import orm
from queries.common import named_like


@dataclass(frozen=True, slots=True)
class IndicatorRow:
    id: int
    name: str
    council: str | None
    figures: int  # metrics quoted
    units: tuple[str, ...]
    first: dt.date | None  # the earliest and latest meeting quoting it
    last: dt.date | None


def indicators(engine: Engine, text: str | None = None, council: str | None = None) -> list[IndicatorRow]:
    """Known indicators by council and name, with how many figures quote each, in which units and between
    which meetings; ``text`` keeps those whose name holds each of its words ('after looked' finds 'children
    looked after rate'), ``council`` those of a council (part of its name)."""
    metric = orm.Metric
    query = (
        select(
            orm.Indicator.id,
            orm.Indicator.name,
            orm.Council.name,
            func.count(metric.id),
            func.min(orm.Meeting.date),
            func.max(orm.Meeting.date),
        )
        .select_from(orm.Indicator)
        .outerjoin(orm.Council, orm.Council.id == orm.Indicator.council_id)
        .outerjoin(metric, metric.indicator_id == orm.Indicator.id)
        .outerjoin(orm.SourceDocument, orm.SourceDocument.id == metric.document_id)
        .outerjoin(orm.Meeting, orm.Meeting.id == orm.SourceDocument.meeting_id)
        .group_by(orm.Indicator.id, orm.Indicator.name, orm.Council.name)
    )
    for word in re.findall(r"\w+", text or ""):
        query = query.where(named_like(orm.Indicator.name, word))
    if council:
        query = query.where(named_like(orm.Council.name, council))
    with Session(engine) as session:
        found = session.execute(query).all()
        units = _units(session, [int(row[0]) for row in found])
    rows = [
        IndicatorRow(int(i), name, c, int(n), units.get(int(i), ()), first, last)
        for i, name, c, n, first, last in found
    ]
    return sorted(rows, key=lambda r: (r.council or "", r.name.lower(), r.id))


def _units(session: Session, ids: list[int]) -> dict[int, tuple[str, ...]]:
    found: dict[int, set[str]] = {}
    query = select(orm.Metric.indicator_id, orm.Metric.unit).where(orm.Metric.indicator_id.in_(ids)).distinct()
    for indicator_id, unit in session.execute(query):
        found.setdefault(int(indicator_id), set()).add(str(unit))
    return {i: tuple(sorted(units)) for i, units in found.items()}
