"""Masking of personal data and who may see what."""

from cockpit.privacy import mask_id_number, mask_name, mask_phone
from cockpit.roles import Permission, Role, can


def test_phone_keeps_prefix_and_last_four():
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("") == ""
    assert mask_phone(None) is None
    assert mask_phone("12345") == "*****"


def test_id_number_hides_birth_date_and_sequence():
    masked = mask_id_number("33010219450312123X")
    assert masked == "330102********123X"
    assert "19450312" not in masked


def test_name_keeps_family_name():
    assert mask_name("王建国") == "王**"


def test_only_supervisor_and_admin_see_personal_data():
    allowed = {r for r in Role if can(r, Permission.VIEW_PERSONAL_DATA)}
    assert allowed == {Role.SUPERVISOR, Role.ADMIN}


def test_installer_cannot_look_up_people_but_configures_cameras():
    assert not can(Role.INSTALLER, Permission.LOOKUP_PEOPLE)
    assert can(Role.INSTALLER, Permission.CONFIGURE_CAMERAS)
    assert not can(Role.OPERATOR, Permission.CONFIGURE_CAMERAS)
