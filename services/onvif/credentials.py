"""Camera passwords encrypted at rest: Fernet ciphertext in the database, the key in a file outside it.

The key file (default: <config dir>/credentials.key, or $COCKPIT_CREDENTIALS_KEY) is created 0600 on
the first write. A copy of the database alone reveals no password; a lost or foreign key file gives a
CredentialsUnavailable (camera state auth_failed) naming the file, never a crash.
"""

from __future__ import annotations

import logging
import os
import secrets
import stat
import threading
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken
from sqlalchemy.orm import Session

from cockpit.models.base import utcnow
from cockpit.models.devices import CameraCredential
from cockpit.paths import AppPaths
from services.database import DatabaseService

from .errors import AuthFailed

logger = logging.getLogger(__name__)

KEY_ENV = "COCKPIT_CREDENTIALS_KEY"
KEY_FILE = "credentials.key"


class CredentialsUnavailable(AuthFailed):
    """The secret cannot be decrypted (key file missing, unreadable or foreign) or is not stored."""


@dataclass(frozen=True)
class Credentials:
    username: str
    password: str = field(repr=False)


def default_key_path() -> Path:
    given = os.environ.get(KEY_ENV)
    return Path(given).expanduser() if given else AppPaths.default().config_dir / KEY_FILE


class CredentialStore:
    """Seal and open camera credentials; thread-safe. `db` may be None when only sessions are passed in."""

    def __init__(self, db: DatabaseService | None, key_path: Path | str | None = None) -> None:
        self._db = db
        self.key_path = Path(key_path) if key_path else default_key_path()
        self._fernet: Fernet | None = None
        self._lock = threading.Lock()

    # -- the key -----------------------------------------------------------------------------------

    def _unavailable(self, why: str) -> CredentialsUnavailable:
        return CredentialsUnavailable(f"credentials cannot be decrypted: key file {self.key_path} {why}")

    def _key(self, create: bool) -> Fernet:
        with self._lock:
            if self._fernet is None:
                if create and not self.key_path.exists():
                    self._create_key()
                self._fernet = self._read_key()
            return self._fernet

    def _read_key(self) -> Fernet:
        try:
            raw = self.key_path.read_bytes().strip()
            mode = self.key_path.stat().st_mode
        except FileNotFoundError:
            raise self._unavailable("is missing; restore it, or enter the cameras' passwords again") from None
        except OSError as exc:
            raise self._unavailable(f"cannot be read ({exc.strerror})") from None
        if mode & (stat.S_IRWXG | stat.S_IRWXO):
            logger.warning("key file %s is readable by other users; chmod 600 it", self.key_path)
        try:
            return Fernet(raw)
        except ValueError:
            raise self._unavailable("does not hold a valid key") from None

    def _create_key(self) -> None:
        """Write a new key without ever replacing one (another process may be creating it too)."""
        self.key_path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        temp = self.key_path.with_name(f".{self.key_path.name}.{secrets.token_hex(4)}")
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(Fernet.generate_key() + b"\n")
                out.flush()
                os.fsync(out.fileno())
            try:
                os.link(temp, self.key_path)  # atomic, and fails if a key appeared meanwhile
                logger.info("created credentials key %s", self.key_path)
            except FileExistsError:
                pass
        finally:
            temp.unlink(missing_ok=True)

    # -- sealing -----------------------------------------------------------------------------------

    def encrypt(self, password: str) -> bytes:
        return self._key(create=True).encrypt(password.encode("utf-8"))

    def decrypt(self, secret: bytes) -> str:
        try:
            return self._key(create=False).decrypt(bytes(secret)).decode("utf-8")
        except InvalidToken:
            raise self._unavailable("is not the key these credentials were encrypted with (replaced or "
                                    "foreign?); enter the camera's password again") from None

    # -- rows (in the caller's session; the caller commits) ----------------------------------------

    def put(self, session: Session, username: str, password: str, ref: str | None = None) -> str:
        """Store (or replace) a login; returns its reference for Camera.credential_ref."""
        secret = self.encrypt(password)
        row = session.get(CameraCredential, ref) if ref else None
        if row is None:
            row = CameraCredential(id=ref or secrets.token_hex(16), username=username, secret=secret)
            session.add(row)
        else:
            row.username, row.secret, row.updated_at = username, secret, utcnow()
        return row.id

    def get(self, session: Session, ref: str) -> Credentials:
        row = session.get(CameraCredential, ref)
        if row is None:
            raise CredentialsUnavailable(f"credentials {ref} are not in the database; enter the camera's "
                                         "user name and password again")
        return Credentials(row.username, self.decrypt(row.secret))

    def delete(self, session: Session, ref: str) -> None:
        row = session.get(CameraCredential, ref)
        if row is not None:
            session.delete(row)

    # -- with its own session ----------------------------------------------------------------------

    def save(self, username: str, password: str, ref: str | None = None) -> str:
        assert self._db is not None, "CredentialStore(db=None) only works with sessions passed in"
        with self._db.session() as session:
            ref = self.put(session, username, password, ref)
            session.commit()
        return ref

    def load(self, ref: str) -> Credentials:
        assert self._db is not None, "CredentialStore(db=None) only works with sessions passed in"
        with self._db.session() as session:
            return self.get(session, ref)
