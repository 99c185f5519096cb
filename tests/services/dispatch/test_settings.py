"""The [dispatch] section: validated like every other, and the defaults are the domain's own."""

from __future__ import annotations

import pytest

from cockpit.config import DispatchConfig, load_config
from cockpit.errors import ConfigError
from cockpit.escalation import ACCEPT_WITHIN_S
from cockpit.models import ResponderRole
from cockpit.routing import DEFAULT_SPEEDS_MPS
from cockpit.sla import ARRIVAL_TARGET_S, LOCK_TARGET_S
from services.dispatch import DispatchSettings


def test_defaults_are_the_domains():
    settings = DispatchSettings.from_config(DispatchConfig())
    assert settings.speeds == dict(DEFAULT_SPEEDS_MPS)
    assert (settings.policy.accept_within_s, settings.policy.arrival_target_s) == (ACCEPT_WITHIN_S, ARRIVAL_TARGET_S)
    assert (settings.targets.lock_s, settings.targets.arrival_s) == (LOCK_TARGET_S, ARRIVAL_TARGET_S)
    assert settings.auto_assign


def test_a_site_sets_speeds_and_timings(tmp_path):
    path = tmp_path / "site.toml"
    path.write_text("[dispatch]\naccept_within_s = 45\nauto_assign = false\n"
                    "[dispatch.speeds_mps]\nmedic = 2.0\nsecurity_guard = 1.5\n", encoding="utf-8")
    settings = DispatchSettings.from_config(load_config(path).dispatch, workstation="ws-2")
    assert settings.speeds[ResponderRole.MEDIC] == 2.0 and settings.speeds[ResponderRole.SECURITY_GUARD] == 1.5
    assert settings.speeds[ResponderRole.GRID_WORKER] == DEFAULT_SPEEDS_MPS[ResponderRole.GRID_WORKER]
    assert (settings.accept_within_s, settings.auto_assign, settings.workstation) == (45, False, "ws-2")


@pytest.mark.parametrize(("toml", "where"), [
    ("[dispatch]\naccept_within_s = 0\n", "dispatch.accept_within_s"),
    ("[dispatch.speeds_mps]\nmedic = -1\n", "dispatch.speeds_mps.medic"),
    ("[dispatch.speeds_mps]\ndriver = 3\n", "dispatch.speeds_mps.driver"),
    ("[dispatch]\nescalate_every = 1\n", "dispatch.escalate_every"),
])
def test_bad_values_are_refused_with_the_key(tmp_path, toml, where):
    path = tmp_path / "site.toml"
    path.write_text(toml, encoding="utf-8")
    with pytest.raises(ConfigError, match=where.replace(".", r"\.")):
        load_config(path)
