"""XML Schema value types used on the ONVIF wire: durations, dateTimes, booleans, floats."""

from __future__ import annotations

import logging
import math
import re
from datetime import UTC, datetime

logger = logging.getLogger(__name__)

_DURATION = re.compile(
    r"^(?P<sign>-)?P(?:(?P<Y>\d+)Y)?(?:(?P<M>\d+)M)?(?:(?P<W>\d+)W)?(?:(?P<D>\d+)D)?"
    r"(?:T(?:(?P<h>\d+)H)?(?:(?P<m>\d+)M)?(?:(?P<s>\d+(?:\.\d+)?)S)?)?$")
_SECONDS = {"Y": 365 * 86400, "M": 30 * 86400, "W": 7 * 86400, "D": 86400, "h": 3600, "m": 60, "s": 1}


def parse_duration(value: str) -> float:
    """'PT1M30S' -> 90.0 seconds; years and months are taken as 365 and 30 days."""
    match = _DURATION.match(value.strip())
    if not match or value.strip().endswith("T") or not any(match.group(k) for k in _SECONDS):
        raise ValueError(f"not an xs:duration: {value!r}")
    seconds = sum(float(match.group(k)) * f for k, f in _SECONDS.items() if match.group(k))
    return -seconds if match.group("sign") else seconds


def format_duration(seconds: float) -> str:
    if seconds == int(seconds):
        return f"PT{int(seconds)}S"
    return f"PT{seconds:.3f}S"


def parse_datetime(value: str) -> datetime:
    """An xs:dateTime as an aware datetime; a value without zone is taken as UTC."""
    parsed = datetime.fromisoformat(value.strip())
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def format_datetime(moment: datetime, *, millis: bool = False) -> str:
    """UTC with a 'Z', as cameras send it (clients such as npm onvif only read this form)."""
    moment = moment.astimezone(UTC)
    if millis:
        return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_bool(value: str) -> bool:
    lowered = value.strip().lower()
    if lowered in ("true", "1"):
        return True
    if lowered in ("false", "0"):
        return False
    raise ValueError(f"not an xs:boolean: {value!r}")


def parse_float(value: str | None) -> float:
    if value is None:
        raise ValueError("missing number")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"not a finite number: {value!r}")
    return number
