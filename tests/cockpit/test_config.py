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
