"""Indicator time series: every stored figure of one indicator, in meeting order (``minutes metrics``)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import cast

from rapidfuzz import fuzz
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from models import orm
from pipeline.inert import LIKE_ESCAPE, csv_row, like_contains
from pipeline.resolve import indicator_key

MATCH = 90.0  # token_sort_ratio of indicator keys for a differently worded indicator to join the series


@dataclass(frozen=True, slots=True)
class SeriesPoint:
    date: dt.date | None
    value: float
    unit: str
    comparator: str | None
    period: str | None
    indicator: str
    body: str | None
    council: str | None
    document: str
    span: tuple[int, int]
    text: str


def matching_indicators(session: Session, wanted: str, council: str | None = None) -> list[orm.Indicator]:
    """Indicators with the same content words as ``wanted`` in any order, or nearly the same (rapidfuzz).

    'looked after children rate' matches 'children looked after rate' but not 'repeat children looked after'.
    """
    key = indicator_key(wanted) or wanted.lower()
    query = select(orm.Indicator)
    if council:
        query = query.join(orm.Council, orm.Council.id == orm.Indicator.council_id).where(
            orm.Council.name.ilike(like_contains(council), escape=LIKE_ESCAPE)
        )
    words = set(key.split())
    return [
        row
        for row in session.scalars(query)
        if set(row.key.split()) == words or fuzz.token_sort_ratio(key, row.key) >= MATCH
    ]


def metric_series(
    engine: Engine, wanted: str, council: str | None = None, unit: str | None = None
) -> list[SeriesPoint]:
    """The figures of the indicator(s) matching ``wanted``, oldest meeting first; undated figures last."""
    with Session(engine) as session:
        indicators = {row.id: row for row in matching_indicators(session, wanted, council)}
        if not indicators:
            return []
        rows = session.execute(
            select(orm.Metric, orm.SourceDocument.uri, orm.Meeting.date, orm.Body.name, orm.Council.name)
            .join(orm.SourceDocument, orm.SourceDocument.id == orm.Metric.document_id)
            .outerjoin(orm.Meeting, orm.Meeting.id == orm.SourceDocument.meeting_id)
            .outerjoin(orm.Body, orm.Body.id == orm.Meeting.body_id)
            .outerjoin(orm.Council, orm.Council.id == orm.Body.council_id)
            .where(orm.Metric.indicator_id.in_(indicators))
            .where(orm.Metric.unit == unit if unit else orm.Metric.unit.is_not(None))
        ).all()
        points = [
            SeriesPoint(
                date=date,
                value=metric.value,
                unit=metric.unit,
                comparator=metric.comparator,
                period=metric.period,
                indicator=indicators[metric.indicator_id].name,
                body=body,
                council=council_name,
                document=uri,
                span=(metric.span_start, metric.span_end),
                text=metric.text,
            )
            for metric, uri, date, body, council_name in rows
        ]
    return sorted(points, key=lambda p: (p.date is None, p.date or dt.date.min, p.document, p.span))


def series_csv(points: Sequence[SeriesPoint]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(
        ["date", "value", "unit", "comparator", "period", "indicator", "body", "council", "document", "span"]
    )
    for p in points:
        writer.writerow(
            csv_row(
                [
                    p.date.isoformat() if p.date else "",
                    p.value,
                    p.unit,
                    p.comparator or "",
                    p.period or "",
                    p.indicator,
                    p.body or "",
                    p.council or "",
                    p.document,
                    f"{p.span[0]}-{p.span[1]}",
                ]
            )
        )
    return buffer.getvalue()


def series_json(points: Sequence[SeriesPoint]) -> str:
    def row(point: SeriesPoint) -> dict[str, object]:
        data = asdict(point)
        data["date"] = point.date.isoformat() if point.date else None
        data["span"] = list(point.span)
        return data

    return json.dumps([row(p) for p in points], indent=2, ensure_ascii=False)


def plot_series(points: Sequence[SeriesPoint], title: str, path: Path) -> None:
    """The council's own figures as one line, each comparator as its own dashed line.

    Only dated figures in the series' most common unit are drawn: one chart, one scale.
    """
    import matplotlib  # optional dependency: pip install 'minutes[plot]'

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(figsize=(8, 4.5))
    units = [p.unit for p in points if p.date is not None]
    unit = max(set(units), key=units.count)
    lines: dict[str, list[SeriesPoint]] = {}
    for point in points:
        if point.date is not None and point.unit == unit:
            lines.setdefault(point.comparator or "own", []).append(point)
    for label, line in sorted(lines.items(), key=lambda item: item[0] != "own"):
        axes.plot(
            cast("list[float]", [p.date for p in line]),  # matplotlib converts dates; its stubs say floats
            [p.value for p in line],
            marker="o",
            linestyle="-" if label == "own" else "--",
            label=label.replace("_", " "),
        )
    axes.set_title(title)
    axes.set_ylabel(unit.replace("_", " "))
    axes.legend()
    figure.autofmt_xdate()
    figure.tight_layout()
    figure.savefig(path)
    plt.close(figure)
