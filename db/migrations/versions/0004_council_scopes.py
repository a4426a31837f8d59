"""council scopes: a provisional council per folder or site until a document names it

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 23:59:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('council', schema=None) as batch_op:
        batch_op.add_column(sa.Column('provisional', sa.Boolean(), server_default=sa.false(), nullable=False))
    op.create_table(
        'council_scope',
        sa.Column('scope', sa.String(length=1000), nullable=False),
        sa.Column('council_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['council_id'], ['council.id'], name=op.f('fk_council_scope_council_id_council')),
        sa.PrimaryKeyConstraint('scope', name=op.f('pk_council_scope')),
    )
    with op.batch_alter_table('council_scope', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_council_scope_council_id'), ['council_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('council_scope', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_council_scope_council_id'))
    op.drop_table('council_scope')
    # ALTER TABLE ... DROP COLUMN (SQLite 3.35 and later): a batch-mode copy would drop the table, and with
    # foreign keys on, every row that refers to it
    op.execute('ALTER TABLE council DROP COLUMN provisional')
