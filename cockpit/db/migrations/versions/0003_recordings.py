"""recordings (pre-alarm and manual clips on disk, with their incident and alarm)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 10:00:00.000000
"""
from alembic import op
import sqlalchemy as sa
import cockpit.models.base  # noqa: F401  (UTCDateTime)


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('recordings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('camera_id', sa.Integer(), nullable=True),
    sa.Column('camera_code', sa.String(length=32), nullable=False),
    sa.Column('started_at', cockpit.models.base.UTCDateTime(), nullable=False),
    sa.Column('ended_at', cockpit.models.base.UTCDateTime(), nullable=False),
    sa.Column('path', sa.String(length=512), nullable=False),
    sa.Column('size_bytes', sa.BigInteger(), nullable=False),
    sa.Column('container', sa.String(length=16), nullable=False),
    sa.Column('codec', sa.String(length=16), nullable=False),
    sa.Column('width', sa.Integer(), nullable=True),
    sa.Column('height', sa.Integer(), nullable=True),
    sa.Column('reason', sa.Enum('alarm', 'manual', name='recordingreason', native_enum=False, length=32), nullable=False),
    sa.Column('incident_id', sa.Integer(), nullable=True),
    sa.Column('alarm_id', sa.Integer(), nullable=True),
    sa.Column('evidence', sa.Boolean(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', cockpit.models.base.UTCDateTime(), nullable=False),
    sa.Column('file_missing_at', cockpit.models.base.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['alarm_id'], ['alarms.id'], name=op.f('fk_recordings_alarm_id_alarms'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['camera_id'], ['cameras.id'], name=op.f('fk_recordings_camera_id_cameras'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_recordings_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'], name=op.f('fk_recordings_incident_id_incidents'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_recordings'))
    )
    with op.batch_alter_table('recordings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_recordings_alarm_id'), ['alarm_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_recordings_camera_code'), ['camera_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_recordings_camera_id'), ['camera_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_recordings_incident_id'), ['incident_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_recordings_started_at'), ['started_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('recordings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_recordings_started_at'))
        batch_op.drop_index(batch_op.f('ix_recordings_incident_id'))
        batch_op.drop_index(batch_op.f('ix_recordings_camera_id'))
        batch_op.drop_index(batch_op.f('ix_recordings_camera_code'))
        batch_op.drop_index(batch_op.f('ix_recordings_alarm_id'))
    op.drop_table('recordings')
