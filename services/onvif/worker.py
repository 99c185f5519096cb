"""One camera's ONVIF life on its own threads: connect with backoff, keep a pull point, run commands.

Two threads per camera, so a dead camera never slows another and a long event poll never delays a
PTZ move: `onvif-<code>` connects, pulls events, renews and re-subscribes; `onvif-<code>-cmd` runs
the commands other threads submit (one at a time, behind the camera's command lock, each call with a
deadline). Everything the UI needs leaves through `sink(event)`: CameraStateChanged and
CameraEventReceived, plain frozen objects (the Qt bridge turns them into queued signals).
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime
from typing import TypeVar

from cockpit.cameras import CameraHealth, CameraState, CameraStateChanged

from .client import DEFAULT_MAX_CLOCK_OFFSET_S, OnvifClient
from .errors import CameraBusy, DeviceUnreachable, NotSupportedByDevice, OnvifError, Unsupported, error_for_state

logger = logging.getLogger(__name__)
T = TypeVar("T")
Sink = Callable[[object], None]


class Backoff:
    """Exponential delays with ±jitter (so sixty cameras do not retry in step), capped."""

    def __init__(self, initial_s: float = 1.0, max_s: float = 60.0, *, factor: float = 2.0, jitter: float = 0.2,
                 rng: Callable[[], float] = random.random) -> None:
        self.initial_s, self.max_s, self.factor, self.jitter = initial_s, max_s, factor, jitter
        self._rng = rng
        self.attempt = 0

    def next(self) -> float:
        base = min(self.max_s, self.initial_s * self.factor ** self.attempt)
        self.attempt += 1
        return min(self.max_s, base * (1.0 - self.jitter + 2.0 * self.jitter * self._rng()))

    def reset(self) -> None:
        self.attempt = 0


class CameraWorker:
    """Connects, watches and commands one camera until stop(). Thread-safe API."""

    def __init__(self, code: str, address: str, username: str | None, password: str | None, sink: Sink, *,
                 call_timeout_s: float = 5.0, pull_wait_s: float = 1.0,
                 max_clock_offset_s: float = DEFAULT_MAX_CLOCK_OFFSET_S, backoff: Backoff | None = None,
                 subscription_ttl_s: float = 60.0, clock_check_s: float = 300.0, liveness_s: float = 10.0,
                 blocked: OnvifError | None = None, wall_profile: str | None = None,
                 focus_profile: str | None = None) -> None:
        self.code = code
        self.address = address
        self.call_timeout_s = call_timeout_s
        self.pull_wait_s = pull_wait_s
        self.subscription_ttl_s = subscription_ttl_s
        self.clock_check_s = clock_check_s
        self.liveness_s = liveness_s
        self.backoff = backoff or Backoff()
        self.client = OnvifClient(address, username, password, code=code, timeout_s=call_timeout_s,
                                  max_clock_offset_s=max_clock_offset_s)
        self._sink = sink
        self._blocked = blocked  # e.g. credentials that cannot be decrypted: no point in trying
        self._health = CameraHealth(code)
        self._health_lock = threading.Lock()
        self._stopping = threading.Event()
        self._wake = threading.Event()
        self._online = False
        self._session_error: OnvifError | None = None
        self.wall_profile = wall_profile  # the profile the wall shows; its stream is what health checks play
        self.focus_profile = focus_profile  # the profile the focus view and large tiles show
        self._stream_uri: str | None = None
        self._stream_error: str | None = None  # the last stream check failed: online turns into unplayable
        self.stream_checked_at: float | None = None  # time.monotonic() of the last check in this session
        self.connect_attempts: deque[float] = deque(maxlen=100)  # time.monotonic() of recent attempts
        self._thread = threading.Thread(target=self._run, name=f"onvif-{code}", daemon=True)
        self._commands = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"onvif-{code}-cmd")

    # -- lifecycle ---------------------------------------------------------------------------------

    def start(self) -> CameraWorker:
        if self._blocked is not None:
            self._set_state(self._blocked.state, self._blocked.message)
        else:
            self._thread.start()
        return self

    def request_stop(self) -> None:
        """Ask both threads to finish (returns at once); join() waits."""
        self._stopping.set()
        self._wake.set()
        self._commands.shutdown(wait=False, cancel_futures=True)

    def join(self, timeout_s: float | None = None) -> bool:
        if self._thread.is_alive():
            self._thread.join(timeout_s)
        return not self._thread.is_alive()

    def stop(self, timeout_s: float | None = None) -> bool:
        self.request_stop()
        return self.join(timeout_s)

    @property
    def health(self) -> CameraHealth:
        return self._health

    @property
    def online(self) -> bool:
        return self._online

    # -- commands ----------------------------------------------------------------------------------

    def submit(self, name: str, fn: Callable[[OnvifClient], T]) -> Future[T]:
        """Run fn(client) on this camera's command thread; the future fails with an OnvifError."""
        submitted = time.monotonic()

        def command() -> T:
            if not self._online:
                health = self._health
                raise error_for_state(health.state, f"{self.code} is not online ({health.state.value}"
                                                    + (f": {health.message})" if health.message else ")"))
            waited = time.monotonic() - submitted
            if waited > self.call_timeout_s:
                raise CameraBusy(f"{self.code}: {name} waited {waited:.1f} s behind earlier commands; not sent")
            try:
                return fn(self.client)
            except OnvifError as exc:
                if exc.breaks_session:
                    self._session_error = exc
                    self._wake.set()
                raise

        try:
            return self._commands.submit(command)
        except RuntimeError:  # shut down
            future: Future[T] = Future()
            future.set_exception(self._blocked or DeviceUnreachable(f"{self.code}: the camera service is stopped"))
            return future

    # -- state -------------------------------------------------------------------------------------

    def _emit(self, event: object) -> None:
        try:
            self._sink(event)
        except Exception:  # a broken consumer must not kill the camera's thread
            logger.exception("%s: sink failed on %s", self.code, type(event).__name__)

    def _set_state(self, state: CameraState, message: str = "", offset: float | None = None) -> None:
        if state is CameraState.ONLINE and self._stream_error is not None:
            state, message = CameraState.STREAM_UNPLAYABLE, self._stream_error
        with self._health_lock:
            old = self._health
            new = old.moved_to(state, message)
            if offset is not None and (new.clock_offset_s is None or abs(offset - new.clock_offset_s) >= 1.0):
                new = replace(new, clock_offset_s=offset)
            if new is old:
                return
            self._health = new
        if new.state != old.state or new.message != old.message:
            log = logger.info if not state.is_problem else logger.warning
            log("%s: %s%s", self.code, state.value, f" ({message})" if message else "")
        self._emit(CameraStateChanged(new))

    # -- the stream (checked from outside: a health checker, later the wall's decoders) ------------

    def wall_stream_uri(self) -> str | None:
        """The wall profile's stream URI, asked once per session on the command thread (blocking)."""
        if self._stream_uri is None and self._online:
            self._stream_uri = self.stream_uri(main=False).result(self.call_timeout_s * 2 + 1)
        return self._stream_uri

    def stream_uri(self, *, main: bool) -> Future[str | None]:
        """The URI of the focus (main) or wall (sub) stream: the installer's choice, else the largest or
        smallest profile. Resolved on the command thread; None if the device has no profile."""
        def resolve(client: OnvifClient) -> str | None:
            profiles = client.last_profiles
            if not profiles:
                return None
            chosen = self.focus_profile if main else self.wall_profile
            if chosen not in {p.token for p in profiles}:
                pick = max if main else min
                chosen = pick(profiles, key=lambda p: (p.width or 0) * (p.height or 0)).token
            return client.stream_uri(chosen)
        return self.submit("GetStreamUri", resolve)

    def report_stream(self, *, error: str | None, first_frame_s: float | None = None, fps: float | None = None,
                      bitrate_kbps: float | None = None) -> None:
        """A stream measurement: its figures go into the health; a failure makes an online camera
        "stream unplayable" until a later measurement plays."""
        self._stream_error = error
        self.stream_checked_at = time.monotonic()
        if error is None:
            with self._health_lock:
                self._health = replace(self._health, first_frame_s=first_frame_s, fps=fps,
                                       bitrate_kbps=bitrate_kbps, last_frame_at=datetime.now(UTC))
        if self._online:
            self._set_state(CameraState.ONLINE)
        if error is None:
            self._emit(CameraStateChanged(self._health))

    # -- the camera's thread -----------------------------------------------------------------------

    def _run(self) -> None:
        self._set_state(CameraState.CONNECTING)
        try:
            while not self._stopping.is_set():
                self.connect_attempts.append(time.monotonic())
                try:
                    self.client.connect()
                except OnvifError as exc:
                    self._set_state(exc.state, exc.message, self.client.clock_offset_s)
                    self._stopping.wait(self.backoff.next())
                    continue
                self.backoff.reset()
                self._session_error = None
                self._stream_uri = self._stream_error = self.stream_checked_at = None  # check it afresh
                self._online = True
                self._set_state(CameraState.ONLINE, "", self.client.clock_offset_s)
                error = self._session()
                self._online = False
                if error is None:
                    break
                self.client.drop_subscription()  # a new session subscribes afresh; the device reaps the old one
                self._set_state(error.state, error.message, self.client.clock_offset_s)
                self._stopping.wait(self.backoff.next())
        except Exception:  # a bug here must not pass silently nor take the app down
            logger.exception("%s: camera thread failed", self.code)
            self._set_state(CameraState.NOT_ONVIF, "internal error in the camera's client; see the log")
        finally:
            self._online = False
            self._goodbye()

    def _goodbye(self) -> None:
        if self.client.subscribed:
            try:
                self.client.unsubscribe(timeout_s=min(0.5, self.call_timeout_s))
            except OnvifError as exc:
                logger.debug("%s: unsubscribe on stop: %s", self.code, exc)
        self.client.close()

    def _session(self) -> OnvifError | None:
        """Events and checks while online; returns the error that ended the session (None: stopped)."""
        client = self.client
        events = "events" in client.services
        next_clock = time.monotonic() + self.clock_check_s
        next_alive = time.monotonic() + self.liveness_s
        resubscribe = Backoff(self.backoff.initial_s, self.backoff.max_s)
        while not self._stopping.is_set():
            if self._session_error is not None:
                return self._session_error
            try:
                if events:
                    events = self._pull_once(resubscribe)
                    next_alive = time.monotonic() + self.liveness_s
                else:
                    self._wake.wait(self.pull_wait_s)
                    self._wake.clear()
                now = time.monotonic()
                if now >= next_clock or now >= next_alive:  # the clock read doubles as a liveness check
                    self._set_state(CameraState.ONLINE, "", client.read_clock())
                    next_clock, next_alive = now + self.clock_check_s, now + self.liveness_s
            except OnvifError as exc:
                if exc.breaks_session:
                    return exc
                logger.warning("%s: %s", self.code, exc.message)
        return None

    def _pull_once(self, resubscribe: Backoff) -> bool:
        """One renewal check and one PullMessages; False once the device turns out to have no events."""
        client = self.client
        if not client.subscribed:
            try:
                client.create_pull_point(self.subscription_ttl_s)
            except NotSupportedByDevice as exc:
                logger.info("%s: no events (%s)", self.code, exc.message)
                return False
            except Unsupported as exc:
                logger.info("%s: no pull point for now (%s)", self.code, exc.message)
                self._stopping.wait(resubscribe.next())  # refused for now (e.g. too many pull points)
                return True
        remaining = client.subscription_remaining_s or 0.0
        try:
            if remaining < max(self.subscription_ttl_s / 2, self.pull_wait_s + self.call_timeout_s):
                client.renew(self.subscription_ttl_s)
            received = client.pull(self.pull_wait_s)
        except OnvifError as exc:
            if exc.breaks_session:
                raise
            logger.info("%s: pull point lost (%s); subscribing again", self.code, exc.message)
            client.drop_subscription()
            self._stopping.wait(resubscribe.next())
            return True
        resubscribe.reset()
        for event in received:
            self._emit(event)
        return True
