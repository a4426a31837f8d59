"""search index (SQLite FTS5 tables kept by triggers; PostgreSQL GIN indexes on english tsvectors) and
views for Datasette and spreadsheet readers, each with council, body, meeting date and document path

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 13:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

from db import search_index


revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# a fact's document, its meeting, body and council
CONTEXT = """
    join source_document d on d.id = f.document_id
    left join meeting m on m.id = d.meeting_id
    left join body b on b.id = m.body_id
    left join council c on c.id = b.council_id"""
WHERE_IT_SAT = "c.name as council, b.name as body, m.date as meeting_date"

VIEWS = {
    'resolution_view': f"""
        select f.id, {WHERE_IT_SAT}, f.item_number as item, f.text, d.uri as document, f.span_start, f.span_end
        from resolution f {CONTEXT}""",
    'action_view': f"""
        select f.id, {WHERE_IT_SAT}, f.item_number as item, f.text, f.owner_text as owner, p.name as owner_person,
            f.requester_text as requester, f.due, f.status, f.topic, d.uri as document, f.span_start, f.span_end
        from action f {CONTEXT}
        left join person p on p.id = f.owner_person_id""",
    'metric_view': f"""
        select f.id, {WHERE_IT_SAT}, i.name as indicator, f.indicator_text, f.value, f.unit, f.comparator, f.period,
            f.text, d.uri as document, f.span_start, f.span_end
        from metric f {CONTEXT}
        join indicator i on i.id = f.indicator_id""",
    'attendance_view': f"""
        select f.id, {WHERE_IT_SAT}, f.name, p.name as person, f.role, f.status, f.chair, d.uri as document,
            f.span_start, f.span_end
        from attendance f {CONTEXT}
        join person p on p.id = f.person_id""",
    'vote_view': f"""
        select f.id, {WHERE_IT_SAT}, f.item_number as item, f.motion, f.result, f.for_count, f.against_count,
            f.abstain_count, f.mover_text as mover, f.seconder_text as seconder, d.uri as document,
            f.span_start, f.span_end
        from vote_event f {CONTEXT}""",
}


def upgrade() -> None:
    connection = op.get_bind()
    for searched in search_index.SEARCHED:
        search_index.create(connection, searched)
    for name, query in VIEWS.items():
        op.execute(f"create view {name} as {query}")


def downgrade() -> None:
    connection = op.get_bind()
    for name in VIEWS:
        op.execute(f"drop view if exists {name}")
    for searched in search_index.SEARCHED:
        search_index.drop(connection, searched)
