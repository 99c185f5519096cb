"""Passwords are stored as argon2id hashes only."""

import pytest

from cockpit.passwords import hash_password, verify_password


def test_hash_is_argon2id_and_not_the_password():
    h = hash_password("s3cret-密码")
    assert h.startswith("$argon2id$")
    assert "s3cret" not in h
    assert hash_password("s3cret-密码") != h  # salted


def test_verify():
    h = hash_password("right")
    assert verify_password(h, "right")
    assert not verify_password(h, "wrong")
    assert not verify_password("not-a-hash", "right")


def test_empty_password_is_refused():
    with pytest.raises(ValueError):
        hash_password("")
