"""Checks of single values (ID numbers, phones, months, dates, codes).

Each check returns the normalised value or raises `InvalidInput` naming the
field. Shared by every command, so that the same mistake always gets the same
message.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date, timedelta
from enum import StrEnum
from typing import Any, TypeVar

from domain import rules

__all__ = [
    "a_date", "a_phone", "add_months", "ascii_form", "check_choice", "check_id_number", "check_month",
    "check_not_future", "check_phone", "check_range", "check_text", "choice", "id_check_digit",
    "integer",
    "month_index", "month_of", "months_between", "storable", "text",
]

E = TypeVar("E", bound=StrEnum)

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
# ASCII digits only: `\d` alone also matches fullwidth and other scripts' digits.
_ID_SHAPE = re.compile(r"^\d{17}[\dX]$", re.ASCII)
_PHONE = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$", re.ASCII)
_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$", re.ASCII)
# Characters no field may hold: C0 and C1 controls (tab, line feed and carriage
# return are judged apart), DEL, and lone surrogates (not text at all).
_UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_LINE_BREAKS = re.compile("[\t\r\n]")


def storable(text: str) -> bool:
    """False if the text holds a character no field may hold (a control or a lone surrogate)."""
    return _UNSTORABLE.search(text) is None


def check_text(field: str, label: str, value: str | None, limit: int = 100,
               required: bool = True, multiline: bool | None = None) -> str:
    """Trimmed text of at most `limit` characters, without control characters.
    Line breaks (stored as "\\n") only in free text: by default a field of 200
    characters or more (reasons, notes, reports); names, places and numbers never."""
    text = (value or "").strip()
    if multiline is None:
        multiline = limit >= 200
    if multiline:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not storable(text) or (not multiline and _LINE_BREAKS.search(text)):
        raise rules.CONTROL_CHARACTER.refuse(field=field, label=label)
    if required and not text:
        raise rules.REQUIRED.refuse(field=field, label=label)
    if len(text) > limit:
        raise rules.TOO_LONG.refuse(field=field, label=label, limit=limit)
    return text


def check_choice(field: str, label: str, value: str, enum: type[E]) -> E:
    try:
        return enum(value)
    except ValueError:
        choices = enum.describe() if hasattr(enum, "describe") else "、".join(enum)
        raise rules.CHOICE.refuse(field=field, label=label, choices=choices) from None


def check_range(field: str, label: str, value: int, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise rules.RANGE.refuse(field=field, label=label, low=low, high=high)
    return value


def id_check_digit(first17: str) -> str:
    """The check character (GB 11643) that completes 17 digits."""
    return _ID_CHECK[sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True)) % 11]


def ascii_form(value: str | None) -> str:
    """Fullwidth digits and letters (as a Chinese input method types them) as ASCII (NFKC)."""
    return unicodedata.normalize("NFKC", value or "")


def check_id_number(value: str, birth_date: date | None = None, field: str = "id_number") -> str:
    """A mainland resident ID number (GB 11643): shape, checksum, birth date.
    Fullwidth digits and Ｘ are read as ASCII; any other non-ASCII character is refused."""
    number = ascii_form(value).strip().upper()
    if not _ID_SHAPE.match(number):
        raise rules.ID_NUMBER.refuse(field=field)
    if id_check_digit(number[:17]) != number[17]:
        raise rules.ID_CHECKSUM.refuse(field=field)
    try:
        embedded = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise rules.ID_NUMBER.refuse(field=field) from None
    if birth_date is not None and embedded != birth_date:
        raise rules.ID_BIRTH.refuse(field=field, birth=birth_date.isoformat())
    return number


def check_phone(value: str, field: str = "phone") -> str:
    """A mobile or landline number; fullwidth digits are read as ASCII."""
    phone = ascii_form(value).strip().replace(" ", "")
    if not _PHONE.match(phone):
        raise rules.PHONE.refuse(field=field)
    return phone


def check_month(value: str, field: str = "months") -> str:
    text = ascii_form(value).strip()
    if not _MONTH.match(text):
        raise rules.MONTH.refuse(field=field, value=value)
    return text


def check_not_future(value: date, today: date, field: str = "effective_on",
                     label: str = "发生日期") -> date:
    if value > today:
        raise rules.FUTURE_DATE.refuse(field=field, label=label, today=today.isoformat())
    return value


def month_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def month_index(month: str) -> int:
    """Months since year 0, so that month arithmetic is subtraction."""
    year, mon = month.split("-")
    return int(year) * 12 + int(mon) - 1


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clamped to the month's end."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def months_between(start: date, end: date) -> int:
    """Whole months from start to end (0 if end is earlier); a month's last day
    completes a month begun on a later day (31 Jan → 28 Feb is one month)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    month_end = (end + timedelta(days=1)).day == 1
    if end.day < start.day and not month_end:
        months -= 1
    return max(months, 0)


# Coercers for corrections: (value, field) -> checked value of the event's own type.

def text(label: str, limit: int = 100, required: bool = True, multiline: bool | None = None):
    return lambda value, field: check_text(field, label, value, limit, required, multiline)


def choice(label: str, enum: type[E]):
    return lambda value, field: str(check_choice(field, label, value, enum))


def integer(label: str, low: int, high: int):
    return lambda value, field: check_range(field, label, value, low, high)


def a_date(label: str):
    def coerce(value: Any, field: str) -> date:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            raise rules.CHOICE.refuse(field=field, label=label, choices="YYYY-MM-DD 格式的日期") from None
    return coerce


def a_phone():
    return lambda value, field: check_phone(value, field)


# Free text staff type while someone is on the phone or at the desk (care requests, hotline
# calls, dues approvals) must not carry a phone or ID number: those are kept only encrypted.
_NUMBER = re.compile(r"\d{7,}", re.ASCII)
# Between digits, anything but a letter or a CJK character other than a numeral may separate them
# (139.1234.5678, 139，1234，5678); Chinese numerals spell digits (一三九…).
_SEPARATORS = re.compile(r"[^0-9A-Za-z\u4e00-\u9fff]+")
_NUMERALS = str.maketrans("〇零一二三四五六七八九", "00123456789")


def check_free_text(field: str, label: str, value: str | None, limit: int, required: bool = True) -> str:
    """`check_text`, and no phone or ID number in it (fullwidth digits, Chinese numerals and
    separators between the digits count too)."""
    text = check_text(field, label, value, limit, required)
    if _NUMBER.search(_SEPARATORS.sub("", ascii_form(text).translate(_NUMERALS))):
        raise rules.CARE_NUMBER.refuse(field=field, label=label)
    return text


def free_text(label: str, limit: int, required: bool = True) -> Callable[[Any, str], str]:
    """The coercer a correction of such a field passes."""
    return lambda value, field: check_free_text(field, label, value, limit, required)
