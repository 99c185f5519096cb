"""video lock on alarms (when the first live picture of the place was painted, and from which camera)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24 10:00:00.000000
"""
from alembic import op
import sqlalchemy as sa
import cockpit.models.base  # noqa: F401  (UTCDateTime)


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('alarms', schema=None) as batch_op:
        batch_op.add_column(sa.Column('video_locked_at', cockpit.models.base.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('lock_camera', sa.String(length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('alarms', schema=None) as batch_op:
        batch_op.drop_column('lock_camera')
        batch_op.drop_column('video_locked_at')
