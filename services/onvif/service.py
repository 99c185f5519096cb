"""The cameras of the site as a service: one CameraWorker per commissioned camera, commands as Futures.

Nothing here blocks on a camera except probe_device() and add_or_update_camera(), which the
commissioning wizard runs in a worker; every other method returns at once.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future
from dataclasses import replace
from typing import Any, TypeVar

from sqlalchemy import select

from cockpit.cameras import CameraHealth, CameraState, CameraStateChanged
from cockpit.commissioning import Placement
from cockpit.models import Camera, CameraProfile, Device, DeviceKind, DeviceStatus, PtzPreset, Site, StreamRole
from services.database import DatabaseService

from .client import DEFAULT_MAX_CLOCK_OFFSET_S, OnvifClient
from .credentials import CredentialStore, CredentialsUnavailable
from .errors import OnvifError, Unsupported
from .info import DeviceReport, PresetInfo, ProfileInfo, PtzStatus
from .commissioning import CommissioningSession, read_report
from .stream_check import StreamChecker
from .worker import Backoff, CameraWorker, Sink

logger = logging.getLogger(__name__)
T = TypeVar("T")


class UnknownCamera(LookupError):
    """No running camera has this code (not commissioned, disabled, or the service is stopped)."""


def default_roles(profiles: Sequence[ProfileInfo]) -> dict[str, StreamRole]:
    """The largest profile feeds the focus view, the smallest the wall tiles."""
    ranked = sorted(profiles, key=lambda p: (p.width or 0) * (p.height or 0), reverse=True)
    roles = {ranked[0].token: StreamRole.MAIN} if ranked else {}
    if len(ranked) > 1:
        roles[ranked[-1].token] = StreamRole.SUB
    return roles


class CameraService:
    def __init__(self, db: DatabaseService, credentials: CredentialStore, sink: Sink, *,
                 call_timeout_s: float = 5.0, pull_wait_s: float = 1.0,
                 max_clock_offset_s: float = DEFAULT_MAX_CLOCK_OFFSET_S, backoff_initial_s: float = 1.0,
                 backoff_max_s: float = 60.0, stream_check_interval_s: float | None = None) -> None:
        """`stream_check_interval_s`: play each online camera's wall stream this often (and right after it
        connects) to measure it and catch URIs that do not play; None: only the wall's decoders measure."""
        self._db = db
        self._credentials = credentials
        self._sink = sink
        self.call_timeout_s = call_timeout_s
        self._worker_options: dict[str, Any] = {"call_timeout_s": call_timeout_s, "pull_wait_s": pull_wait_s,
                                                "max_clock_offset_s": max_clock_offset_s}
        self._backoff = (backoff_initial_s, backoff_max_s)
        self._workers: dict[str, CameraWorker] = {}
        self._disabled: dict[str, CameraHealth] = {}
        self._lock = threading.Lock()
        self._started = False
        self._stream_check_interval_s = stream_check_interval_s
        self._stream_checker: StreamChecker | None = None

    # -- lifecycle ---------------------------------------------------------------------------------

    @property
    def credentials(self) -> CredentialStore:
        return self._credentials

    def start(self) -> int:
        """One worker per enabled camera with an ONVIF address; returns how many. Returns at once."""
        with self._db.session() as session:
            codes = list(session.scalars(select(Device.code).join(Camera, Camera.device_id == Device.id)
                                         .where(Camera.onvif_url.is_not(None)).order_by(Device.code)))
        self._started = True
        for code in codes:
            self._start_camera(code)
        if self._stream_check_interval_s and self._stream_checker is None:
            self._stream_checker = StreamChecker(self._running_workers,
                                                 interval_s=self._stream_check_interval_s).start()
        with self._lock:
            return len(self._workers)

    def _running_workers(self) -> list[CameraWorker]:
        with self._lock:
            return list(self._workers.values())

    def stop(self, timeout_s: float | None = None) -> None:
        """Stop every worker: all are told at once, then joined (≈ one pull wait + one call timeout)."""
        self._started = False
        checker, self._stream_checker = self._stream_checker, None
        if checker is not None:
            checker.stop(timeout_s=0)  # its probes give up on their own; daemon threads
        with self._lock:
            workers = list(self._workers.values())
            self._workers.clear()
        for worker in workers:
            worker.request_stop()
        deadline = None if timeout_s is None else time.monotonic() + timeout_s
        for worker in workers:
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            if not worker.join(left):
                logger.warning("%s: camera thread still busy after stop; left to finish on its own", worker.code)

    def health(self) -> dict[str, CameraHealth]:
        with self._lock:
            found = {code: w.health for code, w in self._workers.items()}
            found.update(self._disabled)
        return found

    def restart_camera(self, code: str) -> None:
        """Stop this camera's worker (if any) and start it again from the database (blocks ≤ stop time)."""
        with self._lock:
            old = self._workers.pop(code, None)
            self._disabled.pop(code, None)
        if old is not None:
            old.stop()
        if self._started:
            self._start_camera(code)

    def _start_camera(self, code: str) -> None:
        with self._db.session() as session:
            row = session.execute(select(Device, Camera).join(Camera, Camera.device_id == Device.id)
                                  .where(Device.code == code)).first()
            if row is None or row.Camera.onvif_url is None:
                return
            device, camera = row
            if device.status == DeviceStatus.MAINTENANCE:
                health = CameraHealth(code).moved_to(CameraState.DISABLED, "taken out of service (maintenance)")
                with self._lock:
                    self._disabled[code] = health
                self._emit(CameraStateChanged(health))
                return
            username = password = None
            blocked: OnvifError | None = None
            if camera.credential_ref:
                try:
                    creds = self._credentials.get(session, camera.credential_ref)
                    username, password = creds.username, creds.password
                except CredentialsUnavailable as exc:
                    blocked = exc
            address = camera.onvif_url
            wall = next((p.token for p in camera.profiles if p.role == StreamRole.SUB), None)
            focus = next((p.token for p in camera.profiles if p.role == StreamRole.MAIN), None)
        worker = CameraWorker(code, address, username, password, self._sink, blocked=blocked,
                              backoff=Backoff(*self._backoff), wall_profile=wall, focus_profile=focus,
                              **self._worker_options)
        with self._lock:
            previous = self._workers.pop(code, None)
            self._workers[code] = worker
        if previous is not None:
            previous.request_stop()
        worker.start()

    def _emit(self, event: object) -> None:
        try:
            self._sink(event)
        except Exception:
            logger.exception("camera sink failed")

    # -- commands (each returns a Future at once) --------------------------------------------------

    def submit(self, code: str, name: str, fn: Callable[[OnvifClient], T]) -> Future[T]:
        with self._lock:
            worker = self._workers.get(code)
            disabled = self._disabled.get(code)
        if worker is None:
            future: Future[T] = Future()
            future.set_exception(Unsupported(f"{code} is out of service") if disabled else
                                 UnknownCamera(f"no camera {code} is running"))
            return future
        return worker.submit(name, fn)

    def ptz_move(self, code: str, pan: float, tilt: float, zoom: float = 0.0,
                 timeout_s: float | None = None) -> Future[None]:
        """Continuous move at the given velocities (−1..1); the camera stops by itself after timeout_s."""
        return self.submit(code, "ContinuousMove", lambda c: c.continuous_move(pan, tilt, zoom, timeout_s))

    def stream_uri(self, code: str, *, main: bool = False) -> Future[str | None]:
        """The camera's wall (sub) or focus (main) stream URI, for a video tile."""
        with self._lock:
            worker = self._workers.get(code)
        if worker is None:
            return self.submit(code, "GetStreamUri", lambda c: None)  # fails with the reason
        return worker.stream_uri(main=main)

    def ptz_stop(self, code: str) -> Future[None]:
        return self.submit(code, "Stop", lambda c: c.stop())

    def ptz_absolute(self, code: str, pan: float, tilt: float, zoom: float | None = None) -> Future[None]:
        return self.submit(code, "AbsoluteMove", lambda c: c.absolute_move(pan, tilt, zoom))

    def ptz_status(self, code: str) -> Future[PtzStatus]:
        return self.submit(code, "GetStatus", lambda c: c.status())

    def presets(self, code: str) -> Future[list[PresetInfo]]:
        return self.submit(code, "GetPresets", lambda c: c.presets())

    def set_preset(self, code: str, name: str) -> Future[str]:
        return self.submit(code, "SetPreset", lambda c: c.set_preset(name))

    def goto_preset(self, code: str, token: str) -> Future[None]:
        return self.submit(code, "GotoPreset", lambda c: c.goto_preset(token))

    def remove_preset(self, code: str, token: str) -> Future[None]:
        return self.submit(code, "RemovePreset", lambda c: c.remove_preset(token))

    def snapshot(self, code: str, profile: str | None = None) -> Future[bytes]:
        """JPEG bytes of `profile` (default: the camera's first profile, usually the main stream)."""
        def take(c: OnvifClient) -> bytes:
            token = profile or (c.last_profiles[0].token if c.last_profiles else None)
            if token is None:
                raise Unsupported(f"{code} has no media profile")
            return c.snapshot(token)
        return self.submit(code, "snapshot", take)

    def refresh_profiles(self, code: str) -> Future[list[ProfileInfo]]:
        """Profiles with their stream URIs, read again from the camera; stored rows are updated."""
        def refresh(c: OnvifClient) -> list[ProfileInfo]:
            found = [replace(p, stream_uri=c.stream_uri(p.token)) for p in c.profiles()]
            self._update_profiles(code, found)
            return found
        return self.submit(code, "GetProfiles", refresh)

    def _update_profiles(self, code: str, profiles: Sequence[ProfileInfo]) -> None:
        with self._db.session() as session:
            camera = session.scalar(select(Camera).join(Device).where(Device.code == code))
            if camera is None:
                return
            by_token = {p.token: p for p in profiles}
            for row in camera.profiles:
                if row.token in by_token:
                    _fill_profile(row, by_token[row.token])
            session.commit()

    # -- commissioning (blocking: call from a worker) ----------------------------------------------

    def probe_device(self, address: str, username: str | None, password: str | None) -> DeviceReport:
        """Log in and read what the wizard shows; raises OnvifError (with .state) if the device fails."""
        client = OnvifClient(address, username, password, timeout_s=self.call_timeout_s,
                             max_clock_offset_s=self._worker_options["max_clock_offset_s"])
        try:
            return read_report(client)
        finally:
            client.close()

    def known_addresses(self) -> dict[str, str]:
        """Device service URL -> camera code, for "already added" in discovery (blocking: a worker calls it)."""
        with self._db.session() as session:
            rows = session.execute(select(Camera.onvif_url, Device.code).join(Device, Camera.device_id == Device.id))
            return {url: code for url, code in rows if url}

    def commissioning_session(self, address: str, username: str | None, password: str | None) -> CommissioningSession:
        """A device on the installer's bench: PTZ, presets and snapshots before it is saved."""
        return CommissioningSession(address, username, password, timeout_s=self.call_timeout_s,
                                    max_clock_offset_s=self._worker_options["max_clock_offset_s"])

    def add_or_update_camera(self, code: str, report: DeviceReport, username: str, password: str, *,
                             name: str | None = None, placement: Placement | None = None,
                             roles: Mapping[str, StreamRole] | None = None, site_id: int | None = None) -> int:
        """Write the Device/Camera rows, profiles, presets and encrypted credentials; (re)start its worker.

        A new camera needs a placement; an existing one keeps its own unless one is given. Returns Camera.id.
        """
        with self._db.session() as session:
            device = session.scalar(select(Device).where(Device.code == code))
            if device is None:
                if placement is None:
                    raise ValueError(f"{code} is a new camera: where it stands and looks (placement) is needed")
                site_id = site_id or session.scalar(select(Site.id).order_by(Site.id).limit(1))
                if site_id is None:
                    raise ValueError("there is no site to put the camera on")
                device = Device(site_id=site_id, kind=DeviceKind.CAMERA, code=code, name=name or code,
                                status=DeviceStatus.UNKNOWN, x=placement.x, y=placement.y, z=placement.height_m)
                session.add(device)
            camera = device.camera
            if camera is None:
                if placement is None:
                    raise ValueError(f"{code} has no camera placement yet")
                camera = Camera(device=device, heading_deg=placement.heading_deg, fov_deg=placement.fov_deg,
                                range_m=placement.range_m, tilt_deg=placement.tilt_deg)
                session.add(camera)
            if name:
                device.name = name[:64]
            if placement is not None:
                device.x, device.y, device.z = placement.x, placement.y, placement.height_m
                camera.heading_deg, camera.tilt_deg = placement.heading_deg, placement.tilt_deg
                camera.fov_deg, camera.range_m = placement.fov_deg, placement.range_m
            camera.onvif_url = report.address
            camera.manufacturer, camera.model = report.manufacturer[:64], report.model[:64]
            camera.firmware, camera.is_ptz = report.firmware[:64], report.is_ptz
            camera.credential_ref = self._credentials.put(session, username, password, camera.credential_ref)
            _store_profiles(camera, report.profiles, roles or default_roles(report.profiles))
            _store_presets(camera, report.presets)
            session.commit()
            camera_id = camera.id
        logger.info("%s commissioned at %s (%d profiles, %d presets)", code, report.address,
                    len(report.profiles), len(report.presets))
        if self._started:
            self.restart_camera(code)
        return camera_id


