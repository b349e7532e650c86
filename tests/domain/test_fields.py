"""Single values: ID numbers, months and dates (no store involved)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain import rules
from domain.errors import InvalidInput
from domain.fields import add_months, check_id_number, id_check_digit, month_index, months_between

digits17 = st.text("0123456789", min_size=17, max_size=17).map(lambda s: "511922" + "19850304" + s[:3])


@given(digits17)
def test_an_id_number_with_its_check_digit_passes(first17: str) -> None:
    number = first17 + id_check_digit(first17)
    assert check_id_number(number.lower()) == number


@given(digits17, st.integers(0, 16), st.integers(1, 9))
def test_changing_one_digit_breaks_the_checksum(first17: str, position: int, delta: int) -> None:
    number = first17 + id_check_digit(first17)
    changed = number[:position] + str((int(number[position]) + delta) % 10) + number[position + 1:]
    with pytest.raises(InvalidInput) as caught:
        check_id_number(changed)
    assert caught.value.code in (rules.ID_CHECKSUM.code, rules.ID_NUMBER.code)


def test_the_birth_date_inside_the_id_number_must_match() -> None:
    number = "51192219850304001" + id_check_digit("51192219850304001")
    assert check_id_number(number, date(1985, 3, 4)) == number
    with pytest.raises(InvalidInput) as caught:
        check_id_number(number, date(1985, 3, 5))
    assert caught.value.text == "身份证号：身份证号中的出生日期与填写的出生日期（1985-03-05）不一致"


@given(st.dates(date(1950, 1, 1), date(2100, 1, 1)), st.integers(0, 240))
def test_adding_months_then_counting_them_gives_them_back(start: date, months: int) -> None:
    assert months_between(start, add_months(start, months)) == months


def test_month_arithmetic() -> None:
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert months_between(date(2024, 1, 31), date(2024, 7, 30)) == 5
    assert months_between(date(2024, 1, 31), date(2024, 2, 29)) == 1  # February's last day
    assert months_between(date(2024, 7, 1), date(2024, 1, 1)) == 0
    assert month_index("2025-01") - month_index("2024-12") == 1
