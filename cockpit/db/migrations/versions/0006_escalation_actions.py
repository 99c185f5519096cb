"""escalation actions (what the dispatch service acted on by itself: once per key, across restarts)

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28 10:00:00.000000
"""
from alembic import op
import sqlalchemy as sa
import cockpit.models.base  # noqa: F401  (UTCDateTime)


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('escalation_actions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=160), nullable=False),
    sa.Column('incident_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('reason', sa.String(length=32), nullable=False),
    sa.Column('dispatch_id', sa.Integer(), nullable=True),
    sa.Column('due_at', cockpit.models.base.UTCDateTime(), nullable=False),
    sa.Column('acted_at', cockpit.models.base.UTCDateTime(), nullable=False),
    sa.Column('detail', sa.JSON(), nullable=False),
    sa.Column('acknowledged_at', cockpit.models.base.UTCDateTime(), nullable=True),
    sa.Column('acknowledged_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['acknowledged_by_id'], ['users.id'], name=op.f('fk_escalation_actions_acknowledged_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['dispatch_id'], ['dispatch_tasks.id'], name=op.f('fk_escalation_actions_dispatch_id_dispatch_tasks'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'], name=op.f('fk_escalation_actions_incident_id_incidents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_escalation_actions')),
    sa.UniqueConstraint('key', name=op.f('uq_escalation_actions_key'))
    )
    with op.batch_alter_table('escalation_actions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_escalation_actions_incident_id'), ['incident_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('escalation_actions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_escalation_actions_incident_id'))
    op.drop_table('escalation_actions')
