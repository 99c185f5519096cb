"""ONVIF failures as a few typed exceptions, each mapping 1:1 to a CameraState, with a message a person can act on.

`classify()` turns whatever requests, zeep or lxml raised into one of them; nothing else leaves the client.
"""

from __future__ import annotations

import logging
import socket
from typing import ClassVar

import requests
from lxml import etree
from zeep import exceptions as zeep_exc

from cockpit.cameras import CameraState

logger = logging.getLogger(__name__)


class OnvifError(Exception):
    """Base: `state` is the camera state this failure means; str(exc) is the message to show."""

    state: ClassVar[CameraState] = CameraState.NOT_ONVIF
    # True: the connection (or login) is gone and the worker must reconnect. False: only this request failed.
    breaks_session: ClassVar[bool] = True

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class DeviceUnreachable(OnvifError):
    """No TCP connection, connection reset, no (complete) answer within the timeout, unknown host."""

    state = CameraState.UNREACHABLE


class CameraBusy(DeviceUnreachable):
    """A command waited too long behind the camera's earlier commands; the camera itself may be fine."""

    breaks_session = False


class AuthFailed(OnvifError):
    """HTTP 401/403, SOAP NotAuthorized or wsse:FailedAuthentication, or credentials we cannot decrypt."""

    state = CameraState.AUTH_FAILED


class ClockSkew(OnvifError):
    """The device clock is further from ours than the configured limit."""

    state = CameraState.CLOCK_SKEW


class NotOnvif(OnvifError):
    """It answers, but not as an ONVIF device: HTML, malformed XML, no SOAP envelope, 404, oversized reply."""

    state = CameraState.NOT_ONVIF


class Unsupported(OnvifError):
    """An ONVIF device that cannot do what we asked: ActionNotSupported, no PTZ/events service, a Receiver fault."""

    state = CameraState.UNSUPPORTED
    breaks_session = False


class NotSupportedByDevice(Unsupported):
    """ActionNotSupported / NoSuchService, or the service is not offered at all."""


class RequestRejected(Unsupported):
    """The device refused this request's arguments (Sender fault: unknown preset token, bad position …)."""


def describe_span(seconds: float) -> str:
    """7380 -> '2 h 03 min'; 90 -> '1 min 30 s'; 3 days and more in days."""
    s = abs(seconds)
    if s >= 2 * 86400:
        return f"{s / 86400:.0f} days"
    if s >= 3570:
        hours, minutes = divmod(round(s / 60), 60)
        return f"{hours} h {minutes:02d} min"
    if s >= 59.5:
        minutes, secs = divmod(round(s), 60)
        return f"{minutes} min {secs:02d} s"
    return f"{s:.1f} s"


def describe_offset(offset_s: float) -> str:
    """7380 -> '2 h 03 min ahead'; -90 -> '1 min 30 s behind'."""
    return f"{describe_span(offset_s)} {'ahead' if offset_s >= 0 else 'behind'}"


_AUTH_CODES = {"NotAuthorized", "FailedAuthentication", "FailedCheck", "InvalidSecurityToken", "InvalidSecurity"}
_UNSUPPORTED_CODES = {"ActionNotSupported", "NoSuchService", "ActionNotSupportedFault"}


def _localname(value: object) -> str:
    text = getattr(value, "localname", None) or str(value or "")
    return text.rsplit("}", 1)[-1].rsplit(":", 1)[-1]


def _fault(fault: zeep_exc.Fault, where: str, operation: str) -> OnvifError:
    codes = {_localname(fault.code)} | {_localname(c) for c in fault.subcodes or []}
    reason = (fault.message or "").strip()
    said = f" (the device says: {reason})" if reason else ""
    if codes & _AUTH_CODES or "not authorized" in reason.lower():
        return AuthFailed(f"wrong user name or password for {where}{said}")
    if codes & _UNSUPPORTED_CODES:
        return NotSupportedByDevice(f"{where} does not support {operation}{said}")
    if "VersionMismatch" in codes:
        return NotOnvif(f"{where} does not speak SOAP 1.2 as ONVIF requires ({operation}){said}")
    if fault.code is None and not fault.subcodes:  # a non-200 reply without any SOAP fault in it
        return NotOnvif(f"{where} answered {operation} with an error that is not a SOAP fault")
    subcodes = ", ".join(sorted(codes - {"Sender", "Receiver", ""}))
    detail = f"{reason or 'no reason given'}" + (f" [{subcodes}]" if subcodes else "")
    if "Sender" in codes:
        return RequestRejected(f"{where} refused {operation}: {detail}")
    return Unsupported(f"{where} failed {operation}: {detail}")


