"""Masks for personal data shown in views and exports (PIPL): enough to
recognise a person, never enough to use the number."""

from __future__ import annotations

__all__ = ["mask_id_number", "mask_phone"]


def mask_id_number(id_number: str) -> str:
    """Only the last four characters: **************001X."""
    return "*" * (len(id_number) - 4) + id_number[-4:] if len(id_number) > 4 else "****"


def mask_phone(phone: str | None) -> str:
    """The first three and last four digits of a mobile: 138****5678."""
    if not phone:
        return ""
    digits = phone.replace("-", "")
    if len(digits) < 8:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]
