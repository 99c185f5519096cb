"""ONVIF PTZ service (ver20/ptz): moves, status and presets, all through the camera's PtzState."""

from __future__ import annotations

import logging
from collections.abc import Callable

from lxml import etree

from ..model import PtzPosition, PtzState, SimCamera
from .soap import Handler, SoapCall, SoapFault, el, find, invalid_arg, qn, required_text, text
from .xstypes import format_datetime, parse_bool, parse_duration, parse_float

logger = logging.getLogger(__name__)

NODE = "ptzn0"
CONFIG = "ptzc0"
MAX_PRESETS = 128
_SPACES = "http://www.onvif.org/ver10/tptz"
PAN_TILT_POSITION = f"{_SPACES}/PanTiltSpaces/PositionGenericSpace"
ZOOM_POSITION = f"{_SPACES}/ZoomSpaces/PositionGenericSpace"
PAN_TILT_TRANSLATION = f"{_SPACES}/PanTiltSpaces/TranslationGenericSpace"
ZOOM_TRANSLATION = f"{_SPACES}/ZoomSpaces/TranslationGenericSpace"
PAN_TILT_VELOCITY = f"{_SPACES}/PanTiltSpaces/VelocityGenericSpace"
ZOOM_VELOCITY = f"{_SPACES}/ZoomSpaces/VelocityGenericSpace"
PAN_TILT_SPEED = f"{_SPACES}/PanTiltSpaces/GenericSpeedSpace"
ZOOM_SPEED = f"{_SPACES}/ZoomSpaces/ZoomGenericSpeedSpace"


def _range(lo: float, hi: float) -> tuple[etree._Element, ...]:
    return el("tt:Min", lo), el("tt:Max", hi)


def _space2d(tag: str, uri: str, lo: float = -1.0, hi: float = 1.0) -> etree._Element:
    return el(tag, el("tt:URI", uri), el("tt:XRange", *_range(lo, hi)), el("tt:YRange", *_range(lo, hi)))


def _space1d(tag: str, uri: str, lo: float, hi: float) -> etree._Element:
    return el(tag, el("tt:URI", uri), el("tt:XRange", *_range(lo, hi)))


def ptz_configuration(use_count: int, tag: str = "tt:PTZConfiguration") -> etree._Element:
    """The one PTZ configuration of a PTZ camera (part of every media profile)."""
    return el(tag,
              el("tt:Name", "PTZConfig"), el("tt:UseCount", use_count), el("tt:NodeToken", NODE),
              el("tt:DefaultAbsolutePantTiltPositionSpace", PAN_TILT_POSITION),
              el("tt:DefaultAbsoluteZoomPositionSpace", ZOOM_POSITION),
              el("tt:DefaultRelativePanTiltTranslationSpace", PAN_TILT_TRANSLATION),
              el("tt:DefaultRelativeZoomTranslationSpace", ZOOM_TRANSLATION),
              el("tt:DefaultContinuousPanTiltVelocitySpace", PAN_TILT_VELOCITY),
              el("tt:DefaultContinuousZoomVelocitySpace", ZOOM_VELOCITY),
              el("tt:DefaultPTZSpeed", el("tt:PanTilt", x=1.0, y=1.0, space=PAN_TILT_SPEED),
                 el("tt:Zoom", x=1.0, space=ZOOM_SPEED)),
              el("tt:DefaultPTZTimeout", "PT5S"),
              el("tt:PanTiltLimits", _space2d("tt:Range", PAN_TILT_POSITION)),
              el("tt:ZoomLimits", _space1d("tt:Range", ZOOM_POSITION, 0.0, 1.0)),
              token=CONFIG)


def _vector(pan_tilt: etree._Element | None, zoom: etree._Element | None, pt_space: str, zoom_space: str,
            ) -> tuple[float | None, float | None, float | None]:
    """(x, y, zoom) of a PTZVector/PTZSpeed; None for a part not given. Faults on a foreign space."""
    for node, space in ((pan_tilt, pt_space), (zoom, zoom_space)):
        if node is not None and node.get("space") not in (None, "", space):
            raise invalid_arg("ter:SpaceNotSupported", f"Space {node.get('space')} is not supported")
    try:
        x = parse_float(pan_tilt.get("x")) if pan_tilt is not None else None
        y = parse_float(pan_tilt.get("y")) if pan_tilt is not None else None
        z = parse_float(zoom.get("x")) if zoom is not None else None
    except ValueError as exc:
        raise SoapFault("Sender", ["ter:InvalidArgVal"], f"Bad PTZ vector: {exc}") from None
    return x, y, z


