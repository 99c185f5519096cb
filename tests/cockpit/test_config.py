"""Configuration: defaults, validation, and clear errors for broken files."""

from pathlib import Path

import pytest

from cockpit.config import Config, load_config
from cockpit.errors import ConfigError


def test_missing_file_means_defaults(tmp_path: Path):
    assert load_config(tmp_path / "absent.toml") == Config()
    assert load_config(None).ui.language == "auto"


def test_valid_file_is_read(tmp_path: Path):
    f = tmp_path / "c.toml"
    f.write_text('[database]\nurl = "postgresql+psycopg://u@h/db"\n[ui]\nlanguage = "zh_CN"\nfont_scale = 1.5\n')
    config = load_config(f)
    assert config.database.url == "postgresql+psycopg://u@h/db"
    assert config.ui.language == "zh_CN"
    assert config.ui.font_scale == 1.5


def test_syntax_error_names_the_line(tmp_path: Path):
    f = tmp_path / "c.toml"
    f.write_text('[ui]\nlanguage = "en"\n[database\n')
    with pytest.raises(ConfigError, match="line 3"):
        load_config(f)


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ('[ui]\nlanguag = "en"\n', "ui.languag"),  # typo must not fall back silently
        ('[ui]\nlanguage = "fr"\n', "ui.language"),
        ("[ui]\nfont_scale = 9\n", "ui.font_scale"),
        ("[lookup]\nmax_results = -1\n", "lookup.max_results"),
        ('[cameras]\ndiscovery = ["10.0.0.5"]\n', "cameras.discovery"),  # no port
        ('[cameras]\ndiscovery = ["10.0.0.5:99999"]\n', "cameras.discovery"),
        ("[cameras]\ncall_timeout_s = 0\n", "cameras.call_timeout_s"),
    ],
)
def test_invalid_values_name_the_field(tmp_path: Path, text: str, where: str):
    f = tmp_path / "c.toml"
    f.write_text(text)
    with pytest.raises(ConfigError, match=where.replace(".", r"\.")):
        load_config(f)


def test_binary_garbage_is_a_config_error(tmp_path: Path):
    f = tmp_path / "c.toml"
    f.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(ConfigError):
        load_config(f)


def test_camera_discovery_targets(tmp_path: Path):
    f = tmp_path / "c.toml"
    f.write_text('[cameras]\ndiscovery = ["192.168.1.20:3702", "multicast", "nvr.local:3702"]\n')
    cameras = load_config(f).cameras
    assert cameras.unicast_targets() == [("192.168.1.20", 3702), ("nvr.local", 3702)]
    assert cameras.multicast and not Config().cameras.multicast


def test_recording_section(tmp_path: Path):
    default = Config().recording
    assert (default.pre_s, default.post_s, default.profile) == (30.0, 120.0, "main")
    assert default.resolved_directory(tmp_path) == tmp_path / "recordings"
    assert default.buffer_mode(demo=True) == "wall" and default.buffer_mode(demo=False) == "all"
    f = tmp_path / "c.toml"
    f.write_text(f'[recording]\ndirectory = "{tmp_path / "clips"}"\npre_s = 10\npost_s = 60\nquota_gb = 0.5\n'
                 'buffer = "none"\nprofile = "sub"\n')
    recording = load_config(f).recording
    assert recording.resolved_directory(Path("/elsewhere")) == tmp_path / "clips"
    assert (recording.pre_s, recording.post_s, recording.quota_gb) == (10, 60, 0.5)
    assert recording.buffer_mode(demo=True) == "none" and recording.profile == "sub"
    f.write_text('[recording]\ndirectory = ""\n')
    assert load_config(f).recording.directory is None  # empty: the default place


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ('directory = "clips"', "not an absolute path"),
        ("directory = 5", "recording.directory"),
        ("pre_s = -1", "recording.pre_s"),
        ("pre_s = 3000", "recording.pre_s"),
        ("post_s = 0", "recording.post_s"),
        ("quota_gb = 0", "recording.quota_gb"),
        ('buffer = "some"', "recording.buffer"),
        ('profile = "third"', "recording.profile"),
        ("pre_seconds = 5", "recording.pre_seconds"),
    ],
)
def test_recording_section_refuses_bad_values(tmp_path: Path, text: str, where: str):
    f = tmp_path / "c.toml"
    f.write_text(f"[recording]\n{text}\n")
    with pytest.raises(ConfigError, match=where.replace(".", r"\.")):
        load_config(f)


def test_alarms_section(tmp_path: Path):
    default = Config().alarms
    rules = tmp_path / "rules.yaml"
    assert (default.mqtt_host, default.dedupe_window_s, default.batch_max, default.batch_wait_ms) == (
        "embedded", 60.0, 500, 20.0)
    assert default.rules is None and default.broker(("127.0.0.1", 5555)) == ("127.0.0.1", 5555)
    f = tmp_path / "c.toml"
    f.write_text('[alarms]\nmqtt_host = "broker.lan"\nmqtt_port = 8883\nsite = "DEMO"\ndedupe_window_s = 30\n'
                 f'batch_max = 100\nbatch_wait_ms = 5\nrules = "{rules}"\n')
    alarms = load_config(f).alarms
    assert alarms.broker(None) == ("broker.lan", 8883) and alarms.site == "DEMO"
    assert (alarms.dedupe_window_s, alarms.batch_max, alarms.batch_wait_ms) == (30, 100, 5)
    assert alarms.rules == tmp_path / "rules.yaml"
    f.write_text('[alarms]\nmqtt_host = "off"\n')
    assert load_config(f).alarms.broker(("127.0.0.1", 1)) is None


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ('mqtt_host = ""', "alarms.mqtt_host"),
        ("mqtt_port = 0", "alarms.mqtt_port"),
        ("dedupe_window_s = -1", "alarms.dedupe_window_s"),
        ("batch_max = 0", "alarms.batch_max"),
        ("batch_wait_ms = 5000", "alarms.batch_wait_ms"),
        ('client_id = "has space"', "alarms.client_id"),
        ("rules = 5", "alarms.rules"),
        ("batch_size = 5", "alarms.batch_size"),
    ],
)
def test_alarms_section_refuses_bad_values(tmp_path: Path, text: str, where: str):
    f = tmp_path / "c.toml"
    f.write_text(f"[alarms]\n{text}\n")
    with pytest.raises(ConfigError, match=where.replace(".", r"\.")):
        load_config(f)
