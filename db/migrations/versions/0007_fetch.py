"""fetch: the HTTP validators (ETag, Last-Modified) of a document fetched from a council's site

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 13:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('source_document', schema=None) as batch_op:
        batch_op.add_column(sa.Column('etag', sa.String(length=500), nullable=True))
        batch_op.add_column(sa.Column('last_modified', sa.String(length=100), nullable=True))


def downgrade() -> None:
    # ALTER TABLE ... DROP COLUMN on both engines (SQLite 3.35 and later): a batch-mode copy of the table would
    # drop source_document, and with foreign keys on, every fact of every document with it
    for column in ('last_modified', 'etag'):
        op.execute(f'ALTER TABLE source_document DROP COLUMN {column}')