def _connection_error(exc: BaseException, where: str, operation: str) -> OnvifError:
    chain: list[BaseException] = []  # exc and everything it wraps (cause, context, urllib3's reason, args[0])
    todo: list[BaseException] = [exc]
    while todo and len(chain) < 20:
        node = todo.pop(0)
        if any(node is seen for seen in chain):
            continue
        chain.append(node)
        todo += [n for n in (node.__cause__, node.__context__, getattr(node, "reason", None),
                             node.args[0] if node.args else None) if isinstance(n, BaseException)]
    names = " ".join(type(e).__name__ for e in chain)
    if any(isinstance(e, socket.gaierror) for e in chain) or "NameResolution" in names:
        return DeviceUnreachable(f"cannot resolve the host name of {where}")
    if any(isinstance(e, ConnectionRefusedError) for e in chain):
        return DeviceUnreachable(f"{where} refused the connection (nothing listens on that port)")
    if any(isinstance(e, ConnectionResetError | BrokenPipeError) for e in chain) or "RemoteDisconnected" in names \
            or "ProtocolError" in names:
        return DeviceUnreachable(f"{where} dropped the connection during {operation}")
    reason = str(chain[-1]) or type(chain[-1]).__name__
    return DeviceUnreachable(f"cannot connect to {where}: {reason}")


def classify(exc: BaseException, where: str, operation: str, timeout_s: float | None = None) -> OnvifError:
    """The OnvifError that `exc` (raised while calling `operation` on `where`) means."""
    limit = f" within {timeout_s:g} s" if timeout_s else ""
    match exc:
        case OnvifError():
            return exc
        case requests.exceptions.ConnectTimeout():
            return DeviceUnreachable(f"no connection to {where}{limit}")
        case requests.exceptions.ReadTimeout() | TimeoutError() | socket.timeout():
            return DeviceUnreachable(f"{where} accepted the connection but did not answer {operation}{limit}")
        case requests.exceptions.InvalidURL() | requests.exceptions.MissingSchema() | \
                requests.exceptions.InvalidSchema():
            return DeviceUnreachable(f"{where} is not a usable address: {exc}")
        case requests.exceptions.ConnectionError() | ConnectionError():
            return _connection_error(exc, where, operation)
        case requests.exceptions.RequestException():
            return NotOnvif(f"{where} answered {operation} in a way HTTP clients cannot follow: {exc}")
        case zeep_exc.Fault():
            return _fault(exc, where, operation)
        case zeep_exc.TransportError():
            if exc.status_code in (401, 403):
                return AuthFailed(f"wrong user name or password for {where} (HTTP {exc.status_code})")
            if "invalid XML" in str(exc):
                return NotOnvif(f"{where} answered {operation} with malformed XML (HTTP {exc.status_code})")
            return NotOnvif(f"{where} answered {operation} with HTTP {exc.status_code} and no SOAP reply")
        case zeep_exc.XMLSyntaxError() | etree.XMLSyntaxError():
            return NotOnvif(f"{where} answered {operation} with something that is not a SOAP envelope")
        case zeep_exc.Error():
            return NotOnvif(f"{where} answered {operation} with an unexpected reply: {exc}")
    logger.warning("unexpected %s from %s during %s", type(exc).__name__, where, operation, exc_info=exc)
    return NotOnvif(f"{where} answered {operation} with something we cannot read ({type(exc).__name__}: {exc})")


def error_for_state(state: CameraState, message: str) -> OnvifError:
    """The exception a command gets while its camera is in `state` (it is not sent to the device)."""
    for cls in (DeviceUnreachable, AuthFailed, ClockSkew, NotOnvif, Unsupported):
        if cls.state == state:
            return cls(message)
    return DeviceUnreachable(message)
