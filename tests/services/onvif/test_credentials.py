"""CredentialStore: the key file outside the database, created 0600, and clear errors when it is wrong."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from sqlalchemy.orm import Session

from cockpit.db import create_db_engine, upgrade
from services.onvif.credentials import KEY_ENV, Credentials, CredentialStore, CredentialsUnavailable, default_key_path


@pytest.fixture
def session(tmp_path: Path):
    engine = create_db_engine(f"sqlite:///{tmp_path / 'c.db'}")
    upgrade(engine)
    with Session(engine) as s:
        yield s
    engine.dispose()


def test_the_key_is_created_0600_on_first_write_and_never_replaced(tmp_path: Path, session: Session) -> None:
    key = tmp_path / "conf" / "credentials.key"
    store = CredentialStore(None, key)
    assert not key.exists()
    ref = store.put(session, "admin", "pw-1")
    session.commit()
    assert key.stat().st_mode & 0o777 == 0o600
    original = key.read_bytes()
    assert store.get(session, ref) == Credentials("admin", "pw-1")
    assert "pw-1" not in repr(store.get(session, ref))
    ref2 = CredentialStore(None, key).put(session, "admin", "pw-2", ref)  # another process, same key
    assert ref2 == ref and key.read_bytes() == original
    assert CredentialStore(None, key).get(session, ref).password == "pw-2"


def test_default_location_and_environment_override(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   cockpit_home: Path) -> None:
    monkeypatch.delenv(KEY_ENV, raising=False)
    assert default_key_path() == cockpit_home / "config" / "credentials.key"
    monkeypatch.setenv(KEY_ENV, str(tmp_path / "elsewhere.key"))
    assert CredentialStore(None).key_path == tmp_path / "elsewhere.key"


def test_concurrent_first_writes_agree_on_one_key(tmp_path: Path) -> None:
    key = tmp_path / "credentials.key"
    stores = [CredentialStore(None, key) for _ in range(8)]
    tokens: list[bytes] = []
    threads = [threading.Thread(target=lambda s=s: tokens.append(s.encrypt("x"))) for s in stores]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(CredentialStore(None, key).decrypt(t) == "x" for t in tokens)
    assert not [p for p in tmp_path.iterdir() if p.name != "credentials.key"]  # no temp files left


@pytest.mark.parametrize("damage, says", [
    ("missing", "is missing"), ("foreign", "is not the key"), ("garbage", "does not hold a valid key"),
    ("unreadable", "cannot be read")])
def test_damaged_keys_give_clear_errors(tmp_path: Path, session: Session, damage: str, says: str) -> None:
    key = tmp_path / "credentials.key"
    ref = CredentialStore(None, key).put(session, "admin", "pw")
    session.commit()
    if damage == "missing":
        key.unlink()
    elif damage == "foreign":
        key.write_bytes(Fernet.generate_key())
    elif damage == "garbage":
        key.write_bytes(b"not a key")
    else:  # a directory where the file should be (chmod 0 would not stop root)
        key.unlink()
        key.mkdir()
    with pytest.raises(CredentialsUnavailable) as info:
        CredentialStore(None, key).get(session, ref)
    assert str(info.value).startswith(f"credentials cannot be decrypted: key file {key} ") and says in str(info.value)
    assert info.value.state.value == "auth_failed"


def test_an_unknown_reference_is_clear(tmp_path: Path, session: Session) -> None:
    with pytest.raises(CredentialsUnavailable, match="not in the database"):
        CredentialStore(None, tmp_path / "k").get(session, "nope")