def _fill_profile(row: CameraProfile, p: ProfileInfo) -> None:
    row.name, row.encoding = p.name[:64], (p.encoding or None) and p.encoding[:16]
    row.width, row.height, row.fps, row.gop = p.width, p.height, p.fps, p.gop
    if p.stream_uri is not None:
        row.stream_uri = p.stream_uri if len(p.stream_uri) <= 255 else None
        if len(p.stream_uri) > 255:
            logger.warning("stream URI of profile %s longer than 255 characters; not stored", p.token)


def _store_profiles(camera: Camera, profiles: Sequence[ProfileInfo], roles: Mapping[str, StreamRole]) -> None:
    existing = {row.token: row for row in camera.profiles}
    keep = []
    for p in profiles:
        if p.token not in roles:
            continue
        row = existing.get(p.token) or CameraProfile(token=p.token[:64], name="", role=roles[p.token])
        row.role = roles[p.token]
        _fill_profile(row, p)
        keep.append(row)
    camera.profiles = keep  # same objects for the same tokens: no delete-then-insert clash


def _store_presets(camera: Camera, presets: Sequence[PresetInfo]) -> None:
    existing = {row.token: row for row in camera.presets}
    keep = []
    for p in presets:
        row = existing.get(p.token) or PtzPreset(token=p.token[:64], name="")
        row.name, row.pan, row.tilt, row.zoom = p.name[:64], p.pan, p.tilt, p.zoom  # target_x/y are kept
        keep.append(row)
    camera.presets = keep
