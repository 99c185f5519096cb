"""Masking of personal data for roles that must not see it in full."""

from __future__ import annotations

MASK = "*"


def mask_phone(phone: str | None) -> str | None:
    """Keep the carrier prefix and last four digits: 138****5678."""
    if not phone:
        return phone
    digits = phone.strip()
    if len(digits) <= 7:
        return MASK * len(digits)
    return digits[:3] + MASK * (len(digits) - 7) + digits[-4:]


def mask_id_number(id_number: str | None) -> str | None:
    """Keep the region prefix and the check block: 330102********123X."""
    if not id_number:
        return id_number
    value = id_number.strip()
    if len(value) <= 10:
        return MASK * len(value)
    return value[:6] + MASK * (len(value) - 10) + value[-4:]


def mask_name(name: str | None) -> str | None:
    """Family name plus masks, as Chinese services show it: 张*明 → 张**."""
    if not name:
        return name
    return name[0] + MASK * (len(name) - 1)