class PtzService:
    def __init__(self, camera: SimCamera, ptz: PtzState, profile_tokens: Callable[[], set[str]]) -> None:
        self._camera = camera
        self._ptz = ptz
        self._profile_tokens = profile_tokens

    def operations(self) -> dict[str, Handler]:
        ops: dict[str, Handler] = {
            "GetServiceCapabilities": self.get_service_capabilities,
            "GetNodes": self.get_nodes, "GetNode": self.get_node,
            "GetConfigurations": self.get_configurations, "GetConfiguration": self.get_configuration,
            "ContinuousMove": self.continuous_move, "Stop": self.stop,
            "AbsoluteMove": self.absolute_move, "RelativeMove": self.relative_move,
            "GetStatus": self.get_status,
            "GetPresets": self.get_presets, "SetPreset": self.set_preset,
            "GotoPreset": self.goto_preset, "RemovePreset": self.remove_preset,
        }
        return {qn(f"tptz:{name}"): handler for name, handler in ops.items()}

    @staticmethod
    def capabilities() -> etree._Element:
        return el("tptz:Capabilities", EFlip=False, Reverse=False, GetCompatibleConfigurations=False)

    def _check_profile(self, call: SoapCall) -> None:
        token = required_text(call.op, "ProfileToken")
        if token not in self._profile_tokens():
            raise invalid_arg("ter:NoProfile", f"The requested profile token {token!r} does not exist")

    @staticmethod
    def _node(tag: str) -> etree._Element:
        return el(tag,
                  el("tt:Name", "PTZNode"),
                  el("tt:SupportedPTZSpaces",
                     _space2d("tt:AbsolutePanTiltPositionSpace", PAN_TILT_POSITION),
                     _space1d("tt:AbsoluteZoomPositionSpace", ZOOM_POSITION, 0.0, 1.0),
                     _space2d("tt:RelativePanTiltTranslationSpace", PAN_TILT_TRANSLATION),
                     _space1d("tt:RelativeZoomTranslationSpace", ZOOM_TRANSLATION, -1.0, 1.0),
                     _space2d("tt:ContinuousPanTiltVelocitySpace", PAN_TILT_VELOCITY),
                     _space1d("tt:ContinuousZoomVelocitySpace", ZOOM_VELOCITY, -1.0, 1.0),
                     _space1d("tt:PanTiltSpeedSpace", PAN_TILT_SPEED, 0.0, 1.0),
                     _space1d("tt:ZoomSpeedSpace", ZOOM_SPEED, 0.0, 1.0)),
                  el("tt:MaximumNumberOfPresets", MAX_PRESETS), el("tt:HomeSupported", False),
                  token=NODE, FixedHomePosition=False)

    @staticmethod
    def _position(pos: PtzPosition, tag: str = "tt:Position") -> etree._Element:
        return el(tag,
                  el("tt:PanTilt", x=pos.pan, y=pos.tilt, space=PAN_TILT_POSITION),
                  el("tt:Zoom", x=pos.zoom, space=ZOOM_POSITION))

    # -- configuration -------------------------------------------------------------------------

    async def get_service_capabilities(self, call: SoapCall) -> etree._Element:
        return el("tptz:GetServiceCapabilitiesResponse", self.capabilities())

    async def get_nodes(self, call: SoapCall) -> etree._Element:
        return el("tptz:GetNodesResponse", self._node("tptz:PTZNode"))

    async def get_node(self, call: SoapCall) -> etree._Element:
        if required_text(call.op, "NodeToken") != NODE:
            raise invalid_arg("ter:NoEntity", "No such PTZ node")
        return el("tptz:GetNodeResponse", self._node("tptz:PTZNode"))

    async def get_configurations(self, call: SoapCall) -> etree._Element:
        uses = len(self._camera.streams)
        return el("tptz:GetConfigurationsResponse", ptz_configuration(uses, "tptz:PTZConfiguration"))

    async def get_configuration(self, call: SoapCall) -> etree._Element:
        if required_text(call.op, "PTZConfigurationToken") != CONFIG:
            raise invalid_arg("ter:NoConfig", "No such PTZ configuration")
        uses = len(self._camera.streams)
        return el("tptz:GetConfigurationResponse", ptz_configuration(uses, "tptz:PTZConfiguration"))

    # -- moving --------------------------------------------------------------------------------

    async def continuous_move(self, call: SoapCall) -> etree._Element:
        self._check_profile(call)
        velocity = find(call.op, "Velocity")
        if velocity is None:
            raise SoapFault("Sender", ["ter:InvalidArgs"], "Missing argument: Velocity")
        x, y, z = _vector(find(velocity, "PanTilt"), find(velocity, "Zoom"), PAN_TILT_VELOCITY, ZOOM_VELOCITY)
        speeds = [v or 0.0 for v in (x, y, z)]
        if any(abs(v) > 1.0 for v in speeds):
            raise invalid_arg("ter:InvalidVelocity", "Velocity outside the generic space [-1, 1]")
        timeout = text(call.op, "Timeout")
        try:
            timeout_s = parse_duration(timeout) if timeout else None
        except ValueError as exc:
            raise SoapFault("Sender", ["ter:InvalidArgVal"], str(exc)) from None
        if timeout_s is not None and timeout_s <= 0:
            raise SoapFault("Sender", ["ter:InvalidArgVal"], "Timeout must be positive")
        self._ptz.continuous_move(speeds[0], speeds[1], speeds[2], timeout_s)
        return el("tptz:ContinuousMoveResponse")

    async def stop(self, call: SoapCall) -> etree._Element:
        self._check_profile(call)
        try:
            pan_tilt = parse_bool(text(call.op, "PanTilt") or "true")
            zoom = parse_bool(text(call.op, "Zoom") or "true")
        except ValueError as exc:
            raise SoapFault("Sender", ["ter:InvalidArgVal"], str(exc)) from None
        self._ptz.stop(pan_tilt=pan_tilt, zoom=zoom)
        return el("tptz:StopResponse")

    def _move_to(self, pan: float, tilt: float, zoom: float) -> None:
        if not (-1.0 <= pan <= 1.0 and -1.0 <= tilt <= 1.0 and 0.0 <= zoom <= 1.0):
            raise invalid_arg("ter:InvalidPosition", "Position outside the generic space")
        self._ptz.absolute_move(PtzPosition(pan, tilt, zoom))

    async def absolute_move(self, call: SoapCall) -> etree._Element:
        self._check_profile(call)
        position = find(call.op, "Position")
        if position is None:
            raise SoapFault("Sender", ["ter:InvalidArgs"], "Missing argument: Position")
        x, y, z = _vector(find(position, "PanTilt"), find(position, "Zoom"), PAN_TILT_POSITION, ZOOM_POSITION)
        now = self._ptz.position()
        self._move_to(now.pan if x is None else x, now.tilt if y is None else y, now.zoom if z is None else z)
        return el("tptz:AbsoluteMoveResponse")

    async def relative_move(self, call: SoapCall) -> etree._Element:
        self._check_profile(call)
        move = find(call.op, "Translation")
        if move is None:
            raise SoapFault("Sender", ["ter:InvalidArgs"], "Missing argument: Translation")
        x, y, z = _vector(find(move, "PanTilt"), find(move, "Zoom"), PAN_TILT_TRANSLATION, ZOOM_TRANSLATION)
        now = self._ptz.position()
        pan = (now.pan + (x or 0.0) + 1.0) % 2.0 - 1.0
        tilt = max(-1.0, min(1.0, now.tilt + (y or 0.0)))
        zoom = max(0.0, min(1.0, now.zoom + (z or 0.0)))
        self._move_to(pan, tilt, zoom)
        return el("tptz:RelativeMoveResponse")

    async def get_status(self, call: SoapCall) -> etree._Element:
        self._check_profile(call)
        state = "MOVING" if self._ptz.moving else "IDLE"
        return el("tptz:GetStatusResponse",
                  el("tptz:PTZStatus", self._position(self._ptz.position()),
                     el("tt:MoveStatus", el("tt:PanTilt", state), el("tt:Zoom", state)),
                     el("tt:UtcTime", format_datetime(self._camera.device_time(), millis=True))))

    # -- presets -------------------------------------------------------------------------------

    async def get_presets(self, call: SoapCall) -> etree._Element:
        self._check_profile(call)
        presets = [el("tptz:Preset", el("tt:Name", p.name),
                      self._position(p.position, "tt:PTZPosition"), token=p.token)
                   for p in self._ptz.presets()]
        return el("tptz:GetPresetsResponse", *presets)

    async def set_preset(self, call: SoapCall) -> etree._Element:
        self._check_profile(call)
        name = text(call.op, "PresetName") or ""
        token = text(call.op, "PresetToken") or None
        existing = {p.token: p for p in self._ptz.presets()}
        if token is not None and token not in existing:
            raise invalid_arg("ter:NoToken", f"No preset with token {token!r}")
        if token is None and len(existing) >= MAX_PRESETS:
            raise SoapFault("Receiver", ["ter:Action", "ter:TooManyPresets"], "Maximum number of presets reached")
        if any(p.name == name and p.token != token for p in existing.values() if name):
            raise invalid_arg("ter:PresetExist", f"A preset named {name!r} already exists")
        preset = self._ptz.set_preset(name or (existing[token].name if token else ""), token)
        return el("tptz:SetPresetResponse", el("tptz:PresetToken", preset.token))

    async def goto_preset(self, call: SoapCall) -> etree._Element:
        self._check_profile(call)
        token = required_text(call.op, "PresetToken")
        try:
            self._ptz.goto_preset(token)
        except KeyError:
            raise invalid_arg("ter:NoToken", f"No preset with token {token!r}") from None
        return el("tptz:GotoPresetResponse")

    async def remove_preset(self, call: SoapCall) -> etree._Element:
        self._check_profile(call)
        token = required_text(call.op, "PresetToken")
        try:
            self._ptz.remove_preset(token)
        except KeyError:
            raise invalid_arg("ter:NoToken", f"No preset with token {token!r}") from None
        return el("tptz:RemovePresetResponse")
