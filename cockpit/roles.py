"""Roles and what each may do; permission checks live here, not in widgets."""

from __future__ import annotations

import enum


class Role(enum.StrEnum):
    OPERATOR = "operator"
    SUPERVISOR = "supervisor"
    INSTALLER = "installer"
    ADMIN = "admin"


class Permission(enum.StrEnum):
    VIEW_SITE = "view_site"
    LOOKUP_PEOPLE = "lookup_people"
    VIEW_PERSONAL_DATA = "view_personal_data"  # unmasked phone and ID numbers
    HANDLE_ALARMS = "handle_alarms"
    REVIEW_INCIDENTS = "review_incidents"
    CONFIGURE_CAMERAS = "configure_cameras"
    MANAGE_USERS = "manage_users"
    VIEW_AUDIT = "view_audit"


_ALL = frozenset(Permission)

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.OPERATOR: frozenset(
        {Permission.VIEW_SITE, Permission.LOOKUP_PEOPLE, Permission.HANDLE_ALARMS}
    ),
    Role.SUPERVISOR: frozenset(
        {
            Permission.VIEW_SITE,
            Permission.LOOKUP_PEOPLE,
            Permission.VIEW_PERSONAL_DATA,
            Permission.HANDLE_ALARMS,
            Permission.REVIEW_INCIDENTS,
            Permission.VIEW_AUDIT,
        }
    ),
    # Installers work on devices, not on people: no resident lookup at all.
    Role.INSTALLER: frozenset({Permission.VIEW_SITE, Permission.CONFIGURE_CAMERAS}),
    Role.ADMIN: _ALL,
}


def can(role: Role, permission: Permission) -> bool:
    return permission in ROLE_PERMISSIONS[role]
