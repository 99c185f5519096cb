"""alarm ingest (classification, owner and source key on alarms; merged source keys; maintenance windows)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27 10:00:00.000000
"""
from alembic import op
import sqlalchemy as sa
import cockpit.models.base  # noqa: F401  (UTCDateTime)


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('alarms', schema=None) as batch_op:
        batch_op.add_column(sa.Column('category', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('rule_name', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('owner_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('source_ref', sa.String(length=128), nullable=True))
        batch_op.create_index(batch_op.f('ix_alarms_source_ref'), ['source_ref'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_alarms_owner_id_users'), 'users', ['owner_id'], ['id'],
                                    ondelete='SET NULL')

    op.create_table('alarm_source_refs',
    sa.Column('ref', sa.String(length=128), nullable=False),
    sa.Column('alarm_id', sa.Integer(), nullable=False),
    sa.Column('received_at', cockpit.models.base.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['alarm_id'], ['alarms.id'], name=op.f('fk_alarm_source_refs_alarm_id_alarms'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('ref', name=op.f('pk_alarm_source_refs'))
    )
    with op.batch_alter_table('alarm_source_refs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_alarm_source_refs_alarm_id'), ['alarm_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_alarm_source_refs_received_at'), ['received_at'], unique=False)

    op.create_table('maintenance_windows',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('site_id', sa.Integer(), nullable=False),
    sa.Column('device_code', sa.String(length=32), nullable=True),
    sa.Column('building_id', sa.Integer(), nullable=True),
    sa.Column('zone', sa.String(length=64), nullable=True),
    sa.Column('starts_at', cockpit.models.base.UTCDateTime(), nullable=False),
    sa.Column('ends_at', cockpit.models.base.UTCDateTime(), nullable=False),
    sa.Column('reason', sa.String(length=256), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', cockpit.models.base.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['building_id'], ['buildings.id'], name=op.f('fk_maintenance_windows_building_id_buildings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_maintenance_windows_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['site_id'], ['sites.id'], name=op.f('fk_maintenance_windows_site_id_sites'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_maintenance_windows'))
    )
    with op.batch_alter_table('maintenance_windows', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_maintenance_windows_ends_at'), ['ends_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_maintenance_windows_site_id'), ['site_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('maintenance_windows', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_maintenance_windows_site_id'))
        batch_op.drop_index(batch_op.f('ix_maintenance_windows_ends_at'))
    op.drop_table('maintenance_windows')
    with op.batch_alter_table('alarm_source_refs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_alarm_source_refs_received_at'))
        batch_op.drop_index(batch_op.f('ix_alarm_source_refs_alarm_id'))
    op.drop_table('alarm_source_refs')
    with op.batch_alter_table('alarms', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_alarms_owner_id_users'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_alarms_source_ref'))
        batch_op.drop_column('source_ref')
        batch_op.drop_column('owner_id')
        batch_op.drop_column('rule_name')
        batch_op.drop_column('category')
