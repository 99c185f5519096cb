"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-24 13:17:52.096719
"""
from alembic import op
import sqlalchemy as sa
import cockpit.models.base  # noqa: F401  (UTCDateTime)


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('sites',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=128), nullable=False),
    sa.Column('city', sa.String(length=64), nullable=True),
    sa.Column('width_m', sa.Float(), nullable=False),
    sa.Column('depth_m', sa.Float(), nullable=False),
    sa.Column('origin_lat', sa.Float(), nullable=True),
    sa.Column('origin_lon', sa.Float(), nullable=True),
    sa.Column('timezone', sa.String(length=64), nullable=False),
    sa.Column('boundary', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sites')),
    sa.UniqueConstraint('code', name=op.f('uq_sites_code'))
    )
    op.create_table('users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('display_name', sa.String(length=64), nullable=False),
    sa.Column('role', sa.Enum('operator', 'supervisor', 'installer', 'admin', name='role', native_enum=False, length=32), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', cockpit.models.base.UTCDateTime(), nullable=False),
    sa.Column('last_login_at', cockpit.models.base.UTCDateTime(), nullable=True),
    sa.Column('failed_logins', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
    sa.UniqueConstraint('username', name=op.f('uq_users_username'))
    )
    op.create_table('audit_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', cockpit.models.base.UTCDateTime(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('username', sa.String(length=64), nullable=True),
    sa.Column('action', sa.String(length=64), nullable=False),
    sa.Column('target_type', sa.String(length=32), nullable=True),
    sa.Column('target_id', sa.Integer(), nullable=True),
    sa.Column('workstation', sa.String(length=64), nullable=True),
    sa.Column('detail', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_audit_events_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_events'))
    )
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_events_action'), ['action'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_events_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_events_user_id'), ['user_id'], unique=False)

    op.create_table('buildings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('site_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.Enum('residential', 'community_centre', 'commercial', 'service', name='buildingkind', native_enum=False, length=32), nullable=False),
    sa.Column('footprint', sa.JSON(), nullable=False),
    sa.Column('levels', sa.Integer(), nullable=False),
    sa.Column('height_m', sa.Float(), nullable=False),
    sa.Column('entrances', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['site_id'], ['sites.id'], name=op.f('fk_buildings_site_id_sites'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_buildings')),
    sa.UniqueConstraint('site_id', 'number', name=op.f('uq_buildings_site_id'))
    )
    with op.batch_alter_table('buildings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_buildings_site_id'), ['site_id'], unique=False)

    op.create_table('incidents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('site_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=128), nullable=False),
    sa.Column('kind', sa.Enum('fall', 'crowd', 'intrusion', 'smoke', 'heart_rate', 'emergency_button', 'motion', 'tamper', 'line_crossing', 'door', 'gas', 'water_leak', 'device_offline', name='alarmkind', native_enum=False, length=32), nullable=False),
    sa.Column('priority', sa.Integer(), nullable=False),
    sa.Column('state', sa.Enum('open', 'dispatched', 'on_site', 'resolved', 'closed', name='incidentstate', native_enum=False, length=32), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('x', sa.Float(), nullable=True),
    sa.Column('y', sa.Float(), nullable=True),
    sa.Column('first_alarm_at', cockpit.models.base.UTCDateTime(), nullable=False),
    sa.Column('opened_at', cockpit.models.base.UTCDateTime(), nullable=False),
    sa.Column('video_locked_at', cockpit.models.base.UTCDateTime(), nullable=True),
    sa.Column('arrived_at', cockpit.models.base.UTCDateTime(), nullable=True),
    sa.Column('resolved_at', cockpit.models.base.UTCDateTime(), nullable=True),
    sa.Column('closed_at', cockpit.models.base.UTCDateTime(), nullable=True),
    sa.Column('outcome', sa.String(length=64), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['owner_id'], ['users.id'], name=op.f('fk_incidents_owner_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['site_id'], ['sites.id'], name=op.f('fk_incidents_site_id_sites'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_incidents'))
    )
    with op.batch_alter_table('incidents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_incidents_site_id'), ['site_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_incidents_state'), ['state'], unique=False)

    op.create_table('floors',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('building_id', sa.Integer(), nullable=False),
    sa.Column('level', sa.Integer(), nullable=False),
    sa.Column('elevation_m', sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(['building_id'], ['buildings.id'], name=op.f('fk_floors_building_id_buildings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_floors')),
    sa.UniqueConstraint('building_id', 'level', name=op.f('uq_floors_building_id'))
    )
    with op.batch_alter_table('floors', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_floors_building_id'), ['building_id'], unique=False)

    op.create_table('path_nodes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('site_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('junction', 'gate', 'entrance', 'square', 'parking', 'post', name='pathnodekind', native_enum=False, length=32), nullable=False),
    sa.Column('x', sa.Float(), nullable=False),
    sa.Column('y', sa.Float(), nullable=False),
    sa.Column('label', sa.String(length=64), nullable=True),
    sa.Column('building_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['building_id'], ['buildings.id'], name=op.f('fk_path_nodes_building_id_buildings'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['site_id'], ['sites.id'], name=op.f('fk_path_nodes_site_id_sites'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_path_nodes'))
    )
    with op.batch_alter_table('path_nodes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_path_nodes_building_id'), ['building_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_path_nodes_site_id'), ['site_id'], unique=False)

    op.create_table('path_edges',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('site_id', sa.Integer(), nullable=False),
    sa.Column('a_id', sa.Integer(), nullable=False),
    sa.Column('b_id', sa.Integer(), nullable=False),
    sa.Column('length_m', sa.Float(), nullable=False),
    sa.Column('vehicle_access', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['a_id'], ['path_nodes.id'], name=op.f('fk_path_edges_a_id_path_nodes'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['b_id'], ['path_nodes.id'], name=op.f('fk_path_edges_b_id_path_nodes'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['site_id'], ['sites.id'], name=op.f('fk_path_edges_site_id_sites'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_path_edges'))
    )
    with op.batch_alter_table('path_edges', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_path_edges_a_id'), ['a_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_path_edges_b_id'), ['b_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_path_edges_site_id'), ['site_id'], unique=False)

    op.create_table('responders',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('site_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=32), nullable=False),
    sa.Column('role', sa.Enum('security_guard', 'grid_worker', 'property_staff', 'medic', name='responderrole', native_enum=False, length=32), nullable=False),
    sa.Column('phone', sa.String(length=20), nullable=True),
    sa.Column('status', sa.Enum('available', 'busy', 'off_duty', name='responderstatus', native_enum=False, length=32), nullable=False),
    sa.Column('x', sa.Float(), nullable=False),
    sa.Column('y', sa.Float(), nullable=False),
    sa.Column('home_node_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['home_node_id'], ['path_nodes.id'], name=op.f('fk_responders_home_node_id_path_nodes'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['site_id'], ['sites.id'], name=op.f('fk_responders_site_id_sites'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_responders'))
    )
    with op.batch_alter_table('responders', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_responders_site_id'), ['site_id'], unique=False)

    op.create_table('units',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('building_id', sa.Integer(), nullable=False),
    sa.Column('floor_id', sa.Integer(), nullable=False),
    sa.Column('entrance', sa.Integer(), nullable=False),
    sa.Column('room', sa.String(length=16), nullable=False),
    sa.Column('label', sa.String(length=32), nullable=False),
    sa.Column('area_m2', sa.Float(), nullable=True),
    sa.Column('x', sa.Float(), nullable=False),
    sa.Column('y', sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(['building_id'], ['buildings.id'], name=op.f('fk_units_building_id_buildings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['floor_id'], ['floors.id'], name=op.f('fk_units_floor_id_floors'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_units')),
    sa.UniqueConstraint('building_id', 'entrance', 'room', name=op.f('uq_units_building_id'))
    )
    with op.batch_alter_table('units', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_units_building_id'), ['building_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_units_floor_id'), ['floor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_units_label'), ['label'], unique=False)

    op.create_table('dispatch_tasks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('incident_id', sa.Integer(), nullable=False),
    sa.Column('responder_id', sa.Integer(), nullable=False),
    sa.Column('state', sa.Enum('notified', 'accepted', 'en_route', 'on_site', 'done', 'declined', 'cancelled', name='dispatchstate', native_enum=False, length=32), nullable=False),
    sa.Column('eta_s', sa.Float(), nullable=True),
    sa.Column('notified_at', cockpit.models.base.UTCDateTime(), nullable=False),
    sa.Column('accepted_at', cockpit.models.base.UTCDateTime(), nullable=True),
    sa.Column('arrived_at', cockpit.models.base.UTCDateTime(), nullable=True),
    sa.Column('finished_at', cockpit.models.base.UTCDateTime(), nullable=True),
    sa.Column('assigned_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['assigned_by_id'], ['users.id'], name=op.f('fk_dispatch_tasks_assigned_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'], name=op.f('fk_dispatch_tasks_incident_id_incidents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['responder_id'], ['responders.id'], name=op.f('fk_dispatch_tasks_responder_id_responders'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dispatch_tasks'))
    )
    with op.batch_alter_table('dispatch_tasks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dispatch_tasks_incident_id'), ['incident_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_dispatch_tasks_responder_id'), ['responder_id'], unique=False)

    op.create_table('residents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=32), nullable=False),
    sa.Column('gender', sa.Enum('F', 'M', name='gender', native_enum=False, length=32), nullable=False),
    sa.Column('birth_year', sa.Integer(), nullable=False),
    sa.Column('phone', sa.String(length=20), nullable=True),
    sa.Column('id_number', sa.String(length=18), nullable=True),
    sa.Column('is_household_head', sa.Boolean(), nullable=False),
    sa.Column('lives_alone', sa.Boolean(), nullable=False),
    sa.Column('mobility_impaired', sa.Boolean(), nullable=False),
    sa.Column('chronic_condition', sa.String(length=64), nullable=True),
    sa.Column('emergency_contact_name', sa.String(length=32), nullable=True),
    sa.Column('emergency_contact_phone', sa.String(length=20), nullable=True),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_residents_unit_id_units'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_residents'))
    )
    with op.batch_alter_table('residents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_residents_name'), ['name'], unique=False)
        batch_op.create_index(batch_op.f('ix_residents_phone'), ['phone'], unique=False)
        batch_op.create_index(batch_op.f('ix_residents_unit_id'), ['unit_id'], unique=False)

    op.create_table('vehicles',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plate', sa.String(length=16), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('parking_spot', sa.String(length=16), nullable=True),
    sa.Column('make', sa.String(length=32), nullable=True),
    sa.Column('colour', sa.String(length=16), nullable=True),
    sa.Column('new_energy', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_vehicles_unit_id_units'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vehicles')),
    sa.UniqueConstraint('plate', name=op.f('uq_vehicles_plate'))
    )
    with op.batch_alter_table('vehicles', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_vehicles_unit_id'), ['unit_id'], unique=False)

    op.create_table('devices',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('site_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('camera', 'smoke_detector', 'door_sensor', 'wearable', 'emergency_button', 'gas_detector', 'water_leak', 'access_gate', name='devicekind', native_enum=False, length=32), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('status', sa.Enum('unknown', 'online', 'offline', 'fault', 'maintenance', name='devicestatus', native_enum=False, length=32), nullable=False),
    sa.Column('x', sa.Float(), nullable=False),
    sa.Column('y', sa.Float(), nullable=False),
    sa.Column('z', sa.Float(), nullable=False),
    sa.Column('building_id', sa.Integer(), nullable=True),
    sa.Column('floor_id', sa.Integer(), nullable=True),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('resident_id', sa.Integer(), nullable=True),
    sa.Column('last_seen_at', cockpit.models.base.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['building_id'], ['buildings.id'], name=op.f('fk_devices_building_id_buildings'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['floor_id'], ['floors.id'], name=op.f('fk_devices_floor_id_floors'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['resident_id'], ['residents.id'], name=op.f('fk_devices_resident_id_residents'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['site_id'], ['sites.id'], name=op.f('fk_devices_site_id_sites'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_devices_unit_id_units'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_devices')),
    sa.UniqueConstraint('code', name=op.f('uq_devices_code'))
    )
    with op.batch_alter_table('devices', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_devices_building_id'), ['building_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_devices_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_devices_resident_id'), ['resident_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_devices_site_id'), ['site_id'], unique=False)

    op.create_table('alarms',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('site_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('fall', 'crowd', 'intrusion', 'smoke', 'heart_rate', 'emergency_button', 'motion', 'tamper', 'line_crossing', 'door', 'gas', 'water_leak', 'device_offline', name='alarmkind', native_enum=False, length=32), nullable=False),
    sa.Column('source', sa.Enum('camera', 'analytics', 'sensor', 'manual', name='alarmsource', native_enum=False, length=32), nullable=False),
    sa.Column('state', sa.Enum('new', 'acknowledged', 'in_incident', 'closed', 'suppressed', name='alarmstate', native_enum=False, length=32), nullable=False),
    sa.Column('priority', sa.Integer(), nullable=False),
    sa.Column('device_id', sa.Integer(), nullable=True),
    sa.Column('resident_id', sa.Integer(), nullable=True),
    sa.Column('building_id', sa.Integer(), nullable=True),
    sa.Column('floor_id', sa.Integer(), nullable=True),
    sa.Column('x', sa.Float(), nullable=True),
    sa.Column('y', sa.Float(), nullable=True),
    sa.Column('occurred_at', cockpit.models.base.UTCDateTime(), nullable=False),
    sa.Column('received_at', cockpit.models.base.UTCDateTime(), nullable=False),
    sa.Column('acknowledged_at', cockpit.models.base.UTCDateTime(), nullable=True),
    sa.Column('acknowledged_by_id', sa.Integer(), nullable=True),
    sa.Column('repeat_count', sa.Integer(), nullable=False),
    sa.Column('incident_id', sa.Integer(), nullable=True),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['acknowledged_by_id'], ['users.id'], name=op.f('fk_alarms_acknowledged_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['building_id'], ['buildings.id'], name=op.f('fk_alarms_building_id_buildings'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['device_id'], ['devices.id'], name=op.f('fk_alarms_device_id_devices'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['floor_id'], ['floors.id'], name=op.f('fk_alarms_floor_id_floors'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'], name=op.f('fk_alarms_incident_id_incidents'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['resident_id'], ['residents.id'], name=op.f('fk_alarms_resident_id_residents'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['site_id'], ['sites.id'], name=op.f('fk_alarms_site_id_sites'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_alarms'))
    )
    with op.batch_alter_table('alarms', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_alarms_incident_id'), ['incident_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_alarms_received_at'), ['received_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_alarms_site_id'), ['site_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_alarms_state'), ['state'], unique=False)

    op.create_table('cameras',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('device_id', sa.Integer(), nullable=False),
    sa.Column('onvif_url', sa.String(length=255), nullable=True),
    sa.Column('credential_ref', sa.String(length=64), nullable=True),
    sa.Column('manufacturer', sa.String(length=64), nullable=True),
    sa.Column('model', sa.String(length=64), nullable=True),
    sa.Column('firmware', sa.String(length=64), nullable=True),
    sa.Column('heading_deg', sa.Float(), nullable=False),
    sa.Column('tilt_deg', sa.Float(), nullable=False),
    sa.Column('fov_deg', sa.Float(), nullable=False),
    sa.Column('range_m', sa.Float(), nullable=False),
    sa.Column('is_ptz', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['device_id'], ['devices.id'], name=op.f('fk_cameras_device_id_devices'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cameras')),
    sa.UniqueConstraint('device_id', name=op.f('uq_cameras_device_id'))
    )
    op.create_table('camera_profiles',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('camera_id', sa.Integer(), nullable=False),
    sa.Column('token', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('role', sa.Enum('main', 'sub', name='streamrole', native_enum=False, length=32), nullable=False),
    sa.Column('encoding', sa.String(length=16), nullable=True),
    sa.Column('width', sa.Integer(), nullable=True),
    sa.Column('height', sa.Integer(), nullable=True),
    sa.Column('fps', sa.Float(), nullable=True),
    sa.Column('gop', sa.Integer(), nullable=True),
    sa.Column('stream_uri', sa.String(length=255), nullable=True),
    sa.ForeignKeyConstraint(['camera_id'], ['cameras.id'], name=op.f('fk_camera_profiles_camera_id_cameras'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_camera_profiles')),
    sa.UniqueConstraint('camera_id', 'token', name=op.f('uq_camera_profiles_camera_id'))
    )
    with op.batch_alter_table('camera_profiles', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_camera_profiles_camera_id'), ['camera_id'], unique=False)

    op.create_table('ptz_presets',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('camera_id', sa.Integer(), nullable=False),
    sa.Column('token', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('pan', sa.Float(), nullable=True),
    sa.Column('tilt', sa.Float(), nullable=True),
    sa.Column('zoom', sa.Float(), nullable=True),
    sa.Column('target_x', sa.Float(), nullable=True),
    sa.Column('target_y', sa.Float(), nullable=True),
    sa.ForeignKeyConstraint(['camera_id'], ['cameras.id'], name=op.f('fk_ptz_presets_camera_id_cameras'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ptz_presets')),
    sa.UniqueConstraint('camera_id', 'token', name=op.f('uq_ptz_presets_camera_id'))
    )
    with op.batch_alter_table('ptz_presets', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ptz_presets_camera_id'), ['camera_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('ptz_presets', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ptz_presets_camera_id'))

    op.drop_table('ptz_presets')
    with op.batch_alter_table('camera_profiles', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_camera_profiles_camera_id'))

    op.drop_table('camera_profiles')
    op.drop_table('cameras')
    with op.batch_alter_table('alarms', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_alarms_state'))
        batch_op.drop_index(batch_op.f('ix_alarms_site_id'))
        batch_op.drop_index(batch_op.f('ix_alarms_received_at'))
        batch_op.drop_index(batch_op.f('ix_alarms_incident_id'))

    op.drop_table('alarms')
    with op.batch_alter_table('devices', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_devices_site_id'))
        batch_op.drop_index(batch_op.f('ix_devices_resident_id'))
        batch_op.drop_index(batch_op.f('ix_devices_kind'))
        batch_op.drop_index(batch_op.f('ix_devices_building_id'))

    op.drop_table('devices')
    with op.batch_alter_table('vehicles', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_vehicles_unit_id'))

    op.drop_table('vehicles')
    with op.batch_alter_table('residents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_residents_unit_id'))
        batch_op.drop_index(batch_op.f('ix_residents_phone'))
        batch_op.drop_index(batch_op.f('ix_residents_name'))

    op.drop_table('residents')
    with op.batch_alter_table('dispatch_tasks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dispatch_tasks_responder_id'))
        batch_op.drop_index(batch_op.f('ix_dispatch_tasks_incident_id'))

    op.drop_table('dispatch_tasks')
    with op.batch_alter_table('units', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_units_label'))
        batch_op.drop_index(batch_op.f('ix_units_floor_id'))
        batch_op.drop_index(batch_op.f('ix_units_building_id'))

    op.drop_table('units')
    with op.batch_alter_table('responders', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_responders_site_id'))

    op.drop_table('responders')
    with op.batch_alter_table('path_edges', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_path_edges_site_id'))
        batch_op.drop_index(batch_op.f('ix_path_edges_b_id'))
        batch_op.drop_index(batch_op.f('ix_path_edges_a_id'))

    op.drop_table('path_edges')
    with op.batch_alter_table('path_nodes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_path_nodes_site_id'))
        batch_op.drop_index(batch_op.f('ix_path_nodes_building_id'))

    op.drop_table('path_nodes')
    with op.batch_alter_table('floors', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_floors_building_id'))

    op.drop_table('floors')
    with op.batch_alter_table('incidents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_incidents_state'))
        batch_op.drop_index(batch_op.f('ix_incidents_site_id'))

    op.drop_table('incidents')
    with op.batch_alter_table('buildings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_buildings_site_id'))

    op.drop_table('buildings')
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_events_user_id'))
        batch_op.drop_index(batch_op.f('ix_audit_events_at'))
        batch_op.drop_index(batch_op.f('ix_audit_events_action'))

    op.drop_table('audit_events')
    op.drop_table('users')
    op.drop_table('sites')
