"""document locations: the same bytes at another path are one document; the extractor versions of each

Revision ID: 0006
Revises: 0004
Create Date: 2026-12-02 12:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('source_document', schema=None) as batch_op:
        batch_op.add_column(sa.Column('extracted_with', sa.String(length=500), nullable=True))
    op.create_table(
        'document_location',
        sa.Column('uri', sa.String(length=2000), nullable=False),
        sa.Column('document_id', sa.Integer(), nullable=False),
        sa.Column('seen_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ['document_id'], ['source_document.id'],
            name=op.f('fk_document_location_document_id_source_document'), ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('uri', name=op.f('pk_document_location')),
    )
    with op.batch_alter_table('document_location', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_document_location_document_id'), ['document_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('document_location', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_document_location_document_id'))
    op.drop_table('document_location')
    # ALTER TABLE ... DROP COLUMN (SQLite 3.35 and later): a batch-mode copy would drop the table, and with
    # foreign keys on, every row that refers to it
    op.execute('ALTER TABLE source_document DROP COLUMN extracted_with')
