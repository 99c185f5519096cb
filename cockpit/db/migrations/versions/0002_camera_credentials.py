"""camera credentials (encrypted secrets referenced by cameras.credential_ref)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24 16:00:00.000000
"""
from alembic import op
import sqlalchemy as sa
import cockpit.models.base  # noqa: F401  (UTCDateTime)


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('camera_credentials',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('secret', sa.LargeBinary(), nullable=False),
    sa.Column('updated_at', cockpit.models.base.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_camera_credentials'))
    )


def downgrade() -> None:
    op.drop_table('camera_credentials')
